"""The session key: the configured one, else one made once and kept owner-only."""

from __future__ import annotations

from pathlib import Path

from warnline.serve.auth import session_key
from warnline.settings import Settings


def test_a_configured_key_is_used_as_it_is(tmp_path: Path) -> None:
    settings = Settings(data_dir=tmp_path, secret_key="given")
    assert session_key(settings) == "given"
    assert not (tmp_path / "session.key").exists()


def test_a_made_key_is_kept_owner_only_and_reused(tmp_path: Path) -> None:
    settings = Settings(data_dir=tmp_path / "data")
    first = session_key(settings)
    path = tmp_path / "data" / "session.key"
    assert path.stat().st_mode & 0o077 == 0
    assert len(first) >= 48
    assert session_key(settings) == first
