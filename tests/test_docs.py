"""The documentation keeps up with the code: every error code, command and setting is documented."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from warnline.cli import app
from warnline.errors import Errors
from warnline.settings import Settings

ROOT = Path(__file__).resolve().parent.parent
README = (ROOT / "README.md").read_text(encoding="utf-8")
ERRORS_DOC = (ROOT / "docs" / "errors.md").read_text(encoding="utf-8")


@pytest.mark.parametrize("code", [e.name for e in Errors])
def test_error_code_documented(code: str) -> None:
    assert re.search(rf"^\| {code} \|", ERRORS_DOC, re.MULTILINE), f"{code} not in docs/errors.md"


def test_no_stale_error_codes() -> None:
    documented = set(re.findall(r"^\| ([EW]\d{3}) \|", ERRORS_DOC, re.MULTILINE))
    assert documented == {e.name for e in Errors}


COMMANDS = [c.name or c.callback.__name__ for c in app.registered_commands if c.callback]


def test_commands_found() -> None:
    assert {"analyze", "ingest", "reports", "show", "failures", "serve", "init"} <= set(COMMANDS)


@pytest.mark.parametrize("command", COMMANDS)
def test_command_documented(command: str) -> None:
    assert f"warnline {command}" in README, f"`warnline {command}` is not in the README"


@pytest.mark.parametrize("field", list(Settings.model_fields))
def test_setting_documented(field: str) -> None:
    variable = f"WARNLINE_{field.upper()}"
    assert variable in README, f"{variable} is not in the README"


def test_two_commands_come_first() -> None:
    first_block = README.split("```")[1]
    assert "make demo" in first_block
    assert "make test" in first_block
