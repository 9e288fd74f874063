"""Place mentions in a spaCy Doc: where a place is named, and what the words around it say.

A mention comes from the dateline, from a spaCy place entity (GPE, LOC, FAC), from another
entity the tagger mislabelled ("Jilib" as PERSON, "Abyan" as NORP), or from a run of capitalised
words the tagger missed; the last two are "weak" and kept only if the gazetteer backs them up
(the geocoder decides). Each mention also records:

- a feature word written with the name: "Panjshir Valley" (kept in the name), "Kunar province",
  "Kunar and Nangarhar provinces" (left out of the name, but the unit is preferred);
- a "near" cue before it ("near Jilib", "outside Kandahar"): ACLED geo_precision 2;
- a name the tagger cut short: "Mazar" followed by "-i-Sharif" is "Mazar-i-Sharif".
"""

from __future__ import annotations

import bisect
import re
from collections import Counter
from dataclasses import dataclass
from functools import lru_cache
from typing import TYPE_CHECKING

from warnline.catalogue.gazetteer import Gazetteer
from warnline.catalogue.gazetteer_data import FeatureWord, load_place_data
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


@dataclass(frozen=True)
class PlaceMention:
    """One place name in the text, with what its surroundings say."""

    text: str
    span: Span
    sentence: int
    strong: bool
    lookup: str
    feature: FeatureWord | None = None
    near: bool = False
    dateline_part: int | None = None


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
    overlap the spans already taken (the dateline, vague regions)."""
    labels = load_vocab().place_labels
    starts = sentence_starts(doc)
    found: list[PlaceMention] = []
    claimed = list(taken)
    for ent in doc.ents:
        if ent.label_ not in labels and ent.label_ not in WEAK_LABELS:
            continue
        if _overlaps(claimed, (ent.start_char, ent.end_char)):
            continue
        mention = _mention(doc, ent, ent.label_ in labels, starts, gazetteer)
        if mention is not None:
            found.append(mention)
            claimed.append(mention.span)
    found.extend(_sweep(doc, claimed, starts, gazetteer))
    return sorted(found, key=lambda m: m.span)


def nationality_votes(doc: Doc, gazetteer: Gazetteer) -> Counter[str]:
    """Countries named by nationality words ("an Afghan official"): not places, but they say
    which country a report is about."""
    votes: Counter[str] = Counter()
    for ent in doc.ents:
        if ent.label_ != "NORP":
            continue
        entries = gazetteer.lookup(ent.text)
        countries = {e.country for e in entries if e.kind == "country" and e.country}
        if len(countries) == 1 and all(
            e.matched == "demonym" for e in entries if e.kind == "country"
        ):
            votes[countries.pop()] += 1
    return votes


def _mention(
    doc: Doc, ent: DocSpan, strong: bool, starts: list[int], gazetteer: Gazetteer
) -> PlaceMention | None:
    cleaned = clean_mention(ent.text, ent.start_char)
    if cleaned is None:
        return None
    start, end = cleaned[1]
    last = doc.char_span(start, end, alignment_mode="expand")
    if last is None:
        return None
    end = _extend(doc, start, last.end, gazetteer)
    return _with_feature(doc, start, end, strong, starts)


def _extend(doc: Doc, start: int, token_end: int, gazetteer: Gazetteer) -> int:
    """The end of the longest known name that starts where the mention does and runs on over
    attached or capitalised tokens ("Mazar" + "-i-Sharif"); the mention's end otherwise."""
    best = doc[token_end - 1].idx + len(doc[token_end - 1].text)
    for end in range(token_end, min(token_end + _EXTEND_TOKENS, len(doc))):
        token = doc[end]
        attached = not doc[end - 1].whitespace_
        if not (attached or token.text[:1].isupper()) or token.is_sent_start:
            break
        candidate_end = token.idx + len(token.text)
        wordlike = any(ch.isalpha() for ch in token.text)
        if wordlike and gazetteer.lookup(doc.text[start:candidate_end]):
            best = candidate_end
    return best


def _with_feature(doc: Doc, start: int, end: int, strong: bool, starts: list[int]) -> PlaceMention:
    """The mention with its feature word: inside the name ("Panjshir Valley"), or after it
    ("Kunar province", "Kunar and Nangarhar provinces")."""
    words = load_place_data().feature_words
    text = doc.text[start:end]
    head, feature = _split_feature(text, words)
    lookup = head or text
    if feature is not None and not feature.keep:
        end, text = start + len(head), head
    if feature is None:
        feature, keep_end = _feature_after(doc, end, words)
        if feature is not None and feature.keep and keep_end is not None:
            end, text = keep_end, doc.text[start:keep_end]
    return PlaceMention(
        text=text,
        span=(start, end),
        sentence=sentence_of(starts, start),
        strong=strong,
        lookup=lookup,
        feature=feature,
        near=_is_near(doc.text, start),
    )


def _split_feature(text: str, words: dict[str, FeatureWord]) -> tuple[str, FeatureWord | None]:
    """("Panjshir", valley) for "Panjshir Valley"; ("", None) when no feature word ends it."""
    lower = text.lower()
    for word in sorted(words, key=len, reverse=True):
        for form in (word, word + "s"):
            if lower.endswith(" " + form) and len(text) > len(form) + 1:
                return text[: -len(form) - 1].rstrip(), words[word]
    return "", None


def _feature_word(word: str, words: dict[str, FeatureWord]) -> FeatureWord | None:
    lower = word.lower()
    return words.get(lower) or (words.get(lower[:-1]) if lower.endswith("s") else None)


def _feature_after(
    doc: Doc, end: int, words: dict[str, FeatureWord]
) -> tuple[FeatureWord | None, int | None]:
    """A feature word after the name, over joined names ("Kunar and Nangarhar provinces");
    with the end of the word when it is right after the name."""
    following = doc.char_span(end, len(doc.text), alignment_mode="expand")
    if following is None:
        return None, None
    for n, token in enumerate(following[:_LOOKAHEAD_TOKENS]):
        feature = _feature_word(token.text, words)
        if feature is not None:
            return feature, (token.idx + len(token.text) if n == 0 else None)
        if token.lower_ not in _JOINERS and not (token.ent_type_ and token.text[:1].isupper()):
            return None, None
    return None, None


@lru_cache(maxsize=1)
def _near_pattern() -> re.Pattern[str]:
    cues = sorted(load_place_data().near_cues, key=len, reverse=True)
    alternatives = "|".join(re.escape(c).replace(r"\ ", r"\s+") for c in cues)
    return re.compile(rf"(?i)(?<![\w-])(?:{alternatives})\s+(?:the\s+)?(?:town\s+of\s+)?$")


def _is_near(text: str, start: int) -> bool:
    """True when a "near" cue ("near", "outside", "20 km north of") ends right before."""
    return _near_pattern().search(text[max(0, start - 40) : start]) is not None


def _overlaps(spans: list[Span], span: Span) -> bool:
    return any(span[0] < end and start < span[1] for start, end in spans)


def _sweep(
    doc: Doc, claimed: list[Span], starts: list[int], gazetteer: Gazetteer
) -> list[PlaceMention]:
    """Runs of capitalised proper nouns outside every entity that name a known place, as weak
    mentions ("the Swat Valley" when the tagger saw nothing there)."""
    found: list[PlaceMention] = []
    run: list[Token] = []
    for token in [*doc, None]:
        if token is not None and _sweepable(token) and not token.ent_type_:
            run.append(token)
            continue
        if run:
            mention = _run_mention(doc, run, claimed, starts, gazetteer)
            if mention is not None:
                found.append(mention)
        run = []
    return found


def _sweepable(token: Token) -> bool:
    return (
        token.text[:1].isupper()
        and token.is_alpha
        and not token.is_upper
        and token.lower_ not in _SWEEP_SKIP
        and (token.pos_ == "PROPN" or not token.is_sent_start)
    )


def _run_mention(
    doc: Doc, run: list[Token], claimed: list[Span], starts: list[int], gazetteer: Gazetteer
) -> PlaceMention | None:
    start, end = run[0].idx, run[-1].idx + len(run[-1].text)
    if _overlaps(claimed, (start, end)):
        return None
    mention = _with_feature(doc, start, end, False, starts)
    if not gazetteer.lookup(mention.lookup):
        return None
    return mention
