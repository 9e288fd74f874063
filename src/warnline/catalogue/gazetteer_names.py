"""Name keys for the gazetteer: the spellings a place goes by, folded to one comparable form.

"Mazār-e Sharīf", "Mazar-i-Sharif" and "MAZAR-E-SHARIF" all fold to "mazar e sharif"; "U.S." and
"US" fold to "us"; "‘Adan" to "adan". The same function folds names when the index is built and
mentions when they are looked up, so the two always agree.
"""

from __future__ import annotations

import re
import unicodedata

# Letters that do not decompose into a base letter plus marks.
_LETTERS = str.maketrans(
    {"ı": "i", "ł": "l", "Ł": "l", "ø": "o", "Ø": "o", "đ": "d", "Đ": "d", "ð": "d", "þ": "th"}
    | {"ß": "ss", "æ": "ae", "Æ": "ae", "œ": "oe", "Œ": "oe", "ħ": "h", "ŧ": "t"}
)
# Apostrophes, ayns and hamzas vanish ("Ma‘arrat" = "Maarrat"); dots of abbreviations too.
_SILENT = re.compile(r"[.'’‘`´ʻʼʾʿ′]")
_SEPARATORS = re.compile(r"[^0-9a-z]+")
# The Persian/Dari izafe is written -e-, -i-, e or i: "Mazar-i-Sharif", "Mazar-e Sharif".
_IZAFE = re.compile(r"(?<=\w) (?:i|e|ye|yi) (?=\w)")
_LATIN = re.compile(r"^[0-9a-z ]+$")
# Arabic "hill" (Tall Rif'at, Tell Rifaat, Tal Rifaat) is spelt three ways.
_WORDS = {"tall": "tal", "tell": "tal", "tel": "tal"}


def fold(text: str) -> str:
    """The comparable key of a name: no accents, case, punctuation or izafe spelling left."""
    decomposed = unicodedata.normalize("NFKD", text.translate(_LETTERS))
    bare = "".join(ch for ch in decomposed if not unicodedata.combining(ch))
    bare = _SILENT.sub("", bare.casefold())
    key = " ".join(_WORDS.get(w, w) for w in _SEPARATORS.sub(" ", bare).split())
    return _IZAFE.sub(" e ", key)


def plain(text: str) -> str:
    """The name without accents or ayn/hamza marks, case kept: "Telangāna" -> "Telangana",
    "Şalāḩ ad Dīn" -> "Salah ad Din"."""
    decomposed = unicodedata.normalize("NFKD", text.translate(_LETTERS))
    bare = "".join(ch for ch in decomposed if not unicodedata.combining(ch))
    return re.sub(r"[‘’ʻʼʾʿ]", "", bare).strip()


def is_latin_key(key: str) -> bool:
    """True for keys written in Latin letters: the only ones English reports can match."""
    return bool(key) and _LATIN.match(key) is not None and any(c.isalpha() for c in key)


def strip_generic(key: str, generic: frozenset[str]) -> str | None:
    """The key without leading or trailing generic words ("idlib governorate" -> "idlib"), or
    None when nothing but generic words would be left or nothing was removed."""
    words = key.split()
    start, end = 0, len(words)
    while start < end and words[start] in generic:
        start += 1
    while end > start and words[end - 1] in generic:
        end -= 1
    if start == end or (start == 0 and end == len(words)):
        return None
    # "of" between a generic head and the name: "city of kabul" -> "kabul".
    while start < end and words[start] in {"of", "de", "du", "des", "di", "do", "da", "del"}:
        start += 1
    return " ".join(words[start:end]) or None


def consonant_skeleton(key: str) -> str:
    """The key without vowels, a rough check that two spellings are transliterations of one
    name ("ningarhar" and "nangarhar" -> "nngrhr")."""
    return re.sub(r"[aeiouy ]", "", key)
