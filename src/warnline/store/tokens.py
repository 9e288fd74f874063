"""API tokens: created with a role, stored as a SHA-256 digest only, checked and revoked.

A token is 32 random bytes (URL-safe base64, prefixed "wl_" so it is recognisable in a leaked
log); with that much entropy a plain SHA-256 is enough to store it (no slow password hash is
needed), and lookups by digest are a single index hit.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import secrets
from dataclasses import dataclass
from functools import lru_cache

from pydantic import BaseModel, ConfigDict
from sqlalchemy import select
from sqlalchemy.orm import Session

from warnline.errors import Errors, WarnlineError
from warnline.records import TokenInfo
from warnline.store.schema import TokenRow, utc_now
from warnline.vocab import read_vocab

_PREFIX = "wl_"
_SHOWN = 8  # characters of a token kept to tell it apart in listings


class _Role(BaseModel):
    model_config = ConfigDict(frozen=True, extra="forbid")
    name: str
    may: tuple[str, ...]


class _Access(BaseModel):
    model_config = ConfigDict(frozen=True, extra="forbid")
    roles: tuple[_Role, ...]


@lru_cache(maxsize=1)
def permissions() -> dict[str, frozenset[str]]:
    """Each role's permissions, its own and those of the roles before it (vocab/access.yaml)."""
    granted: set[str] = set()
    found: dict[str, frozenset[str]] = {}
    for role in read_vocab("access.yaml", _Access).roles:
        granted |= set(role.may)
        found[role.name] = frozenset(granted)
    return found


def role_may(role: str, permission: str) -> bool:
    return permission in permissions().get(role, frozenset())


@dataclass(frozen=True)
class IssuedToken:
    """A token as created: the only time the token itself is known."""

    info: TokenInfo
    token: str


def _digest(token: str) -> str:
    return hashlib.sha256(token.encode("utf-8")).hexdigest()


def create_token(session: Session, role: str, name: str) -> IssuedToken:
    """A new token with this role; only its digest is stored."""
    roles = permissions()
    if role not in roles:
        raise WarnlineError(
            Errors.E151, "--role", option="--role", value=role, choices=", ".join(roles)
        )
    token = _PREFIX + secrets.token_urlsafe(32)
    row = TokenRow(
        name=name, role=role, prefix=token[: len(_PREFIX) + _SHOWN], digest=_digest(token)
    )
    session.add(row)
    session.flush()
    return IssuedToken(info=_info(row), token=token)


def revoke_token(session: Session, token_id: int) -> TokenInfo:
    """Revoke a token by its id; revoking one already revoked changes nothing."""
    row = session.get(TokenRow, token_id)
    if row is None:
        raise WarnlineError(Errors.E250, str(token_id))
    if row.revoked_at is None:
        row.revoked_at = utc_now()
    return _info(row)


def list_tokens(session: Session) -> list[TokenInfo]:
    return [_info(row) for row in session.scalars(select(TokenRow).order_by(TokenRow.id))]


def verify_token(session: Session, token: str) -> TokenInfo | None:
    """The token's record if it is one of ours and not revoked; its last use is noted."""
    row = session.scalars(select(TokenRow).where(TokenRow.digest == _digest(token))).first()
    if row is None or row.revoked_at is not None:
        return None
    now = utc_now()
    # Written at most once a minute: a busy reader does not turn every request into a write.
    if row.last_used_at is None or now - row.last_used_at > dt.timedelta(minutes=1):
        row.last_used_at = now
    return _info(row)


def _info(row: TokenRow) -> TokenInfo:
    return TokenInfo(
        id=row.id,
        name=row.name,
        role=row.role,
        prefix=row.prefix,
        created_at=row.created_at,
        last_used_at=row.last_used_at,
        revoked_at=row.revoked_at,
    )
