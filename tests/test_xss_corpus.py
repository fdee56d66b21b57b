"""§4 XSS corpus: every free-text field holds a payload; pages, fragments, PDFs, exports stay inert.

A crawler logs in as each demo role, follows every link and every `hx-get` it finds (pages and
htmx fragments), and checks each answer by kind: HTML must show the payloads as text, PDFs
must print them as typed, CSV/XLSX exports must not start a cell with = + - @.
"""

from __future__ import annotations

import re
from html import escape
from urllib.parse import urljoin, urlsplit

import pytest
from django.urls import reverse

from courses.models import LessonPage
from lms.accounts.models import User
from tests.xss_corpus import (
    CORPUS,
    MARK,
    export_cells,
    formula_cells,
    html_problems,
    pdf_text,
    seed_world,
)

pytestmark = pytest.mark.django_db

LINK_RE = re.compile(r'(?:href|hx-get)="([^"#]+)"')
SKIP_PREFIXES = ("/static/", "/media/", "/django-admin/", "/i18n/", "/admin/", "/akun/keluar")
MAX_PAGES = 160
MAX_PDFS = 12  # receipts are many and alike; the budget goes to pages


@pytest.fixture
def world(django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        return seed_world()


def crawl(client, starts: list[str], headers_for_fragments: bool = True) -> dict[str, object]:
    """Every reachable GET answer, keyed by URL (fragments get the HX-Request header too)."""
    seen: dict[str, object] = {}
    queue = list(starts)
    pdfs = 0
    while queue and len(seen) < MAX_PAGES:
        url = queue.pop(0)
        if url in seen:
            continue
        if url.endswith(".pdf") and url not in starts:
            pdfs += 1
            if pdfs > MAX_PDFS:
                continue
        response = client.get(url)
        seen[url] = response
        assert response.status_code < 500, url
        if response.status_code == 302:
            queue.append(response["Location"])
            continue
        if "text/html" not in response.get("Content-Type", ""):
            continue
        html = response.content.decode()
        for link in LINK_RE.findall(html):
            link = urljoin(url, link.replace("&amp;", "&"))
            parts = urlsplit(link)
            if parts.netloc and parts.netloc != "testserver":
                continue
            path = parts.path + (f"?{parts.query}" if parts.query else "")
            if not path.startswith(SKIP_PREFIXES) and path not in seen:
                queue.append(path)
        if headers_for_fragments and 'hx-get="' in html:
            for link in re.findall(r'hx-get="([^"#]+)"', html):
                fragment = client.get(
                    urljoin(url, link.replace("&amp;", "&")), headers={"HX-Request": "true"}
                )
                assert fragment.status_code < 500, link
                seen[f"htmx:{link}"] = fragment
    return seen


def check_answers(answers: dict[str, object]) -> dict[str, int]:
    counts = {"html_with_payload": 0, "pdf_with_payload": 0, "exports": 0}
    problems = []
    for url, response in answers.items():
        content_type = response.get("Content-Type", "")
        if response.status_code != 200:
            continue
        if "text/html" in content_type:
            html = response.content.decode()
            problems += [f"{url}: {p}" for p in html_problems(html)]
            counts["html_with_payload"] += MARK in html
        elif "application/pdf" in content_type:
            text = pdf_text(b"".join(response) if response.streaming else response.content)
            if MARK in text:
                counts["pdf_with_payload"] += 1
                assert "alert(" in text, url  # the payload is printed as typed, not parsed
        elif "csv" in content_type or "spreadsheetml" in content_type:
            counts["exports"] += 1
            problems += [
                f"{url}: formula {v!r}"
                for v in formula_cells(export_cells(response.content, content_type))
            ]
    assert not problems, "\n".join(problems[:40])
    return counts


def login(client, username: str):
    client.force_login(User.objects.get(username=username))
    return client


def test_teacher_pages_fragments_pdfs_and_exports_stay_inert(client, world):
    login(client, "guru")
    coop, classroom = world["coop"], world["classroom"]
    starts = [
        reverse("accounts:dashboard"),
        reverse("schools:classroom-detail", args=[classroom.pk]),
        reverse("schools:login-cards-download", args=[world["login_batch"].pk]),
        reverse("school_coops:dashboard", args=[coop.slug]),
        reverse("school_coops:membership-list", args=[coop.slug]),
        reverse("school_coops:membership-export", args=[coop.slug, "csv"]),
        reverse("school_coops:membership-export", args=[coop.slug, "xlsx"]),
        reverse("school_coops:member-cards-download", args=[coop.slug, world["card_batch"].pk]),
        reverse("school_coops:journal", args=[coop.slug]),
        reverse("school_coops:bylaws", args=[coop.slug]),
        *[reverse("school_coops:receipt", args=[coop.slug, e.pk]) for e in world["entries"]],
        reverse("courses:teacher-classroom-list"),
        reverse("schools:roster-import"),
    ]
    counts = check_answers(crawl(client, starts))
    assert counts["html_with_payload"] >= 10 and counts["pdf_with_payload"] >= 3, counts
    assert counts["exports"] >= 2, counts


def test_student_and_treasurer_pages_stay_inert(client, world):
    login(client, "siswa")
    starts = [
        reverse("accounts:dashboard"),
        reverse("courses:my-learning"),
        reverse("school_coops:portal"),
    ]
    if "attempt" in world:
        starts.append(reverse("courses:attempt-detail", args=[world["attempt"].pk]))
    starts.append(reverse("courses:search") + "?q=" + MARK)
    answers = crawl(client, starts)
    counts = check_answers(answers)
    assert counts["html_with_payload"] >= 5, counts
    lessons = [lesson.url for lesson in LessonPage.objects.live() if MARK in lesson.title]
    assert any(url in answers for url in lessons), "the crawl never reached a lesson"


def test_guardian_and_dinas_pages_stay_inert(client, world):
    for username in ("wali", "dinas"):
        login(client, username)
        counts = check_answers(crawl(client, [reverse("accounts:dashboard")]))
        assert counts["html_with_payload"] >= 1, (username, counts)


def test_editor_admin_pages_stay_inert(client, world):
    from wagtail.models import Page

    from courses.models import CoursePage

    login(client, "admin")
    course = CoursePage.objects.live().first()
    urls = [
        reverse("wagtailadmin_explore", args=[course.get_parent().pk]),
        reverse("wagtailadmin_explore", args=[course.pk]),
        reverse("wagtailadmin_pages:edit", args=[course.pk]),
        reverse("wagtailadmin_pages:search") + "?q=" + MARK,
        reverse("wagtailadmin_home"),
    ]
    answers = {url: client.get(url) for url in urls}
    answers["explore-root"] = client.get(
        reverse("wagtailadmin_explore", args=[Page.get_first_root_node().pk])
    )
    counts = check_answers(answers)
    assert counts["html_with_payload"] >= 3, counts


@pytest.mark.parametrize("text", [t for t in CORPUS if t.startswith(("<", '"', "'"))])
def test_the_detector_sees_each_payload_when_it_is_not_escaped(text):
    assert html_problems(f"<p>{text}</p>"), text
    assert not html_problems(f'<p>{escape(text)}</p><input value="{escape(text)}">')


def test_the_detector_sees_javascript_urls_and_evaluated_templates():
    assert html_problems(f"<a href=\"javascript:alert('{MARK}')\">x</a>")
    assert html_problems(f"<p>49{MARK}</p>")
    assert not html_problems(f'<script type="application/json">"\\u003Cb\\u003E{MARK}"</script>')


def test_formula_cells_are_found_in_csv_and_xlsx():
    from lms.exports import table_csv, table_xlsx

    raw = f"=HYPERLINK(1)\n+{MARK}\n".encode()
    assert formula_cells(export_cells(raw, "text/csv")) == ["=HYPERLINK(1)", f"+{MARK}"]
    rows = [["nama"], *[[text] for text in CORPUS]]
    assert formula_cells(export_cells(table_csv(rows), "text/csv")) == []
    assert formula_cells(export_cells(table_xlsx(rows, title="x"), "spreadsheetml")) == []
