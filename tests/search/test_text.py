"""What a typed query becomes, and how found words are marked: without a database."""
from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st

from community.search.text import MAX_TERM_CHARS, MAX_TERMS, fold, highlight, query_terms, snippet


def test_words_are_folded_like_the_index_folds_them():
    assert fold("Café") == "cafe"
    assert fold("İstanbul") == "istanbul"
    assert fold("ÇAY") == "cay"
    assert fold("مَقْهَى") == "مقهى"  # harakat off
    assert fold("Кава") == "кава"


def test_a_query_becomes_letters_and_digits_only():
    assert query_terms('Koffie-ochtend "NEAR" * -tuin OR bieb:*') == ["koffie", "ochtend", "near", "tuin", "or", "bieb"]
    assert query_terms("' OR 1=1 --") == ["or", "1"]
    assert query_terms("a\x00b") == ["a", "b"]
    assert query_terms("😀 🏳️‍🌈 *** \" ( ) & | ! :") == []
    assert query_terms("taal_café") == ["taal", "cafe"]
    assert query_terms("مقهى اللغة") == ["مقهى", "اللغة"]


def test_a_query_is_bounded_in_terms_and_length():
    assert len(query_terms(" ".join(f"woord{n}" for n in range(50)))) == MAX_TERMS
    assert query_terms("x" * 1000) == ["x" * MAX_TERM_CHARS]
    assert query_terms("tuin Tuin TUIN") == ["tuin"]


@settings(max_examples=300, derandomize=True, database=None)
@given(st.text())
def test_any_query_gives_words_that_hold_no_syntax(typed):
    terms = query_terms(typed)
    assert len(terms) <= MAX_TERMS
    for term in terms:
        assert term and len(term) <= MAX_TERM_CHARS
        assert not set(term) & set("\"'*:&|!()-^\\\x00 _")


def test_found_words_are_marked_after_escaping():
    marked = highlight("<b>Koffie</b> & koek in het café", ["koff", "cafe"])
    assert str(marked) == "&lt;b&gt;<mark>Koffie</mark>&lt;/b&gt; &amp; koek in het <mark>café</mark>"


def test_text_that_looks_like_a_mark_is_escaped_too():
    assert str(highlight("<mark>x</mark> tuin", ["tuin"])) == "&lt;mark&gt;x&lt;/mark&gt; <mark>tuin</mark>"


def test_a_long_text_is_cut_between_words_around_the_first_word_found():
    text = " ".join(["woord"] * 60) + " de moestuin achter de school " + " ".join(["woord"] * 60)
    piece = str(snippet(text, ["moestuin"]))
    assert "<mark>moestuin</mark>" in piece
    assert piece.startswith("… ") and piece.endswith(" …")
    assert "woor …" not in piece and "… oord" not in piece
    assert str(snippet("Kort en klein.", ["klein"])) == "Kort en <mark>klein</mark>."
