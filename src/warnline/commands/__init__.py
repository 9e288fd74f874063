"""`warnline` commands over the store's cross-report analysis, one module per topic; each
module's `register(app)` adds its commands to the `warnline` app (cli.py)."""

from __future__ import annotations

import typer

from warnline.commands import actors, alerts, clusters, export, tokens, watch


def register_all(app: typer.Typer) -> None:
    for module in (actors, clusters, alerts, watch, tokens, export):
        module.register(app)
