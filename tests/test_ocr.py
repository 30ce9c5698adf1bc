"""PDFs without a usable text layer: refused in one line, or read with ``--ocr``.

Tesseract with its Dutch model comes from Debian (``tests/setup-system.sh``); a machine
without it skips the OCR tests, except in CI (``CI`` set), where that is a failure."""

import os
import shutil
import subprocess

import pytest

from kg import ocr, pipeline
from kg.cli import main
from kg.errors import InputError
from kg.layout import PdfLine

LINES = [
    (20, "Programma 2 Zorg en welzijn"),
    (12, "In 2021 hielp het doorbraakteam samen met de GGD 48 gezinnen."),
    (12, "De gemeente werkt met de buurtteams aan goede ondersteuning."),
]


@pytest.fixture(scope="module")
def tesseract():
    ok = (
        shutil.which("tesseract")
        and "nld"
        in subprocess.run(
            ["tesseract", "--list-langs"], capture_output=True, text=True, check=False
        ).stdout.split()
    )
    if not ok:
        if os.environ.get("CI"):
            pytest.fail("Tesseract with nld is needed for the OCR tests in CI (setup-system.sh)")
        pytest.skip("Tesseract with its Dutch model is not installed")


@pytest.fixture(scope="module")
def scanned(tmp_path_factory):
    """A PDF whose page is a picture of text: its text layer is empty."""
    import pypdfium2 as pdfium
    from reportlab.lib.pagesizes import A4
    from reportlab.lib.utils import ImageReader
    from reportlab.pdfgen import canvas

    folder = tmp_path_factory.mktemp("scan")
    text_pdf = folder / "text.pdf"
    c = canvas.Canvas(str(text_pdf), pagesize=A4)
    y = 780
    for size, line in LINES:
        c.setFont("Helvetica-Bold" if size > 12 else "Helvetica", size)
        c.drawString(60, y, line)
        y -= 2.2 * size
    c.save()
    image = pdfium.PdfDocument(str(text_pdf))[0].render(scale=200 / 72).to_pil()
    path = folder / "zwolle-2021.pdf"
    c = canvas.Canvas(str(path), pagesize=A4)
    c.drawImage(ImageReader(image), 0, 0, *A4)
    c.save()
    return path


def test_ocr_scanned_pdf_is_refused_in_one_line_without_ocr(scanned, runner, tmp_path):
    result = runner.invoke(main, ["build", str(scanned), "--out", str(tmp_path)])
    assert result.exit_code == 1
    errors = [line for line in result.output.splitlines() if line.startswith("error:")]
    assert len(errors) == 1 and "no text layer" in errors[0] and "--ocr" in errors[0]


def test_ocr_reads_the_words_and_the_heading(tesseract, scanned):
    facts = pipeline.extract_file(scanned, ocr=True)
    assert "doorbraakteam" in facts.text and "GGD" in facts.text
    assert any(e.type == "Programme" and e.name == "Zorg en welzijn" for e in facts.entities)
    assert any(i.value == 48 for i in facts.indicators)
    assert all(m.page == 1 for e in facts.entities for m in e.mentions)


def test_ocr_build_reports_pages_read(tesseract, scanned, runner, tmp_path):
    result = runner.invoke(main, ["build", str(scanned), "--ocr", "--out", str(tmp_path)])
    assert result.exit_code == 0, result.output
    assert "pages read by OCR" in result.output and "1 (" in result.output


def test_ocr_without_tesseract_is_one_clear_line(scanned, monkeypatch):
    monkeypatch.setattr(ocr.shutil, "which", lambda _name: None)
    with pytest.raises(InputError, match="apt-get install tesseract-ocr tesseract-ocr-nld"):
        pipeline.extract_file(scanned, ocr=True)


def test_ocr_tsv_lines_sizes_and_dot_leaders():
    header = "\t".join(
        "level page_num block_num par_num line_num word_num left top width height conf text".split()
    )
    rows = [
        "4\t1\t1\t1\t1\t0\t100\t200\t900\t50\t-1\t",
        "5\t1\t1\t1\t1\t1\t100\t200\t300\t50\t95\tInhoud",
        "4\t1\t1\t1\t2\t0\t100\t300\t900\t25\t-1\t",
        "5\t1\t1\t1\t2\t1\t100\t300\t200\t25\t95\tInleiding",
        "5\t1\t1\t1\t2\t2\t320\t318\t500\t5\t0\tvenenvenenennen",
        "5\t1\t1\t1\t2\t3\t880\t300\t20\t25\t95\t9",
    ]
    lines = ocr.tsv_lines("\n".join([header, *rows]), 3, 842.0)
    assert [ln.text for ln in lines] == ["Inhoud", "Inleiding ..... 9"]
    assert all(isinstance(ln, PdfLine) and ln.page == 3 for ln in lines)
    assert lines[0].size > lines[1].size  # the taller line: a heading
    assert lines[0].top > lines[1].top  # points from the bottom, as PDFium gives them


@pytest.mark.slow
def test_ocr_whole_report_finds_the_programmes_of_its_contents(tesseract, shared):
    """The shared 2019 jaarstukken have fonts without a character map: read by OCR, the
    words of its pages come back and the programmes its contents list are found."""
    pdf = shared / "reports" / "wassenaar-2019-jaarstukken.pdf"
    if not pdf.is_file():
        pytest.skip("the 2019 report is not in ../shared/reports")
    facts = pipeline.extract_file(pdf, ocr=True)
    names = {e.id: e.name for e in facts.entities}
    top = {names[r.object] for r in facts.relations if r.predicate == "hasProgramme"}
    # the programme lines of its contents (pages 4-5), read by OCR alone
    from extractors.outline import _contents, _programme, heading_name

    contents = ocr.ocr_layout(pdf.read_bytes(), pdf, "4-5")
    listed = {
        heading_name(t)
        for t, _, _ in _contents(contents.text, list(contents.blocks))
        if _programme(t)
    }
    assert len(listed) >= 9 and listed <= top
    assert len(facts.text.split()) > 40000  # the words of 203 pages
    assert len([e for e in facts.entities if e.type == "Programme"]) >= 40
