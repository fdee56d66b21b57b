"""RAT screens: the guru pembina's meeting page (htmx), the member's own ballot and
invitation, the live results partial, and the minutes / RAT pack PDFs read back as text."""

from __future__ import annotations

import re
import subprocess
from decimal import Decimal

import pytest
from django.urls import reverse

from school_coops.models import MotionKind, RatMeeting, RatMotion, RatVote
from school_coops.services.rat import rat_motion_add, rat_motion_open
from tests.factories import SchoolFactory, make_student, make_teacher
from tests.programs import require_program
from tests.school_coops.test_rat import meeting, quorate  # noqa: F401
from tests.school_coops.test_shu import RAT_ON, closed_year, old_coop, trio  # noqa: F401

pytestmark = pytest.mark.django_db
HTMX = {"HTTP_HX_REQUEST": "true"}


def meeting_url(coop, name="school_coops:rat-meeting", year=2025):
    return reverse(name, args=[coop.slug, year])


def invitation_of(meeting, membership, name="school_coops:rat-invitation"):  # noqa: F811
    invitation = meeting.invitations.get(membership=membership)
    return reverse(name, args=[meeting.coop.slug, invitation.pk])


@pytest.fixture
def open_motion(quorate, teacher):  # noqa: F811
    motion = rat_motion_add(meeting=quorate, kind=MotionKind.SHU, title="SHU 2025", by=teacher)
    return rat_motion_open(motion=motion, minutes=10, by=teacher)


def pdf_text(content, tmp_path):
    pdftotext = require_program("pdftotext")  # fails when missing, never skips
    pdf = tmp_path / "rat.pdf"
    pdf.write_bytes(content)
    out = subprocess.run(
        [pdftotext, "-layout", str(pdf), "-"], capture_output=True, text=True, check=True
    )
    return re.sub(r"[ \t]+", " ", out.stdout)


def test_list_schedules_a_rat_and_flags_a_late_one(client, closed_year, teacher):  # noqa: F811
    client.force_login(teacher)
    url = reverse("school_coops:rat-list", args=[closed_year.slug])
    assert client.get(url).status_code == 200
    # 2025's deadline is 30 June 2026: 1 August is late
    response = client.post(url, {"fiscal_year": "2025", "scheduled_on": "2026-08-01"})
    assert response.status_code == 302 and response["Location"] == meeting_url(closed_year)
    page = client.get(url).content.decode()
    assert 'data-testid="rat-late"' in page and "30 Juni 2026" in page
    again = client.post(url, {"fiscal_year": "2025", "scheduled_on": "2026-08-02"})
    assert "RAT tahun buku 2025 sudah dijadwalkan." in again.content.decode()
    junk = client.post(url, {"fiscal_year": "dua", "scheduled_on": "kemarin"})
    assert "Isi tahun buku dan tanggal RAT dengan benar." in junk.content.decode()
    assert RatMeeting.objects.filter(coop=closed_year).count() == 1


def test_teacher_pages_are_404_for_members_and_other_schools(
    client,
    meeting,  # noqa: F811
    trio,  # noqa: F811
    teacher,
):
    other_teacher = make_teacher(SchoolFactory(), username="guru-lain")
    coop = meeting.coop
    names = [
        "school_coops:rat-meeting",
        "school_coops:rat-results",
        "school_coops:rat-invitations",
        "school_coops:rat-minutes-pdf",
        "school_coops:rat-pack-pdf",
    ]
    for user in (trio["ani"].member, other_teacher):
        client.force_login(user)
        assert client.get(reverse("school_coops:rat-list", args=[coop.slug])).status_code == 404
        for name in names:
            assert client.get(meeting_url(coop, name)).status_code == 404, name
    client.force_login(teacher)
    for name in names:
        assert client.get(meeting_url(coop, name)).status_code == 200, name
    assert client.get(meeting_url(coop, year=2019)).status_code == 404


def test_attendance_checklist_updates_the_quorum_count(client, meeting, trio, teacher):  # noqa: F811
    client.force_login(teacher)
    url = meeting_url(meeting.coop)
    response = client.post(url, {"action": "hadir", "hadir": [trio["ani"].pk]}, **HTMX)
    body = response.content.decode()
    assert body.lstrip().startswith('<div id="rat-body"')  # the partial only
    assert "Hadir 1 dari 3 anggota" in body and "Kuorum belum tercapai." in body
    body = client.post(url, {"action": "hadir", "hadir": [trio["budi"].pk]}, **HTMX).content
    assert "Hadir 2 dari 3 anggota" in body.decode() and "Kuorum tercapai." in body.decode()
    junk = client.post(url, {"action": "hadir", "hadir": ["x"]}, **HTMX).content.decode()
    assert "Pilih anggota yang hadir." in junk
    assert meeting.invitations.filter(attended_at__isnull=False).count() == 2


def test_teacher_adds_opens_and_decides_a_motion_with_live_results(
    client,
    quorate,  # noqa: F811
    trio,  # noqa: F811
    teacher,
):
    client.force_login(teacher)
    url = meeting_url(quorate.coop)
    client.post(url, {"action": "usulan", "kind": "lain", "title": "Rencana kerja 2026"}, **HTMX)
    motion = RatMotion.objects.get(meeting=quorate)
    bad = client.post(url, {"action": "buka", "motion": motion.pk, "minutes": "999"}, **HTMX)
    assert "Lama pemungutan suara 1 sampai 120 menit." in bad.content.decode()
    client.post(url, {"action": "buka", "motion": motion.pk, "minutes": "5"}, **HTMX)
    results = meeting_url(quorate.coop, "school_coops:rat-results")
    live = client.get(results).content.decode()
    assert 'hx-trigger="every 3s"' in live and "Setuju 0" in live
    # a paper vote the guru pembina records, then the member's own vote on their phone
    client.post(
        url,
        {"action": "suara", "motion": motion.pk, "voter": trio["ani"].pk, "choice": "setuju"},
        **HTMX,
    )
    client.force_login(trio["budi"].member)
    budi = invitation_of(quorate, trio["budi"], "school_coops:rat-vote")
    client.post(budi, {"motion": motion.pk, "choice": "tidak-setuju"})
    client.force_login(teacher)
    live = client.get(results).content.decode()
    assert "Setuju 2" not in live and "Setuju 1 · Tidak setuju 1 · Abstain 0" in live
    decided = client.post(url, {"action": "putuskan", "motion": motion.pk}, **HTMX)
    assert "Keputusan dicatat: Ditolak." in decided.content.decode()  # 1 against 1: no majority
    stopped = client.get(results).content.decode()
    assert "hx-trigger" not in stopped and 'data-polling="tidak"' in stopped
    assert "Setuju 1 · Tidak setuju 1 · Abstain 0" in stopped


def test_member_votes_once_from_their_own_account(client, open_motion, trio):  # noqa: F811
    rat = open_motion.meeting
    client.force_login(trio["ani"].member)
    url = invitation_of(rat, trio["ani"], "school_coops:rat-vote")
    page = client.get(url).content.decode()
    assert "SHU 2025" in page and 'value="setuju"' in page
    cast = client.post(url, {"motion": open_motion.pk, "choice": "setuju"}).content.decode()
    assert 'data-testid="vote-cast"' in cast and 'data-testid="already-voted"' in cast
    again = client.post(url, {"motion": open_motion.pk, "choice": "tidak-setuju"}).content
    assert "sudah memberikan suara untuk keputusan ini (satu anggota satu suara)" in again.decode()
    junk = client.post(url, {"motion": "abc", "choice": "setuju"}).content.decode()
    assert "Pilih keputusan dari RAT ini." in junk
    assert list(RatVote.objects.values_list("choice", flat=True)) == ["setuju"]


def test_vote_after_the_decision_is_refused(client, open_motion, trio, teacher):  # noqa: F811
    client.force_login(teacher)
    client.post(
        meeting_url(open_motion.meeting.coop), {"action": "putuskan", "motion": open_motion.pk}
    )
    client.force_login(trio["cici"].member)
    url = invitation_of(open_motion.meeting, trio["cici"], "school_coops:rat-vote")
    page = client.post(url, {"motion": open_motion.pk, "choice": "setuju"}).content.decode()
    assert "Pemungutan suara untuk keputusan ini sudah ditutup." in page
    assert not RatVote.objects.exists()


def test_others_cannot_open_a_members_ballot_or_invitation(
    client,
    open_motion,
    trio,  # noqa: F811
    teacher,
    classroom,
):
    rat = open_motion.meeting
    vote = invitation_of(rat, trio["ani"], "school_coops:rat-vote")
    invitation = invitation_of(rat, trio["ani"])
    non_member = make_student(classroom, username="bukan-anggota")
    for user in (trio["budi"].member, non_member):
        client.force_login(user)
        assert client.get(vote).status_code == 404
        assert client.post(vote, {"motion": open_motion.pk, "choice": "setuju"}).status_code == 404
        assert client.get(invitation).status_code == 404
    assert not RatVote.objects.exists()
    client.force_login(teacher)  # the guru pembina prints any invitation, but votes elsewhere
    assert client.get(invitation).status_code == 200
    assert client.get(vote).status_code == 404
    client.force_login(trio["ani"].member)
    page = client.get(invitation).content.decode()
    assert "Undangan Rapat Anggota Tahunan" in page and trio["ani"].member.full_name in page


def test_printable_list_has_every_invitation(client, meeting, trio, teacher):  # noqa: F811
    client.force_login(teacher)
    page = client.get(meeting_url(meeting.coop, "school_coops:rat-invitations")).content.decode()
    assert page.count('data-testid="invitation"') == 3
    for membership in trio.values():
        assert membership.member.full_name in page


def test_one_time_codes_are_printed_and_vote_once(client, open_motion, trio, teacher):  # noqa: F811
    client.force_login(teacher)
    rat = open_motion.meeting
    codes_url = meeting_url(rat.coop, "school_coops:rat-ballot-codes")
    page = client.post(codes_url, {"motion": open_motion.pk}).content.decode()
    codes = re.findall(r"<code>([^<]+)</code>", page)
    assert len(codes) == 3
    url = meeting_url(rat.coop)
    done = client.post(url, {"action": "kode", "code": codes[0], "choice": "setuju"}, **HTMX)
    assert "Suara dengan kode tercatat." in done.content.decode()
    again = client.post(url, {"action": "kode", "code": codes[0], "choice": "setuju"}, **HTMX)
    assert 'data-testid="rat-error"' in again.content.decode()
    assert RatVote.objects.count() == 1


def _held_rat(client, open_motion, trio, teacher):  # noqa: F811
    for membership in trio.values():
        client.force_login(membership.member)
        client.post(
            invitation_of(open_motion.meeting, membership, "school_coops:rat-vote"),
            {"motion": open_motion.pk, "choice": "setuju"},
        )
    client.force_login(teacher)
    url = meeting_url(open_motion.meeting.coop)
    client.post(url, {"action": "putuskan", "motion": open_motion.pk})
    client.post(
        url,
        {
            "action": "notulen",
            "minutes": "Rapat berjalan tertib dan lancar.",
            "chair_name": "Ani Ketua",
            "secretary_name": "Budi Notulis",
        },
    )
    closed = client.post(url, {"action": "tutup"}).content.decode()
    assert "RAT ditutup dan dicatat." in closed


def test_minutes_pdf_has_date_attendance_quorum_and_counts(
    client,
    open_motion,
    trio,  # noqa: F811
    teacher,
    tmp_path,
):
    _held_rat(client, open_motion, trio, teacher)
    response = client.get(meeting_url(open_motion.meeting.coop, "school_coops:rat-minutes-pdf"))
    assert response["Content-Type"] == "application/pdf"
    text = pdf_text(response.content, tmp_path)
    assert "Berita Acara dan Notulen Rapat Anggota Tahunan" in text
    assert f"{RAT_ON.day} Februari {RAT_ON.year}" in text  # the day it was held
    assert "Hadir 3 dari 3 anggota; kuorum 51% = 2 anggota." in text
    for membership in trio.values():
        assert membership.member.full_name in text
    assert re.search(r"SHU 2025 3 0 0 Disetujui", text)
    assert "Rapat berjalan tertib dan lancar." in text and "Budi Notulis" in text


def test_rat_pack_pdf_has_statements_shu_and_decisions(
    client,
    open_motion,
    trio,  # noqa: F811
    teacher,
    tmp_path,
):
    _held_rat(client, open_motion, trio, teacher)
    open_motion.refresh_from_db()
    response = client.get(meeting_url(open_motion.meeting.coop, "school_coops:rat-pack-pdf"))
    assert response["Content-Type"] == "application/pdf"
    text = pdf_text(response.content, tmp_path)
    for label in (
        "Paket Rapat Anggota Tahunan",
        "Pembukaan dan pemeriksaan kuorum",  # the agenda
        "Laporan Posisi Keuangan",
        "Laporan Perhitungan Hasil Usaha",
        "Laporan Arus Kas",
        "Pembagian SHU yang diputuskan",
        "Rapat berjalan tertib dan lancar.",
    ):
        assert label in text, label
    # closed_year: SHU 2025 = 600.000, the proposed split frozen in the motion adds up to
    # the member part, and the decision names its vote counts
    assert re.search(r"SHU tahun berjalan Rp 600\.000", text)
    assert "SHU: Rp 600.000" in text
    amounts = [row["amount"] for row in open_motion.shu_allocation]
    for amount in amounts:
        assert f"Rp {Decimal(amount):,.0f}".replace(",", ".") in text
    assert "SHU 2025 disetujui RAT (3 setuju, 0 tidak setuju, 0 abstain): SHU Rp 600.000." in text


def test_teacher_starts_a_scheduled_rat_and_junk_changes_nothing(
    client,
    closed_year,  # noqa: F811
    trio,  # noqa: F811
    teacher,
):
    from school_coops.services.rat import rat_meeting_schedule

    rat = rat_meeting_schedule(coop=closed_year, fiscal_year=2025, scheduled_on=RAT_ON, by=teacher)
    client.force_login(teacher)
    url = meeting_url(closed_year)
    for junk in ({"action": "hapus"}, {"action": "mulai", "held_on": "besok"}):
        page = client.post(url, junk, **HTMX).content.decode()
        assert 'data-testid="rat-error"' in page
    assert RatMeeting.objects.get(pk=rat.pk).status == "dijadwalkan"
    page = client.post(
        url, {"action": "mulai", "held_on": RAT_ON.isoformat(), "chair_name": "Ani"}, **HTMX
    ).content.decode()
    assert "RAT dimulai." in page and 'data-testid="rat-attendance-form"' in page
    rat.refresh_from_db()
    assert (rat.status, rat.held_on, rat.chair_name, rat.quorum_percent) == (
        "berlangsung",
        RAT_ON,
        "Ani",
        51,
    )


def test_the_member_dashboard_links_to_the_open_ballot(client, open_motion, trio):  # noqa: F811
    client.force_login(trio["ani"].member)
    page = client.get(reverse("accounts:dashboard")).content.decode()
    vote = invitation_of(open_motion.meeting, trio["ani"], "school_coops:rat-vote")
    assert f'href="{vote}" data-testid="rat-vote-link"' in page
    assert invitation_of(open_motion.meeting, trio["ani"]) in page
