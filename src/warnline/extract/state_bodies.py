"""State bodies named by a common noun: "the army", "the government", "US special forces",
"Libya's health ministry".

Reports name a country's army, police, government or ministries without a proper name, and an
analyst codes each as an actor ("Military Forces of Niger"). Which country is meant:
- a modifier says it: a demonym or a country's name ("Malian troops", "Niger's army", "US
  forces");
- otherwise the same body named with its country shortly before ("Pakistani troops … the army");
- otherwise the country the report is about (its dateline and most-mentioned country).
The body is then the catalogue actor that stands for it on the report's date (the Taliban are
Afghanistan's government since August 2021), or an entity named as ACLED names state actors.
The nouns and names are data: vocab/state_bodies.yaml.
"""

from __future__ import annotations

import datetime as dt
import re
from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass
from functools import lru_cache
from typing import TYPE_CHECKING

import pycountry
from pydantic import BaseModel, ConfigDict, model_validator

from warnline.catalogue.actors import Catalogue
from warnline.extract.doc_text import doc_text
from warnline.extract.mentions import EntityDraft, Mention
from warnline.extract.regex_trie import trie_alternation
from warnline.extract.spans import Span, name_key
from warnline.records import Dateline, Place
from warnline.vocab import read_vocab

if TYPE_CHECKING:
    from spacy.tokens import Doc

# How many sentences back "the army" may take its country from an explicit mention.
_SENTENCES_BACK = 2
MINISTRY = "ministry"
# "former Afghan security forces" are people who served a body, not the body as it is now.
_PAST_MARKERS = ("former", "erstwhile", "ex")


class BodyNouns(BaseModel):
    model_config = ConfigDict(frozen=True, extra="forbid")

    kind: str
    name: str
    heads: tuple[str, ...]
    bare: tuple[str, ...]
    unmodified: tuple[str, ...]

    @model_validator(mode="after")
    def _check(self) -> BodyNouns:
        if not set(self.bare) | set(self.unmodified) <= set(self.heads):
            raise ValueError("bare and unmodified nouns must be among the heads")
        return self


class MinistryNouns(BaseModel):
    model_config = ConfigDict(frozen=True, extra="forbid")

    kind: str
    name: str
    portfolios: dict[str, str]


class StateBodyVocab(BaseModel):
    model_config = ConfigDict(frozen=True, extra="forbid")

    bodies: dict[str, BodyNouns]
    ministries: MinistryNouns
    modifiers: dict[str, str]


@lru_cache(maxsize=1)
def load_state_body_vocab() -> StateBodyVocab:
    """vocab/state_bodies.yaml, validated."""
    vocab = read_vocab("state_bodies.yaml", StateBodyVocab)
    for code in vocab.modifiers.values():
        if pycountry.countries.get(alpha_2=code) is None:
            raise ValueError(f"vocab/state_bodies.yaml: {code!r} is not an ISO 3166-1 code")
    return vocab


@lru_cache(maxsize=1)
def country_modifiers() -> dict[str, str]:
    """Words that name a country before a noun -> its ISO code: names and demonyms
    (countryinfo's), with the vocab's additions first. A demonym two countries share goes to
    the more populous one."""
    import countryinfo  # imported here: only the actor layer needs it

    by_word: dict[str, tuple[int, str]] = {}
    for country in countryinfo.all_countries():
        code = country.iso(2)
        record = pycountry.countries.get(alpha_2=code) if isinstance(code, str) else None
        if record is None:
            continue
        population = int(country.population() or 0)
        names = {country.name(), country.demonym(), record.name}
        names.add(getattr(record, "common_name", record.name))
        for word in names:
            if isinstance(word, str) and word and by_word.get(word, (-1, ""))[0] < population:
                by_word[word] = (population, code)
    found = {word: code for word, (_, code) in by_word.items()}
    found.update(load_state_body_vocab().modifiers)
    return found


def country_name(code: str) -> str:
    record = pycountry.countries.get(alpha_2=code)
    if record is None:
        return code
    return str(getattr(record, "common_name", record.name))


@dataclass(frozen=True)
class Setting:
    """What a report is about, for the bodies it leaves unnamed."""

    home_country: str | None
    published: dt.date | None


def home_country(places: Iterable[Place], dateline: Dateline | None) -> str | None:
    """The country a report is about: the one its place mentions name most, the dateline's
    counting once more (a Washington dateline over a report on Syria loses to Syria)."""
    votes: Counter[str] = Counter()
    for place in places:
        if place.country:
            votes[place.country] += len(place.mentions) + (
                1 if dateline is not None and dateline.place == place.id else 0
            )
    if not votes:
        return None
    return votes.most_common(1)[0][0]


@dataclass(frozen=True)
class BodyMention:
    span: Span
    text: str
    body: str  # "military", "police", "government", "ministry:<Portfolio>" or "ministry"
    country: str | None  # from a modifier


def find_state_bodies(
    drafts: list[EntityDraft], doc: Doc, setting: Setting, catalogue: Catalogue
) -> None:
    """Add each state body mention to the draft of its actor (a new draft when none has it)."""
    found = list(_body_mentions(doc_text(doc)))
    if not found:
        return
    sentence_starts = [s.start_char for s in doc.sents]
    resolved: list[tuple[BodyMention, str]] = []  # with the country decided
    for mention in found:
        if _covered_by_a_name(drafts, mention.span) or not _names_the_body(doc, mention.span):
            continue
        country = (
            mention.country
            or _recent_country(mention, resolved, sentence_starts)
            or _named_country(mention, drafts, sentence_starts)
            or setting.home_country
        )
        if country is None:
            continue
        resolved.append((mention, country))
        _release_inner(drafts, mention.span)
        _add(drafts, mention, country, setting, catalogue)


def _body_mentions(text: str) -> list[BodyMention]:
    vocab = load_state_body_vocab()
    modifiers = country_modifiers()
    found: list[BodyMention] = []
    for match in _pattern().finditer(text):
        groups = match.groupdict()
        written = groups["head_m"] or groups["head_o"] or groups["head_b"]
        head = written.casefold()
        portfolio = groups["portfolio"] or groups["portfolio_of"]
        modifier, article = groups["mod"], groups["det"] is not None
        country = modifiers.get(groups["of"] or modifier or "")
        if portfolio:
            body = f"{MINISTRY}:{vocab.ministries.portfolios[portfolio.casefold()]}"
        elif head == MINISTRY:
            if not article or modifier:
                continue
            body = MINISTRY  # "the ministry": one named just before
        else:
            body = next(b for b, nouns in vocab.bodies.items() if head in nouns.heads)
            nouns = vocab.bodies[body]
            if (
                country is None
                and head not in nouns.unmodified
                and not (article and head in nouns.bare)
            ):
                continue
        if written[0].isupper() and re.match(r"\s+of\s+[A-Z]", text[match.end() :]):
            continue  # "the Government of National Unity": a name
        start = match.start("core") if modifier else match.start()
        if modifier and match.group("core")[len(modifier) :].startswith(("'s", "’s")):
            # "Niger's defence ministry": the country stays a place; the body is what follows.
            rest = match.group("core")[len(modifier) + 2 :]
            start += len(modifier) + 2 + len(rest) - len(rest.lstrip())
        found.append(BodyMention((start, match.end()), text[start : match.end()], body, country))
    return found


@lru_cache(maxsize=1)
def _pattern() -> re.Pattern[str]:
    """ "[the] [Malian|Niger's] army [of Niger]", "the defence ministry", "ministry of defence".

    Not when a capitalised word follows ("the Government of National Unity", "the Army
    Public School"): that is a name, which the tagger or the catalogue finds."""
    vocab = load_state_body_vocab()
    heads = {h for nouns in vocab.bodies.values() for h in nouns.heads} | {MINISTRY}
    countries = trie_alternation(country_modifiers())  # hundreds of names: see regex_trie
    return re.compile(
        rf"(?<![\w-])(?P<det>[Tt]he\s+)?(?P<core>(?:(?P<mod>{countries})"
        rf"(?:['’]s)?\s+)?"
        rf"(?:(?P<portfolio>(?i:{_alternation(vocab.ministries.portfolios)}))\s+"
        rf"(?P<head_m>(?i:{MINISTRY}))"
        rf"|(?P<head_o>(?i:{MINISTRY}))\s+of\s+"
        rf"(?P<portfolio_of>(?i:{_alternation(vocab.ministries.portfolios)}))"
        rf"|(?P<head_b>(?i:{_alternation(heads)})))"
        rf"(?:\s+of\s+(?:the\s+)?(?P<of>{countries}))?)"
        rf"(?![\w-])(?!\s+[A-Z][a-z])"
    )


def _alternation(words: Iterable[str]) -> str:
    return "|".join(sorted(map(re.escape, words), key=len, reverse=True))


def _names_the_body(doc: Doc, span: Span) -> bool:
    """Not a modifier of another noun ("the police chief", "Turkish military support"), a
    count of its members ("1,000 American troops") nor its past members ("former Afghan
    security forces")."""
    words = doc.char_span(*span, alignment_mode="expand")
    if words is None:
        return False
    if words[-1].dep_ == "compound" or (
        words[-1].dep_ == "amod" and words[-1].head.i > words[-1].i
    ):
        return False
    before = doc[words.start - 1] if words.start > 0 else None
    return before is None or not (before.like_num or before.lower_ in _PAST_MARKERS)


def _covered_by_a_name(drafts: list[EntityDraft], span: Span) -> bool:
    """Whether a found name already covers the span or crosses its edge ("Pakistan Army",
    "the Government of National Unity"). A mention of exactly the span that the catalogue
    does not know ("defence ministry" tagged as an organisation) is the body's to take."""
    for draft in drafts:
        for mention in draft.mentions:
            start, end = mention.span
            if (start, end) == span:
                return mention.actor is not None
            if start < span[1] and span[0] < end and not (span[0] <= start and end <= span[1]):
                return True
    return False


def _release_inner(drafts: list[EntityDraft], span: Span) -> None:
    """Drop mentions inside the span ("US" in "US special forces"): the body is the actor."""
    for draft in drafts:
        draft.mentions[:] = [
            m for m in draft.mentions if not (span[0] <= m.span[0] and m.span[1] <= span[1])
        ]
    drafts[:] = [d for d in drafts if d.mentions]


def _recent_country(
    mention: BodyMention, resolved: list[tuple[BodyMention, str]], sentence_starts: list[int]
) -> str | None:
    """The country of the same body named shortly before, if any."""
    here = _sentence_of(mention.span[0], sentence_starts)
    for earlier, country in reversed(resolved):
        if here - _sentence_of(earlier.span[0], sentence_starts) > _SENTENCES_BACK:
            break
        if _same_body(earlier.body, mention.body):
            return country
    return None


def _named_country(
    mention: BodyMention, drafts: list[EntityDraft], sentence_starts: list[int]
) -> str | None:
    """The country of a catalogue state body named by its name shortly before ("the Pakistan
    Army … the army")."""
    here = _sentence_of(mention.span[0], sentence_starts)
    best: tuple[int, str] | None = None
    for draft in drafts:
        actor = draft.actor
        if actor is None:
            continue
        for role in actor.stands_for:
            if role.body != mention.body:
                continue
            for named in draft.mentions:
                start = named.span[0]
                near = here - _sentence_of(start, sentence_starts) <= _SENTENCES_BACK
                if start < mention.span[0] and near and (best is None or start > best[0]):
                    best = (start, role.country)
    return best[1] if best else None


def _same_body(earlier: str, later: str) -> bool:
    if later == MINISTRY:
        return earlier.startswith(f"{MINISTRY}:")
    return earlier == later


def _sentence_of(offset: int, sentence_starts: list[int]) -> int:
    return sum(1 for start in sentence_starts if start <= offset)


def _add(
    drafts: list[EntityDraft],
    mention: BodyMention,
    country: str,
    setting: Setting,
    catalogue: Catalogue,
) -> None:
    vocab = load_state_body_vocab()
    actor = None
    if mention.body == MINISTRY:
        draft = _latest_ministry(drafts, mention.span[0])
        if draft is None:
            return
        draft.mentions.append(Mention(mention.text, mention.span, "STATE", None, "state_body"))
        return
    if mention.body.startswith(f"{MINISTRY}:"):
        portfolio = mention.body.split(":", 1)[1]
        name = vocab.ministries.name.format(portfolio=portfolio, country=country_name(country))
        kind = vocab.ministries.kind
    else:
        actor = catalogue.state_body(country, mention.body, setting.published)
        nouns = vocab.bodies[mention.body]
        name = actor.name if actor else nouns.name.format(country=country_name(country))
        kind = actor.kind if actor else nouns.kind
    new = Mention(mention.text, mention.span, "STATE", actor, "state_body")
    for draft in drafts:
        if (actor is not None and draft.actor is not None and draft.actor.id == actor.id) or (
            actor is None and name_key(draft.name) == name_key(name)
        ):
            draft.mentions.append(new)
            return
    draft = EntityDraft(mentions=[new], canonical=name)
    draft.kind_votes[kind] += 1
    drafts.append(draft)


def _latest_ministry(drafts: list[EntityDraft], before: int) -> EntityDraft | None:
    ministries = [
        (max(m.span[0] for m in d.mentions if m.span[0] < before), d)
        for d in drafts
        if d.canonical
        and d.canonical.startswith("Ministry of ")
        and any(m.span[0] < before for m in d.mentions)
    ]
    return max(ministries, key=lambda pair: pair[0])[1] if ministries else None
