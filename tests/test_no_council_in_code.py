"""No council's own words in the code or the NLU training data: every name, contact, partner, housing provider and
place comes from the policy file (issue: "any council deploys it by writing one policy file").

The strings are taken from Barnet's policy itself, so a new entry there is checked too. The code is read as Python:
string literals count, comments and docstrings (where examples of what residents type are kept) do not.
"""
import ast
import re
from pathlib import Path

import yaml

ROOT = Path(__file__).resolve().parents[1]
CODE = [ROOT / "bot", ROOT / "actions", ROOT / "rasa_addons"]


def _council_words(path: Path = ROOT / "policies/barnet.yml"):
    """A council's own words, read from its policy file."""
    policy = yaml.safe_load(Path(path).read_text(encoding="utf-8"))
    council = policy["council"]
    words = {council["name"], council["short_name"], council["area"], council["partnership"]}
    words.add(re.sub(r"^https?://(?:www\.)?", "", council.get("website") or "").strip("/"))
    for contact in policy["contacts"].values():
        for key in ("phone", "email", "website"):
            value = contact.get(key)
            if value and not re.fullmatch(r"\d{3}", value):  # 999 and 101 are the country's numbers
                words.add(value)
        words.update(line for line in contact.get("address") or [] if re.search(r"\d", line))
    # housing providers and organisations named for the council ("Barnet Homes", "Clarion"): proper names only
    for category in ("council", "police", "housing_provider"):
        for entry in policy["organisations"][category]["names"]:
            name = entry["name"] if isinstance(entry, dict) else entry
            if re.search(r"[A-Z]", name[1:] if name[:1].isupper() else name) or \
                    re.search(re.escape(council["short_name"]), name):
                if name.lower() not in ("met", "the met", "mps", "pcso", "pcsos", "snt", "cst", "asb team"):
                    words.add(name)
    geo = policy["geography"]
    for key in ("postcode_districts", "shared_postcode_districts", "places", "places_outside"):
        words.update(geo.get(key) or [])
    return sorted(w for w in words if w and len(w) >= 3)


def _literals(path: Path):
    """Every string literal in a Python file that is not a docstring, with its line."""
    tree = ast.parse(path.read_text(encoding="utf-8"))
    docstrings = set()
    for node in ast.walk(tree):
        if isinstance(node, (ast.Module, ast.ClassDef, ast.FunctionDef, ast.AsyncFunctionDef)) and node.body and \
                isinstance(node.body[0], ast.Expr) and isinstance(node.body[0].value, ast.Constant):
            docstrings.add(id(node.body[0].value))
    for node in ast.walk(tree):
        if isinstance(node, ast.Constant) and isinstance(node.value, str) and id(node) not in docstrings:
            yield node.lineno, node.value


def _found(text: str, word: str) -> bool:
    return bool(re.search(r"(?<![\w])" + re.escape(word) + r"(?![\w])", text, re.I if len(word) > 4 else 0))


def test_the_council_words_are_read_from_the_policy():
    words = _council_words()
    assert {"Barnet", "020 8359 2000", "Barnet Homes", "EN5", "Colindale"} <= set(words)


def test_no_council_word_in_the_code():
    words = _council_words()
    hits = []
    for folder in CODE:
        for path in sorted(folder.rglob("*.py")):
            if "migrations" in path.parts:
                continue
            for line, value in _literals(path):
                hits += [f"{path.relative_to(ROOT)}:{line}: {word!r}" for word in words if _found(value, word)]
    assert not hits, "\n".join(hits)
