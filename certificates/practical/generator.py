"""A month of a cooperative's transactions generated from a seed, with its answer key.

Every case has the same twelve kinds of transaction in the same order (same difficulty);
the seed picks the cooperative, the month, the days and the amounts. Same seed, same case.
Accounts are codes of the default chart (school_coops.chart.DEFAULT_CHART).
"""

from __future__ import annotations

import calendar
import random
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


def generate_case(seed: int) -> dict[str, Any]:
    """The case (transactions with answer key) for `seed`; pure and deterministic."""
    rng = random.Random(seed)  # noqa: S311 (exam variation, not security)
    year = 2026
    month = rng.randint(1, 12)
    last_day = calendar.monthrange(year, month)[1]
    days = sorted(rng.sample(range(2, last_day + 1), 12))
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
    kas, bank = "1-1101", "1-1201"
    d, k = "D", "K"
    transactions = [
        _tx(
            1,
            days[0],
            f"Diterima simpanan pokok dari {new_members} anggota baru @ {_rupiah(pokok)}.",
            [(kas, d, new_members * pokok), ("3-1101", k, new_members * pokok)],
        ),
        _tx(
            2,
            days[1],
            f"Diterima simpanan wajib bulan ini dari {payers} anggota @ {_rupiah(wajib)}.",
            [(kas, d, payers * wajib), ("3-1201", k, payers * wajib)],
        ),
        _tx(
            3,
            days[2],
            f"Dibeli barang dagangan secara tunai {_rupiah(stock_cash)}.",
            [("1-1501", d, stock_cash), (kas, k, stock_cash)],
        ),
        _tx(
            4,
            days[3],
            f"Dibeli barang dagangan dari pemasok secara kredit {_rupiah(stock_credit)}.",
            [("1-1501", d, stock_credit), ("2-1101", k, stock_credit)],
        ),
        _tx(
            5,
            days[4],
            f"Dijual barang kepada anggota secara tunai {_rupiah(sale)}; "
            f"harga pokoknya {_rupiah(cost)}.",
            [(kas, d, sale), ("4-1101", k, sale), ("5-1101", d, cost), ("1-1501", k, cost)],
        ),
        _tx(
            6,
            days[5],
            f"Dijual barang kepada bukan anggota secara tunai {_rupiah(outside_sale)}.",
            [(kas, d, outside_sale), ("4-1201", k, outside_sale)],
        ),
        _tx(
            7,
            days[6],
            f"{members[0]} menabung simpanan sukarela {_rupiah(deposit)}.",
            [(kas, d, deposit), ("2-1201", k, deposit)],
        ),
        _tx(
            8,
            days[7],
            f"{members[1]} menarik simpanan sukarela {_rupiah(withdrawal)}.",
            [("2-1201", d, withdrawal), (kas, k, withdrawal)],
        ),
        _tx(
            9,
            days[8],
            f"Dibayar sebagian utang kepada pemasok {_rupiah(debt_paid)}.",
            [("2-1101", d, debt_paid), (kas, k, debt_paid)],
        ),
        _tx(
            10,
            days[9],
            f"Dibayar pembelian alat tulis kantor untuk dipakai sendiri {_rupiah(atk)}.",
            [("6-1201", d, atk), (kas, k, atk)],
        ),
        _tx(
            11,
            days[10],
            f"Diterima pendapatan jasa fotokopi {_rupiah(copy_income)}.",
            [(kas, d, copy_income), ("4-1301", k, copy_income)],
        ),
        _tx(
            12,
            days[11],
            f"Disetor kas ke rekening bank koperasi {_rupiah(to_bank)}; dibayar honor "
            f"pengelola {_rupiah(honor)} tunai pada hari yang sama.",
            [(bank, d, to_bank), ("6-1101", d, honor), (kas, k, to_bank + honor)],
        ),
    ]
    opening_cash = _money(rng, 3_000_000, 6_000_000, 100_000)
    return {
        "version": GENERATOR_VERSION,
        "coop": rng.choice(COOPS),
        "year": year,
        "month": month,
        "opening": [
            {"account": kas, "side": d, "amount": opening_cash},
            {"account": "3-1101", "side": k, "amount": opening_cash},
        ],
        "transactions": [
            {**t, "date": f"{year}-{month:02d}-{t.pop('day'):02d}"} for t in transactions
        ],
    }
