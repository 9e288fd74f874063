"""Repairs to the tagger's actor mentions, where its spans are cut or joined at the wrong place.

- "bush", "Telegram", "Islam", "Tuareg", "Interior" are never actors;
- "US" + "Central Command" (the catalogue names "US", the tagger misses the rest) is one
  organisation, "US Central Command"; "US" + "State Department" is the catalogue's State
  Department;
- "Abdul-Malik al-" + "Houthi" is one person, not a person and the Houthis;
- "444" + "Combat Brigade" is one unit;
- "Taliban" + "forces" is the Taliban, named as its forces;
- "General Sylvain Ekenge" is Sylvain Ekenge: titles are roles, not names.
The word lists are data: vocab/mention_repairs.yaml.
"""

from __future__ import annotations

import re
from functools import cached_property, lru_cache
from typing import TYPE_CHECKING

from pydantic import BaseModel, ConfigDict

from warnline.catalogue.actors import Catalogue
from warnline.extract.doc_text import doc_text
from warnline.extract.spans import name_key
from warnline.vocab import read_vocab

if TYPE_CHECKING:
    from spacy.tokens import Doc

    from warnline.extract.mentions import Mention

_ARMED_KINDS = ("armed_group", "state_force", "government")


class RepairVocab(BaseModel):
    model_config = ConfigDict(frozen=True, extra="forbid")

    never_actors: dict[str, tuple[str, ...]]
    organisation_words: tuple[str, ...]
    unit_words: tuple[str, ...]
    name_particles: tuple[str, ...]
    force_nouns: tuple[str, ...]
    person_titles: tuple[str, ...]

    @cached_property
    def longest_titles_first(self) -> tuple[str, ...]:
        """ "Lieutenant General" is tried before "General"."""
        return tuple(sorted(self.person_titles, key=len, reverse=True))

    @cached_property
    def never(self) -> frozenset[str]:
        return frozenset(name_key(w) for words in self.never_actors.values() for w in words)


@lru_cache(maxsize=1)
def load_repair_vocab() -> RepairVocab:
    """vocab/mention_repairs.yaml, validated."""
    return read_vocab("mention_repairs.yaml", RepairVocab)


def repair_mentions(found: list[Mention], doc: Doc, catalogue: Catalogue) -> list[Mention]:
    """The mentions with the repairs above made, in text order."""
    vocab = load_repair_vocab()
    never = vocab.never
    kept = sorted(
        (
            m
            for m in found
            if m.actor is not None
            or (name_key(m.text) not in never and (m.label != "PERSON" or _has_capital(m.text)))
        ),
        key=lambda m: m.span,
    )
    kept = [_without_title(m, vocab) if m.label == "PERSON" else m for m in kept]
    kept = _join_name_particles(kept, doc_text(doc), vocab)
    kept = _join_country_prefixes(kept, doc, catalogue, vocab)
    return [_extended(m, doc_text(doc), vocab) for m in kept]


def _without_title(mention: Mention, vocab: RepairVocab) -> Mention:
    """'General Sylvain Ekenge' is Sylvain Ekenge (the title is a role, not a name)."""
    text, start = mention.text, mention.span[0]
    for title in vocab.longest_titles_first:
        if text.startswith(title + " "):
            rest = text[len(title) + 1 :]
            if rest[:1].isupper():
                cut = len(text) - len(rest)
                return type(mention)(
                    rest, (start + cut, mention.span[1]), mention.label, mention.actor, mention.via
                )
    return mention


def _has_capital(text: str) -> bool:
    return any(c.isupper() for c in text)


def _join_name_particles(found: list[Mention], text: str, vocab: RepairVocab) -> list[Mention]:
    particles = "|".join(map(re.escape, vocab.name_particles))
    ends_in_particle = re.compile(rf"(?i)(?:^|\s|-)(?:{particles})-?$")
    out: list[Mention] = []
    for mention in found:
        previous = out[-1] if out else None
        if (
            previous is not None
            and previous.label == "PERSON"
            and ends_in_particle.search(text[previous.span[0] : mention.span[0]])
            and text[previous.span[1] : mention.span[0]] in ("", "-")
        ):
            span = (previous.span[0], mention.span[1])
            out[-1] = type(mention)(text[span[0] : span[1]], span, "PERSON", None, previous.via)
            continue
        out.append(mention)
    return out


def _join_country_prefixes(
    found: list[Mention], doc: Doc, catalogue: Catalogue, vocab: RepairVocab
) -> list[Mention]:
    """A country's catalogue name right before one of its organisations: one name."""
    out: list[Mention] = []
    index = 0
    while index < len(found):
        mention = found[index]
        country = _country_of(mention)
        following = found[index + 1] if index + 1 < len(found) else None
        if (
            country is not None
            and following is not None
            and following.label == "ORG"
            and doc_text(doc)[mention.span[1] : following.span[0]] == " "
            and (following.actor is None or country in following.actor.countries)
        ):
            span = (mention.span[0], following.span[1])
            written = doc_text(doc)[span[0] : span[1]]
            actor = catalogue.lookup(written) or following.actor
            out.append(type(mention)(written, span, "ORG", actor, mention.via))
            index += 2
            continue
        if country is not None:
            mention = _with_organisation_words(mention, doc, catalogue, vocab)
        out.append(mention)
        index += 1
    return out


def _country_of(mention: Mention) -> str | None:
    """The country whose government the mention's actor is ("US"), else None."""
    actor = mention.actor
    if actor is None:
        return None
    return next((r.country for r in actor.stands_for if r.body == "government"), None)


def _with_organisation_words(
    mention: Mention, doc: Doc, catalogue: Catalogue, vocab: RepairVocab
) -> Mention:
    """'US' + 'Central Command' the tagger left untagged."""
    words = doc.char_span(*mention.span, alignment_mode="expand")
    if words is None:
        return mention
    run = []
    for token in doc[words.end : words.end + 5]:
        if token.ent_type_ or not token.is_title or token.pos_ != "PROPN":
            break
        run.append(token)
    while (
        run
        and run[-1].text not in vocab.organisation_words
        and not any(t.text in vocab.organisation_words for t in run)
    ):
        run.pop()
    if not run:
        return mention
    span = (mention.span[0], run[-1].idx + len(run[-1].text))
    written = doc_text(doc)[span[0] : span[1]]
    return type(mention)(written, span, "ORG", catalogue.lookup(written), mention.via)


def _extended(mention: Mention, text: str, vocab: RepairVocab) -> Mention:
    """A unit's number before it; 'forces' after an armed actor's name."""
    before = re.search(r"(?<![\w,.])(\d+)\s$", text[max(0, mention.span[0] - 8) : mention.span[0]])
    if before is not None and mention.text.split()[-1] in vocab.unit_words:
        start = mention.span[0] - len(before.group(0))
        return type(mention)(
            text[start : mention.span[1]],
            (start, mention.span[1]),
            mention.label,
            None,
            mention.via,
        )
    actor = mention.actor
    if actor is not None and actor.kind in _ARMED_KINDS:
        nouns = "|".join(map(re.escape, vocab.force_nouns))
        after = re.match(rf"\s(?:{nouns})\b", text[mention.span[1] : mention.span[1] + 12])
        if after is not None:
            end = mention.span[1] + after.end()
            return type(mention)(
                text[mention.span[0] : end],
                (mention.span[0], end),
                mention.label,
                actor,
                mention.via,
            )
    return mention
