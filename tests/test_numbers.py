import re

import pytest
from hypothesis import given
from hypothesis import strategies as st

from extractors.numbers import format_number, parse_number, period_in, sub_period, year_mentions


@pytest.mark.parametrize(
    "text,value",
    [
        ("10.182", 10182),
        ("5,6", 5.6),
        ("€500.000", 500000),
        ("667,5", 667.5),
        ("-115.681", -115681),
        ("€ -106.049", -106049),
        ("1,0%", 1.0),
        ("0", 0),
        ("2.282", 2282),
        ("1.234.567,89", 1234567.89),
    ],
)
def test_numbers_parse_dutch_notation(text, value):
    assert parse_number(text) == pytest.approx(value)


@pytest.mark.parametrize("text", ["abc", "", "12.5.3", "1,2,3", "€", "-"])
def test_numbers_parse_rejects_non_numbers(text):
    assert parse_number(text) is None


@pytest.mark.parametrize(
    "text,period",
    [
        ("Rekening 2019", "2019"),
        ("31-12-2019", "2019-12"),
        ("1-1-2019", "2019-01"),
        ("2019/2020", "2019/2020"),
        ("vierde kwartaal 2020", "2020-Q4"),
        ("eind 2018", "2018-12"),
        ("ultimo 2018", "2018-12"),
        ("per 1 januari 2019", "2019-01"),
        ("Toelichting", None),
        ("eerste halfjaar 2021", "2021-H1"),
    ],
)
def test_numbers_period_in(text, period):
    assert period_in(text) == period


def test_numbers_year_mentions_skip_plan_horizons():
    found = [p for _, _, p in year_mentions("visie 2020-2040, in 2019 en per 1 januari 2018")]
    assert found == ["2019", "2018-01"]


@pytest.mark.parametrize(
    "text,sub",
    [("in het vierde kwartaal", "Q4"), ("Q2", "Q2"), ("de tweede helft van", "H2"), ("geen", None)],
)
def test_numbers_sub_period(text, sub):
    assert sub_period(text) == sub


@given(st.integers(min_value=-(10**12), max_value=10**12))
def test_numbers_roundtrip_integers(n):
    assert parse_number(format_number(n)) == n


@given(
    st.decimals(
        min_value=-(10**9), max_value=10**9, places=3, allow_nan=False, allow_infinity=False
    )
)
def test_numbers_roundtrip_decimals(d):
    assert parse_number(format_number(float(d))) == pytest.approx(float(d))


@given(st.text(max_size=40))
def test_numbers_never_crash(text):
    value = parse_number(text)
    assert value is None or isinstance(value, float)
    period = period_in(text)
    assert period is None or re.match(r"\d{4}", period)  # a period starts with its year
    assert all(text[a:b] for a, b, *_ in year_mentions(text))


QUARTER_WORDS = ["eerste", "tweede", "derde", "vierde"]
MONTH_NAMES = [
    "januari",
    "februari",
    "maart",
    "april",
    "mei",
    "juni",
    "juli",
    "augustus",
    "september",
    "oktober",
    "november",
    "december",
]


@given(st.integers(1990, 2040), st.integers(1, 4), st.integers(1, 12), st.integers(1, 28))
def test_numbers_period_round_trips(year, quarter, month, day):
    assert period_in(f"Q{quarter} {year}") == f"{year}-Q{quarter}"
    assert period_in(f"{QUARTER_WORDS[quarter - 1]} kwartaal {year}") == f"{year}-Q{quarter}"
    assert period_in(f"{day}-{month}-{year}") == f"{year}-{month:02d}"
    assert period_in(f"per {day} {MONTH_NAMES[month - 1]} {year}") == f"{year}-{month:02d}"
    assert period_in(f"schooljaar {year}/{year + 1}") == f"{year}/{year + 1}"
    assert period_in(f"ultimo {year}") == f"{year}-12"
