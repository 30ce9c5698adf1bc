"""Scoring predicted annotations against gold files, exactly as ``shared/ANNOTATION.md``
says: names normalised, ``ignore`` dropped, micro-averaged P/R/F1 over documents for
entities (typed and untyped, per type), relations (typed and pair, per predicate) and
indicators (value, unit, period) with their about-accuracy."""

from __future__ import annotations

import json
from collections import defaultdict
from dataclasses import dataclass, field
from pathlib import Path

from extractors.text import normalise_name as norm

from ..errors import EvaluationError
from ..vocab import ENTITY_TYPES, RELATIONS

TOLERANCE = 1e-9
PREDICATES = tuple(RELATIONS)
# ANNOTATION.md scores these four as the core entity types, the others as extra
CORE_TYPES = ("Municipality", "Programme", "Initiative", "Organisation")
EXTRA_TYPES = tuple(t for t in ENTITY_TYPES if t not in CORE_TYPES)


@dataclass
class Count:
    tp_pred: int = 0  # matched predictions
    pred: int = 0
    tp_gold: int = 0  # matched gold items
    gold: int = 0

    def add(self, other: Count) -> None:
        self.tp_pred += other.tp_pred
        self.pred += other.pred
        self.tp_gold += other.tp_gold
        self.gold += other.gold

    @property
    def precision(self) -> float:
        return self.tp_pred / self.pred if self.pred else 0.0

    @property
    def recall(self) -> float:
        return self.tp_gold / self.gold if self.gold else 0.0

    @property
    def f1(self) -> float:
        p, r = self.precision, self.recall
        return 2 * p * r / (p + r) if p + r else 0.0


@dataclass
class Errors:
    """False positives and misses of one document, each with the rule that fired."""

    document: str
    false_positives: list[str] = field(default_factory=list)
    misses: list[str] = field(default_factory=list)
    wrong_about: list[str] = field(default_factory=list)


@dataclass
class RuleCount:
    """What one rule found and how much of it gold holds: an entity, relation or
    indicator counts for every rule that found it."""

    found: int = 0
    right: int = 0

    @property
    def precision(self) -> float:
        return self.right / self.found if self.found else 0.0


@dataclass
class Scores:
    rows: dict[str, Count] = field(default_factory=lambda: defaultdict(Count))
    rules: dict[str, RuleCount] = field(default_factory=lambda: defaultdict(RuleCount))
    about_matched: int = 0
    about_correct: int = 0
    errors: list[Errors] = field(default_factory=list)
    by_document: dict[str, Scores] = field(default_factory=dict)

    @property
    def about_accuracy(self) -> float:
        return self.about_correct / self.about_matched if self.about_matched else 0.0

    def as_dict(self) -> dict[str, object]:
        out: dict[str, object] = {
            name: {
                "precision": round(c.precision, 4),
                "recall": round(c.recall, 4),
                "f1": round(c.f1, 4),
                "predicted": c.pred,
                "gold": c.gold,
            }
            for name, c in self.rows.items()
        }
        out["indicators.about_accuracy"] = round(self.about_accuracy, 4)
        return out

    def document_summary(self) -> dict[str, dict[str, float | None]]:
        """Each document's headline F1s: core entities typed, relations typed,
        indicators, and the about-accuracy; ``None`` where the document has nothing of
        that kind, in gold or predicted (no indicators matched: no about-accuracy)."""

        def f1(c: Count) -> float | None:
            return round(c.f1, 3) if c.pred or c.gold else None  # None: nothing to score

        return {
            doc: {
                "entities": f1(s.rows["entities.core.typed"]),
                "relations": f1(s.rows["relations.typed"]),
                "indicators": f1(s.rows["indicators"]),
                "about": round(s.about_accuracy, 3) if s.about_matched else None,
            }
            for doc, s in sorted(self.by_document.items())
        }


class _Gold:
    """A gold file's entities indexed by normalised name and alias."""

    def __init__(self, data: dict) -> None:
        self.entities = data.get("entities", [])
        self.index: dict[str, int] = {}
        for i, e in enumerate(self.entities):
            for n in [e["name"], *e.get("aliases", [])]:
                self.index.setdefault(norm(n), i)
        self.ignore = {norm(n) for n in data.get("ignore", [])}

    def types(self, i: int) -> set[str]:
        e = self.entities[i]
        return {e["type"], *e.get("alt_types", [])}

    def resolve(self, name: str | None) -> str | None:
        if name is None:
            return None
        i = self.index.get(norm(name))
        return f"#{i}" if i is not None else norm(name)


def score(pairs: list[tuple[dict, dict]]) -> Scores:
    """Score (predicted, gold) annotation pairs, one pair per document; each document's
    own scores are kept in ``by_document`` (to see where a change helps and where it
    hurts)."""
    scores = Scores()
    for pred, gold_data in pairs:
        one = _score_one(pred, gold_data)
        for name, count in one.rows.items():
            scores.rows[name].add(count)
        for name, rc in one.rules.items():
            scores.rules[name].found += rc.found
            scores.rules[name].right += rc.right
        scores.about_matched += one.about_matched
        scores.about_correct += one.about_correct
        scores.errors.extend(one.errors)
        scores.by_document[one.errors[0].document] = one
    return scores


def _score_one(pred: dict, gold_data: dict) -> Scores:
    scores = Scores()
    gold = _Gold(gold_data)
    errors = Errors(gold_data.get("document", pred.get("document", "?")))
    _entities(scores, pred, gold, errors)
    _relations(scores, pred, gold_data, gold, errors)
    _indicators(scores, pred, gold_data, gold, errors)
    scores.errors.append(errors)
    return scores


def _entities(scores: Scores, pred: dict, gold: _Gold, errors: Errors) -> None:
    predicted = [e for e in pred.get("entities", []) if norm(e["name"]) not in gold.ignore]
    for scope, types in [("entities.core", CORE_TYPES), ("entities.extra", EXTRA_TYPES)]:
        for typed in (True, False):
            row = f"{scope}.{'typed' if typed else 'untyped'}"
            scores.rows[row].add(_match_entities(predicted, gold, set(types), typed, None))
    for t in CORE_TYPES + EXTRA_TYPES:
        scores.rows[f"entities.{t}"].add(
            _match_entities(predicted, gold, {t}, True, errors if t in CORE_TYPES else None)
        )
    for e in predicted:
        i = gold.index.get(norm(e["name"]))
        right = i is not None and e["type"] in gold.types(i)
        for rule in e.get("rules") or ["?"]:
            _found(scores, f"entity {e['type']} {rule}", right)


def _match_entities(
    predicted: list[dict], gold: _Gold, types: set[str], typed: bool, errors: Errors | None
) -> Count:
    preds = [e for e in predicted if e["type"] in types]
    gold_ids = [i for i, e in enumerate(gold.entities) if e["type"] in types]
    c = Count(pred=len(preds), gold=len(gold_ids))
    hit: set[int] = set()
    for e in preds:
        i = gold.index.get(norm(e["name"]))
        if i is not None and (not typed or e["type"] in gold.types(i)):
            c.tp_pred += 1
            hit.add(i)
        elif errors is not None:
            why = "" if i is None else f" (gold type {gold.entities[i]['type']})"
            errors.false_positives.append(
                f"entity {e['type']} {e['name']!r}{why} [{', '.join(e.get('rules', []))}]"
            )
    # a gold entity also counts as found by a prediction of another accepted type
    for e in predicted:
        i = gold.index.get(norm(e["name"]))
        if i is not None and i in gold_ids and (not typed or e["type"] in gold.types(i)):
            hit.add(i)
    c.tp_gold = len(hit & set(gold_ids))
    if errors is not None:
        for i in gold_ids:
            if i not in hit:
                errors.misses.append(
                    f"entity {gold.entities[i]['type']} {gold.entities[i]['name']!r}"
                )
    return c


def _relations(scores: Scores, pred: dict, gold_data: dict, gold: _Gold, errors: Errors) -> None:
    def ok(r: dict) -> bool:
        return norm(r["subject"]) not in gold.ignore and norm(r["object"]) not in gold.ignore

    pr = {
        (gold.resolve(r["subject"]), r["predicate"], gold.resolve(r["object"])): r
        for r in pred.get("relations", [])
        if ok(r)
    }
    gr = {
        (gold.resolve(r["subject"]), r["predicate"], gold.resolve(r["object"])): r
        for r in gold_data.get("relations", [])
    }
    _set_row(scores, "relations.typed", set(pr), set(gr))
    pairs = {frozenset((s, o)) for s, _, o in pr}
    gold_pairs = {frozenset((s, o)) for s, _, o in gr}
    _set_row(scores, "relations.pair", pairs, gold_pairs)
    for p in PREDICATES:
        _set_row(
            scores, f"relations.{p}", {k for k in pr if k[1] == p}, {k for k in gr if k[1] == p}
        )
    for k, r in pr.items():
        _found(scores, f"relation {r['predicate']} {r.get('rule', '?')}", k in gr)
    for k, r in sorted(pr.items(), key=lambda kv: str(kv[0])):
        if k not in gr:
            errors.false_positives.append(
                f"relation {r['subject']!r} {r['predicate']} {r['object']!r} [{r.get('rule', '?')}]"
            )
    for k, r in sorted(gr.items(), key=lambda kv: str(kv[0])):
        if k not in pr:
            errors.misses.append(f"relation {r['subject']!r} {r['predicate']} {r['object']!r}")


def _found(scores: Scores, rule: str, right: bool) -> None:
    scores.rules[rule].found += 1
    scores.rules[rule].right += right


def _set_row(scores: Scores, row: str, pred: set, gold: set) -> None:
    tp = len(pred & gold)
    scores.rows[row].add(Count(tp, len(pred), tp, len(gold)))


def _indicators(scores: Scores, pred: dict, gold_data: dict, gold: _Gold, errors: Errors) -> None:
    preds = list(pred.get("indicators", []))
    golds = list(gold_data.get("indicators", []))
    used: set[int] = set()
    matched = 0
    for p in preds:
        j = next((j for j, g in enumerate(golds) if j not in used and _same(p, g)), None)
        _found(scores, f"indicator {p.get('rule', '?')}", j is not None)
        if j is None:
            errors.false_positives.append(
                f"indicator {p['value']} {p['unit']} {p['period']} [{p.get('rule', '?')}]"
                f" {p.get('label', '')[:70]!r}"
            )
            continue
        used.add(j)
        matched += 1
        scores.about_matched += 1
        if gold.resolve(p.get("about")) == gold.resolve(golds[j].get("about")):
            scores.about_correct += 1
        else:
            errors.wrong_about.append(
                f"indicator {p['value']} {p['unit']} {p['period']} about {p.get('about')!r}, "
                f"gold {golds[j].get('about')!r} [{p.get('rule', '?')}]"
            )
    for j, g in enumerate(golds):
        if j not in used:
            errors.misses.append(
                f"indicator {g['value']} {g['unit']} {g['period']} {g.get('label', '')[:70]!r}"
            )
    scores.rows["indicators"].add(Count(matched, len(preds), matched, len(golds)))


def _same(p: dict, g: dict) -> bool:
    if p["unit"] != g["unit"] or str(p["period"]) != str(g["period"]):
        return False
    a, b = float(p["value"]), float(g["value"])
    return a == b or abs(a - b) <= TOLERANCE * max(abs(a), abs(b))


def load_gold(gold_dir: Path) -> dict[str, dict]:
    """Gold files by document file name."""
    if not gold_dir.is_dir():
        raise EvaluationError(f"gold folder {gold_dir} does not exist")
    out = {}
    for path in sorted(gold_dir.glob("*.json")):
        try:
            data = json.loads(path.read_text(encoding="utf-8"))
        except (OSError, json.JSONDecodeError) as err:
            raise EvaluationError(f"{path}: not a readable gold file ({err})") from err
        out[data.get("document", path.stem + ".txt")] = data
    if not out:
        raise EvaluationError(f"no gold files (*.json) in {gold_dir}")
    return out


# -- whole reports (ANNOTATION.md, "Whole reports") ---------------------------------------

STRUCTURE_TYPES = ("Municipality", "Programme")
STRUCTURE_PREDICATES = ("hasProgramme", "hasSubProgramme")


def structure_view(pred: dict) -> dict:
    """What a ``*.structure.json`` gold scores: the municipality, the programmes and the
    ``hasProgramme``/``hasSubProgramme`` relations of the whole report."""
    home = norm(pred.get("municipality", ""))
    return {
        **pred,
        "entities": [
            e
            for e in pred.get("entities", [])
            if e["type"] == "Programme" or (e["type"] == "Municipality" and norm(e["name"]) == home)
        ],
        "relations": [
            r for r in pred.get("relations", []) if r["predicate"] in STRUCTURE_PREDICATES
        ],
        "indicators": [],
    }


def chapter_view(pred: dict, first: int, last: int) -> dict:
    """What a ``*.chapter.json`` gold scores: the entities and relations with a mention
    on its pages, the indicators whose mention lies on them."""

    def on(item: dict) -> bool:
        return any(first <= p <= last for p in item.get("pages", []))

    return {
        **pred,
        "entities": [e for e in pred.get("entities", []) if on(e)],
        "relations": [r for r in pred.get("relations", []) if on(r)],
        "indicators": [i for i in pred.get("indicators", []) if on(i)],
    }


@dataclass(frozen=True)
class ReportGold:
    source: str  # the PDF's file name
    structure: dict | None
    chapter: dict | None


def load_report_gold(gold_dir: Path) -> list[ReportGold]:
    """The gold of the whole reports in ``gold_dir``, one record per PDF."""
    if not gold_dir.is_dir():
        raise EvaluationError(f"gold folder {gold_dir} does not exist")
    found: dict[str, dict[str, dict]] = {}
    for path in sorted(gold_dir.glob("*.json")):
        kind = path.name.rsplit(".", 2)[-2] if path.name.count(".") >= 2 else ""
        if kind not in ("structure", "chapter"):
            continue
        try:
            data = json.loads(path.read_text(encoding="utf-8"))
        except (OSError, json.JSONDecodeError) as err:
            raise EvaluationError(f"{path}: not a readable gold file ({err})") from err
        source = data.get("source") or path.name.split(".")[0] + ".pdf"
        found.setdefault(source, {})[kind] = data
    if not found:
        raise EvaluationError(
            f"no whole-report gold (*.structure.json, *.chapter.json) in {gold_dir}"
        )
    return [ReportGold(s, k.get("structure"), k.get("chapter")) for s, k in sorted(found.items())]


def score_reports(predicted: dict[str, dict], golds: list[ReportGold]) -> tuple[Scores, Scores]:
    """Score each whole report's annotation (by PDF file name) against its structure and
    chapter gold: ``(structure scores, chapter scores)``."""
    structure, chapters = [], []
    for g in golds:
        pred = predicted.get(g.source)
        if pred is None:
            continue
        if g.structure is not None:
            structure.append((structure_view(pred), g.structure))
        if g.chapter is not None:
            first, last = g.chapter["pages"]
            chapters.append((chapter_view(pred, first, last), g.chapter))
    return score(structure), score(chapters)
