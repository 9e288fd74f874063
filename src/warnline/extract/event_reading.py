"""Reading one sentence into event drafts: the cue matches that are events, grouped by the
event they describe, each with its sides, place, date, toll figures and claim.

A sentence with no event word but a toll ("The death toll rose to 15") gives a draft that can
only join the event before it.
"""

from __future__ import annotations

from dataclasses import replace
from typing import TYPE_CHECKING

from warnline.extract.event_actors import Side
from warnline.extract.event_coding import code_event, side_category, target_of
from warnline.extract.event_context import ReportContext
from warnline.extract.event_cues import EventCues
from warnline.extract.event_links import link_triggers
from warnline.extract.event_merge import VIOLENT, Draft
from warnline.extract.event_needs import Reading, needs_met
from warnline.extract.event_ownership import Owned, assign_owned, choose_place, in_dateline
from warnline.extract.event_parse import (
    SINGULAR_REFLEXIVES,
    children,
    counted_noun,
    has_key,
    has_object_in,
    is_verbal,
    paragraph_span,
    prep_objects,
)
from warnline.extract.event_roles import taken_objects
from warnline.extract.event_sense import rejection
from warnline.extract.event_tolls import Figure, read_figure, toll_kind
from warnline.extract.event_triggers import Trigger, find_triggers
from warnline.records import Claim, DateMention, Place, Toll

if TYPE_CHECKING:
    from spacy.tokens import Span as DocSpan
    from spacy.tokens import Token

_ONE = frozenset({"a", "an", "one"})
_POSSESSIVE = frozenset({"its", "their", "his", "her", "our"})
_OF = frozenset({"of"})
_DEFINITE = frozenset({"the", "this", "that", "these", "those", "its", "their", "such"})


def read_sentence(sent: DocSpan, position: int, ctx: ReportContext) -> list[Draft]:
    """The event drafts one sentence gives."""
    triggers = find_triggers(sent, ctx.cues, ctx.index.forms)
    cue_tokens = frozenset(t.i for t in triggers)
    readings: dict[tuple[str, int], Reading] = {}
    sinks: list[Trigger] = []
    for trigger in triggers:
        if rejection(trigger, cue_tokens, ctx.index, ctx.cues) is not None:
            sinks.append(trigger)
            continue
        reading = Reading(
            trigger,
            ctx.reader.agent(trigger),
            ctx.reader.patient(trigger),
            sent,
            cue_tokens,
            ctx.index,
            ctx.cues,
        )
        if needs_met(reading):
            readings[(trigger.cue.id, trigger.i)] = reading
    sunk = frozenset(t.i for t in sinks)
    for key, reading in list(readings.items()):
        token = reading.trigger.token
        if token.dep_ in {"relcl", "acl"} and token.head.i in sunk:
            # "the September 11 attacks, which killed nearly 3,000": part of the anchor.
            sinks.append(reading.trigger)
            del readings[key]
    groups = link_triggers([r.trigger for r in readings.values()], ctx.cues)
    owned = assign_owned(sent, [[t.token for t in g] for g in groups], sinks, ctx)
    _adopt_stray_tolls(groups, owned, ctx)
    drafts = [
        _draft([readings[(t.cue.id, t.i)] for t in group], owned[n], sent, position, ctx)
        for n, group in enumerate(groups)
    ]
    if not groups and owned[-1].quantities:
        drafts.append(_toll_only(owned[-1], sent, position, ctx))
    return _fold_harm([d for d in drafts if d.figures or d.cue is not None])


def _adopt_stray_tolls(groups: list[list[Trigger]], owned: list[Owned], ctx: ReportContext) -> None:
    """A toll the parse cut off from every event word of its sentence ("after an assault that
    began on Friday and, according to local activists, left more than 400 people dead", where
    "left" hangs on "said") goes to the event word just before it, or else just after it
    ("relatives put it at around 400 dead, while the group said it had killed about 300")."""
    if not groups:
        return
    stray = owned[-1]
    for item in list(stray.quantities):
        number = item[2]
        if toll_kind(item[1].counts, ctx.cues) is None or _dated_clause(number, ctx):
            continue  # "…, and more than 1,500 people died … last year": another matter
        n = min(range(len(groups)), key=lambda k: _reach(groups[k], number))
        owned[n].quantities.append(item)
        stray.quantities.remove(item)


def _reach(group: list[Trigger], number: Token) -> tuple[int, int]:
    """How far a group's event words are from a number: those before it first."""
    before = [number.i - t.i for t in group if t.i < number.i]
    if before:
        return (0, min(before))
    return (1, min(t.i - number.i for t in group))


def _dated_clause(number: Token, ctx: ReportContext) -> bool:
    clause = next((t for t in number.ancestors if is_verbal(t)), None)
    return clause is not None and any(t.i in ctx.index.date_at for t in clause.subtree)


def _fold_harm(drafts: list[Draft]) -> list[Draft]:
    """A bare "were killed" beside another event word of the sentence ("killed since the
    fighting began", "were killed when two car bombs exploded") tells of that event's harm:
    its figures, kills and sides go to the nearest violent event word in the sentence."""
    events = [d for d in drafts if d.cue is not None and not d.cue.harm_only and d.type in VIOLENT]
    if not events:
        return drafts
    kept: list[Draft] = []
    for draft in drafts:
        if draft.cue is None or not draft.cue.harm_only or _named(draft):
            kept.append(draft)
            continue
        target = min(events, key=lambda e: abs(e.spans[0][0] - draft.spans[0][0]))
        target.figures.extend(draft.figures)
        target.kills = max(target.kills, draft.kills)
        if target.actor2 is None and draft.actor2 is not None:
            target.actor2 = draft.actor2
            target.categories = (target.categories[0], draft.categories[1])
        target.claim = target.claim or draft.claim
    return kept


def _named(draft: Draft) -> bool:
    return any(s is not None and s.named for s in (draft.actor1, draft.actor2))


def _draft(
    readings: list[Reading], owned: Owned, sent: DocSpan, position: int, ctx: ReportContext
) -> Draft:
    """One event as this sentence tells it, named by its most specific cue."""
    readings.sort(key=lambda r: -r.trigger.cue.rank)
    top = readings[0].trigger
    actor1, actor2, associated = _sides(readings, sent, ctx)
    if actor1 is not None and actor1.entity is None and actor1.category == "civilians":
        actor1 = None  # "a man threw a grenade": an unknown attacker, not civilians
    date = owned.dates[0][1] if owned.dates else None
    day = date.end if date is not None and date.end is not None else ctx.published
    figures = _figures(owned, position, ctx)
    kind, sub_type = code_event(
        top.cue,
        actor1,
        target_of(actor2, [] if _named_fight(top) else figures, ctx.index, ctx.cues, day),
        sent,
        ctx.index,
        ctx.cues,
        day,
    )
    actors = {s.entity for s in (actor1, actor2) if s is not None and s.entity is not None}
    place, geo = choose_place(owned, actors | set(associated), ctx)
    if place is None:
        place, geo = _place_of_pronoun(top, sent, ctx)
    kills = _kills(readings, ctx)
    named = any(s is not None and s.named for s in (actor1, actor2))
    return Draft(
        sentence=position,
        last=position,
        spans=[paragraph_span(sent, top.token)],
        cue=top.cue,
        type=kind,
        sub_type=sub_type,
        anaphoric=_refers_back(readings),
        follow_only=_predicative(top.token),
        separate=_separate(readings, sent, ctx.cues),
        # Enough to code an event on its own: a named side, a place, a date or a toll.
        evidence=bool(named or place or date or figures or kills),
        actor1=actor1,
        actor2=actor2,
        categories=(
            side_category(actor1, ctx.index, day),
            side_category(actor2, ctx.index, day),
        ),
        associated=associated,
        place=place,
        geo=geo,
        date=date,
        date_vague=date is not None and _vague_date(date, ctx.cues),
        figures=figures,
        kills=kills,
        claim=_claim_at(top.token.idx, ctx.claims),
        token=top.token,
    )


def _sides(
    readings: list[Reading], sent: DocSpan, ctx: ReportContext
) -> tuple[Side | None, Side | None, list[str]]:
    """actor1, actor2 and the associated actors of one event, from all its matches (the most
    specific first)."""
    actor1 = next((r.agent for r in readings if r.agent is not None), None)
    actor2 = next(
        (
            r.patient
            for r in readings
            if r.patient is not None
            and (actor1 is None or r.patient.entity is None or r.patient.entity != actor1.entity)
        ),
        None,
    )
    if _toll_of_battle(actor2, readings):
        # "the battle killed more than 1,100 people": those are a toll of the fighting, not a
        # side it was fought against.
        actor2 = None
    if actor1 is None and actor2 is not None and readings[0].trigger.cue.symmetric:
        # "200 soldiers were killed in clashes with JNIM": the side that was hit fought too.
        actor1 = next(
            (r.patient for r in readings if r.patient is not None and r.patient != actor2),
            None,
        )
    if actor1 is None:
        exclude = {actor2.entity} if actor2 is not None and actor2.entity else set()
        actor1 = next(
            (
                side
                for r in readings
                if (side := ctx.reader.passive_actor(r.trigger, exclude)) is not None
            ),
            None,
        )
    associated: list[str] = []
    if actor1 is not None:
        joined = ctx.reader.conjoined(actor1.token)
        if joined and actor2 is None and readings[0].trigger.cue.symmetric:
            actor2, joined = Side(joined[0], None, actor1.token), joined[1:]
        associated.extend(joined)
    associated.extend(ctx.reader.associates(sent, [r.trigger.token for r in readings]))
    if actor1 is not None and actor2 is not None and actor1.entity == actor2.entity:
        actor2 = None if actor1.entity is not None else actor2
    taken = {s.entity for s in (actor1, actor2) if s is not None}
    unique = [a for n, a in enumerate(associated) if a not in taken and a not in associated[:n]]
    return actor1, actor2, unique


def _figures(owned: Owned, position: int, ctx: ReportContext) -> list[Figure]:
    found: list[Figure] = []
    for _, quantity, root in owned.quantities:
        claim = _claim_at(quantity.span[0], ctx.claims)
        subset = _subset(root, ctx.cues)
        harm = _harm_of(root)
        partitive = _partitive(root)
        figure = read_figure(quantity, claim, position, subset, ctx.cues, harm, partitive)
        if figure is None:
            continue
        found.append(figure)
        singles = [t.lemma_ for t in _singles_beside(root, ctx)]
        verb = _verb_of(root)
        if verb is not None and _companions(verb, ctx):
            singles.append("companion")  # "two of his children died with him": three
        for noun in singles:
            # "Twenty soldiers and a civilian were killed": 21.
            found.append(replace(figure, toll=Toll(best=1, low=1, high=1), noun=noun))
    return found


def _partitive(number: Token) -> bool:
    """ "nine *of its staff*": a count of one body's own people, a part of the event's dead."""
    return any(
        has_key(c, _POSSESSIVE) for obj in prep_objects(number, _OF) for c in children(obj, "poss")
    )


def _verb_of(number: Token) -> Token | None:
    noun = counted_noun(number)
    if noun.dep_ in {"nsubj", "nsubjpass"} and is_verbal(noun.head):
        return noun.head
    return None


def _singles_beside(number: Token, ctx: ReportContext) -> list[Token]:
    """Single people listed with a counted group: "Twenty soldiers and *a civilian*",
    "killing *a senior commander* … and two of his companions", "*X* and three bodyguards"."""
    noun = counted_noun(number)
    listed = [*children(noun, "conj")]
    if noun.dep_ == "conj":
        listed.append(noun.head)
    return [t for t in listed if t.i not in ctx.index.quantity_at and _one_person(t, ctx)]


def _one_person(token: Token, ctx: ReportContext) -> bool:
    if token.i in ctx.index.entity_at:
        return _is_person(token, ctx)
    return token.tag_ == "NN" and any(c.lower_ in _ONE for c in children(token, "det", "nummod"))


def _harm_of(number: Token) -> str | None:
    """The verb a counted group is the object of: "killed" in "100 people were killed",
    "fatally wounded" in "two were fatally wounded"."""
    noun = counted_noun(number)
    if noun.dep_ not in {"dobj", "nsubjpass", "nsubj"} or not is_verbal(noun.head):
        return None
    verb = noun.head
    manner = [c.lower_ for c in children(verb, "advmod")]
    # "shot 23 people dead", "shot dead 23 people" (the parser hangs "dead" on the people).
    result = [
        c.lower_
        for c in (*children(verb, "oprd", "acomp", "advcl"), *children(noun, "amod"))
        if c.pos_ == "ADJ"
    ]
    particle = [c.lower_ for c in children(verb, "prt")]  # "gunned down"
    return " ".join([*manner, verb.lower_, *particle, *result])


def _subset(root: Token, cues: EventCues) -> bool:
    """ "including three children", "among them two soldiers": a part of a figure."""
    single = frozenset(m for m in cues.subset_markers if " " not in m)
    current = root
    for _ in range(3):
        if has_key(current, single):
            return True
        current = current.head
    before = " ".join(t.lower_ for t in root.doc[max(0, root.i - 3) : root.i])
    return any(before.endswith(m) for m in cues.subset_markers)


def _kills(readings: list[Reading], ctx: ReportContext) -> int:
    """Named people killed ("X was assassinated", "X died in a drone strike", "killed
    himself"): one each, with those who died with them, when no figure is given."""
    for reading in readings:
        patient = reading.patient
        token = reading.trigger.token
        fatal = any(has_key(c, ctx.cues.fatal_modifiers) for c in children(token, "advmod"))
        if not (fatal or has_key(token, ctx.cues.single_kill_words)):
            continue
        if has_object_in(token, SINGULAR_REFLEXIVES):
            return 1 + _companions(token, ctx)
        if patient is None:
            continue
        if patient.token.tag_ == "NN" and not _is_person(patient.token, ctx):
            return 1 + _companions(token, ctx)  # "the leader of the SSA was killed": one
        if not _is_person(patient.token, ctx):
            continue
        others = ctx.reader.conjoined(patient.token)
        named = 1 + sum(ctx.index.entities[o].kind == "person" for o in others)
        return named + _companions(token, ctx)
    for reading in readings:
        verb = _dying_verb(reading.trigger.token, ctx)
        if verb is None:
            continue
        # "Kataib Hezbollah's founder, Abu Mahdi al-Muhandis, … died": the name in apposition.
        subjects = [s for t in children(verb, "nsubj") for s in (t, *children(t, "appos"))]
        # "the jihadist died during a confrontation": one, named or not.
        if any(_is_person(s, ctx) or s.tag_ == "NN" for s in subjects):
            return 1 + _companions(verb, ctx)
    return 0


def _dying_verb(token: Token, ctx: ReportContext) -> Token | None:
    """The verb of dying an event word is the circumstance of: "died *in* a drone strike"."""
    if token.dep_ != "pobj" or token.head.dep_ != "prep":
        return None
    verb = token.head.head
    return verb if has_key(verb, ctx.cues.death_verbs) else None


def _companions(verb: Token, ctx: ReportContext) -> int:
    """Those who died with the one named: "together with Qassem Soleimani", "with him"."""
    return sum(
        _is_person(obj, ctx) or obj.lower_ in ctx.cues.pronouns.person
        for obj in prep_objects(verb, ctx.cues.companion_prepositions)
    )


def _is_person(token: Token, ctx: ReportContext) -> bool:
    entity = ctx.index.entity_at.get(token.i)
    return entity is not None and ctx.index.entities[entity].kind == "person"


def _refers_back(readings: list[Reading]) -> bool:
    """The event word refers back ("the bombing"), or a generic one with it does ("The assault
    began when a bomber detonated explosives"); "during the fighting and in air strikes" does
    not make the strikes an event told before."""
    top = readings[0].trigger
    return any(
        _anaphoric(r.trigger.token) and (r.trigger is top or r.trigger.cue.generic)
        for r in readings
    )


def _anaphoric(token: Token) -> bool:
    """ "the attack", "this bombing": a noun that may refer back to an event told before."""
    return not is_verbal(token) and any(
        c.lower_ in _DEFINITE for c in children(token, "det", "poss")
    )


def _predicative(token: Token) -> bool:
    """ "It was the deadliest attack this year", "described the strike as an assassination": a
    description of an event, never one itself."""
    if _superlative(token) and token.dep_ != "nsubj":
        return True
    if token.dep_ == "pobj" and token.head.lower_ == "as":
        return True
    return token.dep_ == "attr" and any(children(token, "det"))


def _vague_date(date: DateMention, cues: EventCues) -> bool:
    return any(word in cues.vague_date_words for word in date.text.lower().split())


def _separate(readings: list[Reading], sent: DocSpan, cues: EventCues) -> bool:
    """ "In another attack", "a separate strike", "Separately, …": not the event before."""
    for reading in readings:
        token = reading.trigger.token
        if any(has_key(c, cues.separate_modifiers) for c in children(token, "det", "amod")):
            return True
        if _superlative(token) and token.dep_ == "nsubj":
            # "The deadliest attack took place in Musakhel": one of the attacks, told apart.
            return True
    opening = " ".join(t.lower_ for t in sent[:4])
    return any(opening.startswith(opener) for opener in cues.separate_openers)


def _claim_at(offset: int, claims: tuple[Claim, ...]) -> str | None:
    """The claim whose content holds this character, if any (the narrowest)."""
    holding = [c for c in claims if c.span[0] <= offset < c.span[1]]
    if not holding:
        return None
    return min(holding, key=lambda c: c.span[1] - c.span[0]).id


def _toll_only(owned: Owned, sent: DocSpan, position: int, ctx: ReportContext) -> Draft:
    """ "The death toll rose to 15": figures for the event just told, if one is close by and
    the sentence's date does not set them apart."""
    figures = _figures(owned, position, ctx)
    start = owned.quantities[0][2] if owned.quantities else sent[0]
    date = owned.dates[0][1] if owned.dates else None
    return Draft(
        sentence=position,
        last=position,
        spans=[paragraph_span(sent, start)],
        cue=None,
        type="",
        sub_type="",
        follow_only=True,
        date=date,
        date_vague=date is not None and _vague_date(date, ctx.cues),
        figures=figures,
        claim=_claim_at(start.idx, ctx.claims),
    )


def _toll_of_battle(patient: Side | None, readings: list[Reading]) -> bool:
    """Whether the side acted on is only the unnamed people a battle's harm word counts."""
    if patient is None or patient.named or patient.category != "civilians":
        return False
    if not readings[0].trigger.cue.symmetric:
        return False
    source = next(r for r in readings if r.patient is patient)
    return source.trigger.cue.harm_only


def _named_fight(trigger: Trigger) -> bool:
    """ "The battle", "the fighting": who died in it does not say whom it was fought against
    (unlike "a convoy was ambushed, and seven people were killed")."""
    return trigger.cue.symmetric and trigger.token.pos_ == "NOUN"


def _superlative(token: Token) -> bool:
    return any(c.tag_ == "JJS" for c in children(token, "amod"))


def _place_of_pronoun(
    trigger: Trigger, sent: DocSpan, ctx: ReportContext
) -> tuple[Place | None, int | None]:
    """ "… now operates in the Kunar valley, … the bastion … since it was overrun": a place
    taken that the sentence names only by a pronoun is the place it named last before it."""
    if not trigger.cue.object_is_place:
        return None, None
    pronoun = next((t for t in taken_objects(trigger) if t.tag_ == "PRP"), None)
    if pronoun is None:
        return None, None
    for i in range(pronoun.i - 1, sent.start - 1, -1):
        found = ctx.index.place_at.get(i)
        # "Azawad" in "the Strategic Framework for … Azawad" is part of a name, not the place.
        if found is not None and i not in ctx.index.entity_at and not in_dateline(found[1], ctx):
            place = ctx.index.places[found[0]]
            return place, place.precision
    return None, None
