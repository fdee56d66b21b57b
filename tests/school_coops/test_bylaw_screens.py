"""AD/ART: the SHU split in the founding step, new versions after a RAT, dates before any."""

import datetime
from decimal import Decimal

import pytest
from django.urls import reverse
from django.utils import timezone

from school_coops.exceptions import CooperativeRuleError
from school_coops.models import FoundingStep
from school_coops.selectors import bylaw_in_effect
from school_coops.services import founding as svc
from school_coops.services.cooperative import cooperative_create
from tests.school_coops.conftest import FOUNDED

pytestmark = pytest.mark.django_db

TEXTBOOK_105 = {
    "shu_cadangan": "40",
    "shu_jasa_modal": "20",
    "shu_jasa_usaha": "20",
    "shu_pengurus": "5",
    "shu_karyawan": "5",
    "shu_pendidikan": "5",
    "shu_sosial": "5",
    "shu_pembangunan": "5",
}


def _split(**percents: str) -> dict[str, str]:
    data = dict.fromkeys(TEXTBOOK_105, "0")
    data.update({f"shu_{k}": v for k, v in percents.items()})
    return data


@pytest.fixture
def at_bylaws_step(school, teacher):
    coop = cooperative_create(school=school, name="Kopsis AD", by=teacher)
    process = coop.founding
    process.step = FoundingStep.BYLAWS
    process.save()
    return coop


def _bylaws_post(client, coop, **extra):
    data = {
        "simpanan_pokok": "5000",
        "simpanan_wajib": "1000",
        "term_years": "1",
        "quorum_percent": "51",
        "membership_categories": ["siswa", "guru"],
        "ad_art_text": "Anggaran Dasar",
        **extra,
    }
    url = reverse("school_coops:founding-step", args=[coop.slug, FoundingStep.BYLAWS])
    return client.post(url, data, headers={"HX-Request": "true"}).content.decode()


def test_founding_ad_art_step_changes_the_shu_split(client, at_bylaws_step, teacher):
    client.force_login(teacher)
    html = _bylaws_post(
        client, at_bylaws_step, **_split(cadangan="40", jasa_modal="25", jasa_usaha="35")
    )
    assert "Tersimpan" in html
    bylaw = at_bylaws_step.bylaws.get()
    assert {a.bucket: a.percent for a in bylaw.shu_allocations.all()} == {
        "cadangan": Decimal(40),
        "jasa_modal": Decimal(25),
        "jasa_usaha": Decimal(35),
    }
    assert bylaw.membership_categories == ["siswa", "guru"]


def test_founding_ad_art_step_rejects_the_105_percent_template(client, at_bylaws_step, teacher):
    # docs/domain.md §9 case 1 through the screen: a clear message and nothing changes
    client.force_login(teacher)
    before = sorted(at_bylaws_step.bylaws.get().shu_allocations.values_list("bucket", "percent"))
    html = _bylaws_post(client, at_bylaws_step, **TEXTBOOK_105)
    assert "tepat 100%, bukan 105%" in html and "Tersimpan" not in html
    after = sorted(at_bylaws_step.bylaws.get().shu_allocations.values_list("bucket", "percent"))
    assert after == before and at_bylaws_step.bylaws.get().simpanan_pokok_amount == 10000


def test_a_missing_ad_art_blocks_approval(at_bylaws_step, teacher):
    # docs/domain.md §9 case 22 (AD/ART part)
    process = at_bylaws_step.founding
    bylaw = at_bylaws_step.bylaws.get()
    bylaw.ad_art_text = ""
    bylaw.save()
    with pytest.raises(CooperativeRuleError, match="AD/ART belum disusun"):
        svc.founding_step_approve(process=process, by=teacher)
    process.refresh_from_db()
    assert process.step == FoundingStep.BYLAWS


def _version_post(client, coop, **extra):
    data = {
        "effective_from": "2026-09-01",
        "simpanan_pokok": "10.000",
        "simpanan_wajib": "3.000",
        "term_years": "1",
        "quorum_percent": "60",
        "membership_categories": ["siswa"],
        "rounding_rule": "bulat_bawah",
        "nonmember_shu_to_reserve": "on",
        "ad_art_text": "AD/ART perubahan RAT 2026",
        **_split(cadangan="30", jasa_modal="30", jasa_usaha="30", pendidikan="10"),
        **extra,
    }
    return client.post(reverse("school_coops:bylaws", args=[coop.slug]), data)


def test_supervisor_adds_a_bylaw_version_that_takes_effect_on_its_date(
    client, coop, member, teacher
):
    client.force_login(teacher)
    response = _version_post(client, coop)
    assert response.status_code == 302
    new = coop.bylaws.get(version=2)
    assert new.simpanan_wajib_amount == 3000 and new.quorum_percent == 60
    assert new.rounding_rule == "bulat_bawah" and new.allocation_total() == 100
    assert bylaw_in_effect(coop=coop, day=datetime.date(2026, 8, 31)).version == 1
    assert bylaw_in_effect(coop=coop, day=datetime.date(2026, 9, 1)).version == 2
    html = client.get(reverse("school_coops:bylaws", args=[coop.slug])).content.decode()
    assert 'data-testid="bylaw-2"' in html and "Rp 3.000" in html


@pytest.mark.parametrize(
    ("extra", "message"),
    [
        (TEXTBOOK_105, "tepat 100%, bukan 105%"),
        ({"effective_from": FOUNDED.isoformat()}, "harus berlaku setelah"),
        ({"simpanan_wajib": "2,5"}, "rupiah utuh"),
        ({"quorum_percent": "0"}, "Pastikan nilai ini lebih besar dari atau sama dengan 1"),
    ],
)
def test_bad_bylaw_versions_are_refused_with_a_message(client, coop, teacher, extra, message):
    client.force_login(teacher)
    html = _version_post(client, coop, **extra).content.decode()
    assert message in html
    assert coop.bylaws.count() == 1


def test_only_the_supervisor_adds_versions(client, coop, treasurer):
    client.force_login(treasurer)
    url = reverse("school_coops:bylaws", args=[coop.slug])
    assert client.get(url).status_code == 200  # officers read the AD/ART
    assert _version_post(client, coop).status_code == 404
    assert coop.bylaws.count() == 1


def test_no_bylaw_is_in_effect_before_the_first_version(coop, member, teacher):
    with pytest.raises(CooperativeRuleError, match="belum ada AD/ART yang berlaku"):
        bylaw_in_effect(coop=coop, day=FOUNDED - datetime.timedelta(days=1))
    # a coop founded mid-month still owes wajib for its first month (the joining day counts)
    from school_coops.services.savings import savings_wajib_pay

    entry = savings_wajib_pay(membership=member, period=FOUNDED.replace(day=1), by=teacher)
    assert entry.lines.get(account__code="3-1201").amount == 2000
    # approving with a date before the AD/ART existed is refused with the reason
    from school_coops.services.members import membership_apply, membership_approve
    from tests.factories import make_student

    applicant = membership_apply(
        coop=coop,
        member=make_student(member.member.classrooms.first()),
        category="siswa",
        by=teacher,
    )
    with pytest.raises(CooperativeRuleError, match="versi pertama berlaku sejak 15-07-2026"):
        membership_approve(membership=applicant, by=teacher, date=datetime.date(2026, 7, 1))


def test_teachers_can_be_founding_members_when_the_ad_art_admits_them(school, teacher, classroom):
    from lms.accounts.models import Role
    from tests.factories import make_student, make_teacher

    coop = cooperative_create(school=school, name="Kopsis Guru", by=teacher)
    process = coop.founding
    students = [make_student(classroom) for _ in range(20)]
    colleague = make_teacher(school, username="guru-pendiri")
    svc.founding_committee_save(process=process, committee="Panitia", initiators=[], by=teacher)
    svc.founding_step_approve(process=process, by=teacher)
    svc.founding_meeting_save(
        process=process,
        meeting_date=timezone.localdate() - datetime.timedelta(days=20),
        meeting_place="Aula",
        agenda="",
        guests="",
        chair_name="A",
        secretary_name="B",
        attendees=students,
        by=teacher,
    )
    svc.founding_step_approve(process=process, by=teacher)
    svc.founding_bylaws_save(
        process=process,
        simpanan_pokok_amount=5000,
        simpanan_wajib_amount=1000,
        term_years=1,
        quorum_percent=51,
        ad_art_text="AD",
        by=teacher,
        membership_categories=["siswa"],
    )
    svc.founding_step_approve(process=process, by=teacher)
    for voter in students[:11]:
        svc.founding_vote_record(
            process=process,
            voter=voter,
            by=teacher,
            choices={r: students[i] for i, r in enumerate(svc.ELECTED_ROLES)},
        )
    svc.founding_step_approve(process=process, by=teacher)
    # a teacher is refused while the AD/ART admits students only
    with pytest.raises(CooperativeRuleError, match="kategori guru"):
        svc.founding_members_save(
            process=process, opening_grant=0, by=teacher, staff_founders=[colleague]
        )
    bylaw = coop.bylaws.get()
    bylaw.membership_categories = ["siswa", "guru"]
    bylaw.save()
    svc.founding_members_save(
        process=process, opening_grant=0, by=teacher, staff_founders=[colleague]
    )
    svc.founding_step_approve(process=process, by=teacher)
    coop.refresh_from_db()
    founders = coop.memberships.filter(is_founder=True)
    assert founders.count() == 21
    guru = founders.get(member=colleague)
    assert guru.category == "guru" and colleague.has_role(Role.TEACHER)
    # founders joined on the meeting day, so a month of dated transactions can follow
    assert guru.joined_on == coop.founded_on == timezone.localdate() - datetime.timedelta(days=20)


def test_documents_of_a_directly_registered_coop(client, coop, teacher, treasurer, member):
    client.force_login(teacher)
    for doc in ("ad-art", "pengurus"):
        response = client.get(reverse("school_coops:founding-document", args=[coop.slug, doc]))
        assert response.status_code == 200 and response.content[:4] == b"%PDF"
    response = client.get(
        reverse("school_coops:founding-document", args=[coop.slug, "berita-acara"])
    )
    html = response.content.decode()
    assert response.status_code == 200 and 'data-testid="document-unavailable"' in html
    assert "didaftarkan langsung" in html and "ad-art.pdf" in html
    # a plain member still sees nothing
    client.force_login(member.member)
    url = reverse("school_coops:founding-document", args=[coop.slug, "ad-art"])
    assert client.get(url).status_code == 404
