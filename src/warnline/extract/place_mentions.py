"""Place mentions in a spaCy Doc: where a place is named, and what the words around it say.

A mention comes from the dateline, from a spaCy place entity (GPE, LOC, FAC), from another
entity the tagger mislabelled ("Jilib" as PERSON, "Abyan" as NORP), or from a run of capitalised
words the tagger missed ("the town of Barsalogho"); the last two are "weak": the geocoder keeps
them only if the gazetteer backs them up. Each mention also records:

- a feature word written with the name: "Panjshir Valley" (kept in the name), "Kunar province",
  "Kunar and Nangarhar provinces", "the town of Barsalogho" (left out of the name);
- a cue that the name is a place: a locative word before it ("in", "from") or a feature word;
- a "near" cue before it ("near Jilib", "outside Kandahar"): ACLED geo_precision 2;
- a name the tagger cut short: "Mazar" followed by "-i-Sharif" is "Mazar-i-Sharif".
"""

from __future__ import annotations

import bisect
import re
from collections import Counter
from dataclasses import dataclass, replace
from functools import lru_cache
from typing import TYPE_CHECKING

from warnline.catalogue.gazetteer import Gazetteer
from warnline.catalogue.gazetteer_data import FeatureWord, load_place_data
from warnline.extract.doc_text import doc_text
from warnline.extract.spans import Span, clean_mention
from warnline.vocab import load_vocab

if TYPE_CHECKING:
    from spacy.tokens import Doc, Token
    from spacy.tokens import Span as DocSpan

# Entity labels the small model gives place names by mistake; such mentions are weak.
WEAK_LABELS = frozenset({"ORG", "PERSON", "NORP", "PRODUCT", "WORK_OF_ART", "EVENT"})
_EXTEND_TOKENS = 4
_LOOKAHEAD_TOKENS = 8
_JOINERS = frozenset({",", "and", "or", "&"})
_SWEEP_SKIP = frozenset({"the", "a", "an", "in", "on", "at", "of", "and", "or", "but", "for"})
_BEFORE = 48
# Lower-case words inside place names: "Maguindanao del Sur", "Salah al-Din".
_PARTICLES = frozenset({"de", "del", "da", "do", "dos", "das", "la", "le", "el", "al", "ul"})
_POSSESSIVES = frozenset({"'s", "’s", "'", "’"})
# Text between two names of one list: "to Tibú, Ocaña and Cúcuta".
_LIST_GLUE = re.compile(r"^\s*(?:,|,?\s+and|,?\s+or)\s+$")


@dataclass(frozen=True)
class PlaceMention:
    """One place name in the text, with what its surroundings say."""

    text: str
    span: Span
    sentence: int
    strong: bool
    lookup: str
    cued: bool = False
    feature: FeatureWord | None = None
    near: bool = False
    dateline_part: int | None = None


@dataclass(frozen=True)
class _Source:
    """The doc being read, with its text and offsets computed once (`Doc.text` is rebuilt on
    every access)."""

    doc: Doc
    text: str
    starts: list[int]
    token_starts: list[int]
    gazetteer: Gazetteer

    @classmethod
    def of(cls, doc: Doc, gazetteer: Gazetteer) -> _Source:
        return cls(doc, doc_text(doc), sentence_starts(doc), [t.idx for t in doc], gazetteer)

    def token_at(self, position: int) -> int:
        """The index of the first token starting at or after a character offset."""
        return bisect.bisect_left(self.token_starts, position)


def sentence_starts(doc: Doc) -> list[int]:
    """Character offsets where the doc's sentences start (one sentence if it has none)."""
    if not doc.has_annotation("SENT_START"):
        return [0]
    return [sent.start_char for sent in doc.sents]


def sentence_of(starts: list[int], position: int) -> int:
    """The index of the sentence a character offset falls in."""
    return max(bisect.bisect_right(starts, position) - 1, 0)


def dateline_mentions(extra: tuple[tuple[str, Span], ...], starts: list[int]) -> list[PlaceMention]:
    """The dateline's parts as mentions: part 0 is the city, the others its country or unit."""
    return [
        PlaceMention(
            text=name,
            span=span,
            sentence=sentence_of(starts, span[0]),
            strong=True,
            lookup=name,
            dateline_part=part,
        )
        for part, (name, span) in enumerate(extra)
    ]


def entity_mentions(doc: Doc, taken: list[Span], gazetteer: Gazetteer) -> list[PlaceMention]:
    """Mentions from the doc's entities (and capitalised runs the tagger missed) that do not
    overlap the spans already taken (the dateline, vague regions).

    A mislabelled entity the gazetteer does not know gives its words back to the sweep, so
    "Barsalogho" is still found inside the entity "Barsalogho in the Centre-Nord".
    """
    labels = load_vocab().place_labels
    source = _Source.of(doc, gazetteer)
    found: list[PlaceMention] = []
    claimed = list(taken)
    released: set[int] = set()
    for ent in doc.ents:
        if ent.label_ not in labels and ent.label_ not in WEAK_LABELS:
            continue
        if _overlaps(claimed, (ent.start_char, ent.end_char)):
            continue
        strong = ent.label_ in labels
        mention = _mention(source, ent, strong)
        if mention is not None and (strong or _worth_keeping(mention, gazetteer)):
            found.append(mention)
            claimed.append(mention.span)
        elif not strong and not ent.ent_id_:
            released.update(range(ent.start, ent.end))
    found.extend(_sweep(source, claimed, released))
    return _share_cues(source.text, sorted(found, key=lambda m: m.span))


def _share_cues(text: str, mentions: list[PlaceMention]) -> list[PlaceMention]:
    """A cue before a list of names is a cue for each: "to Tibú, Ocaña and Cúcuta"."""
    shared: list[PlaceMention] = []
    for mention in mentions:
        previous = shared[-1] if shared else None
        if (
            previous is not None
            and previous.cued
            and not mention.cued
            and _LIST_GLUE.match(text[previous.span[1] : mention.span[0]])
        ):
            mention = replace(mention, cued=True)
        shared.append(mention)
    return shared


def nationality_votes(doc: Doc, gazetteer: Gazetteer) -> Counter[str]:
    """Countries named by nationality words ("an Afghan official"): not places, but they say
    which country a report is about."""
    votes: Counter[str] = Counter()
    for ent in doc.ents:
        if ent.label_ != "NORP":
            continue
        entries = [e for e in gazetteer.lookup(ent.text) if e.kind == "country"]
        countries = {e.country for e in entries if e.country}
        if len(countries) == 1 and all(e.matched == "demonym" for e in entries):
            votes[countries.pop()] += 1
    return votes


def person_words(doc: Doc) -> frozenset[str]:
    """The words of the doc's person names: "Yerima" tagged as a place after "Mohammed Yerima"
    is the person again."""
    return frozenset(
        word.casefold() for ent in doc.ents if ent.label_ == "PERSON" for word in ent.text.split()
    )


def _worth_keeping(mention: PlaceMention, gazetteer: Gazetteer) -> bool:
    """A weak mention stays if the gazetteer knows the name, or if the words around it say it
    is a place and it is one name (no lower-case words inside)."""
    if gazetteer.lookup(mention.lookup) or gazetteer.lookup(mention.text):
        return True
    return mention.cued and all(w[:1].isupper() for w in mention.lookup.split())


def _mention(source: _Source, ent: DocSpan, strong: bool) -> PlaceMention | None:
    cleaned = clean_mention(ent.text, ent.start_char)
    if cleaned is None or not any(ch.isupper() for ch in cleaned[0]):
        return None
    start, end = cleaned[1]
    token_end = source.token_at(end)
    if token_end == 0:
        return None
    end = _extend(source, start, token_end)
    return _with_feature(source, start, end, strong)


def _extend(source: _Source, start: int, token_end: int) -> int:
    """The end of the longest known name that starts where the mention does and runs on over
    attached or capitalised tokens ("Mazar" + "-i-Sharif"); the mention's end otherwise."""
    doc = source.doc
    best = doc[token_end - 1].idx + len(doc[token_end - 1].text)
    for end in range(token_end, min(token_end + _EXTEND_TOKENS, len(doc))):
        token = doc[end]
        attached = not doc[end - 1].whitespace_
        particle = token.lower_ in _PARTICLES
        if token.text in _POSSESSIVES or token.is_sent_start:
            break
        if not (attached or particle or token.text[:1].isupper()):
            break
        candidate_end = token.idx + len(token.text)
        wordlike = any(ch.isalpha() for ch in token.text)
        if wordlike and source.gazetteer.lookup(source.text[start:candidate_end]):
            best = candidate_end
    return best


def _with_feature(source: _Source, start: int, end: int, strong: bool) -> PlaceMention:
    """The mention with its feature word: inside the name ("Panjshir Valley"), after it
    ("Kunar province", "Kunar and Nangarhar provinces") or before it ("the town of Kaya")."""
    words = load_place_data().feature_words
    text = source.text[start:end]
    head, feature = _split_feature(text, words)
    if feature is not None and _keeps_whole_name(text, head, source.gazetteer):
        head, feature = "", None
    lookup = head or text
    if feature is not None and not feature.keep:
        end, text = start + len(head), head
    if feature is None:
        feature, keep_end = _feature_after(source, end, words)
        if feature is not None and feature.keep and keep_end is not None:
            end, text = keep_end, source.text[start:keep_end]
    before = source.text[max(0, start - _BEFORE) : start]
    prefix = _feature_before(before, words)
    near = _near_pattern().search(before) is not None
    cued = feature is not None or prefix is not None or near or _locative(before)
    return PlaceMention(
        text=text,
        span=(start, end),
        sentence=sentence_of(source.starts, start),
        strong=strong,
        lookup=lookup,
        cued=cued,
        feature=feature or prefix,
        near=near,
    )


def _keeps_whole_name(text: str, head: str, gazetteer: Gazetteer) -> bool:
    """A name ending in a feature word is not split when that is a place's own name ("United
    States", "Mexico City"), or when its head names nothing ("Rift Valley"); "Borno State"
    (an alias) and "Kandahar city" are."""
    whole = gazetteer.lookup(text)
    return any(e.matched == "name" for e in whole) or (bool(whole) and not gazetteer.lookup(head))


def _split_feature(text: str, words: dict[str, FeatureWord]) -> tuple[str, FeatureWord | None]:
    """("Panjshir", valley) for "Panjshir Valley"; ("", None) when no feature word ends it."""
    lower = text.lower()
    for spaced, feature in _endings(words):
        if lower.endswith(spaced) and len(text) > len(spaced):
            return text[: -len(spaced)].rstrip(), feature
    return "", None


_ENDINGS: dict[int, tuple[dict[str, FeatureWord], list[tuple[str, FeatureWord]]]] = {}


def _endings(words: dict[str, FeatureWord]) -> list[tuple[str, FeatureWord]]:
    """(" " + form, feature) for each feature word and its plural, longest word first: made
    once per table, not on each of the many names."""
    cached = _ENDINGS.get(id(words))
    if cached is None or cached[0] is not words:
        ordered = sorted(words, key=len, reverse=True)
        endings = [(f" {form}", words[word]) for word in ordered for form in (word, word + "s")]
        cached = _ENDINGS[id(words)] = (words, endings)
    return cached[1]


def _feature_word(word: str, words: dict[str, FeatureWord]) -> FeatureWord | None:
    lower = word.lower()
    return words.get(lower) or (words.get(lower[:-1]) if lower.endswith("s") else None)


def _feature_after(
    source: _Source, end: int, words: dict[str, FeatureWord]
) -> tuple[FeatureWord | None, int | None]:
    """A feature word after the name, over joined names ("Kunar and Nangarhar provinces");
    with the end of the word when it is right after the name."""
    first = source.token_at(end)
    following = source.doc[first : first + _LOOKAHEAD_TOKENS]
    for n, token in enumerate(following):
        feature = _feature_word(token.text, words)
        if feature is not None:
            return feature, (token.idx + len(token.text) if n == 0 else None)
        if token.lower_ not in _JOINERS and not (token.ent_type_ and token.text[:1].isupper()):
            return None, None
    return None, None


_FEATURE_OF = re.compile(r"(?i)\b([a-z]+)\s+of\s+$")


def _feature_before(before: str, words: dict[str, FeatureWord]) -> FeatureWord | None:
    """The feature word of "the town of", "the district of" right before a name."""
    # The pattern needs "of" and spaces to end the text: most texts are let go without it.
    if before.rstrip()[-2:].lower() != "of":
        return None
    match = _FEATURE_OF.search(before)
    if match is None:
        return None
    feature = words.get(match.group(1).lower())
    return feature if feature is not None and not feature.keep else None


@lru_cache(maxsize=1)
def _near_pattern() -> re.Pattern[str]:
    return _cue_pattern(load_place_data().near_cues)


@lru_cache(maxsize=1)
def _locative_pattern() -> re.Pattern[str]:
    return _cue_pattern(load_place_data().locative_cues)


@lru_cache(maxsize=1)
def _not_locative_pattern() -> re.Pattern[str]:
    return _cue_pattern(load_place_data().not_locative)


def _cue_pattern(cues: tuple[str, ...]) -> re.Pattern[str]:
    ordered = sorted(cues, key=len, reverse=True)
    alternatives = "|".join(re.escape(c).replace(r"\ ", r"\s+") for c in ordered)
    return re.compile(rf"(?i)(?<![\w-])(?:{alternatives})\s+(?:the\s+)?$")


def _locative(before: str) -> bool:
    """True when a word that places what follows ("in", "from") ends right before."""
    return (
        _locative_pattern().search(before) is not None
        and _not_locative_pattern().search(before) is None
    )


def _overlaps(spans: list[Span], span: Span) -> bool:
    return any(span[0] < end and start < span[1] for start, end in spans)


def _sweep(source: _Source, claimed: list[Span], released: set[int]) -> list[PlaceMention]:
    """Runs of capitalised words outside every kept entity that name a known place, or that
    the words around them call a place, as weak mentions."""
    found: list[PlaceMention] = []
    run: list[Token] = []
    for token in [*source.doc, None]:
        free = token is not None and (not token.ent_type_ or token.i in released)
        if token is not None and free and _sweepable(token, run):
            run.append(token)
            continue
        while run and (not run[-1].is_alpha or run[-1].lower_ in _PARTICLES):
            run.pop()
        if run:
            mention = _run_mention(source, run, claimed)
            if mention is not None:
                found.append(mention)
        run = []
        if token is not None and free and _sweepable(token, run):
            run.append(token)
    return found


def _sweepable(token: Token, run: list[Token]) -> bool:
    """A capitalised word, a hyphen joining two ("Centre-Nord") or a particle inside a name
    ("Salah al-Din")."""
    if token.text == "-" and run and not run[-1].whitespace_:
        return True
    if token.lower_ in _PARTICLES and run:
        return True
    return (
        token.text[:1].isupper()
        and token.is_alpha
        and not token.is_upper
        and token.lower_ not in _SWEEP_SKIP
        and (token.pos_ == "PROPN" or not token.is_sent_start)
        and (not run or not run[-1].whitespace_ or run[-1].is_alpha)
    )


def _run_mention(source: _Source, run: list[Token], claimed: list[Span]) -> PlaceMention | None:
    start, end = run[0].idx, run[-1].idx + len(run[-1].text)
    if _overlaps(claimed, (start, end)):
        return None
    mention = _with_feature(source, start, end, False)
    if _worth_keeping(mention, source.gazetteer):
        return mention
    # "Telangana High Court": the longest leading part that names a country or province.
    for last in range(len(run) - 2, -1, -1):
        # Never inside a hyphenated compound: "China" is not a place in "China-Pakistan".
        whole_word = bool(run[last].whitespace_)
        if whole_word and run[last].is_alpha and run[last].lower_ not in _PARTICLES:
            prefix_end = run[last].idx + len(run[last].text)
            known = source.gazetteer.lookup(source.text[start:prefix_end])
            if any(e.kind in ("country", "admin1") for e in known):
                return _with_feature(source, start, prefix_end, False)
    return None
