"""The Jinja2 templates (autoescaped: report text and every extracted string render as text)."""

from __future__ import annotations

from importlib import resources

from fastapi.templating import Jinja2Templates

TEMPLATES = Jinja2Templates(directory=str(resources.files("warnline.serve") / "templates"))
