"""The web UI's pages over a real store of the examples and a hostile report: every page for a
signed-in reader, sign-in for visitors, escaping, the highlighted report text, the timeline's
counts, the claims board, the actor page, the outlines, and acknowledging an alert."""

from __future__ import annotations

import json
import re
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import pytest
from fastapi.testclient import TestClient
from hypothesis import given
from hypothesis import strategies as st
from markupsafe import escape
from sqlalchemy import func, select
from tests.serve.conftest import ApiStore, copy_with

from warnline.analyse.actor_edits import list_actors
from warnline.analyse.alerts import list_alerts
from warnline.analyse.cluster_views import list_claim_clusters
from warnline.errors import WarnlineError
from warnline.serve import create_app
from warnline.serve.views import Mark, Segment, segment_text
from warnline.settings import Settings
from warnline.store import Store, load_analysis
from warnline.store.schema import EventRow
from warnline.store.tokens import create_token

SCRIPT = "<script>alert(1)</script>"
IMG = "<img src=x onerror=alert(1)>"
# Written for these tests: a report whose metadata and text carry markup.
HOSTILE = f"""\
---
title: "Raid claim {SCRIPT} and {IMG}"
source: "Desk {IMG}"
published: 2024-06-02
---
GAO, MALI – Gunmen attacked a convoy north of Gao on Tuesday, killing two drivers, a regional
official said. A message posted online {SCRIPT} claimed the attack for the Islamic State
Sahel Province {IMG}. The army denied that any soldier was killed {IMG}.
"""
PAGES = [
    "/",
    "/reports",
    "/reports/{report}",
    "/timeline",
    "/timeline?actor=united+states&since=2024-01-01",
    "/claims",
    "/claims?status=all",
    "/actors",
    "/actors?name=state",
    "/actors/{actor}",
    "/alerts",
    "/alerts?show=all",
]


@dataclass(frozen=True)
class Served:
    store: Store
    root: Path
    hostile_id: str


@pytest.fixture(scope="module")
def served(api_store: ApiStore, tmp_path_factory: pytest.TempPathFactory) -> Iterator[Served]:
    root = tmp_path_factory.mktemp("pages")
    store, hostile_id = copy_with(api_store, root, "hostile.md", HOSTILE)
    yield Served(store, root, hostile_id)
    store.close()


def _app(served: Served, **settings: str) -> TestClient:
    return TestClient(create_app(served.store, Settings(secret_key="tests-only", **settings)))


def _csrf(page: str) -> str:
    found = re.search(r'name="csrf" value="([^"]+)"', page)
    assert found is not None
    return found.group(1)


def _signed_in(served: Served, role: str) -> TestClient:
    client = _app(served)
    with served.store.session() as session:
        token = create_token(session, role, f"pages {role}").token
    response = client.post(
        "/login",
        data={"token": token, "csrf": _csrf(client.get("/login").text), "next": "/"},
        follow_redirects=False,
    )
    assert response.status_code == 303
    return client


@pytest.fixture(scope="module")
def reader(served: Served) -> TestClient:
    return _signed_in(served, "reader")


def _fill(path: str, served: Served) -> str:
    with served.store.session() as session:
        actor = list_actors(session)[0].id
    return path.format(report=served.hostile_id.removeprefix("sha256:"), actor=actor)


@pytest.mark.parametrize("path", PAGES)
def test_every_page_renders_for_a_reader(reader: TestClient, served: Served, path: str) -> None:
    response = reader.get(_fill(path, served))
    assert response.status_code == 200, response.text
    assert response.headers["content-type"].startswith("text/html")
    page = response.text
    for label in ("Map", "Timeline", "Claims", "Actors", "Reports", "Alerts", "Sign out"):
        assert f">{label}<" in page
    assert "pages reader (reader)" in page


@pytest.mark.parametrize("path", [*PAGES, "/outlines.geojson"])
def test_a_visitor_is_sent_to_sign_in(served: Served, path: str) -> None:
    response = _app(served).get(_fill(path, served), follow_redirects=False)
    assert response.status_code == 303
    assert response.headers["location"].startswith("/login?next=/")


@pytest.mark.parametrize(
    ("path", "shows_it"),
    [
        ("/", True),
        ("/reports", True),
        ("/reports/{report}", True),
        ("/claims?status=all", True),
        ("/alerts?show=all", False),
        ("/actors", False),
    ],
)
def test_markup_in_reports_renders_as_text(
    reader: TestClient, served: Served, path: str, shows_it: bool
) -> None:
    page = reader.get(_fill(path, served)).text
    assert SCRIPT not in page
    assert IMG not in page
    assert "<img" not in page.lower()
    if shows_it:
        assert "onerror=alert(1)&gt;" in page
    # The only scripts are our own files.
    assert re.findall(r"<script[^>]*>", page) == re.findall(r'<script src="/static/[^"]+">', page)


def test_the_report_text_is_highlighted_and_whole(reader: TestClient, served: Served) -> None:
    with served.store.session() as session:
        _summary, analysis, text = load_analysis(session, served.hostile_id)
    page = reader.get(_fill("/reports/{report}", served)).text
    body = page[page.index('id="report-text">') :]
    body = body[len('id="report-text">') : body.index("</div>")]
    plain = re.sub(r"<[^>]+>", "", body)
    assert plain == str(escape(text))
    for css in ("hl-actor", "hl-place", "hl-claim-content", "hl-claim-cue"):
        assert re.search(rf'<span class="[^"]*\b{css}\b', body), css
    assert analysis.claims


def test_a_claims_speaker_cue_and_content_are_marked(reader: TestClient, served: Served) -> None:
    with served.store.session() as session:
        rows = list_claim_clusters(session)
        voice = next(c for cluster in rows for c in cluster.claims if c.speaker)
        _summary, analysis, _text = load_analysis(session, voice.report_id)
    claim = next(c for c in analysis.claims if c.speaker)
    page = reader.get(f"/reports/{voice.report_id.removeprefix('sha256:')}").text
    cues = re.findall(r'<span class="[^"]*hl-claim-cue[^"]*">([^<]+)</span>', page)
    assert claim.cue in cues
    speakers = re.findall(r'<span class="[^"]*hl-claim-speaker[^"]*">([^<]+)</span>', page)
    assert speakers


@pytest.mark.parametrize(
    ("marks", "expected"),
    [
        ([], [("abcdef", ())]),
        ([Mark(1, 3, "a")], [("a", ()), ("bc", ("a",)), ("def", ())]),
        # Spans at both ends.
        ([Mark(0, 2, "a"), Mark(4, 6, "b")], [("ab", ("a",)), ("cd", ()), ("ef", ("b",))]),
        # Adjacent spans stay apart.
        ([Mark(0, 3, "a"), Mark(3, 6, "b")], [("abc", ("a",)), ("def", ("b",))]),
        # Nested: the outer span is split around the inner one.
        (
            [Mark(0, 6, "claim"), Mark(2, 4, "actor")],
            [("ab", ("claim",)), ("cd", ("claim", "actor")), ("ef", ("claim",))],
        ),
        # Overlapping.
        (
            [Mark(0, 4, "a"), Mark(2, 6, "b")],
            [("ab", ("a",)), ("cd", ("a", "b")), ("ef", ("b",))],
        ),
        # The same span twice in one class, empty and out-of-range spans.
        (
            [Mark(1, 2, "a"), Mark(1, 2, "a"), Mark(3, 3, "b"), Mark(5, 99, "c")],
            [("a", ()), ("b", ("a",)), ("cde", ()), ("f", ("c",))],
        ),
        ([Mark(-4, 1, "a"), Mark(7, 9, "b")], [("a", ("a",)), ("bcdef", ())]),
    ],
)
def test_segment_text(marks: list[Mark], expected: list[tuple[str, tuple[str, ...]]]) -> None:
    assert segment_text("abcdef", marks) == [Segment(t, c) for t, c in expected]


@given(
    st.text(max_size=40),
    st.lists(st.tuples(st.integers(-5, 45), st.integers(-5, 45), st.sampled_from("abc"))),
)
def test_segments_keep_the_text_and_each_marks_class(
    text: str, raw: list[tuple[int, int, str]]
) -> None:
    marks = [Mark(start, end, css) for start, end, css in raw]
    segments = segment_text(text, marks)
    assert "".join(s.text for s in segments) == text
    assert all(s.text for s in segments) or text == ""
    offset = 0
    for segment in segments:
        for i in range(offset, offset + len(segment.text)):
            covering = {m.css for m in marks if m.start <= i < m.end}
            assert set(segment.classes) == covering
        offset += len(segment.text)


def test_the_timeline_counts_every_dated_event(reader: TestClient, served: Served) -> None:
    with served.store.session() as session:
        dated = session.scalar(
            select(func.count(EventRow.id)).where(EventRow.date_start.is_not(None))
        )
    page = reader.get("/timeline").text
    bars = [int(n) for n in re.findall(r'data-events="(\d+)"', page)]
    assert sum(bars) == dated
    assert f"({dated})" in page
    # Each year is named under its first week.
    axis = page[page.index('<div class="axis"') :]
    axis = axis[: axis.index("</div>")]
    assert re.findall(r"<span>(20\d\d)</span>", axis)
    filtered = reader.get(
        "/timeline", params={"actor": "Jama'at Nusrat al-Islam wal-Muslimin"}
    ).text
    kept = sum(int(n) for n in re.findall(r'data-events="(\d+)"', filtered))
    assert 0 < kept < dated


def test_a_bad_timeline_date_is_a_coded_error(reader: TestClient) -> None:
    response = reader.get("/timeline", params={"since": "last tuesday"})
    assert response.status_code == 400
    assert "E270 since:" in response.text


def test_the_claims_board_shows_both_sides(reader: TestClient, served: Served) -> None:
    with served.store.session() as session:
        contested = list_claim_clusters(session, "contested")
    assert contested
    page = reader.get("/claims").text
    assert page.count('class="cluster"') == len(contested)
    cluster = contested[0]
    block = page[page.index(f'id="cluster-{cluster.id}"') :]
    denying = block[block.index('class="side denying"') :]
    denial = next(c for c in cluster.claims if c.stance == "denies")
    assert str(escape(denial.content)) in denying
    assert f'<span class="grade" title="source reliability (Admiralty)">{denial.reliability}' in (
        denying
    )
    assert f"credibility <strong>{cluster.credibility}</strong>" in block


def test_the_actor_page(reader: TestClient, served: Served) -> None:
    with served.store.session() as session:
        actor = next(a for a in list_actors(session) if a.aliases and a.reports > 1)
    page = reader.get(f"/actors/{actor.id}").text
    assert str(escape(actor.name)) in page
    for alias in actor.aliases:
        assert str(escape(alias)) in page
    assert reader.get("/actors/999999").status_code == 404


def test_outlines_are_small_rounded_geojson(reader: TestClient) -> None:
    response = reader.get("/outlines.geojson")
    assert response.status_code == 200
    assert response.headers["content-type"] == "application/geo+json"
    assert len(response.content) < 400_000
    data = json.loads(response.content)
    isos = {feature["properties"]["iso"] for feature in data["features"]}
    assert {"ML", "AF", "SO", "US"} <= isos
    numbers = re.findall(r"-?\d+\.\d+", response.text)
    assert numbers
    assert all(len(n.split(".")[1]) == 1 for n in numbers)


@pytest.mark.parametrize(
    "path", ["/static/map.js", "/static/warnline.css", "/static/leaflet/leaflet.js"]
)
def test_static_files_are_served_locally(reader: TestClient, path: str) -> None:
    assert reader.get(path).status_code == 200
    assert reader.get("/static/markercluster/leaflet.markercluster.js").status_code == 200


def test_map_tiles_only_when_configured(served: Served) -> None:
    tiles = "https://tiles.example/{z}/{x}/{y}.png"
    client = _app(served, map_tiles=tiles, map_attribution="© Example")
    client.cookies = _signed_in(served, "reader").cookies
    page = client.get("/").text
    assert f'data-tiles="{tiles}"' in page
    assert 'data-tiles=""' in _signed_in(served, "reader").get("/").text
    with pytest.raises(WarnlineError, match="E271"):
        _app(served, map_tiles="tiles.example/{z}")


def _open_alert(served: Served) -> int:
    with served.store.session() as session:
        return list_alerts(session, unacknowledged=True)[0].id


def _acknowledged(served: Served, alert_id: int) -> bool:
    with served.store.session() as session:
        return any(a.id == alert_id and a.acknowledged_at for a in list_alerts(session))


def test_acknowledging_needs_the_csrf_token_and_an_analyst(served: Served) -> None:
    alert_id = _open_alert(served)
    url = f"/alerts/{alert_id}/acknowledge"
    analyst = _signed_in(served, "analyst")
    csrf = _csrf(analyst.get("/alerts").text)
    assert f'action="{url}"' in analyst.get("/alerts").text
    assert analyst.post(url, data={}).status_code == 403
    assert analyst.post(url, data={"csrf": "forged"}).status_code == 403
    reader = _signed_in(served, "reader")
    reader_csrf = _csrf(reader.get("/alerts").text)
    assert reader.post(url, data={"csrf": reader_csrf}).status_code == 403
    assert _app(served).post(url, data={"csrf": csrf}).status_code == 401
    assert not _acknowledged(served, alert_id)

    response = analyst.post(url, data={"csrf": csrf}, follow_redirects=False)
    assert response.status_code == 303
    assert response.headers["location"] == f"/alerts#alert-{alert_id}"
    assert _acknowledged(served, alert_id)
    assert f'id="alert-{alert_id}"' not in analyst.get("/alerts").text
    assert f'id="alert-{alert_id}"' in analyst.get("/alerts?show=all").text
    assert analyst.post("/alerts/999999/acknowledge", data={"csrf": csrf}).status_code == 404
