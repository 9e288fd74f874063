"""Who acts and who is acted on: the words extract/event_roles.py finds for each side, mapped
to actors.

Words map to actors by character overlap with the actor layer's mentions, through modifiers and
"of" phrases ("fighters of ISWAP", "its fighters", "forces loyal to the government"); a pronoun
takes the subject before it; a noun that names a side without naming an actor ("gunmen",
"villagers") gives its ACLED category, and "soldiers" stand for the report's own state forces.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING

from warnline.extract.event_cues import EventCues
from warnline.extract.event_parse import (
    DocIndex,
    children,
    has_key,
    is_passive,
    passive_subject,
    prep_objects,
    tree_distance,
    unknown_body,
)
from warnline.extract.event_roles import (
    SUBJECT_DEPS,
    agent_tokens,
    patient_tokens,
    subjects,
    taken_objects,
)
from warnline.extract.event_triggers import Trigger

if TYPE_CHECKING:
    from spacy.tokens import Span as DocSpan
    from spacy.tokens import Token

_MODIFIER_DEPS = ("appos", "poss", "compound", "amod", "nmod")
_RELATIVE = frozenset({"who", "which", "that", "whom"})
# "fighters *of* ISWAP", "attackers *from* its Majeed Brigade".
_MEMBER_PREPS = frozenset({"of", "from"})
# How far up a passive without a "by" phrase looks for its actor, and over which links: not
# over reported speech, so a speaker is never taken for the one who acted.
_FALLBACK_DEPS = frozenset({"advcl", "conj", "xcomp"})
_FALLBACK_STEPS = 2
_FALLBACK_KINDS = frozenset({"armed_group", "state_force"})
_ASSOCIATE_REACH = 4


@dataclass(frozen=True)
class Side:
    """One side of an event: an actor, or only the ACLED category a noun implies."""

    entity: str | None
    category: str | None
    token: Token
    counted: bool = False

    @property
    def named(self) -> bool:
        return self.entity is not None


@dataclass(frozen=True)
class ActorReader:
    """Reads sides for the triggers of one report."""

    index: DocIndex
    cues: EventCues
    sentences: tuple[DocSpan, ...]
    # A sentence's first token -> its position among the sentences.
    positions: dict[int, int]
    # The report's own state forces (its most-mentioned state force), which "soldiers" and
    # "troops" stand for when nothing else names them: ACLED codes them as that actor.
    state_forces: str | None = None

    def agent(self, trigger: Trigger) -> Side | None:
        """The side that acts, from the parse around the trigger."""
        if trigger.cue.symmetric:
            pair = self._between(trigger.token)
            if pair is not None:
                return pair[0]
        for token in agent_tokens(trigger, self.cues):
            # An apposition names the side when the word itself does not ("MAIDUGURI –
            # Fighters of ISWAP attacked", where the tagger took the dateline for the subject).
            for candidate in (token, *children(token, "appos")):
                side = self.side(candidate)
                if side is not None:
                    return self._group(side, trigger) if trigger.cue.group_actor else side
        if trigger.cue.group_actor:
            subject = passive_subject(trigger.token)
            named = self.index.entity_at.get(subject.i) if subject is not None else None
            if named is not None:
                return Side(named, None, trigger.token)
        return None

    def _group(self, side: Side, trigger: Trigger) -> Side:
        """For a change in a group, the group: "X succeeded Y *as leader of Z*" is Z's change,
        as is one by a person who holds a post in Z."""
        subject = passive_subject(trigger.token)
        named = self.index.entity_at.get(subject.i) if subject is not None else None
        if named is not None and not self._person(Side(named, None, trigger.token)):
            return Side(named, None, trigger.token)  # "Boko Haram was founded by Yusuf"
        entity = self.index.entities.get(side.entity or "")
        if entity is None or entity.kind != "person":
            return side
        for obj in prep_objects(trigger.token, frozenset({"as"})):
            group = self.entity_of(obj)
            if group is not None and self.index.entities[group].kind != "person":
                return Side(group, None, obj)
        for role in entity.roles:
            if role.of is not None and self.index.entities[role.of].kind != "person":
                return Side(role.of, None, side.token)
        return side

    def _between(self, token: Token) -> tuple[Side, Side | None] | None:
        """ "clashes between the 444 Brigade and the Rada force": both sides at once."""
        heads = [token, token.head] if token.dep_ in SUBJECT_DEPS else [token]
        for head in heads:
            for obj in prep_objects(head, frozenset({"between"})):
                first = self.side(obj)
                if first is None:
                    continue
                second = next(
                    (s for c in children(obj, "conj") if (s := self.side(c)) is not None), None
                )
                return first, second
        return None

    def patient(self, trigger: Trigger) -> Side | None:
        """The side acted on."""
        if trigger.cue.symmetric:
            pair = self._between(trigger.token)
            if pair is not None:
                return pair[1]
        if trigger.cue.object_is_place:
            return self._holder(trigger)
        for token in patient_tokens(trigger, self.cues):
            side = self.side(token)
            if side is None:
                continue
            if trigger.cue.group_actor and self._person(side):
                return None  # the leader a new one succeeds is not a side of the change
            return side
        return None

    def _holder(self, trigger: Trigger) -> Side | None:
        """Whom a place is taken from: "seized the town *from the army*", "overran *SSA*
        positions", "took *the army's* base"."""
        for obj in prep_objects(trigger.token, frozenset({"from"})):
            side = self.side(obj)
            if side is not None:
                return side
        for obj in taken_objects(trigger):
            for child in children(obj, "compound", "poss", "nmod"):
                entity_id = self.index.entity_at.get(child.i)
                if entity_id is not None:
                    return Side(entity_id, None, child)
            if obj.tag_ == "PRP":  # "it", not "which"
                return self._relative_holder(trigger.token)
        return None

    def _relative_holder(self, token: Token) -> Side | None:
        """ "the bastion of the rebel movement, which has suffered raids ever since it was
        overrun": what was overrun is the group's, named by the relative clause's noun."""
        current = token.head if token.dep_ in {"attr", "acomp"} else token
        for _ in range(_FALLBACK_STEPS):
            if current.dep_ == "relcl":
                side = self.side(current.head)
                return side if side is not None and side.named else None
            if current.dep_ not in _FALLBACK_DEPS:
                return None
            current = current.head
        return None

    def _person(self, side: Side) -> bool:
        entity = self.index.entities.get(side.entity or "")
        return entity is not None and entity.kind == "person"

    def passive_actor(self, trigger: Trigger, exclude: set[str]) -> Side | None:
        """For a passive with no "by" phrase ("since it was overrun"), the armed actor named in
        the clause it depends on ("… suffered raids by the junta since it was overrun")."""
        token = trigger.token
        if not is_passive(token):
            return None
        current = token.head if token.dep_ in {"attr", "acomp"} else token
        for _ in range(_FALLBACK_STEPS):
            if current.dep_ not in _FALLBACK_DEPS:
                return None
            current = current.head
            found = self._armed_in(current, skip=token, exclude=exclude)
            if found is not None:
                return found
        return None

    def _armed_in(self, head: Token, skip: Token, exclude: set[str]) -> Side | None:
        skipped = {t.i for t in skip.subtree}
        best: tuple[int, Side] | None = None
        for token in head.subtree:
            entity_id = self.index.entity_at.get(token.i)
            if token.i in skipped or entity_id is None or entity_id in exclude:
                continue
            if self.index.entities[entity_id].kind not in _FALLBACK_KINDS:
                continue
            distance = tree_distance(token, skip)
            if best is None or distance < best[0]:
                best = (distance, Side(entity_id, None, token))
        return None if best is None else best[1]

    def side(self, token: Token) -> Side | None:
        """The side a word names: an actor, a pronoun's antecedent, or an unnamed category."""
        if token.lower_ in _RELATIVE and token.head.dep_ == "relcl":
            token = token.head.head
        if self._is_pronoun(token):
            return self.antecedent(token)
        entity_id = self.entity_of(token)
        if entity_id is not None:
            return Side(entity_id, None, token)
        category = self.unnamed_category(token) or next(
            # "dozens of soldiers": whom the number counts
            (
                found
                for obj in prep_objects(token, frozenset({"of"}))
                if (found := self.unnamed_category(obj)) is not None
            ),
            None,
        )
        counted = token.i in self.index.quantity_at or any(
            c.i in self.index.quantity_at for c in children(token, "nummod", "quantmod")
        )
        if category is None and not counted:
            return None
        if category == "state_forces" and self.state_forces is not None:
            return Side(self.state_forces, None, token, counted=counted)
        return Side(None, category, token, counted=counted)

    def entity_of(self, token: Token) -> str | None:
        """The actor a noun phrase names: the word itself, a modifier ("Al-Qaeda operatives",
        "its fighters"), or an "of" phrase ("fighters of ISWAP", "the leader of Al-Qaeda")."""
        found = self.index.entity_at.get(token.i)
        if found is not None:
            return found
        members = has_key(token, self.cues.member_nouns)
        for dep in _MODIFIER_DEPS:
            for child in children(token, dep):
                found = self._modifier_entity(child, members)
                if found is not None:
                    return found
        for word in children(token, "amod", "acl"):
            # "forces loyal to the government", "fighters affiliated with JNIM"
            if has_key(word, self.cues.allegiance_words):
                for obj in prep_objects(word, frozenset({"to", "with"})):
                    found = self.entity_of(obj)
                    if found is not None:
                        return found
        for obj in prep_objects(token, _MEMBER_PREPS):
            # "hundreds of fighters loyal to the Islamic State", "attackers from its brigade";
            # not "the town of Barsalogho", a place the tagger took for an organisation
            found = self.entity_of(obj)
            if found is not None and not unknown_body(self.index.entities[found]):
                return found
        return None

    def _modifier_entity(self, child: Token, members: bool) -> str | None:
        """The actor a modifier names. A possessive pronoun stands for its antecedent only
        before a word for members ("its fighters" are the group; "his predecessor" is not
        him); "whose forces" are those of the relative clause's noun."""
        if child.lower_ == "whose":
            clause = next((t for t in child.ancestors if t.dep_ == "relcl"), None)
            return self.entity_of(clause.head) if clause is not None and members else None
        if self._is_pronoun(child):
            side = self.antecedent(child) if members else None
            return side.entity if side is not None else None
        found = self.index.entity_at.get(child.i)
        if found is None or child.dep_ != "compound":
            return found
        # "the Zobe intersection": a name for the place, not its holder
        return None if unknown_body(self.index.entities[found]) else found

    def unnamed_category(self, token: Token) -> str | None:
        """ "gunmen" -> political_militia, "security forces" -> state_forces, "villagers" ->
        civilians: ACLED's category for a side named by a common noun."""
        table = self.cues.unnamed_category
        modifiers = list(children(token, "compound", "amod"))
        for left in modifiers:
            pair = f"{left.lower_} {token.lower_}"
            if pair in table:
                return table[pair]
        lemma, lower = token.lemma_.lower(), token.lower_
        found = table.get(lower) or table.get(lemma)
        if found is not None:
            return found
        # "an army unit", "a police post", "military outposts": the modifier says whose.
        return next((table[m.lower_] for m in modifiers if m.lower_ in table), None)

    def conjoined(self, token: Token) -> list[str]:
        """Actors joined to a side by "and" ("the army and allied militias")."""
        found: list[str] = []
        for conj in children(token, "conj"):
            entity_id = self.entity_of(conj)
            if entity_id is not None:
                found.append(entity_id)
            found.extend(self.conjoined(conj))
        return found

    def associates(self, sent: DocSpan, near: list[Token]) -> list[str]:
        """Actors on a side named with "alongside", "backed by", "along with" and the like,
        close in the parse to the event's words."""
        found: list[str] = []
        words = [self.index.forms[i][1] for i in range(sent.start, sent.end)]
        if not self.cues.associate_starts & set(words):
            return found
        for marker in self.cues.associate_markers:
            parts = marker.split()
            for n in range(len(words) - len(parts) + 1):
                if words[n : n + len(parts)] != parts:
                    continue
                last = sent[n + len(parts) - 1]
                if min((tree_distance(last, t) for t in near), default=99) > _ASSOCIATE_REACH:
                    continue
                for obj in children(last, "pobj", "dobj"):
                    entity_id = self.entity_of(obj)
                    if entity_id is not None:
                        found.extend([entity_id, *self.conjoined(obj)])
        return found

    def antecedent(self, pronoun: Token) -> Side | None:
        """The side a pronoun refers to: the nearest subject before it in its sentence, else
        the subject of the sentence before, of a matching kind (a person for "he")."""
        wants_person = pronoun.lower_ in self.cues.pronouns.person
        sent = pronoun.sent
        position = self.positions[sent.start]
        earlier = [t for t in sent if t.i < pronoun.i]
        # Not a subject the pronoun is part of ("the fighters of its brigade"): every candidate
        # lies wholly before the pronoun, so looking back always ends.
        candidates = [
            s for s in subjects(earlier)[::-1] if not s.left_edge.i <= pronoun.i <= s.right_edge.i
        ]
        if position > 0:
            candidates += subjects(list(self.sentences[position - 1]))
        for subject in candidates:
            side = self._subject_side(subject, wants_person)
            if side is not None:
                return side
        # No subject fits (a dateline the tagger took for one): the nearest actor before it.
        for token in reversed(earlier):
            entity_id = self.index.entity_at.get(token.i)
            if entity_id is not None:
                is_person = self.index.entities[entity_id].kind == "person"
                if is_person == wants_person:
                    return Side(entity_id, None, token)
        return None

    def _subject_side(self, subject: Token, wants_person: bool) -> Side | None:
        if self._is_pronoun(subject):
            return None
        entity_id = self.entity_of(subject)
        if entity_id is not None:
            is_person = self.index.entities[entity_id].kind == "person"
            return Side(entity_id, None, subject) if is_person == wants_person else None
        category = self.unnamed_category(subject)
        if category is None or wants_person:
            return None
        return Side(None, category, subject)

    def _is_pronoun(self, token: Token) -> bool:
        lower = token.lower_
        return lower in self.cues.pronouns.group or lower in self.cues.pronouns.person
