"""Open Badges 3.0: the credential's shape (checked from the spec's required fields), its
VC-JOSE signature and status entry, and who may download it."""

from __future__ import annotations

import datetime
import json
from urllib.parse import parse_qs, urlparse

from django.test import Client

from certificates.credentials import verify
from certificates.credentials.jws import b64decode
from certificates.credentials.openbadges import (
    linkedin_add_url,
    open_badge_credential,
    secured_open_badge,
)
from certificates.models import CertificateStatus
from lms.accounts.models import Role
from tests.factories import UserFactory, with_role


def test_the_credential_has_every_field_the_spec_requires(keys_dir, make_certificate):
    cert = make_certificate(5, valid_until=datetime.date(2029, 11, 20))
    credential = open_badge_credential(cert)
    # VC 2.0 + OB 3.0: contexts in this order, both types, id, issuer, validFrom, subject.
    assert credential["@context"] == [
        "https://www.w3.org/ns/credentials/v2",
        "https://purl.imsglobal.org/spec/ob/v3p0/context-3.0.3.json",
    ]
    assert credential["type"] == ["VerifiableCredential", "OpenBadgeCredential"]
    assert credential["id"].startswith("http") and cert.verify_token in credential["id"]
    issuer = credential["issuer"]
    assert issuer["type"] == ["Profile"] and issuer["id"].startswith("http")
    assert "Kabupaten Bogor" in issuer["name"]
    assert credential["validFrom"] == "2026-11-20T00:00:00Z"
    assert credential["validUntil"] == "2029-11-20T23:59:59Z"
    assert credential["name"]
    subject = credential["credentialSubject"]
    assert subject["type"] == ["AchievementSubject"]
    achievement = subject["achievement"]
    assert achievement["type"] == ["Achievement"]
    assert achievement["id"].startswith("http")
    assert achievement["name"] and achievement["description"]
    assert achievement["criteria"]["narrative"]
    status = credential["credentialStatus"]
    assert status["type"] == "BitstringStatusListEntry"
    assert status["statusPurpose"] == "revocation"
    assert status["statusListIndex"] == "5"
    assert status["statusListCredential"].endswith("/v/status/1")


def test_it_is_secured_as_vc_jose_with_the_certificate_key(keys_dir, make_certificate):
    cert = make_certificate(6)
    token = secured_open_badge(cert)
    header = json.loads(b64decode(token.split(".")[0]))
    assert header["alg"] == "EdDSA" and header["typ"] == "vc+jwt"
    assert header["kid"] == cert.key_id
    assert verify(token) == open_badge_credential(cert)


def test_the_linkedin_link_fills_in_the_certification_form(keys_dir, make_certificate):
    cert = make_certificate(7)
    url = urlparse(linkedin_add_url(cert))
    assert (url.scheme, url.netloc, url.path) == ("https", "www.linkedin.com", "/profile/add")
    query = {k: v[0] for k, v in parse_qs(url.query).items()}
    assert query["startTask"] == "CERTIFICATION_NAME"
    assert query["certId"] == cert.number and query["issueYear"] == "2026"
    assert cert.verify_token in query["certUrl"] and "Kabupaten Bogor" in query["organizationName"]


def test_a_course_certificate_goes_to_the_holder_and_guardian_others_get_404(
    keys_dir, make_certificate
):
    """A course certificate is a minor's (docs/privacy.md): the holder, the guardian and the
    class teacher only, not even the region's dinas (issuance/selectors.may_view_certificate)."""
    from lms.accounts.models import Guardianship

    cert = make_certificate(8)
    url = f"/sertifikat/terbit/{cert.pk}/open-badge.jwt"
    holder = Client()
    holder.force_login(cert.holder)
    response = holder.get(url)
    assert response.status_code == 200
    assert response["Content-Type"] == "application/vc+jwt"
    assert verify(response.content.decode())["credentialStatus"]["statusListIndex"] == "8"
    assert holder.get(f"/sertifikat/terbit/{cert.pk}/linkedin/").status_code == 302

    guardian = UserFactory()
    Guardianship.objects.create(guardian=guardian, student=cert.holder, relation="ibu")
    parent = Client()
    parent.force_login(guardian)
    assert parent.get(url).status_code == 200
    dinas = with_role(UserFactory(), Role.DINAS, region=cert.region)
    for stranger in (
        UserFactory(),
        with_role(UserFactory(), Role.TRAINER, region=cert.region),
        dinas,
    ):
        client = Client()
        client.force_login(stranger)
        assert client.get(url).status_code == 404
        assert client.get(f"/sertifikat/terbit/{cert.pk}/linkedin/").status_code == 404
    anonymous = Client().get(url)
    assert anonymous.status_code == 302 and "/akun/masuk/" in anonymous["Location"]


def test_a_pending_certificate_has_no_badge(keys_dir, make_certificate):
    cert = make_certificate(9, CertificateStatus.PENDING)
    client = Client()
    client.force_login(cert.holder)
    assert client.get(f"/sertifikat/terbit/{cert.pk}/open-badge.jwt").status_code == 404
