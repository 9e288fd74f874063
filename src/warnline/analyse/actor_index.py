"""The known actors in memory while entities are resolved: found by catalogue id, by name key,
and by blocking keys (a name part's sound, an acronym shape), so that an entity is compared only
with the few actors that could match it, never with every actor in the store."""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass, field

from sqlalchemy import select
from sqlalchemy.orm import Session

from warnline.analyse.names import NameForm, blocking_keys, is_person, name_form, name_key
from warnline.store.schema import ActorDecisionRow, ActorRow


@dataclass
class ActorEntry:
    """One actor as resolution sees it: its names, and the keys an analyst's decision uses.

    Its name keys and name forms are worked out once and again only when its names change
    (`rename`, `set_aliases`, `ActorIndex.add_alias`): every entity compared with it uses them.
    """

    id: int
    name: str
    kind: str
    catalogue_id: str | None
    aliases: list[str] = field(default_factory=list)
    _keys: set[str] | None = field(default=None, repr=False)
    _forms: list[NameForm] | None = field(default=None, repr=False)

    @property
    def keys(self) -> set[str]:
        if self._keys is None:
            self._keys = {name_key(alias) for alias in (self.name, *self.aliases)}
        return self._keys

    @property
    def person(self) -> bool:
        return is_person(self.kind)

    def forms(self) -> list[NameForm]:
        if self._forms is None:
            names = dict.fromkeys((self.name, *self.aliases))
            self._forms = [name_form(alias, self.kind) for alias in names]
        return self._forms

    def rename(self, name: str) -> None:
        self.name = name
        self._changed()

    def set_aliases(self, aliases: list[str]) -> None:
        self.aliases = aliases
        self._changed()

    def _changed(self) -> None:
        self._keys = None
        self._forms = None


class ActorIndex:
    """Actors by id, catalogue id, name key and blocking key."""

    def __init__(self) -> None:
        self.by_id: dict[int, ActorEntry] = {}
        self.by_catalogue: dict[str, int] = {}
        self.by_key: defaultdict[str, set[int]] = defaultdict(set)
        self._by_block: defaultdict[str, set[int]] = defaultdict(set)

    @classmethod
    def load(cls, session: Session) -> ActorIndex:
        """Every stored actor, read in one query."""
        index = cls()
        rows = session.execute(
            select(
                ActorRow.id, ActorRow.name, ActorRow.kind, ActorRow.catalogue_id, ActorRow.aliases
            )
        ).all()
        for actor_id, name, kind, catalogue_id, aliases in rows:
            index.add(ActorEntry(actor_id, name, kind, catalogue_id, list(aliases or [])))
        return index

    def add(self, entry: ActorEntry) -> None:
        self.by_id[entry.id] = entry
        if entry.catalogue_id:
            self.by_catalogue[entry.catalogue_id] = entry.id
        for alias in dict.fromkeys((entry.name, *entry.aliases)):
            self._index_name(entry, alias)

    def remove(self, actor_id: int) -> None:
        entry = self.by_id.pop(actor_id)
        if entry.catalogue_id and self.by_catalogue.get(entry.catalogue_id) == actor_id:
            del self.by_catalogue[entry.catalogue_id]
        for ids in (*self.by_key.values(), *self._by_block.values()):
            ids.discard(actor_id)

    def add_alias(self, actor_id: int, alias: str) -> bool:
        """Record a name the actor was reported under; False when it was known already."""
        entry = self.by_id[actor_id]
        if alias == entry.name or alias in entry.aliases:
            return False
        entry.set_aliases([*entry.aliases, alias])
        self._index_name(entry, alias)
        return True

    def set_catalogue(self, actor_id: int, catalogue_id: str) -> None:
        self.by_id[actor_id].catalogue_id = catalogue_id
        self.by_catalogue[catalogue_id] = actor_id

    def candidates(self, forms: list[NameForm]) -> set[int]:
        """Actors sharing a blocking key with any of these names."""
        found: set[int] = set()
        for form in forms:
            for key in blocking_keys(form):
                found |= self._by_block.get(key, set())
            found |= self.by_key.get(name_key(form.text), set())
        return found

    def _index_name(self, entry: ActorEntry, alias: str) -> None:
        self.by_key[name_key(alias)].add(entry.id)
        for key in blocking_keys(name_form(alias, entry.kind)):
            self._by_block[key].add(entry.id)


@dataclass(frozen=True)
class Decisions:
    """The analyst's standing decisions: names kept apart (splits) and names joined (merges)."""

    splits: frozenset[tuple[str, str, str | None]]
    merges: tuple[tuple[str, str], ...]

    @classmethod
    def load(cls, session: Session) -> Decisions:
        rows = session.execute(
            select(
                ActorDecisionRow.action,
                ActorDecisionRow.left_key,
                ActorDecisionRow.right_key,
                ActorDecisionRow.report_id,
            ).order_by(ActorDecisionRow.id)
        ).all()
        splits = frozenset(
            pair
            for action, left, right, report in rows
            if action == "split"
            for pair in ((left, right, report), (right, left, report))
        )
        merges = tuple((left, right) for action, left, right, _ in rows if action == "merge")
        return cls(splits, merges)

    def keeps_apart(self, key: str, actor_keys: set[str], report_id: str) -> bool:
        """Whether a split keeps a name with this key out of an actor with these name keys."""
        return any(
            (key, other, scope) in self.splits
            for other in actor_keys - {key}
            for scope in (None, report_id)
        )
