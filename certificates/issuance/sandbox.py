"""What a dinas may put in a certificate template, and the CONTOH preview.

The HTML is a Django template rendered in the worker with plain strings and lists only
(`pdf.certificate_context`). The sandbox refuses the tags that reach outside that context:
`{% load %}` (other tag libraries), `{% include %}`, `{% extends %}` and `{% ssi %}` (other
templates and files on the server), `{% debug %}` (dumps the context and loaded modules),
`{% lorem %}` (any amount of text), loops nested deeper than three, and any template that
does not compile. The check reads the lexer's tokens before compiling, so a
refused tag never runs, not even at compile time. WeasyPrint fetches nothing but data: URIs
(`pdf.url_fetcher`), so `<img src="file:///...">` or `@import url(http://...)` stay empty.
"""

from __future__ import annotations

import base64
from typing import Any

from django.conf import settings
from django.template import TemplateSyntaxError, engines
from django.template.base import Lexer, TokenType
from django.utils import timezone
from django.utils.translation import gettext as _

from certificates.exceptions import CertificationError

FORBIDDEN_TAGS = frozenset({"load", "include", "extends", "ssi", "debug", "lorem"})
MAX_LOOP_DEPTH = 3
MAX_HTML_CHARS = 100_000
MAX_CSS_CHARS = 50_000
SAMPLE_NUMBER = "CONTOH/0000/0000/00000"  # never a real number: real ones have no letters here
SAMPLE_MARK = "CONTOH"


def _tag_names(html: str) -> list[str]:
    return [
        token.contents.split(maxsplit=1)[0]
        for token in Lexer(html).tokenize()
        if token.token_type == TokenType.BLOCK and token.contents.strip()
    ]


def forbidden_tags(html: str) -> list[str]:
    """The refused tag names the template uses, in order of first use."""
    found: list[str] = []
    for name in _tag_names(html):
        if name in FORBIDDEN_TAGS and name not in found:
            found.append(name)
    return found


def loop_depth(html: str) -> int:
    """How deep {% for %} loops nest: each level multiplies the work of a render."""
    depth = deepest = 0
    for name in _tag_names(html):
        depth += (name == "for") - (name == "endfor")
        deepest = max(deepest, depth)
    return deepest


def _thousands(n: int) -> str:
    return f"{n:,}".replace(",", ".")


def check_template(html: str, css: str = "") -> Any:
    """The compiled template, or CertificationError with an Indonesian message."""
    if not html.strip():
        raise CertificationError(_("Templat HTML tidak boleh kosong."))
    if len(html) > MAX_HTML_CHARS or len(css) > MAX_CSS_CHARS:
        raise CertificationError(
            _("Templat terlalu panjang (HTML paling banyak %(html)s karakter, CSS %(css)s).")
            % {"html": _thousands(MAX_HTML_CHARS), "css": _thousands(MAX_CSS_CHARS)}
        )
    refused = forbidden_tags(html)
    if refused:
        raise CertificationError(
            _(
                "Templat tidak boleh memakai tag %(tags)s: templat sertifikat hanya boleh memakai "
                "data sertifikat yang disediakan, bukan templat atau berkas lain."
            )
            % {"tags": ", ".join(f"{{% {name} %}}" for name in refused)}
        )
    if loop_depth(html) > MAX_LOOP_DEPTH:
        message = _("Perulangan {%% for %%} bertingkat paling banyak %(n)s lapis.")
        raise CertificationError(message % {"n": MAX_LOOP_DEPTH})
    try:
        return engines["django"].from_string(html)
    except TemplateSyntaxError as exc:
        raise CertificationError(
            _("Templat HTML tidak dapat dibaca: %(error)s") % {"error": exc}
        ) from exc


def _sample_units() -> list[dict[str, str]]:
    return [
        {"code": f"CONTOH.{i:03d}", "title": _("Unit kompetensi contoh %(n)s") % {"n": i}}
        for i in range(1, 4)
    ]


def _image_uri(data: bytes | None, kind: str) -> str:
    return f"data:image/{kind};base64,{base64.b64encode(data).decode()}" if data else ""


def sample_context(
    *,
    layout: Any,
    region: Any,
    signature: tuple[bytes, str] | None = None,
    logo: tuple[bytes, str] | None = None,
) -> dict[str, Any]:
    """Fake data, clearly marked CONTOH, with the same keys a real certificate gets."""
    from certificates.issuance import pdf

    today = timezone.localdate()
    sign_uri = _image_uri(*signature) if signature else pdf._data_uri(layout.signature_path)
    logo_uri = _image_uri(*logo) if logo else pdf._data_uri(layout.logo_path)
    verify_url = f"{settings.SITE_BASE_URL}/v/{SAMPLE_MARK}/"
    return {
        "kind": "course" if layout.series == "KS" else "competency",
        "number": SAMPLE_NUMBER,
        "holder_name": _("NAMA PESERTA (CONTOH)"),
        "scheme_title": _("Skema contoh"),
        "scheme_code": layout.series or SAMPLE_MARK,
        "scheme_version": 1,
        "course_title": _("Kursus contoh"),
        "units": _sample_units(),
        "batch_name": _("Angkatan contoh"),
        "place": region.name,
        "region_name": f"{region.name}, {region.province}",
        "issuer": f"Dinas Koperasi dan UKM {region.name}",
        "issued_on": pdf._date(today),
        "valid_until": pdf._date(today.replace(year=today.year + 3)),
        "signatory_name": layout.signatory_name,
        "signatory_title": layout.signatory_title,
        "signature_src": sign_uri,
        "logo_src": logo_uri or pdf._default_logo(),
        "qr_src": pdf._qr_src(f"{verify_url}#{SAMPLE_MARK}"),
        "verify_url": verify_url,
    }


# Over whatever the dinas's CSS does: a CONTOH band on every page.
SAMPLE_CSS = """
@page { @top-center { content: "CONTOH - BUKAN SERTIFIKAT SAH"; color: #c0392b;
  font: bold 11pt sans-serif; } }
html::after { content: "CONTOH"; position: fixed; top: 110mm; left: 0; right: 0;
  text-align: center; font: bold 90pt sans-serif; color: rgba(192, 57, 43, 0.25);
  transform: rotate(-30deg); }
"""


def preview_pdf(
    *,
    layout: Any,
    region: Any,
    signature: tuple[bytes, str] | None = None,
    logo: tuple[bytes, str] | None = None,
) -> bytes:
    """A sample certificate PDF of this (possibly unsaved) layout, marked CONTOH."""
    from certificates.issuance.pdf import html_to_pdf

    template = check_template(layout.html, layout.css)
    context = sample_context(layout=layout, region=region, signature=signature, logo=logo)
    try:
        html = str(template.render(context))
    except Exception as exc:  # a {% url %} to nowhere, a bad filter argument, ...
        raise CertificationError(
            _("Templat gagal diisi data contoh: %(error)s") % {"error": exc}
        ) from exc
    return html_to_pdf(html, f"{layout.css}\n{SAMPLE_CSS}")
