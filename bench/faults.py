"""Fault run under load: twenty residents applying at once while the servers are killed in turn.

    .venv/bin/python -m bench.faults [--conversations 20] [--seed 1] [--out docs/reliability.md]

The production profile on this machine: PostgreSQL and Redis (bot.ops.local_services), one action
server, two Rasa servers sharing the stores, and the web app, all under the same supervisor as
`python -m bot serve` (Supervisor.keep_running), which restarts whatever dies.

Each resident types a whole application (three reports, the problem, their contact details, "yes" at
the summary) with a pause between messages; twenty are under way at any moment, each followed by a new
resident until the faults are over, so that every fault strikes mid-application. Their turns go to the two Rasa servers in turn, as the
README's nginx upstream does; a server that refuses the connection is skipped for the other, as
nginx's default `proxy_next_upstream error` does. A turn that fails (no answer, an error status, or
the apology with the phone number) is sent again after a pause, as a resident presses the page's
"Try again". Two pollers measure the gaps: the resident page loaded, and a probe conversation saying
"hello" through the balancer, each four times a second. Meanwhile, each once the service has healed
from the last and five seconds more have passed: SIGKILL the action server; SIGKILL Rasa server B; SIGKILL the web app; restart
PostgreSQL; restart Redis.

Printed, and written to --out: conversations completed, drafts written, drafts lost (a reference
given with no draft), duplicate drafts for one conversation, answers lost (an answer missing from the
draft) or doubled (a report recorded twice), and for each fault the longest time without service.
tests/production/test_faults.py runs a smaller version in `make test`.
"""
from __future__ import annotations

import argparse
import json
import random
import shutil
import sys
import tempfile
import threading
import time
import urllib.error
import urllib.request
import uuid
from dataclasses import dataclass, field
from pathlib import Path
from typing import Callable, Dict, List, Optional, Tuple

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from bot.ops.local_services import Postgres, Redis, free_port  # noqa: E402
from bot.ops.services import (Ports, Service, Supervisor, action_server, model_path, rasa_server,  # noqa: E402
                              service_env, web_server)

TODAY = "2026-03-10"  # the residents' dates are relative to it (the test servers' today)
APOLOGY = "something went wrong on our side"
SAVED = "Your reference is "
NAMES = ["Amira Khan", "Tom Walsh", "Grace Okafor", "Dev Patel", "Nora Byrne", "Sam Cohen", "Lena Novak",
         "Kofi Mensah", "Ruth Adler", "Omar Haddad", "Ellen Price", "Yusuf Demir", "Maria Santos", "Ben Fisher",
         "Priya Shah", "Joe Murphy", "Hana Sato", "Leo Russo", "Ada Brown", "Ian Gray"]
STREETS = ["Oak Road", "Ash Grove", "Elm Close", "Birch Way", "Holly Lane"]


# -- the residents ----------------------------------------------------------------------------------------------


@dataclass
class Resident:
    """One resident's whole application, and what the draft must hold afterwards."""
    index: int
    name: str
    phone: str
    house: str
    refs: Tuple[str, str, str]

    @classmethod
    def number(cls, i: int) -> "Resident":
        return cls(i, NAMES[i % len(NAMES)] if i < len(NAMES) else f"{NAMES[i % len(NAMES)]}son",
                   f"07700 900{100 + i:03d}", f"{i + 1} {STREETS[i % len(STREETS)]}",
                   (f"CAD {5500 + i}/02FEB", f"CL-{40000 + i}", f"ENV-{20400 + i}"))

    def script(self) -> List[str]:
        return ["the family next door play loud music every night and shout abuse at us", "no", "myself", "no",
                "I reported it",
                f"rang 101 on the 2nd of Feb, they gave me {self.refs[0]}, nothing happened",
                f"emailed Clarion last week, ref {self.refs[1]}, no reply",
                f"told environmental health on 5 March, ref {self.refs[2]}, they never came",
                "no that's all", f"{self.house}, N3 2AB", "since last summer",
                "we can't sleep and the kids are scared", "no", "yes", self.name, self.phone, "text message", "no",
                "yes"]

    def answers_in(self, draft: Dict) -> Tuple[int, int]:
        """(answers missing from the draft, reports recorded more than once)."""
        applicant, asb = draft["applicant"], draft["asb"]
        expected = [
            applicant.get("name") == self.name,
            (applicant.get("phone") or "").replace(" ", "") == self.phone.replace(" ", ""),
            applicant.get("preferred_contact") in ("text", "sms", "text message"),
            self.house.lower() in (applicant.get("address") or asb.get("location") or "").lower(),
            bool(asb.get("since")), bool(asb.get("impact")), bool(asb.get("description")),
            applicant.get("consent_to_share") is True,
        ]
        refs = [r.get("reference") or "" for r in draft["reports"]]
        expected += [any(ref.replace(" ", "") in r.replace(" ", "") for r in refs) for ref in self.refs]
        doubled = max(0, len(draft["reports"]) - len(self.refs))
        return expected.count(False), doubled


@dataclass
class Outage:
    """A turn that failed at least once: from the first failure to the answer."""
    started: float
    ended: float
    why: str = ""


@dataclass
class Conversation:
    resident: Resident
    sender: str
    turns: int = 0
    failures: int = 0
    outages: List[Outage] = field(default_factory=list)
    reference: Optional[str] = None
    gave_up: Optional[str] = None
    transcript: List[str] = field(default_factory=list)


class Balancer:
    """Round robin over the Rasa servers, skipping one that refuses the connection (nginx's default)."""

    def __init__(self, urls: List[str]):
        self.urls = urls
        self._next = 0
        self._lock = threading.Lock()

    def post(self, sender: str, text: str, timeout: float = 60, address: str = "192.0.2.1"
             ) -> Tuple[Optional[List[Dict]], str]:
        """`address`: the resident's, as the proxy passes it on (X-Forwarded-For); each resident has their
        own, as they would, so the per-address rate limit sees what it would in service."""
        with self._lock:
            start = self._next
            self._next = (self._next + 1) % len(self.urls)
        body = json.dumps({"sender": sender, "message": text}).encode()
        problem = ""
        for k in range(len(self.urls)):
            url = self.urls[(start + k) % len(self.urls)]
            request = urllib.request.Request(f"{url}/webhooks/rest/webhook", data=body,
                                             headers={"Content-Type": "application/json",
                                                      "X-Forwarded-For": address})
            try:
                with urllib.request.urlopen(request, timeout=timeout) as response:
                    return json.loads(response.read() or b"[]"), ""
            except urllib.error.HTTPError as error:
                return None, f"status {error.code}"
            except urllib.error.URLError as error:
                if isinstance(error.reason, ConnectionRefusedError):
                    problem = "refused"
                    continue  # not sent: the next server gets it
                return None, str(error.reason)
            except (OSError, ValueError) as error:  # reset mid-request, timeout, a broken body
                return None, type(error).__name__
        return None, problem


def converse(conversation: Conversation, balancer: Balancer, rng: random.Random, think: Tuple[float, float],
             retry_pause: float, give_up_after: float) -> None:
    for text in conversation.resident.script():
        first_failure, first_why = None, ""
        while True:
            replies, problem = balancer.post(conversation.sender, text, timeout=30,  # the page's limit
                                             address=f"198.51.100.{conversation.resident.index % 250 + 1}")
            said = " ".join(m.get("text") or "" for m in replies or [])
            if replies and APOLOGY not in said:
                break
            conversation.failures += 1
            now = time.monotonic()
            if first_failure is None:
                first_failure, first_why = now, problem or ("the apology" if APOLOGY in said else "no reply")
            conversation.transcript.append(f"> {text}\n  ! {problem or said[:80] or 'no reply'}")
            if now - first_failure > give_up_after:
                conversation.gave_up = f"no answer to {text!r} for {give_up_after:.0f} s: {problem or said[:80]}"
                return
            time.sleep(retry_pause)
        if first_failure:
            conversation.outages.append(Outage(first_failure, time.monotonic(), first_why))
        conversation.turns += 1
        conversation.transcript.append(f"> {text}\n{said}")
        if SAVED in said:
            conversation.reference = said.split(SAVED, 1)[1].split()[0].strip(".,")
        time.sleep(rng.uniform(*think))


class Poller(threading.Thread):
    """Asks `check` four times a second and keeps each stretch in which it failed, with the first failure's
    reason. `check` answers with an empty string when all is well, else what went wrong."""

    def __init__(self, check: Callable[[], str]):
        super().__init__(daemon=True)
        self.check = check
        self.outages: List[Outage] = []
        self.stopping = threading.Event()

    def run(self) -> None:
        down_since, why = None, ""
        while not self.stopping.is_set():
            try:
                problem = self.check()
            except (OSError, ValueError) as error:
                problem = type(error).__name__
            now = time.monotonic()
            if problem and down_since is None:
                down_since, why = now, problem
            elif not problem and down_since is not None:
                self.outages.append(Outage(down_since, now, why))
                down_since = None
            self.stopping.wait(0.25)


def page_loads(web_url: str) -> Callable[[], str]:
    """The resident page loads, as for a resident arriving."""
    def check() -> str:
        with urllib.request.urlopen(web_url + "/", timeout=5) as response:
            return "" if response.status == 200 else f"status {response.status}"
    return check


def assistant_answers(balancer: Balancer, run_id: str) -> Callable[[], str]:
    """A message through the balancer gets a real answer, not the apology. A new probe conversation every
    30 messages keeps each within the per-conversation rate limit (60 a minute)."""
    sent = [0]

    def check() -> str:
        sent[0] += 1
        # the page's own limit: a resident's browser gives up after 30 s
        replies, problem = balancer.post(f"{run_id}-probe-{sent[0] // 30}", "hello", timeout=30,
                                         address="203.0.113.1")
        said = " ".join(m.get("text") or "" for m in replies or [])
        return problem or ("no reply" if not replies else "the apology" if APOLOGY in said else "")
    return check


# -- the stack and the faults -----------------------------------------------------------------------------------


@dataclass
class Stack:
    """The production profile on one machine: what the faults act on."""
    supervisor: Supervisor
    postgres: Postgres
    redis: Redis
    rasa_urls: List[str]
    web_url: str
    database_url: str
    env: Dict[str, str]
    ports: Tuple[Ports, Ports]     # Rasa server A's, then B's (one action server, one web app)
    log_dir: Path
    model: Path

    def service(self, name: str) -> Service:
        return next(s for s in self.supervisor.services if s.name == name)

    def healthy(self) -> bool:
        return all(s.alive() and s.healthy() for s in self.supervisor.services)


@dataclass
class Fault:
    name: str
    act: Callable[[Stack], None]
    at: float = 0.0
    recovered: float = 0.0          # seconds until every server answered its health check again
    in_progress: int = 0            # conversations under way when it happened
    longest_gap: float = 0.0        # the longest a resident (or the page) went without an answer
    failed_turns: int = 0
    outages: List[Tuple[str, float, str]] = field(default_factory=list)  # (who, seconds, first failure)


def _kill(name: str) -> Callable[[Stack], None]:
    return lambda stack: stack.service(name).kill()


def _restart_redis(stack: Stack) -> None:
    stack.redis.stop()
    stack.redis.start()


FAULTS = [("SIGKILL the action server", _kill("action server")),
          ("SIGKILL Rasa server B", _kill("Rasa server B")),
          ("SIGKILL the web app", _kill("web app")),
          ("restart PostgreSQL", lambda stack: stack.postgres.restart()),
          ("restart Redis", _restart_redis)]


def start_stack(folder: Path, model: Path, extra_env: Optional[Dict[str, str]] = None) -> Stack:
    """PostgreSQL, Redis, the action server, Rasa servers A and B and the web app, in `folder`. Raises
    local_services.Unavailable when PostgreSQL or Redis is not installed."""
    import subprocess
    # its own folder in /tmp: as root, PostgreSQL runs as the postgres user, who cannot enter root-only folders
    pg_folder = Path(tempfile.mkdtemp(prefix="community-trigger-pg-"))
    try:
        postgres = Postgres(pg_folder, free_port()).start()
    except BaseException:
        shutil.rmtree(pg_folder, ignore_errors=True)
        raise
    try:
        redis = Redis(folder / "redis", free_port()).start()
    except BaseException:
        postgres.stop()
        shutil.rmtree(pg_folder, ignore_errors=True)
        raise
    actions_port = free_port()
    ports_a = Ports(rasa=free_port(), actions=actions_port, web=free_port())
    ports_b = Ports(rasa=free_port(), actions=actions_port, web=ports_a.web)
    env = service_env(ports_a, {"TRIGGER_DATA_DIR": str(folder / "data"), "TRIGGER_TODAY": TODAY,
                                "TRIGGER_DATABASE_URL": postgres.url, "TRIGGER_REDIS_URL": redis.url,
                                # behind the README's reverse proxy: each resident's own address counts
                                "TRIGGER_PROXY_COUNT": "1", **(extra_env or {})})
    env.pop("TRIGGER_DRAFTS_DB_URL", None)
    env.pop("TRIGGER_TRACKER_DB_URL", None)
    log_dir = folder / "logs"
    supervisor = Supervisor(env)
    stack = Stack(supervisor, postgres, redis, [f"http://127.0.0.1:{ports_a.rasa}", f"http://127.0.0.1:{ports_b.rasa}"],
                  f"http://127.0.0.1:{ports_a.web}", postgres.url, env, (ports_a, ports_b), log_dir, model)
    try:
        migrated = subprocess.run([sys.executable, "-m", "bot", "drafts", "migrate"], env=env, capture_output=True,
                                  text=True, timeout=120)
        if migrated.returncode != 0:
            raise RuntimeError(migrated.stderr)
        supervisor.start(action_server(ports_a, log_dir), timeout=90)
        supervisor.start(rasa_server(ports_a, log_dir, model, env, name="Rasa server A"), timeout=240)
        supervisor.start(rasa_server(ports_b, log_dir, model, env, name="Rasa server B"), timeout=240)
        supervisor.start(web_server(ports_a, log_dir), timeout=90)
    except BaseException:
        stop_stack(stack)
        raise
    return stack


def stop_stack(stack: Stack) -> None:
    stack.supervisor.stop()
    stack.redis.stop()
    stack.postgres.stop()
    shutil.rmtree(stack.postgres.folder, ignore_errors=True)


def drafts_for(database_url: str, prefix: str) -> List[Dict]:
    from bot.drafts import DraftStore
    store = DraftStore(database_url, auto_migrate=False)
    try:
        return [d for d in store.export() if (d["conversation_id"] or "").startswith(prefix)]
    finally:
        store.engine.dispose()


@dataclass
class Result:
    conversations: List[Conversation]
    faults: List[Fault]
    drafts: List[Dict]
    restarts: List[str]
    seconds: float

    @property
    def figures(self) -> Dict[str, int]:
        by_sender: Dict[str, List[Dict]] = {}
        for draft in self.drafts:
            by_sender.setdefault(draft["conversation_id"].split(":")[0], []).append(draft)
        references = {d["reference"] for d in self.drafts}
        lost_answers = doubled = 0
        for c in self.conversations:
            for draft in by_sender.get(c.sender, [])[:1]:
                missing, extra = c.resident.answers_in(draft)
                lost_answers += missing
                doubled += extra
        return {
            "conversations": len(self.conversations),
            "completed": sum(1 for c in self.conversations if c.reference),
            "drafts_written": len(self.drafts),
            "drafts_lost": sum(1 for c in self.conversations if c.reference and c.reference not in references),
            "duplicate_drafts": sum(len(ds) - 1 for ds in by_sender.values() if len(ds) > 1),
            "answers_lost": lost_answers,
            "answers_doubled": doubled,
            "turns": sum(c.turns for c in self.conversations),
            "failed_attempts": sum(c.failures for c in self.conversations),
        }

    def report(self) -> str:
        f = self.figures
        lines = [f"Conversations completed:        {f['completed']} of {f['conversations']}",
                 f"Drafts written:                 {f['drafts_written']}",
                 f"Drafts lost:                    {f['drafts_lost']}",
                 f"Duplicate drafts:               {f['duplicate_drafts']}",
                 f"Answers lost:                   {f['answers_lost']}",
                 f"Answers doubled:                {f['answers_doubled']}",
                 f"Turns answered / failed tries:  {f['turns']} / {f['failed_attempts']}",
                 f"Run took:                       {self.seconds:.0f} s", "",
                 "| fault | conversations under way | tries that failed | longest without service | all servers healthy after |",
                 "|---|---|---|---|---|"]
        for fault in self.faults:
            lines.append(f"| {fault.name} | {fault.in_progress} | {fault.failed_turns} | {fault.longest_gap:.1f} s "
                         f"| {fault.recovered:.1f} s |")
        for c in self.conversations:
            if c.gave_up:
                lines.append(f"\n{c.sender} gave up: {c.gave_up}")
        return "\n".join(lines)


def run(stack: Stack, conversations: int = 20, seed: int = 1, think: Tuple[float, float] = (3.0, 10.0),
        retry_pause: float = 1.0, give_up_after: float = 240.0, warm_up: float = 10.0, spacing: float = 5.0,
        say=print) -> Result:
    """`conversations` residents applying at once, each followed by a new one until the faults are over, so
    that every fault strikes mid-application; the supervisor restarting what dies; the faults in turn, each
    once the service has healed from the last and `spacing` seconds more have passed. Then the drafts are
    counted."""
    rng = random.Random(seed)
    run_id = "fault-" + uuid.uuid4().hex[:8]
    everyone: List[Conversation] = []
    under_way = [0]
    lock = threading.Lock()
    faults_over = threading.Event()

    def resident_after_resident(seat: int) -> None:
        mine = random.Random(rng.random())
        time.sleep(mine.uniform(0, 3))  # residents arrive over a few seconds, not in lockstep
        while not faults_over.is_set():
            with lock:
                conversation = Conversation(Resident.number(len(everyone)), f"{run_id}-{len(everyone):03d}")
                everyone.append(conversation)
                under_way[0] += 1
            try:
                converse(conversation, balancer, mine, think, retry_pause, give_up_after)
            finally:
                with lock:
                    under_way[0] -= 1

    restarts: List[str] = []
    finished = threading.Event()
    supervising = threading.Thread(target=stack.supervisor.keep_running, daemon=True, kwargs={
        "say": lambda line: (restarts.append(line), say("  supervisor: " + line)), "until": finished.is_set})
    balancer = Balancer(stack.rasa_urls)
    page, probe = Poller(page_loads(stack.web_url)), Poller(assistant_answers(balancer, run_id))
    seats = [threading.Thread(target=resident_after_resident, args=(i,), daemon=True) for i in range(conversations)]
    faults = [Fault(name, act) for name, act in FAULTS]
    started = time.monotonic()
    for thread in [supervising, page, probe, *seats]:
        thread.start()
    try:
        time.sleep(warm_up)
        for fault in faults:
            fault.in_progress = under_way[0]
            fault.at = time.monotonic()
            say(f"{fault.at - started:6.1f} s  {fault.name} ({fault.in_progress} conversations under way)")
            fault.act(stack)
            time.sleep(1.0)
            while not stack.healthy() and time.monotonic() < fault.at + 300:
                time.sleep(0.2)
            fault.recovered = time.monotonic() - fault.at
            say(f"{time.monotonic() - started:6.1f} s  every server healthy again ({fault.recovered:.1f} s)")
            time.sleep(spacing)  # residents carry on against the healed service before the next fault
        faults_over.set()  # no new residents; those under way finish
        for thread in seats:
            thread.join(timeout=give_up_after + 600)
    finally:
        faults_over.set()
        finished.set()
        page.stopping.set()
        probe.stopping.set()
        supervising.join(timeout=300)
    seconds = time.monotonic() - started
    _gaps(faults, everyone, page, probe)
    return Result(everyone, faults, drafts_for(stack.database_url, run_id), restarts, seconds)


def _gaps(faults: List[Fault], conversations: List[Conversation], page: Poller, probe: Poller) -> None:
    """Each outage belongs to the fault before it began: the residents' and the probe's to every fault, the
    page's to the web app's."""
    ends = [f.at for f in faults[1:]] + [float("inf")]
    for fault, end in zip(faults, ends):
        def during(outages: List[Outage]) -> List[Outage]:
            return [o for o in outages if fault.at - 1 <= o.started < end]
        turns = during([o for c in conversations for o in c.outages])
        pages = during(page.outages) if "web app" in fault.name else []
        fault.outages = sorted([("resident", o.ended - o.started, o.why) for o in turns]
                               + [("probe", o.ended - o.started, o.why) for o in during(probe.outages)]
                               + [("page", o.ended - o.started, o.why) for o in pages], key=lambda x: -x[1])
        fault.longest_gap = max([seconds for _, seconds, _ in fault.outages], default=0.0)
        fault.failed_turns = len(turns)


def write_doc(result: Result, out: Path, command: str) -> None:
    import platform
    import os
    text = out.read_text() if out.exists() else ""
    marker = "<!-- fault run -->"
    head = text.split(marker)[0].rstrip() + "\n\n" if marker in text else text
    counts, _, table = result.report().partition("\n\n")
    body = (f"{marker}\n## Latest fault run\n\n`{command}` on {time.strftime('%Y-%m-%d')}, "
            f"{os.cpu_count()} cores, Python {platform.python_version()}.\n\n```\n{counts}\n```\n\n{table}\n")
    out.write_text(head + body)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--conversations", type=int, default=20)
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--model", default=str(model_path()))
    parser.add_argument("--out", default="docs/reliability.md", help="'' to write nothing")
    parser.add_argument("--json", help="also write the figures and every transcript here")
    args = parser.parse_args()
    model = Path(args.model)
    if not model.exists():
        sys.exit(f"No trained model at {model}: run `make model` first.")
    folder = Path(tempfile.mkdtemp(prefix="ct-faults-"))
    print(f"Starting PostgreSQL, Redis and the servers in {folder} ...", flush=True)
    stack = start_stack(folder, model)
    try:
        result = run(stack, conversations=args.conversations, seed=args.seed)
    finally:
        stop_stack(stack)
    print()
    print(result.report())
    if args.json:
        Path(args.json).write_text(json.dumps({
            "figures": result.figures, "faults": [vars(f) | {"act": None} for f in result.faults],
            "restarts": result.restarts,
            "conversations": [{"sender": c.sender, "reference": c.reference, "gave_up": c.gave_up,
                               "transcript": c.transcript} for c in result.conversations]}, indent=1, default=str))
    if args.out:
        command = "python -m bench.faults" + (f" --conversations {args.conversations}" if args.conversations != 20
                                              else "")
        write_doc(result, ROOT / args.out, command)
        print(f"\nWritten to {args.out}")
    f = result.figures
    ok = f["completed"] == f["conversations"] and not (f["drafts_lost"] or f["duplicate_drafts"] or f["answers_lost"]
                                                       or f["answers_doubled"])
    return 0 if ok else 1


if __name__ == "__main__":
    sys.exit(main())
