"""Scoring the actor layers: actors, their aliases, roles and relations.

Predicted entities are mapped to gold actors by name; roles and relations are then compared as
triples of gold names, so an extractor is not punished twice for one missed actor's spelling.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field

from warnline.evaluate.gold import Annotation, GoldActor, gold_vocab
from warnline.evaluate.normalise import name_key, occurrences, overlaps, text_key
from warnline.evaluate.tally import Tally
from warnline.records import Analysis, Entity, Span


@dataclass
class ActorMatch:
    """Which predicted entity stands for which gold actor."""

    # Entity id -> gold actor: at most one entity per gold actor.
    primary: dict[str, GoldActor] = field(default_factory=dict)
    # Entity id -> the gold name it stands for (primary or a duplicate), else its own name.
    names: dict[str, str] = field(default_factory=dict)
    tally: Tally = field(default_factory=Tally)


def keys_of(name: str, aliases: Iterable[str]) -> set[str]:
    """The normalised name and aliases of an actor or entity."""
    return {name_key(name), *(name_key(alias) for alias in aliases)}


def map_actors(annotation: Annotation, analysis: Analysis, text: str) -> ActorMatch:
    """Match entities to gold actors and score the actor layer.

    An entity matches a gold actor when its name or an alias equals (by `name_key`) the gold
    name or an alias; name-to-name matches are made first. Each gold actor is matched once: a
    second entity for it is a false positive (the extractor failed to fold it in). An entity
    named in `not_actors` is always a false positive. An unmatched entity whose every mention
    overlaps a gold place's text is left to the place layer; any other is a false positive.
    """
    match = ActorMatch(names={e.id: e.name for e in analysis.entities})
    refused = {name_key(s) for s in annotation.not_actors}
    candidates = [e for e in analysis.entities if name_key(e.name) not in refused]
    for entity in analysis.entities:
        if name_key(entity.name) in refused:
            match.tally.invented(f"{entity.name!r} is not an actor")
    for by_name in (True, False):
        for entity in candidates:
            gold = None if entity.id in match.primary else _find(entity, annotation, by_name)
            if gold is not None and gold not in match.primary.values():
                match.primary[entity.id] = gold
                match.names[entity.id] = gold.name
                match.tally.hit()
    place_spans = [
        span for p in annotation.places for span in occurrences(p.text, text, ignore_case=True)
    ]
    for entity in candidates:
        if entity.id not in match.primary:
            _unmatched(entity, annotation, place_spans, match)
    for gold in annotation.actors:
        if gold not in match.primary.values():
            match.tally.missed(f"{gold.name!r} ({gold.kind}) not found")
    return match


def _find(entity: Entity, annotation: Annotation, by_name: bool) -> GoldActor | None:
    if by_name:
        key = name_key(entity.name)
        return next((g for g in annotation.actors if name_key(g.name) == key), None)
    keys = keys_of(entity.name, entity.aliases)
    return next((g for g in annotation.actors if keys & keys_of(g.name, g.aliases)), None)


def _unmatched(
    entity: Entity, annotation: Annotation, place_spans: list[Span], match: ActorMatch
) -> None:
    gold = _find(entity, annotation, by_name=False)
    if gold is not None:
        match.names[entity.id] = gold.name
        match.tally.invented(f"{entity.name!r} is a second entity for {gold.name!r}")
    elif entity.mentions and all(overlaps(m, place_spans) for m in entity.mentions):
        return
    else:
        match.tally.invented(f"{entity.name!r} ({entity.kind}) is not a gold actor")


def names_of(analysis: Analysis, match: ActorMatch) -> dict[str, str]:
    """Every entity and place id -> the gold name it stands for, else its own name."""
    return {p.id: p.name for p in analysis.places} | match.names


def score_actor_layer(match: ActorMatch) -> Tally:
    """The actor layer's tally, made while matching."""
    return match.tally


def score_aliases(analysis: Analysis, match: ActorMatch, text: str) -> Tally:
    """Over matched actors: each gold alias carried by the entity (its name, an alias or the text
    of one of its mentions) is a TP, else an FN; each entity alias not in the gold is an FP."""
    tally = Tally()
    entities = {e.id: e for e in analysis.entities}
    for entity_id, gold in match.primary.items():
        entity = entities[entity_id]
        carried = keys_of(entity.name, entity.aliases)
        carried |= {name_key(text[start:end]) for start, end in entity.mentions}
        for alias in gold.aliases:
            if name_key(alias) in carried:
                tally.hit()
            else:
                tally.missed(f"{alias!r} not folded into {gold.name!r}")
        wanted = keys_of(gold.name, gold.aliases)
        for key, alias in {name_key(a): a for a in entity.aliases}.items():
            if key not in wanted:
                tally.invented(f"{alias!r} is not an alias of {gold.name!r}")
    return tally


RoleTriple = tuple[str, str, str | None]


def score_roles(annotation: Annotation, analysis: Analysis, match: ActorMatch) -> Tally:
    """(person, title, of) triples by gold name; titles fit when one contains the other
    (casefolded), the same title first; a gold role with no `of` accepts any organisation.
    A role the analysis repeats word for word counts once."""
    tally = Tally()
    predicted = list(dict.fromkeys(_predicted_roles(analysis, match)))
    used: set[int] = set()
    for role in annotation.roles:
        fitting = [
            i
            for i, (person, title, of) in enumerate(predicted)
            if i not in used
            and person == role.person
            and _title_fits(role.title, title)
            and (role.of is None or of == role.of)
        ]
        if not fitting:
            tally.missed(f"{role.person} as {role.title!r} of {role.of or '-'}")
            continue
        same = [i for i in fitting if text_key(predicted[i][1]) == text_key(role.title)]
        used.add((same or fitting)[0])
        tally.hit()
    for i, (person, title, of) in enumerate(predicted):
        if i not in used:
            tally.invented(f"{person} as {title!r} of {of or '-'}")
    return tally


def _predicted_roles(analysis: Analysis, match: ActorMatch) -> Iterable[RoleTriple]:
    for entity in analysis.entities:
        for role in entity.roles:
            of = match.names.get(role.of, role.of) if role.of else None
            yield match.names[entity.id], role.title, of


def _title_fits(gold: str, predicted: str) -> bool:
    a, b = text_key(gold), text_key(predicted)
    return bool(a and b) and (a in b or b in a)


RelationKey = tuple[str, str, str]


def score_relations(annotation: Annotation, analysis: Analysis, match: ActorMatch) -> Tally:
    """(subject, predicate, object) triples by gold name; allied_with and opposes are symmetric."""
    tally = Tally()
    gold = {_relation_key(*triple): triple for triple in annotation.relations}
    names = names_of(analysis, match)
    predicted: dict[RelationKey, RelationKey] = {}
    for relation in analysis.relations:
        subject = names.get(relation.subject, relation.subject)
        obj = names.get(relation.object, relation.object)
        predicted[_relation_key(subject, relation.predicate, obj)] = (
            subject,
            relation.predicate,
            obj,
        )
    for key, (subject, predicate, obj) in gold.items():
        if key in predicted:
            tally.hit()
        else:
            tally.missed(f"{subject} {predicate} {obj}")
    for key, (subject, predicate, obj) in predicted.items():
        if key not in gold:
            tally.invented(f"{subject} {predicate} {obj}")
    return tally


def _relation_key(subject: str, predicate: str, obj: str) -> RelationKey:
    if predicate in gold_vocab().symmetric:
        subject, obj = sorted((subject, obj))
    return subject, predicate, obj
