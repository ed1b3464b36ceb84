"""The bundled examples against their gold (examples/gold), scored by the rule of SCHEMA.md.

A predicted task matches a gold task when its [start, end) overlaps the paragraph (line)
that holds the gold quote and their assignee sets share a name, names compared folded
(chidao.registry.fold, "ủy ban nhân dân" ↔ "ubnd", "hội đồng nhân dân" ↔ "hđnd", a final
"tỉnh" dropped, near-identical spellings accepted). Matching is one-to-one; a further
predicted task in a matched paragraph that shares an assignee is neither credited nor
charged. References are compared as multisets of folded numbers.

The floors sit a little below the figures of the extractor when they were set, so that the
test catches regressions. The extractor was developed with these examples in view, so the
figures say little about documents it has not seen (the spec cases in test_tasks.py,
test_bodies.py … do). Run with ``-s`` to see the figures.
"""
from __future__ import annotations

import difflib
import json
import re
from collections import Counter
from dataclasses import dataclass
from pathlib import Path

import pytest

from chidao.extract.pipeline import extract
from chidao.registry import fold, strip_marks
from chidao.text.readers import read_document

EXAMPLES = Path(__file__).resolve().parents[2] / "examples"
GOLD = sorted((EXAMPLES / "gold").glob("*.json"))

# floors on the micro-averaged totals
# (set when the extractor scored P 1.000, R 1.000 on tasks and F1 1.000 on references)
FLOOR_TASK_PRECISION = 0.95
FLOOR_TASK_RECALL = 0.95
FLOOR_REFERENCE_F1 = 0.95
# no single document may fall below this task F1 (catches one document breaking)
FLOOR_DOCUMENT_TASK_F1 = 0.80


def name_key(name: str) -> str:
    s = fold(name)
    s = re.sub(r"\buy ban nhan dan\b", "ubnd", s)
    s = re.sub(r"\bhoi dong nhan dan\b", "hdnd", s)
    for tail in (" tinh lang son", " tinh"):
        if s.endswith(tail) and len(s) > len(tail) + 3:
            s = s[: -len(tail)]
    return s.strip()


def same_name(a: str, b: str) -> bool:
    ka, kb = name_key(a), name_key(b)
    return bool(ka and kb) and (ka == kb or difflib.SequenceMatcher(None, ka, kb).ratio() >= 0.9)


def share_name(xs, ys) -> bool:
    return any(same_name(x, y) for x in xs for y in ys)


def number_key(number: str | None) -> str:
    return re.sub(r"\s+", "", strip_marks(number or "").upper())


def paragraph_of(text: str, quote: str, where: str) -> tuple[int, int]:
    i = text.find(quote)
    assert i >= 0, f"{where}: gold quote not in the text: {quote[:60]!r}"
    a = text.rfind("\n", 0, i) + 1
    b = text.find("\n", i + len(quote))
    return a, len(text) if b < 0 else b


@dataclass
class Counts:
    task_tp: int = 0
    task_pred: int = 0
    task_gold: int = 0
    ref_tp: int = 0
    ref_pred: int = 0
    ref_gold: int = 0

    def add(self, other: Counts) -> None:
        for k in vars(self):
            setattr(self, k, getattr(self, k) + getattr(other, k))


def prf(tp: int, npred: int, ngold: int) -> tuple[float, float, float]:
    p = tp / npred if npred else (1.0 if not ngold else 0.0)
    r = tp / ngold if ngold else (1.0 if not npred else 0.0)
    return p, r, (2 * p * r / (p + r) if p + r else 0.0)


def score(text: str, gold: dict, pred: dict, where: str) -> Counts:
    gtasks = gold.get("tasks", [])
    ptasks = pred["tasks"]
    gspans = [paragraph_of(text, g["quote"], where) for g in gtasks]
    used: set[int] = set()
    matched: list[int] = []
    for gi, (g, (qs, qe)) in enumerate(zip(gtasks, gspans)):
        best = None
        for pi, p in enumerate(ptasks):
            if pi in used or min(p["end"], qe) <= max(p["start"], qs):
                continue
            if not share_name(g["assignees"], p["assignees"]):
                continue
            key = p["end"] - p["start"]
            if best is None or key < best[0]:
                best = (key, pi)
        if best is not None:
            used.add(best[1])
            matched.append(gi)
    ignored = 0
    for pi, p in enumerate(ptasks):
        if pi in used:
            continue
        if any(min(p["end"], gspans[gi][1]) > max(p["start"], gspans[gi][0])
               and share_name(gtasks[gi]["assignees"], p["assignees"]) for gi in matched):
            ignored += 1
    grefs = Counter(number_key(r["number"]) for r in gold.get("references", []))
    prefs = Counter(number_key(r["number"]) for r in pred["references"])
    return Counts(task_tp=len(matched), task_pred=len(ptasks) - ignored, task_gold=len(gtasks),
                  ref_tp=sum((grefs & prefs).values()), ref_pred=sum(prefs.values()), ref_gold=sum(grefs.values()))


@pytest.fixture(scope="module")
def scored() -> dict[str, Counts]:
    out = {}
    for g in GOLD:
        gold = json.loads(g.read_text("utf-8"))
        path = EXAMPLES / gold["source"]
        text = read_document(path)
        pred = extract(text, source=path.name).to_dict()
        out[path.name] = score(text, gold, pred, path.name)
    return out


def test_there_are_examples():
    assert len(GOLD) >= 10


def test_scorer_counts_a_perfect_prediction_as_perfect():
    text = "Mở đầu.\nGiao Sở Tài chính rà soát kinh phí trước ngày 10/11/2023.\nKết thúc.\n"
    gold = {"tasks": [{"quote": "rà soát kinh phí", "assignees": ["Sở Tài chính"]}],
            "references": [{"number": "1101/QĐ-UBND"}]}
    start = text.index("Giao")
    pred = {"tasks": [{"assignees": ["Sở Tài chính"], "start": start, "end": text.index("\nKết")}],
            "references": [{"number": "1101/QĐ-UBND"}]}
    c = score(text, gold, pred, "x")
    assert (c.task_tp, c.task_pred, c.task_gold, c.ref_tp, c.ref_pred, c.ref_gold) == (1, 1, 1, 1, 1, 1)
    # another paragraph, or another body, does not match
    pred["tasks"][0].update(start=0, end=7)
    assert score(text, gold, pred, "x").task_tp == 0
    pred["tasks"][0].update(start=start, end=start + 10, assignees=["Sở Xây dựng"])
    assert score(text, gold, pred, "x").task_tp == 0
    # UBND and Ủy ban nhân dân are one name
    assert same_name("UBND huyện Sơn Dương", "Ủy ban nhân dân huyện Sơn Dương")
    assert not same_name("Sở Tài chính", "Sở Tư pháp")


def test_examples_meet_the_floors(scored):
    total = Counts()
    print()
    for name, c in sorted(scored.items()):
        total.add(c)
        tp, tr, tf = prf(c.task_tp, c.task_pred, c.task_gold)
        _, _, rf = prf(c.ref_tp, c.ref_pred, c.ref_gold)
        print(f"{name[:40]:40} tasks {c.task_tp:3}/{c.task_gold:3} gold, {c.task_pred:3} pred  P {tp:.2f} R {tr:.2f} "
              f"F1 {tf:.2f} | refs {c.ref_tp:3}/{c.ref_gold:3} F1 {rf:.2f}")
    tp, tr, tf = prf(total.task_tp, total.task_pred, total.task_gold)
    rp, rr, rf = prf(total.ref_tp, total.ref_pred, total.ref_gold)
    print(f"TOTAL tasks P {tp:.3f} R {tr:.3f} F1 {tf:.3f} | references P {rp:.3f} R {rr:.3f} F1 {rf:.3f}")
    low = [n for n, c in scored.items() if prf(c.task_tp, c.task_pred, c.task_gold)[2] < FLOOR_DOCUMENT_TASK_F1]
    assert not low, f"documents with task F1 below {FLOOR_DOCUMENT_TASK_F1}: {low}"
    assert tp >= FLOOR_TASK_PRECISION, f"task precision {tp:.3f} < {FLOOR_TASK_PRECISION}"
    assert tr >= FLOOR_TASK_RECALL, f"task recall {tr:.3f} < {FLOOR_TASK_RECALL}"
    assert rf >= FLOOR_REFERENCE_F1, f"reference F1 {rf:.3f} < {FLOOR_REFERENCE_F1}"
