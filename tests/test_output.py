"""Writing results: -o PATH whole or not at all and never over a device, CSV cells a spreadsheet
shows as written, control characters made visible, UTF-8 on stdout."""

from __future__ import annotations

import csv
import io
import os
import signal
import socket
import stat
import subprocess
import sys
import threading
from pathlib import Path

import pytest
from click.testing import CliRunner

from claimcheck.cli import main
from claimcheck.errors import ClaimcheckError
from claimcheck.output import atomic_file, csv_row, in_order, visible, write_atomic

from .conftest import STORIES

STORY = str(STORIES / "ruling-a.txt")
UNNAMED = hasattr(os, "O_TMPFILE") and os.path.isdir("/proc/self/fd")


def run(*args: str):
    return CliRunner().invoke(main, list(args))


@pytest.fixture(params=["unnamed", "named"])
def temporary(request: pytest.FixtureRequest, monkeypatch: pytest.MonkeyPatch) -> str:
    """Both ways to a whole file: an unnamed O_TMPFILE file (Linux) and a named temporary one."""
    if request.param == "unnamed" and not UNNAMED:
        pytest.skip("no O_TMPFILE here")
    if request.param == "named":
        monkeypatch.delattr(os, "O_TMPFILE", raising=False)
    return str(request.param)


# --- -o PATH -------------------------------------------------------------------------------


def test_a_regular_file_is_replaced_whole(tmp_path: Path, temporary: str) -> None:
    target = tmp_path / "out.json"
    target.write_text("previous\n")
    target.chmod(0o640)
    write_atomic(target, "new text\n")
    assert target.read_text() == "new text\n"
    assert target.stat().st_mode & 0o777 == 0o640
    write_atomic(tmp_path / "fresh.json", "x")
    assert sorted(p.name for p in tmp_path.iterdir()) == ["fresh.json", "out.json"]


def test_an_error_in_the_block_leaves_the_file_as_it_was(tmp_path: Path, temporary: str) -> None:
    target = tmp_path / "out.json"
    target.write_text("previous\n")
    with pytest.raises(RuntimeError), atomic_file(target) as stream:
        stream.write("half")
        raise RuntimeError("stop")
    assert target.read_text() == "previous\n"
    assert list(tmp_path.iterdir()) == [target]  # no temporary file left behind


def test_a_symlink_is_followed_and_stays_a_link(tmp_path: Path, temporary: str) -> None:
    # -o replaced the link itself with a regular file (issue 19).
    real = tmp_path / "real.json"
    real.write_text("previous\n")
    link = tmp_path / "link.json"
    link.symlink_to(real.name)
    dangling = tmp_path / "dangling.json"
    dangling.symlink_to("created.json")
    assert run("extract", STORY, "--format", "json", "-o", str(link)).exit_code == 0
    assert run("extract", STORY, "--format", "json", "-o", str(dangling)).exit_code == 0
    assert link.is_symlink() and dangling.is_symlink()
    assert real.read_text().startswith("{") and (tmp_path / "created.json").read_text() == (
        real.read_text()
    )


def test_a_fifo_is_written_through(tmp_path: Path) -> None:
    # -o replaced a named pipe with a regular file (issue 19).
    fifo = tmp_path / "out.fifo"
    os.mkfifo(fifo)
    received: list[bytes] = []
    # A daemon: should -o replace the FIFO, the reader would wait for a writer for ever.
    reader = threading.Thread(target=lambda: received.append(fifo.read_bytes()), daemon=True)
    reader.start()
    result = run("extract", STORY, "--format", "jsonl", "-o", str(fifo))
    reader.join(timeout=60)
    assert result.exit_code == 0, result.output
    assert stat.S_ISFIFO(fifo.stat().st_mode)
    assert received and received[0].startswith(b'{"id": "ruling-a#')


@pytest.mark.skipif(os.geteuid() != 0, reason="making a device node needs root")
def test_a_character_device_is_written_through_not_replaced(tmp_path: Path) -> None:
    # `-o /dev/null` as root turned /dev/null into a regular file (issue 19). A node of our own,
    # with the numbers of /dev/null, stands in for it.
    null = tmp_path / "null"
    os.mknod(null, 0o666 | stat.S_IFCHR, os.makedev(1, 3))
    assert run("compare", STORY, "--format", "json", "-o", str(null)).exit_code == 0
    assert stat.S_ISCHR(null.stat().st_mode)
    assert list(tmp_path.iterdir()) == [null]


def test_stdout_named_as_a_file_is_written_through(tmp_path: Path) -> None:
    # /dev/stdout on a file a shell opened (`> out.json`) is written where the shell points. Named
    # by its target, /proc/self/fd/1: should -o replace what it names, it cannot touch /dev.
    target = tmp_path / "out.json"
    target.write_text("kept\n")
    with target.open("a") as out:  # `>> out.json`: appended to
        code = subprocess.call(
            [
                sys.executable,
                "-m",
                "claimcheck",
                "extract",
                STORY,
                "--format",
                "jsonl",
                "-o",
                "/proc/self/fd/1",
            ],
            stdout=out,
        )
    assert code == 0
    assert target.read_text().startswith('kept\n{"id": "ruling-a#')
    assert list(tmp_path.iterdir()) == [target]


def test_a_directory_or_socket_is_refused_in_one_line(tmp_path: Path) -> None:
    with pytest.raises(ClaimcheckError, match="cannot write output: a directory"):
        write_atomic(tmp_path, "x")
    with socket.socket(socket.AF_UNIX) as server:
        server.bind(str(tmp_path / "s"))
        with pytest.raises(ClaimcheckError, match="not a regular file, character device or FIFO"):
            write_atomic(tmp_path / "s", "x")
    assert stat.S_ISSOCK((tmp_path / "s").stat().st_mode)


WRITER = """
import os, sys, time
from claimcheck import interrupts
from claimcheck.output import atomic_file
if sys.argv[2] == "named":
    del os.O_TMPFILE
with interrupts.handled(), atomic_file(sys.argv[1]) as stream:
    stream.write("half of it")
    stream.flush()
    print("writing", flush=True)
    time.sleep(60)
"""


@pytest.mark.parametrize(
    ("signum", "way", "code"),
    [
        (signal.SIGTERM, "named", 143),
        (signal.SIGINT, "named", 130),
        (signal.SIGKILL, "unnamed", -9),
    ],
)
def test_no_temporary_file_is_left_after_a_signal(
    tmp_path: Path, signum: int, way: str, code: int
) -> None:
    # 74 temporary files were left after SIGKILL during -o (issue 19): an unnamed file has no
    # name to leave; a named one is removed when SIGTERM or SIGINT unwinds the write.
    if way == "unnamed" and not UNNAMED:
        pytest.skip("no O_TMPFILE here")
    folder = tmp_path / "out"
    folder.mkdir()
    target = folder / "report.json"
    target.write_text("previous\n")
    with subprocess.Popen(
        [sys.executable, "-c", WRITER, str(target), way],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
    ) as process:
        assert process.stdout is not None and process.stderr is not None
        assert process.stdout.readline() == b"writing\n"
        if way == "named":
            assert len(list(folder.iterdir())) == 2  # the temporary file is there meanwhile
        process.send_signal(signum)
        assert process.wait(timeout=60) == code
        stderr = process.stderr.read()
    assert list(folder.iterdir()) == [target]
    assert target.read_text() == "previous\n"
    if signum != signal.SIGKILL:
        assert stderr == (b"terminated\n" if signum == signal.SIGTERM else b"interrupted\n")


# --- CSV -----------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("cell", "written"),
    [
        ('=HYPERLINK("http://x")', '"\'=HYPERLINK(""http://x"")"'),
        ("+1+2", "'+1+2"),
        ("-2+3", "'-2+3"),
        ("@SUM(A1)", "'@SUM(A1)"),
        ("\t=1", "'\t=1"),
        ("\r=1", '"\'\r=1"'),
        ("a\rb", '"a\rb"'),  # a bare CR was written unquoted (issue 19)
        ("a\nb", '"a\nb"'),
        ("a,b", '"a,b"'),
        ("plain", "plain"),
        ("", ""),
        (None, ""),
        (-3, "-3"),  # numbers are not text a spreadsheet would run
        (0.25, "0.25"),
        (True, "True"),
    ],
)
def test_csv_cells_are_neutralised_and_quoted(cell: object, written: str) -> None:
    line = csv_row(["x", cell])
    assert line == f"x,{written}\n"
    (row,) = csv.reader(io.StringIO(line, newline=""))
    assert row[0] == "x" and len(row) == 2


def test_csv_rows_read_back_as_written_with_every_formula_defused(tmp_path: Path) -> None:
    text = (
        "Title\n\n"
        "=cmd|' /C calc'!A0 said the plan failed in 2001.\n\n"
        "@SUM(1+1) claimed the river rose by 5 metres.\n"
    )
    source = tmp_path / "evil.txt"
    source.write_text(text)
    out = run("extract", str(source), "--format", "csv").output
    rows = list(csv.DictReader(io.StringIO(out, newline="")))
    assert rows and all(not v.startswith(("=", "+", "-", "@")) for r in rows for v in r.values())
    assert any(r["text"].startswith("'=cmd|") for r in rows)


# --- terminal text -------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "shown"),
    [
        ("red \x1b[31mtext\x1b[0m", "red \\x1b[31mtext\\x1b[0m"),
        ("bell\x07 back\x08 cr\r del\x7f", "bell\\x07 back\\x08 cr\\x0d del\\x7f"),
        ("csi\x9b2J", "csi\\x9b2J"),
        ("trojan \u202eevil\u202c", "trojan \\u202eevil\\u202c"),
        ("lone \ud800", "lone \\ud800"),
        ("tab\tand\nline", "tab\tand\nline"),
        ("plain [/x] é", "plain [/x] é"),
    ],
)
def test_control_characters_are_made_visible(text: str, shown: str) -> None:
    assert visible(text) == shown


def test_in_order_gives_texts_in_the_order_of_their_numbers() -> None:
    texts = [(2, "c\n"), (0, "a é ✓\n"), (1, "")]
    assert list(in_order(texts)) == ["a é ✓\n", "", "c\n"]
