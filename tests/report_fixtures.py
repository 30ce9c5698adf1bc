"""A whole report as a PDF, written from the bundled sample text (our own fictional
municipality): a cover, a contents page with dot leaders and page numbers, the programme
part with numbered programmes and taakveld sections in larger bold type, the obligatory
paragraphs and an appendix, a running footer and page numbers. The tests and the README's
screenshot read it as a user's downloaded begroting would be read."""

from __future__ import annotations

from pathlib import Path

from kg import pipeline

# (programme heading, [(section heading, paragraphs)])
OTHER_PROGRAMMES = [
    (
        "P1 Veiligheid",
        [
            (
                "1.2 Openbare orde en veiligheid",
                [
                    "Het buurtpreventieteam Lindewaard-Noord liep in 2023 samen met de politie "
                    "wekelijks een ronde door de wijk.",
                    "Het project Veilig Uitgaan is samen met de horeca voortgezet.",
                ],
            )
        ],
    ),
    (
        "P2 Economie",
        [
            (
                "3.1 Economische ontwikkeling",
                [
                    "Het ondernemersloket Lindewaard hielp 212 ondernemers met een vraag over "
                    "vergunningen.",
                ],
            )
        ],
    ),
]


def sample_programme() -> tuple[str, list[tuple[str, list[str]]]]:
    """The bundled Lindewaard sample as the programme "P3 Sociaal domein": its numbered
    headings become sections, its other lines paragraphs."""
    lines = [ln.strip() for ln in pipeline.sample_path().read_text("utf-8").splitlines()]
    sections: list[tuple[str, list[str]]] = []
    for line in lines:
        if not line or line.startswith(("Jaarverslag", "Programma 3")):
            continue
        if line[:2] in ("3.",) and len(line.split()) <= 6:
            sections.append((line, []))
        elif sections:
            sections[-1][1].append(line)
    return "P3 Sociaal domein", sections


def write_whole_report(path: Path) -> Path:
    """Write the report to ``path`` (a PDF) and return it: twice, so that the contents
    give the pages where the first writing put each part."""
    _write(path, _write(path, {}))
    return path


def _write(path: Path, pages: dict[str, int]) -> dict[str, int]:
    from reportlab.lib.pagesizes import A4
    from reportlab.pdfbase.pdfmetrics import stringWidth
    from reportlab.pdfgen import canvas

    programmes = [*OTHER_PROGRAMMES, sample_programme()]
    c = canvas.Canvas(str(path), pagesize=A4)
    width, height = A4
    state = {"y": height - 70.0, "page": 1}

    def new_page() -> None:
        c.setFont("Helvetica", 8)
        c.drawString(60, 30, "Jaarstukken 2023 gemeente Lindewaard")
        c.drawString(width - 80, 30, str(state["page"]))
        c.showPage()
        state["page"] += 1
        state["y"] = height - 70.0

    def line(text: str, size: float = 9, bold: bool = False, gap: float = 1.7) -> None:
        if state["y"] < 70:
            new_page()
        c.setFont("Helvetica-Bold" if bold else "Helvetica", size)
        c.drawString(60, state["y"], text)
        state["y"] -= size * gap

    def paragraph(text: str) -> None:
        words, current = text.split(), ""
        for word in words:
            trial = f"{current} {word}".strip()
            if stringWidth(trial, "Helvetica", 9) > width - 130:
                line(current)
                current = word
            else:
                current = trial
        if current:
            line(current)
        state["y"] -= 8

    seen: dict[str, int] = {}  # the page each entry of the contents stands on

    # cover and contents (the pages of a first writing)
    line("Jaarstukken 2023", 28, True)
    new_page()
    line("Inhoudsopgave", 12, True, 2.5)
    titles = ["Programma's", *(name for name, _ in programmes), "Paragrafen", "Bijlagen"]
    for title in titles:
        line(f"{title} {'.' * 60} {pages.get(title, 0)}")
    new_page()
    for name, sections in programmes:
        if name == programmes[0][0]:
            seen["Programma's"] = state["page"]
            line("Programma's", 16, True, 2.2)
        seen[name] = state["page"]
        line(name, 13, True, 2.4)
        line("Wat willen we bereiken?", 11, True, 2.2)
        paragraph("We willen dat inwoners van Lindewaard veilig en gezond kunnen meedoen.")
        for heading, paragraphs in sections:
            line(heading, 11, True, 2.2)
            for text in paragraphs:
                paragraph(text)
        new_page()
    seen["Paragrafen"] = state["page"]
    line("Paragrafen", 16, True, 2.2)
    line("Paragraaf Verbonden partijen", 11, True, 2.2)
    paragraph("De gemeente neemt deel in de Gemeenschappelijke Regeling Regio Lindewaard.")
    new_page()
    seen["Bijlagen"] = state["page"]
    line("Bijlagen", 16, True, 2.2)
    paragraph("In de Verordening Lindewaard Vooruit staan de regels voor de subsidies.")
    new_page()
    c.save()
    return seen
