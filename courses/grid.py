"""The teacher's progress grid as HTML, cached row by row (issue 13: 40 x 30 under 12 CPU ms).

A row is one student's cells; it is kept in the cache under the student's version of
`lms.fastpage` (bumped by every write a row shows: attempts, answers, progress, completions,
submissions, grades, team membership, consent, the user row, enrolment) and the content
version (lessons published, unpublished or moved, assignments, quizzes). The column headers,
the lesson list and the assignments are kept under the content version. Nothing is ever
deleted: a write makes a new key, so a row can never be older than the student's last write.

The versions are read *before* any row: a row rendered from rows read before a write
committed is stored under a version that the write's second bump (on commit) has already
left behind (see lms.fastpage._bump).

The page around the rows (base template, navigation, headers, lesson list) is kept too, per
teacher: under the teacher's version (roles and the user row: the navigation), the content
version, the language and the class's name, with markers where the rows, the consent
summary, the CSRF token and the CSP nonce go; `_fill()` puts this request's own in. Not kept
with a flash message to show or a query string. A student's write changes one row, not it.

A request reads the class's student ids (one query), the versions (one cache round trip)
and the rows and the page (one more). Only the rows that missed are read from the database,
with the same queries for one student as for forty (three; with assignments also the
submissions, their grades' overrides and team members); a hit reads none of them.
"""

from __future__ import annotations

import hashlib
import time
from decimal import ROUND_HALF_UP, Decimal
from typing import Any

from django.conf import settings
from django.contrib.messages import get_messages
from django.core.cache import cache
from django.db import connection
from django.http import HttpRequest
from django.middleware.csrf import get_token
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils.formats import date_format
from django.utils.html import escape
from django.utils.safestring import mark_safe
from django.utils.timezone import localtime
from django.utils.translation import get_language, gettext

from courses.models import Assignment, AttemptStatus, CoursePage, LessonProgress, QuizAttempt
from courses.selectors.assignments import grade_cells_for
from courses.selectors.lessons import course_lessons
from lms.accounts.models import ConsentPurpose, Role, RoleAssignment, User
from lms.accounts.selectors import student_ids_without_consent
from lms.fastpage import CONTENT_KEY, CSRF_MARK, NONCE_MARK, _person_key
from lms.http import HtmxRequest
from lms.schools.models import Classroom, Enrolment

ROW_SECONDS = 6 * 3600  # a stale key is never read again; this only bounds the memory
ROWS_MARK = "\x00grid-rows\x00"
CONSENT_MARK = "\x00grid-consent\x00"
Cell = tuple[bool, int | None, int, Any]  # done, best score, finished attempts, grade


def grid_html(request: HtmxRequest, *, classroom: Classroom, course: CoursePage) -> str:
    """The whole page courses/progress_grid.html for this teacher (see the module's doc)."""
    user = request.user
    students = _students(classroom.pk)
    versions = _versions([user.pk, *(pk for pk, _name in students)])
    prefix = f"grid2:{classroom.pk}:{course.pk}:{versions[CONTENT_KEY]}:{get_language()}"
    row_keys = {pk: f"{prefix}:{pk}:{versions[_person_key(pk)]}" for pk, _name in students}
    shell_key = _shell_key(request, prefix, classroom, versions[_person_key(user.pk)], students)
    keys = [prefix, *row_keys.values(), *([shell_key] if shell_key else [])]
    cached = cache.get_many(keys) if settings.FASTPAGE_ENABLED else {}
    columns = cached.get(prefix) or _columns(classroom, course)
    missing = [(pk, name) for pk, name in students if row_keys[pk] not in cached]
    fresh = _rows(classroom, course, columns, missing) if missing else {}
    rows = [fresh.get(pk) or cached[row_keys[pk]] for pk, _name in students]
    shell = cached.get(shell_key) if shell_key else None
    store: dict[str, Any] = {row_keys[pk]: row for pk, row in fresh.items()}
    if prefix not in cached:
        store[prefix] = columns
    if shell is None:
        shell = _shell(request, classroom, course, columns, has_rows=bool(rows))
        if shell_key:
            store[shell_key] = shell
    if settings.FASTPAGE_ENABLED and store:
        cache.set_many(store, ROW_SECONDS)
    consent_missing = sum(1 for _html, missing_consent in rows if missing_consent)
    return _fill(request, shell, "".join(html for html, _consent in rows), consent_missing)


def _shell_key(
    request: HttpRequest,
    prefix: str,
    classroom: Classroom,
    teacher_version: int,
    students: list[tuple[int, str]],
) -> str | None:
    """The page around the rows for this teacher: under the teacher's version (roles, the
    user row: the navigation), the content version and language (in `prefix`), the class's
    name; None when the page must be rendered as usual (a flash message, a query string)."""
    if not settings.FASTPAGE_ENABLED or request.GET or len(get_messages(request)):
        return None
    name = hashlib.blake2b(classroom.name.encode(), digest_size=8).hexdigest()
    return f"{prefix}:shell:{request.user.pk}:{teacher_version}:{name}:{bool(students)}"


def _shell(
    request: HttpRequest,
    classroom: Classroom,
    course: CoursePage,
    columns: dict[str, Any],
    *,
    has_rows: bool,
) -> str:
    """The page rendered with markers where the rows, the consent summary, the CSRF token
    and the CSP nonce go (they differ per request or per student version)."""
    context = {
        "classroom": classroom,
        "course": course,
        "head": mark_safe(columns["head"]),  # built from escaped parts (_columns)
        "lesson_list": mark_safe(columns["lesson_list"]),
        "assignments": mark_safe(columns["assignments"]),
        "rows": ROWS_MARK,
        "has_rows": has_rows,
        "consent_summary": CONSENT_MARK,
        "csrf_token": CSRF_MARK,
        "csp_nonce": NONCE_MARK,
        "CSP_NONCE": NONCE_MARK,
    }
    return render_to_string("courses/progress_grid.html", context, request=request)


def _fill(request: HttpRequest, shell: str, rows: str, consent_missing: int) -> str:
    summary = ""
    if consent_missing:
        summary = render_to_string(
            "courses/progress_grid.html#consent-summary", {"consent_missing": consent_missing}
        )
    page = shell.replace(ROWS_MARK, rows).replace(CONSENT_MARK, summary)
    if CSRF_MARK in page:
        page = page.replace(CSRF_MARK, get_token(request))
    if NONCE_MARK in page:
        page = page.replace(NONCE_MARK, str(getattr(request, "csp_nonce", "")))
    return page


def _versions(student_ids: list[int]) -> dict[str, int]:
    """The content version and each student's version; a key the cache lost starts anew
    from the clock in ms, as lms.fastpage does (larger than any number it reached)."""
    keys = [CONTENT_KEY, *(_person_key(pk) for pk in student_ids)]
    found = cache.get_many(keys)
    lost = [key for key in keys if key not in found]
    if lost:
        now = int(time.time() * 1000)
        for key in lost:
            cache.add(key, now, None)
        found.update(cache.get_many(lost))
        found.update({key: now for key in lost if key not in found})
    return found


def _columns(classroom: Classroom, course: CoursePage) -> dict[str, Any]:
    """The course's side of the grid: lesson ids, header cells, lesson list, assignments."""
    lessons = list(course_lessons(course=course).only("pk", "title", "title_en"))
    stats = [
        reverse("courses:question-stats", args=[classroom.pk, course.pk, lesson.pk])
        for lesson in lessons
    ]
    titles = [escape(lesson.display_title) for lesson in lessons]
    head = "".join(
        f'<th scope="col"><a href="{url}" title="{title}">{n}</a></th>'
        for n, (url, title) in enumerate(zip(stats, titles, strict=True), start=1)
    )
    lesson_list = "".join(
        f'<li><a href="{url}">{title}</a></li>' for url, title in zip(stats, titles, strict=True)
    )
    tasks = list(
        Assignment.objects.filter(lesson__in=[lesson.pk for lesson in lessons])
        .only("pk", "title", "due_at")
        .order_by("due_at")
    )
    assignments = "".join(
        f'<li><a href="{reverse("courses:assignment-submissions", args=[classroom.pk, a.pk])}">'
        f"{escape(a.title)}</a> · {escape(gettext('tenggat'))} "
        f"{escape(date_format(localtime(a.due_at), 'j M Y H:i'))}</li>"
        for a in tasks
    )
    return {
        "lesson_ids": [lesson.pk for lesson in lessons],
        "head": head,
        "lesson_list": lesson_list,
        "assignments": assignments,
        "has_assignments": bool(tasks),  # assignments bump the content version
    }


def _rows(
    classroom: Classroom,
    course: CoursePage,
    columns: dict[str, Any],
    students: list[tuple[int, str]],
) -> dict[int, tuple[str, bool]]:
    """student id -> (row HTML, consent missing) for these students: four queries."""
    lesson_ids: list[int] = columns["lesson_ids"]
    ids = [pk for pk, _name in students]
    done = set(
        _select(
            f"SELECT student_id, lesson_id FROM {_table(LessonProgress)} WHERE course_id = %s "  # noqa: S608
            "AND completed_at IS NOT NULL AND student_id IN ({ids})",
            [course.pk],
            ids=ids,
        )
    )
    attempts = _attempts(lesson_ids, ids)
    graded = lesson_ids and columns["has_assignments"]  # no assignment: no grade to read
    grades = grade_cells_for(lessons=lesson_ids, student_ids=ids) if graded else {}
    no_consent = student_ids_without_consent(student_ids=ids, purpose=ConsentPurpose.LEARNING)
    memo: dict[Cell, str] = {}
    rows = {}
    for pk, name in students:
        cells = [
            (
                (pk, lid) in done,
                *attempts.get((pk, lid), (None, 0)),
                grades.get((pk, lid)),
            )
            for lid in lesson_ids
        ]
        html = _row_html(classroom, course, pk, name, cells, pk in no_consent, memo)
        rows[pk] = (html, pk in no_consent)
    return rows


def _attempts(lesson_ids: list[int], ids: list[int]) -> dict[tuple[int, int], tuple[Any, int]]:
    """(student id, lesson id) -> (best score, finished attempts); an open attempt is not a
    result yet."""
    if not lesson_ids:
        return {}
    found = _select(
        f"SELECT student_id, lesson_id, COUNT(*), MAX(score_percent) FROM {_table(QuizAttempt)} "  # noqa: S608
        "WHERE status <> %s AND lesson_id IN ({lessons}) AND student_id IN ({ids}) "
        "GROUP BY student_id, lesson_id",
        [AttemptStatus.IN_PROGRESS.value, *lesson_ids],
        ids=ids,
        lessons=len(lesson_ids),
    )
    # SQLite returns the decimal column as a float: through str, as the ORM converts it.
    return {
        (sid, lid): (None if best is None else Decimal(str(best)), n) for sid, lid, n, best in found
    }


# The grid's reads written out (cf. lms.privacy.services.access_record): for these small
# statements Django spent more CPU building the SQL than the database spent running it.


def _table(model: Any) -> str:
    return str(connection.ops.quote_name(model._meta.db_table))


def _select(sql: str, params: list[Any], *, ids: list[int], lessons: int = 0) -> list[Any]:
    """Run `sql` with `{ids}` (and `{lessons}`) as that many placeholders; `params` fill the
    placeholders before `{ids}`, the ids last."""
    marks = {"ids": ", ".join(["%s"] * len(ids)), "lessons": ", ".join(["%s"] * lessons)}
    with connection.cursor() as cursor:
        cursor.execute(sql.format(**marks), [*params, *ids])
        return cursor.fetchall()


def _students(classroom_id: int) -> list[tuple[int, str]]:
    """(id, full name) of the class's students, by name; DISTINCT: the role join repeats a
    student who holds the role at two schools."""
    with connection.cursor() as cursor:
        cursor.execute(
            f"SELECT DISTINCT u.id, u.full_name FROM {_table(User)} u "  # noqa: S608
            f"JOIN {_table(Enrolment)} e ON e.student_id = u.id "
            f"JOIN {_table(RoleAssignment)} r ON r.user_id = u.id "
            "WHERE e.classroom_id = %s AND r.role = %s ORDER BY u.full_name, u.id",
            [classroom_id, Role.STUDENT.value],
        )
        return [(pk, name) for pk, name in cursor.fetchall()]


def _row_html(
    classroom: Classroom,
    course: CoursePage,
    pk: int,
    name: str,
    cells: list[Cell],
    consent_missing: bool,
    memo: dict[Cell, str],
) -> str:
    detail = reverse("courses:student-detail", args=[classroom.pk, course.pk, pk])
    note = ""
    if consent_missing:
        consent = reverse("schools:student-consent", args=[pk])
        note = (
            f'<small class="warn" data-testid="consent-missing">'
            f"{escape(gettext('Belum bisa mulai: persetujuan wali belum tercatat'))} · "
            f'<a href="{consent}">{escape(gettext("Catat persetujuan"))}</a></small>'
        )
    parts = []
    for cell in cells:
        html = memo.get(cell)
        if html is None:
            html = memo[cell] = _cell_html(cell)
        parts.append(html)
    done = sum(1 for cell in cells if cell[0])
    css = ' class="consent-missing"' if consent_missing else ""
    return (
        f'<tr{css}><th scope="row" '
        f'class="sticky"><a href="{detail}">{escape(name)}</a>{note}</th>'
        f'<td class="num">{done}/{len(cells)}</td>{"".join(parts)}</tr>\n'
    )


def _cell_html(cell: Cell) -> str:
    done, score, attempts, grade = cell
    if done:
        html = f'<td><span class="ok" title="{escape(gettext("selesai"))}">&#10003;</span>'
    else:
        html = '<td><span class="muted">–</span>'
    if score is not None:
        html += f" {Decimal(score).quantize(Decimal(1), ROUND_HALF_UP)}"
    if attempts:
        html += f' <small class="muted">({attempts}x)</small>'
    if grade:
        html += f' <small class="grade" data-testid="assignment-grade">{_grade_text(grade)}</small>'
    return html + "</td>"


def _grade_text(grade: tuple[int | None, int | None, str]) -> str:
    points, max_points, state = grade
    if state == "graded":
        return f"{escape(gettext('Tugas'))} {points}/{max_points}"
    if state == "late":
        return escape(gettext("Tugas terlambat"))
    if state == "returned":
        return escape(gettext("Tugas dikembalikan"))
    return escape(gettext("Tugas dikumpulkan"))
