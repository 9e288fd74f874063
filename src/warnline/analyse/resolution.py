"""Entity resolution: the entities of many reports resolved to one actor each.

In order: the catalogue id (same id, same actor, score 1.0; two catalogue ids never merge), then
the names (analyse/names.py: rigour's comparison, acronyms, a bare family name), with context —
a person never joins an organisation, the entity's aliases count, and a bare name that fits two
actors joins neither. The analyst's splits and merges (table actor_decisions) are applied on
every run, so they survive `rebuild_actors`.
"""

from __future__ import annotations

from collections import Counter, defaultdict
from collections.abc import Iterable, Sequence
from dataclasses import dataclass

from sqlalchemy import delete, func, select, update
from sqlalchemy.orm import Session

from warnline.analyse.actor_index import ActorEntry, ActorIndex, Decisions
from warnline.analyse.names import NameForm, NameMatch, compare_forms, name_form, name_key
from warnline.catalogue import load_catalogue
from warnline.store.schema import ActorRow, EntityRow, EventClusterRow, ReportRow
from warnline.store.writes import lock_for_writing

_CHUNK = 500


@dataclass(frozen=True)
class Link:
    """The actor an entity resolves to, how sure that is, and why."""

    actor_id: int
    score: float
    reason: str


@dataclass(frozen=True)
class Fit:
    entry: ActorEntry
    match: NameMatch
    name: str
    alias: str


def resolve_entities(session: Session, report_ids: Sequence[str]) -> None:
    """Link every entity of these reports to an actor, with a score and a reason."""
    ids = list(dict.fromkeys(report_ids))
    for start in range(0, len(ids), _CHUNK):
        rows = session.scalars(
            select(EntityRow)
            .join(ReportRow, ReportRow.id == EntityRow.report_id)
            .where(EntityRow.report_id.in_(ids[start : start + _CHUNK]))
            .order_by(ReportRow.ingested_at, ReportRow.id, EntityRow.id)
        ).all()
        _resolve_rows(session, rows)


def rebuild_actors(session: Session) -> int:
    """Resolve every stored entity again from scratch, in report ingest order, applying the
    analyst's decisions; the number of actors."""
    lock_for_writing(session)  # an ingest's refresh must not add actors meanwhile
    session.execute(update(EntityRow).values(actor_id=None, actor_score=None, actor_reason=None))
    session.execute(delete(ActorRow))
    session.flush()
    rows = session.scalars(
        select(EntityRow)
        .join(ReportRow, ReportRow.id == EntityRow.report_id)
        .order_by(ReportRow.ingested_at, ReportRow.id, EntityRow.id)
    ).all()
    _resolve_rows(session, rows)
    return len(session.scalars(select(ActorRow.id)).all())


def _resolve_rows(session: Session, rows: Sequence[EntityRow]) -> None:
    index = ActorIndex.load(session)
    decisions = Decisions.load(session)
    touched: set[int] = set()
    for row in rows:
        link = _resolve_one(session, row, index, decisions)
        row.actor_id, row.actor_score, row.actor_reason = link.actor_id, link.score, link.reason
        for alias in _entity_names(row):
            index.add_alias(link.actor_id, alias)
        touched.add(link.actor_id)
    session.flush()
    touched |= apply_merges(session, index, decisions)
    refresh_actors(session, index, touched)


def _entity_names(row: EntityRow) -> list[str]:
    return list(dict.fromkeys([row.name, *(str(alias) for alias in row.aliases or [])]))


def _resolve_one(session: Session, row: EntityRow, index: ActorIndex, decisions: Decisions) -> Link:
    key = name_key(row.name)
    if row.catalogue_id:
        found = index.by_catalogue.get(row.catalogue_id)
        if found is not None:
            entry = index.by_id[found]
            if not decisions.keeps_apart(key, entry.keys, row.report_id):
                return Link(entry.id, 1.0, _catalogue_reason(row.catalogue_id))
    fits = _fits(row, index, decisions)
    forms = [name_form(name, row.kind) for name in _entity_names(row)]
    if _is_bare_name(forms[0]) and len({fit.entry.id for fit in fits}) > 1:
        return _ambiguous_link(session, index, row, fits)
    if fits:
        fit = max(fits, key=lambda f: (f.match.score, -f.entry.id))
        if row.catalogue_id and fit.entry.catalogue_id is None:
            _adopt_catalogue(session, index, fit.entry, row.catalogue_id)
        return Link(fit.entry.id, fit.match.score, _name_reason(fit))
    free = row.catalogue_id if row.catalogue_id not in index.by_catalogue else None
    entry = _new_actor(session, index, row, catalogue_id=free)
    if free:
        return Link(entry.id, 1.0, _catalogue_reason(free))
    return Link(entry.id, 1.0, f"a new actor: no known actor matches '{row.name}'")


def _ambiguous_link(session: Session, index: ActorIndex, row: EntityRow, fits: list[Fit]) -> Link:
    """A bare name that fits several people joins none of them: it joins the actor that stands
    for that bare name alone, made the first time it was found ambiguous."""
    key = name_key(row.name)
    for fit in sorted(fits, key=lambda f: f.entry.id):
        if key in fit.entry.keys and all(len(form.parts) == 1 for form in fit.entry.forms()):
            reason = (
                f"same bare name as actor '{fit.entry.name}', kept apart from the "
                f"{len(fits) - 1} people it could be"
            )
            return Link(fit.entry.id, 1.0, reason)
    names = ", ".join(sorted({f"'{fit.entry.name}'" for fit in fits}))
    entry = _new_actor(session, index, row, catalogue_id=None)
    return Link(
        entry.id, 1.0, f"a new actor: the bare name '{row.name}' fits {len(fits)} actors ({names})"
    )


def _fits(row: EntityRow, index: ActorIndex, decisions: Decisions) -> list[Fit]:
    """The actors this entity's names match, in context (kind, catalogue, decisions).

    An actor that already has the entity's name is the answer without comparing the others,
    unless the name is a bare family name, which must be checked against every actor it fits.
    """
    forms = [name_form(name, row.kind) for name in _entity_names(row)]
    if not _is_bare_name(forms[0]):
        same = sorted(index.by_key.get(name_key(row.name), set()))
        for actor_id in same:
            entry = index.by_id[actor_id]
            fit = _best_fit(entry, forms[:1]) if _eligible(entry, row, decisions) else None
            if fit is not None:
                return [fit]
    fits: list[Fit] = []
    for actor_id in index.candidates(forms):
        entry = index.by_id[actor_id]
        if entry.person != forms[0].person or not _eligible(entry, row, decisions):
            continue
        fit = _best_fit(entry, forms)
        if fit is not None:
            fits.append(fit)
    return fits


def _eligible(entry: ActorEntry, row: EntityRow, decisions: Decisions) -> bool:
    """Whether the entity may join this actor at all: catalogue entries and splits agree."""
    if row.catalogue_id and entry.catalogue_id and entry.catalogue_id != row.catalogue_id:
        return False
    return not decisions.keeps_apart(name_key(row.name), entry.keys, row.report_id)


def _best_fit(entry: ActorEntry, forms: list[NameForm]) -> Fit | None:
    best: Fit | None = None
    for form in forms:
        for alias in entry.forms():
            match = compare_forms(form, alias)
            # A fuller name never joins an actor through its bare family name: "Ahmad Shah
            # Massoud" must not reach "Ahmad Massoud" through a "Massoud" they both fit.
            if match.bare_name and len(form.parts) > len(alias.parts):
                continue
            if match.same and (best is None or match.score > best.match.score):
                best = Fit(entry, match, form.text, alias.text)
    return best


def _is_bare_name(form: NameForm) -> bool:
    return form.person and len(form.parts) == 1


def _catalogue_reason(catalogue_id: str) -> str:
    return f"same catalogue entry {catalogue_id} ({_canonical_name(catalogue_id) or '?'})"


def _name_reason(fit: Fit) -> str:
    both = "both persons" if fit.entry.person else "both organisations"
    via = "" if fit.alias == fit.entry.name else f" under its name '{fit.alias}'"
    return f"name '{fit.name}' matches actor '{fit.entry.name}'{via} ({fit.match.detail}; {both})"


def _canonical_name(catalogue_id: str) -> str | None:
    try:
        return load_catalogue().get(catalogue_id).name
    except KeyError:
        return None


def _new_actor(
    session: Session, index: ActorIndex, row: EntityRow, catalogue_id: str | None
) -> ActorEntry:
    name = (_canonical_name(catalogue_id) if catalogue_id else None) or row.name
    actor = ActorRow(name=name, kind=row.kind, catalogue_id=catalogue_id, aliases=[])
    session.add(actor)
    session.flush()
    entry = ActorEntry(actor.id, name, row.kind, catalogue_id, [])
    index.add(entry)
    return entry


def _adopt_catalogue(
    session: Session, index: ActorIndex, entry: ActorEntry, catalogue_id: str
) -> None:
    """An actor first seen without a catalogue link takes the one its later entity has."""
    if catalogue_id in index.by_catalogue:
        return
    actor = session.get(ActorRow, entry.id)
    if actor is not None:
        actor.catalogue_id = catalogue_id
    index.set_catalogue(entry.id, catalogue_id)


def apply_merges(session: Session, index: ActorIndex, decisions: Decisions) -> set[int]:
    """Join the actors of every name pair the analyst merged; the actors that changed."""
    changed: set[int] = set()
    for left, right in decisions.merges:
        ids = sorted(index.by_key.get(left, set()) | index.by_key.get(right, set()))
        if len(ids) < 2:
            continue
        survivor, others = ids[0], ids[1:]
        merge_into(session, index, survivor, others, note=f"'{left}' and '{right}'")
        changed.add(survivor)
    return changed


def merge_into(
    session: Session, index: ActorIndex, survivor: int, others: Iterable[int], note: str
) -> None:
    """Move the entities of `others` to `survivor`, which takes their names; the rest go."""
    reason = f"merged by the analyst: {note} are one actor"
    for other in others:
        entry = index.by_id[other]
        session.execute(
            update(EntityRow)
            .where(EntityRow.actor_id == other)
            .values(actor_id=survivor, actor_score=1.0, actor_reason=reason)
        )
        # Event clusters name actors too: they follow the merge rather than lose the actor.
        for column in (EventClusterRow.actor1_id, EventClusterRow.actor2_id):
            session.execute(
                update(EventClusterRow).where(column == other).values({column: survivor})
            )
        session.execute(delete(ActorRow).where(ActorRow.id == other))
        session.flush()
        index.remove(other)
        for alias in (entry.name, *entry.aliases):
            index.add_alias(survivor, alias)
        if entry.catalogue_id and index.by_id[survivor].catalogue_id is None:
            _adopt_catalogue(session, index, index.by_id[survivor], entry.catalogue_id)


def refresh_actors(session: Session, index: ActorIndex, actor_ids: Iterable[int]) -> None:
    """Write the names and display name of these actors: the catalogue's canonical name when
    there is one, else the name their entities use most (the longest among equals)."""
    ids = sorted(set(actor_ids) & index.by_id.keys())
    counts: defaultdict[int, Counter[str]] = defaultdict(Counter)
    for start in range(0, len(ids), _CHUNK):
        chunk = ids[start : start + _CHUNK]
        for actor_id, name, count in session.execute(
            select(EntityRow.actor_id, EntityRow.name, func.count())
            .where(EntityRow.actor_id.in_(chunk))
            .group_by(EntityRow.actor_id, EntityRow.name)
        ).all():
            if actor_id is not None:
                counts[actor_id][name] = count
    for actor_id in ids:
        entry = index.by_id[actor_id]
        actor = session.get(ActorRow, actor_id)
        if actor is None:
            continue
        canonical = _canonical_name(entry.catalogue_id) if entry.catalogue_id else None
        seen = counts[actor_id]
        display = canonical or max(seen, key=lambda n: (seen[n], len(n)), default=entry.name)
        aliases = sorted((set(entry.aliases) | set(seen) | {entry.name}) - {display})
        actor.name, actor.aliases, actor.catalogue_id = display, aliases, entry.catalogue_id
        entry.rename(display)
        entry.set_aliases(aliases)
    session.flush()
