"""Signing in, and a report whose text carries markup, in a real browser."""

from __future__ import annotations

from playwright.sync_api import Browser, Page
from tests.browser.conftest import Live, Shoot


def test_sign_in_shows_the_reports(page: Page, shoot: Shoot) -> None:
    assert page.locator("table tbody tr").count() >= 16
    shoot(page, "reports")


def test_a_visitor_is_sent_to_sign_in_and_a_wrong_token_refused(
    browser: Browser, live: Live, shoot: Shoot
) -> None:
    context = browser.new_context()
    page = context.new_page()
    page.goto(f"{live.url}/")
    assert page.url.startswith(f"{live.url}/login")
    page.fill("input[name=token]", "wl_not-a-token")
    page.click("button[type=submit]")
    assert page.get_by_role("alert").inner_text() == "unknown token"
    shoot(page, "sign-in-refused")
    context.close()


def test_a_report_with_script_in_it_renders_as_text(page: Page, live: Live, shoot: Shoot) -> None:
    page.goto(f"{live.url}/reports/{live.hostile_id}")
    body = page.locator("body").inner_text()
    assert "<script>window.pwned = 1</script>" in body
    assert '<img src="x" onerror="window.pwned = 2">' in body
    assert page.evaluate("window.pwned === undefined")
    assert page.locator("main img").count() == 0
    shoot(page, "report-hostile")
