"""Any report a user has: encodings, Markdown, HTML, PDF; bad input gets one clear line."""

import os
import signal
import subprocess
import sys
import time

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from kg import pipeline
from kg import store as kgstore
from kg.cli import main
from kg.document import Document, read_document
from kg.errors import InputError, KGError
from kg.readers import html_text, markdown_text, read_report

DUTCH = (
    "Programma 2 Zorg en welzijn\n\nIn 2021 is het project Samen Sterk gestart in "
    "samenwerking met de GGD. Het doorbraakteam hielp 48 gezinnen, 12% meer dan in 2020. "
    "De gemeente werkt samen met Stichting Café Zorg aan een betere ondersteuning.\n"
)

PAGE = """<!doctype html><html><head><title>Jaarverslag</title><style>p{}</style></head>
<body><header><nav><a href="/">Home</a> <a href="/menu">Menu navigatie</a></nav></header>
<main><h1>Programma 2 Zorg en welzijn</h1>
<p>In 2021 is het project Samen Sterk gestart in samenwerking met de GGD.</p>
<ul><li>Verordening Maatschappelijke ondersteuning Zwolle 2021</li></ul>
<table><tr><th>Indicator</th><th>2021</th><th>2020</th></tr>
<tr><td>Meldingen doorbraakteam</td><td>48</td><td>43</td></tr></table>
<script>alert("x")</script></main><footer>Cookiebeleid en privacy</footer></body></html>"""


def _write_pdf(path, lines, encrypt=None):
    from reportlab.lib.pagesizes import A4
    from reportlab.pdfgen import canvas

    c = canvas.Canvas(str(path), pagesize=A4, encrypt=encrypt)
    y = 800
    for line in lines:
        c.drawString(50, y, line)
        y -= 16
    c.save()


@pytest.mark.parametrize("encoding", ["utf-8", "utf-8-sig", "cp1252", "latin-1", "utf-16"])
def test_inputs_encodings_are_detected(tmp_path, encoding):
    path = tmp_path / "zwolle-2021.txt"
    text = DUTCH.replace("€", "EUR") if encoding == "latin-1" else DUTCH + "Kosten: € 5.\n"
    path.write_bytes(text.encode(encoding))
    assert read_report(path) == text


def test_inputs_markdown(tmp_path):
    md = "## Programma 2 Zorg\n\n- **Verordening** Armoede\n\nZie [de site](http://x).\n"
    assert markdown_text(md) == "Programma 2 Zorg\n\n• Verordening Armoede\n\nZie de site.\n"


def test_inputs_html_keeps_main_content_and_table_rows():
    text = html_text(PAGE)
    assert "Menu navigatie" not in text and "Cookiebeleid" not in text and "alert" not in text
    assert "Programma 2 Zorg en welzijn" in text
    assert "Meldingen doorbraakteam | 48 | 43 |" in text
    assert "• Verordening Maatschappelijke ondersteuning Zwolle 2021" in text


def test_inputs_html_report_builds_with_table_indicators(tmp_path):
    path = tmp_path / "zwolle-2021.html"
    path.write_text(PAGE, encoding="utf-8")
    facts = pipeline.extract_file(path)
    values = {(i.value, i.period) for i in facts.indicators}
    assert {(48, "2021"), (43, "2020")} <= values
    assert any(e.name == "GGD" for e in facts.entities)


def test_inputs_pdf_text_layer_and_offsets(tmp_path):
    pdf = tmp_path / "zwolle-2021.pdf"
    _write_pdf(
        pdf,
        [
            "Programma 2 Zorg en welzijn",
            "",
            "In 2021 is het project Samen Sterk gestart samen met de GGD.",
            "Het doorbraakteam hielp 48 gezinnen.",
        ],
    )
    out = tmp_path / "out"
    report = pipeline.build([pdf], out)
    assert report.built == ["zwolle-2021"] and not report.failed
    text = (out / "text" / "zwolle-2021.txt").read_text(encoding="utf-8")
    facts = pipeline.extract_file(pdf)
    assert facts.text == text
    for e in facts.entities:
        for m in e.mentions:
            assert text[m.start : m.end] == m.text
    assert any(i.value == 48 for i in facts.indicators)


@pytest.mark.parametrize(
    "name,content,reason",
    [
        ("zwolle-2021.txt", b"", "file is empty"),
        ("zwolle-2021.txt", b"\x00\x01\x02\x03binary\x00" * 50, "binary file"),
        ("zwolle-2021.docx", b"PK\x03\x04", "unsupported file type"),
        ("zwolle-2021.pdf", b"%PDF-1.4 this is not really a pdf", "not a readable PDF"),
        (
            "zwolle-2021.txt",
            b"The municipality spent the budget on the youth care "
            b"programme and this is what the council was told. " * 5,
            "not Dutch",
        ),
        (
            "verslag.txt",
            b"Jaarverslag 2021\n\nDe tekst noemt geen plaats en geen gemeente, "
            b"maar gaat wel over zorg.\n",
            "cannot determine the municipality",
        ),
    ],
)
def test_inputs_bad_files_get_a_clear_reason(tmp_path, name, content, reason):
    path = tmp_path / name
    path.write_bytes(content)
    with pytest.raises(InputError, match=reason):
        pipeline.extract_file(path)


def test_inputs_encrypted_pdf(tmp_path):
    pdf = tmp_path / "zwolle-2021.pdf"
    _write_pdf(pdf, ["Programma 2 Zorg"], encrypt="geheim")
    with pytest.raises(InputError, match="encrypted"):
        read_report(pdf)


def _damaged_pdf(tmp_path, old: bytes, new):
    """Two pages, streams uncompressed, with ``old`` replaced by ``new`` (re.sub)."""
    import re

    from reportlab.pdfgen import canvas

    pdf = tmp_path / "zwolle-2021.pdf"
    c = canvas.Canvas(str(pdf), pageCompression=0)
    c.drawString(50, 800, "Programma 2 Zorg")
    c.showPage()
    c.drawString(50, 800, "Het Jongerenloket Oost hielp 40 jongeren.")
    c.save()
    pdf.write_bytes(re.sub(old, new, pdf.read_bytes()))
    return pdf


@pytest.mark.parametrize("error", ["pdfium", "attribute", "recursion"])
def test_inputs_pdf_reader_failures_are_refused_not_a_crash(tmp_path, monkeypatch, error):
    """Whatever PDFium raises on a damaged file is an unreadable PDF, one clear line."""
    import pypdfium2

    raised = {
        "pdfium": pypdfium2.PdfiumError("Failed to load document (PDFium: Data format error)."),
        "attribute": AttributeError("'NoneType' object has no attribute 'get_textpage'"),
        "recursion": RecursionError("maximum recursion depth exceeded"),
    }[error]

    class Broken:
        def __init__(self, *_args, **_kwargs):
            if error == "pdfium":
                raise raised

        def __len__(self):
            return 1

        def __getitem__(self, _index):
            raise raised

        def close(self):
            pass

    pdf = tmp_path / "zwolle-2021.pdf"
    _write_pdf(pdf, ["Programma 2 Zorg"])
    monkeypatch.setattr(pypdfium2, "PdfDocument", Broken)
    with pytest.raises(InputError, match="not a readable PDF"):
        read_report(pdf)


def test_inputs_pdf_damaged_xref_is_still_read(tmp_path):
    """A wrong xref offset is repaired by PDFium; the text is read all the same."""
    pdf = _damaged_pdf(tmp_path, rb"startxref\s+\d+", b"startxref\n12")
    assert "Jongerenloket Oost" in read_report(pdf)


def test_inputs_huge_file_is_refused_without_reading(tmp_path):
    path = tmp_path / "zwolle-2021.txt"
    with open(path, "wb") as f:
        f.truncate(100 * 1024 * 1024)  # a sparse 100 MB file
    with pytest.raises(InputError, match="file too large"):
        read_report(path)


def test_inputs_folder_build_good_and_bad_files(runner, tmp_path):
    src = tmp_path / "in"
    (src / "sub").mkdir(parents=True)
    (src / "zwolle-2021.txt").write_text(DUTCH, encoding="utf-8")
    (src / "sub" / "kampen-2021.md").write_text("## " + DUTCH, encoding="utf-8")
    (src / "leeg-2021.txt").write_text("", encoding="utf-8")
    (src / "notes.csv").write_text("a,b", encoding="utf-8")
    result = runner.invoke(main, ["build", str(src), "--out", str(tmp_path / "out")])
    assert result.exit_code == 1
    assert result.output.count("error:") == 1 and "leeg-2021.txt: file is empty" in result.output
    assert "Traceback" not in result.output and "words/s" not in result.output
    assert "Built 2 document(s)" in result.output
    only_md = runner.invoke(
        main, ["build", str(src), "--include", "*.md", "--out", str(tmp_path / "md")]
    )
    assert only_md.exit_code == 0 and "Built 1 document(s)" in only_md.output


def test_inputs_rebuild_is_byte_identical(tmp_path):
    out = tmp_path / "out"
    pipeline.build(None, out)
    first = {p: (out / p).read_bytes() for p in ("graph.ttl", "graph.html")}
    pipeline.build(None, out)
    assert first == {p: (out / p).read_bytes() for p in ("graph.ttl", "graph.html")}


def _corpus(tmp_path, n):
    src = tmp_path / "many"
    src.mkdir()
    text = pipeline.sample_path().read_text(encoding="utf-8")
    for i in range(n):
        (src / f"lindewaard{i:03d}-2023.txt").write_text(text, encoding="utf-8")
    return src


@pytest.mark.slow
@pytest.mark.parametrize("sig", [signal.SIGKILL, signal.SIGINT])
def test_inputs_interrupted_build_keeps_previous_outputs(tmp_path, sig):
    out = tmp_path / "out"
    pipeline.build(None, out)
    before = (out / "graph.ttl").read_bytes(), (out / "graph.html").read_bytes()
    src = _corpus(tmp_path, 60)
    proc = subprocess.Popen(
        [sys.executable, "-m", "kg.cli", "build", str(src), "--out", str(out)],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        start_new_session=True,
    )
    deadline = time.time() + 60
    while not list((out / "text").glob("lindewaard0*")) and time.time() < deadline:
        time.sleep(0.05)
    if sig == signal.SIGINT:
        os.killpg(proc.pid, sig)  # Ctrl-C reaches the whole foreground group
    else:
        os.kill(proc.pid, sig)  # kill -9 of the build process; its workers die with it
    _, err = proc.communicate(timeout=60)
    assert proc.returncode != 0
    if sig == signal.SIGINT:
        assert b"interrupted" in err and b"Traceback" not in err
    assert ((out / "graph.ttl").read_bytes(), (out / "graph.html").read_bytes()) == before
    variables, rows = kgstore.query_table(out, "SELECT (COUNT(*) AS ?n) WHERE { ?s ?p ?o }")
    assert int(rows[0][0]) > 0
    report = pipeline.build(None, out, force=True)  # the store is still writable
    assert sorted(report.built) == ["beekdal-2022", "lindewaard-2023"]


@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.text(max_size=400))
def test_inputs_pipeline_never_crashes_on_unicode(tmp_path_factory, text):
    doc = Document(
        "fuzz", tmp_path_factory.getbasetemp() / "fuzz.txt", text, "Zwolle", "GM0193", 2021
    )
    facts = pipeline.extract_document(doc)
    for e in facts.entities:
        for m in e.mentions:
            assert text[m.start : m.end] == m.text


@settings(
    max_examples=40,
    deadline=None,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.function_scoped_fixture],
)
@given(st.binary(max_size=400))
def test_inputs_reader_never_crashes_on_bytes(tmp_path, data):
    path = tmp_path / "zwolle-2021.txt"
    path.write_bytes(data)
    try:
        pipeline.extract_file(path)
    except KGError:
        pass


def test_inputs_pdf_pages_reach_the_graph_the_json_and_the_trace(tmp_path, runner):
    """A fact on the second page of a PDF says page 2: in the graph (gkg:page), in kg
    extract's JSON and in the trace query; a text file's facts carry no page."""
    import json

    from reportlab.pdfgen import canvas

    pdf = tmp_path / "zwolle-2021.pdf"
    c = canvas.Canvas(str(pdf))
    c.drawString(50, 800, "Programma 2 Zorg en welzijn")
    c.drawString(50, 780, "De gemeente Zwolle werkt aan goede zorg voor alle inwoners.")
    c.showPage()
    c.drawString(50, 800, "Het doorbraakteam werkt samen met de GGD en hielp 48 gezinnen.")
    c.save()
    out = tmp_path / "out"
    assert not pipeline.build([pdf], out).failed
    from kg.outputs.validation import validate_store

    result = validate_store(out)  # gkg:page's datatype as the store keeps it
    assert result.conforms, result.failures[:1]
    _, rows = kgstore.query_table(
        out,
        "PREFIX gkg: <https://w3id.org/gemeente-kg/def#> "
        "PREFIX nif: <http://persistence.uni-leipzig.org/nlp2rdf/ontologies/nif-core#> "
        "SELECT ?text ?page WHERE { GRAPH ?g { ?m nif:anchorOf ?text ; gkg:page ?page } }",
    )
    pages = {str(r[0]): int(r[1]) for r in rows}
    assert pages["doorbraakteam"] == 2 and pages["GGD"] == 2 and pages["48"] == 2
    assert pages["Programma 2 Zorg en welzijn"] == 1
    result = runner.invoke(main, ["extract", str(pdf), "--json-out", str(tmp_path / "j")])
    assert result.exit_code == 0, result.output
    data = json.loads((tmp_path / "j" / "zwolle-2021.json").read_text())
    team = next(e for e in data["entities"] if e["name"] == "doorbraakteam")
    assert team["pages"] == [2]
    assert [i["pages"] for i in data["indicators"] if i["value"] == 48] == [[2]]
    trace = runner.invoke(
        main, ["query", "--name", "trace", "--param", "entity=doorbraakteam", "--out", str(out)]
    )
    assert trace.exit_code == 0 and "zwolle-2021.pdf" in trace.output
    txt = tmp_path / "zwolle-2021.txt"
    txt.write_text(DUTCH, encoding="utf-8")
    plain = pipeline.extract_file(txt)
    assert all(m.page == 0 for e in plain.entities for m in e.mentions)


def test_inputs_html_and_markdown_headings_are_the_programme_tree(tmp_path):
    """An HTML page's and a Markdown file's own headings are blocks with their level, and
    the programme tree is read from them: the programme heading, the next heading type
    under it as its sections, the fixed questions and notes below that not."""
    body = "In 2021 werkte de gemeente met de buurtteams aan betere ondersteuning van inwoners."
    html = (
        "<html><body><main><h1>Programma 3 Sociaal domein</h1>"
        f"<h2>Wat willen we bereiken?</h2><p>{body}</p>"
        f"<h2>Jeugd</h2><h3>Toelichting</h3><p>{body}</p>"
        f"<h2>Werk en inkomen</h2><p>{body}</p></main></body></html>"
    )
    md = (
        f"# Programma 3 Sociaal domein\n\n## Wat willen we bereiken?\n\n{body}\n\n"
        f"## Jeugd\n\n### Toelichting\n\n{body}\n\n## Werk en inkomen\n\n{body}\n"
    )
    for name, content in (("zwolle-2021.html", html), ("zwolle-2021.md", md)):
        path = tmp_path / name
        path.write_text(content, encoding="utf-8")
        document = read_document(path)
        headings = [
            (b.level, document.text[b.start : b.end])
            for b in document.blocks
            if b.role == "heading"
        ]
        assert headings[:3] == [
            (1, "Programma 3 Sociaal domein"),
            (2, "Wat willen we bereiken?"),
            (2, "Jeugd"),
        ], name
        facts = pipeline.extract_document(document)
        names = {e.id: e.name for e in facts.entities}
        tree = sorted(
            (names[r.subject], names[r.object])
            for r in facts.relations
            if r.predicate == "hasSubProgramme"
        )
        assert tree == [("Sociaal domein", "Jeugd"), ("Sociaal domein", "Werk en inkomen")], name
