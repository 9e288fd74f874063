"""/api/v1/claims: claims filtered by speaker, act and their cluster's status and credibility;
claim clusters with each side's claims."""

from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, Query

from warnline.analyse.cluster_views import STATUSES, ClaimClusterView, list_claim_clusters
from warnline.errors import Errors, WarnlineError
from warnline.serve.auth import Reader
from warnline.serve.deps import SessionDep
from warnline.serve.query import PagingDep, coded
from warnline.serve.schemas import AUTH_RESPONSES, Page
from warnline.store.claim_listing import ClaimItem, ClaimQuery, claim_page
from warnline.vocab import load_vocab

router = APIRouter(prefix="/api/v1", tags=["claims"], responses=AUTH_RESPONSES)

Credibility = Annotated[int | None, Query(ge=1, le=6)]


@router.get("/claims", summary="List claims (filtered, paged)")
def api_claims(
    session: SessionDep,
    _caller: Reader,
    page: PagingDep,
    speaker: Annotated[
        str | None, Query(description="The speaker's or their organisation's name.")
    ] = None,
    act: Annotated[str | None, Query(description="assert, deny, claim_responsibility, …")] = None,
    status: Annotated[
        str | None, Query(description="Cluster status: " + ", ".join(STATUSES))
    ] = None,
    credibility_min: Credibility = None,
    credibility_max: Credibility = None,
) -> Page[ClaimItem]:
    """Stored claims, newest first. Credibility is the claim cluster's (1 = confirmed …
    5 = doubtful/contradicted, 6 = cannot be judged); `credibility_max=2` keeps the best."""
    with coded():
        _check_choice("act", act, tuple(load_vocab().acts))
        _check_choice("status", status, STATUSES)
        if (
            credibility_min is not None
            and credibility_max is not None
            and credibility_min > credibility_max
        ):
            raise WarnlineError(
                Errors.E263, "credibility_min", low=credibility_min, high=credibility_max
            )
    query = ClaimQuery(
        speaker=speaker,
        act=act,
        status=status,
        credibility_min=credibility_min,
        credibility_max=credibility_max,
    )
    items, total = claim_page(session, query, limit=page.limit, offset=page.offset)
    return Page(items=items, total=total, limit=page.limit, offset=page.offset)


@router.get("/claim-clusters", summary="Claim clusters with the claims on each side")
def api_claim_clusters(
    session: SessionDep,
    _caller: Reader,
    page: PagingDep,
    status: Annotated[str | None, Query(description=", ".join(STATUSES))] = None,
) -> Page[ClaimClusterView]:
    """Claims about one proposition: single-source, corroborated or contested (a denial, or
    conflicting numbers), with the credibility the cluster earns and why."""
    with coded():
        _check_choice("status", status, STATUSES)
        clusters = list_claim_clusters(session, status)
    return Page(
        items=clusters[page.offset : page.offset + page.limit],
        total=len(clusters),
        limit=page.limit,
        offset=page.offset,
    )


def _check_choice(option: str, value: str | None, choices: tuple[str, ...]) -> None:
    if value is not None and value not in choices:
        raise WarnlineError(
            Errors.E264, option, option=option, value=value, choices=", ".join(choices)
        )
