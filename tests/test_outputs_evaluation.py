import pytest

from kg.outputs.evaluation import score


def _gold(**kw):
    base = {
        "document": "x.txt",
        "municipality": "X",
        "year": 2020,
        "entities": [],
        "relations": [],
        "indicators": [],
        "ignore": [],
    }
    base.update(kw)
    return base


def _pred(**kw):
    base = {"entities": [], "relations": [], "indicators": []}
    base.update(kw)
    return base


def test_outputs_evaluation_names_are_normalised_and_aliases_count():
    gold = _gold(
        entities=[
            {"type": "Initiative", "name": "Stut en Steun", "aliases": ["project Stut en Steun"]},
            {"type": "Organisation", "name": "Stichting Present", "aliases": []},
        ]
    )
    pred = _pred(
        entities=[
            {"type": "Initiative", "name": "Project  Stut en Steun!"},
            {"type": "Organisation", "name": "Present"},
        ]
    )
    s = score([(pred, gold)])
    assert s.rows["entities.core.typed"].f1 == 1.0


def test_outputs_evaluation_typed_needs_type_or_alt_type():
    gold = _gold(
        entities=[
            {
                "type": "Initiative",
                "name": "wijkteams",
                "aliases": [],
                "alt_types": ["Organisation"],
            },
            {"type": "Organisation", "name": "GGD", "aliases": []},
        ]
    )
    pred = _pred(
        entities=[
            {"type": "Organisation", "name": "wijkteams"},
            {"type": "Initiative", "name": "GGD"},
        ]
    )
    s = score([(pred, gold)])
    assert s.rows["entities.core.typed"].tp_pred == 1
    assert s.rows["entities.core.untyped"].tp_pred == 2


def test_outputs_evaluation_ignored_predictions_are_dropped():
    gold = _gold(
        entities=[{"type": "Initiative", "name": "JIP", "aliases": []}], ignore=["stadsdeelagenda"]
    )
    pred = _pred(
        entities=[
            {"type": "Initiative", "name": "JIP"},
            {"type": "Initiative", "name": "Stadsdeelagenda"},
        ]
    )
    assert score([(pred, gold)]).rows["entities.core.typed"].precision == 1.0


def test_outputs_evaluation_relations_resolve_aliases_and_pairs_ignore_direction():
    ents = [
        {"type": "Initiative", "name": "Ervaringsmaatjes", "aliases": ["maatjes"]},
        {"type": "Organisation", "name": "SOVEE", "aliases": []},
    ]
    gold = _gold(
        entities=ents,
        relations=[{"subject": "Ervaringsmaatjes", "predicate": "hasPartner", "object": "SOVEE"}],
    )
    pred = _pred(relations=[{"subject": "SOVEE", "predicate": "partnersWith", "object": "maatjes"}])
    s = score([(pred, gold)])
    assert s.rows["relations.typed"].f1 == 0.0
    assert s.rows["relations.pair"].f1 == 1.0


def test_outputs_evaluation_indicators_are_a_multiset_with_tolerance_and_about():
    ents = [{"type": "Initiative", "name": "doorbraakteam", "aliases": []}]
    gold = _gold(
        entities=ents,
        indicators=[
            {"value": 48, "unit": "count", "period": "2020", "about": "doorbraakteam"},
            {"value": 48, "unit": "count", "period": "2020", "about": None},
            {"value": 5.6, "unit": "weeks", "period": "2020-Q4", "about": None},
        ],
    )
    pred = _pred(
        indicators=[
            {"value": 48.0, "unit": "count", "period": "2020", "about": "doorbraakteam"},
            {"value": 5.6 + 1e-12, "unit": "weeks", "period": "2020-Q4", "about": "doorbraakteam"},
            {"value": 5.6, "unit": "weeks", "period": "2020", "about": None},
        ]
    )
    s = score([(pred, gold)])
    c = s.rows["indicators"]
    assert (c.tp_pred, c.pred, c.gold) == (2, 3, 3)
    assert s.about_accuracy == pytest.approx(0.5)


def test_outputs_evaluation_micro_average_over_documents():
    g1 = _gold(entities=[{"type": "Initiative", "name": "a", "aliases": []}])
    g2 = _gold(
        entities=[
            {"type": "Initiative", "name": "b", "aliases": []},
            {"type": "Initiative", "name": "c", "aliases": []},
        ]
    )
    s = score(
        [
            (_pred(entities=[{"type": "Initiative", "name": "a"}]), g1),
            (_pred(entities=[{"type": "Initiative", "name": "x"}]), g2),
        ]
    )
    c = s.rows["entities.Initiative"]
    assert (c.precision, c.recall) == (0.5, pytest.approx(1 / 3))


def test_outputs_evaluation_by_document_adds_up_to_the_total():
    def doc(name, entities):
        return {"document": name, "entities": [{"type": "Initiative", "name": n} for n in entities]}

    pairs = [
        (doc("a.txt", ["jip", "stips"]), doc("a.txt", ["jip"])),
        (doc("b.txt", ["boeg"]), doc("b.txt", ["boeg", "wijkteam"])),
    ]
    scores = score(pairs)
    assert set(scores.by_document) == {"a.txt", "b.txt"}
    a, b = (scores.by_document[d].rows["entities.Initiative"] for d in ("a.txt", "b.txt"))
    assert (a.precision, a.recall, b.precision, b.recall) == (0.5, 1.0, 1.0, 0.5)
    total = scores.rows["entities.Initiative"]
    assert (total.tp_pred, total.pred, total.gold) == (a.tp_pred + b.tp_pred, 3, 3)
    assert scores.document_summary()["b.txt"]["entities"] == round(b.f1, 3)
    # neither gold nor prediction has indicators: nothing to score, not a zero
    assert scores.document_summary()["a.txt"]["indicators"] is None
    assert scores.document_summary()["a.txt"]["about"] is None
