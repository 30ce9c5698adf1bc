def _rels(annotate, text):
    doc = annotate(text)
    out = set()
    for r in doc._.kg_relations:
        s = doc.text[r.subject[0] : r.subject[1]] if r.subject else "<municipality>"
        if r.object_section is not None:
            o = doc._.kg_sections[r.object_section].name
        else:
            o = doc.text[r.object[0] : r.object[1]]
        out.add((s, r.predicate, o))
    return out


def test_relations_partner_needs_a_cue(annotate):
    assert ("project Stut en Steun", "hasPartner", "GGD") in _rels(
        annotate, "Het project Stut en Steun wordt uitgevoerd door de GGD."
    )


def test_relations_part_of_deepest_programme(annotate):
    text = (
        "1 Zorg\n\nInleiding.\n\n1.1 Jeugd\n\nHet doorbraakteam hielp veel gezinnen.\n\n"
        "1.2 Wmo\n\nDe preventietafel kwam bijeen.\n"
    )
    rels = _rels(annotate, text)
    assert ("doorbraakteam", "partOfProgramme", "Jeugd") in rels
    assert ("preventietafel", "partOfProgramme", "Wmo") in rels


def test_relations_municipality_partners_with_organisation(annotate):
    rels = _rels(annotate, "De gemeente heeft een contract met Zorgbalans b.v. afgesloten.")
    assert ("<municipality>", "partnersWith", "Zorgbalans b.v.") in rels


def test_relations_located_in_district(annotate):
    rels = _rels(annotate, "De pilot Samen Sterk is gestart in de wijk Oosterpark.")
    assert ("pilot Samen Sterk", "locatedIn", "Oosterpark") in rels


def test_relations_partner_in_the_next_sentence(annotate):
    rels = _rels(
        annotate,
        "In 2020 is het project Stut en Steun gestart. Indebuurt033 biedt "
        "in samenwerking met het wijkteam ondersteuning.",
    )
    assert ("project Stut en Steun", "hasPartner", "Indebuurt033") in rels


def test_relations_funder_in_the_sentence_before(annotate):
    rels = _rels(
        annotate,
        "We kregen extra middelen van het Rijk. Dit zijn middelen voor de "
        "Skaeve Huse en het doorbraakteam.",
    )
    assert ("doorbraakteam", "hasPartner", "Rijk") in rels


def test_relations_listed_names_are_not_partners(annotate):
    rels = _rels(
        annotate,
        "We investeren in de samenwerking tussen Veilig Thuis, de wijkteams en de politie.",
    )
    assert not any(p == "hasPartner" for _, p, _ in rels)


def test_relations_service_subject_is_an_organisation(annotate):
    doc = annotate(
        "Welsaam geeft uitvoering aan de preventieve hulp binnen het beleid Samen Wageningen."
    )
    ents = {(s.text, s.label_) for s in doc.spans["kg_entities"]}
    assert ("Welsaam", "Organisation") in ents


VERBONDEN = """# Programmabegroting 2024 gemeente Zwolle

## Programma 1 Zorg

Het Werkbedrijf Noordkust helpt inwoners aan werk.

## Paragraaf 6 Verbonden partijen

### Gemeenschappelijke regeling Werkbedrijf Noordkust

Het Werkbedrijf Noordkust voert de Participatiewet uit. Ook Stichting Vrolijk Wonen neemt deel.

## Paragraaf 7 Grondbeleid

Wij verkopen grond aan Stichting Bouwgrond Oost.
"""


def test_relations_the_listed_parties_partner_the_municipality(tmp_path):
    """Each organisation the section "Verbonden partijen" lists partners the municipality,
    and only there: the paragraph after it is another matter."""
    from kg import pipeline
    from kg.document import read_document

    path = tmp_path / "zwolle-2024.md"
    path.write_text(VERBONDEN, encoding="utf-8")
    facts = pipeline.extract_document(read_document(path))
    partners = {
        r.object
        for r in facts.relations
        if r.predicate == "partnersWith" and r.mention.rule == "relations.listed_party"
    }
    assert partners == {
        "organisation/werkbedrijf-noordkust",
        "organisation/vrolijk-wonen",
    }
    # the row that names it is the provenance
    rows = {
        r.mention.sentence
        for r in facts.relations
        if r.object == "organisation/vrolijk-wonen" and r.predicate == "partnersWith"
    }
    assert rows == {"Ook Stichting Vrolijk Wonen neemt deel."}
