"""A month of a cooperative's transactions generated from a seed, with its answer key.

Every case has the same twelve kinds of transaction in the same order (same difficulty);
the seed picks the cooperative, the month, the days and the amounts. Same seed, same case.
Accounts are codes of the default chart (school_coops.chart.DEFAULT_CHART).
"""

from __future__ import annotations

import calendar
import random
from dataclasses import dataclass
from typing import Any

GENERATOR_VERSION = 1
COOPS = [
    "Koperasi Desa Merah Putih Sukamaju",
    "Koperasi Karyawan Sejahtera",
    "Koperasi Guru Bina Bangsa",
    "Koperasi Desa Merah Putih Tanjung Raya",
    "Koperasi Serba Usaha Maju Bersama",
    "Koperasi Tani Makmur",
]
MEMBERS = ["Siti", "Budi", "Wati", "Joko", "Rina", "Agus", "Dewi", "Hasan", "Lina", "Yusuf"]


def _money(rng: random.Random, low: int, high: int, step: int = 1000) -> int:
    return rng.randrange(low // step, high // step + 1) * step


def _tx(ref: int, day: int, text: str, lines: list[tuple[str, str, int]]) -> dict[str, Any]:
    return {
        "ref": f"BKT-{ref:02d}",
        "day": day,
        "text": text,
        "lines": [{"account": a, "side": s, "amount": n} for a, s, n in lines],
    }


def _rupiah(amount: int) -> str:
    return "Rp " + f"{amount:,}".replace(",", ".")


@dataclass(frozen=True)
class _Draw:
    """What the seed picks for one case, drawn in a fixed order (the order is the case)."""

    members: list[str]
    new_members: int
    pokok: int
    payers: int
    wajib: int
    stock_cash: int
    stock_credit: int
    sale: int
    cost: int
    outside_sale: int
    deposit: int
    withdrawal: int
    debt_paid: int
    atk: int
    honor: int
    copy_income: int
    to_bank: int


def _draw(rng: random.Random) -> _Draw:
    # Each call consumes the generator in turn: reordering these lines changes every case.
    members = rng.sample(MEMBERS, 4)
    new_members = rng.randint(3, 9)
    pokok = rng.choice([25_000, 50_000, 100_000])
    payers = rng.randint(15, 40)
    wajib = rng.choice([5_000, 10_000, 20_000])
    stock_cash = _money(rng, 800_000, 2_000_000, 5_000)
    stock_credit = _money(rng, 1_000_000, 3_000_000, 5_000)
    sale = _money(rng, 600_000, 1_500_000, 500)
    cost = sale * rng.choice([70, 75, 80]) // 100 // 500 * 500
    outside_sale = _money(rng, 100_000, 400_000, 500)
    deposit = _money(rng, 100_000, 500_000)
    withdrawal = _money(rng, 50_000, deposit // 2 // 1000 * 1000)
    debt_paid = _money(rng, 300_000, stock_credit // 1000 * 1000)
    atk = _money(rng, 30_000, 150_000, 500)
    honor = _money(rng, 200_000, 600_000, 10_000)
    copy_income = _money(rng, 20_000, 120_000, 500)
    to_bank = _money(rng, 500_000, 1_500_000, 50_000)
    return _Draw(
        members, new_members, pokok, payers, wajib, stock_cash, stock_credit, sale, cost,
        outside_sale, deposit, withdrawal, debt_paid, atk, honor, copy_income, to_bank,
    )  # fmt: skip


_Entry = tuple[str, list[tuple[str, str, int]]]  # the text and its (account, side, amount) lines
KAS, BANK, D, K = "1-1101", "1-1201", "D", "K"


def _savings_and_purchases(a: _Draw) -> list[_Entry]:
    """Transactions 1-4: members' pokok and wajib, then stock bought for cash and on credit."""
    return [
        (
            f"Diterima simpanan pokok dari {a.new_members} anggota baru @ {_rupiah(a.pokok)}.",
            [(KAS, D, a.new_members * a.pokok), ("3-1101", K, a.new_members * a.pokok)],
        ),
        (
            f"Diterima simpanan wajib bulan ini dari {a.payers} anggota @ {_rupiah(a.wajib)}.",
            [(KAS, D, a.payers * a.wajib), ("3-1201", K, a.payers * a.wajib)],
        ),
        (
            f"Dibeli barang dagangan secara tunai {_rupiah(a.stock_cash)}.",
            [("1-1501", D, a.stock_cash), (KAS, K, a.stock_cash)],
        ),
        (
            f"Dibeli barang dagangan dari pemasok secara kredit {_rupiah(a.stock_credit)}.",
            [("1-1501", D, a.stock_credit), ("2-1101", K, a.stock_credit)],
        ),
    ]


def _sales_and_voluntary_savings(a: _Draw) -> list[_Entry]:
    """Transactions 5-8: sales to members (with cost) and others, a deposit and a withdrawal."""
    return [
        (
            f"Dijual barang kepada anggota secara tunai {_rupiah(a.sale)}; "
            f"harga pokoknya {_rupiah(a.cost)}.",
            [(KAS, D, a.sale), ("4-1101", K, a.sale), ("5-1101", D, a.cost), ("1-1501", K, a.cost)],
        ),
        (
            f"Dijual barang kepada bukan anggota secara tunai {_rupiah(a.outside_sale)}.",
            [(KAS, D, a.outside_sale), ("4-1201", K, a.outside_sale)],
        ),
        (
            f"{a.members[0]} menabung simpanan sukarela {_rupiah(a.deposit)}.",
            [(KAS, D, a.deposit), ("2-1201", K, a.deposit)],
        ),
        (
            f"{a.members[1]} menarik simpanan sukarela {_rupiah(a.withdrawal)}.",
            [("2-1201", D, a.withdrawal), (KAS, K, a.withdrawal)],
        ),
    ]


def _payments_and_income(a: _Draw) -> list[_Entry]:
    """Transactions 9-12: a supplier paid, office supplies, service income, cash to the bank."""
    return [
        (
            f"Dibayar sebagian utang kepada pemasok {_rupiah(a.debt_paid)}.",
            [("2-1101", D, a.debt_paid), (KAS, K, a.debt_paid)],
        ),
        (
            f"Dibayar pembelian alat tulis kantor untuk dipakai sendiri {_rupiah(a.atk)}.",
            [("6-1201", D, a.atk), (KAS, K, a.atk)],
        ),
        (
            f"Diterima pendapatan jasa fotokopi {_rupiah(a.copy_income)}.",
            [(KAS, D, a.copy_income), ("4-1301", K, a.copy_income)],
        ),
        (
            f"Disetor kas ke rekening bank koperasi {_rupiah(a.to_bank)}; dibayar honor "
            f"pengelola {_rupiah(a.honor)} tunai pada hari yang sama.",
            [(BANK, D, a.to_bank), ("6-1101", D, a.honor), (KAS, K, a.to_bank + a.honor)],
        ),
    ]


def generate_case(seed: int) -> dict[str, Any]:
    """The case (transactions with answer key) for `seed`; pure and deterministic."""
    rng = random.Random(seed)  # noqa: S311 (exam variation, not security)
    year = 2026
    month = rng.randint(1, 12)
    last_day = calendar.monthrange(year, month)[1]
    days = sorted(rng.sample(range(2, last_day + 1), 12))
    amounts = _draw(rng)
    entries = [
        *_savings_and_purchases(amounts),
        *_sales_and_voluntary_savings(amounts),
        *_payments_and_income(amounts),
    ]
    transactions = [
        _tx(ref, day, text, lines)
        for ref, (day, (text, lines)) in enumerate(zip(days, entries, strict=True), start=1)
    ]
    opening_cash = _money(rng, 3_000_000, 6_000_000, 100_000)
    return {
        "version": GENERATOR_VERSION,
        "coop": rng.choice(COOPS),
        "year": year,
        "month": month,
        "opening": [
            {"account": KAS, "side": D, "amount": opening_cash},
            {"account": "3-1101", "side": K, "amount": opening_cash},
        ],
        "transactions": [
            {**t, "date": f"{year}-{month:02d}-{t.pop('day'):02d}"} for t in transactions
        ],
    }
