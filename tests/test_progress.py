"""Stage progress and timings: reported by the library, drawn on stderr by the CLI only."""

from __future__ import annotations

import io

from click.testing import CliRunner
from rich.console import Console

import claimcheck
from claimcheck.cli import main
from claimcheck.progress import ProgressBar, timing_lines
from claimcheck.timing import Stages

from .conftest import DEMO, STORIES

LIBRARY_STAGES = ["load", "stories", "extract", "align", "judge"]


def test_compare_reports_every_stage_and_times_it() -> None:
    calls: list[tuple[str, int, int]] = []
    report = claimcheck.compare([DEMO], progress=lambda *call: calls.append(call))
    assert [stage for stage, _ in report.timings] == LIBRARY_STAGES
    assert all(seconds >= 0 for _, seconds in report.timings)
    assert list(dict.fromkeys(stage for stage, _, _ in calls)) == LIBRARY_STAGES
    extract = [(done, total) for stage, done, total in calls if stage == "extract"]
    assert extract == [(n, 5) for n in range(6)]
    align = [(done, total) for stage, done, total in calls if stage == "align"]
    assert align == [(n, len(report.claims)) for n in range(len(report.claims) + 1)]
    judge = [(done, total) for stage, done, total in calls if stage == "judge"]
    assert judge[0][0] == 0 and judge[-1][0] == judge[-1][1] > 1  # candidate pairs, not 0/1


def test_stories_progress_counts_articles_and_names_the_stories_done() -> None:
    calls: list[tuple[str, int, int]] = []
    report = claimcheck.compare([DEMO, STORIES], progress=lambda *call: calls.append(call))
    told = [call for call in calls if call[0].startswith("compare ")]
    stories, articles = len(report.stories), len(report.articles)
    assert stories > 1 and told[0] == (f"compare 0/{stories} stories", 0, articles)
    assert told[-1] == (f"compare {stories}/{stories} stories", articles, articles)
    assert [done for _, done, _ in told] == sorted(done for _, done, _ in told)
    assert not any(" " in stage for stage, _ in report.timings)  # the label is not a stage


def test_judge_progress_advances_with_the_pairs_judged() -> None:
    calls: list[tuple[str, int, int]] = []
    claimcheck.compare([DEMO, STORIES], progress=lambda *call: calls.append(call), one_story=True)
    judge = [done for stage, done, _ in calls if stage == "judge"]
    assert len(judge) > 3 and judge == sorted(judge)  # a step per 250 pairs, about 1,500 pairs


def test_a_step_may_count_several_units_and_never_passes_the_total() -> None:
    calls: list[tuple[str, int, int]] = []
    stages = Stages(lambda *call: calls.append(call))
    with stages.stage("judge", 10) as step:
        step(4)
        step(4)
        step(4)
    assert calls == [("judge", 0, 10), ("judge", 4, 10), ("judge", 8, 10), ("judge", 10, 10)]


def test_without_callback_the_result_is_the_same() -> None:
    paths = [STORIES / "ruling-a.txt", STORIES / "ruling-b.txt"]
    quiet = claimcheck.compare(paths)
    told = claimcheck.compare(paths, progress=lambda *_: None)
    assert [f.to_dict() for f in quiet.findings] == [f.to_dict() for f in told.findings]


def test_stages_mark_a_stage_done_even_without_steps() -> None:
    calls: list[tuple[str, int, int]] = []
    stages = Stages(lambda *call: calls.append(call))
    with stages.stage("judge"):
        pass
    assert calls == [("judge", 0, 1), ("judge", 1, 1)]
    assert [name for name, _ in stages.timings] == ["judge"]


def test_progress_bar_draws_on_a_terminal_and_clears_itself() -> None:
    buffer = io.StringIO()
    console = Console(file=buffer, force_terminal=True, width=80)
    with ProgressBar(console, delay=0) as bar:
        bar.timer.join()  # started
        claimcheck.compare([STORIES / "ruling-a.txt"], progress=bar)
    assert "judge" in buffer.getvalue()


def test_progress_bar_silent_when_not_a_terminal_or_disabled() -> None:
    for console, enabled in (
        (Console(file=io.StringIO(), force_terminal=False), True),
        (Console(file=io.StringIO(), force_terminal=True), False),
    ):
        with ProgressBar(console, enabled=enabled, delay=0) as bar:
            bar("load", 0, 1)
        assert console.file.getvalue() == ""  # type: ignore[attr-defined]
        assert not bar.started


def test_timing_lines_end_with_total() -> None:
    assert timing_lines([("load", 0.25), ("judge", 1.5)]) == [
        "load        0.25s",
        "judge       1.50s",
        "total       1.75s",
    ]


def test_verbose_prints_stage_timings_to_stderr_only() -> None:
    result = CliRunner().invoke(main, ["compare", str(DEMO), "--format", "json", "-v"])
    assert result.exit_code == 0
    stages = [line.split()[0] for line in result.stderr.splitlines()]
    assert stages == ["config", *LIBRARY_STAGES, "report", "total"]
    assert result.stdout.startswith("{")


def test_quiet_and_default_runs_keep_stderr_clean() -> None:
    for flags in ([], ["-q"]):
        result = CliRunner().invoke(main, ["compare", str(DEMO), "--format", "json", *flags])
        assert result.exit_code == 0
        assert result.stderr == ""
