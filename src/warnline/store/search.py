"""Full-text search over reports, for the API.

One query language on both backends: words, `"quoted phrases"`, `prefix*` terms, `AND` (or
nothing) between terms, `OR`, `NOT` (as in `drone NOT strike`) and parentheses; operators are
upper case, lower-case `and`, `or`, `not` are words. The query is parsed here and written out
for the backend: an FTS5 MATCH expression for the SQLite table `reports_fts` (migration 0006),
or a tsquery built from phraseto_tsquery over the GIN-indexed tsvector of title and text on
PostgreSQL (migration 0007). A query this grammar refuses (an unclosed quote or parenthesis, an
operator with nothing on one side, a term with no letter or digit in it) is E260 on both.

Snippets are plain text with the matched words given as character offsets into the snippet:
the caller escapes and highlights them, so no markup is ever made from a report's text here.
Matched words with no letter or digit between them are one span (a phrase is highlighted whole)
on both.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass

from pydantic import BaseModel
from sqlalchemy import text
from sqlalchemy.exc import OperationalError
from sqlalchemy.orm import Session

from warnline.errors import Errors, WarnlineError

# Control characters cannot be in a query's match, so they mark where a match starts and ends.
_OPEN, _CLOSE, _ELLIPSIS = "\x02", "\x03", "…"
_SNIPPET_TOKENS = 24
# Same expression as migration 0007's index, so PostgreSQL's planner uses that index.
SEARCH_VECTOR = (
    "to_tsvector('simple'::regconfig,"
    " translate(coalesce(r.title, '') || ' ' || r.text, '<>/', '   '))"
)
# PostgreSQL's parser skips whatever looks like an HTML tag and reads `a/b` as a file path;
# the index reads `<`, `>` and `/` as spaces, and the snippet hides them behind private-use
# characters (which no report text is expected to hold) and puts them back afterwards.
_HIDDEN, _STAND_INS = "<>/", "\ue000\ue001\ue002"
_AS_SPACES = str.maketrans(_HIDDEN, "   ")
_TOKENS = re.compile(r'"[^"]*"|[()]|[^\s"()]+')
_OPERATORS = ("AND", "OR", "NOT")
_WORD = re.compile(r"[^\W_]")


class SearchHit(BaseModel):
    """One report matching a full-text query; `matches` are [start, end] offsets in `snippet`."""

    report_id: str
    title: str | None
    snippet: str
    matches: list[tuple[int, int]]
    rank: float


@dataclass(frozen=True)
class Term:
    """A word or a quoted phrase; `prefix` when it ended with `*` (a bare word only)."""

    words: str
    prefix: bool = False


@dataclass(frozen=True)
class Combined:
    """`AND` or `OR` over two or more parts, or `NOT`: the first part without the second."""

    operator: str
    parts: tuple[Node, ...]


Node = Term | Combined


def parse_query(query: str) -> Node:
    """The query's tree, or E260 saying what in it the grammar refuses."""
    if not query.strip():
        raise _refused(query, "the query is empty")
    if query.count('"') % 2:
        raise _refused(query, "a double quote is not closed")
    parser = _Parser(query, _TOKENS.findall(query))
    node = parser.or_expression()
    if parser.position < len(parser.tokens):
        raise _refused(query, f"{parser.tokens[parser.position]!r} has nothing before it to close")
    return node


class _Parser:
    """Recursive descent, loosest first: OR, then AND (or nothing), then NOT, then a term."""

    def __init__(self, query: str, tokens: list[str]) -> None:
        self.query, self.tokens, self.position = query, tokens, 0

    def peek(self) -> str | None:
        return self.tokens[self.position] if self.position < len(self.tokens) else None

    def take(self) -> str:
        token = self.tokens[self.position]
        self.position += 1
        return token

    def or_expression(self) -> Node:
        parts = [self.and_expression()]
        while self.peek() == "OR":
            self.take()
            parts.append(self.and_expression())
        return parts[0] if len(parts) == 1 else Combined("OR", tuple(parts))

    def and_expression(self) -> Node:
        parts = [self.not_expression()]
        while self.peek() not in (None, ")", "OR"):
            if self.peek() == "AND":
                self.take()
            parts.append(self.not_expression())
        return parts[0] if len(parts) == 1 else Combined("AND", tuple(parts))

    def not_expression(self) -> Node:
        node = self.primary()
        while self.peek() == "NOT":
            self.take()
            node = Combined("NOT", (node, self.primary()))
        return node

    def primary(self) -> Node:
        token = self.peek()
        if token is None or token == ")" or token in _OPERATORS:
            where = f"before {token!r}" if token else "at the end"
            raise _refused(self.query, f"a word or phrase is missing {where}")
        self.take()
        if token == "(":
            node = self.or_expression()
            if self.peek() != ")":
                raise _refused(self.query, "a parenthesis is not closed")
            self.take()
            return node
        prefix = not token.startswith('"') and token.endswith("*")
        words = token.strip('"') if token.startswith('"') else token.rstrip("*")
        if not _WORD.search(words):
            raise _refused(self.query, f"{token!r} has no letter or digit to search for")
        return Term(words, prefix)


def _refused(query: str, detail: str) -> WarnlineError:
    return WarnlineError(Errors.E260, "q", value=query, detail=detail)


def fts5_match(node: Node) -> str:
    """The tree as an FTS5 MATCH expression: every term quoted, so no word is read as syntax."""
    if isinstance(node, Term):
        return f'"{node.words}"' + ("*" if node.prefix else "")
    return "(" + f" {node.operator} ".join(fts5_match(part) for part in node.parts) + ")"


def tsquery_sql(node: Node, params: dict[str, str]) -> str:
    """The tree as a PostgreSQL tsquery expression, its terms added to `params`; a phrase is
    phraseto_tsquery of its words (the index's parser splits them as it split the text)."""
    if isinstance(node, Term):
        name = f"term{len(params)}"
        words = node.words.translate(_AS_SPACES)
        if node.prefix:
            params[name] = "'" + words.replace("\\", "\\\\").replace("'", "''") + "':*"
            return f"to_tsquery('simple', :{name})"
        params[name] = words
        return f"phraseto_tsquery('simple', :{name})"
    if node.operator == "NOT":
        left, right = (tsquery_sql(part, params) for part in node.parts)
        return f"({left} && !!{right})"
    joiner = " && " if node.operator == "AND" else " || "
    return "(" + joiner.join(tsquery_sql(part, params) for part in node.parts) + ")"


def search_reports(
    session: Session, query: str, *, limit: int = 50, offset: int = 0
) -> tuple[list[SearchHit], int]:
    """Reports whose title or text match the query, best first, and how many match in all.

    A query the grammar refuses is E260 on both backends (never a database error shown to the
    user); a store that is neither SQLite nor PostgreSQL is E265.
    """
    dialect = session.get_bind().dialect.name
    if dialect not in ("sqlite", "postgresql"):
        raise WarnlineError(Errors.E265, "q", dialect=dialect)
    tree = parse_query(query)
    if dialect == "postgresql":
        hits, total = _search_postgres(session, tree, limit=limit, offset=offset)
    else:
        hits, total = _search_sqlite(session, query, fts5_match(tree), limit=limit, offset=offset)
    wanted = sought(tree)
    for hit in hits:
        joined = join_adjacent(hit.snippet, hit.matches)
        hit.matches = [span for span in joined if _holds(hit.snippet[slice(*span)], wanted)]
    return hits, total


def _search_sqlite(
    session: Session, query: str, match: str, *, limit: int, offset: int
) -> tuple[list[SearchHit], int]:
    page = text(
        "SELECT f.report_id, r.title, "
        "snippet(reports_fts, 2, :open, :close, :ellipsis, :tokens) AS snippet, "
        "bm25(reports_fts) AS rank "
        "FROM reports_fts AS f JOIN reports AS r ON r.id = f.report_id "
        "WHERE reports_fts MATCH :query ORDER BY rank, f.report_id LIMIT :limit OFFSET :offset"
    )
    count = text("SELECT count(*) FROM reports_fts WHERE reports_fts MATCH :query")
    try:
        total = session.execute(count, {"query": match}).scalar_one()
        rows = session.execute(
            page,
            {
                "query": match,
                "open": _OPEN,
                "close": _CLOSE,
                "ellipsis": _ELLIPSIS,
                "tokens": _SNIPPET_TOKENS,
                "limit": limit,
                "offset": offset,
            },
        ).all()
    except OperationalError as error:  # not expected: every term is quoted
        detail = str(error.orig).splitlines()[0] if error.orig else "not understood"
        raise _refused(query, detail) from error
    return [
        _hit(report_id, title, str(marked or ""), rank) for report_id, title, marked, rank in rows
    ], int(total)


def _search_postgres(
    session: Session, tree: Node, *, limit: int, offset: int
) -> tuple[list[SearchHit], int]:
    """The same search on PostgreSQL; `rank` is the negated ts_rank, so that lower is better on
    both backends (as bm25 is)."""
    params: dict[str, str] = {}
    tsquery = tsquery_sql(tree, params)
    matching = f"{SEARCH_VECTOR} @@ {tsquery}"
    count = text(f"SELECT count(*) FROM reports AS r WHERE {matching}")
    page = text(
        "SELECT r.id, r.title, "
        f"ts_headline('simple', translate(r.text, :hidden, :stand_ins), {tsquery}, :options) "
        f"AS snippet, -ts_rank({SEARCH_VECTOR}, {tsquery}) AS rank "
        f"FROM reports AS r WHERE {matching} "
        "ORDER BY rank, r.id LIMIT :limit OFFSET :offset"
    )
    options = (
        f'StartSel="{_OPEN}", StopSel="{_CLOSE}", MaxWords={_SNIPPET_TOKENS}, '
        f"MinWords={_SNIPPET_TOKENS // 2}, HighlightAll=false"
    )
    total = session.execute(count, params).scalar_one()
    rows = session.execute(
        page,
        {
            **params,
            "hidden": _HIDDEN,
            "stand_ins": _STAND_INS,
            "options": options,
            "limit": limit,
            "offset": offset,
        },
    ).all()
    back = str.maketrans(_STAND_INS, _HIDDEN)
    hits = [
        _hit(report_id, title, str(marked or "").translate(back), rank)
        for report_id, title, marked, rank in rows
    ]
    return hits, int(total)


def _hit(report_id: str, title: str | None, marked: str, rank: float) -> SearchHit:
    snippet, matches = unmark(marked)
    return SearchHit(report_id=report_id, title=title, snippet=snippet, matches=matches, rank=rank)


def unmark(marked: str) -> tuple[str, list[tuple[int, int]]]:
    """Plain text and the [start, end] offsets of the spans the backend marked as matches."""
    plain: list[str] = []
    matches: list[tuple[int, int]] = []
    length, start = 0, None
    for part in re.split(f"([{_OPEN}{_CLOSE}])", marked):
        if part == _OPEN:
            start = length
        elif part == _CLOSE:
            if start is not None and length > start:
                matches.append((start, length))
            start = None
        else:
            plain.append(part)
            length += len(part)
    return "".join(plain), matches


def join_adjacent(snippet: str, matches: list[tuple[int, int]]) -> list[tuple[int, int]]:
    """Matches with no letter or digit between them joined into one span: FTS5 marks a phrase
    (and a word its tokenizer splits, as `al-Shabaab`) whole, PostgreSQL word by word, and both
    must read the same."""
    joined: list[tuple[int, int]] = []
    for start, end in matches:
        if joined and not _WORD.search(snippet[joined[-1][1] : start]):
            joined[-1] = (joined[-1][0], end)
        else:
            joined.append((start, end))
    return joined


def sought(node: Node, negated: bool = False) -> list[Term]:
    """The terms a match may show: every term but those after a NOT."""
    if isinstance(node, Term):
        return [] if negated else [node]
    if node.operator == "NOT":
        return sought(node.parts[0], negated) + sought(node.parts[1], not negated)
    return [term for part in node.parts for term in sought(part, negated)]


def _holds(span: str, terms: list[Term]) -> bool:
    """Whether a marked span holds one of the terms whole. PostgreSQL marks a phrase's words
    wherever they stand, FTS5 only where the phrase is; this keeps the phrase alone on both."""
    words = _words(span)
    for term in terms:
        needle = _words(term.words)
        for at in range(len(words) - len(needle) + 1):
            found = words[at : at + len(needle)]
            if found[:-1] == needle[:-1] and (
                found[-1].startswith(needle[-1]) if term.prefix else found[-1] == needle[-1]
            ):
                return True
    return False


def _words(text: str) -> list[str]:
    """Lower-case words without accents, as FTS5's unicode61 tokenizer reads them."""
    plain = unicodedata.normalize("NFKD", text.casefold())
    return re.findall(r"[^\W_]+", "".join(c for c in plain if not unicodedata.combining(c)))
