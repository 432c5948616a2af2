"""``kg serve`` as a command: defaults, bad options and stores, a taken port, clean shutdown."""

from __future__ import annotations

import signal
import subprocess
import sys
import time

import httpx
import pytest


def _kg(helpers, *args: str, timeout: float = 60) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "kg", *args], capture_output=True, text=True, env=helpers.env(),
                          cwd=helpers.ROOT, timeout=timeout, stdin=subprocess.DEVNULL)


def test_server_cli_help_shows_safe_defaults(helpers):
    out = _kg(helpers, "serve", "--help").stdout
    assert "127.0.0.1" in out and "--time-limit" in out and "--max-rows" in out and "0.0.0.0" in out


@pytest.mark.parametrize("args, message", [
    (["--store", "/nonexistent/kg-store"], "no such store"),
    (["--time-limit", "0"], "query_time_limit"),
    (["--max-rows", "0"], "max_rows"),
    (["--workers", "0"], "workers"),
])
def test_server_cli_bad_input_is_one_line_and_exit_2(helpers, sample_store, args, message):
    proc = _kg(helpers, "serve", "--store", str(sample_store), *args)
    assert proc.returncode == 2
    lines = proc.stderr.strip().splitlines()
    assert len(lines) == 1 and lines[0].startswith("kg: error: ") and message in lines[0]


def test_server_cli_port_in_use(helpers, server, sample_store):
    port = server.url.rsplit(":", 1)[1]
    proc = _kg(helpers, "serve", "--store", str(sample_store), "--port", port)
    assert proc.returncode == 2
    assert "cannot listen on 127.0.0.1:" + port in proc.stderr


def test_server_cli_binds_loopback_and_stops_its_workers(launch, sample_store):
    srv = launch(sample_store, "--workers", "2")
    assert srv.url.startswith("http://127.0.0.1:")
    assert httpx.get(srv.url + "/health").json()["workers"] == 2
    family = _descendants(srv.proc.pid)
    assert len(family) >= 3  # the forkserver, the resource tracker and the query workers
    srv.proc.send_signal(signal.SIGINT)
    assert srv.proc.wait(timeout=20) == 0
    deadline = time.monotonic() + 10
    while (alive := [pid for pid in family if _alive(pid)]) and time.monotonic() < deadline:
        time.sleep(0.1)
    assert not alive, f"processes {alive} outlived the server"


def _descendants(pid: int) -> list[int]:
    found, todo = [], [pid]
    while todo:
        out = subprocess.run(["ps", "-o", "pid=", "--ppid", str(todo.pop())], capture_output=True, text=True).stdout
        children = [int(p) for p in out.split()]
        found += children
        todo += children
    return found


def _alive(pid: int) -> bool:
    state = subprocess.run(["ps", "-p", str(pid), "-o", "stat="], capture_output=True, text=True).stdout.strip()
    return bool(state) and not state.startswith("Z")
