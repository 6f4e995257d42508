"""NLU evaluation (a benchmark, not a test): how well the assistant understands residents.

    .venv/bin/python bench/nlu_eval.py [--folds 5] [--out results/nlu]

1. Intents: Rasa's cross-validation over the training data (build/data/nlu, built by make) with the
   real pipeline (config.yml): macro-F1, weighted F1 and accuracy.
2. Entities: the trained model (models/assistant.tar.gz) on held-out annotated
   messages (bench/data/entities.yml) scored by Rasa for the SpacyEntityExtractor
   (the spaCy pipeline built from our patterns): per-entity and micro F1.
3. The report reader the actions use (bot.dialogue.language), on held-out messages with
   the expected organisation category, reference, person and resolved date
   (bench/data/reports.yml): precision, recall and F1 per field.

Writes Rasa's reports under --out and prints a summary. Takes several minutes
(one training per fold).
"""
from __future__ import annotations

import argparse
import json
import os
import re
import subprocess
import sys
import time
from datetime import date
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
RASA = str(ROOT / ".venv" / "bin" / "rasa")
TODAY = date(2026, 3, 10)  # the day bench/data/reports.yml was written against


def rasa(*args: str) -> None:
    env = {**os.environ, "PYTHONPATH": str(ROOT), "RASA_TELEMETRY_ENABLED": "false", "TF_CPP_MIN_LOG_LEVEL": "3"}
    result = subprocess.run([RASA, *args], cwd=ROOT, env=env, capture_output=True, text=True)
    if result.returncode != 0:
        sys.exit(f"rasa {' '.join(args)} failed:\n{result.stdout[-2000:]}\n{result.stderr[-2000:]}")


def intents(out: Path, folds: int, reuse: bool = False) -> dict:
    target = out / "intents"
    if not (reuse and (target / "intent_errors.json").exists()):
        rasa("test", "nlu", "--nlu", "build/data/nlu", "--config", "config.yml", "--cross-validation", "--folds",
             str(folds), "--runs", "1", "--out", str(target))
    report = json.loads((target / "DIETClassifier_report.json").read_text()) \
        if (target / "DIETClassifier_report.json").exists() else json.loads((target / "intent_report.json").read_text())
    # What matters in this design: the classifier is consulted only after the
    # question's own reader could not read the message as an answer
    # (bot/dialogue/engine.py), so this is an upper bound on answers lost: an
    # answer the classifier calls an interruption (a question, stop, ...) with
    # the confidence bot/dialogue/interruptions.py acts on. A missed
    # interruption is taken as an answer and asked again.
    from bot.dialogue.interruptions import CONTROL_CONFIDENCE, CONTROL_INTENTS, FAQ_CONFIDENCE, FAQ_INTENTS
    INTERRUPTIONS = set(FAQ_INTENTS) | set(CONTROL_INTENTS) | {"out_of_scope", "complain_service", "danger_now"}
    INTERRUPTION_CONFIDENCE = min(FAQ_CONFIDENCE, CONTROL_CONFIDENCE)
    errors = json.loads((target / "intent_errors.json").read_text())
    supports = {k: v["support"] for k, v in report.items() if isinstance(v, dict) and "support" in v
                and k not in ("macro avg", "weighted avg", "micro avg")}
    answers = sum(n for k, n in supports.items() if k not in INTERRUPTIONS)
    lost = sum(1 for e in errors if e["intent"] not in INTERRUPTIONS and e["intent_prediction"]["name"] in INTERRUPTIONS
               and e["intent_prediction"]["confidence"] >= INTERRUPTION_CONFIDENCE)
    interruptions = sum(n for k, n in supports.items() if k in INTERRUPTIONS)
    missed = sum(1 for e in errors if e["intent"] in INTERRUPTIONS)
    worst = sorted(((k, v["f1-score"]) for k, v in report.items() if isinstance(v, dict) and "support" in v
                    and k not in ("macro avg", "weighted avg", "micro avg")), key=lambda kv: kv[1])[:5]
    return {"macro_f1": report["macro avg"]["f1-score"], "weighted_f1": report["weighted avg"]["f1-score"],
            "accuracy": report.get("accuracy"), "worst": worst,
            "answers_taken_for_interruptions": lost / max(1, answers),
            "interruptions_recognised": 1 - missed / max(1, interruptions)}


_ANNOTATION = re.compile(r"\[([^\]]+)\]\((\w+)\)")


def entities(out: Path, model: Path) -> dict:
    """Exact-span precision/recall/F1 of the spaCy pipeline's entities on the
    annotated held-out messages. (Rasa's own `rasa test nlu` leaves pre-trained
    extractors such as SpacyEntityExtractor out of its entity report.)"""
    import yaml

    from bot.ops import config
    from bot.dialogue.language import build_pipeline, load_pipeline
    from bot.rules.policy import load_policy

    path = config.nlp_path()
    nlp = load_pipeline(path) if (path / "meta.json").exists() else build_pipeline(load_policy())
    data = yaml.safe_load((ROOT / "bench" / "data" / "entities.yml").read_text())
    counts: dict = {}
    errors = []
    for item in data["nlu"]:
        for line in item["examples"].splitlines():
            line = line.strip()
            if not line.startswith("- "):
                continue
            annotated = line[2:]
            text, gold, shift = "", set(), 0
            last = 0
            for m in _ANNOTATION.finditer(annotated):
                text += annotated[last:m.start()]
                gold.add((len(text), len(text) + len(m.group(1)), m.group(2)))
                text += m.group(1)
                last = m.end()
            text += annotated[last:]
            found = {(e.start_char, e.end_char, e.label_) for e in nlp(text).ents}
            for label in {g[2] for g in gold | found}:
                c = counts.setdefault(label, {"tp": 0, "fp": 0, "fn": 0})
                g = {x for x in gold if x[2] == label}
                f = {x for x in found if x[2] == label}
                c["tp"] += len(g & f)
                c["fp"] += len(f - g)
                c["fn"] += len(g - f)
                for x in (g ^ f):
                    errors.append((label, text, text[x[0]:x[1]], "missed" if x in g else "extra"))
    per = {}
    total = {"tp": 0, "fp": 0, "fn": 0}
    for label, c in sorted(counts.items()):
        per[label] = round(_f1(c), 3)
        for k in total:
            total[k] += c[k]
    (out / "entity_errors.json").write_text(json.dumps(errors, indent=1))
    return {"micro_f1": _f1(total), "macro_f1": sum(per.values()) / max(1, len(per)), "per_entity": per,
            "errors": len(errors)}


def _f1(c: dict) -> float:
    p = c["tp"] / (c["tp"] + c["fp"]) if c["tp"] + c["fp"] else 1.0
    r = c["tp"] / (c["tp"] + c["fn"]) if c["tp"] + c["fn"] else 1.0
    return 2 * p * r / (p + r) if p + r else 0.0


def reader_fields() -> dict:
    import yaml

    from bot.dialogue.language import ReportReader, load_pipeline
    from bot.rules.policy import load_policy
    from bot.ops import config

    cases = yaml.safe_load((ROOT / "bench" / "data" / "reports.yml").read_text())
    path = config.nlp_path()
    reader = ReportReader(load_policy(), load_pipeline(path) if (path / "meta.json").exists() else None)
    counts = {f: {"tp": 0, "fp": 0, "fn": 0} for f in ("organisation", "reference", "person", "date")}
    misses = []
    started = time.perf_counter()
    for case in cases:
        reading = reader.read(case["text"], TODAY)
        org = reading.organisation
        got = {
            "organisation": ("ambiguous" if org and org.ambiguous else org.category) if org else None,
            "reference": (reading.reference or "").replace(" ", "").upper() or None,
            "person": (reading.person or "").lower() or None,
            "date": reading.date.date.isoformat() if reading.date and reading.date.ok else None,
        }
        want = {
            "organisation": case.get("organisation"),
            "reference": (case.get("reference") or "").replace(" ", "").upper() or None,
            "person": (case.get("person") or "").lower() or None,
            "date": str(case["date"]) if case.get("date") else None,
        }
        for field, c in counts.items():
            if got[field] and got[field] == want[field]:
                c["tp"] += 1
            else:
                if got[field]:
                    c["fp"] += 1
                if want[field]:
                    c["fn"] += 1
                if got[field] != want[field]:
                    misses.append((field, case["text"], want[field], got[field]))
    per_message_ms = (time.perf_counter() - started) * 1000 / max(1, len(cases))
    scores = {}
    for field, c in counts.items():
        p = c["tp"] / (c["tp"] + c["fp"]) if c["tp"] + c["fp"] else 1.0
        r = c["tp"] / (c["tp"] + c["fn"]) if c["tp"] + c["fn"] else 1.0
        scores[field] = {"precision": round(p, 3), "recall": round(r, 3),
                         "f1": round(2 * p * r / (p + r), 3) if p + r else 0.0}
    return {"cases": len(cases), "fields": scores, "misses": misses, "ms_per_message": round(per_message_ms, 1)}


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--folds", type=int, default=5)
    parser.add_argument("--out", default="results/nlu")
    parser.add_argument("--skip-intents", action="store_true", help="skip the (slow) cross-validation")
    parser.add_argument("--reuse-intents", action="store_true",
                        help="summarise the cross-validation already in --out instead of running it again")
    args = parser.parse_args()
    out = ROOT / args.out
    out.mkdir(parents=True, exist_ok=True)
    model = ROOT / "models" / "assistant.tar.gz"
    started = time.time()
    summary = {}
    if not args.skip_intents:
        summary["intents"] = intents(out, args.folds, args.reuse_intents)
    summary["entities"] = entities(out, model)
    summary["reader"] = reader_fields()
    summary["seconds"] = round(time.time() - started)
    (out / "summary.json").write_text(json.dumps(summary, indent=2))

    if "intents" in summary:
        i = summary["intents"]
        print(f"Intents ({args.folds}-fold cross-validation): macro-F1 {i['macro_f1']:.3f}, weighted F1 "
              f"{i['weighted_f1']:.3f}, accuracy {i['accuracy']:.3f}")
        print("  weakest: " + ", ".join(f"{k} {v:.2f}" for k, v in i["worst"]))
        print(f"  answers taken for an interruption (an upper bound: only read when no reader took the answer): {i['answers_taken_for_interruptions']:.1%}; "
              f"interruptions recognised as the right one: {i['interruptions_recognised']:.1%}")
    e = summary["entities"]
    print(f"Entities (held-out, spaCy pipeline): micro-F1 {e['micro_f1']:.3f}, macro-F1 {e['macro_f1']:.3f}; "
          + ", ".join(f"{k} {v:.2f}" for k, v in e["per_entity"].items()))
    r = summary["reader"]
    print(f"Report reader ({r['cases']} held-out messages, {r['ms_per_message']} ms each): "
          + ", ".join(f"{k} F1 {v['f1']:.2f}" for k, v in r["fields"].items()))
    for field, text, want, got in r["misses"][:15]:
        print(f"  miss {field}: {text!r}: expected {want!r}, got {got!r}")
    print(f"Reports in {out} ({summary['seconds']} s)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
