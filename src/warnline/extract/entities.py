"""Actors: mentions found, linked to the catalogue, folded into one entity per actor, with the
roles of persons and the relations the report states."""

from __future__ import annotations

from typing import TYPE_CHECKING, get_args

from warnline.catalogue.actors import Catalogue, load_catalogue
from warnline.extract.anaphora import resolve_anaphora
from warnline.extract.doc_text import doc_text
from warnline.extract.folding import fold_acronyms, fold_known_as, fold_short_names
from warnline.extract.mentions import EntityDraft, collect_mentions, group_mentions
from warnline.extract.roles import extract_relations, extract_roles, locate
from warnline.extract.spans import Span
from warnline.extract.state_bodies import Setting, find_state_bodies
from warnline.records import CatalogueLink, Entity, EntityKind, Place, Relation

if TYPE_CHECKING:
    from spacy.tokens import Doc


def extract_actors(
    doc: Doc,
    exclude: tuple[Span, ...] = (),
    catalogue: Catalogue | None = None,
    setting: Setting | None = None,
    places: tuple[Place, ...] = (),
) -> tuple[tuple[Entity, ...], tuple[Relation, ...]]:
    """The entities with their roles, and the relations between them.

    Spans overlapping `exclude` (the dateline, whose capitals the tagger takes for
    organisations) are not actors. `setting` (the report's country and date) decides which
    country's army "the army" is. A name the tagger took for a person or an organisation that is
    only ever one of the `places` ("Sebba", "Dori") is not an actor.
    """
    catalogue = catalogue or load_catalogue()
    drafts = group_mentions(collect_mentions(doc, catalogue, exclude))
    drafts = fold_acronyms(drafts, doc_text(doc))
    drafts = fold_known_as(drafts, doc_text(doc))
    drafts = fold_short_names(drafts, doc_text(doc))
    find_state_bodies(drafts, doc, setting or Setting(None, None), catalogue)
    drafts = [d for d in drafts if not _only_a_place(d, places)]
    resolve_anaphora(drafts, doc)
    drafts.sort(key=lambda d: d.first)
    entities = tuple(_to_entity(f"E{n}", d) for n, d in enumerate(drafts, start=1))
    located = locate(entities)
    roles = extract_roles(doc, located)
    entities = tuple(e.model_copy(update={"roles": roles.get(e.id, ())}) for e in entities)
    return entities, extract_relations(doc, entities, located, roles)


def _to_entity(entity_id: str, draft: EntityDraft) -> Entity:
    name = draft.name
    kind = draft.kind if draft.kind in get_args(EntityKind) else "organization"
    # Case first, then the text itself: "The group" and "the group" come from a set, whose
    # order changes from one process to the next.
    aliases = sorted(
        {m.text for m in draft.mentions if m.text != name}, key=lambda a: (a.casefold(), a)
    )
    actor = draft.actor
    link = None
    if actor is not None:
        link = CatalogueLink(
            id=actor.id, designations=tuple(f"{d.list_} {d.ref}" for d in actor.designations)
        )
    return Entity(
        id=entity_id,
        name=name,
        kind=kind,
        aliases=tuple(aliases),
        mentions=tuple(sorted({m.span for m in draft.mentions})),
        catalogue=link,
    )


def _only_a_place(draft: EntityDraft, places: tuple[Place, ...]) -> bool:
    """An uncatalogued name every mention of which is a place the gazetteer knows."""
    if draft.actor is not None or draft.canonical is not None:
        return False
    spans = [span for place in places for span in place.mentions]
    return all(
        any(start <= m.span[0] and m.span[1] <= end for start, end in spans) for m in draft.mentions
    )
