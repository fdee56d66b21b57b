"""Signed course certificates made outside the issuance pipeline, for the offline verifier's
checks: the browser test's command (cert_verifier_e2e) and the credential tests build theirs
here, so both sign the way the verifier reads (claims, JWS, key id) without a PDF render."""

from __future__ import annotations

from typing import Any

from certificates.credentials import current_key_id, sign
from certificates.issuance.claims import certificate_claims
from certificates.models import CertificateKind, IssuedCertificate
from courses.models import CourseCompletion


def signed_course_certificate(*, completion: CourseCompletion, **fields: Any) -> IssuedCertificate:
    """A course certificate for the completion's student, signed; `fields` are the rest of
    the row (region, number, status_index, status, issued_on, ...)."""
    holder = completion.student
    cert = IssuedCertificate.objects.create(
        kind=CertificateKind.COURSE,
        course_completion=completion,
        course=completion.course,
        holder=holder,
        holder_name=holder.full_name,
        **fields,
    )
    cert.signed_payload = sign(certificate_claims(cert))
    cert.key_id = current_key_id()
    cert.save(update_fields=["signed_payload", "key_id"])
    return cert
