"""The certificate PDF: the dinas's HTML/CSS layout (or the default), rendered by WeasyPrint
in the worker. Images (logo, signature, QR) are embedded as data URIs: nothing is fetched,
and the URL fetcher refuses every other scheme (file:, http:, ...), so a dinas-edited
template cannot read the server's files or call out.

Per worker process, cached: the compiled Django template and the parsed stylesheet (per
source text), one FontConfiguration, and the logo/signature data URIs (per stored name: a
stored file is never overwritten, an upload gets a fresh name). See docs/performance.md."""

from __future__ import annotations

import base64
import io
import mimetypes
from functools import lru_cache
from typing import Any

from django.conf import settings
from django.utils import formats, translation

from certificates.issuance.claims import qr_content, verify_path
from certificates.issuance.layout import (
    DEFAULT_CSS,
    DEFAULT_HTML,
    DEFAULT_SIGNATORY_NAME,
    DEFAULT_SIGNATORY_TITLE,
)
from certificates.models import CertificateTemplate, IssuedCertificate


def template_for(*, region_id: int, series: str) -> CertificateTemplate:
    """The region's layout for this series, else its catch-all one, else the default (unsaved)."""
    found = (
        CertificateTemplate.objects.filter(region_id=region_id, series__in=[series, ""])
        .order_by("-series")
        .first()
    )
    return found or CertificateTemplate(
        region_id=region_id,
        series="",
        html=DEFAULT_HTML,
        css=DEFAULT_CSS,
        signatory_name=DEFAULT_SIGNATORY_NAME,
        signatory_title=DEFAULT_SIGNATORY_TITLE,
    )


@lru_cache(maxsize=32)
def _compiled(html: str) -> Any:
    """Compiled once per process; the sandbox refuses {% load %}, {% include %} and the like
    here too, so a template saved around the editor (admin, shell) fails its certificates."""
    from certificates.issuance.sandbox import check_template

    return check_template(html)


@lru_cache(maxsize=1)
def _fonts() -> Any:
    """One font configuration per process (building it costs ~10 ms a document)."""
    from weasyprint.text.fonts import FontConfiguration

    return FontConfiguration()


def url_fetcher() -> Any:
    """Only data: URIs; any other URL in a template or stylesheet is refused (not fetched).
    A new one per document: the fetcher keeps per-request state."""
    from weasyprint.urls import URLFetcher

    return URLFetcher(allowed_protocols=("data",), timeout=1)


@lru_cache(maxsize=32)
def _stylesheet(css: str) -> Any:
    from weasyprint import CSS

    return CSS(string=css, font_config=_fonts(), url_fetcher=url_fetcher())


def html_to_pdf(html: str, css: str) -> bytes:
    """WeasyPrint, as the worker calls it (the bench's bare reference calls the same)."""
    from weasyprint import HTML

    document = HTML(string=html, url_fetcher=url_fetcher())
    return bytes(document.write_pdf(stylesheets=[_stylesheet(css)], font_config=_fonts()))


def _data_uri(path: str) -> str:
    return _stored_data_uri(str(settings.PRIVATE_MEDIA_ROOT), path) if path else ""


@lru_cache(maxsize=16)
def _stored_data_uri(root: str, path: str) -> str:
    """Read and encoded once per process: stored names are never reused for other bytes."""
    from lms.storage import private_storage

    kind = mimetypes.guess_type(path)[0] or "application/octet-stream"
    with private_storage.open(path, "rb") as fh:
        return f"data:{kind};base64,{base64.b64encode(fh.read()).decode()}"


QR_MASK = 0  # fixed: choosing it by the ISO penalty rules costs ~20 ms of Python a certificate
QR_SCALE = 2  # pixels a module: zbarimg reads it at 100, 150 and 300 dpi (test_issuance)


def _qr_src(content: str) -> str:
    """The QR code as a small 8-bit grey PNG (an integer number of pixels a module, no quiet
    zone: the page around it is white). WeasyPrint embeds it as it is; the SVG path it
    replaced cost about a quarter of each render. See docs/performance.md."""
    import segno
    from PIL import Image

    matrix = segno.make(content, error="m", mask=QR_MASK).matrix
    rows = (bytes(0 if dark else 255 for dark in row for _ in range(QR_SCALE)) for row in matrix)
    pixels = b"".join(row for row in rows for _ in range(QR_SCALE))
    side = len(matrix) * QR_SCALE
    out = io.BytesIO()
    Image.frombytes("L", (side, side), pixels).save(out, "PNG", compress_level=1)
    return f"data:image/png;base64,{base64.b64encode(out.getvalue()).decode()}"


def _date(value: Any) -> str:
    if value is None:
        return ""
    with translation.override("id"):
        return str(formats.date_format(value, "j F Y"))


def _units(cert: IssuedCertificate) -> list[dict[str, str]]:
    if cert.decision_id is None or cert.decision is None:
        return []
    frozen = cert.decision.snapshot.get("units", [])
    return [
        {"code": str(u.get("code", "")), "title": str(u.get("title", ""))}
        for u in frozen
        if u.get("result") == "K"
    ]


def certificate_context(cert: IssuedCertificate, layout: CertificateTemplate) -> dict[str, Any]:
    """Plain values only: a dinas-edited template cannot reach a model or a method."""
    region = cert.region
    scheme, batch = cert.scheme, cert.batch
    return {
        "kind": cert.kind,
        "number": cert.number,
        "holder_name": cert.holder_name,
        "scheme_title": scheme.title if scheme else "",
        "scheme_code": scheme.code if scheme else "",
        "scheme_version": scheme.version if scheme else "",
        "course_title": cert.course.title if cert.course_id and cert.course else "",
        "units": _units(cert),
        "batch_name": batch.name if batch else "",
        "place": region.name,
        "region_name": f"{region.name}, {region.province}",
        "issuer": f"Dinas Koperasi dan UKM {region.name}",
        "issued_on": _date(cert.issued_on),
        "valid_until": _date(cert.valid_until),
        "signatory_name": layout.signatory_name,
        "signatory_title": layout.signatory_title,
        "signature_src": _data_uri(layout.signature_path),
        "logo_src": _data_uri(layout.logo_path) or _default_logo(),
        "qr_src": _qr_src(qr_content(cert)),
        "verify_url": f"{settings.SITE_BASE_URL}{verify_path(cert.verify_token)}",
    }


@lru_cache(maxsize=1)
def _default_logo() -> str:
    path = settings.BASE_DIR / "static" / "img" / "certificate-logo.svg"
    if not path.exists():
        return ""
    return f"data:image/svg+xml;base64,{base64.b64encode(path.read_bytes()).decode()}"


def render_html(cert: IssuedCertificate, layout: CertificateTemplate) -> str:
    return str(_compiled(layout.html).render(certificate_context(cert, layout)))


def render_certificate_pdf(
    cert: IssuedCertificate, layout: CertificateTemplate | None = None
) -> bytes:
    """The complete PDF bytes of one certificate (page 1, transcript on page 2)."""
    series = cert.scheme.code if cert.scheme else "KS"
    layout = layout or template_for(region_id=cert.region_id, series=series)
    return html_to_pdf(render_html(cert, layout), layout.css)
