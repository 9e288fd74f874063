"""Comparing two actor names across reports: transliterations, articles, titles and acronyms.

A name is read once into a `NameForm` (rigour's name analysis: tokens, phonetic keys), with the
words that never tell two names apart set aside (titles, connectors such as "al-", generic
organisation words; the lists are data, in actor_words.yaml). `compare_names` runs small pure
feature functions in order; each returns a score or None, and its docstring is the explanation a
user sees. The same function scores the gold pairs (tests, bench) and resolves entities.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from functools import lru_cache
from importlib import resources
from itertools import groupby
from typing import Any

import yaml
from rapidfuzz import fuzz
from rigour.names import (
    NamePart,
    NamePartTag,
    NameTypeTag,
    analyze_names,
    compare_parts,
    remove_person_prefixes,
)

from warnline.catalogue import is_acronym, normalise_name

PERSON = "person"
ORGANISATION = "organization"
# Two names at or above this score are one actor.
MATCH_THRESHOLD = 0.85
# Tokens that sound alike (same metaphone key, same first letter) are transliterations of one
# word unless rigour scores them higher: Sayf/Seif, Adl/Adel, Qaida/Qaeda.
_SOUND_ALIKE = 0.9
_ACRONYM_SCORE = 0.9
_FOLDED_CLOSENESS = 0.75
# A bare family name ("Baradar") is the fuller person name it ends, if nothing else fits.
_BARE_NAME_SCORE = 0.86
_MIN_PART_SCORE = 0.5
_ACRONYM_MAX_LETTERS = 8
_WORDS_FILE = "actor_words.yaml"


@dataclass(frozen=True)
class Words:
    titles: frozenset[str]
    connectors: frozenset[str]
    generic: frozenset[str]
    spelling_folds: tuple[tuple[str, str], ...]


@lru_cache(maxsize=1)
def load_words() -> Words:
    """The words name matching sets aside (actor_words.yaml), read once."""
    text = resources.files(__package__).joinpath(_WORDS_FILE).read_text(encoding="utf-8")
    data: dict[str, Any] = yaml.safe_load(text)
    lists = {
        key: frozenset(str(word).casefold() for word in data[key])
        for key in ("titles", "connectors", "generic")
    }
    folds = tuple((str(old), str(new)) for old, new in data["spelling_folds"])
    return Words(**lists, spelling_folds=folds)


@dataclass(frozen=True)
class NameForm:
    """One name read for comparison: its distinctive parts, in order, and its acronym shapes."""

    text: str
    person: bool
    parts: tuple[NamePart, ...]
    acronym: str | None
    initials: frozenset[str]

    @property
    def tokens(self) -> tuple[str, ...]:
        return tuple(part.form for part in self.parts)


@dataclass(frozen=True)
class NameMatch:
    """How alike two names are (0–1), why, and whether it rests on a bare family name."""

    score: float
    detail: str
    bare_name: bool = False

    @property
    def same(self) -> bool:
        return self.score >= MATCH_THRESHOLD


def name_key(text: str) -> str:
    """The key an analyst's decision is kept under: the catalogue's normalised name."""
    return normalise_name(text)


def is_person(kind: str) -> bool:
    return kind == PERSON


@lru_cache(maxsize=262144)
def name_form(text: str, kind: str) -> NameForm:
    """Read a name of an entity of this kind (person or any organisation kind)."""
    person = is_person(kind)
    words = load_words()
    written = remove_person_prefixes(text) if person else text
    type_tag = NameTypeTag.PER if person else NameTypeTag.ORG
    analysed = analyze_names(type_tag, [written], consolidate=False, rewrite=False, symbols=False)
    all_parts: list[NamePart] = sorted(
        (part for name in analysed for part in name.parts), key=lambda part: part.index
    )
    kept = _distinctive_parts(all_parts, person, words)
    compact = "".join(c for c in text if c.isalnum())
    acronym = compact if not person and _looks_like_acronym(text, compact) else None
    return NameForm(
        text=text,
        person=person,
        parts=tuple(kept),
        acronym=acronym.upper() if acronym else None,
        initials=_initials(all_parts, words) if not person else frozenset(),
    )


def _distinctive_parts(parts: list[NamePart], person: bool, words: Words) -> list[NamePart]:
    kept = [
        part
        for part in parts
        if part.tag != NamePartTag.STOP
        and part.form not in words.connectors
        and (person or part.form not in words.generic)
    ]
    if person:
        while len(kept) > 1 and kept[0].form in words.titles:
            kept = kept[1:]
    # A name made only of set-aside words is compared on all of them.
    return kept or parts


def _looks_like_acronym(text: str, compact: str) -> bool:
    letters = [c for c in compact if c.isalpha()]
    if " " in text.strip() or not 2 <= len(letters) <= _ACRONYM_MAX_LETTERS:
        return False
    return is_acronym(text) or all(c.isupper() for c in letters)


def _initials(parts: list[NamePart], words: Words) -> frozenset[str]:
    """The acronyms a multi-word organisation name may go by: with and without its particles."""
    if len(parts) < 2:
        return frozenset()
    forms = [part.form for part in parts]
    shapes = (
        forms,
        [f for f in forms if f not in words.connectors or f == "al"],
        [f for f in forms if f not in words.connectors],
        [f for f in forms if f not in words.connectors and f not in words.generic],
    )
    return frozenset("".join(f[0] for f in shape).upper() for shape in shapes if len(shape) > 1)


def blocking_keys(form: NameForm) -> frozenset[str]:
    """Keys two names that might match share: a part's sound (or form), its folded spelling,
    an acronym shape."""
    keys = {f"p:{part.metaphone or part.form}" for part in form.parts}
    keys.update(f"s:{spelling_key(part.form)}" for part in form.parts)
    if form.acronym:
        keys.add(f"a:{form.acronym}")
    keys.update(f"a:{shape}" for shape in form.initials)
    return frozenset(keys)


# --- Features: each a pure function; its docstring is what a user reads. -----------------


def same_name(left: NameForm, right: NameForm) -> float | None:
    """same name once case, articles and titles are set aside"""
    return 1.0 if left.tokens == right.tokens and left.tokens else None


def acronym_of(left: NameForm, right: NameForm) -> float | None:
    """one name is the other's acronym"""
    if left.acronym and left.acronym in right.initials:
        return _ACRONYM_SCORE
    if right.acronym and right.acronym in left.initials:
        return _ACRONYM_SCORE
    return None


def bare_family_name(left: NameForm, right: NameForm) -> float | None:
    """a bare family name that ends the fuller person name"""
    if not (left.person and right.person):
        return None
    short, full = sorted((left, right), key=lambda form: len(form.parts))
    if len(short.parts) != 1 or len(full.parts) < 2:
        return None
    # A lone name, like a lone person name, needs its folded spelling to agree (or rigour's
    # own score to be high): "Khomeini" does not end "Ali Khamenei".
    if _part_similarity(short.parts[0], full.parts[-1], strict=True) >= MATCH_THRESHOLD:
        return _BARE_NAME_SCORE
    return None


def rigour_comparison(left: NameForm, right: NameForm) -> float | None:
    """rigour name comparison"""
    if not left.parts or not right.parts:
        return None
    return round(_aligned_score(left.parts, right.parts, person=left.person), 2)


Feature = Callable[[NameForm, NameForm], float | None]
FEATURES: tuple[Feature, ...] = (same_name, acronym_of, bare_family_name, rigour_comparison)


def explain(feature: Feature) -> str:
    return (feature.__doc__ or feature.__name__).strip()


def compare_names(left: NameForm, right: NameForm) -> NameMatch:
    """How alike two names are; a person's name is never compared with an organisation's."""
    if left.person != right.person:
        return NameMatch(0.0, "a person and an organisation are never one actor")
    best = NameMatch(0.0, "no part of the names matches")
    for feature in FEATURES:
        score = feature(left, right)
        if score is None:
            continue
        detail = explain(feature)
        if feature is rigour_comparison:
            detail = f"{detail} {score:.2f}"
        if score > best.score:
            best = NameMatch(score, detail, bare_name=feature is bare_family_name)
        if score >= MATCH_THRESHOLD:
            break
    return best


def compare_texts(left: str, left_kind: str, right: str, right_kind: str) -> NameMatch:
    """`compare_names` on two names as written, with their entity kinds."""
    return compare_forms(name_form(left, left_kind), name_form(right, right_kind))


def compare_forms(left: NameForm, right: NameForm) -> NameMatch:
    """`compare_names`, remembered: the same two names meet again and again across reports."""
    return _compare_remembered(left.text, left.person, right.text, right.person)


@lru_cache(maxsize=262144)
def _compare_remembered(left: str, left_person: bool, right: str, right_person: bool) -> NameMatch:
    return compare_names(
        name_form(left, PERSON if left_person else ORGANISATION),
        name_form(right, PERSON if right_person else ORGANISATION),
    )


def _aligned_score(
    left: tuple[NamePart, ...], right: tuple[NamePart, ...], *, person: bool
) -> float:
    """Share of both names' parts accounted for: same or sound-alike parts are paired first,
    and rigour's residue comparison scores what is left (it allows token merges and splits)."""
    # A lone person name has no other part to confirm that two spellings are one word (Khamenei is
    # not Khomeini): it needs the folded spellings to agree.
    strict = person and len(left) == len(right) == 1
    pairs = sorted(
        (
            (_pair_similarity(a, b, strict=strict), i, j)
            for i, a in enumerate(left)
            for j, b in enumerate(right)
        ),
        reverse=True,
    )
    used_left: set[int] = set()
    used_right: set[int] = set()
    mass = 0.0
    for score, i, j in pairs:
        if score < _SOUND_ALIKE or i in used_left or j in used_right:
            continue
        used_left.add(i)
        used_right.add(j)
        mass += 2 * score
    rest_left = [p for i, p in enumerate(left) if i not in used_left]
    rest_right = [p for j, p in enumerate(right) if j not in used_right]
    if rest_left and rest_right:
        for alignment in compare_parts(rest_left, rest_right):
            if alignment.qps and alignment.rps and alignment.score >= _MIN_PART_SCORE:
                mass += alignment.score * (len(alignment.qps) + len(alignment.rps))
    return mass / (len(left) + len(right))


def _pair_similarity(a: NamePart, b: NamePart, *, strict: bool = False) -> float:
    """Same part, or two spellings of one word: the same once the vowel spellings that
    transliterations trade are folded (Yahya/Yehia), or the same metaphone key and first letter
    and close once folded (rapidfuzz ratio). `strict` asks for the folded spellings to agree."""
    if a.form == b.form:
        return 1.0
    folded_a, folded_b = spelling_key(a.form), spelling_key(b.form)
    if folded_a == folded_b:
        return _SOUND_ALIKE
    if strict or not (a.metaphone and a.metaphone == b.metaphone and a.form[0] == b.form[0]):
        return 0.0
    closeness = fuzz.ratio(folded_a, folded_b) / 100
    return _SOUND_ALIKE if closeness >= _FOLDED_CLOSENESS else 0.0


@lru_cache(maxsize=65536)
def spelling_key(form: str) -> str:
    """A name part with its vowel spellings folded and doubled letters written once."""
    for old, new in load_words().spelling_folds:
        form = form.replace(old, new)
    return "".join(letter for letter, _ in groupby(form))


def _part_similarity(a: NamePart, b: NamePart, *, strict: bool = False) -> float:
    """One part against another: same or sound-alike, else rigour's score for the pair."""
    alike = _pair_similarity(a, b, strict=strict)
    if alike:
        return alike
    scores = [al.score for al in compare_parts([a], [b]) if al.qps and al.rps]
    return max(scores, default=0.0)
