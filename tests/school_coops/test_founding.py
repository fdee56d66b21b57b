import datetime
from decimal import Decimal

import pytest
from django.urls import reverse
from django.utils import timezone

from school_coops.exceptions import CooperativeRuleError
from school_coops.models import FoundingStep, Membership, Position, SavingsKind
from school_coops.selectors import account_balance, savings_balances, trial_balance
from school_coops.services import founding as svc
from school_coops.services.cooperative import cooperative_create
from tests.factories import ClassroomFactory, make_student

pytestmark = pytest.mark.django_db


@pytest.fixture
def rintisan(school, teacher):
    return cooperative_create(school=school, name="Kopsis Baru", by=teacher)


@pytest.fixture
def students(school, classroom):
    other = ClassroomFactory(school=school, name="8B")
    return [make_student(classroom if i % 2 else other) for i in range(20)]


def _through_meeting(process, teacher, attendees):
    svc.founding_committee_save(
        process=process, committee="Ketua panitia: Bu Guru", initiators=[], by=teacher
    )
    svc.founding_step_approve(process=process, by=teacher)
    svc.founding_meeting_save(
        process=process,
        meeting_date=timezone.localdate(),
        meeting_place="Aula",
        agenda="",
        guests="Kepala sekolah",
        chair_name="A",
        secretary_name="B",
        attendees=attendees,
        by=teacher,
    )


def test_new_coop_is_rintisan_with_a_founding_process(rintisan):
    assert rintisan.status == "rintisan" and rintisan.founding.step == FoundingStep.COMMITTEE


def test_meeting_needs_twenty_students_and_two_per_class(rintisan, teacher, students, classroom):
    # docs/domain.md §9 case 22 (attendance part)
    process = rintisan.founding
    _through_meeting(process, teacher, students[:19])
    with pytest.raises(CooperativeRuleError, match="minimal 20"):
        svc.founding_step_approve(process=process, by=teacher)
    lopsided = [s for s in students if s.classrooms.filter(pk=classroom.pk).exists()]
    lopsided += [make_student(classroom) for _ in range(20 - len(lopsided))]
    svc.founding_meeting_save(
        process=process,
        meeting_date=timezone.localdate(),
        meeting_place="Aula",
        agenda="",
        guests="",
        chair_name="A",
        secretary_name="B",
        attendees=lopsided,
        by=teacher,
    )
    with pytest.raises(CooperativeRuleError, match="per kelas"):
        svc.founding_step_approve(process=process, by=teacher)


def test_only_the_supervising_teacher_approves(rintisan, students):
    with pytest.raises(CooperativeRuleError, match="guru pembina"):
        svc.founding_step_approve(process=rintisan.founding, by=students[0])


def test_full_founding_reaches_aktif_with_officers_members_and_opening_balance(
    rintisan, teacher, students
):
    # given the committee, the meeting and the AD/ART
    process = rintisan.founding
    _through_meeting(process, teacher, students)
    svc.founding_step_approve(process=process, by=teacher)
    template = svc.founding_initial_ad_art(coop=rintisan)
    assert "Rp 10.000" in template and "Bendahara tidak boleh merangkap pengawas" in template
    svc.founding_bylaws_save(
        process=process,
        simpanan_pokok_amount=5000,
        simpanan_wajib_amount=1000,
        term_years=1,
        quorum_percent=51,
        ad_art_text=template,
        by=teacher,
    )
    svc.founding_step_approve(process=process, by=teacher)
    # when 11 of 20 attendees vote (quorum 51 %)
    ketua, sekretaris, bendahara, pengawas = students[:4]
    for voter in students[:11]:
        svc.founding_vote_record(
            process=process,
            voter=voter,
            by=teacher,
            choices={
                "ketua": ketua,
                "sekretaris": sekretaris,
                "bendahara": bendahara,
                "pengawas": pengawas,
            },
        )
    with pytest.raises(CooperativeRuleError, match="satu suara"):
        svc.founding_vote_record(
            process=process, voter=students[0], by=teacher, choices={"ketua": students[5]}
        )
    svc.founding_step_approve(process=process, by=teacher)
    svc.founding_members_save(process=process, opening_grant=250000, by=teacher)
    svc.founding_step_approve(process=process, by=teacher)
    # then the coop awaits the dinas's recognition with 20 founders, officers and a balanced
    # opening balance (it is aktif only once dikukuhkan)
    rintisan.refresh_from_db()
    process.refresh_from_db()
    assert rintisan.status == "menunggu_pengukuhan" and process.step == FoundingStep.DONE
    assert rintisan.status_changes.get().to_status == "menunggu_pengukuhan"
    assert Membership.objects.filter(coop=rintisan, is_founder=True, status="aktif").count() == 20
    roles = dict(
        Position.objects.filter(coop=rintisan).values_list("role", "membership__member_id")
    )
    assert roles == {
        "ketua": ketua.pk,
        "sekretaris": sekretaris.pk,
        "bendahara": bendahara.pk,
        "pengawas": pengawas.pk,
    }
    member = Membership.objects.get(coop=rintisan, member=ketua)
    assert savings_balances(membership=member)[SavingsKind.POKOK] == Decimal(5000)
    cash = rintisan.accounts.get(code="1-1101")
    assert account_balance(account=cash) == Decimal(250000 + 20 * 5000)
    assert trial_balance(coop=rintisan)["balanced"]


def test_quorum_and_bendahara_pengawas_conflict_block_the_election(rintisan, teacher, students):
    # docs/domain.md §9 cases 23 and 25
    process = rintisan.founding
    _through_meeting(process, teacher, students)
    svc.founding_step_approve(process=process, by=teacher)
    svc.founding_bylaws_save(
        process=process,
        simpanan_pokok_amount=5000,
        simpanan_wajib_amount=1000,
        term_years=1,
        quorum_percent=51,
        ad_art_text="AD",
        by=teacher,
    )
    svc.founding_step_approve(process=process, by=teacher)
    same = students[2]
    for voter in students[:5]:
        svc.founding_vote_record(
            process=process,
            voter=voter,
            by=teacher,
            choices={
                "ketua": students[0],
                "sekretaris": students[1],
                "bendahara": same,
                "pengawas": same,
            },
        )
    problems = svc.election_result(process=process)["problems"]
    assert any("kuorum" in p for p in problems)
    assert any("Bendahara dan pengawas" in p for p in problems)
    with pytest.raises(CooperativeRuleError):
        svc.founding_step_approve(process=process, by=teacher)
    outsider = make_student(ClassroomFactory())
    with pytest.raises(CooperativeRuleError, match="peserta rapat"):
        svc.founding_vote_record(
            process=process, voter=outsider, by=teacher, choices={"ketua": students[0]}
        )


def test_founding_pages_and_documents(client, rintisan, teacher, students, outsider):
    process = rintisan.founding
    _through_meeting(process, teacher, students)
    client.force_login(teacher)
    url = reverse("school_coops:founding", args=[rintisan.slug])
    assert "Rapat pembentukan" in client.get(url).content.decode()
    html = client.post(
        reverse("school_coops:founding-approve", args=[rintisan.slug]),
        headers={"HX-Request": "true"},
    ).content.decode()
    assert 'id="founding-step"' in html and "AD/ART" in html
    for doc in ("berita-acara", "daftar-hadir", "ad-art", "pengurus"):
        response = client.get(reverse("school_coops:founding-document", args=[rintisan.slug, doc]))
        assert response.content[:4] == b"%PDF"
    client.force_login(outsider)
    assert client.get(url).status_code == 404


def test_existing_kopsis_is_registered_directly(school, teacher):
    coop = cooperative_create(
        school=school,
        name="Kopsis Lama",
        by=teacher,
        founded_on=datetime.date(2020, 1, 6),
        last_rat_on=datetime.date(2026, 3, 1),
        nomor_pengukuhan="14/SEK/35/III/88",
    )
    assert coop.status == "aktif" and not hasattr(coop, "founding_set")
    with pytest.raises(CooperativeRuleError, match="nomor badan hukum"):
        cooperative_create(
            school=school, name="Kopsis BH", by=teacher, legal_status="berbadan_hukum"
        )


def test_a_student_initiator_saves_a_step_but_only_the_teacher_approves(
    client, rintisan, teacher, students
):
    initiator = students[0]
    svc.founding_committee_save(
        process=rintisan.founding, committee="Panitia", initiators=[initiator], by=teacher
    )
    client.force_login(initiator)
    url = reverse("school_coops:founding-step", args=[rintisan.slug, FoundingStep.COMMITTEE])
    html = client.post(
        url,
        {"committee": "Panitia baru", "initiators": [initiator.pk]},
        headers={"HX-Request": "true"},
    ).content.decode()
    assert "Tersimpan" in html and "Menunggu persetujuan guru pembina" in html
    approve = reverse("school_coops:founding-approve", args=[rintisan.slug])
    assert client.post(approve).status_code == 404
    rintisan.founding.refresh_from_db()
    assert rintisan.founding.step == FoundingStep.COMMITTEE
    assert rintisan.founding.committee == "Panitia baru"


def test_attendance_minimum_and_inactivity_rule_come_from_settings(school, teacher, settings):
    settings.KOPSIS_FOUNDING_MIN_STUDENTS = 9
    settings.KOPSIS_INACTIVE_AFTER_MISSED_RAT_YEARS = 2
    coop = cooperative_create(school=school, name="Kopsis Kecil", by=teacher)
    assert coop.bylaws.get().founding_min_students == 9
    assert coop.inactive_after_missed_rat_years == 2
