"""kg.search: how names are matched when a user types them (case, accents, words, Dutch
stems)."""

from hypothesis import given
from hypothesis import strategies as st

from kg import queries as named
from kg.search import longest_word, search_key, search_words, stem, stem_key


def test_search_key_folds_case_accents_and_space():
    assert search_key("  Café   Sociaal ") == "cafe sociaal"
    assert search_key("ÉÉN Loket") == "een loket"
    assert search_key("IJsselland") == "ijsselland"


def test_search_key_has_no_capitals_made_by_decomposition():
    # found by the fuzzer: '™' decomposes to 'TM' after case folding
    assert search_key("Pilot™ Oost") == "pilottm oost"
    assert search_key("Ⅻ ㎒") == "xii mhz"


@given(st.text())
def test_search_words_are_single_lower_case_words(text):
    for word in search_words(text):
        assert word and word == word.casefold() and not any(c.isspace() for c in word)
        assert not any("A" <= c <= "Z" for c in word)


def test_search_words_and_longest_word():
    assert search_words("Wijkteam Noord-Oost") == ["wijkteam", "noord", "oost"]
    assert search_words("Café Sociaal 2.0") == ["cafe", "sociaal", "2", "0"]
    assert longest_word("het Sociaal Wijkteam") == "wijkteam"
    assert longest_word("JIP Stips") == "stips"
    assert longest_word(" - ") == ""


def test_search_stems_and_stem_keys():
    assert stem("wijkteams") == stem("wijkteam") == "wijkteam"
    assert stem_key("Sociale Wijkteams") == stem_key("sociale wijkteam")
    assert (
        named.fill('W="{{e|stem}}" K="{{e|stemkey}}"', {"e": "de Huisjes"})
        == 'W="huis" K="de huis"'
    )
