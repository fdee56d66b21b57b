"""The business model canvas (lesson 3): nine blocks as data, and cleaning of a saved canvas.

A canvas is a dict {block key: text}. `clean_canvas()` refuses unknown keys and non-text
values, strips every text, normalises line breaks, refuses invisible control characters and
texts over the block's length, and returns all nine keys (a missing block is "").
"""

from __future__ import annotations

import unicodedata
from dataclasses import dataclass

from django.utils.translation import gettext as _


@dataclass(frozen=True)
class CanvasBlock:
    key: str
    title: str
    title_en: str
    prompt: str
    prompt_en: str
    max_length: int


# Order: the usual reading order of the canvas, customers first, costs last.
BLOCKS: tuple[CanvasBlock, ...] = (
    CanvasBlock(
        "customer_segments",
        "Segmen pelanggan",
        "Customer segments",
        "Siapa yang paling membutuhkan produkmu? Sebutkan kelompoknya, misalnya siswa kelas 7 "
        "yang datang pagi tanpa sarapan.",
        "Who needs your product most? Name the group, e.g. year-7 students who arrive early "
        "without breakfast.",
        500,
    ),
    CanvasBlock(
        "value_propositions",
        "Proposisi nilai",
        "Value propositions",
        "Masalah apa yang kamu selesaikan, dan mengapa mereka memilih produkmu, bukan yang lain?",
        "Which problem do you solve, and why would they choose your product over others?",
        500,
    ),
    CanvasBlock(
        "channels",
        "Saluran",
        "Channels",
        "Bagaimana produk sampai ke pelanggan dan bagaimana mereka tahu produkmu ada?",
        "How does the product reach customers, and how do they learn that it exists?",
        500,
    ),
    CanvasBlock(
        "customer_relationships",
        "Hubungan pelanggan",
        "Customer relationships",
        "Bagaimana kamu menjaga pelanggan tetap kembali: pelayanan, kartu langganan, grup kelas?",
        "How do you keep customers coming back: service, a loyalty card, the class group?",
        500,
    ),
    CanvasBlock(
        "revenue_streams",
        "Arus pendapatan",
        "Revenue streams",
        "Dari mana uang masuk: harga per produk, paket, pesanan? Tulis harga jualnya.",
        "Where does the money come from: price per item, bundles, orders? Write the selling price.",
        500,
    ),
    CanvasBlock(
        "key_resources",
        "Sumber daya utama",
        "Key resources",
        "Apa yang harus dimiliki: alat, bahan, tempat, modal, keterampilan anggota tim?",
        "What must you have: tools, ingredients, a place, capital, the team's skills?",
        500,
    ),
    CanvasBlock(
        "key_activities",
        "Kegiatan utama",
        "Key activities",
        "Apa yang harus dikerjakan rutin: belanja bahan, produksi, menjual, mencatat keuangan?",
        "What must be done regularly: buying ingredients, making, selling, keeping the books?",
        500,
    ),
    CanvasBlock(
        "key_partnerships",
        "Mitra utama",
        "Key partnerships",
        "Siapa yang membantu: pemasok, pengelola kantin, guru pembina, koperasi sekolah?",
        "Who helps: suppliers, the canteen manager, the supervising teacher, the school "
        "cooperative?",
        500,
    ),
    CanvasBlock(
        "cost_structure",
        "Struktur biaya",
        "Cost structure",
        "Biaya apa saja yang keluar? Pisahkan biaya tetap dan biaya variabel per unit.",
        "Which costs do you have? Separate fixed costs from variable costs per unit.",
        500,
    ),
)
BLOCK_KEYS: tuple[str, ...] = tuple(block.key for block in BLOCKS)
_BY_KEY = {block.key: block for block in BLOCKS}
_ALLOWED_CONTROLS = {"\n", "\t"}
_REFUSED_CATEGORIES = {"Cc", "Cf", "Co", "Cs", "Cn", "Zl", "Zp"}


class CanvasError(ValueError):
    """A canvas that cannot be saved; `message` is Bahasa Indonesia for the student."""

    def __init__(self, message: str) -> None:
        super().__init__(message)
        self.message = message


def _clean_text(block: CanvasBlock, value: object) -> str:
    if value is None:
        return ""
    if not isinstance(value, str):
        raise CanvasError(_("Isian “%(block)s” harus berupa teks.") % {"block": block.title})
    text = value.replace("\r\n", "\n").replace("\r", "\n").strip()
    for char in text:
        if char not in _ALLOWED_CONTROLS and unicodedata.category(char) in _REFUSED_CATEGORIES:
            raise CanvasError(
                _("Isian “%(block)s” berisi karakter tersembunyi yang tidak diizinkan.")
                % {"block": block.title}
            )
    if len(text) > block.max_length:
        raise CanvasError(
            _("Isian “%(block)s” terlalu panjang: %(length)s karakter, paling banyak %(max)s.")
            % {"block": block.title, "length": len(text), "max": block.max_length}
        )
    return text


def clean_canvas(payload: object) -> dict[str, str]:
    """All nine blocks, cleaned, in canvas order; CanvasError on anything else."""
    if not isinstance(payload, dict):
        raise CanvasError(_("Kanvas model bisnis tidak terbaca."))
    unknown = sorted(str(key) for key in payload if key not in _BY_KEY)
    if unknown:
        raise CanvasError(
            _("Kanvas berisi bagian yang tidak dikenal: %(keys)s.") % {"keys": ", ".join(unknown)}
        )
    return {block.key: _clean_text(block, payload.get(block.key)) for block in BLOCKS}


def is_complete(canvas: dict[str, str]) -> bool:
    """True when every block of a cleaned canvas is filled in."""
    return all(canvas.get(key, "").strip() for key in BLOCK_KEYS)
