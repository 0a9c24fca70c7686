"""How well `tracker extract` reads real documents: the labelled set in tests/data/extract/.

    .venv/bin/python bench/bench_extract.py            # the table and the misses
    .venv/bin/python bench/bench_extract.py --json     # the figures as JSON

Each NN-name.txt there is a real public document (or the part of it a public page gave), its
source in NN-name.json beside it with the tasks, lead and supporting units, deadlines and
citations a careful clerk reads in it.  The unit register is made from the labels' own unit
names (one unit each, groups left out), so the extractor's names go through the real matcher:
a lead is right when it matches the same unit as the label's (or both are groups), the
supporting units when the two sets agree, the deadline when the dates agree.  Tasks are paired
by their text (the closest above a similarity of 0.5, each once).

Scores: precision and recall of tasks; on paired tasks the share with the right lead,
supporting units and deadline; the recall of citations (every number the label lists found
among the citations read).  Aim: ≥ 0.9 each, ≥ 0.95 for citations.
"""
from __future__ import annotations

import argparse
import datetime as dt
import difflib
import json
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from tracker.domain.extract import extract, from_text
from tracker.domain.text import fold
from tracker.domain.unitmatch import UnitEntry, UnitIndex, group_of
from tracker.services.directives import number_key
from tracker.services.extraction import FOUND, GROUP, judge_unit

DATA = ROOT / "tests" / "data" / "extract"


def load() -> list[tuple[str, str, dict]]:
    out = []
    for j in sorted(DATA.glob("*.json")):
        t = j.with_suffix(".txt")
        out.append((j.stem, t.read_text(encoding="utf-8"), json.loads(j.read_text(encoding="utf-8"))))
    return out


def register(docs) -> UnitIndex:
    names: dict[str, str] = {}
    for _n, _t, label in docs:
        for task in label["tasks"]:
            for name in [task["lead"], *task["support"]]:
                if name and not group_of(name) and fold(name) not in names:
                    names[fold(name)] = name
    return UnitIndex([UnitEntry(i, f"U{i:02d}", n) for i, n in enumerate(names.values(), 1)])


def token(v) -> str:
    if v is None:
        return "-"
    if v.verdict == FOUND:
        return v.unit.code
    if v.verdict == GROUP:
        return "group:" + v.group
    return "?" + fold(v.written)


def similarity(a: str, b: str) -> float:
    fa, fb = fold(a), fold(b)
    if not fa or not fb:
        return 0.0
    if fa in fb or fb in fa:
        return 0.5 + 0.5 * min(len(fa), len(fb)) / max(len(fa), len(fb))
    return difflib.SequenceMatcher(None, fa, fb).ratio()


def score(docs, index: UnitIndex):
    rows = []
    misses = []
    tot = dict(gold=0, pred=0, paired=0, lead=0, support=0, deadline=0, cites=0, cites_found=0)
    for name, text, label in docs:
        p = extract(from_text(text))
        pred = p.tasks
        gold = label["tasks"]
        used: set[int] = set()
        pairs = []
        for gi, g in enumerate(gold):
            best, best_s = None, 0.5
            for pi, t in enumerate(pred):
                if pi in used:
                    continue
                s = similarity(g["text"], t.text)
                if s > best_s:
                    best, best_s = pi, s
            if best is None:
                misses.append((name, "missed task", g["text"][:70]))
                continue
            used.add(best)
            pairs.append((g, pred[best]))
        for pi, t in enumerate(pred):
            if pi not in used:
                misses.append((name, "extra task", f"{t.lead}: {t.text[:60]}"))
        lead_ok = sup_ok = dl_ok = 0
        for g, t in pairs:
            gl, pl = judge_unit(index, g["lead"]), (judge_unit(index, t.lead) if t.lead else None)
            if token(gl) == token(pl) or (gl.verdict == GROUP and pl is not None and pl.verdict == GROUP):
                lead_ok += 1
            else:
                misses.append((name, "lead", f"{g['lead']} ≠ {t.lead}"))
            gs = sorted(token(judge_unit(index, s)) for s in g["support"])
            ps = sorted(token(judge_unit(index, s)) for s in t.support)
            if gs == ps:
                sup_ok += 1
            else:
                misses.append((name, "support", f"{g['support']} ≠ {t.support}"))
            gd = dt.date.fromisoformat(g["deadline"]) if g["deadline"] else None
            if gd == t.deadline:
                dl_ok += 1
            else:
                misses.append((name, "deadline", f"{gd} ≠ {t.deadline} ({t.deadline_text!r})"))
        found_keys = {number_key(c.number.canonical if c.number else c.number_text) for c in p.citations}
        cites = label["citations"]
        cf = sum(1 for c in cites if number_key(c) in found_keys)
        for c in cites:
            if number_key(c) not in found_keys:
                misses.append((name, "citation", c))
        rows.append((name, len(gold), len(pred), len(pairs), lead_ok, sup_ok, dl_ok, len(cites), cf))
        for k, v in zip(("gold", "pred", "paired", "lead", "support", "deadline", "cites", "cites_found"),
                        rows[-1][1:]):
            tot[k] += v
    return rows, tot, misses


def ratio(a: int, b: int) -> float:
    return a / b if b else 1.0


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--json", action="store_true")
    args = ap.parse_args()
    docs = load()
    index = register(docs)
    t0 = time.perf_counter()
    rows, tot, misses = score(docs, index)
    took = time.perf_counter() - t0
    figures = {
        "documents": len(docs),
        "task_precision": ratio(tot["paired"], tot["pred"]),
        "task_recall": ratio(tot["paired"], tot["gold"]),
        "lead_accuracy": ratio(tot["lead"], tot["paired"]),
        "support_accuracy": ratio(tot["support"], tot["paired"]),
        "deadline_accuracy": ratio(tot["deadline"], tot["paired"]),
        "citation_recall": ratio(tot["cites_found"], tot["cites"]),
        "seconds": round(took, 3),
    }
    if args.json:
        print(json.dumps({"figures": figures, "misses": misses}, ensure_ascii=False, indent=1))
        return
    print(f"{'document':44} gold pred pair lead supp dl  cites")
    for r in rows:
        print(f"{r[0][:44]:44} {r[1]:4} {r[2]:4} {r[3]:4} {r[4]:4} {r[5]:4} {r[6]:3} {r[8]:2}/{r[7]:<2}")
    print()
    for k, v in figures.items():
        print(f"{k:18} {v:.3f}" if isinstance(v, float) else f"{k:18} {v}")
    if misses:
        print("\nmisses:")
        for m in misses:
            print("  " + " | ".join(m))


if __name__ == "__main__":
    main()
