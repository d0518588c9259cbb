"""Build claimcheck, compiling the modules of its hot path with mypyc where the machine can.

The project's metadata is in pyproject.toml; this file only adds the compiled modules, which give
the same results faster (the test suite runs on whichever build is installed). An editable
install (`pip install -e .`) stays pure Python, so that edits take effect; so does an install
without a C compiler, one where mypyc fails, and one with CLAIMCHECK_PURE=1 in the environment.
The compiled modules are built all together or not at all.
"""

from __future__ import annotations

import os
import sys
from pathlib import Path
from typing import Any

from setuptools import setup
from setuptools.command.build_ext import build_ext

# The public records (model.py, settings.py, kinds.py) and the façade (__init__.py) stay pure
# Python: mypyc drops docstrings, and help(claimcheck.Claim) should show what a Claim is.
COMPILED = [
    "src/claimcheck/lexicon.py",
    "src/claimcheck/normalise.py",
    "src/claimcheck/match.py",
    "src/claimcheck/judge/__init__.py",
    "src/claimcheck/judge/base.py",
    "src/claimcheck/judge/date.py",
    "src/claimcheck/judge/number.py",
    "src/claimcheck/judge/figures.py",
    "src/claimcheck/judge/polarity.py",
    "src/claimcheck/judge/antonym.py",
    "src/claimcheck/judge/actor.py",
    "src/claimcheck/judge/place.py",
    "src/claimcheck/pairs.py",
    "src/claimcheck/extract/__init__.py",
    "src/claimcheck/extract/classify.py",
    "src/claimcheck/extract/context.py",
    "src/claimcheck/extract/dates.py",
    "src/claimcheck/extract/numbers.py",
    "src/claimcheck/extract/references.py",
    "src/claimcheck/extract/resolve.py",
    "src/claimcheck/extract/scan.py",
    "src/claimcheck/extract/segment.py",
    "src/claimcheck/extract/slots.py",
    "src/claimcheck/align.py",
    "src/claimcheck/cores.py",
    "src/claimcheck/facts.py",
    "src/claimcheck/copies.py",
    "src/claimcheck/stories.py",
    "src/claimcheck/stances.py",
    "src/claimcheck/located.py",
    "src/claimcheck/grouping.py",
    "src/claimcheck/jsonio.py",
]


def _warn(message: str, error: BaseException) -> None:
    reason = f"{type(error).__name__}: {str(error).splitlines()[0] if str(error) else ''}"
    print(f"claimcheck: {message} ({reason[:120]}); installing pure Python", file=sys.stderr)


class AllOrNothing(build_ext):
    """Builds every compiled module or, on any failure, none: the modules share one runtime
    library, and a module whose library is missing, or is another build's, would not import."""

    def run(self) -> None:
        self._clear()  # a build tree kept from an earlier build may hold modules no longer built
        try:
            super().run()
        except Exception as error:  # no compiler, or a compile error: the .py files serve
            self._clear()
            self.extensions = []
            _warn("could not compile", error)

    def _clear(self) -> None:
        root = Path(self.build_lib)
        built = ("claimcheck__mypyc*", "claimcheck/**/*.so", "claimcheck/**/*.pyd")
        for path in [found for pattern in built for found in root.glob(pattern)]:
            path.unlink()


def extensions() -> list[Any]:
    # Only a wheel's build needs them (pip first asks for metadata, which would type-check in
    # vain), and an editable install (`editable_wheel`) stays pure Python.
    building = {"bdist_wheel", "build", "build_ext", "install"} & set(sys.argv)
    if os.environ.get("CLAIMCHECK_PURE", "").lower() in ("1", "true", "yes") or not building:
        return []
    try:
        from mypyc.build import mypycify

        # The build has none of the dependencies installed: rapidfuzz's calls are typed Any.
        options = ["--ignore-missing-imports"]
        return mypycify([*options, *COMPILED], group_name="claimcheck")
    except (Exception, SystemExit) as error:  # mypyc missing, or its type check failed
        _warn("mypyc could not prepare the modules", error)
        return []


setup(ext_modules=extensions(), cmdclass={"build_ext": AllOrNothing})
