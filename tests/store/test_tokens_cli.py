"""`warnline tokens`, run as a user runs it: create shows the token once, list never does."""

from __future__ import annotations

import json
import subprocess
from collections.abc import Callable

Run = Callable[..., subprocess.CompletedProcess[str]]


def test_create_list_and_revoke(warnline: Run) -> None:
    created = warnline("tokens", "create", "--role", "analyst", "--name", "desk", "-f", "json")
    assert created.returncode == 0, created.stderr
    token = json.loads(created.stdout)
    assert token["role"] == "analyst"
    assert token["token"].startswith("wl_")

    listed = warnline("tokens", "list", "-f", "json")
    assert listed.returncode == 0, listed.stderr
    assert token["token"] not in listed.stdout
    assert [t["name"] for t in json.loads(listed.stdout)] == ["desk"]

    revoked = warnline("tokens", "revoke", str(token["id"]))
    assert revoked.returncode == 0, revoked.stderr
    assert json.loads(warnline("tokens", "list", "-f", "json").stdout)[0]["revoked_at"]


def test_revoking_an_unknown_token_is_one_coded_line(warnline: Run) -> None:
    result = warnline("tokens", "revoke", "42")
    assert result.returncode == 2
    assert "Traceback" not in result.stderr
    assert result.stderr.startswith("E250 42: ")


def test_an_unknown_role_is_one_coded_line(warnline: Run) -> None:
    result = warnline("tokens", "create", "--role", "root")
    assert result.returncode == 2
    assert result.stderr.startswith("E151 --role: ")
