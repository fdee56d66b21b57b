"""The demo scheme "Juru Buku Koperasi" as an importable unit file (CSV text).

Units are modelled on the accounting-technician standards (SKKNI Teknisi Akuntansi, SKKNI KJK
"Mengerjakan Buku Besar dan Buku Pembantu"); the codes are the dinas's own (JBK.*), not SKKNI
codes, because the exact units of a juru buku scheme are the LSP's to publish (docs/domain.md §5.2).
"""

from __future__ import annotations

import csv
import io

SCHEME_CODE = "JBK"
SCHEME_TITLE = "Juru Buku Koperasi"
HEADER = ["kode_skema", "versi", "kode_unit", "judul_unit", "wajib", "elemen", "kuk", "instrumen"]
UNITS = [
    (
        "JBK.01",
        "Menerapkan prinsip koperasi dan praktik kerja profesional",
        "ya",
        "Menjelaskan prinsip dan organisasi koperasi | Bekerja sesuai etika juru buku",
        "Prinsip koperasi dijelaskan sesuai UU 25/1992; Perangkat organisasi koperasi disebutkan "
        "| Kerahasiaan data anggota dijaga; Pekerjaan diselesaikan tepat waktu",
        "tulis, observasi",
    ),
    (
        "JBK.02",
        "Mengelola bukti transaksi dan buku kas",
        "ya",
        "Memeriksa bukti transaksi | Mencatat buku kas harian",
        "Kelengkapan bukti diperiksa; Bukti dinomori urut | Penerimaan dan pengeluaran dicatat "
        "harian; Saldo kas dicocokkan dengan kas fisik",
        "praktik, observasi",
    ),
    (
        "JBK.03",
        "Memproses entri jurnal",
        "ya",
        "Mengidentifikasi akun yang terpengaruh | Mencatat jurnal umum",
        "Akun dipilih dari bagan akun; Sisi debit dan kredit ditentukan | Jurnal dicatat pada "
        "tanggal transaksi; Jumlah debit sama dengan jumlah kredit",
        "praktik, tulis",
    ),
    (
        "JBK.04",
        "Mengerjakan buku besar dan buku pembantu (termasuk kartu simpanan)",
        "ya",
        "Memindahbukukan ke buku besar | Memelihara buku pembantu simpanan dan piutang",
        "Setiap baris jurnal diposting ke akun yang benar; Saldo akun dihitung | Kartu simpanan "
        "setiap anggota cocok dengan akun kontrol; Piutang per anggota dicatat",
        "praktik",
    ),
    (
        "JBK.05",
        "Menyusun neraca saldo dan jurnal penyesuaian",
        "ya",
        "Menyusun neraca saldo | Mencatat penyesuaian akhir periode",
        "Neraca saldo seimbang; Selisih ditelusuri sampai sumbernya | Penyusutan dan beban "
        "dibayar di muka disesuaikan",
        "praktik, tulis",
    ),
    (
        "JBK.06",
        "Menyusun laporan keuangan koperasi (Permenkop 2/2024)",
        "ya",
        "Menyusun laporan posisi keuangan | Menyusun laporan perhitungan hasil usaha",
        "Aset, liabilitas dan ekuitas disajikan; Simpanan pokok dan wajib sebagai ekuitas "
        "| Partisipasi anggota dan non-anggota dipisahkan",
        "tulis, portofolio",
    ),
    (
        "JBK.07",
        "Menghitung dan membagi SHU",
        "ya",
        "Mengalokasikan SHU sesuai AD/ART | Menghitung SHU per anggota",
        "Persentase alokasi berjumlah 100%; Dana cadangan dihitung | Jasa modal dan jasa usaha "
        "dihitung per anggota; Pembulatan didokumentasikan",
        "tulis, praktik",
    ),
    (
        "JBK.08",
        "Mengoperasikan lembar kerja atau aplikasi pembukuan",
        "tidak",
        "Memakai aplikasi pembukuan | Mencadangkan data",
        "Transaksi dimasukkan ke aplikasi; Laporan dicetak dari aplikasi | Data dicadangkan "
        "secara berkala",
        "observasi, portofolio",
    ),
]


def units_csv(version: int = 1, code: str = SCHEME_CODE) -> bytes:
    buffer = io.StringIO()
    writer = csv.writer(buffer)
    writer.writerow(HEADER)
    for unit_code, title, required, elements, criteria, methods in UNITS:
        writer.writerow([code, version, unit_code, title, required, elements, criteria, methods])
    return buffer.getvalue().encode("utf-8")
