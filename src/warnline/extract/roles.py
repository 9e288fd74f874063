"""Roles of persons ("the NRF's head of foreign relations", "Taliban interior minister X")
and the relations between actors that a report states, each with its sentence span."""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache
from typing import TYPE_CHECKING

from pydantic import BaseModel, ConfigDict

from warnline.extract.doc_text import doc_text
from warnline.extract.word_patterns import has_whole_word, word_then
from warnline.records import Entity, Relation, Role
from warnline.vocab import read_vocab

if TYPE_CHECKING:
    from spacy.tokens import Doc, Token
    from spacy.tokens import Span as SpacySpan

Span = tuple[int, int]
_CAPITAL_TITLES = re.compile(
    r"(?:General|Gen\.|Colonel|Col\.|Captain|Capt\.|Major|Lieutenant|Lt\.|Brigadier|President|"
    r"Minister|Commander|Sheikh|Mullah|Maulvi|Emir|Amir|Governor|Ambassador|Admiral)"
)
_KIN = re.compile(r"(?:the\s+)?(?P<kin>son|daughter)\s+of\s+", re.IGNORECASE)


class RelationVocab(BaseModel):
    model_config = ConfigDict(frozen=True, extra="forbid")

    predicates: dict[str, str]
    titles: dict[str, tuple[str, ...]]
    not_current: tuple[str, ...]
    alliance_cues: tuple[str, ...]
    opposition_cues: tuple[str, ...]


@lru_cache(maxsize=1)
def load_relation_vocab() -> RelationVocab:
    """vocab/relations.yaml, validated."""
    vocab = read_vocab("relations.yaml", RelationVocab)
    unknown = set(vocab.titles) - set(vocab.predicates)
    if unknown:
        raise ValueError(f"vocab/relations.yaml: titles name unknown predicates {sorted(unknown)}")
    return vocab


@dataclass(frozen=True)
class Located:
    """An entity mention: where it is and which entity it is."""

    start: int
    end: int
    entity: Entity


def locate(entities: tuple[Entity, ...]) -> list[Located]:
    """Every entity mention, in text order."""
    found = [Located(s, e, entity) for entity in entities for s, e in entity.mentions]
    return sorted(found, key=lambda m: m.start)


def extract_roles(doc: Doc, located: list[Located]) -> dict[str, tuple[Role, ...]]:
    """Roles of each person entity (by id), from appositions and titles before a name."""
    vocab = load_relation_vocab()
    roles: dict[str, list[Role]] = {}
    for mention in located:
        if mention.entity.kind != "person":
            continue
        for role in (
            _title_before(doc_text(doc), mention, located, vocab),
            _apposition(doc, mention, located, vocab),
        ):
            if role is not None and role not in roles.setdefault(mention.entity.id, []):
                roles[mention.entity.id].append(role)
    return {key: tuple(value) for key, value in roles.items()}


def _is_title(words: str, vocab: RelationVocab) -> bool:
    lowered = words.casefold()
    return any(has_whole_word(lowered, word) for group in vocab.titles.values() for word in group)


@lru_cache(maxsize=1)
def _title_window() -> re.Pattern[str]:
    """One to four title words ending a window of text ("army spokesman ")."""
    return re.compile(
        rf"(?<![\w-])(?P<title>(?:(?:[a-z][\w-]*|{_CAPITAL_TITLES.pattern})\s+){{1,4}})$"
    )


def _title_before(
    text: str, mention: Located, located: list[Located], vocab: RelationVocab
) -> Role | None:
    """'Taliban interior minister Sirajuddin Haqqani', 'army spokesman Colonel X'."""
    window = text[max(0, mention.start - 80) : mention.start]
    match = _title_window().search(window)
    if match is None or not _is_title(match.group("title"), vocab):
        return None
    title = match.group("title").strip()
    title = re.sub(r"^(?:the|a|an|its|his|her|their)\s+", "", title, flags=re.IGNORECASE)
    title_start = mention.start - len(window) + match.start("title")
    org = next(
        (
            m.entity.id
            for m in located
            if m.entity.kind != "person"
            and 0 <= title_start - m.end <= 4
            and re.fullmatch(r"(?:['’]s)?\s*", text[m.end : title_start])
        ),
        None,
    )
    if org is not None and title:
        before_org = text[max(0, title_start - 60) : title_start].casefold()
        stale = next(
            (
                w
                for w in vocab.not_current
                if w in before_org and word_then(w, r"\s+\S+\s*$").search(before_org)
            ),
            None,
        )
        if stale:
            title = f"{stale} {title}"
    return Role(title=title, of=org) if title else None


def _apposition(
    doc: Doc, mention: Located, located: list[Located], vocab: RelationVocab
) -> Role | None:
    """'X, the NRF's head of foreign relations' and 'the group's spokesman, X'."""
    span = doc.char_span(mention.start, mention.end, alignment_mode="expand")
    if span is None:
        return None
    root = span.root
    phrase: Token | None = next((c for c in root.children if c.dep_ == "appos"), None)
    if phrase is None and root.dep_ == "appos" and root.head.i < root.i:
        phrase = root.head
    if phrase is None or phrase.ent_type_ == "PERSON" or _KIN.match(_subtree_text(phrase)):
        return None
    # The phrase is the name's child ("X, the group's spokesman") or its head ("the group's
    # spokesman, X"): either way the person's own words are not part of the title.
    inside = set(range(span.start, span.end))
    if phrase.head != root:
        inside |= {t.i for t in root.subtree}
    tokens = [t for t in phrase.subtree if t.i not in inside and not t.is_punct]
    if not tokens:
        return None
    start = min(t.idx for t in tokens)
    end = max(t.idx + len(t.text) for t in tokens)
    text = doc_text(doc)[start:end]
    if not _is_title(text, vocab):
        return None
    orgs = [m for m in located if start <= m.start and m.end <= end and m.entity.kind != "person"]
    title = text
    for org in sorted(orgs, key=lambda m: -m.start):
        local = org.start - start
        title = title[:local] + "\0" * (org.end - org.start) + title[org.end - start :]
    title = _tidy_title(title)
    if not title:
        return None
    return Role(title=title, of=orgs[0].entity.id if orgs else None)


def _subtree_text(token: Token) -> str:
    words = list(token.subtree)
    return doc_text(token.doc)[words[0].idx : words[-1].idx + len(words[-1].text)]


def _tidy_title(title: str) -> str:
    """Drop the organisation's name, its possessive, articles and trailing 'of'/'for'."""
    title = re.sub(r"\0+(?:['’]s)?", " ", title)
    title = re.sub(r"\s+(?:of|for|with|in|at)\s*(?:the\s*)?$", "", title.strip())
    title = re.sub(r"^(?:the|a|an)\s+", "", title.strip(), flags=re.IGNORECASE)
    title = re.split(r",|\s+(?:who|which|that)\s+", title)[0]
    return " ".join(title.split())


def extract_relations(
    doc: Doc,
    entities: tuple[Entity, ...],
    located: list[Located],
    roles: dict[str, tuple[Role, ...]],
) -> tuple[Relation, ...]:
    """Relations stated in the report: from roles, and from cues between actors in a sentence."""
    vocab = load_relation_vocab()
    found: dict[tuple[str, str, str], Relation] = {}

    def add(subject: str, predicate: str, obj: str, span: Span) -> None:
        if subject != obj:
            found.setdefault(
                (subject, predicate, obj),
                Relation(subject=subject, predicate=predicate, object=obj, span=span),
            )

    for person_id, person_roles in roles.items():
        for role in person_roles:
            if role.of is None or any(w in role.title.casefold() for w in vocab.not_current):
                continue
            span = _sentence_of(doc, _first_mention(entities, person_id))
            add(person_id, _predicate_for(role.title, vocab), role.of, span)
    for sent in doc.sents:
        in_sentence = [m for m in located if sent.start_char <= m.start < sent.end_char]
        for subject, predicate, obj in _sentence_relations(sent, in_sentence, located, vocab):
            add(subject, predicate, obj, (sent.start_char, sent.end_char))
    return tuple(found.values())


def _predicate_for(title: str, vocab: RelationVocab) -> str:
    lowered = title.casefold()
    for predicate in ("spokesperson_of", "leader_of"):
        for word in vocab.titles.get(predicate, ()):
            # "head of foreign relations" heads a department, not the organisation.
            if re.search(rf"\b{re.escape(word)}\b(?!\s+of\b)", lowered) or lowered == word:
                return predicate
    return "member_of"


def _first_mention(entities: tuple[Entity, ...], entity_id: str) -> Span:
    return next(e.mentions[0] for e in entities if e.id == entity_id)


def _sentence_of(doc: Doc, span: Span) -> Span:
    chunk: SpacySpan | None = doc.char_span(*span, alignment_mode="expand")
    if chunk is None:
        return span
    return (chunk.sent.start_char, chunk.sent.end_char)


_SUCCESSION = re.compile(r"\b(?:succeeded|replaced|followed)\s+$")


def _succession_before(text: str, end: int) -> bool:
    """Whether "succeeded", "replaced" or "followed" and spaces end text[:end]: searched in the
    last words only (a match is the word right before the final spaces), not in all of it."""
    stop = end
    while stop > 0 and text[stop - 1].isspace():
        stop -= 1
    # The longest word and the character before it, for its word boundary.
    return stop < end and _SUCCESSION.search(text[max(0, stop - 10) : end]) is not None


def _sentence_relations(
    sent: SpacySpan, here: list[Located], located: list[Located], vocab: RelationVocab
) -> list[tuple[str, str, str]]:
    text = doc_text(sent.doc)
    out: list[tuple[str, str, str]] = []
    persons = [m for m in here if m.entity.kind == "person"]
    groups = [m for m in here if m.entity.kind != "person"]
    for a in persons:
        for b in persons:
            between = text[a.end : b.start]
            if b.start > a.end and re.search(r"\bsucceeded\b", between) and len(between) < 80:
                out.append((a.entity.id, "succeeded", b.entity.id))
            if (
                b.start > a.end
                and len(between) < 80
                and re.match(
                    r"\W{1,3}(?:the\s+)?(?:son|daughter)\s+of\s+(?:[\w-]+\s+){0,4}$", between
                )
            ):
                out.append((a.entity.id, "child_of", b.entity.id))
    for person in persons:
        succeeded = _succession_before(text, person.start)
        for group in groups:
            if group.end <= person.start and re.search(
                r"\bled\s+by\s+$", text[group.end : person.start][-12:]
            ):
                out.append((person.entity.id, "leader_of", group.entity.id))
            lead = not succeeded and re.match(
                r"[^.;]{0,80}?\bas\s+(?:the\s+)?(?:new\s+)?(?:leader|head|chief|emir)\s+of\s+(?:the\s+)?$",
                text[person.end : group.start],
            )
            if group.start > person.end and lead:
                out.append((person.entity.id, "leader_of", group.entity.id))
    subject = _sentence_subject(sent, here, located)
    for group in groups:
        before = text[sent.start_char : group.start].casefold()
        if subject is None or group.entity.id == subject:
            continue
        tail = before[-60:]
        if any(
            cue in tail and word_then(cue, r"\s+(?:the\s+)?$").search(tail)
            for cue in vocab.opposition_cues
        ):
            out.append((subject, "opposes", group.entity.id))
        elif any(
            cue in tail and word_then(cue, r"\b[^.;]{0,40}$").search(tail)
            for cue in vocab.alliance_cues
        ):
            out.append((subject, "allied_with", group.entity.id))
    out.extend(_stance_relations(text, here))
    return out


def _sentence_subject(sent: SpacySpan, here: list[Located], located: list[Located]) -> str | None:
    """The actor the sentence is about: its subject, or for 'they'/'it' the last one before."""
    for token in sent:
        if token.dep_ not in ("nsubj", "nsubjpass") or token.head.dep_ != "ROOT":
            continue
        for mention in here:
            if mention.start <= token.idx < mention.end and mention.entity.kind != "person":
                return mention.entity.id
        if token.lower_ in ("they", "it"):
            earlier = [m for m in located if m.end <= sent.start_char and m.entity.kind != "person"]
            subjects = [m for m in earlier if _is_subject_at(sent.doc, m)]
            chosen = (subjects or earlier)[-1:]
            return chosen[0].entity.id if chosen else None
    return None


def _is_subject_at(doc: Doc, mention: Located) -> bool:
    span = doc.char_span(mention.start, mention.end, alignment_mode="expand")
    return span is not None and span.root.dep_ in ("nsubj", "nsubjpass")


def _stance_relations(text: str, here: list[Located]) -> list[tuple[str, str, str]]:
    """'anti-Taliban group, the AFF' and 'an armed opposition group against the Taliban'."""
    out: list[tuple[str, str, str]] = []
    for actor in here:
        window = text[max(0, actor.start - 60) : actor.start]
        stance = re.search(r"\banti-(?P<name>[\w-]+)\b[^.]*$", window)
        if stance:
            for other in here:
                if other is not actor and text[other.start : other.end] == stance.group("name"):
                    out.append((actor.entity.id, "opposes", other.entity.id))
        for other in here:
            if other.start <= actor.end or other is actor:
                continue
            between = text[actor.end : other.start]
            if len(between) <= 80 and re.fullmatch(
                r",\s+an?\s+[\w\s-]{0,50}?\b(?:group|movement|front|force|coalition)\s+"
                r"(?:against|opposed\s+to|fighting)\s+(?:the\s+)?",
                between,
            ):
                out.append((actor.entity.id, "opposes", other.entity.id))
    return out
