"""Story clustering, per-story comparison and its runners (one process, a pool, Dask)."""

from __future__ import annotations

import dataclasses
import gc
import json
import re
from functools import partial
from importlib import resources

import jsonschema
import pytest
from click.testing import CliRunner

from claimcheck import baseline, compare, load, parallel
from claimcheck.cli import main
from claimcheck.compare import compare_story, kept, prepare
from claimcheck.load import from_text
from claimcheck.model import Report, story_id
from claimcheck.parallel import batches, compare_batch, mapper
from claimcheck.report import FORMATS, to_dict
from claimcheck.report.digest import Digester
from claimcheck.settings import Settings
from claimcheck.stories import cluster, one_story

from .conftest import DEMO, STORIES


def ids(stories) -> list[list[str]]:
    return [list(s.articles) for s in stories]


def test_demo_is_one_story() -> None:
    articles, _ = load([DEMO])
    (story,) = cluster(articles)
    assert len(story.articles) == 5 and "nato" in story.label.split()


def test_three_domains_make_three_stories() -> None:
    articles, _ = load([STORIES])
    assert ids(cluster(articles)) == [
        ["earnings-daily", "earnings-wire"],
        ["match-report-a", "match-report-b"],
        ["ruling-a", "ruling-b"],
    ]


def test_one_story_holds_every_article() -> None:
    articles, _ = load([STORIES])
    assert ids(one_story(articles)) == [[a.id for a in articles]]


def test_a_copy_joins_its_original_and_ids_do_not_depend_on_order() -> None:
    articles, _ = load([STORIES])
    copy = from_text(articles[2].text, path="copy.txt")
    stories = cluster([*articles, copy])
    assert next(s for s in stories if "copy" in s.articles).articles[0] == articles[2].id
    assert {s.id for s in cluster(articles)} == {s.id for s in cluster(articles[::-1])}


def test_prints_made_on_a_pool_give_the_same_stories() -> None:
    articles, _ = load([STORIES, DEMO])
    copy = from_text(articles[0].text, path="copy.txt")
    alone = cluster([*articles, copy])
    assert len(alone) == 4 and ids(cluster([*articles, copy], mapper=mapper(2))) == ids(alone)


NOTICE = (
    "Tweet with a location\n\nYou can add location information to your Tweets, such as your "
    "city or precise location, from the web and via third-party applications. Learn more\n"
)


def test_pages_of_web_notices_join_no_story_and_copy_nothing() -> None:
    articles, _ = load([STORIES])
    pages = [from_text(NOTICE, path=f"notice-{n}.txt") for n in range(3)]
    stories = cluster([*articles, *pages])
    assert ids(stories)[:3] == ids(cluster(articles))  # the three stories, as without them
    assert sorted(ids(stories)[3:]) == [["notice-0"], ["notice-1"], ["notice-2"]]


def test_a_notice_on_every_page_links_no_stories() -> None:
    articles, _ = load([STORIES])
    noted = [
        dataclasses.replace(a, text=f"{NOTICE}Story Continued Below\n{a.text}") for a in articles
    ]
    reloaded = [from_text(a.text, path=f"{a.id}.txt") for a in noted]
    assert ids(cluster(reloaded)) == ids(cluster(articles))


def test_articles_a_month_apart_are_not_linked() -> None:
    articles, _ = load([STORIES / "ruling-a.txt", STORIES / "ruling-b.txt"])
    early = dataclasses.replace(articles[0], date="2024-01-01")
    late = dataclasses.replace(articles[1], date="2024-02-15")
    assert len(cluster([early, late])) == 2
    assert len(cluster([early, dataclasses.replace(late, date="2024-01-03")])) == 1


def test_demo_report_is_the_one_story_report() -> None:
    assert to_dict(compare([DEMO])) == to_dict(compare([DEMO], one_story=True))


def test_per_story_findings_are_each_storys_own_comparison() -> None:
    report = compare([STORIES])
    by_id = {a.id: a for a in report.articles}
    data = to_dict(report)
    for story in data["stories"]:
        alone = compare_story([by_id[k] for k in story["sources"]], report.settings)
        assert story["findings"] == [f.id for f in alone.findings]
    assert [f["id"] for f in data["findings"]] == [
        k for s in data["stories"] for k in s["findings"]
    ]
    assert sum(s["summary"]["claims"] for s in data["stories"]) == data["summary"]["claims"]


@pytest.mark.parametrize("fmt", sorted(FORMATS))
def test_every_format_is_the_same_on_a_pool_of_two(
    fmt: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "0")  # two renders a second apart are the same
    one = compare([STORIES], jobs=1)
    two = compare([STORIES], jobs=2)
    assert not two.errors  # records travel to and from workers (compiled ones too)
    assert FORMATS[fmt](one) == FORMATS[fmt](two)


def test_a_failing_story_is_reported_and_the_others_kept() -> None:
    articles, _ = load([STORIES / "ruling-a.txt"])
    broken = dataclasses.replace(articles[0], text=None)  # type: ignore[arg-type]
    outcomes = compare_batch([[broken], articles], Settings())
    assert isinstance(outcomes[0], str) and "Error" in outcomes[0]
    assert not isinstance(outcomes[1], str) and outcomes[1].findings


def _fails_when_compared(failing: int, number: int, story: Report) -> str:
    """A finish (Plan.finished) that fails on story `failing`'s report, not on its failure's;
    its text is not taken for a reason a story failed."""
    if number == failing and not story.errors:
        raise ValueError("cannot finish")
    return str(story.errors[0]) if story.errors else f"{len(story.findings)} findings"


@pytest.mark.parametrize(("jobs", "one"), [(1, False), (2, False), (1, True)])
def test_a_story_that_cannot_be_finished_where_it_was_compared_is_reported(
    jobs: int, one: bool
) -> None:
    plan = prepare([STORIES], one_story=one)
    failing = 0 if one else 1
    done = dict(plan.finished(partial(_fails_when_compared, failing), jobs=jobs))
    story = plan.stories[failing]
    failed = f"story {story.id} ({story.label}): comparison failed: ValueError: cannot finish"
    expected = {n: f"{len(r.findings)} findings" for n, r in plan.outcomes()}
    assert done == {**expected, failing: failed}


class _Counted:
    """A finish that must not be pickled: a pool's forked workers inherit it."""

    def __call__(self, number: int, story: Report) -> int:
        return len(story.findings)

    def __reduce__(self) -> tuple:
        raise TypeError("a finish is not pickled into every batch")


def test_a_pool_inherits_the_finish_rather_than_pickling_it() -> None:
    plan = prepare([STORIES])
    done = dict(plan.finished(_Counted(), jobs=2))
    assert done == {n: len(r.findings) for n, r in plan.outcomes()}


@pytest.mark.parametrize("fmt", ["json", "jsonl", "csv"])
def test_cli_streamed_formats_on_a_pool_are_the_reports_with_a_baseline(fmt: str, tmp_path) -> None:
    report = compare([STORIES], Settings(fail_on="contradiction"))
    known = tmp_path / "known.json"
    baseline.save(dataclasses.replace(report, findings=report.findings[::3]), known)
    args = ["compare", str(STORIES), "--baseline", str(known), "--jobs", "2", "--format", fmt]
    result = CliRunner().invoke(main, [*args, "--fail-on", "contradiction"])
    expected = baseline.apply(report, baseline.load(known))
    assert result.exit_code == expected.exit_code("contradiction"), result.stderr
    assert result.stdout == FORMATS[fmt](expected)
    if fmt == "jsonl":  # each line is its story's report, the baseline applied
        lines = [json.loads(line) for line in result.stdout.splitlines()]
        held = {f.id for f in expected.findings if expected.is_known(f)}
        assert {f["id"] for line in lines for f in line["findings"] if f["baselined"]} == held


def test_batches_cover_every_story_once_most_work_first() -> None:
    sizes = [[from_text("word " * 100, path="a.txt")] * n for n in (1, 5, 2, 8, 3)]
    found = batches(sizes, 2)
    assert sorted(n for b in found for n in b) == list(range(5))
    assert found[0][0] == 3 and len(found) == 5
    # Work is text, not articles: one long article outweighs three short ones.
    long, short = from_text("word " * 1000, path="l.txt"), from_text("word", path="s.txt")
    assert batches([[short] * 3, [long], [short]], 1) == [[1], [0], [2]]


def test_batches_hold_at_most_batch_text_characters(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(parallel, "BATCH_TEXT", 1000)
    story = [from_text("word " * 100, path="a.txt")]  # 500 characters
    found = batches([story] * 10, 1)
    assert len(found) == 5 and all(len(b) == 2 for b in found)


def test_kept_freezes_what_is_held_until_the_outermost_block_ends() -> None:
    if gc.get_freeze_count():
        pytest.skip("this process froze objects of its own")
    with kept() as keep:
        held = [[n] for n in range(100)]
        keep()
        with kept() as inner:  # a block inside another (a worker forked in it) leaves them
            inner()
        assert gc.get_freeze_count() >= len(held)
    assert gc.get_freeze_count() == 0
    gc.freeze()  # a process that froze objects itself keeps them frozen
    try:
        frozen = gc.get_freeze_count()
        with kept() as keep:
            keep()
        assert gc.get_freeze_count() >= frozen
    finally:
        gc.unfreeze()


def test_a_story_leaves_no_cycles_for_the_collector() -> None:
    """A process that freezes what it holds after each story (kept()) would keep any cycle a
    story leaves for good. Compiled closures that call each other made one per story, which only
    the compiled build shows (CI runs the suite on it); interpreted, the test still catches
    cycles of plain Python."""
    articles = load.load([DEMO])[0]
    plan = prepare(articles)
    digesters = [Digester(fmt, None, "never", False) for fmt in ("json", "jsonl", "csv")]
    first = compare_story(articles, Settings())  # lexicons, models, version read on first use
    for digester in digesters:
        digester(0, plan.report(0, first))
    del first
    gc.collect()
    gc.set_debug(gc.DEBUG_SAVEALL)
    try:
        result = compare_story(articles, Settings())
        for digester in digesters:  # nor its text, made with the collector paused too
            digester(0, plan.report(0, result))
        del result
        gc.collect()
        left = sorted({type(o).__name__ for o in gc.garbage})
    finally:
        gc.set_debug(0)
        gc.garbage.clear()
    assert left == []


def test_kept_freezes_nothing_off_the_main_thread() -> None:
    import threading

    if gc.get_freeze_count():
        pytest.skip("this process froze objects of its own")
    seen = []

    def task() -> None:  # as a Dask worker runs compare_batch
        with kept() as keep:
            keep()
            seen.append(gc.get_freeze_count())

    thread = threading.Thread(target=task)
    thread.start()
    thread.join()
    assert seen == [0] and gc.get_freeze_count() == 0


def test_cli_jsonl_is_a_line_per_story_in_story_order(tmp_path) -> None:
    out = tmp_path / "day.jsonl"
    result = CliRunner().invoke(main, ["compare", str(STORIES), "-o", str(out), "--jobs", "2"])
    assert result.exit_code == 0, result.stderr
    text = out.read_text(encoding="utf-8")
    report = compare([STORIES])
    assert text == FORMATS["jsonl"](report)
    whole = to_dict(report)
    lines = [json.loads(line) for line in text.splitlines()]
    assert [line["stories"] for line in lines] == [[s] for s in whole["stories"]]
    assert [f for line in lines for f in line["findings"]] == whole["findings"]
    schema = json.loads(
        resources.files("claimcheck").joinpath("schema", "report.schema.json").read_text()
    )
    for line in lines:
        jsonschema.validate(line, schema)
    assert result.stderr.startswith("3 stories: ")


def test_cli_jsonl_first_line_holds_the_runs_errors(tmp_path) -> None:
    missing = tmp_path / "gone.txt"
    result = CliRunner().invoke(main, ["compare", str(STORIES), str(missing), "--format", "jsonl"])
    assert result.exit_code == 2 and f"{missing}: no such file" in result.stderr
    lines = [json.loads(line) for line in result.stdout.splitlines()]
    assert len(lines) == 3 and [line["errors"] for line in lines[1:]] == [[], []]
    assert lines[0]["errors"] == to_dict(compare([STORIES, missing]))["errors"]


def test_a_failed_story_is_named_in_the_first_line() -> None:
    from claimcheck.cli.compare import Streamed
    from claimcheck.compare import prepare

    plan = prepare([STORIES])
    outcomes = [(2, "ValueError: broken"), *list(plan.outcomes())[:2]]
    stream = Streamed(plan, None, "never")
    lines = {n: json.loads(text) for n, text in stream.lines(outcomes)}
    story = plan.stories[2]
    assert lines[0]["errors"] == [
        f"story {story.id} ({story.label}): comparison failed: ValueError: broken"
    ]
    assert lines[2]["findings"] == [] and lines[2]["errors"] == []
    assert stream.close(None, quiet=True, verbose=False) == 2  # type: ignore[arg-type]


@pytest.mark.parametrize("one", [False, True])
def test_the_json_written_story_by_story_is_the_whole_reports_to_the_byte(one: bool) -> None:
    from claimcheck.baseline import Baseline, apply
    from claimcheck.cli.compare import Streamed
    from claimcheck.compare import prepare

    articles, _ = load([STORIES])
    copy = from_text(articles[0].text, path="copy.txt")
    odd = from_text("Zürich’s café, \ud800 «ouvert» — 東京.", path="odd.txt")  # no findings
    plan = prepare([*articles, copy, odd], one_story=one)
    done = list(plan.outcomes())
    # Stories finish in any order, one fails, and a baseline knows some findings and one more.
    outcomes = done[::-1] if one else [done[3], done[2], (1, "ValueError: broken ü"), done[0]]
    findings = [f.id for _, result in done for f in result.findings]
    known = Baseline("known.json", (*findings[::3], "gone"))
    expected = FORMATS["json"](apply(plan.whole(outcomes), known))
    assert "".join(Streamed(plan, known, "never").json(outcomes)) == expected
    data = json.loads(expected)
    assert data["summary"]["baseline"]["known"] > 0
    assert data["summary"]["baseline"]["stale"][-1] == "gone"
    assert "copy" in {s["copy_of"] and s["id"] for s in data["sources"]}
    assert one or "comparison failed: ValueError: broken ü" in expected
    assert one or [] in [s["findings"] for s in data["stories"]]


def test_streamed_timings_are_the_whole_reports_when_every_story_fails() -> None:
    from claimcheck.cli.compare import Streamed
    from claimcheck.compare import prepare

    plan = prepare([STORIES])
    outcomes = [(n, "ValueError: broken") for n in range(len(plan.stories))]
    streamed = Streamed(plan, None, "never")
    list(streamed.json(outcomes))
    assert plan.timings(streamed.timings) == plan.whole(outcomes).timings


@pytest.mark.parametrize("one", [[], ["--one-story"]])
def test_cli_csv_is_the_reports_render(tmp_path, one: list[str]) -> None:
    missing = tmp_path / "gone.txt"
    args = ["compare", str(STORIES), str(missing), "--format", "csv", "--jobs", "2", *one]
    result = CliRunner().invoke(main, args)
    assert result.exit_code == 2 and len(result.stderr.splitlines()) == 1
    whole = compare([STORIES, missing], one_story=bool(one))
    assert result.stdout == FORMATS["csv"](whole)
    assert result.stdout.splitlines()[0].endswith(",story") != bool(one)
    assert result.stdout.splitlines()[-1].startswith(",error,")


def test_an_unwritable_report_file_still_tells_the_inputs_that_failed(tmp_path) -> None:
    missing = tmp_path / "gone.txt"
    out = tmp_path / "no-such-dir" / "day.json"
    result = CliRunner().invoke(main, ["compare", str(STORIES), str(missing), "-o", str(out)])
    assert result.exit_code == 2 and not out.exists()
    assert result.stderr.startswith(f"error: {missing}: no such file")
    assert f"{out}" in result.stderr.splitlines()[-1]


def test_a_path_that_is_not_utf8_gets_a_story_id() -> None:
    assert story_id(["odd\udcff.txt"]).startswith("st-")


def test_cli_json_is_the_reports_render(tmp_path) -> None:
    missing = tmp_path / "gone.txt"
    out = tmp_path / "day.json"
    args = ["compare", str(STORIES), str(missing), "-o", str(out), "--jobs", "2"]
    result = CliRunner().invoke(main, args)
    assert result.exit_code == 2 and result.stderr.startswith(f"error: {missing}: no such file")
    assert len(result.stderr.splitlines()) == 1  # no totals: the report holds them
    assert out.read_text(encoding="utf-8") == FORMATS["json"](compare([STORIES, missing]))


@pytest.mark.parametrize("fail_on", ["contradiction", "single-source", "never"])
def test_cli_jsonl_exit_codes_are_the_json_ones(fail_on: str) -> None:
    runner = CliRunner()
    args = ["compare", str(STORIES), "--fail-on", fail_on, "-q", "--format"]
    assert runner.invoke(main, [*args, "jsonl"]).exit_code == (
        runner.invoke(main, [*args, "json"]).exit_code
    )


def test_cli_jsonl_applies_a_baseline_and_refuses_to_write_one(tmp_path) -> None:
    runner = CliRunner()
    known = tmp_path / "known.json"
    args = ["compare", str(STORIES), "--fail-on", "single-source", "-q"]
    assert runner.invoke(main, [*args, "--write-baseline", str(known)]).exit_code == 0
    result = runner.invoke(main, [*args, "--baseline", str(known), "--format", "jsonl"])
    assert result.exit_code == 0
    lines = [json.loads(line) for line in result.stdout.splitlines()]
    assert all(f["baselined"] for line in lines for f in line["findings"])
    assert all(line["summary"]["baseline"]["stale"] == [] for line in lines)
    refused = runner.invoke(main, [*args, "--write-baseline", str(known), "--format", "jsonl"])
    assert refused.exit_code == 2 and "--write-baseline needs the whole report" in refused.stderr


def test_cli_one_story_and_jobs() -> None:
    runner = CliRunner()
    many = runner.invoke(main, ["compare", str(STORIES), "--format", "json", "--jobs", "2"])
    one = runner.invoke(main, ["compare", str(STORIES), "--format", "json", "--one-story"])
    assert many.exit_code == one.exit_code == 0
    assert len(json.loads(many.stdout)["stories"]) == 3
    assert len(json.loads(one.stdout)["stories"]) == 1


def test_cli_unreachable_scheduler_is_one_line() -> None:
    pytest.importorskip("distributed")
    result = CliRunner().invoke(
        main, ["compare", str(STORIES), "--scheduler", "tcp://127.0.0.1:9", "-q"]
    )
    assert result.exit_code == 2
    assert result.stderr.startswith("error: cannot reach the Dask scheduler at tcp://127.0.0.1:9")


@pytest.fixture(scope="module")
def several():
    return compare([STORIES])


def test_markdown_has_a_section_per_story(several) -> None:
    text = FORMATS["markdown"](several)
    assert text.count("## Story `st-") == 3 and "## Stories" in text
    heads = [text.index(f"## Story `{s.id}`") for s in several.stories]
    assert heads == sorted(heads)


def test_junit_has_a_suite_per_story(several) -> None:
    text = FORMATS["junit"](several)
    assert text.count('<testsuite name="claimcheck st-') == 3


def test_junit_suites_share_one_timestamp_that_source_date_epoch_pins(
    several, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "86400")
    stamps = set(re.findall(r'timestamp="([^"]+)"', FORMATS["junit"](several)))
    assert stamps == {"1970-01-02T00:00:00+00:00"}


def test_csv_sarif_github_and_html_name_the_story(several) -> None:
    story = several.stories[0]
    rows = FORMATS["csv"](several).splitlines()
    assert rows[0].endswith(",story") and rows[1].endswith(story.id)
    results = json.loads(FORMATS["sarif"](several))["runs"][0]["results"]
    assert {r["properties"]["story"] for r in results} == {s.id for s in several.stories}
    assert story.id in FORMATS["github"](several)
    assert f"story {story.id}: {story.label}" in FORMATS["html"](several)


def test_terminal_lists_the_stories(several) -> None:
    import io

    from rich.console import Console

    from claimcheck.report.terminal import show

    out = io.StringIO()
    show(several, Console(file=out, width=100, color_system=None))
    assert out.getvalue().count("STORY st-") == 3 and "Stories" in out.getvalue()


def test_one_story_formats_have_no_story_grouping() -> None:
    report = compare([DEMO])
    assert "## Story" not in FORMATS["markdown"](report)
    assert ",story" not in FORMATS["csv"](report).splitlines()[0]
