"""Founding documents and member cards as PDF (WeasyPrint); QR codes with segno."""

from __future__ import annotations

from typing import Any

from django.utils.translation import gettext_lazy as _

from lms.pdf import render_pdf

__all__ = ["DOCUMENTS", "qr_svg", "render_member_cards_pdf", "render_pdf"]

DOCUMENTS = {
    "berita-acara": (
        "school_coops/documents/berita_acara.html",
        _("Berita acara rapat pembentukan"),
    ),
    "daftar-hadir": (
        "school_coops/documents/daftar_hadir.html",
        _("Daftar hadir rapat pembentukan"),
    ),
    "ad-art": ("school_coops/documents/ad_art.html", _("Anggaran Dasar dan Anggaran Rumah Tangga")),
    "pengurus": ("school_coops/documents/pengurus.html", _("Daftar pengurus dan pengawas")),
}


def qr_svg(data: str) -> str:
    import segno

    return segno.make(data, error="m").svg_inline(scale=3)


def render_member_cards_pdf(cards: list[dict[str, Any]], coop: Any) -> bytes:
    for card in cards:
        card["qr"] = qr_svg(card["url"])
    return render_pdf("school_coops/documents/member_cards.html", {"coop": coop, "cards": cards})
