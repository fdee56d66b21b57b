"""htmx swaps under the strict Content-Security-Policy (style-src 'self'): htmx injects no
inline <style> (base.html's htmx-config), its indicator rules come from kopsis.css, and the
browser reports no CSP violation after swaps."""

from __future__ import annotations

from playwright.sync_api import Page, expect

from tests.e2e.helpers import login

DEMO_COOP = "kopsis-tunas-bangsa"


def _csp_errors(page: Page) -> list[str]:
    errors = page.console_errors  # type: ignore[attr-defined]
    return [e for e in errors if "Content Security Policy" in e]


def _is_htmx(response) -> bool:
    return response.request.headers.get("hx-request") == "true"


def _indicator_rules_come_from_the_stylesheet(page: Page) -> bool:
    return page.evaluate(
        """() => document.querySelectorAll('head style').length === 0 &&
             [...document.styleSheets].some(sheet => sheet.href &&
               [...sheet.cssRules].some(rule => rule.selectorText === '.htmx-indicator'))"""
    )


def test_an_htmx_search_swap_logs_no_csp_error(desktop: Page, base_url: str) -> None:
    login(desktop, base_url, "guru")
    desktop.goto(f"{base_url}/koperasi/{DEMO_COOP}/anggota/")
    with desktop.expect_response(lambda r: "/anggota/" in r.url and _is_htmx(r)):
        desktop.get_by_label("Cari").first.fill("zzz-tidak-ada")
    desktop.wait_for_timeout(300)  # htmx settles (classes, indicator) after the swap
    assert _csp_errors(desktop) == []
    assert _indicator_rules_come_from_the_stylesheet(desktop)


def test_a_polled_progress_bar_swaps_without_csp_errors(desktop: Page, base_url: str) -> None:
    login(desktop, base_url, "guru")
    desktop.get_by_role("link", name="8A").first.click()
    desktop.get_by_role("button", name="Cetak kartu login kelas ini").click()
    # Several swaps: the request's fragment, then the polled status until the worker is done.
    expect(desktop.get_by_role("link", name="Unduh PDF kartu login")).to_be_visible(timeout=60_000)
    assert _csp_errors(desktop) == []
