"""The NLU training data for one council, built from templates and its policy.

`data/` holds the training examples with no council in them: where an example
needs a name it has a slot, like "emailed {landlord} last tuesday". `build()`
fills every slot from the policy (its housing providers, council names, police
names, places and postcode districts, taken in turn so the examples vary) and
writes the filled files under `build/data/`, which is what Rasa trains on.
Changing the policy rebuilds them and retrains (the Makefile), as it does the
spaCy pipeline.

Slots: {council} (the council, as residents name it), {area}, {landlord} (a
housing provider), {police} (the police, as residents name them), {place},
{district} (a postcode district) and {postcode} (a full postcode in it).
"""
from __future__ import annotations

import itertools
import re
import shutil
from pathlib import Path
from typing import Dict, Iterator, List

from bot.rules.policy import Policy

SLOT = re.compile(r"\{(council|area|landlord|police|place|district|postcode)\}")
_INWARD = ["8AA", "2AB", "1NP", "9QX", "4JD", "7LS"]  # made-up ends for a full postcode


def _proper(names: List[str]) -> List[str]:
    """Names a resident would type as a name ("Clarion", "Riverside Homes"), not words ("the council"),
    initials ("LBB", "ASB team") or addresses."""
    return [n for n in names if n[:1].isupper() and not re.match(r"[A-Z]{2,}", n) and len(n) > 2
            and not re.search(r"[@/\d]", n)]


def _names(policy: Policy, category: str) -> List[str]:
    return _proper([n.name for n in policy.categories[category].names]) if category in policy.categories else []


def values(policy: Policy) -> Dict[str, List[str]]:
    """What each slot can be, for this council; never empty (a plain word when the policy names none)."""
    council = policy.council
    geo = policy.geography
    districts = list(geo.postcode_districts + geo.shared_postcode_districts)
    found = {
        "council": _names(policy, "council") or [f"{council.short_name} Council"],
        "area": [council.area],
        "landlord": _names(policy, "housing_provider") or ["the housing association"],
        "police": _names(policy, "police") or ["the police"],
        "place": list(geo.places) or [council.area],
        "district": districts or ["the town centre"],
    }
    found["postcode"] = [f"{d} {_INWARD[i % len(_INWARD)]}" for i, d in enumerate(districts)] or [council.area]
    return found


def fill(text: str, pools: Dict[str, Iterator[str]]) -> str:
    """One template line with its slots filled; a line typed in lower case stays in lower case."""
    lower = not re.search(r"[A-Z]", SLOT.sub("", text))

    def one(m: "re.Match[str]") -> str:
        value = next(pools[m.group(1)])
        return value.lower() if lower and m.group(1) != "postcode" else value
    return SLOT.sub(one, text)


def build(policy: Policy, source: Path, out: Path) -> List[Path]:
    """Fill every template under `source` into `out` (same folders and names); returns the files written."""
    pools = {slot: itertools.cycle(vals) for slot, vals in values(policy).items()}
    if out.exists():
        shutil.rmtree(out)
    written, seen = [], set()
    for path in sorted(source.rglob("*.yml")):
        target = out / path.relative_to(source)
        target.parent.mkdir(parents=True, exist_ok=True)
        lines = []
        for line in path.read_text(encoding="utf-8").splitlines():
            if line.lstrip().startswith("#") or not SLOT.search(line):
                lines.append(line)
                continue
            filled = fill(line, pools)
            key = " ".join(filled.lower().split())
            if key in seen:
                continue  # a council with few names: an example already given is not given twice
            seen.add(key)
            lines.append(filled)
        target.write_text("\n".join(lines) + "\n", encoding="utf-8")
        written.append(target)
    return written
