"""The figures: per mode, how many conversations went right, and why the others did not."""
from __future__ import annotations

import statistics
from collections import Counter
from dataclasses import dataclass
from typing import Dict, List, Optional, Sequence, Tuple

from .judge import Verdict
from .runner import Conversation


@dataclass
class ModeFigures:
    mode: str
    conversations: int
    right: int                      # every check passed
    outcome_right: int
    loops: int
    median_turns_three: Optional[float]
    three_count: int
    # the measure: three reports, each told in a message of its own, nothing else happening
    # (no danger, no question asked on the way, no correction at the summary)
    median_turns_plain: Optional[float]
    plain_count: int
    exclusions: Tuple[int, int]     # answered within 2 replies, of
    danger: Tuple[int, int]         # 999 in the next reply, of
    unrecognised: int               # questions the resident could not place (a simulator gap if > 0)
    failures: Counter               # by reason
    by_category: Dict[str, Tuple[int, int]]

    def pct(self, n: int) -> str:
        return f"{100.0 * n / self.conversations:.1f}%" if self.conversations else "-"


def figures(results: Sequence[Tuple[Conversation, Verdict]]) -> List[ModeFigures]:
    out = []
    for mode in sorted({c.mode for c, _ in results}, key=lambda m: ["typed", "buttons"].index(m)
                       if m in ("typed", "buttons") else 9):
        rows = [(c, v) for c, v in results if c.mode == mode]
        three = [v.turns for c, v in rows if c.scenario.category == "eligible_three" and v.outcome_right]
        plain_rows = [(c, v) for c, v in rows if _plain(c.scenario)]
        plain = [v.turns for c, v in plain_rows if v.outcome_right]
        excl = [v.exclusion_answered for _, v in rows if v.exclusion_answered is not None]
        danger = [v.danger_answered for _, v in rows if v.danger_answered is not None]
        fails = Counter(reason for _, v in rows for reason, _ in v.failures)
        cats: Dict[str, List[int]] = {}
        for c, v in rows:
            cats.setdefault(c.scenario.category, [0, 0])
            cats[c.scenario.category][0] += int(v.right)
            cats[c.scenario.category][1] += 1
        out.append(ModeFigures(
            mode, len(rows), sum(v.right for _, v in rows), sum(v.outcome_right for _, v in rows),
            sum(v.loop for _, v in rows), statistics.median(three) if three else None,
            sum(1 for c, _ in rows if c.scenario.category == "eligible_three"),
            statistics.median(plain) if plain else None, len(plain_rows),
            (sum(excl), len(excl)), (sum(danger), len(danger)), sum(v.unrecognised for _, v in rows), fails,
            {k: (a, b) for k, (a, b) in sorted(cats.items())}))
    return out


def _plain(s) -> bool:
    return (s.category == "eligible_three" and not s.events and len(s.reports) == 3
            and len(s.messages) == len(s.reports))


def table(figs: Sequence[ModeFigures]) -> str:
    """A plain-text / markdown table of the headline figures."""
    head = ["mode", "conversations", "all checks right", "right outcome", "loops",
            "median turns (3-report eligible)", "median turns (3 reports, one per message, no asides)",
            "exclusions answered within 2", "danger -> 999 next",
            "questions the resident could not place"]
    lines = ["| " + " | ".join(head) + " |", "|" + "---|" * len(head)]
    for f in figs:
        med = f"{f.median_turns_three:g} (of {f.three_count})" if f.median_turns_three is not None else f"- (of {f.three_count})"
        lines.append("| " + " | ".join([
            f.mode, str(f.conversations), f"{f.pct(f.right)} ({f.right})", f"{f.pct(f.outcome_right)} ({f.outcome_right})",
            str(f.loops), med,
            f"{f.median_turns_plain:g} (of {f.plain_count})" if f.median_turns_plain is not None else
            f"- (of {f.plain_count})", f"{f.exclusions[0]}/{f.exclusions[1]}", f"{f.danger[0]}/{f.danger[1]}",
            str(f.unrecognised)]) + " |")
    return "\n".join(lines)


def failure_table(figs: Sequence[ModeFigures]) -> str:
    reasons = sorted({r for f in figs for r in f.failures}, key=lambda r: -sum(f.failures[r] for f in figs))
    if not reasons:
        return "No failures."
    lines = ["| failure | " + " | ".join(f.mode for f in figs) + " |", "|---|" + "---|" * len(figs)]
    for r in reasons:
        lines.append(f"| {r} | " + " | ".join(str(f.failures.get(r, 0)) for f in figs) + " |")
    return "\n".join(lines)


def category_table(figs: Sequence[ModeFigures]) -> str:
    cats = sorted({c for f in figs for c in f.by_category})
    lines = ["| scenario | " + " | ".join(f.mode for f in figs) + " |", "|---|" + "---|" * len(figs)]
    for c in cats:
        cells = []
        for f in figs:
            a, b = f.by_category.get(c, (0, 0))
            cells.append(f"{a}/{b}")
        lines.append(f"| {c} | " + " | ".join(cells) + " |")
    return "\n".join(lines)


def markdown(figs: Sequence[ModeFigures], command: str, when: str, notes: Sequence[str] = (),
             examples: str = "") -> str:
    parts = [
        "# Conversation quality: the resident simulator",
        "",
        f"Run on {when} with:",
        "",
        "```",
        command,
        "```",
        "",
        "Each conversation is a resident's whole story (bench/residents/scenarios.py) played over the REST",
        "channel and judged by its outcome against the simulator's own reading of Barnet's rules",
        "(bench/residents/oracle.py). \"All checks right\" means the right outcome, the right draft fields,",
        "no loop, an exclusion in the opening answered within 2 replies and danger answered with 999.",
        "",
        table(figs),
        "",
        "## Failures by reason",
        "",
        "(a conversation can fail for several reasons)",
        "",
        failure_table(figs),
        "",
        "## All checks right, by kind of story",
        "",
        category_table(figs),
    ]
    if notes:
        parts += ["", "## Notes", ""] + [f"- {n}" for n in notes]
    if examples:
        parts += ["", "## Some failing conversations", "", "```", examples, "```"]
    return "\n".join(parts) + "\n"
