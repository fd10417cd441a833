"""Words for searching: what a typed query becomes, and how found words are marked.

Both databases get the same words from a query: letters and digits only (so no quote, operator,
`*`, `NEAR` or NUL byte of the person's ever reaches the database's query language as syntax),
folded the way the index folds them (lower case, accents off: "Café" and "cafe" are one word),
at most MAX_TERMS words of at most MAX_TERM_CHARS each. Every word is searched as a prefix:
"koff" finds "Koffie-ochtend".
"""
from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterable

from markupsafe import Markup, escape

MAX_QUERY_CHARS = 100   # what the search field takes; longer is answered with a message
MAX_TERMS = 8
MAX_TERM_CHARS = 40
SNIPPET_CHARS = 180

# A word: letters and digits of any script (not the underscore, which \w would include).
WORD = re.compile(r"[^\W_]+")


def fold(text: str) -> str:
    """Lower case without accents or other combining marks (é → e, İ → i, Arabic harakat off),
    in NFC. Both sides of a comparison are folded the same way."""
    decomposed = unicodedata.normalize("NFD", str(text).lower())
    return unicodedata.normalize("NFC", "".join(char for char in decomposed if not unicodedata.combining(char)))


def words(text: str) -> str:
    """A text as the words a query can find: folded, letters and digits, one space between."""
    return " ".join(WORD.findall(fold(text)))


def query_terms(query: str) -> list[str]:
    """The words of a typed query, folded, without repeats, bounded in number and length."""
    terms: list[str] = []
    for word in WORD.findall(fold(query[: MAX_QUERY_CHARS * 2])):
        word = word[:MAX_TERM_CHARS]
        if word not in terms:
            terms.append(word)
        if len(terms) == MAX_TERMS:
            break
    return terms


def matches(word: str, terms: Iterable[str]) -> bool:
    folded = fold(word)
    return any(folded.startswith(term) for term in terms)


def all_terms_in(words: Iterable[str], terms: list[str]) -> bool:
    """Whether every term starts one of the words (the AND the databases apply too)."""
    folded = [fold(word) for text in words for word in WORD.findall(text)]
    return bool(terms) and all(any(word.startswith(term) for word in folded) for term in terms)


def highlight(text: str, terms: list[str]) -> Markup:
    """The text, escaped, with each word that a term starts wrapped in <mark>. Escaping comes first:
    the marks are the only markup in the result."""
    parts, last = [], 0
    for found in WORD.finditer(text):
        if matches(found.group(), terms):
            parts.append(escape(text[last:found.start()]))
            parts.append(Markup("<mark>%s</mark>") % found.group())
            last = found.end()
    parts.append(escape(text[last:]))
    return Markup("").join(parts)


def snippet(text: str, terms: list[str], length: int = SNIPPET_CHARS) -> Markup:
    """A piece of a longer text around the first word found, cut between words, marked."""
    text = " ".join(str(text).split())
    if len(text) <= length:
        return highlight(text, terms)
    first = next((found for found in WORD.finditer(text) if matches(found.group(), terms)), None)
    start = 0
    if first is not None and first.end() > length * 2 // 3:
        start = _word_start_before(text, first.start() - length // 3)
    end = _word_end_before(text, start + length)
    piece = highlight(text[start:end], terms)
    return Markup("").join([Markup("… ") if start else "", piece, Markup(" …") if end < len(text) else ""])


def _word_start_before(text: str, position: int) -> int:
    position = max(position, 0)
    space = text.rfind(" ", 0, position)
    return space + 1 if space >= 0 else position


def _word_end_before(text: str, position: int) -> int:
    if position >= len(text):
        return len(text)
    space = text.rfind(" ", 0, position)
    return space if space > 0 else position
