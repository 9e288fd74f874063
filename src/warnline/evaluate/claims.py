"""Scoring the claim layer: claims found by where their content is, then who said what, and how.

A predicted claim pairs with a gold claim when most of the gold `content` snippet lies inside
the claim's content span; on the pairs, the speaker (through the actor mapping), the act,
`self_interest` and the kind of quote are each right or wrong.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence

from warnline.evaluate.gold import GoldClaim
from warnline.evaluate.normalise import occurrences, overlap_length
from warnline.evaluate.pairs import Rank, one_to_one
from warnline.evaluate.tally import Checks, Tally, excerpt
from warnline.records import Claim, Span

CLAIM_ATTRIBUTES = ("speaker", "act", "self_interest", "quote")
# The share of a gold snippet's characters that must lie inside a predicted content span.
MIN_SNIPPET_SHARE = 0.5


def score_claims(
    golds: Sequence[GoldClaim], claims: Sequence[Claim], names: Mapping[str, str], text: str
) -> tuple[Tally, Checks]:
    """Per gold claim: a TP when a predicted claim pairs with it (see `pair_claims`), else an FN;
    an unpaired predicted claim is an FP. Each pair's speaker, act, self_interest and quote are
    then checked; `names` maps entity ids to gold actor names (`actors.names_of`)."""
    tally, checks = Tally(), Checks(CLAIM_ATTRIBUTES)
    pairs = pair_claims(golds, claims, text)
    for g_index, gold in enumerate(golds):
        p_index = pairs.get(g_index)
        if p_index is None:
            who = gold.speaker or "no one"
            tally.missed(f"claim {gold.content!r} ({gold.act} by {who}) not found")
            continue
        tally.hit()
        _check_pair(gold, claims[p_index], names, checks)
    paired = set(pairs.values())
    for p_index, claim in enumerate(claims):
        if p_index not in paired:
            tally.invented(f"claim {excerpt(claim.content)!r} ({claim.act}) is not in the gold")
    return tally, checks


def pair_claims(golds: Sequence[GoldClaim], claims: Sequence[Claim], text: str) -> dict[int, int]:
    """Gold index -> claim index: a claim pairs with a gold claim when at least half of the gold
    snippet lies inside the claim's span; the largest share first, each side once."""
    candidates: list[tuple[Rank, int, int]] = []
    for g_index, gold in enumerate(golds):
        spans = occurrences(gold.content, text) or occurrences(gold.content, text, ignore_case=True)
        for p_index, claim in enumerate(claims):
            share = snippet_share(spans, claim.span)
            if share >= MIN_SNIPPET_SHARE:
                candidates.append(((-share,), g_index, p_index))
    return one_to_one(candidates)


def snippet_share(snippet_spans: Sequence[Span], span: Span) -> float:
    """The largest share of a snippet's characters (over its occurrences) inside `span`."""
    return max(
        (overlap_length(s, span) / (s[1] - s[0]) for s in snippet_spans if s[1] > s[0]),
        default=0.0,
    )


def speaker_name(claim: Claim, names: Mapping[str, str]) -> str | None:
    """Who makes the claim, by gold name: the speaker, else the body an unnamed speaker speaks
    for ("a Taliban spokesman" is the Taliban, as the gold codes it); None when no one."""
    speaker = claim.speaker or claim.speaker_org
    return None if speaker is None else names.get(speaker, speaker)


def _check_pair(gold: GoldClaim, claim: Claim, names: Mapping[str, str], checks: Checks) -> None:
    label = f"claim {gold.content!r}"
    speaker = speaker_name(claim, names)
    checks.check(
        "speaker",
        speaker == gold.speaker,
        f"{label}: speaker {speaker or 'none'}, want {gold.speaker or 'none'}",
    )
    checks.check("act", claim.act == gold.act, f"{label}: act {claim.act}, want {gold.act}")
    checks.check(
        "self_interest",
        claim.self_interest == gold.self_interest,
        f"{label}: self_interest {claim.self_interest}, want {gold.self_interest}",
    )
    checks.check(
        "quote", claim.quote == gold.quote, f"{label}: quote {claim.quote}, want {gold.quote}"
    )
