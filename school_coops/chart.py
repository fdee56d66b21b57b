"""The default chart of accounts (docs/domain.md §4.3).

Data copied into each cooperative, then editable."""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal

from django.utils.translation import gettext_noop as N_

# (code, name, class, normal side)
DEFAULT_CHART: list[tuple[str, str, str, str]] = [
    ("1-1101", "Kas", "aset", "D"),
    ("1-1102", "Kas kecil", "aset", "D"),
    ("1-1201", "Bank", "aset", "D"),
    ("1-1301", "Piutang usaha anggota", "aset", "D"),
    ("1-1302", "Piutang usaha non-anggota", "aset", "D"),
    ("1-1401", "Pinjaman anggota", "aset", "D"),
    ("1-1409", "Cadangan kerugian pinjaman/piutang", "aset", "K"),
    ("1-1501", "Persediaan barang dagangan – toko", "aset", "D"),
    ("1-1502", "Persediaan – kantin", "aset", "D"),
    ("1-1601", "Perlengkapan", "aset", "D"),
    ("1-1602", "Beban dibayar di muka", "aset", "D"),
    ("1-2101", "Peralatan & inventaris", "aset", "D"),
    ("1-2109", "Akumulasi penyusutan peralatan", "aset", "K"),
    ("2-1101", "Utang usaha / pemasok", "liabilitas", "K"),
    ("2-1102", "Utang konsinyasi (titipan produk siswa)", "liabilitas", "K"),
    ("2-1201", "Simpanan sukarela / tabungan anggota", "liabilitas", "K"),
    ("2-1301", "Dana pengurus", "liabilitas", "K"),
    ("2-1302", "Dana pendidikan", "liabilitas", "K"),
    ("2-1303", "Dana sosial", "liabilitas", "K"),
    ("2-1304", "Dana pembangunan sekolah/daerah kerja", "liabilitas", "K"),
    ("2-1401", "SHU bagian anggota belum diambil", "liabilitas", "K"),
    ("2-1402", "Simpanan anggota keluar belum dikembalikan", "liabilitas", "K"),
    ("2-2101", "Pinjaman dari sekolah/komite/bank", "liabilitas", "K"),
    ("3-1101", "Simpanan pokok", "ekuitas", "K"),
    ("3-1201", "Simpanan wajib", "ekuitas", "K"),
    ("3-1301", "Cadangan", "ekuitas", "K"),
    ("3-1401", "Hibah / donasi", "ekuitas", "K"),
    ("3-1501", "SHU tahun berjalan", "ekuitas", "K"),
    ("4-1101", "Partisipasi bruto anggota – penjualan toko/kantin", "pendapatan", "K"),
    ("4-1201", "Penjualan kepada non-anggota", "pendapatan", "K"),
    ("4-1301", "Pendapatan jasa (fotokopi/print)", "pendapatan", "K"),
    ("4-1401", "Pendapatan jasa pinjaman anggota", "pendapatan", "K"),
    ("4-1901", "Pendapatan lain-lain", "pendapatan", "K"),
    ("5-1101", "Beban pokok penjualan – anggota", "beban", "D"),
    ("5-1201", "Beban pokok penjualan – non-anggota", "beban", "D"),
    ("6-1101", "Beban honor/insentif pengelola", "beban", "D"),
    ("6-1201", "Beban perlengkapan & ATK", "beban", "D"),
    ("6-1301", "Beban penyusutan", "beban", "D"),
    ("6-1401", "Beban jasa simpanan sukarela", "beban", "D"),
    ("6-1501", "Beban RAT", "beban", "D"),
    ("6-1601", "Beban administrasi & umum", "beban", "D"),
    ("6-1701", "Beban kerugian pinjaman/piutang", "beban", "D"),
    ("6-1901", "Beban pajak", "beban", "D"),
]

CASH = "1-1101"
PETTY_CASH = "1-1102"
BANK = "1-1201"
# Cash and its equivalents: never below zero on any day (ledger), the cash-flow statement.
CASH_CODES = (CASH, PETTY_CASH, BANK)
RECEIVABLE_MEMBERS = "1-1301"
# Business units (models/business.py): each kind keeps its own inventory account.
INVENTORY_SHOP = "1-1501"
INVENTORY_CANTEEN = "1-1502"
SUPPLIER_PAYABLE = "2-1101"
CONSIGNMENT_PAYABLE = "2-1102"  # the consignors' share of consigned goods sold
SAVINGS_SUKARELA = "2-1201"
SAVINGS_POKOK = "3-1101"
SAVINGS_WAJIB = "3-1201"
# SHU buckets kept as dana (liabilities) until spent; 2-1305 is created on first use.
FUND_BOARD, FUND_EDUCATION, FUND_SOCIAL = "2-1301", "2-1302", "2-1303"
FUND_DEVELOPMENT, FUND_STAFF = "2-1304", "2-1305"
PAYABLE_EX_MEMBERS = "2-1402"
UNPAID_SHU = "2-1401"
RESERVE = "3-1301"
GRANTS = "3-1401"
CURRENT_SURPLUS = "3-1501"
MEMBER_SALES = "4-1101"  # partisipasi bruto anggota: Va of jasa usaha
NONMEMBER_SALES = "4-1201"
SERVICE_INCOME = "4-1301"
OTHER_INCOME = "4-1901"
MEMBER_LOAN_INCOME = "4-1401"
MEMBER_COST = "5-1101"
NONMEMBER_COST = "5-1201"
SUPPLIES_EXPENSE = "6-1201"
GENERAL_EXPENSE = "6-1601"
TAX = "6-1901"
# Not in the default chart: created on first use (services/business.py), like FUND_STAFF.
INVENTORY_DIFFERENCE = "6-1801"  # stock count shrinkage/surplus, average-cost rounding
CASH_DIFFERENCE = "6-1802"  # the daily close's cash short (debit) or over (credit)
# Va: what members bought from the coop (partisipasi bruto) and loan interest they paid.
MEMBER_REVENUE_CODES = (MEMBER_SALES, MEMBER_LOAN_INCOME)
# Member sub-ledger accounts (buku pembantu per anggota): every line names the member. A sale
# to a member without the member would move its jasa usaha to the others. The savings control
# accounts (3-1101, 3-1201, 2-1201) need the member's savings account.
MEMBER_TAGGED_CODES = frozenset(
    {RECEIVABLE_MEMBERS, UNPAID_SHU, PAYABLE_EX_MEMBERS, *MEMBER_REVENUE_CODES}
)
# Accounts of dealings with non-members: a line there never names a member.
NONMEMBER_CODES = frozenset({NONMEMBER_SALES, NONMEMBER_COST})

# Defaults proposed for a new school coop (illustrative amounts, docs/domain.md §3.1/§3.3); the
# founders change them in the AD/ART step.
DEFAULT_POKOK = Decimal(10000)
DEFAULT_WAJIB = Decimal(2000)
DEFAULT_SHU_ALLOCATION = {
    "cadangan": Decimal(30),
    "jasa_modal": Decimal(20),
    "jasa_usaha": Decimal(25),
    "pengurus": Decimal(5),
    "pendidikan": Decimal(10),
    "sosial": Decimal(5),
    "pembangunan": Decimal(5),
}


@dataclass(frozen=True)
class CashPreset:
    """A common cash transaction with its accounts filled in: the student treasurer types only
    the amount, the date and a note. `receipt`: money received gets a numbered kuitansi."""

    slug: str
    label: str  # an Indonesian msgid (gettext_noop), translated where it is shown
    debit: str
    credit: str
    receipt: bool = False


# For a cooperative whose shop keeps paper stock cards. One that runs its business unit in
# Kopsis records sales at the counter and purchases on the unit's stock-in page instead
# (services/business.py), which keeps items and the 1-150x inventory accounts in step.
# Sales here are the counter sales nobody is named for; a sale to a named member goes through
# the member page (4-1101, counted in their jasa usaha).
CASH_PRESETS: tuple[CashPreset, ...] = (
    CashPreset(
        "penjualan-tunai", N_("Penjualan tunai (bukan per anggota)"), CASH, NONMEMBER_SALES, True
    ),
    CashPreset("jasa-fotokopi", N_("Pendapatan jasa fotokopi/print"), CASH, SERVICE_INCOME, True),
    CashPreset("pendapatan-lain", N_("Pendapatan lain-lain"), CASH, OTHER_INCOME, True),
    CashPreset("ambil-bank", N_("Ambil uang dari bank"), CASH, BANK),
    CashPreset("pembelian-barang", N_("Pembelian barang dagangan toko"), INVENTORY_SHOP, CASH),
    CashPreset("pembelian-kantin", N_("Pembelian bahan kantin"), INVENTORY_CANTEEN, CASH),
    CashPreset("bayar-pemasok", N_("Bayar utang ke pemasok"), SUPPLIER_PAYABLE, CASH),
    CashPreset("biaya-listrik-kebersihan", N_("Biaya listrik/kebersihan"), GENERAL_EXPENSE, CASH),
    CashPreset("beli-atk", N_("Beli perlengkapan & ATK"), SUPPLIES_EXPENSE, CASH),
    CashPreset("setoran-bank", N_("Setoran kas ke bank"), BANK, CASH),
)
CASH_PRESETS_BY_SLUG = {preset.slug: preset for preset in CASH_PRESETS}
