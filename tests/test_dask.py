"""Stories on a real Dask cluster: a scheduler and two workers on localhost, started and stopped
here, give the same report byte for byte as the local run. Skips only without dask installed."""

from __future__ import annotations

import socket
import subprocess
import sys
from collections.abc import Iterator

import pytest
from click.testing import CliRunner

from claimcheck import compare
from claimcheck.cli import main
from claimcheck.report import FORMATS

from .conftest import DEMO, STORIES

distributed = pytest.importorskip("distributed")


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


@pytest.fixture(scope="module")
def scheduler() -> Iterator[str]:
    address = f"tcp://127.0.0.1:{free_port()}"
    port = address.rsplit(":", 1)[1]
    quiet = {"stdout": subprocess.DEVNULL, "stderr": subprocess.DEVNULL}
    cli = [sys.executable, "-m", "distributed.cli"]
    processes = [
        subprocess.Popen(
            [
                *cli[:2],
                "distributed.cli.dask_scheduler",
                "--host",
                "127.0.0.1",
                "--port",
                port,
                "--no-dashboard",
            ],
            **quiet,
        )
    ]
    processes += [
        subprocess.Popen(
            [
                *cli[:2],
                "distributed.cli.dask_worker",
                address,
                "--nthreads",
                "1",
                "--no-dashboard",
                "--host",
                "127.0.0.1",
            ],
            **quiet,
        )
        for _ in range(2)
    ]
    try:
        with distributed.Client(address, timeout=60) as client:
            client.wait_for_workers(2, timeout=60)
        yield address
    finally:
        for process in reversed(processes):
            process.terminate()
        for process in processes:
            try:
                process.wait(timeout=20)
            except subprocess.TimeoutExpired:
                process.kill()
                process.wait()


def test_a_dask_cluster_gives_the_local_report_byte_for_byte(
    scheduler: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "0")  # two renders a second apart are the same
    inputs = [STORIES, DEMO]
    local = compare(inputs, jobs=1)
    remote = compare(inputs, scheduler=scheduler)
    assert len(local.stories) == 4
    for fmt in FORMATS:
        assert FORMATS[fmt](remote) == FORMATS[fmt](local), fmt


@pytest.mark.parametrize("fmt", ["json", "jsonl", "csv"])
def test_the_command_writes_the_local_report_from_the_cluster(scheduler: str, fmt: str) -> None:
    # The streamed formats' text is made on the workers (Plan.finished), not from records sent back.
    runner = CliRunner()
    args = ["compare", str(STORIES), str(DEMO), "--format", fmt, "-q"]
    local = runner.invoke(main, [*args, "--jobs", "1"])
    remote = runner.invoke(main, [*args, "--scheduler", scheduler])
    assert remote.exit_code == local.exit_code == 0, remote.stderr
    assert remote.stdout == local.stdout and local.stdout
