import logging

import pytest

from kg.document import read_document
from kg.errors import InputError, MunicipalityError


@pytest.mark.parametrize(
    "stem,name,code,year",
    [
        ("nijmegen-2020", "Nijmegen", "GM0268", 2020),
        ("den-haag-2020", "'s-Gravenhage", "GM0518", 2020),
        ("s-hertogenbosch-2019", "'s-Hertogenbosch", "GM0796", 2019),
        ("berg-en-dal-2021-concept", "Berg en Dal", "GM1945", 2021),
        ("de-bilt-2022", "De Bilt", "GM0310", 2022),
        ("nuenen-gerwen-en-nederwetten-2020", "Nuenen, Gerwen en Nederwetten", "GM0820", 2020),
        ("bergen-nh-2021", "Bergen (NH.)", "GM0373", 2021),
    ],
)
def test_document_municipality_and_year_from_file_name(tmp_path, stem, name, code, year):
    path = tmp_path / f"{stem}.txt"
    path.write_text("Sociaal domein\n\nDe gemeente werkt samen met partners.", encoding="utf-8")
    doc = read_document(path)
    assert (doc.municipality, doc.municipality_code, doc.year) == (name, code, year)


def test_document_flags_override_file_name(tmp_path):
    path = tmp_path / "nijmegen-2020.txt"
    path.write_text("tekst", encoding="utf-8")
    doc = read_document(path, municipality="Den Bosch", year=2022)
    assert (doc.municipality, doc.year) == ("'s-Hertogenbosch", 2022)


def test_document_unknown_municipality_is_accepted_with_warning(tmp_path, caplog):
    path = tmp_path / "lindewaard-2023.txt"
    path.write_text("tekst", encoding="utf-8")
    with caplog.at_level(logging.WARNING):
        doc = read_document(path)
    assert doc.municipality == "Lindewaard" and doc.municipality_code is None
    assert "not in the CBS list" in caplog.text


def test_document_detects_municipality_and_year_from_text(tmp_path):
    path = tmp_path / "verslag.txt"
    path.write_text(
        "Jaarverslag 2021\n\nDe gemeente Zwolle werkt samen met de GGD.", encoding="utf-8"
    )
    doc = read_document(path)
    assert (doc.municipality, doc.year) == ("Zwolle", 2021)


def test_document_undeterminable_municipality_is_an_error(tmp_path):
    path = tmp_path / "verslag.txt"
    path.write_text("Jaarverslag 2021\n\nEen tekst zonder plaatsnaam.", encoding="utf-8")
    with pytest.raises(MunicipalityError, match="--municipality"):
        read_document(path)


@pytest.mark.parametrize(
    "content,message", [(b"", "empty"), (b"  \n ", "empty"), (b"\x00\x01\x02binary", "binary")]
)
def test_document_bad_files_are_errors(tmp_path, content, message):
    path = tmp_path / "nijmegen-2020.txt"
    path.write_bytes(content)
    with pytest.raises(InputError, match=message):
        read_document(path)


def test_document_unsupported_type(tmp_path):
    path = tmp_path / "nijmegen-2020.docx"
    path.write_bytes(b"PK")
    with pytest.raises(InputError, match="unsupported"):
        read_document(path)


def test_document_bom_and_cp1252(tmp_path):
    a = tmp_path / "nijmegen-2020.txt"
    a.write_bytes("\ufeffCaf\u00e9 zorg".encode())
    assert read_document(a).text == "Caf\u00e9 zorg"
    b = tmp_path / "arnhem-2020.txt"
    b.write_bytes("Caf\u00e9 \u20ac 5".encode("cp1252"))
    assert read_document(b).text == "Caf\u00e9 \u20ac 5"


@pytest.mark.parametrize(
    "text,name",
    [
        (
            "Jaarverslag 2021\n\nGemeente Zwolle\n\n"
            "In Huizen van het Dorp ontmoeten inwoners elkaar."
            " Ook in Huizen van het Dorp Noord.",
            "Zwolle",
        ),
        (
            "Sociaal domein Kampen 2022\n\n"
            "Dit jaar werkten Kampen en Zwolle samen aan de jeugdhulp.",
            "Kampen",
        ),
    ],
)
def test_document_municipality_from_text_weighs_every_signal(tmp_path, text, name):
    path = tmp_path / "verslag.txt"
    path.write_text(text, encoding="utf-8")
    assert read_document(path).municipality == name


@pytest.mark.parametrize(
    "text",
    [
        "Jaarverslag 2021\n\nIn Huizen van het Dorp ontmoeten inwoners elkaar.",
        "Jaarverslag 2021\n\n"
        "De regio: Kampen, Zwolle en Deventer werken samen met Kampen en Zwolle.",
    ],
)
def test_document_municipality_from_text_prefers_no_answer_to_a_guess(tmp_path, text):
    path = tmp_path / "verslag.txt"
    path.write_text(text, encoding="utf-8")
    with pytest.raises(MunicipalityError, match="--municipality"):
        read_document(path)
