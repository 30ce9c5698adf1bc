"""The document model of a PDF: headings from the type, margins dropped, paragraphs
joined, pages kept; the programme tree read from the headings."""

import pytest

from extractors.annotations import Block
from extractors.outline import heading_name, outline_sections
from kg.errors import InputError, NoTextLayerError
from kg.layout import _usable, page_at, parse_pages, pdf_layout

BODY = [
    "De gemeente werkt met de buurtteams aan een betere ondersteuning van",
    "inwoners die hulp nodig hebben, dicht bij huis en op tijd.",
]


def _report(path, pages):
    """A PDF of ``pages``: each a list of (font size, bold, text) lines from the top, a
    running footer and a page number at the bottom of every page."""
    from reportlab.lib.pagesizes import A4
    from reportlab.pdfgen import canvas

    c = canvas.Canvas(str(path), pagesize=A4)
    for number, lines in enumerate(pages, start=1):
        y = 780
        for size, bold, text in lines:
            c.setFont("Helvetica-Bold" if bold else "Helvetica", size)
            c.drawString(72, y, text)
            y -= size * 1.8 if size == 9 else size * 3
        c.setFont("Helvetica", 8)
        c.drawString(72, 30, "Programmabegroting 2021 gemeente Beekdal")
        c.drawString(520, 30, str(number))
        c.showPage()
    c.save()
    return path.read_bytes()


PAGES = [
    [(16, True, "Programma's"), (9, False, "Een inleiding op de programma's van dit jaar.")],
    [
        (13, True, "P6 Sociaal domein"),
        (11, True, "Wat willen we bereiken?"),
        (9, False, BODY[0]),
        (9, False, BODY[1]),
        (11, True, "6.1 Samenkracht en burgerparticipatie"),
        (9, True, "Buurtkamers"),
        (9, False, "In elke wijk is een buurtkamer open."),
    ],
    [
        (13, True, "P7 Volksgezondheid en milieu"),
        (11, True, "7.1 Volksgezondheid"),
        (9, False, "De GGD voert de jeugdgezondheidszorg uit."),
        (9, False, "Lasten 1.200 1.350 1.400"),
    ],
    [(16, True, "Paragrafen"), (11, True, "Paragraaf Bedrijfsvoering")],
]


@pytest.fixture(scope="module")
def report(tmp_path_factory):
    path = tmp_path_factory.mktemp("pdf") / "beekdal-2021.pdf"
    return path, _report(path, PAGES)


def _blocks(layout):
    return [(b.role, b.level, b.page, layout.text[b.start : b.end]) for b in layout.blocks]


def test_layout_headings_levels_pages_and_margins(report):
    path, data = report
    layout = pdf_layout(data, path)
    blocks = _blocks(layout)
    assert ("heading", 1, 1, "Programma's") in blocks
    assert ("heading", 2, 2, "P6 Sociaal domein") in blocks
    assert ("heading", 3, 2, "6.1 Samenkracht en burgerparticipatie") in blocks
    assert ("heading", 4, 2, "Buurtkamers") in blocks  # bold in the body size: lowest level
    assert ("table_row", 0, 3, "Lasten 1.200 1.350 1.400") in blocks
    # the footer and the page numbers recur on every page: gone
    assert "Programmabegroting 2021 gemeente Beekdal" not in layout.text
    assert not any(text.isdigit() for *_, text in blocks)
    # the two lines of one paragraph are one block, one line of text
    assert ("paragraph", 0, 2, " ".join(BODY)) in blocks
    assert [p for p, _ in layout.pages] == [1, 2, 3, 4]
    for b in layout.blocks:
        assert layout.page_at(b.start) == b.page


def test_layout_part_of_a_report_keeps_its_page_numbers(report):
    path, data = report
    layout = pdf_layout(data, path, pages="2-3")
    assert [p for p, _ in layout.pages] == [2, 3]
    assert "Programma's" not in layout.text and "Paragrafen" not in layout.text
    assert {b.page for b in layout.blocks} == {2, 3}


@pytest.mark.parametrize(
    "spec,count,expected",
    [
        (None, 5, range(1, 6)),
        ("2-3", 5, range(2, 4)),
        ("4", 5, range(4, 5)),
        ("3-", 5, range(3, 6)),
    ],
)
def test_layout_parse_pages(spec, count, expected):
    assert parse_pages(spec, count) == expected


@pytest.mark.parametrize("spec", ["0-3", "5-2", "x", "9"])
def test_layout_parse_pages_refuses_bad_ranges(spec):
    with pytest.raises(InputError, match="--pages"):
        parse_pages(spec, 5)


@pytest.mark.parametrize(
    "text,usable",
    [
        ("De gemeente werkt samen met de buurtteams aan ondersteuning.", True),
        ("\x01\x04\x05\x06 \x07\x06\x08\t\n\n\x04\x05 \x0b\x0c\r\x0e" * 4, False),
        ("/1/2/3/3/4 /5/6/7/8 /9/10/11/12/13 /14/15/16" * 3, False),
        ("12 34 56 78 90 12 34 56", False),
    ],
)
def test_layout_glyph_codes_are_not_a_text_layer(text, usable):
    assert _usable(text) is usable


def test_layout_page_at():
    pages = ((5, 0), (6, 100), (7, 250))
    assert [page_at(pages, o) for o in (0, 99, 100, 249, 250, 9999)] == [5, 5, 6, 6, 7, 7]
    assert page_at((), 10) == 0


@pytest.mark.parametrize(
    "heading,name",
    [
        ("P6 Sociaal Domein", "Sociaal Domein"),
        ("Programma 2: Mens en maatschappij", "Mens en maatschappij"),
        ("Programma P3 Bestuur", "Bestuur"),
        ("0.61 OZB Woningen", "OZB Woningen"),
        ("Taakveld 6.1 Samenkracht", "Samenkracht"),
        ("Paragraaf Lokale heffingen", "Paragraaf Lokale heffingen"),
    ],
)
def test_outline_heading_name(heading, name):
    assert heading_name(heading) == name


def _outline(lines):
    text, blocks, pos = "", [], 0
    for level, line in lines:
        blocks.append(Block(pos, pos + len(line), "heading" if level else "paragraph", 1, level))
        text += line + "\n"
        pos = len(text)
    return outline_sections(text, blocks, lambda t: t.endswith("?"), ("paragra", "bijlage"))


def test_outline_programmes_and_their_sub_programmes():
    sections = _outline(
        [
            (1, "Programma's"),
            (2, "Inleiding"),
            (3, "P1 Veiligheid"),
            (4, "Wat willen we bereiken?"),
            (4, "1.1 Crisisbeheersing en brandweer"),
            (0, "De veiligheidsregio doet dit."),
            (5, "Een project in vet"),
            (3, "P2 Verkeer en vervoer"),
            (4, "2.1 Verkeer en vervoer"),
            (2, "Paragrafen"),
            (3, "P9 Nieuw beleid per programma"),
        ]
    )
    assert [(s.name, s.level, s.parent) for s in sections] == [
        ("Veiligheid", 1, None),
        ("Crisisbeheersing en brandweer", 2, 0),
        ("Verkeer en vervoer", 1, None),
        ("2.1 Verkeer en vervoer", 2, 2),  # the name of its parent: keeps its number
    ]
    # each section runs to the next of its level or higher, the last to "Paragrafen"
    assert sections[0].end == sections[2].start
    assert sections[3].end == sections[2].end


def test_outline_without_numbered_programmes_is_left_to_the_line_rules():
    assert _outline([(1, "Jaarverslag"), (2, "Zorg en welzijn"), (0, "Tekst.")]) is None


def test_layout_pdf_without_text_layer_is_refused(tmp_path):
    from reportlab.pdfgen import canvas

    path = tmp_path / "beekdal-2021.pdf"
    c = canvas.Canvas(str(path))
    c.rect(50, 50, 200, 200, fill=1)  # a page with a picture and no text
    c.showPage()
    c.save()
    with pytest.raises(NoTextLayerError, match="--ocr"):
        pdf_layout(path.read_bytes(), path)


def test_outline_from_the_contents_when_the_headings_do_not_show_the_programmes():
    """OCR lost the programme headings (set in a coloured band): the contents list them
    with their pages, and their taakveld lines are their sub-programmes; a programme the
    contents give without a page starts at the first line after the previous one that
    opens with its title."""
    lines = [
        (4, "toc", "Inhoudsopgave", 0),
        (4, "toc", "P1 Veiligheid ..... 5", 5),
        (4, "toc", "P2 Onderwijs", 0),
        (4, "toc", "Paragrafen ..... 7", 7),
        (5, "paragraph", "Doelstelling: wat wilden we bereiken?", 0),
        (5, "heading", "Taakveld: 1.1 Crisisbeheersing en brandweer", 0),
        (5, "paragraph", "Zie ook P2 Onderwijs.", 0),
        (6, "paragraph", "P2 Onderwijs Begroting Rekening", 0),
        (6, "heading", "Taakveld: 4.2 Onderwijshuisvesting", 0),
        (7, "heading", "Paragraaf Lokale heffingen", 0),
    ]
    text, blocks, pages = "", [], {}
    for page, role, line, target in lines:
        pages.setdefault(page, len(text))
        blocks.append(Block(len(text), len(text) + len(line), role, page, 1, target))
        text += line + "\n"
    sections = outline_sections(text, blocks, lambda t: False, ("paragra",))
    assert [(s.name, s.level, s.parent, s.rule) for s in sections] == [
        ("Veiligheid", 1, None, "sections.contents"),
        ("Crisisbeheersing en brandweer", 2, 0, "sections.contents"),
        ("Onderwijs", 1, None, "sections.contents"),
        ("Onderwijshuisvesting", 2, 2, "sections.contents"),
    ]
    assert sections[0].start == pages[5] and sections[2].start == text.index("P2 Onderwijs B")
    assert sections[2].end == pages[7]  # the next entry of the contents


def test_whole_report_names_by_form_alone_count_only_in_the_programmes_prose(tmp_path):
    """A capitalised name in a programme's sentences is an initiative; the same form in a
    table row, or in the appendices after the programmes, is not."""
    from kg import pipeline

    prose = "In 2021 startte de gemeente samen met bewoners het Groene Loper Plein in de wijk."
    appendix = "In de bijlage staat hoe de Blauwe Vijver Kade is betaald door de gemeente zelf."
    path = tmp_path / "beekdal-2021.pdf"
    _report(
        path,
        [
            [(16, True, "Programma's"), (9, False, "Een inleiding op de programma's.")],
            [
                (13, True, "P6 Sociaal domein"),
                (9, False, prose),
                (9, False, "Rode Brug Baten 1.200 1.350 1.400"),
            ],
            [(16, True, "Bijlagen"), (9, False, appendix)],
        ],
    )
    found = {e.name: e.type for e in pipeline.extract_file(path).entities}
    assert found.get("Groene Loper Plein") == "Initiative"
    assert not any("Blauwe Vijver" in name or "Rode Brug" in name for name in found)


@pytest.mark.parametrize(
    "inside,subs",
    [
        # a type larger than the sections' is used outside the programmes only
        ([(5, "3.1 Welzijn"), (5, "3.2 Jeugd")], ["Welzijn", "Jeugd"]),
        # the largest type within the programmes holds only the fixed questions: the
        # bold body headings below them are no sub-programmes
        ([(4, "Wat willen we bereiken?"), (5, "Inzet op preventie")], []),
    ],
)
def test_outline_sub_programmes_are_the_largest_type_below_the_programmes(inside, subs):
    sections = _outline([(1, "Jaarstukken"), (4, "Inhoud"), (3, "P3 Sociaal domein"), *inside])
    assert [s.name for s in sections if s.level == 2] == subs


def test_report_parts_of_a_whole_report_with_their_pages(tmp_path):
    """The parts of a report in the BBV's order, each with its pages, from the pages its
    contents point to; in the graph as gkg:ReportPart and in kg extract's JSON."""
    from report_fixtures import write_whole_report

    from kg import pipeline
    from kg.outputs.annotation import to_annotation

    pdf = write_whole_report(tmp_path / "lindewaard-2023.pdf")
    facts = pipeline.extract_file(pdf)
    parts = [(p.kind, p.first_page, p.last_page) for p in facts.parts]
    assert [k for k, _, _ in parts] == ["contents", "programmes", "paragraphs", "appendices"]
    assert parts[0][1:] == (2, 2) and parts[1][1] == 3  # "Programma's" on page 3
    assert all(a[2] < b[1] or a[2] == b[1] for a, b in zip(parts, parts[1:], strict=False))
    programmes = [s for s in facts.entities if s.type == "Programme"]
    assert programmes and all(
        parts[1][1] <= m.page <= parts[1][2] for e in programmes for m in e.mentions
    )
    assert [p["kind"] for p in to_annotation(facts)["parts"]] == [k for k, _, _ in parts]


def test_report_parts_none_for_a_text_file():
    from extractors.outline import report_parts

    text = "Paragrafen\nBijlagen\n"
    blocks = [Block(0, 10, "heading", 0, 1), Block(11, 19, "heading", 0, 1)]
    assert report_parts(text, blocks, {"paragraphs": ["paragrafen"]}) == []
