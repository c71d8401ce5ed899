"""`marker batch --engine ray` on a real multi-node cluster on this machine.

A head node (no cores of its own) and two worker nodes of one core each are started with
`ray start`, each its own set of processes and temporary folder, and the batch joins them
with `--address`, as it would join a cluster of machines. Ray's head listens on the
machine's own address, which the kernel routes over the loopback device: nothing leaves
the machine. The cluster is stopped by killing the process groups this module started
(`ray stop` would also stop any other Ray on the machine).
"""

from __future__ import annotations

import contextlib
import json
import os
import secrets
import shutil
import signal
import socket
import subprocess
import sys
import time
from pathlib import Path

import pytest

from tests.conftest import PORTFOLIOS, fixture_files

ray = pytest.importorskip("ray", reason="Ray is not installed (pip install '.[ray]')")

BIN = Path(sys.executable).parent
START_SECONDS = 90


def _free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


class Network:
    """A network namespace of the test's own, with only a loopback device: Ray binds some
    of its sockets to the host's address whatever it is told, so the cluster, its status
    calls and the batches all run in here, where that address is loopback too."""

    def __init__(self) -> None:
        self.holder = subprocess.Popen(["unshare", "--net", "sleep", "3600"])
        own = os.readlink("/proc/self/ns/net")
        deadline = time.monotonic() + 10
        # `unshare` has made the namespace only once its process is in another one
        while self._namespace() in (own, None) and time.monotonic() < deadline:
            time.sleep(0.05)
        up = subprocess.run(
            ["nsenter", "-t", str(self.holder.pid), "-n", "ip", "link", "set", "lo", "up"],
            capture_output=True,
            text=True,
            check=False,
        )
        if up.returncode != 0:
            self.close()
            raise OSError(f"no network namespace of our own: {up.stderr.strip()}")

    def _namespace(self) -> str | None:
        try:
            return os.readlink(f"/proc/{self.holder.pid}/ns/net")
        except OSError:
            return None

    def command(self, *command: str) -> list[str]:
        return ["nsenter", "-t", str(self.holder.pid), "-n", "--", *command]

    def close(self) -> None:
        self.holder.kill()
        self.holder.wait()


class Cluster:
    def __init__(self, folder: Path, network: Network) -> None:
        self.network = network
        self.folder = folder
        self.port = _free_port()
        self.address = f"127.0.0.1:{self.port}"
        self.env = os.environ | {
            # one token for every process of this cluster, none written to the home folder
            "RAY_AUTH_MODE": "token",
            "RAY_AUTH_TOKEN": secrets.token_hex(32),
            # a lost node is noticed in seconds, not half a minute
            "RAY_health_check_period_ms": "1000",
            "RAY_health_check_timeout_ms": "1000",
            "RAY_health_check_failure_threshold": "3",
            "RAY_USAGE_STATS_ENABLED": "0",
        }
        self.nodes: dict[str, subprocess.Popen] = {}

    def start_node(self, name: str, *arguments: str) -> None:
        temp = self.folder / name
        temp.mkdir()
        command = self.network.command(
            str(BIN / "ray"), "start", "--block", f"--temp-dir={temp}", *arguments
        )
        log = (self.folder / f"{name}.log").open("w")
        self.nodes[name] = subprocess.Popen(
            command, env=self.env, stdout=log, stderr=subprocess.STDOUT, start_new_session=True
        )

    def start(self) -> None:
        self.start_node(
            "head",
            "--head",
            "--node-ip-address=127.0.0.1",
            f"--port={self.port}",
            "--num-cpus=0",
            "--include-dashboard=false",
            "--disable-usage-stats",
        )
        for worker in ("worker-1", "worker-2"):
            self.start_node(
                worker, f"--address={self.address}", "--node-ip-address=127.0.0.1", "--num-cpus=1"
            )
        deadline = time.monotonic() + START_SECONDS
        while self.cpus() < 2:
            ended = [name for name, node in self.nodes.items() if node.poll() is not None]
            if ended or time.monotonic() > deadline:
                log = (self.folder / f"{(ended or ['head'])[0]}.log").read_text()[-600:]
                raise RuntimeError(f"the Ray cluster did not start ({ended}): {log}")
            time.sleep(1)

    def cpus(self) -> float:
        status = subprocess.run(
            self.network.command(str(BIN / "ray"), "status", f"--address={self.address}"),
            env=self.env,
            capture_output=True,
            text=True,
            check=False,
        ).stdout
        for line in status.splitlines():
            if line.strip().endswith(" CPU") and "/" in line:
                return float(line.split("/")[1].split()[0])
        return 0.0

    def kill(self, name: str) -> None:
        """The node's every process at once, as when a machine is lost."""
        node = self.nodes.pop(name)
        with contextlib.suppress(ProcessLookupError):
            os.killpg(node.pid, signal.SIGKILL)
        node.wait()

    def stop(self) -> None:
        for name in list(self.nodes):
            self.kill(name)


@pytest.fixture(scope="module")
def cluster(tmp_path_factory):
    folder = tmp_path_factory.mktemp("ray")
    if shutil.which("ray", path=str(BIN)) is None:
        pytest.skip("the `ray` command is not installed beside this Python")
    try:
        network = Network()
    except OSError as error:
        print(f"Ray's cluster test needs a network namespace: {error}")
        pytest.skip(f"Ray's cluster test needs a network namespace: {error}")
    running = Cluster(folder, network)
    try:
        running.start()
    except (RuntimeError, OSError) as error:
        running.stop()
        network.close()
        print(f"Ray cannot start here: {error}")
        pytest.skip(f"Ray cannot start here: {error}")
    yield running
    running.stop()
    network.close()


def _batch(
    out: Path, *options: str, network: Network | None = None, env: dict | None = None, **popen
) -> subprocess.Popen:
    command = [str(BIN / "marker"), "batch", str(PORTFOLIOS), "-o", str(out), *options]
    command = network.command(*command) if network else command
    return subprocess.Popen(command, env=env, text=True, **popen)


def _lines(journal: Path) -> dict[str, list[str]]:
    by_path: dict[str, list[str]] = {}
    for line in journal.read_text(encoding="utf-8").splitlines():
        by_path.setdefault(json.loads(line)["path"], []).append(line)
    return by_path


def test_ray_cluster_gives_every_file_the_same_bytes_as_local_workers(cluster, tmp_path):
    local = _batch(tmp_path / "local.jsonl", "--jobs", "2", stderr=subprocess.PIPE)
    assert local.wait(timeout=120) == 0, local.stderr.read()
    on_ray = _batch(
        tmp_path / "ray.jsonl",
        "--engine",
        "ray",
        "--address",
        cluster.address,
        network=cluster.network,
        env=cluster.env,
        stderr=subprocess.PIPE,
    )
    assert on_ray.wait(timeout=180) == 0, on_ray.stderr.read()
    expected = _lines(tmp_path / "local.jsonl")
    assert sorted(expected) == sorted(p.name for p in fixture_files())
    assert _lines(tmp_path / "ray.jsonl") == expected  # one line per file, byte for byte


def test_losing_a_node_mid_batch_leaves_every_file_exactly_one_row(cluster, tmp_path):
    journal = tmp_path / "grid.jsonl"
    running = _batch(
        journal,
        "--engine",
        "ray",
        "--address",
        cluster.address,
        network=cluster.network,
        env=cluster.env,
        stderr=subprocess.PIPE,
    )
    deadline = time.monotonic() + 120
    while not journal.exists() or journal.read_text().count("\n") < 3:
        assert running.poll() is None, running.stderr.read()
        assert time.monotonic() < deadline, "the batch marked nothing"
        time.sleep(0.1)
    marked_before = journal.read_text().count("\n")
    cluster.kill("worker-1")
    assert running.wait(timeout=180) == 0, running.stderr.read()
    rows = _lines(journal)
    assert sorted(rows) == sorted(p.name for p in fixture_files())
    assert all(len(lines) == 1 for lines in rows.values())
    assert marked_before < len(rows)  # the node was lost mid-batch
