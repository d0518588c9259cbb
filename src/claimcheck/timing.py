"""Stage progress and timings for long library calls: the library reports, the caller draws."""

from __future__ import annotations

import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager

# Called with (stage, done, total) as a stage starts and as it advances.
Progress = Callable[[str, int, int], None]
# Marks steps of a stage done: step() one, step(n) n of them.
Step = Callable[..., None]


class Stages:
    """Passes stage progress to an optional callback and records how long each stage took."""

    def __init__(self, progress: Progress | None = None) -> None:
        self.progress = progress
        self.timings: list[tuple[str, float]] = []

    @contextmanager
    def stage(
        self, name: str, total: int = 1, *, label: Callable[[], str] | None = None
    ) -> Iterator[Step]:
        """Time the block as stage `name`; the yielded function marks `count` (one unless told)
        of `total` steps done. `label`, if given, names the stage to the callback each time,
        with what else it counts ("compare 12/450 stories")."""
        done = 0

        def tell() -> None:
            self._tell(label() if label else name, done, total)

        def step(count: int = 1) -> None:
            nonlocal done
            done = min(done + count, total)
            tell()

        tell()
        start = time.perf_counter()
        yield step
        self.timings.append((name, time.perf_counter() - start))
        if done < total:
            done = total
            tell()

    def _tell(self, name: str, done: int, total: int) -> None:
        if self.progress is not None:
            self.progress(name, done, total)
