"""Playing whole conversations against a running assistant over its REST channel.

Each conversation has its own sender id; several run at once in a thread pool.
A conversation ends when a draft reference is given, when the assistant has given
its final answer (contacts given and nothing more asked), when the same question
comes back four times in a row (a loop), or at the turn cap (counted as "did not
finish"). Every transcript is kept. How to read the drafts the assistant wrote is
a callable, so the same runner serves servers it started itself and servers
started elsewhere.
"""
from __future__ import annotations

import dataclasses
import http.client
import json
import socket
import time
import urllib.error
import urllib.request
import uuid
from collections import Counter
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass, field
from datetime import date
from typing import Callable, Dict, List, Optional, Sequence

from . import oracle, questions
from .phrases import PhraseBank
from .resident import Resident, Say
from .scenarios import Scenario

TODAY = date(2026, 11, 26)
TURN_CAP = 60
SAME_QUESTION_STOP = 4


@dataclass
class Turn:
    said: Say
    replies: List[Dict]                    # the assistant's messages (text, buttons)
    reading: Optional[questions.Reading]
    error: Optional[str] = None


@dataclass
class Conversation:
    scenario: Scenario
    mode: str
    sender: str
    turns: List[Turn] = field(default_factory=list)
    end: str = ""                          # reference / final / turn_cap / loop / stuck / error
    resident: Optional[Resident] = None
    drafts: List[Dict] = field(default_factory=list)
    seconds: float = 0.0

    @property
    def resident_turns(self) -> int:
        return len(self.turns)

    def transcript(self, width: int = 0) -> str:
        lines = [f"# {self.sender}  [{self.scenario.category}, {self.mode}, {self.scenario.persona}]  end: {self.end}"]
        for t in self.turns:
            tag = []
            if t.said.button:
                tag.append("button")
            if t.said.event and t.said.event != "opening":
                tag.append(t.said.event)
            if t.said.kind:
                tag.append(f"answers {t.said.kind}={t.said.meaning}")
            if t.said.note:
                tag.append(t.said.note)
            lines.append(f"RESIDENT: {t.said.shown}" + (f"   ({'; '.join(tag)})" if tag else ""))
            for m in t.replies:
                text = (m.get("text") or "").strip()
                if text:
                    lines += ["  BOT: " + l for l in text.split("\n")]
                if m.get("buttons"):
                    lines.append("  BOT buttons: " + " | ".join(b.get("title", "") for b in m["buttons"]))
            if t.error:
                lines.append(f"  ERROR: {t.error}")
            if t.reading is not None:
                lines.append(f"  [read as: {t.reading.kind or '-'}{', final' if t.reading.final else ''}]")
        return "\n".join(lines)


class Channel:
    """The REST channel: one POST per resident message; retried once on a connection error."""

    def __init__(self, url: str, timeout: float = 120):
        self.url = url.rstrip("/") + "/webhooks/rest/webhook"
        self.timeout = timeout

    def send(self, sender: str, message: str) -> List[Dict]:
        body = json.dumps({"sender": sender, "message": message}).encode()
        for attempt in (1, 2):
            request = urllib.request.Request(self.url, data=body, headers={"Content-Type": "application/json"})
            try:
                with urllib.request.urlopen(request, timeout=self.timeout) as response:
                    return json.loads(response.read() or b"[]")
            except (ConnectionError, http.client.RemoteDisconnected) as e:
                if attempt == 2:
                    raise
            except urllib.error.URLError as e:
                if attempt == 2 or not isinstance(e.reason, (ConnectionError, socket.gaierror, OSError)):
                    raise
            time.sleep(1.0)
        return []


# What the web page sends on landing, so the greeting and first question are already shown.
LANDING = "/greet"


def play(channel: Channel, scenario: Scenario, bank: PhraseBank, mode: str, seed: int = 0,
         turn_cap: int = TURN_CAP, run_id: str = "", landing: bool = False) -> Conversation:
    """One resident's conversation. `landing`: as on the web page, the greeting and the danger question
    are asked before the resident says anything, so their story answers that question."""
    sender = f"res-{run_id or uuid.uuid4().hex[:6]}-{mode[0]}-{scenario.id}"
    resident = Resident(scenario, bank, mode, seed)
    convo = Conversation(scenario, mode, sender, resident=resident)
    started = time.monotonic()
    if landing:
        channel.send(sender, LANDING)
    say = resident.opening()
    same = (None, 0)
    asked: Counter = Counter()
    stuck_after = max(8, len(scenario.reports) + 4)
    while True:
        if scenario.rules.renames and not say.button:
            say = dataclasses.replace(say, text=oracle.in_council_words(say.text, scenario.rules),
                                      shown=oracle.in_council_words(say.shown, scenario.rules))
        try:
            replies = channel.send(sender, say.text)
        except Exception as e:  # noqa: BLE001 - any failure ends this conversation, not the run
            convo.turns.append(Turn(say, [], None, f"{type(e).__name__}: {e}"))
            convo.end = "error"
            break
        reading = questions.read(replies, TODAY, scenario.rules)
        convo.turns.append(Turn(say, replies, reading))
        key = questions.question_key(reading)
        interrupted = say.event in ("danger", "question")
        if not say.invites_repeat:
            same = (key, same[1] + 1) if key and key == same[0] else (key, 1)
            asked[key] += 1
        if reading.reference:
            convo.end = "reference"
            break
        if reading.final and not interrupted:
            convo.end = "final"
            break
        if same[1] >= SAME_QUESTION_STOP:
            convo.end = "loop"
            break
        if key and asked[key] > stuck_after:
            convo.end = "stuck"       # the same question over and over, with other things between
            break
        if len(convo.turns) >= turn_cap:
            convo.end = "turn_cap"
            break
        say = resident.respond(reading)
    convo.seconds = time.monotonic() - started
    return convo


def run(url: str, scenarios: Sequence[Scenario], bank: PhraseBank, modes: Sequence[str], seed: int,
        drafts: Callable[[], List[Dict]], concurrency: int = 4, turn_cap: int = TURN_CAP,
        progress: Optional[Callable[[Conversation], None]] = None, landing: bool = False) -> List[Conversation]:
    """Play every scenario in every mode, then read the drafts once and attach each
    conversation's own (matched by the sender id before the ':' of conversation_id)."""
    channel = Channel(url)
    run_id = uuid.uuid4().hex[:6]
    jobs = [(s, m) for m in modes for s in scenarios]

    def one(job):
        s, m = job
        c = play(channel, s, bank, m, seed, turn_cap, run_id, landing)
        if progress:
            progress(c)
        return c

    with ThreadPoolExecutor(max_workers=max(1, concurrency)) as pool:
        conversations = list(pool.map(one, jobs))
    attach_drafts(conversations, drafts())
    return conversations


def attach_drafts(conversations: Sequence[Conversation], exported: List[Dict]) -> None:
    by_sender: Dict[str, List[Dict]] = {}
    for d in exported:
        cid = str(d.get("conversation_id") or "")
        by_sender.setdefault(cid.split(":", 1)[0], []).append(d)
    for c in conversations:
        c.drafts = by_sender.get(c.sender, [])
