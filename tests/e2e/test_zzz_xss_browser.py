"""§4 XSS corpus in Chromium: with a payload in every free-text field, no script ever runs.

The session first writes the corpus into the live server's database (tests/xss_corpus.py,
through the same services as the Django-side corpus test), then logs in as each role and
walks the pages that show those fields. Any `alert()`/`confirm()`/`prompt()` dialog, a
<k0psis-tag> element in the DOM, or a CSP report of a blocked script fails the test
(CSP reports about styles do not count).
Named `zzz` so it runs after the other browser tests: they expect the plain demo names.
"""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path
from urllib.parse import urlsplit

import pytest
from playwright.sync_api import Page

from tests.e2e.helpers import login

ROOT = Path(__file__).resolve().parents[2]
MARK = "K0PSIS"
PAGES_PER_ROLE = 45
# Downloads (PDF, exports, ZIPs, evidence, scans) are files, not pages to walk.
SKIP = (
    "/static/",
    "/media/",
    "/akun/keluar",
    "/i18n/",
    "/django-admin/",
    ".pdf",
    "ekspor.",
    "/unduh/",
    "/bukti/",
    "/pindaian/",
)


@pytest.fixture(scope="module")
def corpus_world() -> None:
    script = (
        "from django.db import transaction\n"
        "from tests.xss_corpus import seed_world\n"
        "with transaction.atomic():\n"
        "    seed_world()\n"
    )
    subprocess.run(
        [sys.executable, "manage.py", "shell", "-c", script],
        cwd=ROOT,
        env=os.environ.copy(),
        check=True,
        timeout=300,
    )


def watch(page: Page) -> list[str]:
    executed: list[str] = []

    def on_dialog(dialog) -> None:
        executed.append(f"{dialog.type}: {dialog.message} on {page.url}")
        dialog.dismiss()

    page.on("dialog", on_dialog)
    page.on(
        "console",
        lambda msg: (
            executed.append(f"console {msg.type}: {msg.text} on {page.url}")
            if MARK in msg.text or ("Content Security Policy" in msg.text and "script" in msg.text)
            else None
        ),
    )
    return executed


def walk(page: Page, base_url: str, starts: list[str], extra_prefixes: tuple[str, ...] = ()) -> int:
    """Visit the start pages and the same-origin links they lead to; pages showing MARK."""
    queue, seen, with_payload = [base_url + s for s in starts], set(), 0
    while queue and len(seen) < PAGES_PER_ROLE:
        url = queue.pop(0)
        if url in seen:
            continue
        seen.add(url)
        page.goto(url)
        page.wait_for_load_state("load")
        page.wait_for_timeout(150)  # let htmx `load` triggers and any injected handler fire
        assert page.locator("k0psis-tag").count() == 0, url
        with_payload += MARK in page.content()
        for href in page.eval_on_selector_all("a[href]", "els => els.map(e => e.href)"):
            parts = urlsplit(href)
            path = parts.path
            if href.startswith(base_url) and not any(s in path for s in SKIP):
                if path.startswith("/admin/") and not extra_prefixes:
                    continue
                queue.append(base_url + path + (f"?{parts.query}" if parts.query else ""))
    return with_payload


@pytest.mark.parametrize(
    ("username", "starts"),
    [
        ("guru", ["/akun/", "/sekolah/kelas/", "/koperasi/", "/belajar/kelas/"]),
        ("siswa", ["/akun/", "/belajar/", "/koperasi/saya/", f"/belajar/cari/?q={MARK}"]),
        ("wali", ["/akun/"]),
    ],
)
def test_no_payload_runs_for_a_role(corpus_world, desktop, base_url, username, starts):
    executed = watch(desktop)
    login(desktop, base_url, username)
    shown = walk(desktop, base_url, starts)
    assert not executed, "\n".join(executed)
    assert shown >= 1, f"{username} never saw a page with a payload"


def test_no_payload_runs_in_the_wagtail_admin(corpus_world, desktop, base_url):
    # The admin has no CSP (Wagtail needs inline scripts): escaping is the only defence there.
    executed = watch(desktop)
    login(desktop, base_url, "admin")
    desktop.goto(f"{base_url}/admin/pages/search/?q={MARK}")
    shown = walk(desktop, base_url, ["/admin/pages/", "/admin/snippets/"], ("/admin/",))
    assert not executed, "\n".join(executed)
    assert shown >= 1


def test_the_watch_catches_a_script_that_runs(desktop):
    executed = watch(desktop)
    desktop.set_content(f"<img src=x onerror=\"alert('{MARK}')\"><k0psis-tag></k0psis-tag>")
    desktop.wait_for_timeout(300)
    assert executed and MARK in executed[0]
    assert desktop.locator("k0psis-tag").count() == 1
