"""Self-registration: an adult creates an account on a batch's public page and applies."""

from __future__ import annotations

import datetime
from typing import Any

from django.contrib.auth.password_validation import validate_password
from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from certificates.exceptions import CertificationError
from certificates.models import Batch, Candidate, Origin, Track
from certificates.services.batches import candidate_apply
from lms.accounts.models import User
from lms.schools.roster import username_error

ADULT_AGE = 17  # the age of a KTP (Indonesian identity card)


def _years_on(born: datetime.date, today: datetime.date) -> int:
    return today.year - born.year - ((today.month, today.day) < (born.month, born.day))


def _check_self_registration(
    *, username: str, birth_date: datetime.date, identity: dict[str, Any]
) -> None:
    """A well-formed username, an adult, and a phone number or an e-mail address to reach them."""
    if error := username_error(username):
        raise CertificationError(error)
    if _years_on(birth_date, timezone.localdate()) < ADULT_AGE:
        raise CertificationError(
            _(
                "Pendaftaran mandiri hanya untuk peserta dewasa (%(n)s tahun ke atas). Pelajar "
                "didaftarkan oleh pelatih atau gurunya."
            )
            % {"n": ADULT_AGE}
        )
    if not identity.get("phone") and not identity.get("email"):
        raise CertificationError(_("Isi nomor HP atau surel agar pelatih dapat menghubungi Anda."))


def _create_account(*, username: str, password: str, full_name: str, email: str) -> User:
    """The new user, saved, once the password passes the validators and the username is free."""
    user = User(username=username, full_name=full_name.strip(), email=email)
    try:
        validate_password(password, user)
    except ValidationError as exc:
        raise CertificationError(" ".join(exc.messages)) from None
    user.set_password(password)
    if User.objects.filter(username__iexact=username).exists():
        raise CertificationError(_("Username ini sudah dipakai. Pilih yang lain."))
    try:
        with transaction.atomic():
            user.save()
    except IntegrityError:  # the same username at the same moment
        raise CertificationError(_("Username ini sudah dipakai. Pilih yang lain.")) from None
    return user


@transaction.atomic
def candidate_register(
    *,
    batch: Batch,
    username: str,
    password: str,
    full_name: str,
    birth_date: datetime.date,
    cooperative_name: str,
    cooperative_role: str,
    **identity: Any,
) -> Candidate:
    """Create the account and the application together: a refused application (closed, full,
    bad identity) creates no account either."""
    username = username.strip().lower()
    _check_self_registration(username=username, birth_date=birth_date, identity=identity)
    user = _create_account(
        username=username,
        password=password,
        full_name=full_name,
        email=identity.get("email", ""),
    )
    identity.pop("track", None)
    return candidate_apply(
        batch=batch,
        user=user,
        full_name=full_name,
        birth_date=birth_date,
        cooperative_name=cooperative_name,
        cooperative_role=cooperative_role,
        track=Track.ADULT,
        origin=Origin.SELF_REGISTERED,
        **identity,
    )
