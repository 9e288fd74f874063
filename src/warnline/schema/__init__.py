"""The JSON Schema of the `warnline.report/1` contract, shipped with the package."""

from __future__ import annotations

import json
from importlib import resources
from typing import Any

REPORT_SCHEMA_FILE = "report-1.schema.json"


def report_schema() -> dict[str, Any]:
    """The JSON Schema that every `warnline analyze` object validates against."""
    text = resources.files(__package__).joinpath(REPORT_SCHEMA_FILE).read_text(encoding="utf-8")
    schema: dict[str, Any] = json.loads(text)
    return schema
