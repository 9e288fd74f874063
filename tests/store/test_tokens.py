"""API tokens: created with a role, stored as a digest only, verified, revoked."""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from sqlalchemy import select

from warnline.errors import Errors, WarnlineError
from warnline.store import Store, open_store
from warnline.store.schema import TokenRow
from warnline.store.tokens import create_token, list_tokens, revoke_token, role_may, verify_token


@pytest.fixture
def store(db_url: str) -> Iterator[Store]:
    store = open_store(db_url)
    yield store
    store.close()


def test_a_token_is_stored_as_its_digest_only(store: Store) -> None:
    with store.session() as session:
        issued = create_token(session, "analyst", "desk")
    assert issued.token.startswith("wl_")
    with store.session() as session:
        row = session.scalars(select(TokenRow)).one()
        assert issued.token not in (row.digest, row.prefix, row.name)
        assert issued.token.startswith(row.prefix)
        found = verify_token(session, issued.token)
    assert found is not None
    assert (found.role, found.name) == ("analyst", "desk")


def test_unknown_and_revoked_tokens_are_refused(store: Store) -> None:
    with store.session() as session:
        issued = create_token(session, "reader", "r")
        assert verify_token(session, issued.token + "x") is None
        revoke_token(session, issued.info.id)
    with store.session() as session:
        assert verify_token(session, issued.token) is None
        assert list_tokens(session)[0].revoked_at is not None


def test_revoking_an_unknown_id_is_e250(store: Store) -> None:
    with store.session() as session, pytest.raises(WarnlineError) as caught:
        revoke_token(session, 99)
    assert caught.value.code is Errors.E250


def test_an_unknown_role_is_refused(store: Store) -> None:
    with store.session() as session, pytest.raises(WarnlineError) as caught:
        create_token(session, "root", "x")
    assert caught.value.code is Errors.E151


@pytest.mark.parametrize(
    ("role", "permission", "allowed"),
    [
        ("reader", "read", True),
        ("reader", "ingest", False),
        ("analyst", "read", True),
        ("analyst", "merge", True),
        ("analyst", "tokens", False),
        ("admin", "tokens", True),
        ("admin", "webhooks", True),
        ("admin", "grade", True),
        ("nobody", "read", False),
    ],
)
def test_each_role_may_what_the_roles_before_it_may(
    role: str, permission: str, allowed: bool
) -> None:
    assert role_may(role, permission) is allowed
