"""/api/v1/tokens: API tokens (admin). A new token is shown once; only its digest is kept."""

from __future__ import annotations

from fastapi import APIRouter

from warnline.errors import Errors, WarnlineError
from warnline.records import TokenInfo
from warnline.serve.auth import Admin
from warnline.serve.deps import SessionDep
from warnline.serve.query import PagingDep, RowId, coded
from warnline.serve.schemas import AUTH_RESPONSES, IssuedTokenOut, Page, TokenRequest
from warnline.store.tokens import create_token, list_tokens, permissions, revoke_token

router = APIRouter(prefix="/api/v1", tags=["tokens"], responses=AUTH_RESPONSES)


@router.get("/tokens", summary="List API tokens (never the tokens themselves)")
def api_tokens(session: SessionDep, _caller: Admin, page: PagingDep) -> Page[TokenInfo]:
    """Every token with its role, first characters, last use and revocation, oldest first."""
    tokens = list_tokens(session)
    return Page(
        items=tokens[page.offset : page.offset + page.limit],
        total=len(tokens),
        limit=page.limit,
        offset=page.offset,
    )


@router.post("/tokens", status_code=201, summary="Create a token (shown this once)")
def api_create_token(session: SessionDep, _caller: Admin, body: TokenRequest) -> IssuedTokenOut:
    """A new token with a role (reader, analyst, admin); keep it: it cannot be shown again."""
    with coded():
        roles = tuple(permissions())
        if body.role not in roles:
            raise WarnlineError(
                Errors.E264, "role", option="role", value=body.role, choices=", ".join(roles)
            )
        issued = create_token(session, body.role, body.name)
    info = issued.info
    return IssuedTokenOut(
        id=info.id,
        name=info.name,
        role=info.role,
        prefix=info.prefix,
        created_at=info.created_at,
        token=issued.token,
    )


@router.delete("/tokens/{token_id}", summary="Revoke a token")
def api_revoke_token(session: SessionDep, _caller: Admin, token_id: RowId) -> TokenInfo:
    """The token stops working at once; revoking it again changes nothing; 404 (E250)."""
    with coded():
        return revoke_token(session, token_id)
