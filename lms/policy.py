"""The authorization policy: ONE table that declares, for every URL name, who may use it.

Each row names a URL (``namespace:name`` as in ``reverse()``), the roles that may use it, and
for each role the objects it may reach (its scope). ``lms.authz.PolicyMiddleware`` refuses a
resolved URL that has no row (default deny) and enforces the role part of the row before the
view runs; the views and selectors keep enforcing the scope (other schools' objects answer
404). ``tests/test_policy.py`` walks every URL pattern as every role of two regions x two
schools and checks the answers against this table. How to add a row: docs/authorization.md.

This module is data only: no queries, no imports from feature apps.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from types import MappingProxyType
from typing import Any

# --- Who: role tokens ---------------------------------------------------------------------
# Special audiences.
ANYONE = "anyone"  # anonymous visitors too (no login required)
AUTHENTICATED = "authenticated"  # any signed-in user, whatever their roles
# Platform roles (lms.accounts.models.Role, a RoleAssignment of the user).
STUDENT = "student"
TEACHER = "teacher"  # guru (at a school)
TRAINER = "trainer"  # pelatih dinas
ASSESSOR = "assessor"  # asesor
DINAS = "dinas"  # staf dinas (a region)
EDITOR = "editor"  # editor konten
GUARDIAN = "guardian"  # orang tua/wali (a Guardianship of a student)
# Cooperative roles (registered by school_coops: lms.authz.register_token).
PEMBINA = "pembina"  # guru pembina of a cooperative
KETUA = "ketua"
WAKIL_KETUA = "wakil_ketua"
SEKRETARIS = "sekretaris"
BENDAHARA = "bendahara"
PENGAWAS = "pengawas"
MEMBER = "member"  # holds (or held) a membership of a cooperative
# Administration.
STAFF = "staff"  # is_staff / superuser: Django admin
ADMIN_ACCESS = "admin_access"  # Wagtail's wagtailadmin.access_admin (editors, moderators)

PENGURUS = (KETUA, WAKIL_KETUA, SEKRETARIS, BENDAHARA)
OFFICERS = (*PENGURUS, PENGAWAS)
RECORDERS = (KETUA, BENDAHARA)  # record money (docs/domain.md: ketua and bendahara)

# --- On which objects: scopes -------------------------------------------------------------
PUBLIC = "public"  # nothing private: public pages, published content
OWN = "own"  # the user's own account, attempts, batches, memberships
OWN_CHILD = "own_child"  # a student the user is guardian of
OWN_CLASS = "own_class"  # a classroom the user teaches or is enrolled in
OWN_SCHOOL = "own_school"  # objects of a school the user teaches (or studies) at
OWN_COOP = "own_coop"  # a cooperative the user is guru pembina or officer of
OWN_REGION = "own_region"  # schools of the region a dinas staff member serves
ADMIN = "admin"  # delegated to Wagtail's / Django's own admin permissions

SCOPES = (PUBLIC, OWN, OWN_CHILD, OWN_CLASS, OWN_SCHOOL, OWN_COOP, OWN_REGION, ADMIN)
TOKENS = (
    ANYONE,
    AUTHENTICATED,
    STUDENT,
    TEACHER,
    TRAINER,
    ASSESSOR,
    DINAS,
    EDITOR,
    GUARDIAN,
    PEMBINA,
    *OFFICERS,
    MEMBER,
    STAFF,
    ADMIN_ACCESS,
)

# --- Methods and kinds --------------------------------------------------------------------
GET = ("GET",)
POST = ("POST",)
GET_POST = ("GET", "POST")
ANY_METHOD = ("*",)
KINDS = ("page", "fragment", "pdf", "export", "json", "action", "file", "admin")


@dataclass(frozen=True)
class Rule:
    """Who may use one URL name (or a group of URLs under a path prefix)."""

    allow: MappingProxyType[str, str]  # role token -> scope
    methods: tuple[str, ...] = GET
    kind: str = "page"
    # Roles for POST (and other unsafe methods) when fewer than `allow`; None: same as allow.
    writers: MappingProxyType[str, str] | None = None
    # Answer for a signed-in user without an allowed role. None: 404 when the URL carries an
    # object in its path (do not confirm it exists), else 403. 302: back to `login_url`.
    deny: int | None = None
    # Where anonymous visitors are sent to sign in (a URL name); None: settings.LOGIN_URL.
    login_url: str | None = None
    note: str = field(default="", compare=False)

    @property
    def public(self) -> bool:
        return ANYONE in self.allow

    def roles_for(self, method: str) -> MappingProxyType[str, str]:
        if method in ("GET", "HEAD", "OPTIONS") or self.writers is None:
            return self.allow
        return self.writers

    def allows_method(self, method: str) -> bool:
        return "*" in self.methods or method in self.methods


def _who(spec: Any) -> MappingProxyType[str, str]:
    """{token: scope}; a tuple of tokens as a key gives all of them the same scope."""
    flat: dict[str, str] = {}
    for key, scope in spec.items():
        for token in key if isinstance(key, tuple) else (key,):
            if token not in TOKENS:
                raise ValueError(f"unknown role token {token!r} in lms/policy.py")
            if scope not in SCOPES:
                raise ValueError(f"unknown scope {scope!r} in lms/policy.py")
            flat[token] = scope
    return MappingProxyType(flat)


def rule(
    allow: dict[Any, str],
    methods: tuple[str, ...] = GET,
    kind: str = "page",
    *,
    writers: dict[Any, str] | None = None,
    deny: int | None = None,
    login_url: str | None = None,
    note: str = "",
) -> Rule:
    if kind not in KINDS:
        raise ValueError(f"unknown kind {kind!r} in lms/policy.py")
    return Rule(
        allow=_who(allow),
        methods=methods,
        kind=kind,
        writers=_who(writers) if writers is not None else None,
        deny=deny,
        login_url=login_url,
        note=note,
    )


# Reusable "who" sets, named after the rules in school_coops/rules.py.
EVERYONE = {ANYONE: PUBLIC}
SIGNED_IN = {AUTHENTICATED: OWN}
TEACHERS = {TEACHER: OWN_SCHOOL}
COOP_VIEW = {PEMBINA: OWN_COOP, OFFICERS: OWN_COOP}  # school_coops.view_coop
COOP_BOOKS = {PEMBINA: OWN_COOP, PENGURUS: OWN_COOP}  # view_books, view_member_list
COOP_RECORD = {PEMBINA: OWN_COOP, RECORDERS: OWN_COOP}  # record, manage_members
COOP_SUPERVISE = {PEMBINA: OWN_COOP}  # supervise
# Health assessment: also the supervising dinas of the school's region (view_/assess_health).
COOP_HEALTH_VIEW = {**COOP_VIEW, DINAS: OWN_REGION}
COOP_HEALTH_ASSESS = {**COOP_SUPERVISE, DINAS: OWN_REGION}
COOP_SELL = {PEMBINA: OWN_COOP, PENGURUS: OWN_COOP}  # sell: kasir, stock, daily close
FOUNDING = {PEMBINA: OWN_COOP, STUDENT: OWN}  # the guru pembina and the student initiators
# privacy.export_person: an adult for themselves, the guardian, a teacher of the student's school.
PERSONAL_DATA = {TEACHER: OWN_SCHOOL, GUARDIAN: OWN_CHILD, AUTHENTICATED: OWN}
# certificates/views/common.py: staff of the batch's region; organisers; the batch's assessor.
CERT_STAFF = {(TRAINER, ASSESSOR, DINAS): OWN_REGION}
CERT_ORGANISERS = {(TRAINER, DINAS): OWN_REGION}
CERT_ASSESSORS = {ASSESSOR: OWN_REGION}
# An issued certificate: its holder, the batch's trainers and the dinas staff of its region.
CERT_HOLDER: dict[Any, str] = {AUTHENTICATED: OWN, **CERT_ORGANISERS}
# Who may see one issued certificate (issuance/selectors.may_view_certificate): the holder and
# the organisers; a minor's course certificate also the guardian and the class teacher.
CERT_VIEWERS: dict[Any, str] = {**CERT_HOLDER, GUARDIAN: OWN_CHILD, TEACHER: OWN_CLASS}
DISTRICT = {DINAS: OWN_REGION}  # lms/district.py: the user's kabupaten or province
MONEY_OF_MEMBER = {**COOP_BOOKS, MEMBER: OWN, GUARDIAN: OWN_CHILD}  # view_membership


# --- The table: one row per URL name ------------------------------------------------------
# fmt: off
POLICY: dict[str, Rule] = {
    # Accounts
    "accounts:login":                 rule(EVERYONE, GET_POST),
    "accounts:logout":                rule(EVERYONE, POST, "action"),
    "accounts:password-change":       rule(SIGNED_IN, GET_POST),
    "accounts:dashboard":             rule(SIGNED_IN),
    "accounts:guardian-consent":      rule({GUARDIAN: OWN_CHILD}, GET_POST),

    # Certification of juru buku (certificates/). Candidates are any signed-in adult (an
    # officer of any cooperative), scoped to their own applications in the views; staff are
    # the trainers, assessors and dinas of the batch's region (certificates/views/common.py);
    # others get 404 on staff screens, as if certification staff pages did not exist.
    "verify:certificate":             rule(EVERYONE, note="public verification page, rate-limited"),
    "certificates:home":              rule(SIGNED_IN),
    "certificates:scheme-list":       rule(CERT_STAFF, deny=404),
    "certificates:scheme-create":     rule(CERT_ORGANISERS, GET_POST, deny=404),
    "certificates:scheme-detail":     rule(CERT_STAFF, GET_POST, writers=CERT_ORGANISERS, deny=404),
    "certificates:scheme-publish":    rule(CERT_ORGANISERS, POST, "action", deny=404),
    "certificates:scheme-new-version": rule(CERT_ORGANISERS, POST, "action", deny=404),
    "certificates:batch-create":      rule(CERT_ORGANISERS, GET_POST, deny=404),
    "certificates:batch-board":       rule(CERT_STAFF, deny=404),
    "certificates:batch-export":      rule(CERT_STAFF, GET, "export", deny=404),
    "certificates:batch-sync":        rule(CERT_ORGANISERS, POST, "action", deny=404),
    "certificates:batch-grade":       rule(CERT_STAFF, POST, "action", deny=404),
    "certificates:grading-status":    rule(CERT_STAFF, GET, "fragment", deny=404),
    "certificates:pleno":             rule(CERT_ORGANISERS, GET_POST, deny=404),
    "certificates:issuance":          rule(CERT_ORGANISERS, GET_POST, deny=404),
    "certificates:issuance-status":   rule(CERT_ORGANISERS, GET, "fragment", deny=404),
    "certificates:bundle-request":    rule(CERT_ORGANISERS, POST, "fragment", deny=404),
    "certificates:bundle-status":     rule(CERT_ORGANISERS, GET, "fragment", deny=404),
    "certificates:bundle-download":   rule(CERT_ORGANISERS, GET, "file", deny=404,
                                           note="the batch's ZIP or merged PDF"),
    "certificates:batch-apply":       rule({AUTHENTICATED: PUBLIC}, GET_POST,
                                           note="an open batch of any dinas"),
    "certificates:template-list":     rule(CERT_ORGANISERS, deny=404),
    "certificates:template-create":   rule(CERT_ORGANISERS, POST, "action", deny=404),
    "certificates:template-edit":     rule(CERT_ORGANISERS, GET_POST, deny=404),
    "certificates:template-preview":  rule(CERT_ORGANISERS, POST, "pdf", deny=404,
                                           note="sample data marked CONTOH"),
    "certificates:register":          rule(EVERYONE, GET_POST, note="public sign-up, rate-limited"),
    "certificates:candidate-import":  rule(CERT_ORGANISERS, GET_POST, deny=404),
    "certificates:candidate-detail":  rule(CERT_STAFF, deny=404),
    "certificates:candidate-review":  rule(CERT_ORGANISERS, POST, "action", deny=404),
    "certificates:candidate-tests":   rule(CERT_STAFF, POST, "action", deny=404),
    "certificates:checklist":         rule(CERT_ASSESSORS, deny=404),
    "certificates:checklist-mark":    rule(CERT_ASSESSORS, POST, "fragment", deny=404),
    "certificates:decision":          rule(CERT_ASSESSORS, GET_POST, deny=404),
    "certificates:decision-sign":     rule(CERT_ASSESSORS, POST, "action", deny=404),
    "certificates:reassessment":      rule(CERT_ASSESSORS, POST, "action", deny=404),
    "certificates:practical-diff":    rule(CERT_STAFF, deny=404),
    "certificates:evidence-download": rule({**CERT_STAFF, AUTHENTICATED: OWN}, GET, "file",
                                           note="own, or staff of the batch's dinas"),
    "certificates:evidence-books-read": rule({(TRAINER, ASSESSOR): OWN_REGION}, deny=404,
                                           note="the batch's own assessors/trainers; read only"),
    "certificates:appeal-decide":     rule(CERT_ORGANISERS, POST, "action", deny=404),
    "certificates:application":       rule(SIGNED_IN, note="own application"),
    "certificates:self-assessment":   rule(SIGNED_IN, POST, "action"),
    "certificates:evidence-upload":   rule(SIGNED_IN, POST, "action"),
    "certificates:evidence-books":    rule(SIGNED_IN, POST, "action",
                                           note="own application; an office in that coop"),
    "certificates:application-resubmit": rule(SIGNED_IN, POST, "action"),
    "certificates:appeal-file":       rule(SIGNED_IN, POST, "action"),
    "certificates:practical":         rule(SIGNED_IN, GET_POST, note="own practical case"),
    "certificates:practical-entry-delete": rule(SIGNED_IN, POST, "fragment"),
    "certificates:practical-submit":  rule(SIGNED_IN, POST, "action"),
    "certificates:external-list":     rule(CERT_STAFF, deny=404),
    # The lists behind the dinas overview's certification numbers (certificates/district.py).
    "certificates:district-batches":  rule(DISTRICT, deny=404),
    "certificates:district-issued":   rule(DISTRICT, deny=404, note="minors' names masked"),
    "certificates:district-external": rule(DISTRICT, deny=404),
    "certificates:external-create":   rule(CERT_ORGANISERS, GET_POST, deny=404),
    "certificates:external-scan":     rule(CERT_STAFF, GET, "file", deny=404),
    "certificates:openbadge-download": rule(CERT_VIEWERS, GET, "file", note="may_view_certificate"),
    "certificates:openbadge-linkedin": rule(CERT_VIEWERS, GET, "action", note="who may see it"),
    # Lifecycle (certificates/views/lifecycle.py, holder.py): organisers revoke and re-issue;
    # holders see, download and e-mail their own; a minor's course certificate is also seen
    # by the guardian and the class teacher only (issuance/selectors.may_view_certificate).
    "certificates:issued-detail":     rule(CERT_ORGANISERS, GET, deny=404),
    "certificates:issued-revoke":     rule(CERT_ORGANISERS, POST, "action", deny=404),
    "certificates:issued-reissue":    rule(CERT_ORGANISERS, POST, "action", deny=404),
    "certificates:issued-pdf":        rule(CERT_VIEWERS, GET, "pdf", note="may_view_certificate"),
    "certificates:issued-email":      rule(SIGNED_IN, POST, "action", note="holder's own address"),
    "certificates:my-certificates":   rule(SIGNED_IN),
    "certificates:course-certificate-request": rule({STUDENT: OWN}, POST, "action"),

    # Public verification (/v/, certificates/verify_urls.py): anonymous, the same for everyone.
    # The offline verifier: its page, service worker, key set and signed status lists.
    "verify:offline":                 rule(EVERYONE, GET, note="offline verifier page"),
    "verify:service-worker":          rule(EVERYONE, GET, "file", note="scope /v/"),
    "verify:jwks":                    rule(EVERYONE, GET, "json", note="public keys"),
    "verify:status-list":             rule(EVERYONE, GET, "file", note="application/vc+jwt"),
    "verify:issuer":                  rule(EVERYONE, GET, "json", note="issuer Profile"),

    # Privacy (UU PDP): export and erasure of one person's data, the access log. The views
    # decide whom the user may act for: themselves (adults), their wards, their school's students.
    "privacy:home":                   rule(SIGNED_IN),
    "privacy:person":                 rule(PERSONAL_DATA, note="self (adult), ward, pupil"),
    "privacy:export-request":         rule(PERSONAL_DATA, POST, "action"),
    "privacy:export-status":          rule(SIGNED_IN, GET, "fragment", note="own request"),
    "privacy:export-download":        rule(SIGNED_IN, GET, "file", note="own request"),
    "privacy:erase":                  rule(TEACHERS, GET_POST),
    "privacy:access-log":             rule(TEACHERS),

    # Schools: classrooms, rosters, login cards, consent (teachers of the school)
    "schools:classroom-list":         rule(TEACHERS),
    "schools:classroom-create":       rule(TEACHERS, GET_POST),
    "schools:classroom-detail":       rule(TEACHERS, note="htmx: #student-table search"),
    "schools:login-cards-request":    rule(TEACHERS, POST, "fragment"),
    "schools:login-cards-status":     rule({TEACHER: OWN}, GET, "fragment", note="own batch"),
    "schools:login-cards-download":   rule({TEACHER: OWN}, GET, "pdf", note="own batch"),
    "schools:roster-import":          rule(TEACHERS, GET_POST),
    "schools:student-password-reset": rule(TEACHERS, POST, "fragment"),
    "schools:student-consent":        rule(TEACHERS, GET_POST),

    # The district office (dinas): the overview of its kabupaten or province (lms/district.py),
    # the cooperative list, export and profiles; other regions' cooperatives answer 404.
    "schools:district-overview":      rule(DISTRICT, note="own kabupaten or province"),
    "schools:district-refresh":       rule(DISTRICT, POST, "action"),
    "schools:district-schools":       rule(DISTRICT, note="htmx: #district-table filters"),
    "courses:district-completion":    rule(DISTRICT, note="counts only, no student names"),
    "schools:district-report":        rule(DISTRICT, POST, "fragment"),
    "schools:district-report-status": rule({DINAS: OWN}, GET, "fragment", note="own report"),
    "schools:district-report-download": rule({DINAS: OWN}, GET, "pdf", note="own report"),
    "coop_district:list":             rule(DISTRICT, note="htmx: #coop-table filters"),
    "coop_district:export":           rule(DISTRICT, GET, "export"),
    "coop_district:profile":          rule(DISTRICT),

    # Learning: the student's side (own attempts), search over published content
    "courses:my-learning":            rule(SIGNED_IN),
    "courses:search":                 rule({AUTHENTICATED: PUBLIC}, note="htmx: #search-results"),
    "courses:attempt-start":          rule({STUDENT: OWN}, POST, "fragment"),
    "courses:lesson-done":            rule({STUDENT: OWN}, POST, "fragment"),
    "courses:attempt-detail":         rule({STUDENT: OWN}, GET, "fragment"),
    "courses:answer-save":            rule({STUDENT: OWN}, POST, "fragment"),
    "courses:attempt-submit":         rule({STUDENT: OWN}, POST, "fragment"),
    "courses:assignment":             rule({STUDENT: OWN}, GET_POST, note="own or own team's work"),
    "courses:assignment-file":        rule({STUDENT: OWN, TEACHER: OWN_SCHOOL, GUARDIAN: OWN_CHILD},
                                           GET, "file", note="a hand-in file: private storage"),
    "courses:worksheet-save":         rule({STUDENT: OWN}, POST, "fragment",
                                           note="own or own team's worksheet; htmx"),
    "courses:worksheet-pdf":          rule({STUDENT: OWN, TEACHER: OWN_SCHOOL}, GET, "pdf",
                                           note="own/team's worksheet; teachers of the school"),
    "courses:submission-pdf":         rule({STUDENT: OWN, TEACHER: OWN_SCHOOL, GUARDIAN: OWN_CHILD},
                                           GET, "pdf", note="a handed-in worksheet snapshot"),
    # Learning: the teacher's side (classrooms of the teacher's school)
    "courses:teacher-classroom-list": rule(TEACHERS),
    "courses:classroom-courses":      rule(TEACHERS, GET_POST),
    "courses:progress-grid":          rule(TEACHERS),
    "courses:progress-export":        rule(TEACHERS, GET, "export"),
    "courses:question-stats":         rule(TEACHERS),
    "courses:student-detail":         rule(TEACHERS),
    "courses:teacher-attempt":        rule(TEACHERS),
    "courses:assignment-submissions": rule(TEACHERS),
    "courses:assignment-grade":       rule(TEACHERS, GET_POST, note="any teacher of the school"),
    "courses:assignment-override":    rule(TEACHERS, POST, "fragment", note="htmx: #override"),
    "courses:assignment-teams":       rule(TEACHERS, GET_POST),
    "courses:approved-plans":         rule(TEACHERS, note="read-only, approved business plans"),

    # Cooperatives: lists and the member's own portal
    "school_coops:cooperative-list":  rule(SIGNED_IN, note="coops the user supervises or serves"),
    "school_coops:cooperative-create": rule(TEACHERS, GET_POST),
    "school_coops:portal":            rule(SIGNED_IN, note="own and wards' memberships"),
    "school_coops:dashboard":         rule(COOP_VIEW),
    # Members and savings
    "school_coops:membership-apply":  rule({STUDENT: OWN_SCHOOL}, POST, "action"),
    "school_coops:membership-list":   rule(COOP_BOOKS, note="htmx: member table search"),
    "school_coops:membership-export": rule(COOP_BOOKS, GET, "export"),
    "school_coops:membership-register": rule(COOP_RECORD, GET_POST),
    "school_coops:member-cards":      rule(COOP_BOOKS, POST, "fragment"),
    "school_coops:member-cards-status": rule({PEMBINA: OWN, PENGURUS: OWN}, GET, "fragment",
                                             note="own batch"),
    "school_coops:member-cards-download": rule({PEMBINA: OWN, PENGURUS: OWN}, GET, "pdf",
                                               note="own batch"),
    "school_coops:membership-detail": rule(MONEY_OF_MEMBER),
    "school_coops:savings-deposit":   rule(COOP_RECORD, POST, "action"),
    "school_coops:savings-withdraw":  rule(COOP_RECORD, POST, "action"),
    "school_coops:wajib-pay":         rule(COOP_RECORD, POST, "action"),
    "school_coops:member-purchase":   rule(COOP_RECORD, POST, "action"),
    "school_coops:membership-end":    rule(COOP_RECORD, GET_POST, note="GET: the confirmation"),
    "school_coops:membership-payout": rule(COOP_RECORD, POST, "action"),
    "school_coops:membership-decide": rule(COOP_RECORD, POST, "action"),
    "school_coops:position-assign":   rule(COOP_SUPERVISE, POST, "action"),
    # Governance
    "school_coops:recognition":       rule(COOP_SUPERVISE, GET_POST, note="submit for pengukuhan"),
    "school_coops:pendataan":         rule(COOP_SUPERVISE, GET_POST, note="annual data collection"),
    "school_coops:recognition-queue": rule({DINAS: OWN_REGION}),
    "school_coops:recognition-review": rule({DINAS: OWN_REGION}, GET_POST),
    "school_coops:recognition-document": rule({DINAS: OWN_REGION}, GET, "pdf"),
    "school_coops:recognition-attachment": rule({DINAS: OWN_REGION}, GET, "file"),
    "school_coops:pendataan-district": rule({DINAS: OWN_REGION}),
    "school_coops:pendataan-remind":  rule({DINAS: OWN_REGION}, POST, "action"),
    "school_coops:pendataan-export":  rule({DINAS: OWN_REGION}, GET, "export"),
    "school_coops:rat-record":        rule(COOP_SUPERVISE, POST, "action"),
    "school_coops:health":            rule(COOP_HEALTH_VIEW, GET_POST, writers=COOP_HEALTH_ASSESS,
                                           note="the dinas fills or confirms as supervisor"),
    "school_coops:supervisor-add":    rule(COOP_SUPERVISE, POST, "action"),
    # The RAT meeting: the guru pembina runs it; a member sees only their own invitation and
    # ballot (the invitation's pk; another member's answers 404).
    "school_coops:rat-list":          rule(COOP_SUPERVISE, GET_POST, note="schedule a RAT"),
    "school_coops:rat-meeting":       rule(COOP_SUPERVISE, GET_POST, note="htmx: #rat-body"),
    "school_coops:rat-results":       rule(COOP_SUPERVISE, GET, "fragment", note="polled"),
    "school_coops:rat-ballot-codes":  rule(COOP_SUPERVISE, POST, note="printable, shown once"),
    "school_coops:rat-invitations":   rule(COOP_SUPERVISE, note="printable, all members"),
    "school_coops:rat-minutes-pdf":   rule(COOP_SUPERVISE, GET, "pdf"),
    "school_coops:rat-pack-pdf":      rule(COOP_SUPERVISE, GET, "pdf"),
    "school_coops:rat-invitation":    rule({PEMBINA: OWN_COOP, MEMBER: OWN},
                                           note="own invitation, printable"),
    "school_coops:rat-vote":          rule({MEMBER: OWN}, GET_POST, note="own ballot"),
    "school_coops:bylaws":            rule(COOP_VIEW, GET_POST, writers=COOP_SUPERVISE),
    "school_coops:shu":               rule(COOP_BOOKS, GET_POST, writers=COOP_RECORD),
    "school_coops:shu-payout":        rule(COOP_RECORD, POST, "action"),
    "school_coops:shu-job-status":    rule(COOP_BOOKS, GET, "fragment",
                                           note="progress of a big SHU run"),
    "school_coops:shu-loss-charge":   rule(COOP_SUPERVISE, POST, "action"),
    # Books
    "school_coops:journal":           rule(COOP_BOOKS),
    "school_coops:cash-entry":        rule(COOP_RECORD, GET_POST),
    "school_coops:cash-preset":       rule(COOP_RECORD, POST, "fragment",
                                           note="preset cash entry; non-htmx: redirect"),
    "school_coops:wajib-arrears":     rule(COOP_RECORD, note="unpaid simpanan wajib, coop-wide"),
    "school_coops:wajib-arrears-pay": rule(COOP_RECORD, POST, "fragment", note="one-tap bayar"),
    "school_coops:graduation":        rule(COOP_SUPERVISE, GET_POST,
                                           note="end a class's memberships at once"),
    "school_coops:journal-entry":     rule(COOP_RECORD, GET_POST),
    "school_coops:journal-reverse":   rule(COOP_RECORD, POST, "action"),
    "school_coops:receipt":           rule(MONEY_OF_MEMBER, GET, "pdf",
                                           note="the member(s) the receipt names, or the books"),
    "school_coops:cash-book":         rule(COOP_BOOKS),
    "school_coops:ledger-index":      rule(COOP_VIEW, GET_POST, writers=COOP_SUPERVISE),
    "school_coops:ledger":            rule(COOP_BOOKS),
    "school_coops:trial-balance":     rule(COOP_VIEW),
    "school_coops:approved-plans":    rule(COOP_VIEW, note="the school's approved business plans"),
    "school_coops:my-consignments":   rule(SIGNED_IN, note="own consignor balances (own, team)"),
    "school_coops:periods":           rule(COOP_VIEW, GET_POST, writers=COOP_SUPERVISE),
    "school_coops:fiscal-year-reopen": rule(COOP_SUPERVISE, POST, "action"),
    "school_coops:financial-statements": rule(COOP_VIEW),
    "school_coops:financial-statements-pdf": rule(COOP_VIEW, GET, "pdf"),
    "school_coops:financial-statements-xlsx": rule(COOP_VIEW, GET, "export"),
    # Founding (a coop in its founding process)
    # Business units (canteen, shop): the counter, receipts, items, stock, daily close.
    "school_coops:business-units":    rule(COOP_SELL),
    "school_coops:unit-home":         rule(COOP_SELL, note="paginated receipts"),
    "school_coops:kasir":             rule(COOP_SELL, GET_POST, note="htmx: #kasir-form taps"),
    "school_coops:receipt-print":     rule(COOP_SELL, note="printable struk"),
    "school_coops:sale-return":       rule(COOP_SELL, GET_POST),
    "school_coops:unit-items":        rule(COOP_SELL, GET_POST),
    "school_coops:item-price":        rule(COOP_SELL, GET_POST),
    "school_coops:stock-purchase":    rule(COOP_SELL, GET_POST),
    "school_coops:consignment-in":    rule(COOP_SELL, GET_POST),
    "school_coops:consignor-list":    rule(COOP_SELL, note="what each consignor is owed"),
    "school_coops:consignor-payout":  rule(COOP_SELL, GET_POST, note="BKK; a double tap pays once"),
    "school_coops:unit-plans":        rule(COOP_SELL, note="approved student plans to register"),
    "school_coops:plan-register":     rule(COOP_SELL, POST, "action",
                                           note="a plan as consignment; idempotent"),
    "school_coops:stock-count":       rule(COOP_SELL, GET_POST),
    "school_coops:day-close":         rule(COOP_SELL, GET_POST, note="refused twice a day"),

    "school_coops:founding":          rule(FOUNDING),
    "school_coops:founding-step":     rule(FOUNDING, POST, "fragment"),
    "school_coops:founding-vote":     rule(FOUNDING, POST, "fragment"),
    "school_coops:founding-ballot":   rule(FOUNDING, GET_POST, note="own ballot, by code"),
    "school_coops:founding-ballot-codes": rule(COOP_SUPERVISE, POST, "fragment"),
    "school_coops:founding-approve":  rule(COOP_SUPERVISE, POST, "fragment"),
    "school_coops:founding-document": rule({**COOP_VIEW, STUDENT: OWN}, GET, "pdf",
                                           note="founding: pembina and initiators"),

    # Wagtail front end: pages apply their own view restrictions (e.g. lessons for students)
    "wagtail_serve":                  rule(EVERYONE, ANY_METHOD),
    "wagtailcore_login":              rule(EVERYONE, GET_POST),
    "wagtailcore_authenticate_with_password": rule(EVERYONE, GET_POST),
    # Wagtail documents: collection privacy is Wagtail's
    "wagtaildocs_serve":              rule(EVERYONE, GET, "file"),
    "wagtaildocs_authenticate_with_password": rule(EVERYONE, GET_POST),
    # Language switch
    "set_language":                   rule(EVERYONE, GET_POST, "action"),
    # Public entry points inside the admin prefixes (the groups below cover everything else)
    "wagtailadmin_login":             rule(EVERYONE, GET_POST),
    "wagtailadmin_logout":            rule(EVERYONE, GET_POST, "action"),
    "wagtailadmin_password_reset":    rule(EVERYONE, GET_POST),
    "wagtailadmin_password_reset_done": rule(EVERYONE),
    "wagtailadmin_password_reset_confirm": rule(EVERYONE, GET_POST),
    "wagtailadmin_password_reset_complete": rule(EVERYONE),
    "admin:login":                    rule(EVERYONE, GET_POST),
}

# Groups by path prefix, for URLs another package owns and guards (Wagtail admin, Django
# admin, DEBUG media). A row in POLICY wins over its group.
PREFIXES: dict[str, Rule] = {
    "/admin/":        rule({ADMIN_ACCESS: ADMIN}, ANY_METHOD, "admin",
                           login_url="wagtailadmin_login", deny=403,
                           note="Wagtail admin: its own group permissions apply"),
    "/django-admin/": rule({STAFF: ADMIN}, ANY_METHOD, "admin",
                           login_url="admin:login", deny=302,
                           note="Django admin: is_staff plus model permissions"),
    "/media/":        rule(EVERYONE, GET, "file", note="DEBUG only; public renditions"),
}
# fmt: on


def rule_for(url_name: str | None, path: str) -> Rule | None:
    """The row of a resolved URL: its name's row, else its path prefix group, else None."""
    if url_name and url_name in POLICY:
        return POLICY[url_name]
    for prefix, group in PREFIXES.items():
        if path.startswith(prefix):
            return group
    return None
