"""Browser fixtures: Debian's Chromium driven by Playwright against a live server.

scripts/e2e.sh starts the server (with demo data and a real Celery worker) and sets
E2E_BASE_URL. These tests run with `-p no:django`: they only talk HTTP.
"""

from __future__ import annotations

import os
from collections.abc import Iterator
from pathlib import Path

import pytest
from playwright.sync_api import Browser, BrowserContext, Page, sync_playwright

CHROMIUM = os.environ.get("CHROMIUM_PATH", "/usr/bin/chromium")
CHROMIUM_ARGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]
PHONE = {"width": 360, "height": 740}
DESKTOP = {"width": 1280, "height": 800}
ARTIFACTS = Path(os.environ.get("E2E_ARTIFACTS", "var/e2e-artifacts"))


@pytest.fixture(scope="session")
def base_url() -> str:
    url = os.environ.get("E2E_BASE_URL")
    if not url:
        raise RuntimeError("E2E_BASE_URL is not set: run the browser suite via scripts/e2e.sh")
    return url.rstrip("/")


@pytest.fixture(scope="session")
def browser() -> Iterator[Browser]:
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        yield browser
        browser.close()


def _context(browser: Browser, viewport: dict, **kwargs: object) -> BrowserContext:
    context = browser.new_context(viewport=viewport, locale="id-ID", **kwargs)
    context.set_default_timeout(15_000)
    return context


@pytest.fixture
def phone_context(browser: Browser) -> Iterator[BrowserContext]:
    context = _context(browser, PHONE, is_mobile=True, has_touch=True)
    yield context
    context.close()


@pytest.fixture
def desktop_context(browser: Browser) -> Iterator[BrowserContext]:
    context = _context(browser, DESKTOP, accept_downloads=True)
    yield context
    context.close()


def _watch_errors(page: Page) -> list[str]:
    errors: list[str] = []
    page.on("console", lambda msg: errors.append(msg.text) if msg.type == "error" else None)
    page.on("pageerror", lambda exc: errors.append(str(exc)))
    return errors


@pytest.fixture
def phone(phone_context: BrowserContext, request: pytest.FixtureRequest) -> Iterator[Page]:
    page = phone_context.new_page()
    page.console_errors = _watch_errors(page)  # type: ignore[attr-defined]
    yield page
    _screenshot_on_failure(page, request, "phone")


@pytest.fixture
def desktop(desktop_context: BrowserContext, request: pytest.FixtureRequest) -> Iterator[Page]:
    page = desktop_context.new_page()
    page.console_errors = _watch_errors(page)  # type: ignore[attr-defined]
    yield page
    _screenshot_on_failure(page, request, "desktop")


@pytest.fixture
def context(phone_context: BrowserContext) -> BrowserContext:
    """The phone page's context, e.g. for `context.set_offline(True)`."""
    return phone_context


@pytest.hookimpl(hookwrapper=True)
def pytest_runtest_makereport(item: pytest.Item, call: pytest.CallInfo) -> Iterator[None]:
    outcome = yield
    report = outcome.get_result()
    if report.when == "call":
        item.failed_call = report.failed  # type: ignore[attr-defined]


def _screenshot_on_failure(page: Page, request: pytest.FixtureRequest, kind: str) -> None:
    if getattr(request.node, "failed_call", False):
        ARTIFACTS.mkdir(parents=True, exist_ok=True)
        page.screenshot(path=str(ARTIFACTS / f"{request.node.name}-{kind}.png"), full_page=True)
