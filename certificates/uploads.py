"""Evidence uploads: only PDFs and images, checked by their content, size-limited."""

from __future__ import annotations

import io
import uuid

from django.conf import settings
from django.utils.translation import gettext as _

from certificates.exceptions import CertificationError

MAX_EVIDENCE_BYTES = getattr(settings, "CERT_EVIDENCE_MAX_BYTES", 5 * 1024 * 1024)
IMAGE_FORMATS = {
    "JPEG": ("image/jpeg", "jpg"),
    "PNG": ("image/png", "png"),
    "WEBP": ("image/webp", "webp"),
}


def sniff_evidence(data: bytes) -> tuple[str, str]:
    """(content type, extension) read from the bytes; the file name and browser type are
    ignored because both are chosen by the uploader. Raises CertificationError."""
    if not data:
        raise CertificationError(_("Berkas bukti kosong."))
    if len(data) > MAX_EVIDENCE_BYTES:
        raise CertificationError(
            _("Berkas bukti terlalu besar (maksimal %(mb)s MB).")
            % {"mb": MAX_EVIDENCE_BYTES // (1024 * 1024)}
        )
    if data.startswith(b"%PDF-"):
        if b"%%EOF" not in data[-2048:]:
            raise CertificationError(_("Berkas PDF rusak atau tidak lengkap."))
        return "application/pdf", "pdf"
    from PIL import Image, UnidentifiedImageError

    try:
        with Image.open(io.BytesIO(data)) as image:
            image_format = image.format
            image.verify()
    except (UnidentifiedImageError, OSError, SyntaxError, ValueError):
        image_format = None
    if image_format not in IMAGE_FORMATS:
        raise CertificationError(
            _("Bukti harus berupa PDF atau gambar (JPG, PNG, WEBP). Berkas ini bukan keduanya.")
        )
    return IMAGE_FORMATS[image_format]


def evidence_path(candidate_id: int, extension: str) -> str:
    return f"certificates/evidence/{candidate_id}/{uuid.uuid4().hex}.{extension}"
