"""Load benchmark: our assistant against Rasa's stock sample assistant, same load.

    .venv/bin/python bench/load.py [--levels 1,10,20,50] [--turns 28] [--repeat 3]
                                   [--profile default|production] [--rasa-workers N] [--action-workers N]
                                   [--model models/assistant.tar.gz] [--out docs/performance.md]

For each concurrency level N, N scripted conversations run at once through the
REST channel against real running servers; every conversation sends the same
number of turns (ours: a whole application; the stock sample: its greet / mood /
goodbye turns, repeated). Both assistants run side by side and each level runs
--repeat times on each, alternating, with the runs pooled: on a shared machine a
slow minute then hits both, not one. Printed per level: p50/p95/p99 turn latency, turns per
second, errors (non-200, a network error, an empty reply, or our apology), and
the peak memory of every server process. Also: training time and cold start to
the first answer, for both. Writes the results and the machine to --out.
"""
from __future__ import annotations

import argparse
import asyncio
import json
import os
import platform
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
import uuid
from dataclasses import dataclass, field
from pathlib import Path
from typing import Dict, List, Optional

import aiohttp

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from bot.ops.local_services import Postgres, Redis, free_port  # noqa: E402
from bot.ops.services import Ports, Service, Supervisor, action_server, rasa_server, service_env  # noqa: E402

RASA = str(ROOT / ".venv" / "bin" / "rasa")
TODAY = "2026-03-10"
OURS = [
    "the family next door play loud music every night and shout abuse at us", "no", "myself", "a person", "no",
    "I reported it", "rang 101 on the 2nd of Feb, they gave me CAD 5521/02FEB", "nothing happened",
    "yes emailed barnet homes last week", "no", "they said they would look into it",
    "yes, told environmental health on 5 March, ref ENV-20441", "nothing", "no", "no that covers it",
    "Oak Road, N11 2AB", "yes", "since last summer", "we can't sleep and the kids are scared", "no", "yes", "yes",
    "yes", "Jo Bloggs", "07700 900123", "text message", "no", "yes",
]
STOCK = ["hello", "I am sad", "yes", "great, thanks", "bye"]


def peak_rss_mb(pid: int) -> float:
    """Peak resident memory of a process and its children (VmHWM), in MB."""
    total = 0.0
    pids = [pid]
    try:
        children = subprocess.run(["pgrep", "-P", str(pid)], capture_output=True, text=True).stdout.split()
        pids += [int(c) for c in children]
    except OSError:
        pass
    for p in pids:
        try:
            for line in Path(f"/proc/{p}/status").read_text().splitlines():
                if line.startswith("VmHWM:"):
                    total += int(line.split()[1]) / 1024
        except OSError:
            continue
    return round(total, 1)


@dataclass
class Level:
    concurrency: int
    latencies: List[float] = field(default_factory=list)
    errors: int = 0
    seconds: float = 0.0

    def add(self, run: "Level") -> None:
        self.latencies += run.latencies
        self.errors += run.errors
        self.seconds += run.seconds

    def summary(self) -> Dict[str, float]:
        ordered = sorted(self.latencies) or [0.0]

        def pct(p: float) -> float:
            return round(1000 * ordered[min(len(ordered) - 1, int(p * len(ordered)))], 1)

        return {"p50_ms": pct(0.50), "p95_ms": pct(0.95), "p99_ms": pct(0.99),
                "turns_per_s": round(len(self.latencies) / self.seconds, 1) if self.seconds else 0.0,
                "turns": len(self.latencies), "errors": self.errors}


async def conversation(session: aiohttp.ClientSession, url: str, script: List[str], turns: int, level: Level,
                       apology: Optional[str]) -> None:
    sender = "bench-" + uuid.uuid4().hex[:12]
    for i in range(turns):
        text = script[i % len(script)]
        started = time.perf_counter()
        try:
            async with session.post(f"{url}/webhooks/rest/webhook", json={"sender": sender, "message": text},
                                    timeout=aiohttp.ClientTimeout(total=120)) as response:
                body = await response.json(content_type=None)
                ok = response.status == 200 and isinstance(body, list) and body and \
                    not (apology and any(apology in (m.get("text") or "") for m in body))
        except (aiohttp.ClientError, asyncio.TimeoutError, ValueError):
            ok = False
        level.latencies.append(time.perf_counter() - started)
        if not ok:
            level.errors += 1


async def run_level(url: str, script: List[str], concurrency: int, turns: int, apology: Optional[str],
                    keep_alive: bool = False) -> Level:
    """N conversations at once. By default every turn opens a new connection, as the documented nginx
    proxy does to the Rasa servers (no upstream keepalive): requests, not connections, are then what
    is shared out among Rasa's workers."""
    level = Level(concurrency)
    connector = aiohttp.TCPConnector(limit=concurrency, force_close=not keep_alive)
    async with aiohttp.ClientSession(connector=connector) as session:
        started = time.perf_counter()
        await asyncio.gather(*(conversation(session, url, script, turns, level, apology) for _ in range(concurrency)))
        level.seconds = time.perf_counter() - started
    return level


def first_answer(url: str, started: float, timeout: float = 300) -> float:
    import urllib.request
    deadline = time.monotonic() + timeout
    body = json.dumps({"sender": "cold-start", "message": "hello"}).encode()
    while time.monotonic() < deadline:
        try:
            request = urllib.request.Request(f"{url}/webhooks/rest/webhook", data=body,
                                             headers={"Content-Type": "application/json"})
            with urllib.request.urlopen(request, timeout=30) as response:
                if json.loads(response.read() or b"[]"):
                    return round(time.monotonic() - started, 1)
        except OSError:
            time.sleep(0.2)
    raise RuntimeError(f"no answer from {url} within {timeout} s")


def train(args: List[str], cwd: Path, env: Dict[str, str]) -> float:
    started = time.monotonic()
    result = subprocess.run([RASA, *args], cwd=cwd, env=env, capture_output=True, text=True)
    if result.returncode != 0:
        sys.exit(f"training failed in {cwd}:\n{result.stdout[-2000:]}\n{result.stderr[-2000:]}")
    return round(time.monotonic() - started, 1)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--levels", default="1,10,20,50")
    parser.add_argument("--turns", type=int, default=len(OURS))
    parser.add_argument("--repeat", type=int, default=3,
                        help="runs per level and assistant, alternating ours / stock, pooled (evens out a noisy machine)")
    parser.add_argument("--profile", choices=("default", "production"), default="production",
                        help="default: SQLite, one Rasa worker; production: PostgreSQL + Redis, several workers")
    parser.add_argument("--rasa-workers", type=int, default=2)
    parser.add_argument("--action-workers", type=int, default=2)
    parser.add_argument("--out", default="docs/performance.md")
    parser.add_argument("--skip-stock", action="store_true")
    parser.add_argument("--keep-alive", action="store_true",
                        help="keep each conversation on one connection (default: a new connection per turn)")
    parser.add_argument("--model", help="use this trained model instead of training one (training time not measured)")
    args = parser.parse_args()
    levels = [int(x) for x in args.levels.split(",")]
    work = Path(tempfile.mkdtemp(prefix="ct-bench-"))
    log_dir = work / "logs"
    base_env = {**os.environ, "RASA_TELEMETRY_ENABLED": "false", "TF_CPP_MIN_LOG_LEVEL": "3",
                "PYTHONPATH": str(ROOT), "SQLALCHEMY_SILENCE_UBER_WARNING": "1"}
    results: Dict[str, Dict] = {"ours": {"levels": {}}, "stock": {"levels": {}}}
    cleanup: List = []
    try:
        # -- training --------------------------------------------------------------------
        if args.model:
            model = Path(args.model).resolve()
        else:
            # an empty cache of its own: Rasa would otherwise reuse components trained before
            results["ours"]["training_s"] = train(["train", "--fixed-model-name", "bench", "--out",
                                                   str(work / "ours")], ROOT,
                                                  {**base_env, "RASA_CACHE_DIRECTORY": str(work / "cache-ours")})
            model = work / "ours" / "bench.tar.gz"
        if not args.skip_stock:
            stock_dir = work / "stock"
            stock_dir.mkdir()
            started = time.monotonic()
            init = subprocess.run([RASA, "init", "--no-prompt", "--init-dir", str(stock_dir)], cwd=stock_dir,
                                  env={**base_env, "RASA_CACHE_DIRECTORY": str(work / "cache-stock")},
                                  capture_output=True, text=True)
            if init.returncode != 0:
                sys.exit(f"rasa init failed:\n{init.stdout[-2000:]}\n{init.stderr[-2000:]}")
            results["stock"]["training_s"] = round(time.monotonic() - started, 1)  # rasa init trains the sample

        # -- both assistants up, one at a time to time the cold start ----------------------
        ours_url, ours_services = start_ours(args, model, work, log_dir, cleanup)
        results["ours"]["cold_start_s"] = ours_services.cold_start_s
        assistants = [("ours", ours_url, OURS, "something went wrong on our side", ours_services.supervisor.services)]
        if not args.skip_stock:
            port = free_port()
            stock = Service("stock Rasa", [RASA, "run", "--model", str(stock_dir / "models"), "--port", str(port),
                                           "--interface", "127.0.0.1"], f"http://127.0.0.1:{port}/",
                            log_dir / "stock.log", cwd=stock_dir)
            started = time.monotonic()
            stock.start({**base_env, "SANIC_HOST": "127.0.0.1"})
            cleanup.append(stock.stop)
            results["stock"]["cold_start_s"] = first_answer(f"http://127.0.0.1:{port}", started)
            assistants.append(("stock", f"http://127.0.0.1:{port}", STOCK, None, [stock]))

        # -- the same load on each, alternating so that a slow minute hits both ------------
        for n in levels:
            pooled = {name: Level(n) for name, *_ in assistants}
            for _ in range(args.repeat):
                for name, url, script, apology, _services in assistants:
                    pooled[name].add(asyncio.run(run_level(url, script, n, args.turns, apology, args.keep_alive)))
            for name, _url, _script, _apology, services in assistants:
                results[name]["levels"][n] = {**pooled[name].summary(), "memory_mb": {
                    s.name: peak_rss_mb(s.process.pid) for s in services}}
                print(f"{name:5} N={n:>3}: {results[name]['levels'][n]}", flush=True)
    finally:
        for step in reversed(cleanup):
            step()
    write(results, args, levels)
    shutil.rmtree(work, ignore_errors=True)
    return 0


@dataclass
class Ours:
    supervisor: Supervisor
    cold_start_s: float


def start_ours(args, model: Path, work: Path, log_dir: Path, cleanup: List) -> "tuple[str, Ours]":
    ports = Ports(rasa=free_port(), actions=free_port(), web=free_port())
    extra = {"TRIGGER_DATA_DIR": str(work / "data"), "TRIGGER_TODAY": TODAY,
             "ACTION_SERVER_SANIC_WORKERS": str(args.action_workers),
             # every simulated resident comes from this machine, faster than anyone types
             "TRIGGER_WEBHOOK_LIMIT_ADDRESS": "1000000 per minute", "TRIGGER_WEBHOOK_LIMIT_CONVERSATION": "1000000 per minute"}
    if args.profile == "production":
        pg_dir = Path(tempfile.mkdtemp(prefix="ct-bench-pg-"))
        postgres = Postgres(pg_dir, free_port()).start()
        cleanup += [lambda: shutil.rmtree(pg_dir, ignore_errors=True), postgres.stop]
        redis = Redis(work / "redis", free_port()).start()
        cleanup.append(redis.stop)
        extra.update({"TRIGGER_DATABASE_URL": postgres.url, "TRIGGER_REDIS_URL": redis.url,
                      "SANIC_WORKERS": str(args.rasa_workers)})
    env = service_env(ports, extra)
    env.pop("TRIGGER_DRAFTS_DB_URL", None)
    subprocess.run([sys.executable, "-m", "bot", "drafts", "migrate"], env=env, check=True, capture_output=True)
    supervisor = Supervisor(env)
    cleanup.append(supervisor.stop)
    supervisor.start(action_server(ports, log_dir), timeout=120)
    rasa = rasa_server(ports, log_dir, model, env)
    started = time.monotonic()
    rasa.start({**env, "SANIC_HOST": "127.0.0.1"})
    supervisor.services.append(rasa)
    url = f"http://127.0.0.1:{ports.rasa}"
    return url, Ours(supervisor, first_answer(url, started))


def write(results: Dict, args, levels: List[int]) -> None:
    if not results["ours"]["levels"]:
        return
    ours, stock = results["ours"], results.get("stock") or {}
    lines = ["# Performance", "",
             f"Measured on {time.strftime('%Y-%m-%d')} with `.venv/bin/python bench/load.py --profile {args.profile} "
             f"--rasa-workers {args.rasa_workers} --action-workers {args.action_workers} --turns {args.turns} --repeat {args.repeat}"
             f"{' --model ' + args.model if args.model else ''}{' --keep-alive' if args.keep_alive else ''}`.", "",
             f"Machine: {platform.machine()}, {os.cpu_count()} cores, "
             f"{round(os.sysconf('SC_PAGE_SIZE') * os.sysconf('SC_PHYS_PAGES') / 2**30)} GiB, Python "
             f"{platform.python_version()}, {platform.platform()}.", "",
             "Each conversation sends the same number of turns to each assistant: ours a whole application "
             "(safety check, who, three reports, the problem, the decision, consent, contact, summary, saved "
             "draft), the stock sample its greet / mood / goodbye turns, repeated. An error is a non-200 answer, "
             "a network error, an empty reply, or our apology.", "",
             "| | ours | stock sample | ratio |", "| --- | --- | --- | --- |",
             f"| training time (s) | {ours.get('training_s')} | {stock.get('training_s', '-')} | "
             f"{_ratio(ours.get('training_s'), stock.get('training_s'))} |",
             f"| cold start to first answer (s) | {ours.get('cold_start_s')} | {stock.get('cold_start_s', '-')} | "
             f"{_ratio(ours.get('cold_start_s'), stock.get('cold_start_s'))} |", ""]
    lines += ["| concurrent conversations | p50 ms (ours / stock) | p95 ms (ours / stock, ratio) | p99 ms | "
              "turns/s (ours / stock, ratio) | errors (ours / stock) | peak memory MB (ours) |",
              "| --- | --- | --- | --- | --- | --- | --- |"]
    for n in levels:
        o = ours["levels"][n]
        s = (stock.get("levels") or {}).get(n, {})
        memory = ", ".join(f"{k} {v}" for k, v in o["memory_mb"].items())
        lines.append(f"| {n} | {o['p50_ms']} / {s.get('p50_ms', '-')} | {o['p95_ms']} / {s.get('p95_ms', '-')} "
                     f"({_ratio(o['p95_ms'], s.get('p95_ms'))}) | {o['p99_ms']} / {s.get('p99_ms', '-')} | "
                     f"{o['turns_per_s']} / {s.get('turns_per_s', '-')} ({_ratio(o['turns_per_s'], s.get('turns_per_s'))}) | "
                     f"{o['errors']} / {s.get('errors', '-')} | {memory} |")
    if stock.get("levels"):
        lines += ["", "Stock sample peak memory (MB): " + ", ".join(
            f"N={n}: {stock['levels'][n]['memory_mb']['stock Rasa']}" for n in levels)]
    out = ROOT / args.out
    out.parent.mkdir(parents=True, exist_ok=True)
    notes = ""
    if out.exists() and "## What we changed" in out.read_text():
        notes = "\n" + out.read_text()[out.read_text().index("## What we changed"):]
    out.write_text("\n".join(lines) + "\n" + notes)
    print("\n".join(lines))


def _ratio(ours, stock) -> str:
    try:
        return f"{float(ours) / float(stock):.2f}x"
    except (TypeError, ValueError, ZeroDivisionError):
        return "-"


if __name__ == "__main__":
    sys.exit(main())
