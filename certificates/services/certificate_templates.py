"""The dinas's certificate layouts (CertificateTemplate): create from the default, edit, upload
the signature and logo. Saving never touches an issued certificate: its PDF bytes were written
when it was issued; only certificates rendered afterwards use the new layout."""

from __future__ import annotations

import uuid
from typing import Any

from django.core.files.base import ContentFile
from django.db import IntegrityError, transaction
from django.utils.translation import gettext as _

from certificates.exceptions import CertificationError
from certificates.issuance.layout import (
    DEFAULT_CSS,
    DEFAULT_HTML,
    DEFAULT_SIGNATORY_NAME,
    DEFAULT_SIGNATORY_TITLE,
)
from certificates.issuance.sandbox import check_template
from certificates.models import CertificateTemplate, Scheme
from lms.accounts.models import User

COURSE_SERIES = "KS"
IMAGE_KINDS = ("png", "jpeg")  # what WeasyPrint embeds as is


def series_choices() -> list[tuple[str, str]]:
    """Blank (every scheme), KS (course certificates) and the codes of published schemes."""
    codes = Scheme.objects.filter(status="published").values_list("code", flat=True)
    choices = [("", _("Semua skema (bawaan dinas)")), (COURSE_SERIES, _("Sertifikat kursus (KS)"))]
    return choices + [(code, code) for code in sorted(set(codes)) if code != COURSE_SERIES]


@transaction.atomic
def certificate_template_create(
    *, region_id: int, series: str, by: User, region_ids: set[int]
) -> CertificateTemplate:
    """A new layout for a series, starting from the default one."""
    if region_id not in region_ids:
        raise CertificationError(_("Anda bukan staf dinas wilayah ini."))
    if series not in {value for value, _label in series_choices()}:
        raise CertificationError(_("Seri sertifikat tidak dikenal."))
    if CertificateTemplate.objects.filter(region_id=region_id, series=series).exists():
        raise CertificationError(_("Templat untuk seri ini sudah ada; ubah yang ada."))
    try:
        with transaction.atomic():
            return CertificateTemplate.objects.create(
                region_id=region_id,
                series=series,
                html=DEFAULT_HTML,
                css=DEFAULT_CSS,
                signatory_name=DEFAULT_SIGNATORY_NAME,
                signatory_title=DEFAULT_SIGNATORY_TITLE,
                updated_by=by,
            )
    except IntegrityError as exc:  # the same click twice, at once
        raise CertificationError(_("Templat untuk seri ini sudah ada; ubah yang ada.")) from exc


def _store(region_id: int, image: tuple[bytes, str]) -> str:
    from lms.storage import private_storage

    data, kind = image
    if kind not in IMAGE_KINDS:
        raise CertificationError(_("Tanda tangan dan logo harus berupa gambar PNG atau JPEG."))
    name = f"certificates/templates/{region_id}/{uuid.uuid4().hex}.{kind}"
    return str(private_storage.save(name, ContentFile(data)))


def certificate_template_save(
    *,
    template: CertificateTemplate,
    data: dict[str, Any],
    signature: tuple[bytes, str] | None = None,
    logo: tuple[bytes, str] | None = None,
    by: User,
) -> CertificateTemplate:
    """HTML, CSS and signatory (checked by the sandbox first), new images under fresh names.

    `data` holds html, css, signatory_name, signatory_title, remove_signature, remove_logo.
    Nothing is changed when a check fails."""
    check_template(data["html"], data.get("css", ""))
    stored: list[str] = []
    try:
        with transaction.atomic():
            row = CertificateTemplate.objects.select_for_update().get(pk=template.pk)
            row.html, row.css = data["html"], data.get("css", "")
            row.signatory_name = data["signatory_name"]
            row.signatory_title = data["signatory_title"]
            for field, image, remove in (
                ("signature_path", signature, data.get("remove_signature")),
                ("logo_path", logo, data.get("remove_logo")),
            ):
                if image is not None:
                    stored.append(_store(row.region_id, image))
                    setattr(row, field, stored[-1])
                elif remove:
                    setattr(row, field, "")
            row.updated_by = by
            row.save()
    except BaseException:
        _delete(stored)
        raise
    return row


def _delete(names: list[str]) -> None:
    from lms.storage import private_storage

    for name in names:
        private_storage.delete(name)
