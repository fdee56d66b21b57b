"""Uploads: judged by content, bombs are form errors, metadata is stripped, no SVG."""

from __future__ import annotations

import io
import struct
import zlib

import pytest
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from PIL import Image
from wagtail.documents.models import Document
from wagtail.images.models import Image as WagtailImage
from wagtail.models import Collection

from tests.factories import UserFactory

pytestmark = pytest.mark.django_db

GPS_IFD = 0x8825


def png_of(width: int, height: int) -> bytes:
    """A valid 1-bit PNG of any size: all-black rows compress to almost nothing."""

    def chunk(kind: bytes, body: bytes) -> bytes:
        return (
            struct.pack(">I", len(body)) + kind + body + struct.pack(">I", zlib.crc32(kind + body))
        )

    row = b"\x00" * (1 + (width + 7) // 8)
    packer = zlib.compressobj(9)
    rows_per_block = max(1, (1 << 20) // len(row))
    block = row * rows_per_block
    packed = []
    for _ in range(height // rows_per_block):
        packed.append(packer.compress(block))
    packed.append(packer.compress(row * (height % rows_per_block)) + packer.flush())
    header = struct.pack(">IIBBBBB", width, height, 1, 0, 0, 0, 0)
    return (
        b"\x89PNG\r\n\x1a\n"
        + chunk(b"IHDR", header)
        + chunk(b"IDAT", b"".join(packed))
        + chunk(b"IEND", b"")
    )


def jpeg_with_gps() -> bytes:
    """A 40 x 20 photo, stored sideways (orientation 6), taken at a school in Palembang."""
    exif = Image.Exif()
    exif[0x010F] = "Canon"
    exif[0x0112] = 6
    exif.get_ifd(GPS_IFD).update({1: "S", 2: (2.0, 59.0, 0.0), 3: "E", 4: (104.0, 45.0, 0.0)})
    buffer = io.BytesIO()
    Image.new("RGB", (40, 20), "red").save(buffer, "JPEG", exif=exif.tobytes(), quality=95)
    return buffer.getvalue()


@pytest.fixture
def admin_client(client):
    client.force_login(UserFactory(is_superuser=True, is_staff=True))
    return client


def add_image(client, name: str, content: bytes):
    return client.post(
        reverse("wagtailimages:add"),
        {
            "title": "Foto",
            "file": SimpleUploadedFile(name, content),
            "collection": Collection.get_first_root_node().pk,
        },
    )


def add_image_multiple(client, name: str, content: bytes) -> dict:
    response = client.post(
        reverse("wagtailimages:add_multiple"),
        {
            "files[]": SimpleUploadedFile(name, content),
            "collection": Collection.get_first_root_node().pk,
        },
    )
    assert response.status_code == 200
    return response.json()


def test_a_50000_pixel_png_is_a_form_error_not_a_500(admin_client):
    bomb = png_of(50_000, 50_000)
    assert len(bomb) < 1_000_000
    response = add_image(admin_client, "bom.png", bomb)
    assert response.status_code == 200
    assert "terlalu besar untuk diolah" in response.content.decode()
    assert not WagtailImage.objects.exists()
    data = add_image_multiple(admin_client, "bom.png", bomb)
    assert data["success"] is False and "terlalu besar untuk diolah" in data["error_message"]


def test_an_image_just_over_pillows_warning_is_refused_too(admin_client):
    # 90 million pixels: Pillow only warns (DecompressionBombWarning), it does not raise
    response = add_image(admin_client, "lebar.png", png_of(10_000, 9_000))
    assert response.status_code == 200
    assert not WagtailImage.objects.exists()


def test_gps_and_camera_metadata_are_stripped_from_the_original_and_renditions(admin_client):
    response = add_image(admin_client, "kelas.jpg", jpeg_with_gps())
    assert response.status_code == 302, response.content.decode()[:2000]
    image = WagtailImage.objects.get()
    with image.open_file() as stored:
        original = Image.open(io.BytesIO(stored.read()))
    exif = original.getexif()
    assert not exif.get_ifd(GPS_IFD) and 0x010F not in exif and "exif" not in original.info
    assert original.size == (20, 40)  # turned upright before the orientation tag went
    assert (image.width, image.height) == (20, 40)
    rendition = image.get_rendition("width-10|format-jpeg")
    with rendition.file.open("rb") as stored:
        small = Image.open(io.BytesIO(stored.read()))
    assert not small.getexif().get_ifd(GPS_IFD) and "exif" not in small.info


def test_metadata_is_stripped_in_the_multiple_uploader_too(admin_client):
    data = add_image_multiple(admin_client, "kelas.jpg", jpeg_with_gps())
    assert data["success"] is True
    with WagtailImage.objects.get().open_file() as stored:
        assert not Image.open(io.BytesIO(stored.read())).getexif().get_ifd(GPS_IFD)


SVG = b'<svg xmlns="http://www.w3.org/2000/svg" onload="alert(1)"><script>alert(1)</script></svg>'


@pytest.mark.parametrize(
    ("name", "content"),
    [
        ("gambar.svg", SVG),
        ("gambar.png", SVG),  # an SVG named like a PNG
        ("gambar.png", b"<html><script>alert(1)</script></html>"),
        ("gambar.jpg", b"MZ\x90\x00" + b"\x00" * 100),  # an executable
    ],
)
def test_images_are_judged_by_content_not_by_name(admin_client, name, content):
    response = add_image(admin_client, name, content)
    assert response.status_code == 200
    assert "bukan gambar" in response.content.decode()
    assert not WagtailImage.objects.exists()


def test_a_png_named_gif_is_refused():
    from lms.uploads import SafeImageField

    with pytest.raises(ValidationError):
        SafeImageField().clean(SimpleUploadedFile("gambar.gif", png_of(10, 10)))


def test_a_png_named_png_is_accepted(admin_client):
    assert add_image(admin_client, "kecil.png", png_of(10, 10)).status_code == 302
    assert WagtailImage.objects.count() == 1


def add_document(client, name: str, content: bytes):
    return client.post(
        reverse("wagtaildocs:add"),
        {
            "title": "Dokumen",
            "file": SimpleUploadedFile(name, content),
            "collection": Collection.get_first_root_node().pk,
        },
    )


@pytest.mark.parametrize(
    ("name", "content"),
    [
        ("materi.pdf", b"<html><script>alert(1)</script></html>"),
        ("materi.txt", b"<svg onload=alert(1)>"),
        ("materi.docx", b"%PDF-1.4 not a word file"),
        ("materi.xlsx", b"PK\x03\x04 broken"),
        ("materi.csv", b"\x00\x01\x02binary"),
    ],
)
def test_documents_whose_content_does_not_match_are_refused(admin_client, name, content):
    response = add_document(admin_client, name, content)
    assert response.status_code == 200
    assert "Isi berkas tidak sesuai" in response.content.decode()
    assert not Document.objects.exists()


def test_a_real_pdf_and_csv_are_accepted(admin_client):
    assert add_document(admin_client, "materi.pdf", b"%PDF-1.4\n%%EOF\n").status_code == 302
    assert add_document(admin_client, "data.csv", b"nama,kelas\nSiti,8A\n").status_code == 302
    assert Document.objects.count() == 2
