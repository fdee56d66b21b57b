"""Every certification URL, as every role, against the table in lms/policy.py.

The world: two dinas offices (regions). Each has a published scheme of its own, a batch with
its pelatih and asesor, dinas staff, a candidate (peserta) with an accepted application, a
self-assessment, an evidence file, an opened practical case with one sandbox entry, a signed
BK decision with an appeal, a grading run, an external LSP certificate with a scan, and a
second, confirmed batch whose candidate (pemegang) holds an issued certificate.

The people of the first region (plus a signed-in user without any role, "warga", and an
anonymous visitor) request every pattern of `certificates.urls` and `certificates.verify_urls`
with GET and POST, against the first region's objects and the second region's objects:

- a role the row allows, on its own region's object: answered (2xx, or a redirect that is not
  the sign-in page): never 403, 404, 405 or 500;
- a role the row does not name: the row's refusal (`deny`, else 404 with an object in the path);
- another region's object: 404, unless the row's scope for the role is PUBLIC;
- a method the row does not list: 405; anonymous: sent to sign in (public rows: answered).

Every request runs in a savepoint that is rolled back, so an allowed POST (publish, sign,
issue ...) leaves the world as it was for the next request. Own-region pages, searched with
``?q=Seberang``, must not show any name of the other region's people.

## A new certification URL

The walk fails with a message naming what to add. For a new URL:

1. `pk` in its path: add the URL name to `PK_OBJECT` with the key of the object it names (keys:
   `RegionWorld.objects`, built in `build_region()`; add an object there if it is new).
2. Another path kwarg (`<int:cert_pk>`, `<str:token>` ...): add its name to `KWARGS` as
   `(object key, attribute)` or to `CONSTANTS` as a fixed value.
3. A row with scope OWN whose owner is not the candidate "peserta": add the URL name to `OWNER`.
4. A new role in the row: add a persona to `PERSONA_TOKENS` and `build_world()`.
"""

from __future__ import annotations

import datetime
from dataclasses import dataclass
from typing import Any

import pytest
from django.db import transaction
from django.http import HttpResponse
from django.test import Client
from django.urls import URLPattern, reverse

from certificates import urls as certificate_urls
from certificates import verify_urls
from certificates.issuance.bundles import certificate_bundle_request
from certificates.issuance.layout import DEFAULT_CSS, DEFAULT_HTML
from certificates.issuance.services import batch_issuance_request
from certificates.models import CertificateTemplate, Evidence, GradingRun, Result, SandboxEntry
from certificates.practical.services import (
    SandboxLineInput,
    practical_case_open,
    sandbox_entry_record,
)
from certificates.scheme_data import SCHEME_TITLE, units_csv
from certificates.services.batches import (
    candidate_review,
    evidence_upload,
    self_assessment_save,
)
from certificates.services.decisions import appeal_file, decision_sign, unit_decision_record
from certificates.services.external import external_certificate_record
from certificates.services.schemes import scheme_create, scheme_publish, scheme_units_import
from lms import authz, policy
from lms.accounts.models import Role
from school_coops.services.cooperative import cooperative_create
from tests.certificates.conftest import apply, make_batch
from tests.factories import RegionFactory, SchoolFactory, UserFactory, make_teacher, with_role
from tests.issuance_data import confirmed_batch

pytestmark = pytest.mark.django_db

SEARCH_WORD = "Seberang"  # in every name of the other region; sent as ?q= to own pages
PDF = b"%PDF-1.4 walker\n%%EOF\n"

# --- The mapping tables (extend these for a new URL; see the module docstring) ----------

# What `pk` names, per URL name: a key of RegionWorld.objects.
PK_OBJECT: dict[str, str] = {
    "certificates:openbadge-download": "issued",
    "certificates:openbadge-linkedin": "issued",
    "certificates:issued-detail": "issued",
    "certificates:template-edit": "template",
    "certificates:template-preview": "template",
    "certificates:issued-revoke": "issued",
    "certificates:issued-reissue": "issued",
    "certificates:issued-pdf": "issued",
    "certificates:issued-email": "issued",
    "certificates:scheme-detail": "scheme",
    "certificates:scheme-publish": "scheme",
    "certificates:scheme-new-version": "scheme",
    "certificates:batch-board": "batch",
    "certificates:batch-export": "batch",
    "certificates:batch-sync": "batch",
    "certificates:batch-grade": "batch",
    "certificates:grading-status": "batch",
    "certificates:pleno": "batch",
    "certificates:issuance": "issued_batch",
    "certificates:issuance-status": "issued_batch",
    "certificates:bundle-request": "issued_batch",
    "certificates:bundle-status": "issued_batch",
    "certificates:bundle-download": "issued_batch",
    "certificates:batch-apply": "batch",
    "certificates:register": "batch",
    "certificates:candidate-import": "batch",
    "certificates:candidate-detail": "candidate",
    "certificates:candidate-review": "candidate",
    "certificates:candidate-tests": "candidate",
    "certificates:checklist": "candidate",
    "certificates:checklist-mark": "candidate",
    "certificates:decision": "candidate",
    "certificates:decision-sign": "candidate",
    "certificates:reassessment": "candidate",
    "certificates:practical-diff": "candidate",
    "certificates:evidence-download": "evidence",
    "certificates:evidence-books-read": "books_evidence",
    "certificates:evidence-books": "candidate",
    "certificates:appeal-decide": "appeal",
    "certificates:application": "candidate",
    "certificates:self-assessment": "candidate",
    "certificates:evidence-upload": "candidate",
    "certificates:application-resubmit": "candidate",
    "certificates:appeal-file": "candidate",
    "certificates:practical": "candidate",
    "certificates:practical-entry-delete": "candidate",
    "certificates:practical-submit": "candidate",
    "certificates:external-scan": "external",
}
# Other path kwargs, by name: (object key, attribute) of the same region's world.
KWARGS: dict[str, tuple[str, str]] = {
    "run_pk": ("grading_run", "pk"),
    "criterion_pk": ("criterion", "pk"),
    "unit_pk": ("unit", "pk"),
    "entry_pk": ("sandbox_entry", "pk"),
    "bundle_pk": ("bundle", "pk"),
    "token": ("issued", "verify_token"),
}
# Path kwargs that name nothing of a region.
# course_pk: only a student asks for a course certificate and this world has none
# (tests/certificates/test_course_certificate_views.py walks the student's side).
CONSTANTS: dict[str, Any] = {"fmt": "csv", "list_id": 1, "course_pk": 1}
# The persona whose own object the path names, for rows with scope OWN (default "peserta").
OWNER: dict[str, str] = {
    "certificates:openbadge-download": "pemegang",
    "certificates:openbadge-linkedin": "pemegang",
    "certificates:issued-pdf": "pemegang",
    "certificates:issued-email": "pemegang",
}
# What every persona of the first region holds, declared here independently of lms.authz.
PERSONA_TOKENS: dict[str, set[str]] = {
    "pelatih": {policy.TRAINER},
    "asesor": {policy.ASSESSOR},
    "dinas": {policy.DINAS},
    "peserta": set(),  # a candidate: signed in, no platform role
    "pemegang": set(),  # holds an issued certificate
    "warga": set(),  # signed in, nothing to do with certification
}


# --- The world ----------------------------------------------------------------------------


@dataclass
class RegionWorld:
    region: Any
    people: dict[str, Any]
    objects: dict[str, Any]
    names: list[str]  # personal names that must never appear on the other region's pages


def _people(region: Any, tag: str, label: str) -> dict[str, Any]:
    def user(key: str, role: str | None = None) -> Any:
        person = UserFactory(username=f"{tag}-{key}", full_name=f"{key.title()} {label}")
        return with_role(person, role, region=region) if role else person

    return {
        "pelatih": user("pelatih", Role.TRAINER),
        "asesor": user("asesor", Role.ASSESSOR),
        "dinas": user("dinas", Role.DINAS),
        "peserta": user("peserta"),
        "warga": user("warga"),
    }


def _scheme(region: Any, tag: str, by: Any) -> Any:
    code = f"JBK-{tag}"
    scheme = scheme_create(code=code, title=SCHEME_TITLE, by=by, validity_years=3, region=region)
    scheme_units_import(scheme=scheme, data=units_csv(code=code), filename="units.csv")
    return scheme_publish(scheme=scheme, by=by)


def _decided_with_appeal(candidate: Any, assessor: Any, owner: Any) -> Any:
    """Every unit decided, one required unit BK, signed; the candidate appeals."""
    units = list(candidate.batch.scheme.units.order_by("order"))
    for index, unit in enumerate(units):
        unit_decision_record(
            candidate=candidate,
            unit_id=unit.pk,
            result=Result.NOT_YET if index == 0 else Result.COMPETENT,
            evidence="Studi kasus",
            by=assessor,
        )
    decision = decision_sign(candidate=candidate, by=assessor)
    return appeal_file(decision=decision, by=owner, reason="Jurnal saya dinilai keliru.")


def _practical_entry(candidate: Any, owner: Any) -> SandboxEntry:
    case = practical_case_open(candidate=candidate, by=owner)
    lines = [SandboxLineInput("1-1101", "D", "1000"), SandboxLineInput("3-1101", "K", "1000")]
    return sandbox_entry_record(
        case=case,
        by=owner,
        date=datetime.date(case.case["year"], case.case["month"], 3),
        memo="Setoran",
        transaction_ref="",
        lines=lines,
    )


def _books_evidence(region: Any, candidate: Any, label: str) -> Evidence:
    """Portfolio evidence from a school cooperative's books (the row as the service leaves it;
    who may attach one is tested in tests/certificates/test_portfolio_books.py)."""
    school = SchoolFactory(region=region, name=f"SMP Negeri {label}")
    teacher = make_teacher(school, full_name=f"Guru Pembina {label}")
    founded = datetime.date(2025, 1, 6)
    coop = cooperative_create(school=school, name=f"Kopsis {label}", by=teacher, founded_on=founded)
    return Evidence.objects.create(
        candidate=candidate,
        books_coop=coop,
        books_from=founded,
        books_to=datetime.date(2025, 6, 30),
        original_name=f"Pembukuan Kopsis {label}",
        content_type="",
        size=0,
    )


def build_region(code: str, tag: str, *, foreign: bool, capture: Any) -> RegionWorld:
    """One dinas with its people and one object of every kind a certification URL names."""
    label = f"{SEARCH_WORD} {tag}" if foreign else f"Kita {tag}"
    region = RegionFactory(code=code, name=f"Kabupaten {label}", province="Jawa Barat")
    people = _people(region, tag, label)
    trainer, assessor, owner = people["pelatih"], people["asesor"], people["peserta"]
    scheme = _scheme(region, tag, people["dinas"])
    batch = make_batch(region, scheme, trainer, [assessor], name=f"Angkatan {label}")
    unit = scheme.units.order_by("order").first()
    candidate = apply(batch, owner, cooperative_name=f"Koperasi Desa {label}")
    self_assessment_save(candidate=candidate, unit_id=unit.pk, competent=True, note="", by=owner)
    evidence = evidence_upload(candidate=candidate, data=PDF, filename="ijazah.pdf", by=owner)
    books_evidence = _books_evidence(region, candidate, label)
    candidate = candidate_review(candidate=candidate, action="accept", by=trainer)
    entry = _practical_entry(candidate, owner)
    appeal = _decided_with_appeal(candidate, assessor, owner)
    issued_batch = confirmed_batch(
        region=region, trainer=trainer, count=1, name=f"Angkatan Lulus {label}", prefix=tag
    )
    with capture(execute=True):
        run = batch_issuance_request(batch=issued_batch, by=trainer)
    issued = run.certificates.get()
    people["pemegang"] = issued.holder
    with capture(execute=True):  # built, so its download answers
        bundle = certificate_bundle_request(batch=issued_batch, kind="zip", by=trainer)
    external = external_certificate_record(
        region=region,
        by=people["dinas"],
        holder_name=f"Pemegang LSP {label}",
        number=f"LSP-{tag}-001",
        issuer="LSP Koperasi",
        scheme_name="Akuntansi Koperasi",
        issued_on=datetime.date(2025, 1, 10),
        expires_on=datetime.date(2028, 1, 10),
        scan=PDF,
    )
    objects = {
        "scheme": scheme,
        "batch": batch,
        "unit": unit,
        "criterion": unit.elements.first().criteria.first(),
        "candidate": candidate,
        "evidence": evidence,
        "books_evidence": books_evidence,
        "sandbox_entry": entry,
        "appeal": appeal,
        "grading_run": GradingRun.objects.create(
            batch=batch, requested_by=assessor, status=GradingRun.Status.DONE, total=1
        ),
        "issued_batch": issued_batch,
        "issued": issued,
        "bundle": bundle,
        "external": external,
        "template": CertificateTemplate.objects.create(
            region=region,
            html=DEFAULT_HTML,
            css=DEFAULT_CSS,
            signatory_name=f"Kepala Dinas {label}",
            signatory_title="Kepala Dinas",
        ),
    }
    names = [
        *(p.full_name for key, p in people.items() if key != "pemegang"),
        candidate.full_name,
        external.holder_name,
    ]
    return RegionWorld(region, people, objects, names)


@dataclass
class World:
    own: RegionWorld
    foreign: RegionWorld
    personas: dict[str, Any]  # persona -> user (None: anonymous)


def build_world(capture: Any) -> World:
    own = build_region("3201", "R1", foreign=False, capture=capture)
    foreign = build_region("3202", "R2", foreign=True, capture=capture)
    personas: dict[str, Any] = {key: own.people[key] for key in PERSONA_TOKENS}
    personas["anonymous"] = None
    return World(own, foreign, personas)


# --- Patterns and their path kwargs -------------------------------------------------------


@dataclass(frozen=True)
class Pattern:
    name: str  # "certificates:batch-board"
    params: tuple[str, ...]


def certification_patterns() -> list[Pattern]:
    found = []
    for namespace, patterns in (
        ("certificates", certificate_urls.urlpatterns),
        ("verify", verify_urls.urlpatterns),
    ):
        for item in patterns:
            assert isinstance(item, URLPattern), f"{namespace}: walk included URLconfs too"
            found.append(Pattern(f"{namespace}:{item.name}", tuple(item.pattern.converters)))
    return found


def unmapped(pattern: Pattern) -> list[str]:
    """What the mapping tables miss for this pattern, as instructions to its author."""
    missing = []
    for param in pattern.params:
        if param == "pk" and pattern.name not in PK_OBJECT:
            missing.append(
                f"{pattern.name}: add it to PK_OBJECT in {__name__.replace('.', '/')}.py "
                "with the key of the object its pk names (see RegionWorld.objects)"
            )
        elif param != "pk" and param not in KWARGS and param not in CONSTANTS:
            missing.append(
                f"{pattern.name}: add the path kwarg {param!r} to KWARGS (object, attribute) "
                f"or CONSTANTS in {__name__.replace('.', '/')}.py"
            )
    return missing


def path_kwargs(side: RegionWorld, pattern: Pattern) -> dict[str, Any]:
    kwargs = {}
    for param in pattern.params:
        if param in CONSTANTS:
            kwargs[param] = CONSTANTS[param]
        elif param == "pk":
            kwargs[param] = side.objects[PK_OBJECT[pattern.name]].pk
        else:
            key, attribute = KWARGS[param]
            kwargs[param] = getattr(side.objects[key], attribute)
    return kwargs


def names_an_object(pattern: Pattern) -> bool:
    return any(p not in CONSTANTS for p in pattern.params)


# --- Expectations -------------------------------------------------------------------------


def expected(persona: str, rule: policy.Rule, method: str, pattern: Pattern, own: bool) -> Any:
    """ok / login / a status code, from the row alone."""
    if persona == "anonymous":
        if rule.public:
            return "ok" if rule.allows_method(method) else 405
        return "login"
    if not rule.allows_method(method):
        return 405
    held = PERSONA_TOKENS[persona] | {policy.ANYONE, policy.AUTHENTICATED}
    scopes = {scope for token, scope in rule.roles_for(method).items() if token in held}
    if not scopes:
        kwargs = dict.fromkeys(pattern.params, 1)
        status = authz.refusal(rule, kwargs)
        return "login" if status == 302 else status
    if policy.PUBLIC in scopes or not names_an_object(pattern):
        return "ok"
    if not own:
        return 404  # another dinas's object
    if policy.OWN_REGION in scopes:
        return "ok"
    if policy.OWN in scopes and persona == OWNER.get(pattern.name, "peserta"):
        return "ok"
    return 404


LOGIN_PATHS = ("/akun/masuk/",)


def answer_class(response: HttpResponse) -> Any:
    code = response.status_code
    if code in (301, 302, 303):
        return "login" if response["Location"].startswith(LOGIN_PATHS) else "ok"
    if 200 <= code < 300:
        return "ok"
    return code


def body_of(response: HttpResponse) -> str:
    kind = response.get("Content-Type", "")
    if response.status_code != 200 or not kind.startswith(("text/", "application/json")):
        return ""
    if getattr(response, "streaming", False):
        return b"".join(response.streaming_content).decode(errors="replace")
    return response.content.decode(errors="replace")


def send(client: Client, method: str, url: str, data: dict) -> tuple[HttpResponse, str]:
    """One request in a savepoint that is rolled back: an allowed POST changes nothing."""
    with transaction.atomic():
        response = client.get(url, data) if method == "GET" else client.post(url, data)
        body = body_of(response)
        transaction.set_rollback(True)
    return response, body


# --- The walk -----------------------------------------------------------------------------


def walk(world: World, only: set[str] | None = None) -> list[str]:
    """Every pattern x persona x region x method; one line per answer that differs."""
    problems: list[str] = []
    clients = {}
    for persona, user in world.personas.items():
        clients[persona] = Client(raise_request_exception=False)
        if user is not None:
            clients[persona].force_login(user)
    for pattern in certification_patterns():
        if only is not None and pattern.name not in only:
            continue
        rule = policy.POLICY.get(pattern.name)
        if rule is None:
            problems.append(f"{pattern.name}: no row in lms/policy.py")
            continue
        missing = unmapped(pattern)
        if missing:
            problems.extend(missing)
            continue
        sides = [(world.own, True)]
        if names_an_object(pattern):
            sides.append((world.foreign, False))
        for side, own in sides:
            url = reverse(pattern.name, kwargs=path_kwargs(side, pattern))
            for persona, client in clients.items():
                for method in ("GET", "POST"):
                    want = expected(persona, rule, method, pattern, own)
                    data = {"q": SEARCH_WORD} if own and method == "GET" else {}
                    response, body = send(client, method, url, data)
                    got = answer_class(response)
                    if got != want:
                        problems.append(
                            f"{method} {url} [{pattern.name}] as {persona}: {got}, table {want}"
                        )
                    if own and persona != "anonymous":
                        problems.extend(
                            f"{method} {url} [{pattern.name}] as {persona} shows {name!r}"
                            for name in world.foreign.names
                            if name in body
                        )
    return problems


@pytest.fixture
def world(django_capture_on_commit_callbacks, settings) -> World:
    settings.CERT_VERIFY_RATE_PER_MINUTE = 10_000
    settings.CERT_REGISTRATION_PER_HOUR = 10_000
    return build_world(django_capture_on_commit_callbacks)


# --- Tests --------------------------------------------------------------------------------


def test_every_certification_url_has_a_row_and_a_mapping() -> None:
    problems = []
    for pattern in certification_patterns():
        if pattern.name not in policy.POLICY:
            problems.append(f"{pattern.name}: add a row to lms/policy.py")
        problems.extend(unmapped(pattern))
    assert problems == [], "\n".join(problems)


def test_every_certification_url_answers_every_role_as_the_table_says(world: World) -> None:
    for persona, user in world.personas.items():
        if user is not None:  # the personas hold what PERSONA_TOKENS says, no more
            held = {t for t in policy.TOKENS if authz.user_holds(user, t)}
            assert held - {policy.ANYONE, policy.AUTHENTICATED} == PERSONA_TOKENS[persona]
    problems = walk(world)
    assert problems == [], "\n".join(problems)


def test_a_view_that_forgets_the_region_is_caught(world: World, monkeypatch) -> None:
    from certificates.models import Batch
    from certificates.views import staff

    monkeypatch.setattr(staff, "staff_batch", lambda request, pk: Batch.objects.get(pk=pk))
    problems = walk(world, only={"certificates:batch-board", "certificates:batch-export"})
    foreign = world.foreign.objects["batch"].pk
    board = f"/sertifikat/angkatan/{foreign}/"
    assert f"GET {board} [certificates:batch-board] as pelatih: ok, table 404" in problems
    export = f"{board}ekspor.csv"
    assert f"GET {export} [certificates:batch-export] as asesor: ok, table 404" in problems
    # Roles the row does not name never reach the view: the middleware refuses them.
    assert not any(" as warga:" in p or " as anonymous:" in p for p in problems), problems


def test_a_new_url_without_a_mapping_fails_with_what_to_add(monkeypatch) -> None:
    monkeypatch.delitem(PK_OBJECT, "certificates:batch-board")
    pattern = Pattern("certificates:batch-board", ("pk",))
    assert unmapped(pattern) == [
        "certificates:batch-board: add it to PK_OBJECT in tests/certificates/test_policy_walk.py "
        "with the key of the object its pk names (see RegionWorld.objects)"
    ]
    assert (
        "add the path kwarg 'cert_pk' to KWARGS"
        in unmapped(Pattern("certificates:x", ("cert_pk",)))[0]
    )
