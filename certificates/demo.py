"""Demo: the scheme "Juru Buku Koperasi", a finished batch confirmed by its pleno, a batch in
progress with candidates in every state, and recorded LSP certificates (one expired).

Idempotent: a batch whose name exists is left untouched. Uses the core demo's people
(`pelatih`, `asesor`, `dinas` in Kabupaten Muara Enim) and adds `asesor2` and candidates
`jurubuku01`…`jurubuku12` (password: the demo password).
"""

from __future__ import annotations

import copy
import datetime
from typing import Any

from django.utils import timezone

from lms.accounts.models import Role, RoleAssignment, User
from lms.demo import DEMO_PASSWORD, ensure_password

DONE_BATCH = "Angkatan I 2026 · Juru Buku Koperasi (selesai)"
LIVE_BATCH = "Angkatan II 2026 · Juru Buku Koperasi"
TRAINING_COURSE = "pembukuan-koperasi-juru-buku"  # courses/curriculum/juru_buku.py
CANDIDATES = [
    # username, name, cooperative, role, state in the live batch
    ("jurubuku01", "Sri Wahyuni", "KSP Sejahtera Bersama", "Juru buku", "submitted"),
    (
        "jurubuku02",
        "Andi Pratama",
        "Koperasi Desa Merah Putih Gunung Megang",
        "Bendahara",
        "returned",
    ),
    ("jurubuku03", "Yanti Lestari", "Koperasi Karyawan PTBA", "Juru buku", "rejected"),
    (
        "jurubuku04",
        "Bambang Sutrisno",
        "Koperasi Desa Merah Putih Tanjung Enim",
        "Juru buku",
        "accepted",
    ),
    ("jurubuku05", "Nur Aini", "KSP Mitra Usaha", "Kasir", "training"),
    ("jurubuku06", "Rudi Hartono", "Koperasi Tani Makmur", "Juru buku", "tested"),
    ("jurubuku07", "Lilis Suryani", "Koperasi Guru Bina Bangsa", "Juru buku", "graded"),
    (
        "jurubuku08",
        "Eko Saputro",
        "Koperasi Desa Merah Putih Lawang Kidul",
        "Juru buku",
        "decided_k",
    ),
    ("jurubuku09", "Dewi Anggraini", "KSP Harapan", "Juru buku", "decided_bk"),
    (
        "jurubuku10",
        "Fajar Ramadhan",
        "Koperasi Desa Merah Putih Muara Enim",
        "Juru buku",
        "appealed",
    ),
]
DONE_CANDIDATES = [
    ("jurubuku11", "Hj. Siti Maryam", "KSP Al-Ikhlas", "Juru buku", "K"),
    ("jurubuku12", "Wahyu Hidayat", "Koperasi Desa Merah Putih Ujan Mas", "Juru buku", "BK"),
    ("jurubuku13", "Ahmad Fauzi", "Koperasi Karyawan Pemkab Muara Enim", "Juru buku", "K"),
]
EXTERNAL = [
    ("Hj. Siti Maryam", "KSP Al-Ikhlas", "23700 2421 3 0000123 2022", 2022, 3),
    ("Suparman", "KSP Sumber Rejeki", "KJK.03.2023.000456", 2023, 3),
    ("Rohani", "Koperasi Wanita Melati", "LSPKN/JB/2024/0789", 2024, 2),
]


def _user(username: str, name: str) -> User:
    user, _created = User.objects.get_or_create(username=username, defaults={"full_name": name})
    ensure_password(user)
    return user


def _answer_key(case: Any, user: User, mutate: Any = None) -> None:
    from certificates.practical.services import SandboxLineInput, sandbox_entry_record

    for tx in case.case["transactions"]:
        lines = copy.deepcopy(tx["lines"])
        if mutate is not None:
            lines = mutate(tx["ref"], lines)
        if lines is None:
            continue
        sandbox_entry_record(
            case=case,
            by=user,
            date=datetime.date.fromisoformat(tx["date"]),
            memo=tx["text"][:60],
            transaction_ref=tx["ref"],
            lines=[SandboxLineInput(x["account"], x["side"], x["amount"]) for x in lines],
        )


def _some_mistakes(ref: str, lines: list[dict[str, Any]]) -> list[dict[str, Any]] | None:
    if ref == "BKT-08":  # debit and credit swapped
        for x in lines:
            x["side"] = "K" if x["side"] == "D" else "D"
    if ref == "BKT-10":  # office supplies recorded as an asset, not an expense
        for x in lines:
            x["account"] = "1-1601" if x["account"] == "6-1201" else x["account"]
    return None if ref == "BKT-12" else lines  # the last transaction forgotten


def _many_mistakes(ref: str, lines: list[dict[str, Any]]) -> list[dict[str, Any]] | None:
    if ref in {"BKT-05", "BKT-09", "BKT-11", "BKT-12"}:
        return None
    if ref in {"BKT-03", "BKT-07", "BKT-08"}:
        for x in lines:
            x["side"] = "K" if x["side"] == "D" else "D"
    return lines


def _decide(candidate: Any, assessor: User, bk: set[str]) -> Any:
    from certificates.services.decisions import decision_sign, unit_decision_record

    for unit in candidate.batch.scheme.units.all():
        result = "BK" if unit.code in bk else "K"
        unit_decision_record(
            candidate=candidate,
            unit_id=unit.pk,
            result=result,
            evidence="Studi kasus praktik, tes tulis dan observasi",
            comment="Perlu latihan jurnal penyesuaian" if unit.code in bk else "",
            by=assessor,
        )
    return decision_sign(candidate=candidate, by=assessor, comment="Asesmen di TUK dinas.")


def _advance(candidate: Any, user: User, state: str, trainer: User, assessor: User) -> None:
    from certificates.practical.services import (
        practical_case_grade,
        practical_case_open,
        practical_case_submit,
    )
    from certificates.services.batches import (
        candidate_review,
        candidate_training_done,
        candidate_written_record,
        self_assessment_save,
    )
    from certificates.services.decisions import appeal_file

    for unit in candidate.batch.scheme.units.all():
        self_assessment_save(
            candidate=candidate,
            unit_id=unit.pk,
            competent=unit.code != "JBK.07",
            note="Mengerjakan buku kas koperasi sejak 2023",
            by=user,
        )
    if state == "submitted":
        return
    if state == "returned":
        candidate_review(
            candidate=candidate,
            action="return",
            by=trainer,
            reason="Lampirkan surat tugas dari pengurus koperasi.",
        )
        return
    if state == "rejected":
        candidate_review(
            candidate=candidate,
            action="reject",
            by=trainer,
            reason="Pendaftar bukan pengelola koperasi di wilayah ini.",
        )
        return
    candidate_review(candidate=candidate, action="accept", by=trainer)
    if state == "accepted":
        return
    candidate_training_done(candidate=candidate, by=trainer)
    if state == "training":
        return
    candidate_written_record(
        candidate=candidate, score=62 if state == "decided_bk" else 84, by=trainer
    )
    case = practical_case_open(candidate=candidate, by=user)
    _answer_key(case, user, _many_mistakes if state == "decided_bk" else _some_mistakes)
    practical_case_submit(case=case, by=user)
    if state == "tested":
        return
    practical_case_grade(case_id=case.pk)
    if state == "graded":
        return
    bk = {"JBK.05", "JBK.07"} if state in ("decided_bk", "appealed") else set()
    decision = _decide(candidate, assessor, bk)
    if state == "appealed":
        appeal_file(
            decision=decision,
            by=user,
            reason="Neraca saldo saya seimbang; mohon bukti portofolio koperasi saya dinilai.",
        )


def _scheme(trainer: User) -> Any:
    from certificates.models import Scheme
    from certificates.scheme_data import SCHEME_CODE, SCHEME_TITLE, units_csv
    from certificates.services.schemes import scheme_create, scheme_publish, scheme_units_import

    scheme = Scheme.objects.filter(code=SCHEME_CODE, version=1).first()
    if scheme is None:
        scheme = scheme_create(
            code=SCHEME_CODE,
            title=SCHEME_TITLE,
            by=trainer,
            validity_years=3,
            description="Skema pelatihan dan uji kompetensi juru buku program Dinas Koperasi.",
        )
    if not scheme.is_published:
        scheme_units_import(scheme=scheme, data=units_csv(), filename="jbk.csv", replace=True)
        scheme = scheme_publish(scheme=scheme, by=trainer)
    return scheme


def _course() -> tuple[Any, Any]:
    from courses.models import CoursePage, LessonPage, Quiz

    # The training course written for the scheme's units (courses/curriculum/juru_buku.py);
    # its last lesson's quiz is the written test.
    course = CoursePage.objects.filter(slug=TRAINING_COURSE).first()
    quiz = None
    if course is not None:
        for lesson in LessonPage.objects.descendant_of(course).live().order_by("-path"):
            if lesson.quiz_id:
                quiz = Quiz.objects.filter(pk=lesson.quiz_id).first()
                break
    return course, quiz


def seed() -> list[str]:
    from certificates.models import Batch, ExternalCertificate
    from certificates.services.batches import batch_create, candidate_apply
    from certificates.services.decisions import pleno_confirm
    from certificates.services.external import external_certificate_record
    from lms.schools.models import Region

    region = Region.objects.filter(code="1603").first()
    trainer = User.objects.filter(username="pelatih").first()
    assessor = User.objects.filter(username="asesor").first()
    dinas = User.objects.filter(username="dinas").first()
    if not (region and trainer and assessor and dinas):
        return ["certificates: core demo missing; run the lms.accounts demo first"]
    assessor2 = _user("asesor2", "Drs. Samsul Bahri")
    RoleAssignment.objects.get_or_create(user=assessor2, role=Role.ASSESSOR, region=region)
    scheme = _scheme(trainer)
    course, quiz = _course()
    today = timezone.localdate()
    lines = [
        f"Sertifikasi juru buku: scheme {scheme} (/sertifikat/skema/{scheme.pk}/)",
    ]
    if not Batch.objects.filter(name=DONE_BATCH).exists():
        start = today - datetime.timedelta(days=40)
        done = batch_create(
            region=region,
            scheme=scheme,
            name=DONE_BATCH,
            start_date=start,
            end_date=start + datetime.timedelta(days=3),
            test_date=start + datetime.timedelta(days=4),
            venue="Aula Dinas Koperasi dan UKM Kabupaten Muara Enim",
            quota=25,
            by=trainer,
            assessors=[assessor, assessor2],
            course=course,
            written_quiz=quiz,
        )
        for username, name, coop, role, result in DONE_CANDIDATES:
            user = _user(username, name)
            candidate = candidate_apply(
                batch=done, user=user, full_name=name, cooperative_name=coop, cooperative_role=role
            )
            _advance(candidate, user, "graded", trainer, assessor)
            _decide(candidate, assessor, {"JBK.04", "JBK.05"} if result == "BK" else set())
        pleno_confirm(
            batch=done,
            by=dinas,
            held_on=start + datetime.timedelta(days=6),
            notes="Rapat pleno tim teknis dinas: keputusan asesor dikukuhkan.",
        )
    if not Batch.objects.filter(name=LIVE_BATCH).exists():
        start = today - datetime.timedelta(days=5)
        live = batch_create(
            region=region,
            scheme=scheme,
            name=LIVE_BATCH,
            start_date=start,
            end_date=start + datetime.timedelta(days=3),
            test_date=start + datetime.timedelta(days=4),
            venue="TUK SMK Negeri 1 Muara Enim",
            quota=30,
            by=trainer,
            assessors=[assessor],
            course=course,
            written_quiz=quiz,
        )
        for username, name, coop, role, state in CANDIDATES:
            user = _user(username, name)
            candidate = candidate_apply(
                batch=live, user=user, full_name=name, cooperative_name=coop, cooperative_role=role
            )
            _advance(candidate, user, state, trainer, assessor)
    for holder, coop, number, year, years in EXTERNAL:
        if not ExternalCertificate.objects.filter(number=number).exists():
            issued = datetime.date(year, 3, 15)
            external_certificate_record(
                region=region,
                by=dinas,
                holder_name=holder,
                cooperative_name=coop,
                number=number,
                issuer="LSP Koperasi Nusantara",
                scheme_name="Juru Buku KSP/USP",
                issued_on=issued,
                expires_on=issued.replace(year=year + years),
                verified=True,
            )
    lines += _issued_certificates(Batch.objects.get(name=DONE_BATCH), trainer)
    lines += _course_certificates()
    live = Batch.objects.get(name=LIVE_BATCH)
    lines += _seed_roster_and_registration(live, trainer)
    lines += _books_portfolio(live)
    lines += [
        f"  batch in progress: /sertifikat/angkatan/{live.pk}/ (pelatih, asesor, dinas)",
        "  candidates jurubuku01..jurubuku12, one per state "
        f"(password: {DEMO_PASSWORD}); LSP records: /sertifikat/eksternal/",
    ]
    return lines


BOOKS_CANDIDATE = "siswa"  # bendahara of the demo school cooperative (school_coops/demo.py)


def _books_portfolio(live: Any) -> list[str]:
    """The demo coop's treasurer applies (pelajar track) and attaches the last month's books."""
    from certificates.models import Evidence, Track
    from certificates.services.batches import candidate_apply, self_assessment_save
    from certificates.services.portfolio import books_evidence_attach
    from school_coops.demo import COOP_SLUG
    from school_coops.models import Cooperative

    coop = Cooperative.objects.filter(slug=COOP_SLUG).first()
    user = User.objects.filter(username=BOOKS_CANDIDATE).first()
    if coop is None or user is None:
        return ["  books portfolio: demo school cooperative missing"]
    candidate = live.candidates.filter(user=user).first()
    if candidate is None:
        candidate = candidate_apply(
            batch=live,
            user=user,
            full_name=user.full_name,
            cooperative=coop,
            cooperative_name="",
            cooperative_role="Bendahara",
            track=Track.STUDENT,
        )
    unit = live.scheme.units.order_by("order").first()
    evidence = Evidence.objects.filter(candidate=candidate, books_coop__isnull=False).first()
    if evidence is None:
        self_assessment_save(
            candidate=candidate,
            unit_id=unit.pk,
            competent=True,
            note="Buku kas dan jurnal koperasi sekolah yang saya kerjakan",
            by=user,
        )
        until = timezone.localdate()
        evidence = books_evidence_attach(
            candidate=candidate,
            coop_id=coop.pk,
            since=max(until - datetime.timedelta(days=30), coop.founded_on or until),
            until=until,
            by=user,
            unit_id=unit.pk,
        )
    return [
        f"  books portfolio: {BOOKS_CANDIDATE} (bendahara {coop.name}) in the live batch, "
        f"asesor reads /sertifikat/bukti/{evidence.pk}/pembukuan/"
    ]


ROSTER_CSV = (
    "nama,nik,hp,surel,koperasi,badan_hukum,jabatan,jalur\n"
    "Ratna Sari Dewi,1603014507880002,081377712345,,Koperasi Desa Merah Putih Tanjung Enim,"
    "AHU-0004512.AH.01.29.TAHUN 2025,Bendahara,dewasa\n"
    "Hendra Gunawan,,081377754321,hendra@example.id,KSP Lematang Jaya,"
    "AHU-0011873.AH.01.26.TAHUN 2019,Juru buku,dewasa\n"
)


def _seed_roster_and_registration(live: Any, trainer: User) -> list[str]:
    """Two candidates imported from a roster and one who registered on the public page."""
    from certificates.models import Origin
    from certificates.services.registration import candidate_register
    from certificates.services.roster import candidates_import

    if not live.candidates.filter(origin=Origin.IMPORTED).exists():
        result = candidates_import(
            batch=live, data=ROSTER_CSV.encode(), filename="peserta.csv", by=trainer
        )
        for candidate, _password in result.created:
            candidate.user.set_password(DEMO_PASSWORD)
            candidate.user.must_change_password = False
            candidate.user.save(update_fields=["password", "must_change_password"])
    if not User.objects.filter(username="jurubuku20").exists():
        candidate = candidate_register(
            batch=live,
            username="jurubuku20",
            password="Demo-Pembukuan-2026",  # noqa: S106 - replaced by the demo password below
            full_name="Agustina Putri",
            birth_date=datetime.date(1991, 8, 17),
            nik="1603015708910003",
            phone="081366601234",
            cooperative_name="Koperasi Konsumen Pegawai Pemkab Muara Enim",
            cooperative_legal_number="AHU-0002231.AH.01.29.TAHUN 2021",
            cooperative_role="Juru buku",
        )
        candidate.user.set_password(DEMO_PASSWORD)
        candidate.user.save(update_fields=["password"])
    imported = ", ".join(
        live.candidates.filter(origin=Origin.IMPORTED).values_list("user__username", flat=True)
    )
    return [
        f"  imported from a roster: {imported}; self-registered: jurubuku20 "
        f"(public page /sertifikat/angkatan/{live.pk}/pendaftaran/)",
    ]


def _demo_token(number: str) -> str:
    """Deterministic in the demo only, so README can name the QR URL (256 bits of a hash)."""
    import base64
    import hashlib

    digest = hashlib.sha256(f"kopsis-demo-certificate:{number}".encode()).digest()
    return base64.urlsafe_b64encode(digest).rstrip(b"=").decode()


def _issued_certificates(batch: Any, trainer: User) -> list[str]:
    """Issue the finished batch in-process (no worker needed), then revoke one certificate
    and re-issue the other after a name correction. Idempotent: skipped once issued."""
    from django.db import transaction

    from certificates.issuance.lifecycle import certificate_reissue, certificate_revoke
    from certificates.issuance.services import certificates_render, issuance_prepare
    from certificates.models import CertificateStatus, IssuanceRun, IssuedCertificate

    if not IssuedCertificate.objects.filter(batch=batch).exists():
        if not batch.trainers.filter(pk=trainer.pk).exists():
            batch.trainers.add(trainer)
        run = IssuanceRun.objects.create(
            kind="competency", batch=batch, region_id=batch.region_id, requested_by=trainer
        )
        issuance_prepare(run_id=run.pk, dispatch=False)
        for cert in IssuedCertificate.objects.filter(run=run):
            cert.verify_token = _demo_token(cert.number)
            cert.save(update_fields=["verify_token"])
        certificates_render(cert_ids=run.certificates.values_list("pk", flat=True))
        by_user = {c.holder.username: c for c in run.certificates.select_related("holder")}
        if "jurubuku13" in by_user:
            certificate_revoke(
                cert=by_user["jurubuku13"],
                by=trainer,
                reason="Bukti portofolio ternyata milik orang lain.",
            )
        if "jurubuku11" in by_user:
            with transaction.atomic():  # the render message leaves after the token is set
                new = certificate_reissue(
                    cert=by_user["jurubuku11"], by=trainer, holder_name="Hj. Siti Maryam Lubis"
                )
                IssuedCertificate.objects.filter(pk=new.pk).update(
                    verify_token=_demo_token(new.number)
                )
            certificates_render(cert_ids=[new.pk])
    lines = ["  issued certificates of the finished batch (open as anyone):"]
    for cert in IssuedCertificate.objects.filter(batch=batch).order_by("pk"):
        label = dict(CertificateStatus.choices).get(cert.status, cert.status)
        lines.append(f"    /v/{cert.verify_token}/  {cert.number} ({label})")
    return lines + _demo_bundle(batch, trainer)


COURSE_HOLDER, COURSE_ASKER = "siswa01", "siswa02"


def _complete_course(student: User, course: Any, guru: User) -> None:
    """Every lesson marked done through the real service (learning consent first)."""
    from courses.models import CourseCompletion, LessonPage
    from courses.services import lesson_mark_done
    from lms.accounts.models import ConsentPurpose
    from lms.accounts.selectors import consent_granted
    from lms.accounts.services import consent_record

    if not consent_granted(student=student, purpose=ConsentPurpose.LEARNING):
        consent_record(
            student=student,
            purposes=[ConsentPurpose.LEARNING],
            action="grant",
            guardian_name="Wali Demo",
            guardian_relation="ibu",
            method="paper",
            evidence="Formulir demo",
            by=guru,
        )
    for lesson in LessonPage.objects.descendant_of(course).live():
        lesson_mark_done(student=student, lesson=lesson)
    # Demo shortcut: the course also asks for its quizzes to be passed; replaying answer keys
    # here would only slow the seed, so the completion is recorded as the service would.
    CourseCompletion.objects.get_or_create(
        student=student,
        course=course,
        defaults={"completed_at": timezone.now(), "rule": course.completion_rule},
    )


def _course_certificates() -> list[str]:
    """siswa01 finished "Koperasi Sekolah untuk Pelajar" and holds its certificate (his class
    teacher `guru` sees it too); siswa02 finished it and may still press "Minta sertifikat"."""
    from django.conf import settings

    from certificates.issuance.services import (
        certificates_render,
        course_issuance_request,
        issuance_prepare,
    )
    from courses.models import CourseCompletion, CoursePage

    course = CoursePage.objects.filter(slug__in=settings.CERT_COURSE_SLUGS).first()
    guru = User.objects.filter(username="guru").first()
    holder = User.objects.filter(username=COURSE_HOLDER).first()
    asker = User.objects.filter(username=COURSE_ASKER).first()
    if not (course and guru and holder and asker):
        return []
    for student in (holder, asker):
        _complete_course(student, course, guru)
    completion = CourseCompletion.objects.filter(student=holder, course=course).first()
    if completion is None:
        return []
    run = course_issuance_request(completion=completion, by=holder)  # once: a second seed finds it
    issuance_prepare(run_id=run.pk, dispatch=False)
    certificates_render(cert_ids=run.certificates.values_list("pk", flat=True))
    return [
        f"  course certificate: {COURSE_HOLDER} holds one, {COURSE_ASKER} may ask for one "
        "on /sertifikat/saya/ (passwords demo-0001 / demo-0002, then a new one);",
        f"    guru (their class teacher) sees {COURSE_HOLDER}'s there too",
    ]


def _demo_bundle(batch: Any, trainer: User) -> list[str]:
    """A ready ZIP of the batch's live certificates, built in-process (no worker needed)."""
    from django.urls import reverse

    from certificates.issuance.bundles import certificate_bundle_build
    from certificates.models import BundleKind, CertificateBundle
    from lms.jobs import JobStatus

    kind = BundleKind.ZIP
    if not CertificateBundle.objects.filter(batch=batch, kind=kind, status=JobStatus.DONE):
        bundle = CertificateBundle.objects.create(batch=batch, kind=kind, requested_by=trainer)
        certificate_bundle_build(bundle_id=bundle.pk)
    page = reverse("certificates:issuance", args=[batch.pk])
    return [f"  bulk download (ZIP ready, merged PDF on request): {page}"]
