"""Helpers for the browser suite."""

from __future__ import annotations

from playwright.sync_api import Page

DEMO_PASSWORD = "kopsis-demo"


def login(page: Page, base_url: str, username: str, password: str = DEMO_PASSWORD) -> None:
    page.goto(f"{base_url}/akun/masuk/")
    page.get_by_label("Username").fill(username)
    page.get_by_label("Kata sandi").fill(password)
    page.get_by_role("button", name="Masuk").last.click()
    page.wait_for_load_state("domcontentloaded")


def logout(page: Page) -> None:
    page.get_by_role("button", name="Keluar").click()
    page.wait_for_load_state("domcontentloaded")
