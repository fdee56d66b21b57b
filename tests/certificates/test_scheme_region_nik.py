"""Schemes per dinas (another dinas's scheme answers 404 and cannot be changed) and the NIK
(validated; in full only for the candidate and the batch's trainers, masked elsewhere)."""

from __future__ import annotations

import pytest
from django.urls import reverse

from certificates.exceptions import CertificationError
from certificates.models import CompetencyUnit, Scheme
from certificates.scheme_data import units_csv
from certificates.services.schemes import scheme_create, scheme_publish, scheme_units_import
from certificates.validators import clean_nik, mask_nik
from tests.certificates.conftest import apply, make_batch

pytestmark = pytest.mark.django_db


@pytest.fixture
def own_scheme(trainer, region):
    return scheme_create(code="JBR", title="Skema Dinas Bogor", by=trainer, region=region)


def test_a_trainer_of_another_dinas_cannot_see_edit_or_import_into_a_scheme(
    own_scheme, other_trainer, client
):
    with pytest.raises(CertificationError, match="milik dinas lain"):
        scheme_units_import(
            scheme=own_scheme, data=units_csv(code="JBR"), filename="u.csv", by=other_trainer
        )
    with pytest.raises(CertificationError, match="milik dinas lain"):
        scheme_publish(scheme=own_scheme, by=other_trainer)
    assert not CompetencyUnit.objects.filter(scheme=own_scheme).exists()
    client.force_login(other_trainer)
    detail = reverse("certificates:scheme-detail", args=[own_scheme.pk])
    assert client.get(detail).status_code == 404
    assert client.post(detail, {}).status_code == 404
    for name in ("scheme-publish", "scheme-new-version"):
        assert client.post(reverse(f"certificates:{name}", args=[own_scheme.pk])).status_code == 404
    assert (
        "Skema Dinas Bogor" not in client.get(reverse("certificates:scheme-list")).content.decode()
    )
    own_scheme.refresh_from_db()
    assert own_scheme.status == "draft"
    assert Scheme.objects.filter(code="JBR").count() == 1


def test_the_owning_dinas_imports_and_publishes_and_a_shared_scheme_is_for_everyone(
    own_scheme, trainer, other_trainer, scheme
):
    rows, imported = scheme_units_import(
        scheme=own_scheme, data=units_csv(code="JBR"), filename="u.csv", by=trainer
    )
    assert imported == 8, [r.errors for r in rows]
    assert scheme_publish(scheme=own_scheme, by=trainer).is_published
    assert scheme.region is None  # the shared one: another dinas may make a new version
    from certificates.services.schemes import scheme_new_version

    assert scheme_new_version(scheme=scheme, by=other_trainer).version == 2


def test_a_scheme_of_another_dinas_cannot_be_created_nor_used_for_a_batch(
    own_scheme, trainer, other_trainer, other_region, region, assessor
):
    with pytest.raises(CertificationError, match="bukan pelatih"):
        scheme_create(code="XX", title="Lain", by=trainer, region=other_region)
    scheme_units_import(scheme=own_scheme, data=units_csv(code="JBR"), filename="u.csv")
    published = scheme_publish(scheme=own_scheme, by=trainer)
    with pytest.raises(CertificationError, match="milik dinas lain"):
        make_batch(other_region, published, other_trainer, [])


@pytest.mark.parametrize(
    ("value", "message"),
    [
        ("320101450190000", "tepat 16 angka"),
        ("32010145019000A1", "tepat 16 angka"),
        ("0101014501900001", "kode wilayah"),
        ("3200014501900001", "kode wilayah"),
        ("3201013213900001", "tanggal lahir"),
        ("3201017202900001", "tanggal lahir"),
        ("3201014501900000", "0000"),
    ],
)
def test_implausible_niks_are_refused(value, message):
    with pytest.raises(CertificationError, match=message):
        clean_nik(value)


def test_a_plausible_nik_is_cleaned_and_masked():
    assert clean_nik("3201 0145 0190 0001") == "3201014501900001"
    assert clean_nik("3201015501900001") == "3201015501900001"  # a woman: day + 40
    assert clean_nik("") == ""
    assert mask_nik("3201014501900001") == "3201********0001"


def test_the_nik_is_in_full_for_the_candidate_and_trainers_and_masked_for_the_assessor(
    batch, applicant, trainer, assessor, dinas_staff, client
):
    candidate = apply(batch, applicant, nik="3201014501900001")
    url = reverse("certificates:candidate-detail", args=[candidate.pk])
    client.force_login(trainer)
    assert "3201014501900001" in client.get(url).content.decode()
    for person in (assessor, dinas_staff):
        client.force_login(person)
        body = client.get(url).content.decode()
        assert "3201014501900001" not in body and "3201********0001" in body
    from certificates.selectors import nik_for

    assert nik_for(user=applicant, candidate=candidate) == "3201014501900001"


def test_a_bad_nik_on_apply_changes_nothing(batch, applicant):
    with pytest.raises(CertificationError, match="16 angka"):
        apply(batch, applicant, nik="123")
    assert not batch.candidates.exists()
