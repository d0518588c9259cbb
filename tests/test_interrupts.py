"""Ctrl-C and SIGTERM: one line and exit 130 or 143, at any moment of a run, never a traceback."""

from __future__ import annotations

import os
import random
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

from claimcheck import interrupts

from .conftest import DEMO

LINUX = os.path.isdir("/proc/self")


def test_a_signal_in_the_block_ends_it_with_one_line(capfd: pytest.CaptureFixture[str]) -> None:
    before = signal.getsignal(signal.SIGINT)
    with pytest.raises(SystemExit) as stopped, interrupts.handled():
        os.kill(os.getpid(), signal.SIGINT)
        time.sleep(5)
    assert stopped.value.code == 130
    assert capfd.readouterr().err == "interrupted\n"
    assert signal.getsignal(signal.SIGINT) is before  # the caller's handler is back


def test_a_swallowed_signal_still_ends_the_run(capfd: pytest.CaptureFixture[str]) -> None:
    # About 1 in 60 Ctrl-C was swallowed (in a __del__ method) and the run exited 0 (issue 19).
    with pytest.raises(SystemExit) as stopped, interrupts.handled():
        try:
            os.kill(os.getpid(), signal.SIGTERM)
            time.sleep(5)
        except interrupts.Interrupted:
            pass  # as Python does with an exception raised in __del__
        print("the run goes on to its end")
    assert stopped.value.code == 143
    assert capfd.readouterr() == ("the run goes on to its end\n", "terminated\n")


def test_an_ignored_signal_stays_ignored() -> None:
    previous = signal.signal(signal.SIGINT, signal.SIG_IGN)  # as `nohup` or `cmd &` leave it
    try:
        with interrupts.handled():
            assert signal.getsignal(signal.SIGINT) is signal.SIG_IGN
    finally:
        signal.signal(signal.SIGINT, previous)


def test_only_the_command_handles_signals(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(sys, "argv", ["/venv/bin/claimcheck", "compare"])
    assert interrupts.is_command()
    monkeypatch.setattr(sys, "argv", ["-m"])
    monkeypatch.setattr(sys, "orig_argv", ["python3", "-m", "claimcheck", "compare"])
    assert interrupts.is_command()
    monkeypatch.setattr(sys, "argv", ["my_script.py"])
    monkeypatch.setattr(sys, "orig_argv", ["python3", "my_script.py"])
    assert not interrupts.is_command()


def _started(pid: int) -> bool:
    """Whether the process has claimcheck's start-up handler: it catches SIGTERM (Python
    itself does not), so Python's own start-up, which no package can reach, is over."""
    status = Path(f"/proc/{pid}/status").read_text()
    caught = int(next(line for line in status.splitlines() if line.startswith("SigCgt:"))[7:], 16)
    return bool(caught & (1 << (signal.SIGTERM - 1)))


@pytest.mark.skipif(not LINUX, reason="reads the signal mask in /proc")
@pytest.mark.parametrize("delay", [0.0, 0.05, 0.3, 1.0])
def test_ctrl_c_at_any_moment_of_the_command_is_one_line_and_130(delay: float) -> None:
    # Ctrl-C during start-up printed a traceback, and some runs exited 0 (issue 19).
    command = [sys.executable, "-m", "claimcheck", "compare", str(DEMO), "--format", "json"]
    with subprocess.Popen(command, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE) as process:
        assert process.stderr is not None
        deadline = time.monotonic() + 60
        while not _started(process.pid):
            assert time.monotonic() < deadline and process.poll() is None
            time.sleep(0.001)
        time.sleep(delay + random.uniform(0, 0.02))
        process.send_signal(signal.SIGINT)
        code = process.wait(timeout=60)
        stderr = process.stderr.read().decode()
    if code == 0:  # the run had ended before the signal came
        assert stderr == ""
    else:
        assert (code, stderr) == (130, "interrupted\n")
