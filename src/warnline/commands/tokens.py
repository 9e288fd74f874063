"""`warnline tokens`: API tokens for the web UI and the REST API."""

from __future__ import annotations

from typing import Annotated

import typer
from rich.table import Table

from warnline.cli_support import Format, FormatOption, out, print_json, print_listing, store_session
from warnline.records import TokenInfo
from warnline.store.tokens import create_token, list_tokens, revoke_token

tokens = typer.Typer(help="API tokens: create, list, revoke.", no_args_is_help=True)


def register(app: typer.Typer) -> None:
    """Add `warnline tokens …` to the app."""
    app.add_typer(tokens, name="tokens")


@tokens.command("create")
def create(
    role: Annotated[str, typer.Option(help="reader, analyst or admin.")] = "reader",
    name: Annotated[str, typer.Option(help="Whose token it is, to tell them apart.")] = "",
    output_format: FormatOption = Format.table.value,
) -> None:
    """Create an API token; it is shown once (only its SHA-256 is stored).

    Example: warnline tokens create --role analyst --name "desk laptop"
    """
    with store_session() as session:
        issued = create_token(session, role, name or role)
    if output_format == Format.json:
        print_json({**issued.info.model_dump(mode="json"), "token": issued.token})
        return
    out.print(f"token {issued.info.id} ({issued.info.role}): {issued.token}", markup=False)
    out.print("Keep it now: it cannot be shown again.", markup=False)


@tokens.command("list")
def list_command(output_format: FormatOption = Format.table.value) -> None:
    """List API tokens (their first characters, never the tokens).

    Example: warnline tokens list --format json
    """
    with store_session() as session:
        rows = list_tokens(session)
    print_listing(rows, _table(rows), output_format)


@tokens.command("revoke")
def revoke(token_id: Annotated[int, typer.Argument(help="The token's id (see the list).")]) -> None:
    """Revoke an API token at once; requests with it are refused from then on.

    Example: warnline tokens revoke 3
    """
    with store_session() as session:
        info = revoke_token(session, token_id)
    out.print(f"token {info.id} ({info.name}) revoked", markup=False)


def _table(rows: list[TokenInfo]) -> Table:
    table = Table(title="API tokens")
    for column in ("id", "name", "role", "starts", "created", "last used", "revoked"):
        table.add_column(column)
    for row in rows:
        table.add_row(
            str(row.id),
            row.name,
            row.role,
            row.prefix + "…",
            f"{row.created_at:%Y-%m-%d %H:%M}",
            f"{row.last_used_at:%Y-%m-%d %H:%M}" if row.last_used_at else "",
            f"{row.revoked_at:%Y-%m-%d %H:%M}" if row.revoked_at else "",
        )
    return table
