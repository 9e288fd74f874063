"""Claims: who says what — the speaker, the cue, the act, the content, quotes and hedges.

Attribution is read off spaCy's parse:
- a cue verb (vocab/claims.yaml) with a subject that names a speaker, and its content: the
  clause it governs ("said that …", "denied ties to …", "called for support …") or the quote
  beside it ("'…,' Nazary added");
- "according to X" makes X the speaker of the rest of the sentence;
- a participle after a cue keeps its speaker ("…, urging the world to …");
- a quote with no cue of its own continues the speaker of the direct quote before it;
- a passive of belief with no agent ("are believed to be operating") and a hedged sentence
  ("reportedly") are claims with no speaker;
- in nested attribution ("X reported that a spokesman said …") the inner speaker's claim is
  the one kept.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Literal

from warnline.extract.claim_speakers import (
    MentionIndex,
    Speaker,
    organisation_of,
    speaker_of,
    subtree_span,
)
from warnline.extract.claim_vocab import ClaimVocab, load_claim_vocab
from warnline.extract.doc_text import doc_text
from warnline.records import Claim, Entity, Place, Relation

if TYPE_CHECKING:
    from spacy.tokens import Doc, Token
    from spacy.tokens import Span as SpacySpan

Span = tuple[int, int]

_SUBJECTS = ("nsubj", "nsubjpass")
_CLAUSE_DEPS = ("ccomp", "xcomp", "parataxis")
_OBJECT_DEPS = ("dobj", "attr", "oprd")
_PARTICIPLE_DEPS = ("advcl", "xcomp", "conj")
_QUOTES = re.compile(r"“[^“”]*”|\"[^\"]*\"", re.DOTALL)
_EDGES = " \t\n,.;:“”\"'‘’—–-"
_TRAILING_JOIN = re.compile(r"(?:\s*,)?\s*(?:and|but)?\s*$")
_LEADING_THAT = re.compile(r"^(?:that|whether)\s+", re.IGNORECASE)
# "X claimed that the enemy …": an accusation when the enemy is the one said to act.
_ACCUSING_CUES = ("claimed", "claims", "claim", "alleged", "alleges", "charged")
_MIN_CONTENT_WORDS = 3
_FIRST_PERSON = ("we", "our", "us")
_THIRD_PERSON = ("it", "its", "they", "their")
# A direct quote is one whose content is almost all inside quotation marks.
_DIRECT_SHARE = 0.9


@dataclass
class Draft:
    cue: str
    cue_at: int  # where the cue is, for nesting and order
    act: str
    span: Span
    speaker: Speaker | None
    subject_span: Span | None = None
    hedges: list[str] = field(default_factory=list)
    quote: Literal["direct", "indirect", "mixed"] = "indirect"
    # The token that heads the content (a clause's verb, an object), for its subject.
    head: int | None = None


def extract_claims(
    doc: Doc,
    entities: tuple[Entity, ...],
    places: tuple[Place, ...],
    relations: tuple[Relation, ...] = (),
) -> tuple[Claim, ...]:
    """Every attributed (or hedged) statement in the report, in text order. `relations` tell
    who opposes whom: a claim about an enemy's deeds is an accusation."""
    vocab = load_claim_vocab()
    index = MentionIndex(entities, places)
    quotes = [_inner(m.span()) for m in _QUOTES.finditer(doc_text(doc))]
    drafts: list[Draft] = []
    last: Speaker | None = None
    for sentence in doc.sents:
        found = _sentence_claims(sentence, vocab, index, quotes, last)
        drafts.extend(found)
        for draft in found:
            if draft.speaker is not None and draft.speaker.entity is not None:
                last = draft.speaker
    drafts = [d for d in drafts if _says_something(doc_text(doc), d, quotes)]
    drafts = _drop_outer_of_nested(drafts)
    _clip_at_other_speakers(drafts, doc_text(doc))
    _clip_at_own_cues(drafts, doc_text(doc))
    drafts.extend(_uncued_quotes(doc, drafts, quotes))
    drafts.extend(_hedged_sentences(doc, drafts, vocab))
    for draft in drafts:
        draft.quote = _quote_kind(draft.span, quotes)
        draft.hedges = sorted(set(draft.hedges) | set(_hedges_in(doc_text(doc), draft, vocab)))
    drafts.sort(key=lambda d: (d.span[0], d.cue_at))
    enemies = {frozenset((r.subject, r.object)) for r in relations if r.predicate == "opposes"}
    return tuple(
        _to_claim(f"C{n}", draft, doc, index, places, vocab, enemies)
        for n, draft in enumerate(drafts, start=1)
    )


def _inner(span: Span) -> Span:
    return span[0] + 1, span[1] - 1


def _sentence_claims(
    sentence: SpacySpan,
    vocab: ClaimVocab,
    index: MentionIndex,
    quotes: list[Span],
    last: Speaker | None,
) -> list[Draft]:
    found: list[Draft] = []
    for token in sentence:
        if _inside_any(token.idx, quotes) or token.pos_ not in ("VERB", "AUX"):
            continue
        draft = _from_cue(token, vocab, index, quotes, last, found)
        if draft is not None:
            found.append(draft)
            if draft.speaker is not None and draft.speaker.entity is not None:
                last = draft.speaker
    according = _according_to(sentence, index, vocab, last)
    if according is not None and not any(_overlap(d.span, according.span) for d in found):
        found.append(according)
    return found


def _from_cue(
    token: Token,
    vocab: ClaimVocab,
    index: MentionIndex,
    quotes: list[Span],
    last: Speaker | None,
    earlier: list[Draft],
) -> Draft | None:
    lemma = token.lemma_.casefold()
    if lemma in vocab.passive_hedge_verbs and _is_passive(token):
        return _passive_hedge(token)
    act = vocab.cues.get(lemma)
    particle = vocab.particle_cues.get(lemma)
    if particle is not None and any(
        c.dep_ == "prep" and c.lower_ in particle.particles for c in token.children
    ):
        act = particle.act
    if act is None and lemma == "call" and _names_as(token):
        act = "assert"  # "called the assault a declaration of war"
    if act is None or _negated(token):
        return None
    speaker: Speaker | None
    noun_owner = _object_before_statement_noun(token, vocab)
    if noun_owner is not None:
        # "rejected a United Nations finding that …": a finding the UN made, read as a noun.
        speaker = speaker_of(noun_owner, index, vocab.documents, last)
        content = _content(token, lemma, vocab, quotes)
        if speaker is None or content is None:
            return None
        span, head = content
        return Draft(token.text, token.idx, act, span, speaker, subtree_span(noun_owner), head=head)
    speaker = None
    subject_span: Span | None = None
    own = [c for c in token.children if c.dep_ in _SUBJECTS]
    # "…, urging the world to …", "said … and accused …": the speaker of the cue above.
    governor = None if own else _governing_claim(token, earlier, vocab)
    if governor is not None:
        speaker, subject_span = governor.speaker, governor.subject_span
    for subject in [] if governor is not None else _subjects(token, vocab):
        speaker = speaker_of(subject, index, vocab.documents, last)
        subject_span = subtree_span(subject)
        if speaker is None and subject.lower_ in vocab.speaker_nouns:
            speaker = Speaker(None)  # "a police official said": someone the report leaves unnamed
        if speaker is not None:
            break
    if speaker is None:
        return None
    content = _statement_answered(token, vocab, earlier) or _content(token, lemma, vocab, quotes)
    if content is None:
        return None
    span, head = content
    return Draft(token.text, token.idx, act, span, speaker, subject_span, head=head)


def _statement_answered(
    token: Token, vocab: ClaimVocab, earlier: list[Draft]
) -> tuple[Span, int | None] | None:
    """ "accused militants in Afghanistan of planning the raid, an allegation the Taliban
    flatly denied": what is denied is the claim the statement noun stands for. That claim ends
    where the noun begins, and the denial takes its words."""
    noun = token.head
    if token.dep_ != "relcl" or noun.lower_ not in _statement_nouns(vocab):
        return None
    if any(c.dep_ in _OBJECT_DEPS for c in token.children if c.i > token.i):
        return None  # the noun is what the verb answers only when the verb has no object
    claim = next((d for d in reversed(earlier) if d.span[0] <= noun.idx < d.span[1]), None)
    if claim is None:
        return None
    text = doc_text(token.doc)
    claim.span = _trim(text, (claim.span[0], noun.left_edge.idx))
    return claim.span, claim.head


def _subjects(token: Token, vocab: ClaimVocab) -> list[Token]:
    """The cue's subjects, nearest first (a dateline the parser took for a subject comes last);
    a verb joined to another by "and" shares its subject ("praised … and said …")."""
    node = token
    while True:
        found = sorted(
            (c for c in node.children if c.dep_ in _SUBJECTS), key=lambda c: token.i - c.i
        )
        # "Traoré seized power, accusing his predecessor …": a participle's subject is its
        # verb's.
        climbs = node.dep_ == "conj" or (node.dep_ == "advcl" and node.tag_ == "VBG")
        if found or not climbs or node.head is node:
            break
        node = node.head
    loose = _loose_subject(token, vocab)
    return [*found, loose] if loose is not None and not found else found


def _loose_subject(token: Token, vocab: ClaimVocab) -> Token | None:
    """A document the parser hung elsewhere: 'including Al-Qaeda, a UN report last year
    revealed …' (the parser makes 'report' an apposition)."""
    for left in reversed(token.doc[max(token.sent.start, token.i - 5) : token.i]):
        if left.pos_ in ("VERB", "AUX") or left.text in (";", ":"):
            return None
        if left.lemma_.casefold() in vocab.documents and left.pos_ == "NOUN":
            return left
    return None


def _names_as(token: Token) -> bool:
    deps = {c.dep_ for c in token.children}
    return "dobj" in deps and ("oprd" in deps or "ccomp" in deps)


def _negated(token: Token) -> bool:
    return any(c.dep_ == "neg" for c in token.children)


def _is_passive(token: Token) -> bool:
    return any(c.dep_ in ("nsubjpass", "auxpass") for c in token.children)


def _passive_hedge(token: Token) -> Draft | None:
    """'At least 21 groups are believed to be operating': hedged, no speaker (unless 'by X')."""
    if any(c.dep_ == "agent" for c in token.children):
        return None
    sentence = token.sent
    start, end = sentence.start_char, sentence.end_char
    hedge = f"{token.text} to" if token.nbor(1).lower_ == "to" else token.text
    return Draft(
        token.text,
        token.idx,
        "assert",
        _trim(doc_text(sentence.doc), (start, end)),
        None,
        hedges=[hedge.casefold()],
    )


def _governing_claim(token: Token, earlier: list[Draft], vocab: ClaimVocab) -> Draft | None:
    """The claim of the nearest cue above the token in the parse, through participles,
    conjoined verbs and reported clauses. A statement noun the tagger read as a verb ("a UN
    finding that …, insisting that …") is passed over: a finding does not insist."""
    node = token
    while node.dep_ in (*_PARTICIPLE_DEPS, "ccomp") and node.head is not node:
        node = node.head
        found = next((d for d in earlier if d.cue_at == node.idx), None)
        if found is not None and _misread_statement_noun(node, vocab) is None:
            return found
    return None


def _content(
    token: Token, lemma: str, vocab: ClaimVocab, quotes: list[Span]
) -> tuple[Span, int | None] | None:
    """What the cue attributes, and the token heading it: the cue's clause, its object, the
    clause it is a parenthesis in ('Al-Qaeda, the report noted, maintains …'), or the quote
    beside it."""
    text = doc_text(token.doc)
    children = list(token.children)
    clause = next((c for c in children if c.dep_ in _CLAUSE_DEPS and c.i != token.i), None)
    particle = vocab.particle_cues.get(lemma)
    if particle is not None:
        prep = next(
            (c for c in children if c.dep_ == "prep" and c.lower_ in particle.particles), None
        )
        if prep is not None:
            # "called for international support to …": what is called for.
            return _trim(text, (prep.idx + len(prep.text), _last_edge(token, prep))), prep.i
    if clause is not None:
        span = _extend_to_quote(subtree_span(clause), quotes)
        if clause.i < token.i or not _crosses_cue(span, token):
            return _trim(text, span), clause.i
    in_statement = _clause_of_statement(token, vocab)
    if in_statement is not None:
        return _trim(text, subtree_span(in_statement)), in_statement.i
    objects = [c for c in children if c.dep_ in _OBJECT_DEPS and c.i > token.i]
    stated = _statement_noun_clause(token, vocab)
    if stated is not None:
        # "rejected a United Nations finding that TTP keeps camps": what is rejected is the
        # finding's clause, not the UN.
        return _trim(text, subtree_span(stated)), stated.i
    if objects:
        return _trim(text, (objects[0].left_edge.idx, _last_edge(token, objects[0]))), objects[0].i
    if token.dep_ == "parataxis":
        return _trim(text, subtree_span(token.head)), token.head.i
    beside = _quote_beside(token, quotes)
    if beside is not None:
        return _trim(text, beside), None
    return None


def _statement_nouns(vocab: ClaimVocab) -> frozenset[str]:
    return frozenset((*vocab.documents, *vocab.statement_nouns))


def _misread_statement_noun(token: Token, vocab: ClaimVocab) -> Token | None:
    """ "a United Nations finding that …": the tagger read the noun "finding" as a verb hanging
    from the verb before the object it belongs to; the that-clause it carries, if so."""
    if token.dep_ not in ("advcl", "acl", "xcomp") or token.tag_ not in ("VBG", "VBN", "NN"):
        return None
    if token.lower_ not in _statement_nouns(vocab):
        return None
    before = token.doc[token.i - 1] if token.i > 0 else None
    if before is None or before.head.i != token.head.i or before.dep_ not in _OBJECT_DEPS:
        return None
    return next(
        (
            c
            for c in token.children
            if c.dep_ == "ccomp"
            and any(m.dep_ == "mark" and m.lower_ == "that" for m in c.children)
        ),
        None,
    )


def _statement_noun_clause(token: Token, vocab: ClaimVocab) -> Token | None:
    """For a cue whose object is a misread statement noun ("rejected a UN finding that X"):
    the clause X."""
    for child in token.children:
        clause = _misread_statement_noun(child, vocab)
        if clause is not None:
            return clause
    return None


def _object_before_statement_noun(token: Token, vocab: ClaimVocab) -> Token | None:
    """The cue is itself a misread statement noun: the object before it names who made it."""
    if _misread_statement_noun(token, vocab) is None:
        return None
    return token.doc[token.i - 1]


def _clause_of_statement(token: Token, vocab: ClaimVocab) -> Token | None:
    """'said in a claim that it had killed …': the clause the statement noun carries."""
    for prep in token.children:
        if prep.dep_ != "prep":
            continue
        for noun in prep.children:
            if noun.dep_ == "pobj" and (
                noun.lemma_.casefold() in vocab.documents or noun.lemma_.casefold() == "claim"
            ):
                clause = next((c for c in noun.children if c.dep_ in ("acl", "ccomp")), None)
                if clause is not None and any(c.dep_ == "mark" for c in clause.children):
                    return clause
    return None


def _last_edge(token: Token, first: Token) -> int:
    """The end of the cue's complements from `first` on (objects, their preps, an xcomp)."""
    end = first.right_edge.idx + len(first.right_edge.text)
    for child in token.children:
        if child.i > first.i and child.dep_ in ("prep", "xcomp", "dobj", "ccomp", "advcl"):
            end = max(end, child.right_edge.idx + len(child.right_edge.text))
    return end


def _crosses_cue(span: Span, token: Token) -> bool:
    return span[0] <= token.idx < span[1]


def _extend_to_quote(span: Span, quotes: list[Span]) -> Span:
    """Content inside a quote runs to the quote's end ('…' may go on for sentences)."""
    for start, end in quotes:
        if start <= span[0] < end and span[1] <= end + 1:
            return start, end
    return span


def _quote_beside(token: Token, quotes: list[Span]) -> Span | None:
    """A quote in the cue's sentence or right before it ('"…," he said')."""
    sentence = token.sent
    for start, end in quotes:
        if start < sentence.end_char and sentence.start_char <= end + 2:
            return start, end
    return None


def _trim(text: str, span: Span) -> Span:
    start, end = span
    piece = text[start:end]
    left = len(piece) - len(piece.lstrip(_EDGES))
    start += left
    piece = text[start:end].rstrip(_EDGES)
    end = start + len(piece)
    that = _LEADING_THAT.match(text[start:end])
    if that:
        start += that.end()
    return start, max(start, end)


def _according_to(
    sentence: SpacySpan, index: MentionIndex, vocab: ClaimVocab, last: Speaker | None
) -> Draft | None:
    for token in sentence:
        if token.lower_ != "according" or token.i + 1 >= len(token.doc):
            continue
        to = token.nbor(1)
        source = next((c for c in to.children if c.dep_ == "pobj"), None)
        if to.lower_ != "to" or source is None:
            continue
        speaker = speaker_of(source, index, vocab.documents, last)
        if speaker is None:
            return None
        phrase = (token.idx, source.right_edge.idx + len(source.right_edge.text))
        start, end = sentence.start_char, sentence.end_char
        span = (phrase[1], end) if phrase[0] <= start + 1 else (start, phrase[0])
        act = "report" if speaker.document else "assert"
        return Draft(
            "according to",
            token.idx,
            act,
            _trim(doc_text(token.doc), span),
            speaker,
            subtree_span(source),
        )
    return None


def _drop_outer_of_nested(drafts: list[Draft]) -> list[Draft]:
    """'Khaama Press reported that a Taliban spokesman claims …': keep the spokesman's."""
    kept: list[Draft] = []
    for draft in drafts:
        inner = [
            d
            for d in drafts
            if d is not draft
            and draft.span[0] <= d.cue_at < draft.span[1]
            and d.speaker is not None
            and d.speaker != draft.speaker
            and d.subject_span is not None
            and draft.span[0] <= d.subject_span[0]
        ]
        if not inner:
            kept.append(draft)
    return kept


def _clip_at_other_speakers(drafts: list[Draft], text: str) -> None:
    """Content ends where another claim's speaker begins (a parse that ran one clause into the
    next)."""
    for draft in drafts:
        for other in drafts:
            subject = other.subject_span
            if other is draft or subject is None or other.cue_at < draft.span[0]:
                continue
            if draft.span[0] < subject[0] < draft.span[1] and other.cue_at >= draft.span[1] - 1:
                draft.span = _trim(text, (draft.span[0], subject[0]))


def _says_something(text: str, draft: Draft, quotes: list[Span]) -> bool:
    """Content of fewer than three words ('it had', 'to') is a misparse, unless quoted."""
    words = len(text[draft.span[0] : draft.span[1]].split())
    return words >= _MIN_CONTENT_WORDS or _quote_kind(draft.span, quotes) == "direct"


def _clip_at_own_cues(drafts: list[Draft], text: str) -> None:
    """'said soldiers were resisting and accused the M23 of …': two claims, the first ending
    where the second's cue begins."""
    for draft in drafts:
        inner = [
            d.cue_at
            for d in drafts
            if d is not draft
            and draft.span[0] < d.cue_at < draft.span[1]
            and d.cue_at > draft.cue_at
        ]
        if inner:
            end = min(inner)
            cut = _TRAILING_JOIN.sub("", text[draft.span[0] : end])
            draft.span = _trim(text, (draft.span[0], draft.span[0] + len(cut)))


def _uncued_quotes(doc: Doc, drafts: list[Draft], quotes: list[Span]) -> list[Draft]:
    """A quote no cue attributes, after a direct quote in the same or the previous paragraph:
    the same speaker going on."""
    added: list[Draft] = []
    for quote in quotes:
        if any(_overlap(quote, d.span) for d in (*drafts, *added)):
            continue
        before = [d for d in (*drafts, *added) if d.span[1] <= quote[0] and d.speaker]
        if not before:
            continue
        previous = max(before, key=lambda d: d.span[1])
        gap = doc_text(doc)[previous.span[1] : quote[0]]
        if gap.count("\n\n") > 1 or _quote_kind(previous.span, quotes) == "indirect":
            continue
        span = _trim(doc_text(doc), quote)
        added.append(
            Draft(
                previous.cue, quote[0], previous.act, span, previous.speaker, previous.subject_span
            )
        )
    return added


def _hedged_sentences(doc: Doc, drafts: list[Draft], vocab: ClaimVocab) -> list[Draft]:
    """'The group reportedly has 2,000 fighters': a hedged claim no one is named for."""
    pattern = vocab.single_word_hedge
    added: list[Draft] = []
    for sentence in doc.sents:
        span = (sentence.start_char, sentence.end_char)
        if any(_overlap(span, d.span) for d in drafts):
            continue
        match = pattern.search(doc_text(doc)[span[0] : span[1]])  # sentence.text, not rebuilt
        if match is not None:
            start = sentence.start_char + match.start()
            added.append(
                Draft(
                    match.group(),
                    start,
                    "assert",
                    _trim(doc_text(doc), span),
                    None,
                    hedges=[match.group().casefold()],
                )
            )
    return added


def _hedges_in(text: str, draft: Draft, vocab: ClaimVocab) -> list[str]:
    window = text[min(draft.span[0], draft.cue_at) : draft.span[1]].casefold()
    return [hedge for hedge, pattern in vocab.hedge_patterns if pattern.search(window)]


def _quote_kind(span: Span, quotes: list[Span]) -> Literal["direct", "indirect", "mixed"]:
    length = max(1, span[1] - span[0])
    inside = sum(max(0, min(span[1], end) - max(span[0], start)) for start, end in quotes)
    if inside / length >= _DIRECT_SHARE:
        return "direct"
    return "mixed" if inside else "indirect"


def _inside_any(offset: int, spans: list[Span]) -> bool:
    return any(start <= offset < end for start, end in spans)


def _overlap(one: Span, other: Span) -> bool:
    return one[0] < other[1] and other[0] < one[1]


def _to_claim(
    claim_id: str,
    draft: Draft,
    doc: Doc,
    index: MentionIndex,
    places: tuple[Place, ...],
    vocab: ClaimVocab,
    enemies: set[frozenset[str]],
) -> Claim:
    speaker = draft.speaker.entity if draft.speaker else None
    entity = index.entities.get(speaker) if speaker else None
    org = organisation_of(entity, draft.subject_span, index) if entity else None
    content = doc_text(doc)[draft.span[0] : draft.span[1]]
    act = _refined_act(draft, content, vocab)
    side = org or speaker
    if act == "assert" and draft.cue.casefold() in _ACCUSING_CUES and side is not None:
        target = _content_subject_entity(draft, doc, index)
        if target is not None and frozenset((side, target)) in enemies:
            act = "accuse"
    about = [e.id for e in index.inside(draft.span)]
    about += [p.id for p in places if any(_inside(m, draft.span) for m in p.mentions)]
    return Claim(
        id=claim_id,
        speaker=speaker,
        speaker_org=org,
        cue=draft.cue,
        act=act,
        content=content,
        span=draft.span,
        quote=draft.quote,
        hedges=tuple(draft.hedges),
        about=tuple(dict.fromkeys(about)),
        self_interest=_self_interest(act, draft, doc, index, side),
    )


def _content_subject_entity(draft: Draft, doc: Doc, index: MentionIndex) -> str | None:
    if draft.head is None:
        return None
    subject = next((c for c in doc[draft.head].children if c.dep_ in _SUBJECTS), None)
    if subject is None:
        return None
    named = index.inside(subtree_span(subject))
    return named[0].id if named else None


def _inside(span: Span, outer: Span) -> bool:
    return outer[0] <= span[0] and span[1] <= outer[1]


def _refined_act(draft: Draft, content: str, vocab: ClaimVocab) -> str:
    lowered = content.casefold()
    if draft.act in ("assert", "confirm") and vocab.responsibility.search(lowered) is not None:
        return "claim_responsibility"
    if draft.act == "assert" and draft.speaker is not None and draft.speaker.document:
        return "report"
    first_words = " ".join(lowered.split()[:4])
    if (
        draft.act == "assert"
        and re.match(r"^(?:we|the world|everyone|they)\b", first_words)
        and vocab.urge.search(first_words) is not None
    ):
        return "urge"
    return draft.act


def _self_interest(act: str, draft: Draft, doc: Doc, index: MentionIndex, side: str | None) -> bool:
    """The speaker reports its own side's actions, successes or losses, or denies its own
    wrongdoing."""
    if act == "claim_responsibility":
        return True
    if side is None or act in ("urge", "warn", "accuse"):
        return False
    party = index.entities[side]
    if act == "deny":
        return party.kind in ("armed_group", "state_force", "government")
    if draft.head is None:
        return False
    subject = next((c for c in doc[draft.head].children if c.dep_ in _SUBJECTS), None)
    if subject is None:
        return False
    if any(e.id == side for e in index.inside(subtree_span(subject))):
        return True
    # "the army said it had repelled them"; in a quote, "we" and "our" are the speaker's side.
    own = _FIRST_PERSON if draft.quote == "direct" else (*_FIRST_PERSON, *_THIRD_PERSON)
    return any(t.lower_ in own for t in subject.subtree)
