"""The map in a real browser: markers from the events API, the actor filter, a popup whose
strings come from a hostile report, and the country outlines drawn with no tile server."""

from __future__ import annotations

from playwright.sync_api import Page, expect
from tests.browser.conftest import SCRIPT, Live, Shoot

MARKERS = ".wl-marker, .marker-cluster"


def _loaded(page: Page) -> int:
    """Wait for the map to finish loading events; how many it drew."""
    page.wait_for_function("document.getElementById('map').dataset.features !== ''")
    return int(page.locator("#map").get_attribute("data-features") or "0")


def test_the_map_shows_clustered_markers(page: Page, shoot: Shoot) -> None:
    page.wait_for_selector(MARKERS)
    assert page.locator(MARKERS).count() > 0
    assert _loaded(page) > 0
    expect(page.locator("#legend [data-type]")).to_have_count(6)
    # No tiles configured: the outlines are drawn (as SVG paths) under the markers.
    page.wait_for_function("document.querySelectorAll('.leaflet-overlay-pane path').length > 100")
    assert page.locator(".leaflet-tile").count() == 0
    shoot(page, "map")


def test_filtering_by_actor_shows_fewer_markers(page: Page, shoot: Shoot) -> None:
    page.wait_for_selector(MARKERS)
    everything = _loaded(page)
    page.fill("input[name=actor]", "Jama'at Nusrat al-Islam wal-Muslimin")
    page.click("#filters button[type=submit]")
    page.wait_for_function(f"document.getElementById('map').dataset.features !== '{everything}'")
    kept = _loaded(page)
    assert 0 < kept < everything
    assert "actor=Jama" in page.url
    page.wait_for_selector(MARKERS)
    shoot(page, "map-filtered")


def test_a_popup_shows_a_hostile_reports_strings_as_text(
    page: Page, live: Live, shoot: Shoot
) -> None:
    page.goto(f"{live.url}/?country=ML&since=2024-05-27&until=2024-05-29")
    assert _loaded(page) == 1
    page.locator(".wl-marker").first.click()
    popup = page.locator(".leaflet-popup-content")
    expect(popup).to_be_visible()
    text = popup.inner_text()
    assert f"Report: Ambush claim {SCRIPT}" in text
    assert "Battles" in text
    assert "Killed" in text
    assert popup.locator("script, img").count() == 0
    assert page.evaluate("window.pwned === undefined")
    shoot(page, "map-popup")
    popup.locator("a").click()
    page.wait_for_url(f"{live.url}/reports/{live.hostile_id.removeprefix('sha256:')}")
    assert page.evaluate("window.pwned === undefined")
