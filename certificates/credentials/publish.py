"""What the public verification endpoints publish: the signed status lists and the key set.

The status lists are read from `IssuedCertificate.status` on every request (one indexed
`values_list` query), so a revocation shows in the very next download: it is the same
transaction that changes the status. The signed token for a given set of indices is cached, so
its `validFrom` (the date the list last changed) and its ETag stay the same between requests.
"""

from __future__ import annotations

import hashlib
import json
from dataclasses import dataclass

from django.apps import apps
from django.core.cache import cache
from django.utils import timezone

from certificates.credentials import status_list
from certificates.credentials.keys import current_key_id, public_jwks


@dataclass(frozen=True)
class Published:
    body: str
    etag: str


def _indices(list_id: int) -> list[int]:
    from certificates.models import CertificateStatus

    model = apps.get_model("certificates", "IssuedCertificate")

    wanted = (
        [CertificateStatus.REVOKED, CertificateStatus.SUPERSEDED]
        if list_id == status_list.REVOCATION
        else [CertificateStatus.SUPERSEDED]
    )
    rows = model.objects.filter(status__in=wanted).values_list("status_index", flat=True)
    return sorted(int(i) for i in rows if i is not None)


def status_list_token(list_id: int) -> Published:
    """The VC-JOSE token (application/vc+jwt) of status list `list_id` (1 or 2)."""
    if list_id not in status_list.LIST_PURPOSE:
        raise KeyError(list_id)
    indices = _indices(list_id)
    # The public keys are in the digest, not only the key id: a folder whose key was replaced
    # under the same id must not serve a token that the new key cannot verify.
    digest = hashlib.sha256(
        json.dumps(
            [
                list_id,
                status_list.status_list_url(list_id),
                current_key_id(),
                public_jwks(),
                indices,
            ],
            sort_keys=True,
        ).encode()
    ).hexdigest()
    key = f"certificates:status-list:{digest}"
    token = cache.get(key)
    if token is None:
        credential = status_list.status_list_credential(list_id, indices, timezone.now())
        token = status_list.secure(credential)
        cache.set(key, token, timeout=7 * 24 * 3600)
    return Published(body=token, etag=_etag(token))


def jwks_document() -> Published:
    body = json.dumps(public_jwks(), separators=(",", ":"), sort_keys=True)
    return Published(body=body, etag=_etag(body))


def _etag(body: str) -> str:
    return '"' + hashlib.sha256(body.encode()).hexdigest()[:32] + '"'
