"""An XSS corpus, a world whose every free-text field holds one of its payloads, and detectors.

Shared by tests/test_xss_corpus.py (Django test client: pages, htmx fragments, PDFs, exports)
and tests/e2e/test_xss_browser.py (Chromium watches for script execution).
"""

from __future__ import annotations

import csv
import datetime
import io
import subprocess
from decimal import Decimal
from html import escape
from html.parser import HTMLParser
from typing import Any

MARK = "K0PSIS"

# Each payload would run `alert('K0PSIS')` (or make a <k0psis-tag> element) if it reached a
# page, a fragment or an attribute unescaped.
CORPUS = [
    f"<script>alert('{MARK}')</script>",
    f"\"><img src=x onerror=alert('{MARK}')>",
    f"'><svg onload=alert('{MARK}')>",
    f"<a href=\"javascript:alert('{MARK}')\">klik</a>",
    f"<iframe srcdoc=\"<script>alert('{MARK}')</script>\"></iframe>",
    f"</textarea></title><script>alert('{MARK}')</script>",
    f"<k0psis-tag data-x={MARK}>",
    f"<details open ontoggle=alert('{MARK}')>",
    f"{{{{ 7|add:42 }}}}{MARK}{{% now 'Y' %}}",  # template injection: must print as typed
    f"javascript:alert('{MARK}')",
    f'=HYPERLINK("http://contoh.invalid","{MARK}")',
    f"+{MARK}+1",
    f"-{MARK}-1",
    f"@SUM({MARK})",
]
EXECUTABLE_URL_PREFIXES = ("javascript:", "vbscript:", "data:text/html")
URL_ATTRIBUTES = {"href", "src", "action", "formaction", "xlink:href", "data", "poster"}


def payload(i: int, limit: int = 150) -> str:
    return CORPUS[i % len(CORPUS)][:limit]


class InjectionFinder(HTMLParser):
    """Collects every place where a payload became markup instead of text."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.problems: list[str] = []
        self._raw: str | None = None  # inside <script>/<style>: which one, and its type
        self._json = False

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag == "k0psis-tag":
            self.problems.append("<k0psis-tag> element created")
        for name, value in attrs:
            value = value or ""
            if MARK in name or (name.startswith(("on", "hx-on")) and MARK in value):
                self.problems.append(f"<{tag} {name}={value[:60]!r}>")
            if name in URL_ATTRIBUTES and value.strip().lower().startswith(EXECUTABLE_URL_PREFIXES):
                self.problems.append(f"<{tag} {name}={value[:60]!r}>")
            if name == "srcdoc" and MARK in value:
                self.problems.append(f"<{tag} srcdoc>")
        if tag in ("script", "style"):
            self._raw = tag
            self._json = tag == "script" and dict(attrs).get("type") == "application/json"

    def handle_endtag(self, tag: str) -> None:
        if tag == self._raw:
            self._raw = None

    def handle_data(self, data: str) -> None:
        if self._raw and MARK in data and not (self._json and "<" not in data):
            self.problems.append(f"payload inside <{self._raw}>: {data[:80]!r}")
        if "49" + MARK in data:
            self.problems.append("template tag in user text was evaluated")


def html_problems(html: str) -> list[str]:
    finder = InjectionFinder()
    finder.feed(html)
    finder.close()
    return finder.problems


def pdf_text(data: bytes) -> str:
    done = subprocess.run(
        ["/usr/bin/pdftotext", "-q", "-", "-"], input=data, capture_output=True, check=True
    )
    return done.stdout.decode("utf-8", "replace")


FORMULA_STARTS = ("=", "+", "-", "@")


def export_cells(data: bytes, content_type: str) -> list[tuple[str, Any]]:
    """(kind, value) of every cell; kind "f" marks an XLSX formula cell."""
    if "csv" in content_type:
        text = data.decode("utf-8-sig")
        return [("s", cell) for row in csv.reader(io.StringIO(text)) for cell in row]
    from openpyxl import load_workbook

    workbook = load_workbook(io.BytesIO(data))
    return [
        (cell.data_type, cell.value)
        for sheet in workbook.worksheets
        for row in sheet.iter_rows()
        for cell in row
        if cell.value is not None
    ]


def formula_cells(cells: list[tuple[str, Any]]) -> list[Any]:
    return [
        v
        for kind, v in cells
        if kind == "f" or (isinstance(v, str) and v.startswith(FORMULA_STARTS))
    ]


# --- The world ---------------------------------------------------------------------------


def seed_world() -> dict[str, Any]:
    """The demo data, then a payload in every free-text field a person or editor can fill."""
    from lms.demo import demo_modules

    for module in demo_modules():
        module.seed()
    world: dict[str, Any] = {}
    _people_and_places(world)
    _roster_import(world)
    _books(world)
    _courses(world)
    _quiz_answers(world)
    _documents(world)
    return world


def _people_and_places(world: dict[str, Any]) -> None:
    from lms.accounts.models import User
    from lms.accounts.services import consent_record
    from lms.schools.models import Classroom
    from school_coops.demo import COOP_SLUG
    from school_coops.models import Account, Cooperative

    # Names are typed by teachers (roster, forms) and by people themselves: every one a payload.
    for i, user in enumerate(User.objects.exclude(username="admin").order_by("pk")):
        User.objects.filter(pk=user.pk).update(full_name=payload(i))
    for i, classroom in enumerate(Classroom.objects.order_by("pk")):
        Classroom.objects.filter(pk=classroom.pk).update(name=f"8{i}" + payload(i + 6, 30))
    coop = Cooperative.objects.get(slug=COOP_SLUG)
    Cooperative.objects.filter(pk=coop.pk).update(name=payload(1, 120))
    for i, account in enumerate(Account.objects.filter(coop=coop, code__startswith="4-")):
        Account.objects.filter(pk=account.pk).update(name=payload(i, 120))
    world["coop"] = Cooperative.objects.get(pk=coop.pk)
    siswa = User.objects.get(username="siswa")
    guru = User.objects.get(username="guru")
    consent_record(
        student=siswa,
        purposes=["learning", "cooperative"],
        action="grant",
        guardian_name=payload(2),
        guardian_relation=payload(0, 40),
        method="paper",
        evidence=payload(3, 200),
        by=guru,
    )


def _roster_import(world: dict[str, Any]) -> None:
    from lms.accounts.models import User
    from lms.schools.services import roster_import

    guru = User.objects.get(username="guru")
    classroom = guru.taught_classrooms.order_by("pk").first()
    buffer = io.StringIO()
    writer = csv.writer(buffer)
    writer.writerow(["nama", "kelas"])
    for i, text in enumerate(CORPUS):
        if not text.startswith(FORMULA_STARTS):  # the roster refuses formulas outright
            writer.writerow([f"{text[:140]} {i}", classroom.name])
    result = roster_import(
        school=classroom.school,
        data=buffer.getvalue().encode(),
        filename="xss.csv",
        by=guru,
        duplicates="create",
    )
    assert result.ok and result.created, [r.errors for r in result.errors]
    world["classroom"] = classroom


def _books(world: dict[str, Any]) -> None:
    from django.utils import timezone

    from lms.accounts.models import User
    from school_coops.models import Side
    from school_coops.selectors import bylaw_in_effect
    from school_coops.services.cooperative import bylaw_version_create
    from school_coops.services.ledger import LineInput, account_by_code, journal_entry_post
    from school_coops.services.savings import savings_deposit

    coop = world["coop"]
    treasurer = User.objects.get(username="siswa")
    today = timezone.localdate()
    kas, other = (
        account_by_code(coop=coop, code="1-1101"),
        account_by_code(coop=coop, code="4-1901"),
    )
    world["entries"] = [
        journal_entry_post(
            coop=coop,
            date=today,
            memo=payload(i, 200),
            lines=[
                LineInput(kas.pk, Side.DEBIT, Decimal(1000 + i)),
                LineInput(other.pk, Side.CREDIT, Decimal(1000 + i)),
            ],
            by=treasurer,
            receipt=True,
        )
        for i in range(len(CORPUS))
    ]
    membership = coop.memberships.get(member__username="siswa")
    savings_deposit(membership=membership, amount=Decimal(5000), by=treasurer, date=today)
    current = bylaw_in_effect(coop=coop)
    allocation = {a.bucket: a.percent for a in current.shu_allocations.all()}
    bylaw_version_create(
        coop=coop,
        effective_from=today + datetime.timedelta(days=30),
        simpanan_pokok_amount=current.simpanan_pokok_amount,
        simpanan_wajib_amount=current.simpanan_wajib_amount,
        shu_allocation=allocation,
        ad_art_text="\n\n".join(CORPUS),
    )


def _courses(world: dict[str, Any]) -> None:
    from wagtail.rich_text import RichText

    from courses.models import CoursePage, LessonPage, Question, Quiz

    for i, course in enumerate(CoursePage.objects.live().order_by("pk")):
        course.title = payload(i, 200)
        course.summary = "\n".join(CORPUS)
        course.save_revision().publish()
    for i, lesson in enumerate(LessonPage.objects.live().order_by("pk")[:6]):
        lesson.title = payload(i + 3, 200)
        lesson.body = [
            *[(block.block_type, block.value) for block in lesson.body],
            ("heading", payload(i)),
            # what an editor types into Draftail is stored as escaped text
            ("text", RichText("".join(f"<p>{escape(text)}</p>" for text in CORPUS))),
            ("callout", {"kind": "info", "title": payload(i + 1), "text": RichText("<p>x</p>")}),
        ]
        lesson.save_revision().publish()
    for i, quiz in enumerate(Quiz.objects.order_by("pk")):
        Quiz.objects.filter(pk=quiz.pk).update(title=payload(i, 200))
    for i, question in enumerate(Question.objects.order_by("pk")):
        Question.objects.filter(pk=question.pk).update(
            prompt=payload(i, 1000), explanation=payload(i + 1, 1000), topic=payload(i + 2, 120)
        )
        for j, choice in enumerate(question.choices.order_by("pk")):
            type(choice).objects.filter(pk=choice.pk).update(text=f"{j} {payload(i + j, 290)}")


def _quiz_answers(world: dict[str, Any]) -> None:
    from courses.exceptions import CourseRuleError
    from courses.models import LessonPage, Question, QuestionKind
    from courses.services import quiz_answer_save, quiz_attempt_start, quiz_attempt_submit
    from lms.accounts.models import User

    siswa = User.objects.get(username="siswa")
    for lesson in LessonPage.objects.live().order_by("pk"):
        if lesson.quiz_id is None:
            continue
        try:
            attempt = quiz_attempt_start(student=siswa, lesson=lesson)
        except CourseRuleError:  # passed in an earlier browser test: a passed quiz is closed
            continue
        typed = Question.objects.filter(pk__in=attempt.question_order, kind=QuestionKind.SHORT_TEXT)
        if not typed.exists():
            continue
        for i, question in enumerate(typed.order_by("pk")):
            quiz_answer_save(
                attempt_id=attempt.pk,
                student=siswa,
                question_id=question.pk,
                data={"answer": [payload(i, 200)]},
            )
        quiz_attempt_submit(attempt_id=attempt.pk, student=siswa)
        world["attempt"] = attempt
        return


def _documents(world: dict[str, Any]) -> None:
    from lms.accounts.models import User
    from lms.schools.services import login_cards_request
    from school_coops.services.cards import member_cards_request

    guru = User.objects.get(username="guru")
    classroom = world["classroom"]
    students = list(classroom.students.all())
    world["login_batch"] = login_cards_request(classroom=classroom, by=guru, students=students)
    world["card_batch"] = member_cards_request(
        coop=world["coop"], by=guru, base_url="http://testserver"
    )
