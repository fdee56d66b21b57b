"""AD/ART versions and the RAT record with junk, twice, other cooperatives and wrong roles."""

import datetime

import pytest
from django.urls import reverse

from school_coops.models import BylawVersion, RatRecord, ShuAllocation
from tests.school_coops import test_shu
from tests.school_coops.conftest import FOUNDED
from tests.school_coops.roles import refused_people
from tests.school_coops.test_bylaw_screens import _split, _version_post

pytestmark = pytest.mark.django_db
old_coop = test_shu.old_coop  # founded 6 January 2025: tahun buku 2025 has ended


def _bylaws():
    return BylawVersion.objects.count(), ShuAllocation.objects.count()


def _messages(response):
    return " ".join(str(m) for m in response.context["messages"])


@pytest.mark.parametrize(
    ("extra", "message"),
    [
        ({"effective_from": "abc"}, "Masukkan tanggal yang valid"),
        ({"effective_from": "2026-02-30"}, "Masukkan tanggal yang valid"),
        ({"effective_from": ""}, "harus diisi"),
        ({"effective_from": "9999-12-31"}, "paling lambat satu tahun dari hari ini"),
        ({"simpanan_pokok": "-10000"}, "tidak boleh negatif"),
        ({"simpanan_pokok": "sepuluh ribu"}, "tanpa huruf"),
        ({"simpanan_pokok": "1000000000001"}, "terlalu besar"),
        ({"simpanan_wajib": ""}, "harus diisi"),
        ({"term_years": "abc"}, "Masukkan keseluruhan angka bilangan"),
        ({"term_years": "6"}, "lebih kecil dari atau sama dengan 5"),
        ({"term_years": "1.5"}, "Masukkan keseluruhan angka bilangan"),
        ({"quorum_percent": "101"}, "lebih kecil dari atau sama dengan 100"),
        ({"quorum_percent": "-1"}, "lebih besar dari atau sama dengan 1"),
        ({"membership_categories": ["alien"]}, "alien bukan salah satu dari pilihan"),
        ({"membership_categories": []}, "harus diisi"),
        ({"rounding_rule": "bulat_atas"}, "bulat_atas bukan salah satu dari pilihan"),
        ({"rounding_rule": ""}, "harus diisi"),
        ({"ad_art_text": ""}, "harus diisi"),
        (_split(cadangan="-10", jasa_modal="60", jasa_usaha="50"), "lebih besar dari atau sama"),
        (_split(cadangan="abc", jasa_modal="100"), "Masukkan sebuah bilangan"),
        (_split(cadangan="NaN", jasa_modal="100"), "Masukkan sebuah bilangan"),
        (
            _split(cadangan="33.333", jasa_modal="66.667"),
            "tidak memiliki lebih dari 2 angka desimal",
        ),
        (_split(cadangan="1000", jasa_modal="-900"), "lebih kecil dari atau sama dengan 100"),
        (_split(cadangan="99.99"), "tepat 100%, bukan 99.99%"),
        (_split(), "tepat 100%, bukan 0%"),
    ],
)
def test_junk_versions_are_refused_with_an_indonesian_message(
    client, coop, teacher, extra, message
):
    client.force_login(teacher)
    before = _bylaws()
    response = _version_post(client, coop, **extra)
    assert response.status_code == 200
    assert message in response.content.decode()
    assert _bylaws() == before


def test_a_version_missing_every_field_is_refused(client, coop, teacher):
    client.force_login(teacher)
    before = _bylaws()
    response = client.post(reverse("school_coops:bylaws", args=[coop.slug]), {})
    assert response.status_code == 200 and "harus diisi" in response.content.decode()
    assert _bylaws() == before


def test_posting_the_same_version_twice_adds_it_once(client, coop, teacher):
    client.force_login(teacher)
    assert _version_post(client, coop).status_code == 302
    after_first = _bylaws()
    html = _version_post(client, coop).content.decode()
    assert "harus berlaku setelah 01-09-2026 (versi 2)" in html
    assert _bylaws() == after_first


def test_a_version_may_take_effect_within_a_year(client, coop, teacher):
    client.force_login(teacher)
    soon = FOUNDED + datetime.timedelta(days=300)
    assert _version_post(client, coop, effective_from=soon.isoformat()).status_code == 302


def test_wrong_roles_cannot_add_versions(client, coop, classroom, teacher, other_coop):
    people = refused_people(coop, classroom, teacher, FOUNDED)
    before = _bylaws()
    for who, user in people.items():
        client.force_login(user)
        assert _version_post(client, coop).status_code == 404, who
    # the guru pembina of this cooperative, on another cooperative's screen
    client.force_login(teacher)
    assert _version_post(client, other_coop).status_code == 404
    assert _bylaws() == before


# -- RAT record -----------------------------------------------------------------------------


def _rat(client, coop, **data):
    url = reverse("school_coops:rat-record", args=[coop.slug])
    return client.post(url, {"fiscal_year": "2025", "held_on": "2026-02-20", **data}, follow=True)


@pytest.mark.parametrize(
    ("data", "message"),
    [
        ({"fiscal_year": "abc"}, "Isi tahun buku dan tanggal RAT dengan benar"),
        ({"fiscal_year": "-2025"}, "Isi tahun buku dan tanggal RAT dengan benar"),
        ({"fiscal_year": "2025.5"}, "Isi tahun buku dan tanggal RAT dengan benar"),
        ({"fiscal_year": "99999999999999999999"}, "Isi tahun buku dan tanggal RAT dengan benar"),
        ({"fiscal_year": ""}, "Isi tahun buku dan tanggal RAT dengan benar"),
        ({"held_on": "kemarin"}, "Isi tahun buku dan tanggal RAT dengan benar"),
        ({"held_on": "2026-02-31"}, "Isi tahun buku dan tanggal RAT dengan benar"),
        ({"held_on": "2999-01-01"}, "tidak boleh di masa depan"),
        ({"held_on": "2025-12-31"}, "setelah tahun buku berakhir"),
        ({"fiscal_year": "2024", "held_on": "2025-03-01"}, "belum berdiri pada tahun buku 2024"),
        ({"fiscal_year": "2026"}, "setelah tahun buku berakhir"),
    ],
)
def test_junk_rat_records_are_refused_with_a_message(client, old_coop, teacher, data, message):
    client.force_login(teacher)
    response = _rat(client, old_coop, **data)
    assert message in _messages(response)
    assert not RatRecord.objects.exists()
    old_coop.refresh_from_db()
    assert old_coop.last_rat_on is None


def test_recording_the_same_rat_twice_keeps_one(client, old_coop, teacher):
    client.force_login(teacher)
    assert "RAT dicatat" in _messages(_rat(client, old_coop))
    assert "sudah dicatat" in _messages(_rat(client, old_coop, held_on="2026-03-01"))
    record = RatRecord.objects.get()
    assert record.held_on == datetime.date(2026, 2, 20) and not record.is_late


def test_wrong_roles_cannot_record_a_rat(client, old_coop, classroom, teacher, other_coop):
    people = refused_people(old_coop, classroom, teacher, None)
    url = reverse("school_coops:rat-record", args=[old_coop.slug])
    data = {"fiscal_year": "2025", "held_on": "2026-02-20"}
    for who, user in people.items():
        client.force_login(user)
        assert client.post(url, data).status_code == 404, who
    client.force_login(teacher)
    other = reverse("school_coops:rat-record", args=[other_coop.slug])
    assert client.post(other, data).status_code == 404
    assert client.get(url).status_code == 405
    assert not RatRecord.objects.exists()


@pytest.mark.postgres
@pytest.mark.django_db(transaction=True)
def test_two_supervisors_at_once_add_one_version_and_one_rat(old_coop, teacher):
    import threading

    from django.db import connection

    from school_coops.exceptions import CooperativeRuleError
    from school_coops.services.cooperative import bylaw_version_create, cooperative_rat_record

    split = {"cadangan": 40, "jasa_modal": 30, "jasa_usaha": 30}
    jobs = [
        lambda: bylaw_version_create(
            coop=old_coop,
            effective_from=datetime.date(2026, 3, 1),
            simpanan_pokok_amount=10000,
            simpanan_wajib_amount=2000,
            shu_allocation=split,
        ),
        lambda: cooperative_rat_record(
            coop=old_coop, fiscal_year=2025, held_on=datetime.date(2026, 2, 20), by=teacher
        ),
    ] * 3
    barrier, refused, errors = threading.Barrier(len(jobs)), [], []

    def run(job):
        try:
            barrier.wait()
            job()
        except CooperativeRuleError as exc:
            refused.append(str(exc))
        except Exception as exc:  # collected for the assertion
            errors.append(exc)
        finally:
            connection.close()

    threads = [threading.Thread(target=run, args=(job,)) for job in jobs]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert errors == [] and len(refused) == 4
    assert old_coop.bylaws.count() == 2 and RatRecord.objects.filter(coop=old_coop).count() == 1
