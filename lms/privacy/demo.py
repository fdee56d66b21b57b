"""Demo data: a few access-log rows, so the school admin's log and "who opened my data" show."""

from __future__ import annotations

from lms.accounts.models import User
from lms.privacy.models import AccessKind, AccessLog
from lms.privacy.services import access_record


def seed() -> list[str]:
    guru = User.objects.filter(username="guru").first()
    wali = User.objects.filter(username="wali").first()
    siswa = User.objects.filter(username="siswa").first()
    if guru is None or wali is None or siswa is None:
        return ["privacy: core demo missing; run the lms.accounts demo first"]
    # The log is append-only: seed it once, never again.
    if not AccessLog.objects.filter(accessor=guru, subject=siswa).exists():
        access_record(
            accessor=guru,
            subject_ids=[siswa.pk],
            kind=AccessKind.GRADES,
            url_name="courses:student-detail",
            path="/belajar/kelas/",
        )
        access_record(
            accessor=wali,
            subject_ids=[siswa.pk],
            kind=AccessKind.SAVINGS,
            url_name="school_coops:portal",
            path="/koperasi/saya/",
        )
    school = siswa.role_assignments.filter(school__isnull=False).first()
    where = f"/privasi/sekolah/{school.school_id}/log-akses/" if school else "/privasi/"
    return [
        f"Privasi: /privasi/ (ekspor data anak sebagai wali; log akses sekolah untuk guru: {where})"
    ]
