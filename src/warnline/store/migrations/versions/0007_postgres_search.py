"""Full-text search over reports on PostgreSQL: a GIN index over the tsvector of title and text

SQLite searches with the FTS5 table of migration 0006; PostgreSQL needs no copy of the text,
only an index on the same expression the search queries (store/search.py `SEARCH_VECTOR`), so
the planner uses it and every insert, update or delete of a report keeps it in step. The
`simple` configuration lower-cases words without stemming or stop words, as FTS5's unicode61
tokenizer does; `<`, `>` and `/` are read as spaces, so that words in what looks like markup
or a path are found as FTS5 finds them (PostgreSQL's parser would otherwise skip anything
shaped like an HTML tag and keep `a/b` as one token). On
SQLite this revision changes nothing.

Revision ID: 0007
Revises: 0006
Create Date: 2026-11-25
"""

from __future__ import annotations

from alembic import op

revision = "0007"
down_revision = "0006"
branch_labels = None
depends_on = None

SEARCH_INDEX = "ix_reports_search"
# Must stay the same text as store/search.py's SEARCH_VECTOR, or the index goes unused.
_VECTOR = (
    "to_tsvector('simple'::regconfig, translate(coalesce(title, '') || ' ' || text, '<>/', '   '))"
)


def upgrade() -> None:
    if op.get_bind().dialect.name != "postgresql":
        return
    op.execute(f"CREATE INDEX {SEARCH_INDEX} ON reports USING gin (({_VECTOR}))")


def downgrade() -> None:
    if op.get_bind().dialect.name != "postgresql":
        return
    op.execute(f"DROP INDEX IF EXISTS {SEARCH_INDEX}")
