"""The analyst's pages in a real browser: a report's highlighted claim, the claims board, the
timeline, actors, and acknowledging an alert; each page photographed."""

from __future__ import annotations

import re

from playwright.sync_api import Page, expect
from tests.browser.conftest import SCRIPT, Live, Shoot


def test_a_report_shows_a_highlighted_claim(page: Page, live: Live, shoot: Shoot) -> None:
    page.goto(f"{live.url}/reports")
    page.get_by_role("link", name="JNIM claims dawn attack").first.click()
    for part in ("speaker", "cue", "content"):
        expect(page.locator(f"#report-text .hl-claim-{part}").first).to_be_visible()
    assert page.locator("#report-text .hl-actor").count() > 0
    assert page.locator("#report-text .hl-place").count() > 0
    assert page.locator("table.claims tbody tr").count() > 0
    shoot(page, "report")


def test_the_claims_board_shows_a_contested_cluster(page: Page, live: Live, shoot: Shoot) -> None:
    page.get_by_role("link", name="Claims", exact=True).click()
    page.wait_for_url(f"{live.url}/claims")
    cluster = page.locator("article.cluster").first
    expect(cluster).to_be_visible()
    expect(cluster.locator(".status-contested")).to_have_text("contested")
    expect(cluster.locator(".side.denying .voice").first).to_be_visible()
    expect(cluster.locator(".side.supporting .voice").first).to_be_visible()
    expect(cluster.locator(".grade").first).to_have_text(re.compile(r"^[A-F]$"))
    shoot(page, "claims")


def test_the_hostile_report_is_text_on_the_claims_board(
    page: Page, live: Live, shoot: Shoot
) -> None:
    page.goto(f"{live.url}/claims?status=all")
    links = page.locator("a.report", has_text="Ambush claim")
    expect(links.first).to_have_text(f"Ambush claim {SCRIPT}")
    assert page.evaluate("window.pwned === undefined")
    assert page.locator("main img, main script").count() == 0
    links.first.scroll_into_view_if_needed()
    shoot(page, "claims-hostile")


def test_the_timeline(page: Page, live: Live, shoot: Shoot) -> None:
    page.goto(f"{live.url}/timeline")
    bars = page.locator("#timeline .bar:not(.empty)")
    assert bars.count() > 0
    page.fill("input[name=country]", "ML")
    page.click("#filters button[type=submit]")
    page.wait_for_url("**/timeline?*country=ML*")
    assert 0 < page.locator("#timeline .bar:not(.empty)").count() <= bars.count()
    shoot(page, "timeline")


def test_actors_and_an_actor_page(page: Page, live: Live, shoot: Shoot) -> None:
    page.goto(f"{live.url}/actors")
    shoot(page, "actors")
    page.fill("input[name=name]", "JNIM")
    page.click("main button[type=submit]")
    page.locator("#actors tbody a").first.click()
    expect(page.locator("h1")).to_contain_text("Jama'at Nusrat al-Islam wal-Muslimin")
    assert page.locator("#actor-events tbody tr").count() > 0
    shoot(page, "actor")


def test_acknowledging_an_alert(page: Page, live: Live, shoot: Shoot) -> None:
    page.goto(f"{live.url}/alerts")
    rows = page.locator("#alerts tbody tr[id^=alert-]")
    before = rows.count()
    assert before > 0
    shoot(page, "alerts")
    first = rows.first.get_attribute("id")
    rows.first.get_by_role("button", name="Acknowledge").click()
    page.wait_for_url(f"{live.url}/alerts*")
    assert page.locator(f"#{first}").count() == 0
    assert rows.count() == before - 1
    page.goto(f"{live.url}/alerts?show=all")
    expect(page.locator(f"#{first}")).to_contain_text("acknowledged")
