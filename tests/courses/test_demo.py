import pytest
from django.core.management import call_command

from courses import demo
from courses.models import CourseAssignment, CoursePage, LessonPage, Question, Quiz
from lms.accounts import demo as accounts_demo

pytestmark = pytest.mark.django_db


def _counts():
    return (
        CoursePage.objects.count(),
        LessonPage.objects.count(),
        Quiz.objects.count(),
        Question.objects.count(),
        CourseAssignment.objects.count(),
    )


def test_seed_builds_four_full_courses_and_is_idempotent():
    accounts_demo.seed()
    demo.seed()
    first = _counts()
    demo.seed()
    assert _counts() == first
    courses = {c.slug: c for c in CoursePage.objects.live()}
    assert set(courses) == {
        "koperasi-sekolah-untuk-pelajar",
        "dasar-pembukuan-koperasi",
        "pembukuan-koperasi-juru-buku",
        "kewirausahaan-koperasi-untuk-pelajar",
    }
    for course in courses.values():
        lessons = LessonPage.objects.live().descendant_of(course)
        assert lessons.count() >= 6 and course.title_en and course.summary_en
        for lesson in lessons:
            assert lesson.title_en and lesson.summary_en
            quiz = Quiz.objects.get(pk=lesson.quiz_id)
            kinds = [qq.question.kind for qq in quiz.quiz_questions.select_related("question")]
            assert len(kinds) >= 5 and len(set(kinds)) >= 3, lesson.title
        if course.slug in ("dasar-pembukuan-koperasi", "pembukuan-koperasi-juru-buku"):
            numeric = Question.objects.filter(topic=course.title, kind="numeric").count()
            assert numeric >= 10
    assert {a.classroom.name for a in CourseAssignment.objects.all()} == {"8A"}
    cycle = LessonPage.objects.get(slug="bukti-transaksi")
    assert "image" in [block["type"] for block in cycle.body.raw_data]


def _key(question, choices):
    kind = question.kind
    if kind in ("single", "multiple"):
        return {"choices": [c.pk for c in choices if c.is_correct]}
    if kind == "true_false":
        return {"value": bool(question.correct_bool)}
    if kind == "numeric":
        return {"value": str(question.numeric_answer)}
    if kind == "short_text":
        return {"value": question.accepted_answers.splitlines()[0]}
    if kind == "matching":
        return {"pairs": {str(c.pk): c.pk for c in choices}}
    return {"order": [c.pk for c in choices]}


def test_every_seeded_answer_key_grades_itself_correct():
    """The curriculum's own keys must pass the grader (catches typos in the data)."""
    from courses.grading import is_correct

    demo.seed()
    for question in Question.objects.prefetch_related("choices"):
        choices = list(question.choices.all())
        response = _key(question, choices)
        assert is_correct(question, choices, response), question.prompt
        if question.kind == "single":
            assert sum(c.is_correct for c in choices) == 1, question.prompt


def test_demo_seed_command_runs_with_the_other_apps():
    call_command("demo_seed", stdout=open("/dev/null", "w"))  # noqa: SIM115
    assert CoursePage.objects.count() == 4


def test_every_seeded_question_passes_the_editor_checks():
    """The demo curriculum obeys the rules editors get in the admin (three pairs or more...)."""
    from courses.admin_forms import question_errors

    demo.seed()
    for question in Question.objects.prefetch_related("choices"):
        rows = [
            {"text": c.text, "is_correct": c.is_correct, "match_text": c.match_text}
            for c in question.choices.all()
        ]
        fields = {
            "correct_bool": question.correct_bool,
            "numeric_answer": question.numeric_answer,
            "accepted_answers": question.accepted_answers,
        }
        assert question_errors(question.kind, rows, fields) == [], question.prompt


def test_demo_team_plan_has_its_canvas_and_price_sheet_filled_not_handed_in():
    from courses.models import Assignment, Submission, Team, Worksheet
    from courses.worksheets import canvas
    from courses.worksheets.services import hand_in_worksheets, snapshot

    accounts_demo.seed()
    demo.seed()
    demo.seed()  # idempotent: still one team with two worksheets
    team = Team.objects.get(name="Tim Sarapan")
    assert sorted(m.student.username for m in team.members.all()) == ["siswa", "siswa01"]
    assignment = Assignment.objects.get(pk=team.assignment_id)
    assert assignment.lesson.slug == "pitching-dan-rencana-usaha" and assignment.is_business_plan
    assert assignment.criteria.count() >= 4
    sheets = {s.kind: s for s in Worksheet.objects.filter(team=team)}
    assert set(sheets) == {"canvas", "pricing"}
    assert canvas.is_complete(canvas.clean_canvas(sheets["canvas"].data))
    assert sheets["pricing"].data["product"] == "Roti bakar sarapan"
    for sheet in sheets.values():  # the version a page names exists as a revision
        assert sheet.revisions.filter(version=sheet.version).exists()
    payload, summary = snapshot([sheets["canvas"], sheets["pricing"]])
    assert payload["price"] == "3300" and "Harga jual: Rp 3.300" in summary
    assert not Submission.objects.filter(team=team).exists()
    siswa = team.members.get(student__username="siswa").student
    version = hand_in_worksheets(assignment=assignment, student=siswa)  # ready to hand in
    assert version.worksheet["canvas"] == sheets["canvas"].data
