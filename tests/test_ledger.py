"""The claim ledger, on SQLite always and on PostgreSQL when $CLAIMCHECK_TEST_POSTGRES names a
server (.ci/run starts one): every test runs on both."""

from __future__ import annotations

import json
import os
import subprocess
import sys
import uuid
from collections.abc import Iterator
from pathlib import Path

import pytest
from click.testing import CliRunner
from sqlalchemy import create_engine, text
from sqlalchemy.engine import make_url

import claimcheck
from claimcheck.cli import main
from claimcheck.errors import LedgerError
from claimcheck.facts import Fact
from claimcheck.kinds import Kind
from claimcheck.ledger import Ledger, check, index, schema
from claimcheck.ledger.codec import dump_claim, load_claim
from claimcheck.ledger.store import Entry

from .conftest import DEMO

POSTGRES = os.environ.get("CLAIMCHECK_TEST_POSTGRES")
FILES = sorted(DEMO.glob("*.txt"))
FULL = claimcheck.compare([DEMO])


def _server(url: str) -> str:
    """`url` in SQLAlchemy's spelling, which names the psycopg driver."""
    return make_url(url).set(drivername="postgresql+psycopg").render_as_string(False)


@pytest.fixture(params=["sqlite", "postgresql"])
def target(request: pytest.FixtureRequest, tmp_path: Path) -> Iterator[str]:
    """A new, empty ledger's location: a file, or a database of its own on the server."""
    if request.param == "sqlite":
        yield str(tmp_path / "ledger.db")
        return
    if not POSTGRES:
        pytest.skip("CLAIMCHECK_TEST_POSTGRES is not set (.ci/run starts a PostgreSQL server)")
    name = f"ledger_{uuid.uuid4().hex[:12]}"
    admin = create_engine(_server(POSTGRES), isolation_level="AUTOCOMMIT")
    with admin.connect() as conn:
        conn.execute(text(f'CREATE DATABASE "{name}"'))
    try:
        yield make_url(POSTGRES).set(database=name).render_as_string(False)
    finally:
        with admin.connect() as conn:
            conn.execute(text(f'DROP DATABASE "{name}" WITH (FORCE)'))
        admin.dispose()


def run(*args: str) -> tuple[int, str, str]:
    result = CliRunner().invoke(main, list(args))
    return result.exit_code, result.stdout, result.stderr


def source_of(path: Path) -> str:
    return next(a.id for a in FULL.articles if Path(a.path).name == path.name)


@pytest.mark.parametrize("left_out", FILES, ids=lambda p: p.stem)
def test_check_finds_what_compare_over_all_five_finds(target: str, left_out: Path) -> None:
    """Index the demo minus one article; checking that article against the ledger finds the
    same contradictions involving it, finding for finding, as compare over all five."""
    with Ledger(target, create=True) as ledger:
        index([p for p in FILES if p != left_out], ledger)
        report = check([left_out], ledger)
    source = source_of(left_out)
    expected = [f.to_dict() for f in FULL.findings if source in f.sources]
    found = [f.to_dict() for f in report.findings]
    key = lambda f: f["id"]  # noqa: E731
    assert sorted(found, key=key) == sorted(expected, key=key)
    contradictions = [f for f in report.findings if f.kind is Kind.CONTRADICTION]
    assert len(contradictions) == sum(
        1 for f in FULL.findings if f.kind is Kind.CONTRADICTION and source in f.sources
    )


def test_a_stored_source_checked_again_is_compared_with_the_others(target: str) -> None:
    """A new version of a stored article is checked against the other sources, not itself."""
    with Ledger(target, create=True) as ledger:
        index(FILES, ledger)
        report = check([FILES[3]], ledger)
    source = source_of(FILES[3])
    expected = sorted(f.id for f in FULL.findings if source in f.sources)
    assert sorted(f.id for f in report.findings) == expected


def test_check_compares_with_the_closest_articles_first(target: str) -> None:
    with Ledger(target, create=True) as ledger:
        index(FILES[1:], ledger)
        one = check([FILES[0]], ledger, articles=1)
        few = check([FILES[0]], ledger, claims=1)  # the best article is always compared
    assert [a.id for a in one.articles] == [a.id for a in few.articles]
    assert len(one.articles) == 2


def test_check_cli_fails_a_contradicting_draft(target: str, tmp_path: Path) -> None:
    draft = FILES[0]
    assert run("index", *map(str, FILES[1:]), "--db", target, "-q")[0] == 0
    code, out, _ = run("check", str(draft), "--against", target, "--fail-on", "contradiction",
                       "--format", "json")  # fmt: skip
    assert code == 1
    report = json.loads(out)
    assert report["summary"]["contradictions"] == 3
    written = tmp_path / "check.sarif"
    code, out, _ = run("check", str(draft), "--against", target, "-o", str(written), "-q")
    assert code == 0 and out == "" and json.loads(written.read_text())["runs"]
    assert run("check", str(draft), "--against", target)[0] == 0  # the terminal view
    code, out, _ = run("check", str(draft), "--against", target, "--claims", "1", "-q",
                       "--format", "json")  # fmt: skip
    assert code == 0 and json.loads(out)["summary"]["sources"] == 2  # the best article only


def test_reindexing_unchanged_articles_does_nothing(target: str) -> None:
    assert run("index", str(DEMO), "--db", target)[2].endswith(
        f"5 added, 0 replaced, 0 unchanged; {len(FULL.claims)} claims stored\n"
    )
    with Ledger(target) as ledger:
        before = ledger.stats()
    code, _, err = run("index", str(DEMO), "--db", target)
    assert code == 0 and err.endswith("0 added, 0 replaced, 5 unchanged; 0 claims stored\n")
    with Ledger(target) as ledger:
        after = ledger.stats()
    assert {**after, "bytes": 0} == {**before, "bytes": 0}
    assert after["articles"] == 5 and after["claims"] == len(FULL.claims) and after["facts"] > 0


def test_a_changed_article_replaces_its_version_and_keeps_the_history(
    target: str, tmp_path: Path
) -> None:
    story = tmp_path / "story.txt"
    story.write_text("The council approved the budget on Monday.\nThe mayor signed it.\n")
    assert run("index", str(story), "--db", target)[0] == 0
    story.write_text("The council approved the budget on Monday.\nThe mayor vetoed it.\n")
    _, _, err = run("index", str(story), "--db", target)
    assert err.endswith("0 added, 1 replaced, 0 unchanged; 2 claims stored\n")
    code, out, _ = run("ledger", "history", "--db", target, "--format", "json")
    assert code == 0
    changes = [(r["version"], r["change"], r["text"]) for r in json.loads(out)]
    assert changes == [
        (1, "indexed", str(story)),
        (2, "removed", "The mayor signed it."),
        (2, "added", "The mayor vetoed it."),
    ]
    sources = json.loads(run("ledger", "sources", "--db", target, "--format", "json")[1])
    assert [(s["source"], s["version"], s["claims"]) for s in sources] == [("story", 2, 2)]
    history = ["ledger", "history", "--db", target, "--format", "json"]
    assert json.loads(run(*history, "--source", "other")[1]) == []
    assert json.loads(run(*history, "--since", "2999-01-01")[1]) == []


def test_forget_removes_a_source_and_its_claims(target: str) -> None:
    run("index", str(DEMO), "--db", target, "-q")
    code, _, err = run("ledger", "forget", "plea-revealed", "--db", target)
    plea = sum(c.article_id == "plea-revealed" for c in FULL.claims)
    assert code == 0 and err.endswith(f"forgot plea-revealed and its {plea} claims\n")
    stats = json.loads(run("ledger", "stats", "--db", target, "--format", "json")[1])
    assert (stats["articles"], stats["claims"]) == (4, len(FULL.claims) - plea)
    sources = json.loads(run("ledger", "sources", "--db", target, "--format", "json")[1])
    assert "plea-revealed" not in {s["source"] for s in sources}
    code, out, err = run("ledger", "forget", "plea-revealed", "--db", target)
    assert code == 2 and out == ""
    assert err.startswith("error: ") and "no source 'plea-revealed'" in err and err.count("\n") == 1


def test_since_and_source_narrow_what_check_compares_with(target: str) -> None:
    draft = FILES[0]
    with Ledger(target, create=True) as ledger:
        index(FILES[1:], ledger)
        everything = check([draft], ledger)
        one = check([draft], ledger, sources=["overtures-artificial"])
        later = check([draft], ledger, since="2999-01-01")
        dated = check([draft], ledger, since="2025-12-01")
    assert len({a.id for a in everything.articles}) == 5
    assert {a.id for a in one.articles} == {"declassified-call", "overtures-artificial"}
    assert all(
        set(f.sources) <= {"declassified-call", "overtures-artificial"} for f in one.findings
    )
    assert one.count(Kind.CONTRADICTION) >= 1
    assert [a.id for a in later.articles] == ["declassified-call"]
    assert later.count(Kind.CONTRADICTION) == later.count(Kind.AGREEMENT) == 0
    # Undated articles count as published the day they were indexed (today).
    assert len(dated.articles) == 5


def test_an_interrupted_index_leaves_the_ledger_as_it_was(target: str) -> None:
    with Ledger(target, create=True) as ledger:
        index(FILES[:2], ledger)
        before = (ledger.stats(), ledger.sources(), ledger.history())
        first, *_ = claimcheck.load([FILES[0]])[0]
        claims = claimcheck.extract(first)
        # A fact the database refuses, stored after the article's claims and before its stems:
        broken = Fact(0, None, frozenset(), frozenset())  # type: ignore[arg-type]
        entry = Entry(first, "changed", claims, [broken], frozenset({"putin"}))
        with pytest.raises(LedgerError):
            ledger.store(entry, "2026-01-01T00:00:00+00:00")
        after = (ledger.stats(), ledger.sources(), ledger.history())
    assert {**after[0], "bytes": 0} == {**before[0], "bytes": 0}
    assert after[1:] == before[1:]


def test_two_index_processes_at_once_store_each_article_once(target: str, tmp_path: Path) -> None:
    folder = tmp_path / "many"
    folder.mkdir()
    for n in range(12):
        for path in FILES:
            copy = path.read_text(encoding="utf-8") + f"\nEditor's note {n}: updated.\n"
            (folder / f"{n:02d}-{path.name}").write_text(copy, encoding="utf-8")
    command = [sys.executable, "-m", "claimcheck", "index", str(folder), "--db", target, "-q"]
    env = {**os.environ, "PYTHONWARNINGS": "error"}
    runs = [subprocess.Popen(command, env=env, stderr=subprocess.PIPE, text=True) for _ in "ab"]
    for process in runs:
        _, err = process.communicate(timeout=600)
        assert process.returncode == 0, err
    with Ledger(target) as ledger:
        stats, sources = ledger.stats(), ledger.sources()
    assert stats["articles"] == len(sources) == 60
    assert len({s["source"] for s in sources}) == 60
    assert all(s["version"] == 1 for s in sources)
    assert stats["claims"] == sum(s["claims"] for s in sources) > 60 * 20
    if "://" not in target:
        with create_engine(f"sqlite:///{target}").connect() as conn:
            assert conn.execute(text("PRAGMA integrity_check")).scalar() == "ok"
            assert conn.execute(text("PRAGMA journal_mode")).scalar() == "wal"


def _set_version(target: str, version: int) -> None:
    url = _server(target) if "://" in target else f"sqlite:///{target}"
    engine = create_engine(url)
    with engine.begin() as conn:
        conn.execute(text("UPDATE ledger_schema SET version = :v"), {"v": version})
    engine.dispose()


def test_a_ledger_from_a_newer_claimcheck_is_refused(target: str) -> None:
    run("index", str(FILES[0]), "--db", target, "-q")
    _set_version(target, schema.LATEST + 1)
    for command in (["index", str(FILES[1]), "--db"], ["check", str(FILES[1]), "--against"],
                    ["ledger", "stats", "--db"]):  # fmt: skip
        code, out, err = run(*command, target)
        assert code == 2 and out == ""
        assert err.count("\n") == 1 and "Traceback" not in err
        assert f"written by a newer claimcheck (ledger schema {schema.LATEST + 1}" in err
        assert "upgrade claimcheck" in err


@pytest.mark.parametrize("start", range(schema.LATEST))
def test_an_older_ledger_is_migrated_forward(target: str, start: int) -> None:
    """A ledger of each earlier schema version, holding an article, opens as the latest and
    keeps the article (version 0: an empty database)."""
    first = claimcheck.load([FILES[0]])[0][0]
    claims = claimcheck.extract(first)
    engine = create_engine(_server(target) if "://" in target else f"sqlite:///{target}")
    with engine.begin() as conn:
        schema.migrate(conn, up_to=start)
        if start >= 1:  # the columns version 1 has
            conn.execute(
                text(
                    "INSERT INTO articles (source, path, format, body, text, hash, published, "
                    "indexed_at) VALUES (:source, :path, 'text', '[]', :text, 'x', '2020-01-01', "
                    "'2020-01-01T00:00:00+00:00')"
                ),
                {"source": first.id, "path": first.path, "text": first.text},
            )
            number = conn.execute(text("SELECT id FROM articles")).scalar()
            conn.execute(
                text("INSERT INTO claims (article, n, data) VALUES (:a, 0, :d)"),
                {"a": number, "d": dump_claim(claims[0])},
            )
    engine.dispose()
    with Ledger(target, create=True) as ledger:
        stats = ledger.stats()
        assert stats["schema"] == schema.LATEST
        assert stats["articles"] == stats["claims"] == (1 if start else 0)
        if start:
            assert [(s["source"], s["version"]) for s in ledger.sources()] == [(first.id, 1)]
        index([FILES[1]], ledger)
        assert ledger.stats()["articles"] == (2 if start else 1)


def test_stored_claims_read_back_equal(demo_claims: list[claimcheck.Claim]) -> None:
    assert [load_claim(dump_claim(c)) for c in demo_claims] == demo_claims


def test_bad_ledgers_are_one_line_errors(tmp_path: Path) -> None:
    junk = tmp_path / "junk.db"
    junk.write_text("not a database\n")
    cases = [
        (["ledger", "stats", "--db", str(tmp_path / "missing.db")], "missing.db: no such ledger"),
        (["check", str(FILES[0]), "--against", str(junk)], "junk.db: file is not a database"),
        (["ledger", "sources", "--db", "postgresql://nobody@127.0.0.1:1/none"], "port 1 failed"),
    ]
    for args, expected in cases:
        code, out, err = run(*args)
        assert code == 2 and out == "", args
        assert err.startswith("error: ") and expected in err and err.count("\n") == 1, err


def test_index_reports_unreadable_inputs(target: str, tmp_path: Path) -> None:
    code, _, err = run("index", str(FILES[0]), str(tmp_path / "nope.txt"), "--db", target)
    assert code == 2 and "nope.txt: no such file or directory" in err
    assert "1 added" in err  # the readable one is stored all the same


def test_ledger_listings_as_tables(target: str) -> None:
    run("index", str(DEMO), "--db", target, "-q")
    for command, shown in (("stats", "articles per date"), ("sources", "plea-revealed"),
                           ("history", "indexed")):  # fmt: skip
        code, out, _ = run("ledger", command, "--db", target)
        assert code == 0 and shown in out
