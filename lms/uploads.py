"""Uploaded images and documents: judged by their content, cleaned before they are stored.

Wagtail's image and document forms use these bases (`WAGTAILIMAGES_IMAGE_FORM_BASE`,
`WAGTAILDOCS_DOCUMENT_FORM_BASE`), so the admin's single and multiple upload, and the upload
tab of the choosers, all go through here. Any other project form taking an image uses
`SafeImageField`.

* The format comes from the first bytes (magic numbers), never from the file name: an SVG
  (it can carry script), HTML or an executable named `foto.png` is refused.
* Pillow's decompression-bomb guard (a 50,000 px PNG of a few hundred KB) is a form error,
  not a 500; so is anything above `WAGTAILIMAGES_MAX_IMAGE_PIXELS`.
* The stored original is re-encoded without EXIF (GPS position, camera serial), XMP, IPTC
  and text chunks; renditions are made from it, so they carry none either. The EXIF
  orientation is applied first so a portrait photo stays upright.
"""

from __future__ import annotations

import io
import os
import warnings
import zipfile
from typing import Any

import willow
from django import forms
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile, UploadedFile
from django.utils.translation import gettext_lazy as _
from PIL import Image, ImageOps
from wagtail.documents.forms import BaseDocumentForm
from wagtail.images.fields import WagtailImageField
from wagtail.images.forms import BaseImageForm

IMAGE_FORMATS = {"png": "PNG", "jpeg": "JPEG", "gif": "GIF", "webp": "WEBP", "avif": "AVIF"}


def sniff_image_format(head: bytes) -> str | None:
    """The image format the first bytes announce, or None (SVG, HTML, anything else)."""
    if head.startswith(b"\x89PNG\r\n\x1a\n"):
        return "png"
    if head.startswith(b"\xff\xd8\xff"):
        return "jpeg"
    if head[:6] in (b"GIF87a", b"GIF89a"):
        return "gif"
    if head[:4] == b"RIFF" and head[8:12] == b"WEBP":
        return "webp"
    if head[4:8] == b"ftyp" and head[8:12] in (b"avif", b"avis"):
        return "avif"
    return None


def _head(upload: Any, size: int = 64) -> bytes:
    upload.seek(0)
    head = upload.read(size)
    upload.seek(0)
    return head


def strip_image_metadata(data: bytes, image_format: str) -> bytes:
    """The same picture re-encoded without EXIF/XMP/IPTC/comments (the ICC colour profile stays)."""
    with warnings.catch_warnings():
        warnings.simplefilter("error", Image.DecompressionBombWarning)
        source: Image.Image = Image.open(io.BytesIO(data))
        source.load()
    pillow_format = IMAGE_FORMATS[image_format]
    options: dict[str, Any] = {}
    if source.info.get("icc_profile"):
        options["icc_profile"] = source.info["icc_profile"]
    if getattr(source, "is_animated", False):
        image = source
        options["save_all"] = True
        for key in ("duration", "loop", "disposal", "transparency", "background"):
            if key in source.info:
                options[key] = source.info[key]
    else:
        image = ImageOps.exif_transpose(source)
        if pillow_format == "JPEG":
            # Reusing the quantisation tables keeps an unrotated JPEG as sharp as it was.
            options.update({"quality": 90} if image is not source else {"quality": "keep"})
        elif pillow_format == "GIF" and "transparency" in source.info:
            options["transparency"] = source.info["transparency"]
    out = io.BytesIO()
    image.save(out, format=pillow_format, **options)
    return out.getvalue()


class SafeImageField(WagtailImageField):
    """Wagtail's image field, judging the format by content and storing a cleaned original."""

    def to_python(self, data: Any) -> Any:
        if data in self.empty_values or not hasattr(data, "read"):
            return super().to_python(data)
        image_format = sniff_image_format(_head(data))
        if image_format is None or image_format not in _allowed_formats():
            raise ValidationError(
                _(
                    "Berkas ini bukan gambar %(formats)s (dilihat dari isinya, bukan dari nama "
                    "berkasnya). Gambar SVG tidak diterima."
                )
                % {"formats": ", ".join(sorted({f.upper() for f in _allowed_formats()}))},
                code="invalid_image_content",
            )
        if self.max_upload_size is not None and data.size > self.max_upload_size:
            self.check_image_file_size(data)
        try:
            with warnings.catch_warnings():
                warnings.simplefilter("error", Image.DecompressionBombWarning)
                checked = super().to_python(data)
                cleaned = strip_image_metadata(_read_all(data), image_format)
        except (Image.DecompressionBombError, Image.DecompressionBombWarning) as exc:
            raise ValidationError(
                _(
                    "Gambar ini terlalu besar untuk diolah (lebih dari %(n)s juta piksel). "
                    "Perkecil ukurannya, misalnya menjadi lebar 2.000 piksel, lalu unggah lagi."
                )
                % {"n": self.max_image_pixels // 1_000_000},
                code="image_decompression_bomb",
            ) from exc
        except (OSError, SyntaxError, ValueError) as exc:  # a truncated or corrupt picture
            raise ValidationError(
                self.error_messages["invalid_image"], code="invalid_image"
            ) from exc
        return _replace_content(checked, cleaned)


def _allowed_formats() -> set[str]:
    from wagtail.images.utils import get_allowed_image_extensions

    return {"jpeg" if ext in ("jpg", "jpeg") else ext for ext in get_allowed_image_extensions()}


def _read_all(upload: Any) -> bytes:
    upload.seek(0)
    data = upload.read()
    upload.seek(0)
    return data


def _replace_content(checked: UploadedFile, content: bytes) -> UploadedFile:
    cleaned = SimpleUploadedFile(
        checked.name or "upload", content, content_type=checked.content_type or ""
    )
    cleaned.image = willow.Image.open(io.BytesIO(content))  # type: ignore[attr-defined]
    return cleaned


def _safe_image_field(field: forms.Field) -> SafeImageField:
    safe = SafeImageField(
        label=field.label, required=field.required, widget=field.widget, help_text=field.help_text
    )
    safe.validators = list(field.validators)
    return safe


class ImageForm(BaseImageForm):
    """`WAGTAILIMAGES_IMAGE_FORM_BASE`: every admin image upload uses `SafeImageField`."""

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        if "file" in self.fields and not isinstance(self.fields["file"], SafeImageField):
            self.fields["file"] = _safe_image_field(self.fields["file"])


# --- Documents ---------------------------------------------------------------------------

OPENDOCUMENT_TYPES = {
    "odt": b"application/vnd.oasis.opendocument.text",
    "ods": b"application/vnd.oasis.opendocument.spreadsheet",
}
OOXML_PARTS = {"docx": "word/document.xml", "xlsx": "xl/workbook.xml"}


def document_content_matches(name: str, data: bytes) -> bool:
    """Whether the content is what the extension promises (PDF, Office, OpenDocument, text)."""
    extension = os.path.splitext(name)[1].lower().lstrip(".")
    if extension == "pdf":
        return data[:1024].lstrip().startswith(b"%PDF-")
    if extension in OOXML_PARTS or extension in OPENDOCUMENT_TYPES:
        try:
            archive = zipfile.ZipFile(io.BytesIO(data))
            names = set(archive.namelist())
            if extension in OOXML_PARTS:
                return "[Content_Types].xml" in names and OOXML_PARTS[extension] in names
            return "mimetype" in names and archive.read("mimetype") == OPENDOCUMENT_TYPES[extension]
        except (zipfile.BadZipFile, KeyError, OSError, ValueError):
            return False
    if extension in ("csv", "txt"):
        head = data[:8192]
        if b"\x00" in head or head.lstrip()[:1] == b"<":  # binary, or HTML/SVG in disguise
            return False
        try:
            head.decode("utf-8")
        except UnicodeDecodeError as exc:
            if exc.start < len(head) - 4:  # not just a character cut at the 8 KB boundary
                try:
                    head.decode("cp1252")
                except UnicodeDecodeError:
                    return False
        return True
    return False


class DocumentForm(BaseDocumentForm):
    """`WAGTAILDOCS_DOCUMENT_FORM_BASE`: a document's content must match its extension."""

    def clean_file(self) -> Any:
        upload = self.cleaned_data.get("file")
        is_new = isinstance(upload, UploadedFile)
        if is_new and not document_content_matches(upload.name, _read_all(upload)):
            raise ValidationError(
                _(
                    "Isi berkas tidak sesuai dengan jenisnya (%(name)s). Unggah dokumen PDF, "
                    "Word, Excel, OpenDocument, CSV atau teks yang asli."
                )
                % {"name": os.path.basename(upload.name)},
                code="document_content_mismatch",
            )
        return upload
