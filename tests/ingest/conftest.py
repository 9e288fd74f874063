"""Shared fixtures for the ingest tests: real files, the readers' results, a local web site.

Test files never import each other (pytest runs with --import-mode=importlib), so every helper
here is handed out as a fixture.
"""

from __future__ import annotations

import socket
import threading
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

import pytest

from warnline.ingest import Defaults, ReadLimits, read_inputs
from warnline.records import Failure, Report

LIMITS = ReadLimits(max_bytes=1_000_000, http_timeout=5.0)

# A short, ordinary report used wherever a batch needs a good input next to a bad one.
GOOD_TEXT = (
    "Gunmen attack convoy near Gao\n\n"
    "GAO, MALI – Gunmen attacked a supply convoy on the road north of Gao on Tuesday, "
    "killing two drivers, a regional official said.\n"
)


def _read_all(
    paths: Sequence[str | Path] = (),
    urls: Sequence[str] = (),
    defaults: Defaults | None = None,
    limits: ReadLimits = LIMITS,
) -> list[Report | Failure]:
    """Everything `read_inputs` yields for these inputs, as a list."""
    return list(read_inputs([str(p) for p in paths], list(urls), defaults or Defaults(), limits))


def _check_failure(failure: object, code: str, subject: str) -> None:
    """A coded failure record: one line, starting with its code, naming its input."""
    assert isinstance(failure, Failure), failure
    assert failure.code == code, failure
    assert failure.severity == ("warning" if code.startswith("W") else "error")
    assert failure.subject == subject
    assert "\n" not in failure.message
    assert failure.message.startswith(f"{code} {subject}: "), failure.message
    assert failure.message.endswith(")")
    assert " (fix: " in failure.message


@pytest.fixture
def limits() -> ReadLimits:
    return LIMITS


@pytest.fixture
def read() -> Callable[..., list[Report | Failure]]:
    """`read(paths, urls=(), defaults=None, limits=LIMITS)`: every result of `read_inputs`."""
    return _read_all


@pytest.fixture
def expect_failure() -> Callable[[object, str, str], None]:
    """`expect_failure(result, code, subject)`: a coded, one-line failure naming its input."""
    return _check_failure


@pytest.fixture
def good_text() -> str:
    return GOOD_TEXT


@pytest.fixture
def write(tmp_path: Path) -> Callable[[str, str | bytes], Path]:
    """`write(name, content)`: a real file under tmp_path (folders made), its path returned."""

    def write_file(name: str, content: str | bytes) -> Path:
        path = tmp_path / name
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_bytes(content.encode("utf-8") if isinstance(content, str) else content)
        return path

    return write_file


# --- a real web site on 127.0.0.1 ----------------------------------------------------------------


@dataclass
class Route:
    body: bytes
    content_type: str | None = "text/html; charset=utf-8"
    status: int = 200
    location: str | None = None


@dataclass
class LocalSite:
    """An HTTP server in a thread; add routes, read `requests` to see what was fetched."""

    base: str
    routes: dict[str, Route] = field(default_factory=dict)
    requests: list[tuple[str, str]] = field(default_factory=list)  # (path, user agent)

    def url(self, path: str) -> str:
        return f"{self.base}{path}"

    def add(
        self,
        path: str,
        body: str | bytes,
        content_type: str | None = "text/html; charset=utf-8",
        status: int = 200,
    ) -> str:
        data = body.encode("utf-8") if isinstance(body, str) else body
        self.routes[path] = Route(data, content_type, status)
        return self.url(path)

    def redirect(self, path: str, to: str, status: int = 302) -> str:
        self.routes[path] = Route(b"", None, status, location=to)
        return self.url(path)

    def fetched(self) -> list[str]:
        return [path for path, _ in self.requests]


def _handler(site: LocalSite) -> type[BaseHTTPRequestHandler]:
    class Handler(BaseHTTPRequestHandler):
        def do_GET(self) -> None:
            site.requests.append((self.path, self.headers.get("User-Agent", "")))
            route = site.routes.get(self.path) or Route(b"<h1>Not found</h1>", status=404)
            self.send_response(route.status)
            if route.content_type:
                self.send_header("Content-Type", route.content_type)
            if route.location:
                self.send_header("Location", route.location)
            self.send_header("Content-Length", str(len(route.body)))
            self.end_headers()
            self.wfile.write(route.body)

        def log_message(self, format: str, *args: object) -> None:
            """Quiet: the tests read `site.requests` instead."""

    return Handler


@pytest.fixture
def site() -> Iterator[LocalSite]:
    """A local web site on a free port of 127.0.0.1, stopped after the test."""
    local = LocalSite(base="")
    server = ThreadingHTTPServer(("127.0.0.1", 0), _handler(local))
    host, port = server.server_address[:2]
    local.base = f"http://{host!s}:{port}"
    thread = threading.Thread(target=server.serve_forever, args=(0.01,), daemon=True)
    thread.start()
    try:
        yield local
    finally:
        server.shutdown()
        server.server_close()
        thread.join(timeout=5)


@pytest.fixture
def dead_url() -> Iterator[str]:
    """A URL on 127.0.0.1 whose port is held (bound) by the test but not listening."""
    holder = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
    holder.bind(("127.0.0.1", 0))
    port = holder.getsockname()[1]
    try:
        yield f"http://127.0.0.1:{port}/report.html"
    finally:
        holder.close()


# --- documents to read ---------------------------------------------------------------------------

PARAGRAPHS = (
    "GAO, MALI – Gunmen attacked a border post north of Gao on Saturday night and killed four "
    "gendarmes, a regional official said on Sunday, adding that two more were missing.",
    "The official, who spoke on condition of anonymity, said the attackers arrived on motorcycles "
    "and set fire to two vehicles before withdrawing towards the desert.",
    "No group claimed the attack, but the area has seen repeated raids by fighters linked to the "
    "Islamic State Sahel Province over the past year.",
)


def _article_page(
    title: str = "Raid on a border post kills four",
    paragraphs: Sequence[str] = PARAGRAPHS,
    site_name: str | None = "The Border Gazette",
    published: str | None = "2024-06-02T08:00:00Z",
    og_title: bool = True,
) -> str:
    """A news article page: head metadata, navigation, the article, a footer."""
    meta = [f"<title>{title} | {site_name or 'News'}</title>"]
    if og_title:
        meta.append(f'<meta property="og:title" content="{title}">')
    if site_name:
        meta.append(f'<meta property="og:site_name" content="{site_name}">')
    if published:
        meta.append(f'<meta property="article:published_time" content="{published}">')
    body = "\n".join(f"<p>{p}</p>" for p in paragraphs)
    return (
        '<!DOCTYPE html>\n<html lang="en">\n<head>\n<meta charset="utf-8">\n'
        + "\n".join(meta)
        + '\n</head>\n<body>\n<nav><ul><li><a href="/">Home</a></li>'
        '<li><a href="/world">World</a></li></ul></nav>\n'
        f"<main><article>\n<h1>{title}</h1>\n{body}\n</article></main>\n"
        "<footer><p>Copyright 2024. All rights reserved.</p></footer>\n</body>\n</html>\n"
    )


@pytest.fixture
def paragraphs() -> tuple[str, ...]:
    return PARAGRAPHS


@pytest.fixture
def article_page() -> Callable[..., str]:
    """`article_page(title=..., paragraphs=..., site_name=..., published=..., og_title=True)`."""
    return _article_page


@dataclass(frozen=True)
class Item:
    """One feed item; None leaves the element out."""

    title: str | None = "Gunmen attack convoy near Gao"
    link: str | None = "https://example.org/gazette/gao-convoy"
    date: str | None = "Tue, 04 Jun 2024 07:30:00 +0000"
    description: str | None = "GAO, MALI – Gunmen attacked a supply convoy on Tuesday."
    content: str | None = None
    guid: str | None = None


def _rss(items: Sequence[Item], title: str | None = "The Border Gazette – Briefs") -> str:
    """An RSS 2.0 feed; descriptions and content go in CDATA, as publishers do."""
    parts = [
        '<?xml version="1.0" encoding="UTF-8"?>\n'
        '<rss version="2.0" xmlns:content="http://purl.org/rss/1.0/modules/content/">\n'
        "<channel>\n"
    ]
    if title is not None:
        parts.append(f"<title>{title}</title>\n")
    parts.append("<link>https://example.org/gazette</link>\n<description>Briefs</description>\n")
    for item in items:
        parts.append("<item>\n")
        if item.title is not None:
            parts.append(f"<title>{item.title}</title>\n")
        if item.link is not None:
            parts.append(f"<link>{item.link}</link>\n")
        if item.guid is not None:
            parts.append(f"<guid>{item.guid}</guid>\n")
        if item.date is not None:
            parts.append(f"<pubDate>{item.date}</pubDate>\n")
        if item.description is not None:
            parts.append(f"<description><![CDATA[{item.description}]]></description>\n")
        if item.content is not None:
            parts.append(f"<content:encoded><![CDATA[{item.content}]]></content:encoded>\n")
        parts.append("</item>\n")
    parts.append("</channel>\n</rss>\n")
    return "".join(parts)


def _atom(items: Sequence[Item], title: str | None = "The Border Gazette – Briefs") -> str:
    """An Atom feed: `date` is the entry's <updated>, `content` its HTML content."""
    parts = [
        '<?xml version="1.0" encoding="utf-8"?>\n<feed xmlns="http://www.w3.org/2005/Atom">\n'
        "<id>urn:example:gazette</id>\n<updated>2024-06-05T00:00:00Z</updated>\n"
    ]
    if title is not None:
        parts.append(f"<title>{title}</title>\n")
    for number, item in enumerate(items, start=1):
        parts.append(f"<entry>\n<id>urn:example:gazette:{number}</id>\n")
        if item.title is not None:
            parts.append(f"<title>{item.title}</title>\n")
        if item.link is not None:
            parts.append(f'<link rel="alternate" type="text/html" href="{item.link}"/>\n')
        if item.date is not None:
            parts.append(f"<updated>{item.date}</updated>\n")
        if item.description is not None:
            parts.append(f'<summary type="html"><![CDATA[{item.description}]]></summary>\n')
        if item.content is not None:
            parts.append(f'<content type="html"><![CDATA[{item.content}]]></content>\n')
        parts.append("</entry>\n")
    parts.append("</feed>\n")
    return "".join(parts)


@pytest.fixture
def item() -> type[Item]:
    """`item(title=, link=, date=, description=, content=, guid=)`: a feed item (RSS or Atom)."""
    return Item


@pytest.fixture
def rss() -> Callable[..., str]:
    """`rss(items, title=...)`: an RSS 2.0 feed's text."""
    return _rss


@pytest.fixture
def atom() -> Callable[..., str]:
    """`atom(items, title=...)`: an Atom feed's text."""
    return _atom
