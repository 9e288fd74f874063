"""Dependencies shared by the routes."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Annotated

from fastapi import Depends, Request
from sqlalchemy.orm import Session

from warnline.store import Store


def get_session(request: Request) -> Iterator[Session]:
    """A session on the app's store, committed when the request succeeds."""
    store: Store = request.app.state.store
    with store.session() as session:
        yield session


SessionDep = Annotated[Session, Depends(get_session)]
