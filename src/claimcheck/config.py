"""Configuration: `claimcheck.toml` or `[tool.claimcheck]` in `pyproject.toml`, found upward from
the working directory or named explicitly, merged as command line over file over defaults."""

from __future__ import annotations

import difflib
import os
import re
import tomllib
from collections.abc import Callable, Mapping
from dataclasses import dataclass, replace
from pathlib import Path
from typing import Any

from claimcheck.errors import ConfigError
from claimcheck.settings import KNOBS, Settings, strings

FILES = ("claimcheck.toml", "pyproject.toml")  # looked for in this order in each directory
DEFAULT = "default"
COMMAND_LINE = "command line"


@dataclass(frozen=True, slots=True)
class Config:
    """The effective settings and default paths, and where each key's value came from."""

    settings: Settings
    paths: tuple[str, ...]  # empty: the built-in demo corpus
    provenance: dict[str, str]  # key -> "default", a file path or "command line"
    file: str | None = None  # the configuration file read, if any

    def to_dict(self) -> dict[str, Any]:
        values = {"paths": list(self.paths), **_values(self.settings)}
        return {
            "file": self.file,
            "settings": {k: {"value": values[k], "source": s} for k, s in self.provenance.items()},
        }


# Each key of the file: the Settings field it fills ("" for paths) and how the file's value is
# read (a file's lists and tables become the record's tuples), in the order of the fields.
KEYS: dict[str, tuple[str, Callable[[Any], Any]]] = {
    "paths": ("", strings),
    **{name.replace("_", "-"): (name, about.read) for name, about in KNOBS.items()},
}


def find(start: Path | None = None) -> Path | None:
    """The first claimcheck.toml, or pyproject.toml with [tool.claimcheck], from `start` upward."""
    here = (start or Path.cwd()).resolve()
    for directory in (here, *here.parents):
        for name in FILES:
            candidate = directory / name
            if candidate.is_file() and (name != "pyproject.toml" or _has_table(candidate)):
                return candidate
    return None


def _has_table(pyproject: Path) -> bool:
    return "claimcheck" in _tool(pyproject, _parse(pyproject)[1])


def _tool(pyproject: Path, table: dict[str, Any]) -> dict[str, Any]:
    """The [tool] table of a pyproject.toml ({} when there is none)."""
    tool = table.get("tool", {})
    if not isinstance(tool, dict):
        line = _line(_parse(pyproject)[0], "tool", "")
        raise ConfigError('key "tool" must be a table', path=str(pyproject), line=line)
    return tool


def _parse(path: Path) -> tuple[str, dict[str, Any]]:
    """The file's text and its TOML tables."""
    try:
        text = path.read_text(encoding="utf-8-sig")
        return text, tomllib.loads(text)
    except OSError as error:
        raise ConfigError(error.strerror or "cannot read file", path=str(path)) from error
    except (tomllib.TOMLDecodeError, UnicodeDecodeError) as error:
        raise ConfigError(f"not valid TOML: {error}", path=str(path)) from error


def read(path: Path) -> dict[str, Any]:
    """The checked values of a configuration file, by key (paths relative to the working dir)."""
    text, table = _parse(path)
    prefix = ""
    if path.name == "pyproject.toml":
        found, prefix = _tool(path, table).get("claimcheck"), "tool.claimcheck."
        if found is None:
            raise ConfigError("no [tool.claimcheck] table", path=str(path))
        if not isinstance(found, dict):
            line = _line(text, "claimcheck", "")
            raise ConfigError('key "tool.claimcheck" must be a table', path=str(path), line=line)
        table = found
    values = {}
    for key, raw in table.items():
        line = _line(text, key, prefix)
        if key not in KEYS:
            reason = f'unknown key "{prefix}{key}"{_suggest(key)}'
            raise ConfigError(reason, path=str(path), line=line)
        try:
            values[key] = KEYS[key][1](raw)
        except ValueError as error:
            reason = f'key "{prefix}{key}": {error}'
            raise ConfigError(reason, path=str(path), line=line) from error
    if "paths" in values:
        values["paths"] = tuple(_relative(path.parent, p) for p in values["paths"])
    return values


def _suggest(key: str) -> str:
    close = difflib.get_close_matches(key.replace("_", "-"), KEYS, n=1)
    return f' (did you mean "{close[0]}"?)' if close else ""


def _line(text: str, key: str, prefix: str) -> int | None:
    """The line that sets `key`, after the [tool.claimcheck] header in a pyproject.toml."""
    start = text.find("[tool.claimcheck]") if prefix else 0
    pattern = re.compile(rf"^[ \t]*[\"']?{re.escape(key)}[\"']?[ \t]*=", re.MULTILINE)
    found = pattern.search(text, max(start, 0))
    return text.count("\n", 0, found.start()) + 1 if found else None


def _relative(base: Path, path: str) -> str:
    if path == "-" or Path(path).is_absolute():
        return path
    return os.path.relpath(base / path)


def resolve(
    overrides: Mapping[str, Any] | None = None, *, file: str | Path | None = None
) -> Config:
    """Defaults, then the configuration file (`file`, or the one found), then `overrides`.

    `overrides` maps configuration keys to command-line values; None means "not given".
    """
    path = Path(file) if file is not None else find()
    layers = [(DEFAULT, _defaults())]
    if path is not None:
        layers.append((str(path), read(path)))
    layers.append((COMMAND_LINE, {k: v for k, v in (overrides or {}).items() if v is not None}))
    merged: dict[str, Any] = {}
    provenance: dict[str, str] = {}
    for source, values in layers:
        for key, value in values.items():
            merged[key], provenance[key] = value, source
    fields = {KEYS[k][0]: v for k, v in merged.items() if k != "paths"}
    settings = replace(Settings(), **fields)
    return Config(settings, tuple(merged["paths"]), provenance, str(path) if path else None)


def _defaults() -> dict[str, Any]:
    settings = Settings()
    return {key: getattr(settings, name) if name else () for key, (name, _) in KEYS.items()}


def _values(settings: Settings) -> dict[str, Any]:
    plain = settings.to_dict()
    return {key: plain[name] for key, (name, _) in KEYS.items() if name}
