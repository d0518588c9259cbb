"""Ctrl-C (SIGINT) and SIGTERM in the claimcheck command: one line on stderr ("interrupted",
"terminated") and exit 130 or 143, never a traceback and never the exit code of a finished run.

The package imports this module before anything else, and importing it calls `while_starting()`:
in the claimcheck command itself, and only there (a program that imports the library keeps its
own handling), a signal that comes while the command starts ends the process at once, as nothing
has been written yet. `handled()` then covers the command: a signal raises `Interrupted`, so that
`finally` blocks run (a temporary output file is removed, the progress bar restores the
terminal), and one that was swallowed on the way (by a `__del__` method) still ends the run so.
"""

from __future__ import annotations

import contextlib
import itertools
import os
import signal
import sys
from collections.abc import Callable, Iterator
from types import FrameType
from typing import Any

WORDS: dict[int, str] = {signal.SIGINT: "interrupted", signal.SIGTERM: "terminated"}
Handler = Callable[[int, FrameType | None], Any]


class Interrupted(BaseException):
    """SIGINT or SIGTERM while a command runs. Not a KeyboardInterrupt: click would turn that
    into an abort with a blank line of its own."""

    def __init__(self, signum: int) -> None:
        super().__init__(signum)
        self.signum = signum


def exit_code(signum: int) -> int:
    """The shell's code for a process ended by `signum`: 130 for SIGINT, 143 for SIGTERM."""
    return 128 + signum


def is_command() -> bool:
    """Whether this process is the claimcheck command: its script or `python -m claimcheck`."""
    script = os.path.basename(sys.argv[0]) if sys.argv and sys.argv[0] else ""
    if script.removesuffix(".exe").removesuffix("-script.py") == "claimcheck":
        return True
    argv = getattr(sys, "orig_argv", [])
    return any(pair == ("-m", "claimcheck") for pair in itertools.pairwise(argv))


def _quit(signum: int, frame: FrameType | None) -> None:
    """End the process at once, with its line: nothing is under way that needs undoing."""
    _say(signum)
    os._exit(exit_code(signum))


def _say(signum: int) -> None:
    with contextlib.suppress(OSError):  # no stderr to tell
        os.write(2, f"{WORDS.get(signum, 'interrupted')}\n".encode())


def _install(signum: int, handler: Handler) -> Any:
    """Set `handler` for `signum` and return the handler it replaces, unless the signal is
    ignored (`nohup`, a shell's background job) or another program's handler is set: then None.
    Only the main thread may set handlers; elsewhere, None too."""
    try:
        previous = signal.getsignal(signum)
        if previous not in (signal.default_int_handler, signal.SIG_DFL, _quit):
            return None
        signal.signal(signum, handler)
    except ValueError:
        return None
    return previous


def while_starting() -> None:
    """In the claimcheck command: a signal from now until `handled()` ends the process at once."""
    if is_command():
        for signum in WORDS:
            _install(signum, _quit)


@contextlib.contextmanager
def handled(enabled: bool = True) -> Iterator[None]:
    """Within the block, SIGINT and SIGTERM raise Interrupted; then, or if a signal came and was
    swallowed (Python then reports nothing of it), the block ends with the signal's line on
    stderr and SystemExit(130 or 143)."""
    if not enabled:
        yield
        return
    seen: list[int] = []
    closing: list[bool] = []

    def interrupt(signum: int, frame: FrameType | None) -> None:
        if not seen:  # a second signal while the first unwinds is not raised again
            seen.append(signum)
            if not closing:  # past the block, the signal is only recorded
                raise Interrupted(signum)

    def unraisable(report: Any) -> None:
        if not isinstance(report.exc_value, Interrupted):  # one a __del__ swallowed: seen
            hook(report)

    previous = {s: p for s in WORDS if (p := _install(s, interrupt)) is not None}
    hook, sys.unraisablehook = sys.unraisablehook, unraisable
    try:
        yield
    except Interrupted:
        pass
    finally:
        closing.append(True)
        for signum, handler in previous.items():
            signal.signal(signum, handler)
        sys.unraisablehook = hook
        if seen:
            _say(seen[0])
            raise SystemExit(exit_code(seen[0]))  # in place of the run's own exit code


while_starting()
