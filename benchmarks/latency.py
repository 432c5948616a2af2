"""How long three refusals and cold starts take: figures the tests check for function only.

Usage: PYTHONPATH=. python benchmarks/latency.py [--repeat 3]

- the default actor dictionary loaded from cold caches (rows kept as tuples, roles parsed on use);
- ``kg build`` refusing a 20 MB text file over ``max_input_bytes`` (it must not read it first);
- ``kg serve --time-limit 1.5`` stopping a runaway query (the reply's wait, time limit included).

Each is run ``--repeat`` times; the median and the range are printed (seconds).
"""

from __future__ import annotations

import argparse
import os
import re
import statistics
import subprocess
import sys
import tempfile
import time
import urllib.error
import urllib.parse
import urllib.request
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

RUNAWAY = "SELECT (COUNT(*) AS ?n) WHERE { ?a ?b ?c . ?d ?e ?f . ?g ?h ?i }"
TIME_LIMIT = 1.5
_open = urllib.request.build_opener(urllib.request.ProxyHandler({})).open  # 127.0.0.1 only, never a proxy


def _env() -> dict[str, str]:
    env = {k: v for k, v in os.environ.items() if not k.startswith("KG_") and "proxy" not in k.lower()}
    env["PYTHONPATH"] = str(ROOT) + os.pathsep + env.get("PYTHONPATH", "")
    return env


def dictionary_load() -> float:
    import kg.dictionaries as kd

    kd._default_actors.cache_clear()
    kd._country_codes.cache_clear()
    started = time.perf_counter()
    kd.default_dictionary().lookup("Benjamin Netanyahu")
    return time.perf_counter() - started


def refuse_big_file(tmp: Path) -> float:
    big = tmp / "big.txt"
    if not big.exists():
        line = "The council met again on Tuesday and talked about the harbour.\n"
        big.write_text(line * (20_000_000 // len(line) + 1), encoding="utf-8")
    started = time.perf_counter()
    proc = subprocess.run([sys.executable, "-m", "kg", "build", str(big), "--store", str(tmp / "store")],
                          capture_output=True, text=True, env=_env(), cwd=ROOT, timeout=300)
    took = time.perf_counter() - started
    assert proc.returncode == 2 and "max_input_bytes" in proc.stderr, proc.stderr
    return took


class _Serve:
    """``kg serve`` on an empty store (the vocabulary alone makes the runaway query run long)."""

    def __init__(self, tmp: Path) -> None:
        from kg.rdf.store import Store

        store = tmp / "serve-store"
        if not store.exists():
            Store.create(store).close()
        self.log = (tmp / "serve.log").open("wb")
        self.proc = subprocess.Popen([sys.executable, "-m", "kg", "serve", "--store", str(store), "--port", "0",
                                      "--time-limit", str(TIME_LIMIT), "--workers", "2"],
                                     stdout=self.log, stderr=subprocess.STDOUT, stdin=subprocess.DEVNULL,
                                     env=_env(), cwd=ROOT)
        deadline = time.monotonic() + 60
        while time.monotonic() < deadline:
            found = re.search(r"read-only at (http://127\.0\.0\.1:\d+)/", (tmp / "serve.log").read_text(errors="replace"))
            if found:
                self.url = found.group(1)
                break
            if self.proc.poll() is not None:
                raise SystemExit("kg serve exited: " + (tmp / "serve.log").read_text(errors="replace"))
            time.sleep(0.05)
        else:
            self.close()
            raise SystemExit("kg serve did not start")
        while True:  # announced, then ready once the query workers are up
            try:
                _open(self.url + "/health", timeout=10).read()
                return
            except (urllib.error.URLError, OSError):
                if time.monotonic() > deadline:
                    self.close()
                    raise SystemExit("kg serve did not answer /health") from None
                time.sleep(0.1)

    def runaway(self) -> float:
        url = self.url + "/sparql?" + urllib.parse.urlencode({"query": RUNAWAY})
        started = time.perf_counter()
        try:
            _open(url, timeout=120).read()
            raise SystemExit("the runaway query was answered")
        except urllib.error.HTTPError as exc:
            took = time.perf_counter() - started
            assert exc.code == 503, exc.code
        return took

    def close(self) -> None:
        self.proc.terminate()
        self.proc.wait(timeout=30)
        self.log.close()


def _show(what: str, times: list[float]) -> None:
    print(f"{what:<48} median {statistics.median(times):6.2f} s   range {min(times):.2f}–{max(times):.2f} s")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--repeat", type=int, default=3)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory(prefix="kg-latency-") as name:
        tmp = Path(name)
        _show("default dictionary, cold caches", [dictionary_load() for _ in range(args.repeat)])
        _show("kg build refusing a 20 MB file", [refuse_big_file(tmp) for _ in range(args.repeat)])
        serve = _Serve(tmp)
        try:
            _show(f"runaway query stopped (time limit {TIME_LIMIT:g} s)", [serve.runaway() for _ in range(args.repeat)])
        finally:
            serve.close()


if __name__ == "__main__":
    main()
