"""Folding the names one report uses for one actor: acronyms, short forms and surnames.

"National Resistance Front (NRF)" makes NRF the same entity wherever it appears; "Nazary"
after "Ali Maisam Nazary" is that person; "the younger Massoud" is the son where a father and a
son share the name.
"""

from __future__ import annotations

import re

from warnline.extract.mentions import EntityDraft, Mention
from warnline.extract.spans import name_key

_ACRONYM_AFTER = re.compile(r"\s*\(\s*(?P<acr>[A-Z][A-Za-z0-9&'’-]{1,11})\s*\)")
_ARTICLE_PREFIX = re.compile(r"^(?:al|el|as|ash|ad|an|ar|az)[-‐ ]", re.IGNORECASE)
_GENERATION_CUE = re.compile(r"(?:the\s+)?(?P<cue>younger|elder|older|senior|junior)\s+$", re.I)
_YOUNGER = {"younger", "junior"}
# How far back a bare surname looks for the full name it shortens.
_SURNAME_WINDOW = 4000


def fold_acronyms(drafts: list[EntityDraft], text: str) -> list[EntityDraft]:
    """Merge an acronym defined in brackets, or one built from a name's initials, into the name."""
    for draft in list(drafts):
        if draft not in drafts:
            continue
        for mention in list(draft.mentions):
            match = _ACRONYM_AFTER.match(text, mention.span[1])
            if match is None or match.group("acr") == mention.text:
                continue
            acronym = match.group("acr")
            _merge_named(drafts, draft, acronym)
            _add_bare_occurrences(draft, acronym, text)
    _define_from_text(drafts, text)
    for draft in list(drafts):
        if draft not in drafts or draft.actor is not None or not _is_acronym(draft.name):
            continue
        owner = next(
            (d for d in drafts if d is not draft and _initials(d.name) == draft.name), None
        )
        if owner is not None:
            owner.absorb(draft)
            drafts.remove(draft)
    return drafts


_DEFINITION = re.compile(
    r"(?P<full>(?:[A-Z][\w'’-]*\s+(?:(?:of|for|the|and|in|al|wal|de|du|el|des)\s+)*)+)"
    r"\(\s*(?P<acr>[A-Z][A-Za-z0-9&-]{1,11})\s*\)"
)


def _define_from_text(drafts: list[EntityDraft], text: str) -> None:
    """'Coalition for Northern Unity (CNU)' where the tagger found only the acronym."""
    for match in _DEFINITION.finditer(text):
        acronym = match.group("acr")
        owner = next((d for d in drafts if any(m.text == acronym for m in d.mentions)), None)
        if owner is None or owner.actor is not None or len(owner.names) > 1:
            continue
        words = match.group("full").split()
        # Keep the words whose initials make the acronym, counting back from the bracket.
        for size in range(len(words), 0, -1):
            candidate = " ".join(words[-size:])
            if words[-size][0].isupper() and _initials(candidate) == acronym.upper():
                start = match.start("full") + match.group("full").rfind(candidate)
                owner.mentions.append(
                    Mention(candidate, (start, start + len(candidate)), "ORG", None, "ner")
                )
                break


def _merge_named(drafts: list[EntityDraft], into: EntityDraft, name: str) -> None:
    key = name_key(name)
    for other in list(drafts):
        if other is not into and any(name_key(m.text) == key for m in other.mentions):
            into.absorb(other)
            drafts.remove(other)


def _add_bare_occurrences(draft: EntityDraft, acronym: str, text: str) -> None:
    """Occurrences the tagger missed: every whole-word use of a defined acronym."""
    taken = {m.span for m in draft.mentions}
    for match in re.finditer(rf"(?<![\w-]){re.escape(acronym)}(?![\w-])", text):
        if match.span() not in taken:
            draft.mentions.append(
                Mention(text=acronym, span=match.span(), label="ORG", via="acronym")
            )


def _is_acronym(name: str) -> bool:
    return 2 <= len(name) <= 8 and name.isupper() and name.isalpha()


def _initials(name: str) -> str:
    words = re.findall(r"[A-Za-z][\w'’-]*", name)
    return "".join(w[0] for w in words if w[0].isupper())


_KNOWN_AS = re.compile(
    r"^,?\s*(?:(?:a|an|the)\s+[\w\s-]{0,40}?\s+)?(?:(?:who|which)\s+(?:is|was|are|were)\s+)?"
    r"(?:also|better|widely|commonly)?\s*"
    r"(?:known\s+as|alias|a\.k\.a\.?|nicknamed|dubbed|whose\s+real\s+name\s+(?:is|was))\s+[\"“']?(?P<name>[A-Z][\w'’-]*(?:\s+[A-Z][\w'’-]*){0,3})"
)


def fold_known_as(drafts: list[EntityDraft], text: str) -> list[EntityDraft]:
    """'Asadullah Akhtar, also known as Haddi', 'Yasin Bhatkal, whose real name is Mohammed
    Ahmed Sidibappa': the other name is the same person or group."""
    for draft in list(drafts):
        if draft not in drafts:
            continue
        for mention in list(draft.mentions):
            match = _KNOWN_AS.match(text[mention.span[1] : mention.span[1] + 120])
            if match is None:
                continue
            name = match.group("name")
            _merge_named(drafts, draft, name)
            start = mention.span[1] + match.start("name")
            span = (start, start + len(name))
            if not any(m.span == span for m in draft.mentions):
                draft.mentions.append(Mention(name, span, mention.label, None, "short_name"))
            _add_bare_occurrences(draft, name, text)
    return drafts


def fold_short_names(drafts: list[EntityDraft], text: str) -> list[EntityDraft]:
    """Merge surnames and short forms ("Nazary", "Al-Adl", "Zawahiri") into the full names.

    Where two people share the short form, each mention goes to the one a cue names ("the
    younger Massoud" is the son) or else to the one named most recently before it.
    """
    people = [d for d in drafts if d.kind == "person" and len(d.name.split()) > 1]
    for draft in list(drafts):
        if draft.actor is not None:
            continue
        # A short form is shorter than the names it shortens: "Abdel Rahman" for "Rami Abdel
        # Rahman", never "Ahmad Massoud" for "Ahmad Shah Massoud".
        size = len(draft.name.split())
        owners = [
            p
            for p in people
            if p is not draft
            and len(p.name.split()) > size
            and _shortens(draft.name, p.name)
            # A name of several words is a short form only after the full name; before it, it
            # is someone else ("Karim Haddad, son of Yusuf Karim Haddad").
            and (size == 1 or p.first < draft.first)
        ]
        if not owners or (size > 1 and draft.kind != "person"):
            continue
        for mention in draft.mentions:
            owner = _owner_for(mention, owners, text)
            owner.mentions.append(_with_cue(mention, text))
            owner.kind_votes["person"] += 1
        drafts.remove(draft)
        if draft in people:
            people.remove(draft)
    _add_missed_short_forms(people, drafts, text)
    _fold_organisation_heads(drafts)
    return drafts


def _fold_organisation_heads(drafts: list[EntityDraft]) -> None:
    """'the Observatory' after 'the Syrian Observatory for Human Rights': a one-word name that
    is a capitalised word of exactly one longer, uncatalogued organisation's name."""
    long_names = [d for d in drafts if d.kind != "person" and len(d.name.split()) >= 3]
    for draft in list(drafts):
        if draft.actor is not None or " " in draft.name or draft.kind == "person":
            continue
        owners = [d for d in long_names if d is not draft and draft.name in d.name.split()[1:]]
        if len(owners) == 1 and owners[0].first < draft.first:
            owners[0].absorb(draft)
            drafts.remove(draft)


def _add_missed_short_forms(
    people: list[EntityDraft], drafts: list[EntityDraft], text: str
) -> None:
    """'Later Kone declined…': a surname the tagger missed once, found by its earlier use."""
    taken = [m.span for d in drafts for m in d.mentions]
    surnames = [_GENERATION_SUFFIX.sub("", p.name).split()[-1] for p in people]
    for person, surname in zip(people, surnames, strict=True):
        shorts = {m.text for m in person.mentions if m.via == "short_name" and " " not in m.text}
        # A surname no one else in the report bears is this person wherever it stands alone.
        if surnames.count(surname) == 1 and len(surname) > 3 and surname[0].isupper():
            shorts.add(surname)
        for short in shorts:
            for match in re.finditer(rf"(?<![\w-]){re.escape(short)}(?![\w-])", text):
                span = match.span()
                if any(s < span[1] and span[0] < e for s, e in taken):
                    continue
                person.mentions.append(Mention(short, span, "PERSON", None, "short_name"))
                taken.append(span)


_GENERATION_SUFFIX = re.compile(r",?\s+(?:Jr\.?|Sr\.?|II|III|IV)$")


def _shortens(short: str, full: str) -> bool:
    """'Nazary' shortens 'Ali Maisam Nazary'; 'Brawner' shortens 'Romeo Brawner Jr.'."""
    short_key = _bare(short)
    parts = _GENERATION_SUFFIX.sub("", full).split()
    return any(_bare(" ".join(parts[i:])) == short_key for i in range(1, len(parts)))


def _bare(name: str) -> str:
    return name_key(_ARTICLE_PREFIX.sub("", name.strip()))


def _owner_for(mention: Mention, owners: list[EntityDraft], text: str) -> EntityDraft:
    if len(owners) == 1:
        return owners[0]
    cue = _GENERATION_CUE.search(text, max(0, mention.span[0] - 20), mention.span[0])
    if cue is not None:
        younger = _youngest(owners, text)
        if younger is not None:
            others = [o for o in owners if o is not younger]
            return younger if cue.group("cue").casefold() in _YOUNGER else others[0]
    before = [o for o in owners if o.first < mention.span[0]]
    nearest = max(
        before or owners,
        key=lambda o: max(
            (m.span[0] for m in o.mentions if m.span[0] < mention.span[0]), default=-1
        ),
    )
    if mention.span[0] - nearest.first > _SURNAME_WINDOW and len(before) > 1:
        return owners[0]
    return nearest


def _youngest(owners: list[EntityDraft], text: str) -> EntityDraft | None:
    """The one described as the son or daughter of another of them, if the text says so."""
    for child in owners:
        for parent in owners:
            if child is parent:
                continue
            pattern = (
                rf"{re.escape(child.name)}\W{{1,3}}(?:the\s+)?(?:son|daughter)\s+of\s+"
                rf"(?:[\w-]+\s+){{0,4}}?{re.escape(parent.name)}"
            )
            if re.search(pattern, text):
                return child
    return None


def _with_cue(mention: Mention, text: str) -> Mention:
    """'Massoud' after 'the younger' becomes the mention 'the younger Massoud'."""
    cue = _GENERATION_CUE.search(text, max(0, mention.span[0] - 20), mention.span[0])
    if cue is None:
        return Mention(mention.text, mention.span, mention.label, mention.actor, "short_name")
    start = cue.start()
    return Mention(
        text[start : mention.span[1]], (start, mention.span[1]), "PERSON", None, "short_name"
    )
