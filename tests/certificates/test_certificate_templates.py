"""The dinas's certificate template editor: region scope, sandbox, uploads, CONTOH preview."""

from __future__ import annotations

import io
import urllib.request

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from PIL import Image

from certificates.issuance import sandbox
from certificates.issuance.layout import DEFAULT_CSS, DEFAULT_HTML
from certificates.models import CertificateStatus, CertificateTemplate
from lms.storage import private_storage

pytestmark = pytest.mark.django_db


def _png(size: tuple[int, int] = (40, 20)) -> bytes:
    out = io.BytesIO()
    Image.new("RGB", size, (10, 80, 40)).save(out, "PNG")
    return out.getvalue()


@pytest.fixture
def row(region):
    return CertificateTemplate.objects.create(
        region=region,
        series="",
        html=DEFAULT_HTML,
        css=DEFAULT_CSS,
        signatory_name="Kepala Dinas",
        signatory_title="Kepala Dinas Koperasi dan UKM",
    )


def _form(**changes):
    data = {
        "html": DEFAULT_HTML.replace("SERTIFIKAT", "PIAGAM"),
        "css": DEFAULT_CSS,
        "signatory_name": "Drs. Budi Santoso",
        "signatory_title": "Kepala Dinas Koperasi",
    }
    data.update(changes)
    return data


def test_an_organiser_lists_creates_from_the_default_and_edits(client, dinas_staff, region):
    client.force_login(dinas_staff)
    assert client.get(reverse("certificates:template-list")).status_code == 200
    response = client.post(
        reverse("certificates:template-create"), {"region": region.pk, "series": ""}
    )
    made = CertificateTemplate.objects.get(region=region, series="")
    assert response["Location"] == reverse("certificates:template-edit", args=[made.pk])
    assert made.html == DEFAULT_HTML and made.updated_by == dinas_staff
    # Twice: the same series is refused, still one row.
    client.post(reverse("certificates:template-create"), {"region": region.pk, "series": ""})
    assert CertificateTemplate.objects.filter(region=region).count() == 1
    page = client.get(reverse("certificates:template-list")).content.decode()
    assert "Semua skema" in page
    url = reverse("certificates:template-edit", args=[made.pk])
    assert client.post(url, _form()).status_code == 302
    made.refresh_from_db()
    assert "PIAGAM" in made.html and made.signatory_name == "Drs. Budi Santoso"


def test_junk_region_or_series_is_refused(client, trainer, region, other_region):
    client.force_login(trainer)
    url = reverse("certificates:template-create")
    client.post(url, {"region": other_region.pk, "series": ""})
    client.post(url, {"region": region.pk, "series": "TIDAK-ADA"})
    client.post(url, {"region": "x", "series": ""})
    assert not CertificateTemplate.objects.exists()


def test_another_region_answers_404_and_changes_nothing(
    client, row, other_trainer, assessor, region
):
    edit = reverse("certificates:template-edit", args=[row.pk])
    preview = reverse("certificates:template-preview", args=[row.pk])
    for user in (other_trainer, assessor):  # another dinas; an assessor is not an organiser
        client.force_login(user)
        assert client.get(edit).status_code == 404
        assert client.post(edit, _form()).status_code == 404
        assert client.post(preview, _form()).status_code == 404
    client.force_login(other_trainer)
    assert row.html not in client.get(reverse("certificates:template-list")).content.decode()
    row.refresh_from_db()
    assert row.html == DEFAULT_HTML


@pytest.mark.parametrize(
    "tag",
    [
        "{% load static %}",
        '{% include "base.html" %}',
        '{% extends "base.html" %}',
        "{% ssi '/etc/passwd' %}",
        "{% debug %}",
        "{%load static%}",
        "{% lorem 100000000 w %}",
    ],
)
def test_the_sandbox_refuses_tags_that_reach_outside(client, trainer, row, tag):
    client.force_login(trainer)
    for name in ("template-edit", "template-preview"):
        response = client.post(
            reverse(f"certificates:{name}", args=[row.pk]), _form(html=f"{tag}<p>x</p>")
        )
        assert response.status_code == 200
        assert response["Content-Type"].startswith("text/html")
        assert "tidak boleh memakai tag" in response.content.decode()
    row.refresh_from_db()
    assert row.html == DEFAULT_HTML


def test_a_template_that_does_not_compile_or_render_is_refused(client, trainer, row):
    client.force_login(trainer)
    edit = reverse("certificates:template-edit", args=[row.pk])
    response = client.post(edit, _form(html="{% if %}<p>x</p>"))
    assert "tidak dapat dibaca" in response.content.decode()
    response = client.post(edit, _form(html="{% for x in units %}no end"))
    assert "tidak dapat dibaca" in response.content.decode()
    deep = "{% for a in units %}" * 4 + "x" + "{% endfor %}" * 4
    assert "paling banyak 3 lapis" in client.post(edit, _form(html=deep)).content.decode()
    three = "{% for a in units %}" * 3 + "x" + "{% endfor %}" * 3
    assert sandbox.loop_depth(three + three) == 3
    preview = reverse("certificates:template-preview", args=[row.pk])
    response = client.post(preview, _form(html="{% url 'tidak-ada' %}"))
    assert "gagal diisi data contoh" in response.content.decode()
    row.refresh_from_db()
    assert row.html == DEFAULT_HTML


def test_preview_is_a_sample_pdf_marked_contoh_and_saves_nothing(client, trainer, row):
    client.force_login(trainer)
    response = client.post(reverse("certificates:template-preview", args=[row.pk]), _form())
    assert response.status_code == 200
    assert response["Content-Type"] == "application/pdf"
    assert response.content.startswith(b"%PDF")
    row.refresh_from_db()
    assert row.html == DEFAULT_HTML and row.signatory_name == "Kepala Dinas"
    context = sandbox.sample_context(layout=row, region=row.region)
    assert context["number"] == sandbox.SAMPLE_NUMBER and "CONTOH" in context["holder_name"]
    assert "CONTOH" in context["verify_url"]
    assert all(u["code"].startswith("CONTOH") for u in context["units"])


def _recorded_fetches(monkeypatch) -> list[str]:
    seen: list[str] = []
    original = urllib.request.OpenerDirector.open

    def spy(self, url, *args, **kwargs):
        target = url if isinstance(url, str) else url.full_url
        if not target.startswith("data:"):
            seen.append(target)
        return original(self, url, *args, **kwargs)

    monkeypatch.setattr(urllib.request.OpenerDirector, "open", spy)
    return seen


def test_weasyprint_fetches_nothing_but_data_uris(monkeypatch, tmp_path, row):
    from weasyprint import HTML

    from certificates.issuance.pdf import html_to_pdf, url_fetcher

    secret = tmp_path / "secret.png"
    secret.write_bytes(_png())
    html = (
        f'<link rel="stylesheet" href="file://{tmp_path}/x.css">'
        f'<img src="file://{secret}"><img src="http://127.0.0.1:9/track.png">'
        '<img src="data:image/png;base64,iVBORw0KGgo=">'
    )
    css = "@import url(http://127.0.0.1:9/a.css); body { background: url(file:///etc/hostname) }"
    seen = _recorded_fetches(monkeypatch)
    HTML(string=html).write_pdf()  # control: WeasyPrint's own fetcher would read the file
    assert any(url.startswith("file://") for url in seen)
    seen.clear()
    assert html_to_pdf(html, css).startswith(b"%PDF")
    assert seen == []
    with pytest.raises(ValueError):
        url_fetcher().fetch("file:///etc/passwd")
    # And the preview of a dinas's template goes the same way.
    row.html, row.css = html, css
    assert sandbox.preview_pdf(layout=row, region=row.region).startswith(b"%PDF")
    assert seen == []


def test_signature_and_logo_uploads_are_checked_images(client, trainer, row, settings):
    client.force_login(trainer)
    edit = reverse("certificates:template-edit", args=[row.pk])
    svg = SimpleUploadedFile("ttd.png", b'<svg xmlns="http://www.w3.org/2000/svg"></svg>')
    fake = SimpleUploadedFile("logo.png", b"not a picture at all")
    huge = SimpleUploadedFile("ttd.png", b"\x89PNG\r\n\x1a\n" + b"0" * (1024 * 1024))
    for upload, message in ((svg, "PNG atau JPEG"), (fake, "PNG atau JPEG"), (huge, "1 MB")):
        response = client.post(edit, {**_form(), "signature": upload})
        assert message in response.content.decode()
    row.refresh_from_db()
    assert row.signature_path == "" and row.html == DEFAULT_HTML
    png = SimpleUploadedFile("ttd.png", _png())
    logo = SimpleUploadedFile("logo.png", _png((30, 30)))
    assert client.post(edit, {**_form(), "signature": png, "logo": logo}).status_code == 302
    row.refresh_from_db()
    assert row.signature_path.startswith(f"certificates/templates/{row.region_id}/")
    assert row.signature_path.endswith(".png") and row.logo_path.endswith(".png")
    with private_storage.open(row.signature_path, "rb") as fh:
        assert fh.read(8) == b"\x89PNG\r\n\x1a\n"
    context = sandbox.sample_context(layout=row, region=row.region)
    assert context["signature_src"].startswith("data:image/png;base64,")
    preview = reverse("certificates:template-preview", args=[row.pk])
    response = client.post(preview, {**_form(), "remove_logo": "on"})
    assert response["Content-Type"] == "application/pdf"
    row.refresh_from_db()
    assert row.logo_path  # the preview saved nothing
    client.post(edit, {**_form(), "remove_logo": "on"})
    row.refresh_from_db()
    assert row.logo_path == "" and row.signature_path


def test_saving_a_template_never_changes_issued_certificates(
    client, trainer, region, django_capture_on_commit_callbacks
):
    from certificates.issuance.services import batch_issuance_request
    from tests.issuance_data import confirmed_batch

    batch = confirmed_batch(region=region, trainer=trainer, count=1, name="Angkatan Templat")
    row = CertificateTemplate.objects.create(
        region=region,
        series="",
        html="<p>{{ number }}</p>",
        signatory_name="A",
        signatory_title="B",
    )
    with django_capture_on_commit_callbacks(execute=True):
        run = batch_issuance_request(batch=batch, by=trainer)
    cert = run.certificates.get()
    assert cert.status == CertificateStatus.ISSUED
    with private_storage.open(cert.pdf, "rb") as fh:
        before = fh.read()
    client.force_login(trainer)
    edit = reverse("certificates:template-edit", args=[row.pk])
    assert client.post(edit, _form(html="<p>BARU {{ number }}</p>")).status_code == 302
    cert.refresh_from_db()
    with private_storage.open(cert.pdf, "rb") as fh:
        assert fh.read() == before


def test_a_forbidden_template_saved_around_the_editor_fails_its_certificates(
    trainer, region, django_capture_on_commit_callbacks
):
    from certificates.issuance.services import batch_issuance_request
    from tests.issuance_data import confirmed_batch

    batch = confirmed_batch(region=region, trainer=trainer, count=1, name="Angkatan Debug")
    CertificateTemplate.objects.create(
        region=region, series="JBK", html="{% debug %}", signatory_name="A", signatory_title="B"
    )
    with django_capture_on_commit_callbacks(execute=True):
        run = batch_issuance_request(batch=batch, by=trainer)
    cert = run.certificates.get()
    assert cert.status == CertificateStatus.FAILED and "debug" in cert.last_error
    assert not cert.pdf


def test_organisers_find_the_editor_from_the_certification_home(client, trainer, assessor):
    link = reverse("certificates:template-list")
    client.force_login(trainer)
    assert link in client.get(reverse("certificates:home")).content.decode()
    client.force_login(assessor)  # an assessor would get 404 there: no link
    assert link not in client.get(reverse("certificates:home")).content.decode()
