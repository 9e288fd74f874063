"""The alert rules as data: vocab/alert_rules.yaml, overridden by a user's own file, validated once.

The packaged file holds every rule with its defaults; a user's file (WARNLINE_ALERT_RULES) only
needs the values it changes, e.g. `rules: {watchlist: {names: [Wagner]}}`.
"""

from __future__ import annotations

from functools import lru_cache
from pathlib import Path
from typing import Any, Literal

import yaml
from pydantic import BaseModel, ConfigDict, Field, ValidationError

from warnline.errors import Errors, WarnlineError
from warnline.settings import get_settings
from warnline.vocab import read_vocab_mapping

Severity = Literal["low", "medium", "high"]
RULES_FILE = "alert_rules.yaml"


class _Rule(BaseModel):
    model_config = ConfigDict(frozen=True, extra="forbid")

    enabled: bool = True
    severity: Severity


class FirstInAdmin1Rule(_Rule):
    actor_kinds: tuple[str, ...]


class NewActorRule(_Rule):
    actor_kinds: tuple[str, ...]
    min_reports_before: int = Field(ge=0)


class NewRelationRule(_Rule):
    predicates: tuple[str, ...]
    min_reports_before: int = Field(ge=0)


class SpikeRule(_Rule):
    window_days: int = Field(ge=1)
    baseline_windows: int = Field(ge=1)
    min_events: int = Field(ge=1)
    ratio: float = Field(gt=0)


class WatchlistRule(_Rule):
    names: tuple[str, ...] = ()
    places: tuple[str, ...] = ()


class Rules(BaseModel):
    model_config = ConfigDict(frozen=True, extra="forbid")

    first_in_admin1: FirstInAdmin1Rule
    new_actor: NewActorRule
    new_relation: NewRelationRule
    spike: SpikeRule
    watchlist: WatchlistRule


class DeliveryPolicy(BaseModel):
    """How hard webhook delivery tries: attempts, exponential backoff, and a request timeout."""

    model_config = ConfigDict(frozen=True, extra="forbid")

    attempts: int = Field(ge=1, le=20)
    backoff_base_seconds: float = Field(ge=0)
    max_wait_seconds: float = Field(ge=0)
    timeout_seconds: float = Field(gt=0)


class AlertConfig(BaseModel):
    """Every alert rule and the webhook delivery policy."""

    model_config = ConfigDict(frozen=True, extra="forbid")

    rules: Rules
    webhooks: DeliveryPolicy


RULE_NAMES: tuple[str, ...] = tuple(Rules.model_fields)


def load_alert_config(path: Path | None = None) -> AlertConfig:
    """The packaged rules overridden by `path` (default: WARNLINE_ALERT_RULES), validated once."""
    if path is None:
        path = get_settings().alert_rules
    return _load(path.expanduser().resolve() if path else None)


@lru_cache(maxsize=8)
def _load(path: Path | None) -> AlertConfig:
    data = read_vocab_mapping(RULES_FILE)
    subject = f"vocab/{RULES_FILE}"
    if path is not None:
        subject = str(path)
        data = _merged(data, _read_user_file(path))
    try:
        return AlertConfig.model_validate(data)
    except ValidationError as error:
        first = error.errors()[0]
        where = ".".join(str(part) for part in first["loc"])
        raise WarnlineError(Errors.E220, subject, detail=f"{where}: {first['msg']}") from error


def _read_user_file(path: Path) -> dict[str, Any]:
    try:
        text = path.read_text(encoding="utf-8")
    except OSError as error:
        raise WarnlineError(Errors.E221, str(path), detail=error.strerror or error) from error
    try:
        data = yaml.safe_load(text) or {}
    except yaml.YAMLError as error:
        raise WarnlineError(Errors.E220, str(path), detail="not valid YAML") from error
    if not isinstance(data, dict):
        raise WarnlineError(Errors.E220, str(path), detail="not a mapping")
    return data


def _merged(base: dict[str, Any], override: dict[str, Any]) -> dict[str, Any]:
    """`base` with `override`'s values put in, mapping by mapping (lists are replaced whole)."""
    merged = dict(base)
    for key, value in override.items():
        if isinstance(value, dict) and isinstance(base.get(key), dict):
            merged[key] = _merged(base[key], value)
        else:
            merged[key] = value
    return merged
