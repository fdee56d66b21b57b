"""Demo content: the home page, the course index and the four original Kopsis courses.

Idempotent: a course whose slug exists is left untouched, so running twice changes nothing.
"""

from __future__ import annotations

import io
from datetime import timedelta
from decimal import Decimal
from typing import Any

from django.contrib.auth.models import Group, Permission
from django.core.files.images import ImageFile
from django.db import transaction
from django.utils import timezone
from PIL import Image as PILImage
from PIL import ImageDraw, ImageFont
from wagtail.images.models import Image
from wagtail.models import Page, Site

from courses.curriculum import juru_buku, kewirausahaan, koperasi_sekolah, pembukuan
from courses.models import (
    Choice,
    CourseAssignment,
    CourseIndexPage,
    CoursePage,
    HomePage,
    LessonPage,
    Question,
    Quiz,
    QuizQuestion,
)

CURRICULUM: list[dict[str, Any]] = [
    koperasi_sekolah.COURSE,
    pembukuan.COURSE,
    juru_buku.COURSE,
    kewirausahaan.COURSE,
]
DEMO_SCHOOL_NPSN = "69900001"


def _home() -> HomePage:
    root = Page.get_first_root_node()
    home = HomePage.objects.first()
    if home is None:
        home = HomePage(
            title="Kopsis",
            slug="beranda",
            intro="Belajar koperasi, mendirikan koperasi sekolah, dan mengelola pembukuannya.",
            body="<p>Kopsis membantu siswa, guru pembina, dan Dinas Koperasi menjalankan "
            "program <b>Koperasi Goes To School</b>: materi belajar, kuis, koperasi "
            "sekolah, dan sertifikasi juru buku.</p>",
        )
        root.add_child(instance=home)
        home.save_revision().publish()
    site = Site.objects.filter(is_default_site=True).first()
    if site is None:
        Site.objects.create(
            hostname="localhost", port=80, root_page=home, is_default_site=True, site_name="Kopsis"
        )
    elif site.root_page_id != home.pk:
        old_root = site.root_page
        site.root_page = home
        site.site_name = "Kopsis"
        site.save()
        if old_root.specific_class is Page and old_root.depth == 2 and not old_root.get_children():
            old_root.delete()  # Wagtail's "Welcome" placeholder page
    return home


def _course_index(home: HomePage) -> CourseIndexPage:
    index = CourseIndexPage.objects.first()
    if index is None:
        index = CourseIndexPage(
            title="Kursus",
            title_en="Courses",
            slug="kursus",
            intro="Materi koperasi dan pembukuan untuk pelajar.",
            intro_en="Cooperative and bookkeeping lessons for students.",
        )
        home.add_child(instance=index)
        index.save_revision().publish()
    return index


def _question(data: dict[str, Any], topic: str) -> Question:
    kind = data["kind"]
    question = Question.objects.create(
        kind=kind,
        topic=topic,
        prompt=data["prompt"],
        explanation=data.get("explanation", ""),
        correct_bool=data.get("answer") if kind == "true_false" else None,
        numeric_answer=Decimal(str(data["answer"])) if kind == "numeric" else None,
        numeric_tolerance=Decimal(str(data.get("tolerance", 0))),
        unit=data.get("unit", "") if kind == "numeric" else "",
        accepted_answers="\n".join(data.get("accepted", [])),
    )
    rows: list[tuple[str, bool, str]] = []
    if kind in ("single", "multiple"):
        rows = [(text, correct, "") for text, correct in data["choices"]]
    elif kind == "matching":
        rows = [(left, False, right) for left, right in data["pairs"]]
    elif kind == "ordering":
        rows = [(text, False, "") for text in data["items"]]
    Choice.objects.bulk_create(
        [
            Choice(
                question=question, text=text, is_correct=correct, match_text=match, sort_order=order
            )
            for order, (text, correct, match) in enumerate(rows)
        ]
    )
    return question


def _quiz(data: dict[str, Any], topic: str) -> Quiz:
    quiz = Quiz.objects.create(
        title=data["title"],
        pass_mark=data.get("pass_mark", 70),
        max_attempts=data.get("max_attempts", 3),
        time_limit_minutes=data.get("time_limit"),
    )
    for order, question in enumerate(data["questions"]):
        QuizQuestion.objects.create(
            quiz=quiz, question=_question(question, topic), sort_order=order
        )
    return quiz


def _diagram(labels: list[str], title: str) -> Image:
    """A simple left-to-right flow diagram, drawn here so the demo ships no stock images."""
    width, height, gap = 1200, 180, 40
    box = (width - gap * (len(labels) + 1)) // len(labels)
    canvas = PILImage.new("RGB", (width, height), "#ffffff")
    draw = ImageDraw.Draw(canvas)
    font = ImageFont.load_default(size=30)
    for number, label in enumerate(labels):
        left = gap + number * (box + gap)
        draw.rounded_rectangle(
            (left, 30, left + box, 150), radius=18, fill="#e7f3ee", outline="#0b6e4f", width=4
        )
        draw.text((left + box / 2, 90), label, fill="#1b1f24", font=font, anchor="mm")
        if number < len(labels) - 1:
            draw.line((left + box + 4, 90, left + box + gap - 6, 90), fill="#0b6e4f", width=5)
            tip = left + box + gap - 4
            draw.polygon([(tip, 90), (tip - 12, 81), (tip - 12, 99)], fill="#0b6e4f")
    buffer = io.BytesIO()
    canvas.save(buffer, "PNG")
    return Image.objects.create(title=title, file=ImageFile(buffer, name="siklus.png"))


def _block(kind: str, value: Any, lesson_title: str) -> dict[str, Any]:
    if kind == "image" and "diagram" in value:
        image = _diagram(value["diagram"], title=lesson_title)
        value = {"image": image.pk, "alt": value["alt"], "caption": value["caption"]}
    return {"type": kind, "value": value}


def _body(lesson: dict[str, Any], quiz: Quiz) -> list[dict[str, Any]]:
    body = [_block(kind, value, lesson["title"]) for kind, value in lesson["body"]]
    body.append({"type": "quiz", "value": {"quiz": quiz.pk, "intro": ""}})
    return body


def _course(index: CourseIndexPage, data: dict[str, Any]) -> tuple[CoursePage, bool]:
    existing = CoursePage.objects.filter(slug=data["slug"]).first()
    if existing is not None:
        return existing, False
    course = CoursePage(
        title=data["title"],
        slug=data["slug"],
        title_en=data["title_en"],
        summary=data["summary"],
        summary_en=data["summary_en"],
        level=data["level"],
        estimated_minutes=data["minutes"],
        learning_objectives="\n".join(data["objectives"]),
    )
    index.add_child(instance=course)
    course.tags.add(*data["tags"])
    course.save_revision().publish()
    for lesson_data in data["lessons"]:
        quiz = _quiz(lesson_data["quiz"], topic=data["title"])
        lesson = LessonPage(
            title=lesson_data["title"],
            slug=lesson_data["slug"],
            title_en=lesson_data["title_en"],
            summary=lesson_data["summary"],
            summary_en=lesson_data["summary_en"],
            estimated_minutes=lesson_data["minutes"],
            body=_body(lesson_data, quiz),
        )
        course.add_child(instance=lesson)
        lesson.save_revision().publish()
    return course, True


def _editor_permissions() -> None:
    """Content editors manage the question bank; nothing about schools or money."""
    editors = Group.objects.filter(name="Editors").first()
    if editors is None:
        return
    codenames = [
        f"{action}_{model}"
        for model in ("question", "quiz")
        for action in ("add", "change", "delete", "view")
    ]
    editors.permissions.add(
        *Permission.objects.filter(content_type__app_label="courses", codename__in=codenames)
    )


def _assign_demo_course(course: CoursePage) -> str | None:
    from lms.accounts.models import User
    from lms.schools.models import Classroom

    classroom = Classroom.objects.filter(school__npsn=DEMO_SCHOOL_NPSN, name="8A").first()
    teacher = User.objects.filter(username="guru").first()
    if classroom is None or teacher is None:
        return None
    CourseAssignment.objects.get_or_create(
        course=course,
        classroom=classroom,
        defaults={"assigned_by": teacher, "due_date": timezone.localdate() + timedelta(days=30)},
    )
    return f"  {course.title} is assigned to class {classroom.name}"


def _demo_plan(course: CoursePage) -> str | None:
    """The final business plan as a team worksheet task of class 8A: the demo team (siswa
    and siswa01) has its canvas and price calculator filled in (not handed in yet)."""
    from courses.assignments import team_create
    from courses.models import (
        Assignment,
        HandInKind,
        RubricCriterion,
        RubricLevel,
        WorkMode,
        Worksheet,
        WorksheetKind,
    )
    from courses.worksheets.canvas import BLOCKS
    from lms.accounts.models import User
    from lms.schools.models import Classroom

    classroom = Classroom.objects.filter(school__npsn=DEMO_SCHOOL_NPSN, name="8A").first()
    teacher = User.objects.filter(username="guru").first()
    members = list(User.objects.filter(username__in=["siswa", "siswa01"]).order_by("username"))
    lesson = LessonPage.objects.child_of(course).filter(slug="pitching-dan-rencana-usaha").first()
    if classroom is None or teacher is None or len(members) != 2 or lesson is None:
        return None
    CourseAssignment.objects.get_or_create(
        course=course,
        classroom=classroom,
        defaults={"assigned_by": teacher, "due_date": timezone.localdate() + timedelta(days=30)},
    )
    task = kewirausahaan.FINAL_ASSIGNMENT
    assignment, created = Assignment.objects.get_or_create(
        lesson=lesson,
        defaults={
            "title": task["title"],
            "instructions": task["instructions"],
            "due_at": timezone.now() + timedelta(days=30),
            "mode": WorkMode.GROUP,
            "hand_in": HandInKind.WORKSHEET,
            "is_business_plan": True,
        },
    )
    if not created:
        return "  the demo team's business plan worksheets are already present"
    for order, criterion in enumerate(kewirausahaan.RUBRIC["criteria"]):
        row = RubricCriterion.objects.create(
            assignment=assignment, name=criterion["title"], sort_order=order
        )
        for level in criterion["levels"]:
            RubricLevel.objects.create(
                criterion=row,
                label=level["label"],
                points=level["points"],
                description=level["description"],
            )
    team = team_create(
        assignment=assignment, classroom=classroom, name="Tim Sarapan", students=members, by=teacher
    )
    canvas = {b.key: f"Contoh isian tim untuk {b.title.lower()}." for b in BLOCKS}
    pricing = {
        "product": "Roti bakar sarapan",
        "fixed_costs": "50000",
        "variable_cost": "2000",
        "volume": "100",
        "margin_percent": "30",
        "target_price": "",
    }
    for kind, data in ((WorksheetKind.CANVAS, canvas), (WorksheetKind.PRICING, pricing)):
        sheet = Worksheet.objects.create(assignment=assignment, team=team, kind=kind, data=data)
        sheet.version = 1
        sheet.save(update_fields=["version"])
        sheet.revisions.create(
            version=1, saved_by=members[0], saved_at=timezone.now(), fields=list(data), data=data
        )
    return f"  {team.name} (siswa, siswa01) has its business plan canvas and price sheet filled"


# Other teams of class 8A on the same business plan task, one per state of handed-in work
# (issue 14 point 5): (team, members, product, target price, what the teacher did).
DEMO_TEAMS = [
    ("Tim Es Buah", ["siswa02", "siswa03"], "Es buah segar", "4000", "graded"),
    ("Tim Keripik", ["siswa04", "siswa05"], "Keripik tempe", "2500", "handed_in"),
    ("Tim Pisang", ["siswa06", "siswa07"], "Pisang cokelat", "3000", "returned"),
]


def _team_worksheets(assignment: Any, team: Any, product: str, price: str, by: Any) -> None:
    from courses.models import Worksheet, WorksheetKind
    from courses.worksheets.canvas import BLOCKS

    canvas = {b.key: f"Rencana {team.name} untuk {b.title.lower()}." for b in BLOCKS}
    pricing = {
        "product": product,
        "fixed_costs": "30000",
        "variable_cost": "1500",
        "volume": "60",
        "margin_percent": "",
        "target_price": price,
    }
    for kind, data in ((WorksheetKind.CANVAS, canvas), (WorksheetKind.PRICING, pricing)):
        sheet = Worksheet.objects.create(
            assignment=assignment, team=team, kind=kind, data=data, version=1
        )
        sheet.revisions.create(
            version=1, saved_by=by, saved_at=timezone.now(), fields=list(data), data=data
        )


def _learning_consent(students: list[Any], teacher: Any) -> None:
    """Handing in needs the guardian's consent for learning: recorded on paper (demo)."""
    from lms.accounts.models import ConsentPurpose, ConsentRecord
    from lms.accounts.selectors import consent_granted
    from lms.accounts.services import consent_record

    for student in students:
        if not consent_granted(student=student, purpose=ConsentPurpose.LEARNING):
            consent_record(
                student=student,
                purposes=[ConsentPurpose.LEARNING],
                action=ConsentRecord.Action.GRANT,
                guardian_name="Wali Demo",
                guardian_relation="ibu",
                method=ConsentRecord.Method.PAPER,
                evidence="Formulir demo",
                by=teacher,
            )


def _demo_team_plans(course: CoursePage) -> str | None:
    """Handed-in business plans in every state: Tim Es Buah graded and approved (the canteen
    sells its product as consignment, school_coops/demo.py), Tim Keripik waiting for the
    teacher, Tim Pisang returned for revision. Tim Sarapan (_demo_plan) has not handed in."""
    # long: a table of teams walked in one pass; each step is one service call.
    from courses.assignments import grade_submission, return_for_revision, team_create
    from courses.models import Assignment, Submission
    from courses.worksheets.services import hand_in_worksheets
    from lms.accounts.models import User
    from lms.schools.models import Classroom

    classroom = Classroom.objects.filter(school__npsn=DEMO_SCHOOL_NPSN, name="8A").first()
    teacher = User.objects.filter(username="guru").first()
    assignment = Assignment.objects.filter(
        lesson__in=LessonPage.objects.child_of(course), is_business_plan=True
    ).first()
    if classroom is None or teacher is None or assignment is None:
        return None
    if assignment.teams.filter(name=DEMO_TEAMS[0][0]).exists():
        return "  handed-in business plans (graded, waiting, returned) are already present"
    for name, usernames, product, price, state in DEMO_TEAMS:
        members = list(User.objects.filter(username__in=usernames).order_by("username"))
        if len(members) != len(usernames):
            return None
        _learning_consent(members, teacher)
        team = team_create(
            assignment=assignment, classroom=classroom, name=name, students=members, by=teacher
        )
        _team_worksheets(assignment, team, product, price, members[0])
        version = hand_in_worksheets(assignment=assignment, student=members[0])
        submission = Submission.objects.get(pk=version.submission_id)
        if state == "handed_in":
            continue
        levels = {
            c.pk: c.levels.order_by("-points").values_list("pk", flat=True)[0]
            for c in assignment.criteria.all()
        }
        grade_submission(
            submission_id=submission.pk,
            level_ids=levels,
            comment="Rencana yang matang; siap dijual di kantin koperasi.",
            by=teacher,
            approved=state == "graded",
        )
        if state == "returned":
            return_for_revision(
                submission_id=submission.pk, comment="Hitung lagi biaya tetapnya.", by=teacher
            )
    return "  Tim Es Buah's plan graded and approved, Tim Keripik's waiting, Tim Pisang's returned"


@transaction.atomic
def seed() -> list[str]:
    home = _home()
    index = _course_index(home)
    lines = ["Courses (Kopsis curriculum, open /kursus/):"]
    courses = []
    for data in CURRICULUM:
        course, created = _course(index, data)
        courses.append(course)
        state = "created" if created else "already present"
        lines.append(
            f"  {course.url_path.split('/', 2)[-1]} {len(data['lessons'])} lessons, {state}"
        )
    _editor_permissions()
    assigned = _assign_demo_course(courses[0])
    if assigned:
        lines.append(assigned)
    plan = _demo_plan(courses[3])
    if plan:
        lines.append(plan)
    teams = _demo_team_plans(courses[3])
    if teams:
        lines.append(teams)
    return lines
