import pytest
from django.contrib.auth.models import Group
from django.urls import reverse

from courses import demo
from courses.admin_forms import question_errors
from courses.models import CoursePage, LessonPage, Question
from lms.accounts import demo as accounts_demo
from lms.accounts.models import User

pytestmark = pytest.mark.django_db


@pytest.fixture
def editor():
    accounts_demo.seed()
    demo.seed()
    user = User.objects.get(username="editor")
    assert (
        user.groups.filter(name="Editors").exists()
        or not Group.objects.filter(name="Editors").exists()
    )
    return user


def test_editor_authors_pages_and_question_bank_in_wagtail_admin(client, editor):
    client.force_login(editor)
    lesson = LessonPage.objects.first()
    course = CoursePage.objects.first()
    assert client.get(reverse("wagtailadmin_pages:edit", args=[lesson.pk])).status_code == 200
    assert (
        client.get(
            reverse("wagtailadmin_pages:add", args=["courses", "lessonpage", course.pk])
        ).status_code
        == 200
    )
    question = Question.objects.first()
    assert client.get(reverse("wagtailsnippets_courses_question:add")).status_code == 200
    assert (
        client.get(reverse("wagtailsnippets_courses_question:edit", args=[question.pk])).status_code
        == 200
    )
    assert client.get(reverse("wagtailsnippets_courses_quiz:list")).status_code == 200


def test_editor_cannot_reach_school_reports(client, editor, classroom):
    client.force_login(editor)
    assert client.get(reverse("courses:teacher-classroom-list")).status_code == 403
    course = CoursePage.objects.first()
    assert (
        client.get(reverse("courses:progress-grid", args=[classroom.pk, course.pk])).status_code
        == 404
    )


@pytest.mark.parametrize(
    ("kind", "rows", "fields", "expected"),
    [
        ("single", [{"is_correct": True}, {"is_correct": True}], {}, "tepat satu"),
        ("single", [{"is_correct": True}], {}, "dua pilihan"),
        ("multiple", [{"is_correct": False}, {"is_correct": False}], {}, "paling sedikit satu"),
        ("matching", [{"match_text": "a"}, {"match_text": "b"}], {}, "tiga pasangan"),
        ("ordering", [{"text": "a"}, {"text": "b"}], {}, "tiga pasangan atau langkah"),
        (
            "matching",
            [{"match_text": "a"}, {"match_text": "b"}, {"match_text": "a"}],
            {},
            "berbeda-beda",
        ),
        ("true_false", [], {"correct_bool": None}, "benar atau salah"),
        ("numeric", [], {"numeric_answer": None}, "jawaban angka"),
        ("short_text", [], {"accepted_answers": " "}, "jawaban yang diterima"),
    ],
)
def test_ungradable_questions_are_refused_by_the_admin_form(kind, rows, fields, expected):
    errors = question_errors(kind, rows, fields)
    assert errors and expected in errors[0][1]


def test_a_well_formed_question_passes():
    assert question_errors("single", [{"is_correct": True}, {"is_correct": False}], {}) == []


def test_preview_of_a_saved_and_a_new_lesson_renders(rf, editor):
    lesson = LessonPage.objects.first()
    request = rf.get("/admin/")
    request.user = editor
    assert lesson.make_preview_request(request).status_code == 200
    draft = LessonPage(title="Draf baru", slug="draf-baru", body=lesson.body.raw_data)
    response = draft.make_preview_request(request)
    assert response.status_code == 200 and "Draf baru" in response.content.decode()


def _question_post(kind: str, choices: list[tuple[str, bool]], **fields: str) -> dict[str, str]:
    """What the Wagtail snippet editor posts for a new bank question."""
    data = {
        "kind": kind,
        "topic": "Uji admin",
        "prompt": fields.pop("prompt", "Organ tertinggi koperasi?"),
        "explanation": "",
        "correct_bool": "unknown",
        "numeric_answer": "",
        "numeric_tolerance": "0",
        "unit": "",
        "accepted_answers": "",
        "choices-TOTAL_FORMS": str(len(choices)),
        "choices-INITIAL_FORMS": "0",
        "choices-MIN_NUM_FORMS": "0",
        "choices-MAX_NUM_FORMS": "1000",
        **fields,
    }
    for i, (text, correct) in enumerate(choices):
        data |= {
            f"choices-{i}-text": text,
            f"choices-{i}-match_text": "",
            f"choices-{i}-ORDER": str(i + 1),
            f"choices-{i}-id": "",
            f"choices-{i}-DELETE": "",
        }
        if correct:
            data[f"choices-{i}-is_correct"] = "on"
    return data


def test_snippet_editor_refuses_an_ungradable_question_and_saves_nothing(client, editor):
    # given: an editor in the Wagtail admin, and the bank as it is
    client.force_login(editor)
    url = reverse("wagtailsnippets_courses_question:add")
    before = Question.objects.count()
    # when: a single-choice question without a correct option is posted
    no_key = [("Pengurus", False), ("Pengawas", False), ("Rapat Anggota", False)]
    response = client.post(url, _question_post("single", no_key))
    # then: the editor sees why in Indonesian and the bank is unchanged
    assert response.status_code == 200
    assert "harus punya tepat satu pilihan benar" in response.content.decode()
    assert Question.objects.count() == before
    # the same question with its key marked is saved (the post above was well formed)
    with_key = [("Pengurus", False), ("Pengawas", False), ("Rapat Anggota", True)]
    response = client.post(url, _question_post("single", with_key, prompt="Organ tertinggi?"))
    assert response.status_code == 302
    saved = Question.objects.get(prompt="Organ tertinggi?")
    assert [c.is_correct for c in saved.choices.all()] == [False, False, True]


def test_snippet_editor_refuses_a_two_step_ordering_question(client, editor):
    client.force_login(editor)
    before = Question.objects.count()
    response = client.post(
        reverse("wagtailsnippets_courses_question:add"),
        _question_post("ordering", [("Jurnal", False), ("Buku besar", False)]),
    )
    assert "paling sedikit tiga pasangan atau langkah" in response.content.decode()
    assert Question.objects.count() == before


def _routes(namespace: str, values: dict[str, object], default_int: int) -> list[str]:
    """Every URL of a namespace, its parameters filled from `values` (ints: `default_int`)."""
    from django.urls import get_resolver

    resolver = get_resolver().namespace_dict.get(namespace)
    if resolver is None:
        return []
    urls = []
    for pattern in resolver[1].url_patterns:
        kwargs = {
            key: values.get(key, default_int if type(conv).__name__ == "IntConverter" else "x")
            for key, conv in pattern.pattern.converters.items()
        }
        urls.append(reverse(f"{namespace}:{pattern.name}", kwargs=kwargs))
    return urls


def test_editor_cannot_reach_cooperative_or_certificate_data(client, editor):
    from school_coops import demo as coops_demo
    from school_coops.models import Cooperative, JournalEntry, Membership

    # given: the demo cooperative with members and a month of bookkeeping
    coops_demo.seed()
    coop = Cooperative.objects.get(slug=coops_demo.COOP_SLUG)
    members = list(Membership.objects.filter(coop=coop).select_related("member"))
    secrets = [coop.name, *(m.member.full_name for m in members)]
    values = {"slug": coop.slug, "fmt": "csv", "code": "101", "step": 1}
    urls = _routes("school_coops", values, members[0].pk)
    urls += [*_routes("certificates", values, members[0].pk), "/sertifikat/"]
    before = (JournalEntry.objects.count(), Membership.objects.count())
    # the coop's teacher reads its pages at these very URLs
    client.force_login(User.objects.get(username="guru"))
    for name in ("dashboard", "membership-list", "journal", "cash-book", "trial-balance"):
        url = reverse(f"school_coops:{name}", args=[coop.slug])
        assert url in urls and client.get(url).status_code == 200, url
    # when: the content editor tries every one of them
    client.force_login(editor)
    for url in urls:
        response = client.get(url)
        if response.status_code == 405:  # a form endpoint: try to change something
            response = client.post(url)
        # then: refused, except their own (empty) lists, which show nothing of the coop
        if response.status_code == 200:
            html = response.content.decode()
            assert not [s for s in secrets if s in html], url
        else:
            assert response.status_code in (403, 404), url
    assert (JournalEntry.objects.count(), Membership.objects.count()) == before


def test_editors_may_publish_lessons_and_the_review_step_is_named_in_indonesian(client, editor):
    from wagtail.models import Workflow

    lesson = LessonPage.objects.first()
    # then: the editor can publish, not only submit to a group nobody is in
    assert lesson.permissions_for_user(editor).can_publish()
    client.force_login(editor)
    html = client.get(reverse("wagtailadmin_pages:edit", args=[lesson.pk])).content.decode()
    assert 'name="action-publish"' in html
    # and the optional review step names its reviewers in Indonesian
    assert "Moderators" not in html and "Tinjauan konten" in html
    workflow = Workflow.objects.get(name="Tinjauan konten")
    task = workflow.tasks.get().specific
    assert task.name == "Persetujuan peninjau konten"
    assert [g.name for g in task.groups.all()] == ["Peninjau konten"]
    assert not Group.objects.filter(name="Moderators").exists()


def test_lesson_block_names_are_capitalised_indonesian_labels():
    from courses.blocks import LessonBlock

    def labels(block, path=""):
        for name, child in getattr(block, "child_blocks", {}).items():
            yield f"{path}{name}", name, str(child.label)
            yield from labels(child, f"{path}{name}.")
        if hasattr(block, "child_block"):  # ListBlock
            yield f"{path}item", "", str(block.child_block.label)

    found = list(labels(LessonBlock()))
    assert len(found) > 20
    bad = [(p, label) for p, name, label in found if not label[:1].isupper() or label == name]
    assert bad == []


def test_question_form_marks_each_kinds_fields_and_loads_the_script_from_a_file(client, editor):
    client.force_login(editor)
    html = client.get(reverse("wagtailsnippets_courses_question:add")).content.decode()
    assert 'src="/static/js/question_form.js"' in html
    assert 'data-question-kinds="numeric"' in html and 'data-question-kinds="true_false"' in html
    assert 'data-question-kinds="short_text"' in html
    assert 'data-question-kinds="single multiple matching ordering"' in html
