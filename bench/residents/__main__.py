"""python -m bench.residents: play simulated residents against the assistant and report.

    python -m bench.residents [--n 300] [--mode typed|buttons|both] [--seed 1]
        [--phrases default|holdout] [--policy policies/examples/thameside.yml] [--url URL --drafts-cmd CMD]
        [--out bench/residents/results/latest.md] [--concurrency 4] [--show-failures 5]

Without --url it starts the real servers itself (tests.servers.start_servers, in a
temporary folder, TRIGGER_TODAY=2026-11-26) and reads their drafts with
`python -m bot drafts export`. With --url, --drafts-cmd is a shell command that
prints the drafts of that instance as a JSON array. --policy plays another council: its
servers are started with that policy and the stories are judged by its criteria.
"""
from __future__ import annotations

import argparse
import json
import shlex
import subprocess
import sys
import tempfile
import time
from datetime import datetime
from pathlib import Path
from typing import Callable, Dict, List

from . import judge, oracle, phrases, report, runner, scenarios

ROOT = Path(__file__).resolve().parents[2]
TODAY = "2026-11-26"


def drafts_from_command(command: str) -> Callable[[], List[Dict]]:
    def read() -> List[Dict]:
        result = subprocess.run(command, shell=True, capture_output=True, text=True, timeout=300)
        if result.returncode != 0:
            raise RuntimeError(f"drafts command failed ({result.returncode}): {result.stderr[-2000:]}")
        return json.loads(result.stdout or "[]")
    return read


def main(argv=None) -> int:
    p = argparse.ArgumentParser(prog="python -m bench.residents", description=__doc__.split("\n")[0])
    p.add_argument("--n", type=int, default=300, help="scenarios (each played once per mode)")
    p.add_argument("--mode", choices=["typed", "buttons", "both"], default="both")
    p.add_argument("--seed", type=int, default=1)
    p.add_argument("--phrases", default="default", help="default (phrasebank + extra), holdout, all, or file names")
    p.add_argument("--policy", help="another council's policy file: its servers, judged by its criteria")
    p.add_argument("--url", help="base URL of a running Rasa server (REST channel)")
    p.add_argument("--drafts-cmd", help="with --url: a shell command printing that instance's drafts as JSON")
    p.add_argument("--out", default="bench/residents/results/latest.md", help="markdown report ('' for none)")
    p.add_argument("--landing", action="store_true",
                   help="start as the web page does: the greeting and first question before the resident speaks")
    p.add_argument("--concurrency", type=int, default=4)
    p.add_argument("--turn-cap", type=int, default=runner.TURN_CAP)
    p.add_argument("--show-failures", type=int, default=0, help="print this many failing transcripts")
    p.add_argument("--json", help="also write every transcript and verdict to this JSON file")
    args = p.parse_args(argv)

    bank = phrases.load(args.phrases)
    rules = oracle.rules_from_policy(args.policy) if args.policy else oracle.BARNET
    stories = scenarios.generate(args.n, args.seed, bank, rules)
    modes = ["typed", "buttons"] if args.mode == "both" else [args.mode]
    print(f"{len(stories)} scenarios x {len(modes)} mode(s), phrases: "
          f"{', '.join(f.name for f in bank.files)}", flush=True)

    servers = None
    if args.url:
        if not args.drafts_cmd:
            p.error("--url needs --drafts-cmd (how to read that instance's drafts)")
        url, drafts = args.url, drafts_from_command(args.drafts_cmd)
    else:
        sys.path.insert(0, str(ROOT))
        from tests.servers import start_servers
        data = Path(tempfile.mkdtemp(prefix="residents-"))
        print(f"starting the servers in {data} ...", flush=True)
        servers = start_servers(data, {"TRIGGER_TODAY": TODAY}, policy=args.policy, today=TODAY)
        url, drafts = servers.url, servers.drafts

    done = [0]
    total = len(stories) * len(modes)
    started = time.monotonic()

    def progress(c):
        done[0] += 1
        if done[0] % 10 == 0 or done[0] == total:
            print(f"  {done[0]}/{total} conversations ({time.monotonic() - started:.0f}s)", flush=True)

    try:
        conversations = runner.run(url, stories, bank, modes, args.seed, drafts, args.concurrency,
                                   args.turn_cap, progress, landing=args.landing)
    finally:
        if servers is not None:
            servers.supervisor.stop()

    results = [(c, judge.judge(c)) for c in conversations]
    figs = report.figures(results)
    print()
    print(report.table(figs))
    print()
    print(report.failure_table(figs))
    print()
    print(report.category_table(figs))

    failing = [(c, v) for c, v in results if not v.right]
    examples = "\n\n".join(show(c, v) for c, v in failing[:args.show_failures])
    if args.show_failures and failing:
        print("\n" + examples)
    command = "python -m bench.residents " + " ".join(shlex.quote(a) for a in (argv if argv is not None else sys.argv[1:]))
    if args.out:
        out = Path(args.out)
        if not out.is_absolute():
            out = ROOT / out
        out.parent.mkdir(parents=True, exist_ok=True)
        notes = [f"phrase files: {', '.join(f.name for f in bank.files)}; seed {args.seed}; today {TODAY}; "
                 f"council {rules.area}",
                 f"{sum(1 for c, _ in results if c.end == 'turn_cap')} conversations hit the turn cap ({args.turn_cap})"]
        out.write_text(report.markdown(figs, command, datetime.now().strftime("%Y-%m-%d %H:%M"), notes,
                                       examples if args.show_failures else ""), encoding="utf-8")
        print(f"\nwrote {out}")
    if args.json:
        dump = [{"sender": c.sender, "mode": c.mode, "scenario": c.scenario.to_dict(), "end": c.end,
                 "expected": v.expected, "failures": v.failures, "right": v.right,
                 "transcript": c.transcript(), "drafts": c.drafts} for c, v in results]
        Path(args.json).write_text(json.dumps(dump, indent=1, default=str), encoding="utf-8")
    return 0


def show(c, v) -> str:
    reasons = "; ".join(f"{r}: {d}" for r, d in v.failures)
    return f"{c.transcript()}\n  => expected {v.expected}; FAILED: {reasons}"


if __name__ == "__main__":
    sys.exit(main())
