"""The declared authorization policy (lms/policy.py) against what every URL really answers.

Two regions x two schools, each with a guru pembina, a guru, students, the officers of a
cooperative (founded) and of a rintisan in its founding process, a guardian, login-card and
member-card batches, a receipt and a quiz attempt. Every person of the first school (plus the
region's pelatih, asesor and dinas staff, a content editor, a platform admin and anonymous)
requests every URL pattern from the resolver, with path objects of the own school and of the
other schools, and the answer's class (ok / sign-in / 403 / 404 / 405) must be what the
table says. A URL pattern without a row fails; pages, fragments, exports and searches of the
own school never show a name of another school.
"""

from __future__ import annotations

import datetime
import re
from dataclasses import dataclass
from decimal import Decimal
from typing import Any

import pytest
from django.contrib.auth.models import Group
from django.core.files.base import ContentFile
from django.http import HttpResponse
from django.test import Client
from django.urls import URLPattern, URLResolver, get_resolver, path, resolve, reverse
from django.utils import timezone

from certificates import urls as certificate_urls
from courses.models import QuizQuestion
from lms import authz, policy
from lms.accounts.models import Guardianship, Role
from lms.privacy.models import PersonalDataExport
from lms.schools.models import LoginCardBatch
from lms.storage import private_storage
from school_coops.models import MemberCardBatch, Membership, PositionRole, ShuJob
from school_coops.models.district import RecognitionAttachment
from school_coops.services.cooperative import cooperative_create
from school_coops.services.members import membership_register, position_assign
from school_coops.services.rat import rat_meeting_schedule
from school_coops.services.recognition import recognition_submit
from school_coops.services.savings import savings_deposit
from tests.courses.factories import make_course, make_quiz
from tests.factories import (
    ClassroomFactory,
    RegionFactory,
    SchoolFactory,
    UserFactory,
    make_student,
    make_teacher,
    with_role,
)

pytestmark = pytest.mark.django_db

FOUNDED = datetime.date(2026, 7, 15)
OFFICES = [str(role) for role in PositionRole.values]
# What every persona of the own school holds, declared here independently of lms.authz.
PERSONA_TOKENS: dict[str, set[str]] = {
    "siswa": {policy.STUDENT, policy.MEMBER},
    **{role: {policy.STUDENT, policy.MEMBER, role} for role in OFFICES},
    "guru_pembina": {policy.TEACHER, policy.PEMBINA},
    "guru": {policy.TEACHER},
    "wali": {policy.GUARDIAN},
    "pelatih": {policy.TRAINER},
    "asesor": {policy.ASSESSOR},
    "dinas": {policy.DINAS},
    "editor": {policy.EDITOR, policy.ADMIN_ACCESS},
    "admin": {policy.STAFF, policy.ADMIN_ACCESS},
}
SEARCH_WORD = "Seberang"  # part of every foreign name; sent as ?q= to every page


# --- The world ----------------------------------------------------------------------------


@dataclass
class SchoolWorld:
    tag: str
    region: Any
    school: Any
    people: dict[str, Any]
    objects: dict[str, Any]
    names: list[str]  # what must never appear on another school's pages


def build_school(region: Any, tag: str, course: Any, lesson: Any, *, foreign: bool) -> SchoolWorld:
    """One school with all its people and objects; foreign ones carry SEARCH_WORD in names."""
    label = f"{SEARCH_WORD} {tag}" if foreign else f"Kita {tag}"
    school = SchoolFactory(name=f"SMP {label}", region=region)
    classroom = ClassroomFactory(school=school, name=f"8-{tag}")
    people: dict[str, Any] = {}

    def user(key: str, **kwargs: Any) -> Any:
        return dict(username=f"{tag}-{key}".lower(), full_name=f"{key.title()} {label}", **kwargs)

    people["guru_pembina"] = make_teacher(school, **user("guru_pembina"))
    people["guru"] = make_teacher(school, **user("guru"))
    classroom.teachers.add(people["guru_pembina"])
    people["siswa"] = make_student(classroom, **user("siswa"))
    coop = cooperative_create(
        school=school, name=f"Kopsis {label}", by=people["guru_pembina"], founded_on=FOUNDED
    )
    membership = membership_register(
        coop=coop,
        member=people["siswa"],
        category=Membership.Category.STUDENT,
        by=people["guru_pembina"],
        date=FOUNDED,
    )
    for role in OFFICES:
        people[role] = make_student(classroom, **user(role))
        office = membership_register(
            coop=coop,
            member=people[role],
            category=Membership.Category.STUDENT,
            by=people["guru_pembina"],
            date=FOUNDED,
        )
        position_assign(membership=office, role=role, by=people["guru_pembina"], started_on=FOUNDED)
    rintisan = cooperative_create(
        school=school, name=f"Rintisan {label}", by=people["guru_pembina"]
    )
    rintisan.founding.initiators.add(people["siswa"])
    awaiting = cooperative_create(
        school=school,
        name=f"Menunggu {label}",
        by=people["guru_pembina"],
        founded_on=FOUNDED,
        awaiting_recognition=True,
    )
    submission = recognition_submit(coop=awaiting, by=people["guru_pembina"])
    attachment = RecognitionAttachment.objects.create(
        submission=submission,
        title="Lampiran",
        file_path=private_storage.save(
            f"policy/recognition-{tag}.pdf", ContentFile(b"%PDF-1.4 walker\n")
        ),
        uploaded_by=people["guru_pembina"],
    )
    people["wali"] = with_role(UserFactory(**user("wali")), Role.GUARDIAN)
    Guardianship.objects.create(guardian=people["wali"], student=people["siswa"], relation="ibu")

    entry = savings_deposit(membership=membership, amount=Decimal(5000), by=people["bendahara"])
    from courses.services import course_assign, quiz_attempt_start, quiz_attempt_submit

    course_assign(course=course, classroom=classroom, due_date=None, by=people["guru_pembina"])
    attempt = quiz_attempt_start(student=people["siswa"], lesson=lesson)
    attempt = quiz_attempt_submit(attempt_id=attempt.pk, student=people["siswa"])
    pdf = ContentFile(b"%PDF-1.4 policy walker\n")
    version = _hand_in_file(lesson, classroom, people["siswa"], tag)
    login_batch = LoginCardBatch.objects.create(
        classroom=classroom,
        requested_by=people["guru_pembina"],
        status=LoginCardBatch.Status.DONE,
        pdf_path=private_storage.save(f"policy/login-{tag}.pdf", pdf),
        finished_at=timezone.now(),
    )
    card_batch = MemberCardBatch.objects.create(
        coop=coop,
        requested_by=people["guru_pembina"],
        base_url="http://testserver/",
        status=MemberCardBatch.Status.DONE,
        pdf_path=private_storage.save(f"policy/members-{tag}.pdf", pdf),
        finished_at=timezone.now(),
    )
    shu_job = ShuJob.objects.create(
        coop=coop,
        fiscal_year=FOUNDED.year,
        kind=ShuJob.Kind.PAYOUT,
        requested_by=people["guru_pembina"],
        status=ShuJob.Status.DONE,
        finished_at=timezone.now(),
    )
    # A scheduled RAT of the founding year: every member is invited (the siswa's own invitation).
    rat = rat_meeting_schedule(
        coop=coop,
        fiscal_year=FOUNDED.year,
        scheduled_on=datetime.date(FOUNDED.year + 1, 2, 1),
        by=people["guru_pembina"],
    )
    unit, item, sale = _canteen(coop, people["bendahara"], tag)
    objects = {
        "rat_invitation": rat.invitations.get(membership=membership),
        "unit": unit,
        "item": item,
        "sale": sale,
        "classroom": classroom,
        "coop": coop,
        "rintisan": rintisan,
        "membership": membership,
        "entry": entry,
        "attempt": attempt,
        "version": version,
        "worksheet": _worksheet(lesson, people["siswa"]),
        "plan": _business_plan(classroom, people["siswa"]),
        "login_batch": login_batch,
        "card_batch": card_batch,
        "shu_job": shu_job,
        "submission": submission,
        "attachment": attachment,
        "export": PersonalDataExport.objects.create(
            subject=people["siswa"],
            requested_by=people["guru"],
            status=PersonalDataExport.Status.DONE,
            file_path=private_storage.save(f"policy/export-{tag}.zip", pdf),
            finished_at=timezone.now(),
        ),
    }
    names = [
        school.name,
        coop.name,
        rintisan.name,
        awaiting.name,
        *(p.full_name for p in people.values()),
    ]
    return SchoolWorld(tag, region, school, people, objects, names)


def _canteen(coop: Any, by: Any, tag: str) -> tuple[Any, Any, Any]:
    """A canteen with one item and one receipt (KANTIN-00001): the business unit URLs."""
    from school_coops.services import business as biz

    unit = biz.business_unit_create(coop=coop, kind="kantin", name=f"Kantin {tag}")
    item = biz.item_create(unit=unit, name=f"Roti {tag}", price=3000, consignor=by)
    biz.consignment_receive(item=item, qty=5, by=by, idempotency_key=f"policy-titip-{tag}-0000")
    sale = biz.sale_record(
        unit=unit,
        lines=[biz.SaleLineInput(item.pk, 1)],
        payment="tunai",
        by=by,
        idempotency_key=f"policy-jual-{tag}-00000",
    )
    return unit, item, sale


def _hand_in_file(lesson: Any, classroom: Any, student: Any, tag: str) -> Any:
    """A handed-in file (private storage) of the school's siswa, with a (empty) worksheet
    snapshot too: courses:assignment-file and courses:submission-pdf."""
    from courses.models import Submission, SubmissionVersion

    now = timezone.now()
    submission = Submission.objects.create(
        assignment=lesson.assignment, classroom=classroom, student=student, last_submitted_at=now
    )
    name = private_storage.save(f"assignments/policy-{tag}.pdf", ContentFile(b"%PDF-1.4 walk\n"))
    return SubmissionVersion.objects.create(
        submission=submission,
        number=1,
        submitted_by=student,
        submitted_at=now,
        file=name,
        worksheet={"versions": {}},
    )


def _business_plan(classroom: Any, student: Any) -> Any:
    """The siswa's handed-in business plan, not approved: school_coops:plan-register (the
    canteen's officers are told it is not approved yet; another school's plan answers 404)."""
    from courses.models import Assignment, Submission, SubmissionVersion

    now = timezone.now()
    assignment = Assignment.objects.get(is_business_plan=True)
    submission = Submission.objects.create(
        assignment=assignment, classroom=classroom, student=student, last_submitted_at=now
    )
    SubmissionVersion.objects.create(
        submission=submission,
        number=1,
        submitted_by=student,
        submitted_at=now,
        worksheet={"product": "Keripik", "price": "5000"},
    )
    return submission


def _worksheet(lesson: Any, student: Any) -> Any:
    """The school's siswa's own canvas: courses:worksheet-save and courses:worksheet-pdf."""
    from courses.models import Worksheet

    return Worksheet.objects.create(assignment=lesson.assignment, student=student, kind="canvas")


@dataclass
class World:
    own: SchoolWorld
    foreign: list[SchoolWorld]  # same region, other region (x2)
    personas: dict[str, Any]  # persona name -> user (None: anonymous)
    course: Any
    lesson: Any
    question: Any


def build_world() -> World:
    quiz = make_quiz(pass_mark=70, max_attempts=3)
    course, lessons = make_course(lessons=2, quiz=quiz)
    lesson = lessons[0]
    from courses.models import Assignment

    Assignment.objects.create(
        lesson=lesson, title="Tugas", instructions="Tulis.", due_at=timezone.now()
    )
    Assignment.objects.create(
        lesson=lessons[1],
        title="Rencana usaha",
        instructions="Rencanakan.",
        due_at=timezone.now(),
        is_business_plan=True,
    )
    region_1, region_2 = RegionFactory(name="Kota Satu"), RegionFactory(name="Kota Dua")
    own = build_school(region_1, "R1S1", course, lesson, foreign=False)
    foreign = [
        build_school(region, tag, course, lesson, foreign=True)
        for region, tag in ((region_1, "R1S2"), (region_2, "R2S1"), (region_2, "R2S2"))
    ]
    personas: dict[str, Any] = dict(own.people)
    for key, role in (("pelatih", Role.TRAINER), ("asesor", Role.ASSESSOR), ("dinas", Role.DINAS)):
        personas[key] = with_role(
            UserFactory(username=key, full_name=f"{key.title()} Kita"), role, region=region_1
        )
    personas["editor"] = with_role(UserFactory(username="editor", full_name="Editor"), Role.EDITOR)
    personas["editor"].groups.add(Group.objects.get(name="Editors"))
    personas["admin"] = UserFactory(
        username="admin", full_name="Admin", is_staff=True, is_superuser=True
    )
    personas["anonymous"] = None
    return World(
        own,
        foreign,
        personas,
        course,
        lesson,
        QuizQuestion.objects.filter(quiz=quiz).first().question,
    )


# --- Filling path kwargs ------------------------------------------------------------------

PK_OBJECT = {
    "schools:classroom-detail": "classroom",
    "schools:login-cards-request": "classroom",
    "schools:login-cards-status": "login_batch",
    "schools:login-cards-download": "login_batch",
    "schools:student-password-reset": "siswa",
    "schools:student-consent": "siswa",
    "courses:attempt-detail": "attempt",
    "courses:answer-save": "attempt",
    "courses:attempt-submit": "attempt",
    "school_coops:member-cards-status": "card_batch",
    "school_coops:member-cards-download": "card_batch",
    "school_coops:shu-job-status": "shu_job",
    "school_coops:journal-reverse": "entry",
    "school_coops:receipt": "entry",
    "school_coops:rat-invitation": "rat_invitation",
    "school_coops:rat-vote": "rat_invitation",
    "school_coops:recognition-review": "submission",
    "school_coops:recognition-document": "submission",
    "school_coops:recognition-attachment": "submission",
    "privacy:person": "siswa",
    "privacy:export-request": "siswa",
    "privacy:erase": "siswa",
    "privacy:export-status": "export",
    "privacy:export-download": "export",
}
DEFAULT_PK = {"courses": "classroom", "school_coops": "membership"}
FOUNDING_URLS = {
    "school_coops:founding",
    "school_coops:founding-step",
    "school_coops:founding-vote",
    "school_coops:founding-approve",
    "school_coops:founding-ballot",
    "school_coops:founding-ballot-codes",
}
# The persona whose own object the own school's path names (scope OWN); default: "siswa".
OWNER = {
    "schools:login-cards-status": "guru_pembina",
    "schools:login-cards-download": "guru_pembina",
    "school_coops:member-cards-status": "guru_pembina",
    "school_coops:member-cards-download": "guru_pembina",
    "school_coops:founding-document": None,  # a founded coop: no initiators
    "privacy:export-status": "guru",
    "privacy:export-download": "guru",
}
# Privacy URLs naming the student: a minor may not export their own data, a guardian must.
MINOR_SUBJECT = {"privacy:person", "privacy:export-request"}
SCHOOL_BOUND = {
    "pk",
    "slug",
    "student_pk",
    "attempt_pk",
    "school_pk",
    "file_pk",
    "version_pk",
    "worksheet_pk",
    "consignor_pk",
    "plan_pk",
}
# Patterns the walk does not request (covered by the table check and the admin samples).
NOT_WALKED = {
    "wagtail_serve": "sampled below with /",
    "wagtaildocs_serve": "needs a document; Wagtail's collection privacy",
    "wagtaildocs_authenticate_with_password": "needs a Wagtail view restriction",
    "wagtailcore_authenticate_with_password": "needs a Wagtail view restriction",
    # A region's cooperatives, not a school's: tests/district/test_scope.py walks other
    # schools of the region (200) and other regions (404).
    "coop_district:profile": "region-scoped; tests/district/test_scope.py",
    "schools:district-report-status": "own report; tests/district/test_report.py",
    "schools:district-report-download": "own report; tests/district/test_report.py",
    # Certification is region-scoped (dinas offices, not schools): its own walker builds two
    # regions with batches, candidates, decisions and issued certificates and walks every
    # certificates:* and verify:* URL as every role.
    "verify:certificate": "by token: tests/certificates/test_policy_walk.py",
    **{
        f"certificates:{p.name}": "tests/certificates/test_policy_walk.py"
        for p in certificate_urls.urlpatterns
    },
}
ADMIN_SAMPLES = [
    "/admin/",
    "/admin/pages/",
    "/admin/login/",
    "/django-admin/",
    "/django-admin/login/",
]


def object_for(world: World, side: SchoolWorld, name: str, param: str) -> Any:
    obj = side.objects
    if param == "slug":
        return (obj["rintisan"] if name in FOUNDING_URLS else obj["coop"]).slug
    if param == "pk":
        key = PK_OBJECT.get(name) or DEFAULT_PK.get(name.split(":")[0])
        if key is None:
            raise AssertionError(f"{name}: add to PK_OBJECT in tests/test_policy.py what pk is")
        target = side.people.get(key) or obj[key]
        return target.pk
    values = {
        "student_pk": side.people["siswa"].pk,
        "file_pk": obj["attachment"].pk,
        "school_pk": side.school.pk,
        "attempt_pk": obj["attempt"].pk,
        "version_pk": obj["version"].pk,
        "worksheet_pk": obj["worksheet"].pk,
        "lesson_pk": world.lesson.pk,
        "course_pk": world.course.pk,
        "assignment_pk": world.lesson.assignment.pk,
        "question_pk": world.question.pk,
        "code": "1-1101",
        "unit": obj["unit"].code,
        "number": obj["sale"].receipt_number,
        "item_pk": obj["item"].pk,
        "consignor_pk": obj["item"].consigned_by_id,
        "plan_pk": obj["plan"].pk,
        "fmt": "csv",
        "year": FOUNDED.year,
        "step": 1,
        "decision": "setujui",
        "doc": "pengurus",
        "list_id": 1,
    }
    if param not in values:
        raise AssertionError(
            f"{name}: teach object_for() in tests/test_policy.py the path kwarg {param!r}"
        )
    return values[param]


# --- The resolver -------------------------------------------------------------------------


@dataclass(frozen=True)
class Pattern:
    route: str  # "/koperasi/<slug:slug>/"
    name: str | None  # "school_coops:dashboard"
    params: tuple[str, ...]


def all_patterns(urlconf: Any = None) -> list[Pattern]:
    found: list[Pattern] = []

    def walk(patterns: Any, prefix: str, namespace: str | None) -> None:
        for item in patterns:
            if isinstance(item, URLResolver):
                ns = namespace
                if item.namespace:
                    ns = f"{namespace}:{item.namespace}" if namespace else item.namespace
                walk(item.url_patterns, prefix + str(item.pattern), ns)
            elif isinstance(item, URLPattern):
                name = item.name and (f"{namespace}:{item.name}" if namespace else item.name)
                route = prefix + str(item.pattern)
                params = tuple(re.findall(r"<(?:\w+:)?(\w+)>", route))
                found.append(Pattern(route, name, params))

    walk(get_resolver(urlconf).url_patterns, "/", None)
    return found


def unlisted(patterns: list[Pattern]) -> list[str]:
    return [
        f"{p.route} (name {p.name!r})"
        for p in patterns
        if policy.rule_for(p.name, p.route.replace("^", "")) is None
    ]


# --- Expectations -------------------------------------------------------------------------


def satisfied(world: World, persona: str, scope: str, name: str, kwargs: dict) -> bool:
    """Does the own school's object in the path fall in `scope` for `persona`?"""
    if scope in (policy.PUBLIC, policy.ADMIN, policy.OWN_SCHOOL, policy.OWN_CLASS):
        return True
    if scope == policy.OWN_REGION:
        return True  # the own school is in the persona's region
    school_bound = SCHOOL_BOUND & set(kwargs)
    owner = OWNER.get(name, "siswa")
    if scope == policy.OWN:
        if name in MINOR_SUBJECT:
            return False  # the walker's siswa is a minor (tests/privacy covers adult students)
        return not school_bound or persona == owner
    if scope == policy.OWN_CHILD:
        return not school_bound or (owner == "siswa" and persona == "wali")
    if scope == policy.OWN_COOP:
        if "slug" not in kwargs:
            return True
        if name in FOUNDING_URLS:
            return persona == "guru_pembina"
        return persona == "guru_pembina" or persona in OFFICES
    raise AssertionError(f"scope {scope} not known to the walker")


def expected(
    world: World,
    persona: str,
    rule: policy.Rule,
    method: str,
    name: str,
    kwargs: dict,
    own: bool,
    same_region: bool = True,
) -> Any:
    if persona == "anonymous":
        if rule.public:
            return "ok" if rule.allows_method(method) else 405
        return "login"
    if not rule.allows_method(method):
        return 405
    roles = rule.roles_for(method)
    matching = [
        scope
        for token, scope in roles.items()
        if token in (policy.ANYONE, policy.AUTHENTICATED) or token in PERSONA_TOKENS[persona]
    ]
    if not matching:
        status = authz.refusal(rule, kwargs)
        return "login" if status == 302 else status
    if not own and SCHOOL_BOUND & set(kwargs):
        if policy.OWN_REGION in matching and same_region:
            return "ok"  # another school of the dinas's own region
        return "ok" if policy.PUBLIC in matching else 404
    if any(satisfied(world, persona, scope, name, kwargs) for scope in matching):
        return "ok"
    return 404


def holds_a_role_of(persona: str, rule: policy.Rule) -> bool:
    tokens = PERSONA_TOKENS.get(persona, set()) | {policy.ANYONE}
    if persona != "anonymous":
        tokens.add(policy.AUTHENTICATED)
    return bool(tokens & (set(rule.allow) | set(rule.writers or ())))


KIND_TYPES = {"pdf": "application/pdf", "export": ("text/csv", "application/vnd.openxml")}
LOGIN_PATHS = ("/akun/masuk/", "/admin/login/", "/django-admin/login/")


def answer_class(response: HttpResponse) -> Any:
    code = response.status_code
    if code in (301, 302, 303):
        return "login" if response["Location"].startswith(LOGIN_PATHS) else "ok"
    if 200 <= code < 300:
        return "ok"
    return code


def foreign_names(world: World, persona: str, rule: policy.Rule) -> list[str]:
    scopes = {s for t, s in rule.allow.items() if t in PERSONA_TOKENS.get(persona, ())}
    names = []
    for side in world.foreign:
        if policy.OWN_REGION in scopes and side.region == world.own.region:
            continue
        names.extend(side.names)
    return names


def leaked(response: HttpResponse, names: list[str]) -> list[str]:
    kind = response.get("Content-Type", "")
    if response.status_code != 200 or not kind.startswith(("text/", "application/json")):
        return []
    if getattr(response, "streaming", False):
        body = b"".join(response.streaming_content).decode(errors="replace")
    else:
        body = response.content.decode(errors="replace")
    return [n for n in names if n in body]


# --- The walk -----------------------------------------------------------------------------


def clients_for(world: World) -> dict[str, Client]:
    clients = {}
    for persona, user in world.personas.items():
        client = Client()
        if user is not None:
            client.force_login(user)
        clients[persona] = client
    return clients


def walk(world: World, *, urlconf: Any = None, only: set[str] | None = None) -> list[str]:
    """Every pattern x persona x side; returns one line per answer that differs from the table."""
    problems: list[str] = []
    clients = clients_for(world)
    sides = [(world.own, True)] + [(f, False) for f in world.foreign[:2]]
    for pattern in all_patterns(urlconf):
        name = pattern.name
        if only is not None and name not in only:
            continue
        rule = policy.rule_for(name, pattern.route)
        if rule is None or name is None or name in NOT_WALKED or rule.kind == "admin":
            continue
        if pattern.route.startswith(tuple(policy.PREFIXES)):
            continue  # admin entry points: ADMIN_SAMPLES
        post_only = not rule.allows_method("GET")
        for side, own in sides:
            kwargs = {p: object_for(world, side, name, p) for p in pattern.params}
            if not own and not SCHOOL_BOUND & set(kwargs):
                continue  # nothing of another school in this path
            url = reverse(name, kwargs=kwargs, urlconf=urlconf)
            for persona, client in clients.items():
                if not own and not holds_a_role_of(persona, rule):
                    continue  # refused by role alone, as on the own school's objects
                methods = ["GET"]
                same = side.region == world.own.region
                want_get = expected(world, persona, rule, "GET", name, kwargs, own, same)
                want_post = expected(world, persona, rule, "POST", name, kwargs, own, same)
                if (post_only or rule.writers is not None) and want_post != "ok":
                    methods.append("POST")  # refused POSTs change nothing: try them
                if not own and "POST" not in methods and post_only:
                    methods.append("POST")
                for method in methods:
                    want = want_get if method == "GET" else want_post
                    if method == "GET":
                        response = client.get(url, {"q": SEARCH_WORD} if own else {})
                    else:
                        response = client.post(url, {})
                    got = answer_class(response)
                    if got != want:
                        problems.append(
                            f"{method} {url} [{name}] as {persona}: {got}, table {want}"
                        )
                    if got == "ok" and response.status_code == 200 and rule.kind in KIND_TYPES:
                        kind = response.get("Content-Type", "")
                        if not kind.startswith(KIND_TYPES[rule.kind]):
                            problems.append(f"GET {url} [{name}]: {kind}, table {rule.kind}")
                    if own and method == "GET":
                        for leak in leaked(response, foreign_names(world, persona, rule)):
                            problems.append(f"GET {url} [{name}] as {persona} shows {leak!r}")
    if only is None:
        for url in ADMIN_SAMPLES:
            rule = policy.rule_for(resolve(url, urlconf).view_name, url)
            for persona, client in clients.items():
                want = expected(world, persona, rule, "GET", "", {}, True)
                got = answer_class(client.get(url))
                if got != want:
                    problems.append(f"GET {url} as {persona}: {got}, table {want}")
        for persona, client in clients.items():
            got = answer_class(client.get("/"))
            if got != "ok":
                problems.append(f"GET / (wagtail_serve) as {persona}: {got}")
    return problems


@pytest.fixture
def world() -> World:
    return build_world()


# --- Tests --------------------------------------------------------------------------------


def test_every_url_pattern_has_a_row_in_the_policy():
    assert unlisted(all_patterns()) == []


def test_every_persona_holds_exactly_the_declared_tokens(world):
    for persona, user in world.personas.items():
        if user is None:
            continue
        held = {t for t in policy.TOKENS if authz.user_holds(user, t)}
        assert held - {policy.ANYONE, policy.AUTHENTICATED} == PERSONA_TOKENS[persona], persona


def test_every_url_answers_every_role_as_the_table_says(world):
    problems = walk(world)
    assert problems == [], "\n".join(problems)


# --- The walk catches what it is meant to catch -------------------------------------------


def leaky_coop_view(request: Any, slug: str) -> HttpResponse:
    """A view a hurried developer might add: no login, no scope, names the coop's members."""
    from school_coops.models import Cooperative

    coop = Cooperative.objects.get(slug=slug)
    names = ", ".join(m.member.full_name for m in coop.memberships.all())
    return HttpResponse(f"{coop.name}: {names}")


urlpatterns = [
    path("bocor/<slug:slug>/", leaky_coop_view, name="leaky-coop"),
    *get_resolver("lms.urls").url_patterns,
]


def test_a_url_without_a_row_fails_the_table_check_and_is_refused_at_runtime(
    world, client, settings
):
    settings.ROOT_URLCONF = __name__
    assert unlisted(all_patterns(__name__)) == ["/bocor/<slug:slug>/ (name 'leaky-coop')"]
    slug = world.foreign[0].objects["coop"].slug
    client.force_login(world.personas["siswa"])
    response = client.get(f"/bocor/{slug}/")
    assert response.status_code == 403  # default deny: the view never ran
    assert SEARCH_WORD.encode() not in response.content
    client.logout()
    assert client.get(f"/bocor/{slug}/").status_code == 403


def test_a_row_whose_view_forgets_the_object_scope_is_caught_by_the_walk(
    world, settings, monkeypatch
):
    settings.ROOT_URLCONF = __name__
    monkeypatch.setitem(policy.POLICY, "leaky-coop", policy.rule(policy.COOP_VIEW))
    problems = walk(world, urlconf=__name__, only={"leaky-coop"})
    foreign = world.foreign[0].objects["coop"].slug
    assert f"GET /bocor/{foreign}/ [leaky-coop] as ketua: ok, table 404" in problems
    assert f"GET /bocor/{foreign}/ [leaky-coop] as guru_pembina: ok, table 404" in problems
    # Roles the row does not name never reach the view: the middleware refuses them.
    assert not any(" as siswa:" in p or " as anonymous:" in p for p in problems), problems


def test_foreign_names_on_an_own_page_are_reported(world, settings, monkeypatch):
    def leaky_list(request: Any) -> HttpResponse:
        from school_coops.models import Cooperative

        return HttpResponse(", ".join(c.name for c in Cooperative.objects.all()))

    module = type(__import__("sys"))("policy_leaky_list_urls")
    module.urlpatterns = [
        path("semua-koperasi/", leaky_list, name="leaky-list"),
        *get_resolver("lms.urls").url_patterns,
    ]
    import sys

    monkeypatch.setitem(sys.modules, module.__name__, module)
    settings.ROOT_URLCONF = module.__name__
    monkeypatch.setitem(policy.POLICY, "leaky-list", policy.rule(policy.SIGNED_IN))
    problems = walk(world, urlconf=module.__name__, only={"leaky-list"})
    assert any(f"shows 'Kopsis {SEARCH_WORD} R1S2'" in p for p in problems), problems


# --- The middleware's own rules, one by one -----------------------------------------------


def test_anonymous_visitors_are_sent_to_sign_in_and_come_back(client, teacher, school):
    coop = cooperative_create(school=school, name="Kopsis Masuk", by=teacher, founded_on=FOUNDED)
    url = reverse("school_coops:dashboard", args=[coop.slug])
    response = client.get(url)
    assert response.status_code == 302
    assert response["Location"] == f"/akun/masuk/?next={url}"
    response = client.get("/admin/pages/")
    assert response["Location"].startswith("/admin/login/?next=")


def test_methods_the_row_does_not_list_answer_405(client, teacher):
    client.force_login(teacher)
    assert client.put(reverse("schools:classroom-list")).status_code == 405
    assert client.get(reverse("accounts:logout")).status_code == 405  # POST only


def test_writers_narrow_a_form_to_fewer_roles_than_may_read_it(client, teacher, school, classroom):
    coop = cooperative_create(school=school, name="Kopsis Tulis", by=teacher, founded_on=FOUNDED)
    pengawas = make_student(classroom, username="pengawas-tulis")
    office = membership_register(
        coop=coop, member=pengawas, category=Membership.Category.STUDENT, by=teacher, date=FOUNDED
    )
    position_assign(membership=office, role=PositionRole.PENGAWAS, by=teacher, started_on=FOUNDED)
    url = reverse("school_coops:bylaws", args=[coop.slug])
    client.force_login(pengawas)
    assert client.get(url).status_code == 200
    versions = coop.bylaws.count()
    assert client.post(url, {"effective_from": "2026-08-01"}).status_code == 404
    assert coop.bylaws.count() == versions


def test_a_typo_in_a_row_fails_when_the_table_is_loaded():
    with pytest.raises(ValueError, match="unknown role token"):
        policy.rule({"ketua_koperasi": policy.OWN_COOP})
    with pytest.raises(ValueError, match="unknown scope"):
        policy.rule({policy.KETUA: "own_coperative"})
    with pytest.raises(ValueError, match="unknown kind"):
        policy.rule(policy.COOP_VIEW, policy.GET, "webpage")
