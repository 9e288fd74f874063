"""Definite descriptions that refer back to an actor: "the group", "the regime", "his father".

Which actor is meant follows a few rules any reader uses:
- the description's noun says what kind of actor it can be (vocab/anaphora.yaml);
- a modifier that is part of a candidate's name decides ("the resistance group" is the
  National Resistance Front);
- in the same sentence, the nearest earlier actor that is not the main clause's subject (a
  subject is taken up by a pronoun, not by "the group");
- in earlier sentences, the subject of the nearest one, else its nearest actor.
"""

from __future__ import annotations

import re
from functools import lru_cache
from typing import TYPE_CHECKING

from pydantic import BaseModel, ConfigDict

from warnline.extract.doc_text import doc_text
from warnline.extract.mentions import EntityDraft, Mention
from warnline.vocab import read_vocab

if TYPE_CHECKING:
    from spacy.tokens import Doc
    from spacy.tokens import Span as SpacySpan

_SUBJECT_DEPS = ("nsubj", "nsubjpass")
# How many sentences back an antecedent may be.
_SENTENCES_BACK = 3


class AnaphoraVocab(BaseModel):
    model_config = ConfigDict(frozen=True, extra="forbid")

    # Head noun -> the kinds of actor it can refer to.
    heads: dict[str, tuple[str, ...]]
    # Kinship words in "his father, NAME" appositions.
    kin: tuple[str, ...]


@lru_cache(maxsize=1)
def load_anaphora_vocab() -> AnaphoraVocab:
    """vocab/anaphora.yaml, validated."""
    return read_vocab("anaphora.yaml", AnaphoraVocab)


def resolve_anaphora(drafts: list[EntityDraft], doc: Doc) -> None:
    """Add each resolvable definite description to the draft of the actor it refers to."""
    vocab = load_anaphora_vocab()
    heads = "|".join(sorted(map(re.escape, vocab.heads), key=len, reverse=True))
    pattern = re.compile(
        rf"\b[Tt]he\s+(?P<mods>(?:[a-z][a-z-]*\s+){{0,2}})(?P<head>{heads})\b(?!\s+[A-Z(])"
    )
    taken = [m.span for d in drafts for m in d.mentions]
    sentences = list(doc.sents)
    for match in pattern.finditer(doc_text(doc)):
        span = match.span()
        if any(s < span[1] and span[0] < e for s, e in taken):
            continue
        kinds = vocab.heads[match.group("head")]
        mods = match.group("mods").split()
        draft = _antecedent(drafts, doc, sentences, span, kinds, mods)
        if draft is not None:
            draft.mentions.append(Mention(match.group(), span, "ANAPHOR", None, "anaphor"))
    _resolve_kin_appositions(drafts, doc_text(doc), vocab.kin)


def _antecedent(
    drafts: list[EntityDraft],
    doc: Doc,
    sentences: list[SpacySpan],
    span: tuple[int, int],
    kinds: tuple[str, ...],
    mods: list[str],
) -> EntityDraft | None:
    sentence = doc.char_span(span[0], span[1], alignment_mode="expand")
    if sentence is None:
        return None
    sent = sentence.sent
    index = next(i for i, s in enumerate(sentences) if s.start == sent.start)
    window = sentences[max(0, index - _SENTENCES_BACK) : index + 1]
    # (draft, mention, sentence in the window, a subject, the main clause's subject)
    candidates: list[tuple[EntityDraft, Mention, int, bool, bool]] = []
    for draft in drafts:
        if not _fits(draft, kinds):
            continue
        for mention in draft.mentions:
            if mention.span[0] >= span[0] or mention.span[0] < window[0].start_char:
                continue
            if doc_text(doc)[mention.span[1] : mention.span[1] + 1] == "-":
                # "Taliban-controlled": part of an adjective, not a noun an anaphor takes up.
                continue
            position = next(i for i, s in enumerate(window) if s.end_char > mention.span[0])
            candidates.append((draft, mention, position, *_subjecthood(doc, mention)))
    if not candidates:
        return None
    # A modifier from a name decides, however far back the name was.
    named = [
        d
        for d in drafts
        if _fits(d, kinds) and d.first < span[0] and any(_in_name(mod, d) for mod in mods)
    ]
    if named:
        return max(named, key=lambda d: max(m.span[0] for m in d.mentions if m.span[0] < span[0]))
    here = len(window) - 1
    same = [c for c in candidates if c[2] == here and not c[4]]
    if same:
        return max(same, key=lambda c: c[1].span[0])[0]
    earlier = [c for c in candidates if c[2] < here]
    if not earlier:
        return None
    nearest = max(c[2] for c in earlier)
    in_nearest = [c for c in earlier if c[2] == nearest]
    subjects = [c for c in in_nearest if c[3]]
    return max(subjects or in_nearest, key=lambda c: c[1].span[0])[0]


def _fits(draft: EntityDraft, kinds: tuple[str, ...]) -> bool:
    """Whether the draft is of a kind the description can refer to. An armed group that rules
    (the catalogue codes it as state forces, as ACLED does the Taliban) can be "the regime"."""
    if draft.kind in kinds:
        return True
    actor = draft.actor
    return "government" in kinds and actor is not None and actor.acled_category == "state_forces"


def _subjecthood(doc: Doc, mention: Mention) -> tuple[bool, bool]:
    """Whether the mention is a subject of any clause, and of the sentence's main clause."""
    span: SpacySpan | None = doc.char_span(*mention.span, alignment_mode="expand")
    if span is None:
        return False, False
    token = span.root
    if token.dep_ == "pobj" and token.head.lower_ == "of":
        token = token.head.head  # "Fighters of the NRF clashed …": the NRF is what acts
    if token.dep_ not in _SUBJECT_DEPS:
        return False, False
    return True, token.head.dep_ == "ROOT"


def _in_name(mod: str, draft: EntityDraft) -> bool:
    words = {w.casefold() for form in draft.names for w in re.findall(r"\w+", form)}
    return mod.casefold() in words


def _resolve_kin_appositions(drafts: list[EntityDraft], text: str, kin: tuple[str, ...]) -> None:
    """'his father, Ahmad Shah Massoud' makes 'his father' a mention of that person."""
    words = "|".join(map(re.escape, kin))
    pattern = re.compile(rf"\b(?:[Hh]is|[Hh]er|[Tt]heir)\s+(?:{words})\b(?=,\s*)")
    for match in pattern.finditer(text):
        after = match.end() + len(text[match.end() :]) - len(text[match.end() :].lstrip(", "))
        for draft in drafts:
            if draft.kind == "person" and any(m.span[0] == after for m in draft.mentions):
                draft.mentions.append(
                    Mention(match.group(), match.span(), "ANAPHOR", None, "anaphor")
                )
                break
