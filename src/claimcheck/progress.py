"""The progress bar drawn on stderr while `compare` runs, and the per-stage timing lines of -v."""

from __future__ import annotations

import threading
from collections.abc import Sequence
from types import TracebackType

from rich.console import Console
from rich.progress import (
    BarColumn,
    MofNCompleteColumn,
    Progress,
    TextColumn,
    TimeElapsedColumn,
    TimeRemainingColumn,
)


class ProgressBar:
    """A stage-by-stage bar that appears only once a run has taken `delay` seconds.

    Use as a context manager and pass it to `compare(progress=...)`. It draws nothing when
    disabled or when the console is not a terminal.
    """

    def __init__(self, console: Console, *, enabled: bool = True, delay: float = 1.0) -> None:
        self.progress = Progress(
            TextColumn("{task.description:<8}"),
            BarColumn(),
            MofNCompleteColumn(),
            TimeElapsedColumn(),
            TimeRemainingColumn(),  # the ETA: of the stories, in the "compare" stage of many
            console=console,
            transient=True,
        )
        self.task = self.progress.add_task("", total=None)
        self.enabled = enabled and console.is_terminal
        self.lock = threading.Lock()
        self.timer = threading.Timer(delay, self._start)
        self.timer.daemon = True
        self.started = self.stopped = False

    def __call__(self, stage: str, done: int, total: int) -> None:
        """The `compare` progress callback."""
        self.progress.update(self.task, description=stage, completed=done, total=total)

    def __enter__(self) -> ProgressBar:
        if self.enabled:
            self.timer.start()
        return self

    def __exit__(
        self,
        kind: type[BaseException] | None,
        error: BaseException | None,
        trace: TracebackType | None,
    ) -> None:
        self.timer.cancel()
        with self.lock:
            self.stopped = True
            if self.started:
                self.progress.stop()

    def _start(self) -> None:
        with self.lock:
            if not self.stopped:
                self.started = True
                self.progress.start()


def timing_lines(timings: Sequence[tuple[str, float]]) -> list[str]:
    """One line per stage, "judge      0.42s", and the total."""
    lines = [f"{stage:<8} {seconds:7.2f}s" for stage, seconds in timings]
    total = sum(seconds for _, seconds in timings)
    return [*lines, f"{'total':<8} {total:7.2f}s"]
