"""Course 3: "Pembukuan Koperasi untuk Juru Buku", the dinas's training before the test.

Written for Kopsis for adult bookkeepers of village and other cooperatives (e.g. a Koperasi
Desa/Kelurahan Merah Putih): one module per unit of the demo scheme "Juru Buku Koperasi"
(certificates/scheme_data.py, JBK.01-JBK.08), each with a short quiz; the last lesson's quiz
is the batch's written test (certificates/demo.py picks the last quiz of the course).

One March of the fictional "Koperasi Desa Merah Putih Sido Makmur" runs through modules 2-6,
so every figure can be checked against the others:

- 1 March: Kas 9.400.000, Peralatan 6.000.000; Simpanan pokok 11.000.000 (110 members
  x 100.000), Simpanan wajib 4.400.000 (110 x 20.000 x 2 months).
- March: cash in 11.650.000, cash out 11.400.000, Kas on 31 March 9.650.000.
- Trial balance before adjustments 27.050.000 on each side; after rent used (200.000) and
  depreciation (100.000) 27.150.000; SHU for March 200.000; total assets 19.750.000.
"""

from __future__ import annotations

from typing import Any

from courses import curriculum as c

MARCH = (
    "<p>Koperasi Desa Merah Putih \u201cSido Makmur\u201d menjalankan toko sembako. Saldo "
    "1 Maret 2026: Kas Rp 9.400.000, Peralatan (rak, timbangan, komputer) Rp 6.000.000, "
    "Simpanan pokok Rp 11.000.000 (110 anggota \u00d7 Rp 100.000) dan Simpanan wajib "
    "Rp 4.400.000 (110 anggota \u00d7 Rp 20.000 \u00d7 2 bulan). Transaksi Maret:</p>"
    "<ol><li>2 Mar: 10 anggota baru membayar simpanan pokok @ Rp 100.000.</li>"
    "<li>4 Mar: 120 anggota membayar simpanan wajib @ Rp 20.000.</li>"
    "<li>5 Mar: membeli sembako Rp 8.000.000 dari pemasok; Rp 5.000.000 tunai, sisanya "
    "dibayar akhir bulan.</li>"
    "<li>10 Mar: penjualan tunai kepada anggota Rp 6.000.000 (harga pokok "
    "Rp 4.800.000).</li>"
    "<li>12 Mar: penjualan tunai kepada warga bukan anggota Rp 1.500.000 (harga pokok "
    "Rp 1.200.000).</li>"
    "<li>15 Mar: anggota menabung simpanan sukarela Rp 750.000.</li>"
    "<li>20 Mar: membayar sewa kios untuk 12 bulan di muka Rp 2.400.000.</li>"
    "<li>25 Mar: membayar honor pengelola toko Rp 1.000.000.</li>"
    "<li>28 Mar: melunasi utang kepada pemasok Rp 3.000.000.</li></ol>"
)


PRINSIP: dict[str, Any] = {
    "slug": "juru-buku-dan-prinsip-koperasi",
    "title": "Juru buku, prinsip koperasi, dan etika kerja",
    "title_en": "The bookkeeper, cooperative principles and professional ethics",
    "summary": "Tugas juru buku di koperasi, perangkat organisasi, dan etika kerjanya.",
    "summary_en": "What a cooperative's bookkeeper does, the cooperative's organs, and "
    "the ethics of the job.",
    "minutes": 30,
    "body": [
        (
            "text",
            "<p>Juru buku mencatat setiap transaksi koperasi sehingga pengurus dapat "
            "mempertanggungjawabkan setiap rupiah kepada anggota di Rapat Anggota "
            "Tahunan (RAT). Catatannya dipakai pengawas untuk memeriksa dan dipakai "
            "anggota untuk menilai kinerja pengurus.</p>",
        ),
        ("heading", "Perangkat organisasi koperasi"),
        (
            "text",
            "<p>Menurut UU 25/1992 (sebagaimana diubah UU 6/2023), perangkat "
            "organisasi koperasi adalah <b>Rapat Anggota</b> (kekuasaan tertinggi), "
            "<b>Pengurus</b>, dan <b>Pengawas</b>. Juru buku bekerja untuk pengurus, "
            "tetapi catatannya harus dapat diperiksa pengawas kapan saja.</p>",
        ),
        ("heading", "Prinsip koperasi yang menyentuh pembukuan"),
        (
            "text",
            "<ul><li><b>Pengelolaan yang demokratis</b>: satu anggota satu suara; "
            "laporan keuangan disahkan Rapat Anggota.</li>"
            "<li><b>Pembagian SHU</b> yang adil, sebanding dengan besarnya jasa usaha "
            "setiap anggota. Karena itu transaksi anggota dicatat terpisah dari "
            "transaksi bukan anggota.</li>"
            "<li><b>Balas jasa yang terbatas terhadap modal.</b></li>"
            "<li><b>Kemandirian</b> dan <b>pendidikan perkoperasian</b>.</li></ul>",
        ),
        c.callout(
            "warning",
            "Etika juru buku",
            "<p>Data anggota (NIK, simpanan, pinjaman) adalah data pribadi: hanya "
            "ditunjukkan kepada yang berhak (UU 27/2022 tentang Pelindungan Data "
            "Pribadi). Catatan yang sudah dibukukan tidak dihapus atau ditimpa; "
            "kesalahan diperbaiki dengan jurnal koreksi. Pekerjaan diselesaikan tepat "
            "waktu, paling lambat pada hari transaksi.</p>",
        ),
        c.callout(
            "tip",
            "Pisahkan tugas",
            "<p>Orang yang memegang uang (kasir) sebaiknya bukan orang yang "
            "mencatatnya. Bila koperasi masih kecil, pengawas memeriksa kas lebih "
            "sering.</p>",
        ),
    ],
    "quiz": {
        "title": "Kuis modul 1: Juru buku dan prinsip koperasi",
        "questions": [
            c.single(
                "Perangkat organisasi koperasi yang memegang kekuasaan tertinggi adalah ...",
                [
                    ("Rapat Anggota", True),
                    ("Pengurus", False),
                    ("Pengawas", False),
                    ("Dinas Koperasi", False),
                ],
            ),
            c.true_false(
                "Jurnal yang salah cukup dihapus lalu ditulis ulang agar buku tetap rapi.",
                False,
                "Catatan yang sudah dibukukan diperbaiki dengan jurnal koreksi, sehingga "
                "jejaknya tetap dapat diperiksa.",
            ),
            c.multiple(
                "Data mana yang termasuk data pribadi anggota dan harus dijaga?",
                [
                    ("NIK anggota", True),
                    ("Saldo simpanan sukarela seorang anggota", True),
                    ("Jumlah anggota koperasi seluruhnya", False),
                ],
            ),
            c.matching(
                "Jodohkan perangkat atau prinsip dengan artinya.",
                [
                    ("Pengurus", "Menjalankan usaha dan mengelola koperasi"),
                    ("Pengawas", "Memeriksa kebijakan dan pengelolaan koperasi"),
                    ("Pengelolaan demokratis", "Satu anggota satu suara"),
                ],
            ),
            c.short_text(
                "Sisa hasil usaha disingkat ...",
                ["SHU"],
            ),
        ],
    },
}


BUKTI_KAS: dict[str, Any] = {
    "slug": "bukti-transaksi-dan-buku-kas",
    "title": "Bukti transaksi dan buku kas harian",
    "title_en": "Source documents and the daily cash book",
    "summary": "Memeriksa dan menomori bukti, lalu mencatat buku kas dan mencocokkan kas.",
    "summary_en": "Checking and numbering documents, keeping the cash book and counting the cash.",
    "minutes": 40,
    "body": [
        (
            "text",
            "<p>Aturan pertama juru buku: <b>tidak ada catatan tanpa bukti</b>. Bukti "
            "yang umum: kuitansi, nota kontan, faktur pemasok, bukti kas masuk (BKM), "
            "bukti kas keluar (BKK), bukti setoran simpanan, dan rekening koran "
            "bank.</p>",
        ),
        c.callout(
            "tip",
            "Periksa sebelum mencatat",
            "<p>Tanggal, jumlah dalam angka dan huruf sama, tanda tangan penerima dan "
            "yang menyetujui. Beri nomor urut (misalnya BKM-0301, BKK-0301) dan "
            "arsipkan menurut tanggal.</p>",
        ),
        ("heading", "Transaksi Maret Sido Makmur"),
        ("text", MARCH),
        ("heading", "Buku kas harian"),
        (
            "text",
            "<p>Buku kas mencatat setiap uang masuk dan keluar pada hari itu juga, "
            "dengan kolom tanggal, nomor bukti, uraian, masuk, keluar, dan saldo. "
            "Transaksi 5 Maret hanya mengeluarkan Rp 5.000.000 dari kas; sisanya "
            "Rp 3.000.000 adalah utang dan baru keluar dari kas pada 28 Maret.</p>",
        ),
        c.example(
            "Saldo kas 31 Maret",
            "<p>Hitung saldo kas Sido Makmur pada akhir Maret.</p>",
            [
                "<p>Uang masuk: 1.000.000 + 2.400.000 + 6.000.000 + 1.500.000 + "
                "750.000 = Rp 11.650.000.</p>",
                "<p>Uang keluar: 5.000.000 + 2.400.000 + 1.000.000 + 3.000.000 = "
                "Rp 11.400.000.</p>",
                "<p>Saldo = 9.400.000 + 11.650.000 \u2212 11.400.000.</p>",
            ],
            "<p>Saldo kas 31 Maret <b>Rp 9.650.000</b>.</p>",
        ),
        c.callout(
            "warning",
            "Cocokkan dengan uang yang ada",
            "<p>Setiap sore kas fisik dihitung dan dicocokkan dengan saldo buku kas. "
            "Selisih tidak ditutup dengan uang pribadi: catat, cari sebabnya, dan "
            "laporkan kepada pengurus.</p>",
        ),
    ],
    "quiz": {
        "title": "Kuis modul 2: Bukti dan buku kas",
        "questions": [
            c.matching(
                "Jodohkan transaksi dengan buktinya.",
                [
                    ("Membeli sembako dari pemasok, dibayar akhir bulan", "Faktur"),
                    ("Anggota menyetor simpanan wajib", "Bukti setoran simpanan"),
                    ("Membayar honor pengelola toko", "Bukti kas keluar"),
                    ("Saldo dan mutasi rekening koperasi di bank", "Rekening koran"),
                ],
            ),
            c.numeric(
                "Dari transaksi Maret Sido Makmur, berapa jumlah uang masuk ke kas selama Maret?",
                11650000,
                "1.000.000 + 2.400.000 + 6.000.000 + 1.500.000 + 750.000.",
            ),
            c.numeric(
                "Berapa saldo buku kas Sido Makmur setelah transaksi 5 Maret?",
                7800000,
                "9.400.000 + 1.000.000 + 2.400.000 \u2212 5.000.000 (hanya bagian tunai).",
            ),
            c.true_false(
                "Bila kas fisik kurang Rp 20.000 dari saldo buku kas, juru buku "
                "sebaiknya menutupnya dengan uang sendiri agar cocok.",
                False,
                "Selisih dicatat dan dilaporkan, tidak ditutup diam-diam.",
            ),
            c.single(
                "Kapan penerimaan kas dicatat di buku kas harian?",
                [
                    ("Pada hari uang diterima", True),
                    ("Pada akhir bulan", False),
                    ("Menjelang RAT", False),
                ],
            ),
        ],
    },
}


JURNAL: dict[str, Any] = {
    "slug": "jurnal-transaksi-koperasi",
    "title": "Jurnal transaksi koperasi",
    "title_en": "Journal entries of a cooperative",
    "summary": "Memilih akun, menentukan debit dan kredit, dan menjurnal bulan Maret.",
    "summary_en": "Choosing accounts, deciding debit and credit, and journalising March.",
    "minutes": 45,
    "body": [
        (
            "text",
            "<p>Setiap jurnal mempunyai tanggal, nomor bukti, akun yang didebit, akun "
            "yang dikredit, dan jumlah. <b>Jumlah debit selalu sama dengan jumlah "
            "kredit.</b> Akun dipilih dari bagan akun koperasi, bukan dikarang.</p>",
        ),
        ("heading", "Saldo normal"),
        (
            "text",
            "<ul><li>Aset (Kas, Persediaan, Beban dibayar di muka, Peralatan) dan "
            "beban: bertambah di <b>debit</b>.</li>"
            "<li>Liabilitas (Utang usaha, <b>Simpanan sukarela</b>), ekuitas "
            "(<b>Simpanan pokok, Simpanan wajib</b>, Cadangan) dan pendapatan: "
            "bertambah di <b>kredit</b>.</li></ul>",
        ),
        c.callout(
            "definition",
            "Anggota dan bukan anggota",
            "<p>Penjualan kepada anggota dicatat sebagai <b>Partisipasi bruto "
            "anggota</b>; penjualan kepada bukan anggota di akun tersendiri. Hanya SHU "
            "dari anggota yang dibagikan kepada anggota.</p>",
        ),
        c.example(
            "Pembelian 5 Maret",
            "<p>Sembako Rp 8.000.000; Rp 5.000.000 tunai, sisanya utang.</p>",
            [
                "<p>Persediaan bertambah: debit Persediaan Rp 8.000.000.</p>",
                "<p>Kas berkurang: kredit Kas Rp 5.000.000.</p>",
                "<p>Utang bertambah: kredit Utang usaha Rp 3.000.000.</p>",
            ],
            "<p>Debit 8.000.000 = kredit 5.000.000 + 3.000.000.</p>",
        ),
        c.example(
            "Penjualan 10 Maret",
            "<p>Penjualan tunai kepada anggota Rp 6.000.000, harga pokok Rp 4.800.000.</p>",
            [
                "<p>Kas (D) Rp 6.000.000 \u2014 Partisipasi bruto anggota (K) Rp 6.000.000.</p>",
                "<p>Beban pokok penjualan \u2013 anggota (D) Rp 4.800.000 \u2014 "
                "Persediaan (K) Rp 4.800.000.</p>",
            ],
            "<p>Dua pasang baris, masing-masing seimbang.</p>",
        ),
        (
            "text",
            "<p>Sewa 12 bulan yang dibayar 20 Maret dicatat sebagai <b>Beban dibayar "
            "di muka</b> (aset), karena sebagian besar manfaatnya belum dipakai. "
            "Simpanan sukarela 15 Maret: Kas (D) \u2014 Simpanan sukarela (K).</p>",
        ),
    ],
    "quiz": {
        "title": "Kuis modul 3: Jurnal",
        "questions": [
            c.matching(
                "Jodohkan transaksi Sido Makmur dengan jurnalnya.",
                [
                    ("2 Mar: simpanan pokok anggota baru", "Kas (D) \u2014 Simpanan pokok (K)"),
                    ("15 Mar: anggota menabung", "Kas (D) \u2014 Simpanan sukarela (K)"),
                    (
                        "20 Mar: sewa kios 12 bulan di muka",
                        "Beban dibayar di muka (D) \u2014 Kas (K)",
                    ),
                    ("28 Mar: melunasi pemasok", "Utang usaha (D) \u2014 Kas (K)"),
                ],
            ),
            c.numeric(
                "Berapa jumlah sisi kredit jurnal penjualan 12 Maret kepada bukan "
                "anggota (penjualan dan harga pokoknya)?",
                2700000,
                "Penjualan kepada non-anggota 1.500.000 + Persediaan 1.200.000.",
            ),
            c.single(
                "Akun yang dikredit untuk penjualan tunai kepada anggota adalah ...",
                [
                    ("Partisipasi bruto anggota", True),
                    ("Penjualan kepada non-anggota", False),
                    ("Simpanan wajib", False),
                    ("Kas", False),
                ],
            ),
            c.true_false(
                "Simpanan sukarela anggota dicatat di sisi kredit karena merupakan "
                "liabilitas koperasi.",
                True,
            ),
            c.short_text(
                "Sewa kios yang dibayar untuk 12 bulan ke depan dicatat dulu sebagai "
                "akun aset bernama ...",
                ["beban dibayar di muka", "beban dibayar dimuka", "sewa dibayar di muka"],
            ),
        ],
    },
}


BUKU_BESAR: dict[str, Any] = {
    "slug": "buku-besar-dan-kartu-simpanan",
    "title": "Buku besar, buku pembantu, dan kartu simpanan",
    "title_en": "The general ledger, subsidiary ledgers and savings cards",
    "summary": "Memposting jurnal, menghitung saldo akun, dan memelihara kartu simpanan.",
    "summary_en": "Posting the journal, computing balances, and keeping savings cards.",
    "minutes": 40,
    "body": [
        (
            "text",
            "<p>Setiap baris jurnal dipindahkan (diposting) ke akunnya di <b>buku "
            "besar</b>, dengan tanggal dan nomor jurnal sebagai rujukan. Saldo akun = "
            "saldo awal + mutasi di sisi normal \u2212 mutasi di sisi lawan.</p>",
        ),
        c.example(
            "Akun Persediaan bulan Maret",
            "<p>Saldo awal nol; jurnal 5, 10 dan 12 Maret menyentuh Persediaan.</p>",
            [
                "<p>Debit 5 Mar: Rp 8.000.000.</p>",
                "<p>Kredit 10 Mar: Rp 4.800.000; kredit 12 Mar: Rp 1.200.000.</p>",
                "<p>Saldo = 8.000.000 \u2212 4.800.000 \u2212 1.200.000.</p>",
            ],
            "<p>Saldo Persediaan 31 Maret <b>Rp 2.000.000</b> (debit).</p>",
        ),
        ("heading", "Buku pembantu dan kartu simpanan"),
        (
            "text",
            "<p>Buku pembantu merinci satu akun buku besar per orang. Setiap anggota "
            "mempunyai <b>kartu simpanan</b> dengan kolom pokok, wajib, sukarela, dan "
            "saldonya. Jumlah saldo semua kartu simpanan wajib harus sama dengan saldo "
            "akun Simpanan wajib di buku besar (akun kontrol); begitu juga piutang per "
            "anggota dengan akun Piutang usaha anggota.</p>",
        ),
        c.callout(
            "tip",
            "Cocokkan setiap akhir bulan",
            "<p>Jumlahkan kartu simpanan wajib: 120 anggota. Bila jumlahnya berbeda "
            "dengan buku besar, cari kartu yang belum diisi atau setoran yang tercatat "
            "dua kali.</p>",
        ),
        c.example(
            "Kartu simpanan Bu Sari",
            "<p>Bu Sari anggota sejak Januari 2026: simpanan pokok Rp 100.000 dan "
            "simpanan wajib Rp 20.000 setiap bulan. Pada 15 Maret ia menabung "
            "sukarela Rp 250.000.</p>",
            [
                "<p>Pokok: Rp 100.000 (sekali).</p>",
                "<p>Wajib Januari\u2013Maret: 3 \u00d7 20.000 = Rp 60.000.</p>",
                "<p>Sukarela: Rp 250.000.</p>",
            ],
            "<p>Saldo semua simpanan Bu Sari 31 Maret <b>Rp 410.000</b>.</p>",
        ),
    ],
    "quiz": {
        "title": "Kuis modul 4: Buku besar dan kartu simpanan",
        "questions": [
            c.numeric(
                "Berapa saldo akun Simpanan wajib Sido Makmur pada 31 Maret?",
                6800000,
                "Saldo awal 4.400.000 + setoran Maret 2.400.000.",
            ),
            c.numeric(
                "Berapa saldo akun Simpanan pokok Sido Makmur pada 31 Maret?",
                12000000,
                "11.000.000 + 10 anggota baru \u00d7 100.000.",
            ),
            c.true_false(
                "Jumlah saldo semua kartu simpanan wajib anggota harus sama dengan saldo "
                "akun Simpanan wajib di buku besar.",
                True,
            ),
            c.single(
                "Buku pembantu yang merinci simpanan setiap anggota disebut ...",
                [
                    ("kartu simpanan anggota", True),
                    ("buku kas harian", False),
                    ("neraca saldo", False),
                ],
            ),
            c.ordering(
                "Urutkan pekerjaan juru buku untuk satu setoran simpanan wajib.",
                [
                    "Memeriksa bukti setoran",
                    "Mencatat jurnal Kas (D) \u2014 Simpanan wajib (K)",
                    "Memposting ke buku besar",
                    "Mengisi kartu simpanan anggota itu",
                ],
            ),
        ],
    },
}


NERACA_SALDO: dict[str, Any] = {
    "slug": "neraca-saldo-dan-penyesuaian",
    "title": "Neraca saldo dan jurnal penyesuaian",
    "title_en": "Trial balance and adjusting entries",
    "summary": "Menyusun neraca saldo, mencari selisih, dan menyesuaikan akhir periode.",
    "summary_en": "Drawing up the trial balance, tracing differences, and adjusting at period end.",
    "minutes": 45,
    "body": [
        (
            "text",
            "<p><b>Neraca saldo</b> mendaftar saldo setiap akun buku besar pada satu "
            "tanggal. Jumlah kolom debit harus sama dengan jumlah kolom kredit.</p>",
        ),
        c.example(
            "Neraca saldo Sido Makmur 31 Maret (sebelum penyesuaian)",
            "<p>Susun dari saldo buku besar.</p>",
            [
                "<p>Debit: Kas 9.650.000; Persediaan 2.000.000; Beban dibayar di muka "
                "2.400.000; Peralatan 6.000.000; Beban pokok penjualan \u2013 anggota "
                "4.800.000; Beban pokok penjualan \u2013 non-anggota 1.200.000; Beban "
                "honor 1.000.000.</p>",
                "<p>Kredit: Simpanan sukarela 750.000; Simpanan pokok 12.000.000; "
                "Simpanan wajib 6.800.000; Partisipasi bruto anggota 6.000.000; "
                "Penjualan kepada non-anggota 1.500.000.</p>",
            ],
            "<p>Kedua kolom berjumlah <b>Rp 27.050.000</b>.</p>",
        ),
        c.callout(
            "tip",
            "Bila tidak seimbang",
            "<p>Hitung selisihnya. Selisih yang habis dibagi 2 sering berarti satu "
            "jumlah ditulis di sisi yang salah; selisih yang habis dibagi 9 sering "
            "berarti angka tertukar (misalnya 540.000 ditulis 450.000). Telusuri "
            "sampai ke jurnal dan buktinya.</p>",
        ),
        ("heading", "Jurnal penyesuaian"),
        (
            "text",
            "<p>Pada akhir periode, catatan disesuaikan agar beban dan pendapatan "
            "masuk ke periode yang benar.</p>"
            "<ul><li><b>Sewa yang sudah terpakai</b>: 2.400.000 \u00f7 12 = Rp 200.000 "
            "untuk Maret. Beban sewa (D) \u2014 Beban dibayar di muka (K).</li>"
            "<li><b>Penyusutan peralatan</b>: Rp 6.000.000, umur 5 tahun, tanpa nilai "
            "sisa, metode garis lurus: 6.000.000 \u00f7 5 \u00f7 12 = Rp 100.000 per "
            "bulan. Beban penyusutan (D) \u2014 Akumulasi penyusutan peralatan "
            "(K).</li></ul>",
        ),
        c.callout(
            "definition",
            "Akumulasi penyusutan",
            "<p>Akun lawan (kontra) aset bersaldo kredit. Harga perolehan peralatan "
            "tetap tercatat Rp 6.000.000; nilai bukunya 6.000.000 \u2212 akumulasi "
            "penyusutan.</p>",
        ),
    ],
    "quiz": {
        "title": "Kuis modul 5: Neraca saldo dan penyesuaian",
        "questions": [
            c.numeric(
                "Berapa jumlah kolom debit neraca saldo Sido Makmur setelah kedua "
                "jurnal penyesuaian Maret?",
                27150000,
                "Penyesuaian sewa memindahkan 200.000 di sisi debit; penyusutan "
                "menambah 100.000 di kedua sisi: 27.050.000 + 100.000.",
            ),
            c.numeric(
                "Sebuah komputer kasir dibeli Rp 4.800.000, umur 4 tahun, tanpa nilai "
                "sisa, garis lurus. Berapa beban penyusutan per bulan?",
                100000,
                "4.800.000 \u00f7 4 \u00f7 12.",
            ),
            c.single(
                "Jurnal penyesuaian untuk sewa yang sudah terpakai adalah ...",
                [
                    ("Beban sewa (D) \u2014 Beban dibayar di muka (K)", True),
                    ("Beban dibayar di muka (D) \u2014 Beban sewa (K)", False),
                    ("Beban sewa (D) \u2014 Kas (K)", False),
                ],
            ),
            c.true_false(
                "Selisih neraca saldo Rp 90.000 bisa disebabkan angka yang tertukar, "
                "misalnya 540.000 ditulis 450.000.",
                True,
                "540.000 \u2212 450.000 = 90.000, habis dibagi 9.",
            ),
            c.multiple(
                "Akun mana yang muncul di neraca saldo dengan saldo kredit?",
                [
                    ("Simpanan wajib", True),
                    ("Akumulasi penyusutan peralatan", True),
                    ("Beban dibayar di muka", False),
                    ("Persediaan", False),
                ],
            ),
        ],
    },
}


LAPORAN: dict[str, Any] = {
    "slug": "laporan-keuangan-koperasi-juru-buku",
    "title": "Laporan keuangan koperasi",
    "title_en": "A cooperative's financial statements",
    "summary": "Laporan posisi keuangan dan laporan perhitungan hasil usaha (Permenkop 2/2024).",
    "summary_en": "The statement of financial position and the statement of operating "
    "results (Permenkop 2/2024).",
    "minutes": 45,
    "body": [
        (
            "text",
            "<p>Permenkop UKM 2/2024 tentang Kebijakan Akuntansi Koperasi mengatur "
            "laporan keuangan koperasi: <b>laporan posisi keuangan</b> (disebut juga "
            "neraca), <b>laporan perhitungan hasil usaha</b> (PHU), laporan perubahan "
            "ekuitas, laporan arus kas, dan catatan atas laporan keuangan (CALK). "
            "Periodenya 1 Januari\u201331 Desember.</p>",
        ),
        ("heading", "Perhitungan hasil usaha Maret"),
        (
            "text",
            "<ul><li>Partisipasi bruto anggota 6.000.000 \u2212 beban pokok penjualan "
            "anggota 4.800.000 = <b>partisipasi neto anggota 1.200.000</b>.</li>"
            "<li>Penjualan kepada non-anggota 1.500.000 \u2212 beban pokoknya "
            "1.200.000 = <b>hasil dari non-anggota 300.000</b>.</li>"
            "<li>Beban usaha: honor 1.000.000 + sewa 200.000 + penyusutan 100.000 = "
            "1.300.000.</li>"
            "<li><b>SHU Maret</b> = 1.200.000 + 300.000 \u2212 1.300.000 = "
            "<b>Rp 200.000</b>.</li></ul>",
        ),
        ("heading", "Posisi keuangan 31 Maret"),
        (
            "text",
            "<p><b>Aset</b>: Kas 9.650.000; Persediaan 2.000.000; Beban dibayar di muka "
            "2.200.000; Peralatan 6.000.000 dikurangi akumulasi penyusutan 100.000 = "
            "5.900.000. Jumlah <b>Rp 19.750.000</b>.</p>"
            "<p><b>Liabilitas</b>: Simpanan sukarela 750.000.</p>"
            "<p><b>Ekuitas</b>: Simpanan pokok 12.000.000; Simpanan wajib 6.800.000; "
            "SHU tahun berjalan 200.000. Liabilitas + ekuitas = "
            "<b>Rp 19.750.000</b>.</p>",
        ),
        c.callout(
            "definition",
            "Mengapa simpanan pokok dan wajib termasuk ekuitas",
            "<p>Keduanya tidak dapat diambil selama seseorang masih menjadi anggota, "
            "sedangkan simpanan sukarela dapat diambil sehingga menjadi "
            "liabilitas.</p>",
        ),
        c.callout(
            "tip",
            "Pisahkan anggota dan non-anggota",
            "<p>PHU menampilkan hasil dari anggota dan dari bukan anggota secara "
            "terpisah, karena hanya SHU dari anggota yang dibagikan kepada "
            "anggota.</p>",
        ),
    ],
    "quiz": {
        "title": "Kuis modul 6: Laporan keuangan",
        "questions": [
            c.numeric(
                "Berapa partisipasi neto anggota Sido Makmur bulan Maret?",
                1200000,
                "6.000.000 \u2212 4.800.000.",
            ),
            c.numeric(
                "Berapa jumlah aset Sido Makmur pada 31 Maret setelah penyesuaian?",
                19750000,
                "9.650.000 + 2.000.000 + 2.200.000 + 5.900.000.",
            ),
            c.matching(
                "Jodohkan akun dengan kelompoknya di laporan posisi keuangan.",
                [
                    ("Simpanan sukarela", "Liabilitas"),
                    ("Simpanan wajib", "Ekuitas"),
                    ("Beban dibayar di muka", "Aset"),
                ],
            ),
            c.true_false(
                "Menurut Permenkop 2/2024, neraca disebut juga laporan posisi keuangan.",
                True,
            ),
            c.short_text(
                "Laporan yang menjelaskan kebijakan akuntansi dan rincian angka disebut "
                "catatan atas laporan keuangan, disingkat ...",
                ["CALK"],
            ),
        ],
    },
}


SHU: dict[str, Any] = {
    "slug": "menghitung-dan-membagi-shu",
    "title": "Menghitung dan membagi SHU",
    "title_en": "Computing and distributing the surplus (SHU)",
    "summary": "Alokasi SHU menurut AD/ART, jasa modal dan jasa usaha per anggota, pembulatan.",
    "summary_en": "Allocating the surplus per the bylaws, each member's return on "
    "capital and patronage refund, rounding.",
    "minutes": 45,
    "body": [
        (
            "text",
            "<p>Menurut UU 25/1992 Pasal 45, SHU adalah pendapatan satu tahun buku "
            "dikurangi biaya, penyusutan, dan kewajiban lain termasuk pajak. SHU "
            "setelah dikurangi dana cadangan dibagikan kepada anggota sebanding dengan "
            "jasa usahanya, serta untuk keperluan lain koperasi, sesuai keputusan "
            "Rapat Anggota. Persentasenya ditetapkan AD/ART atau RAT dan harus "
            "berjumlah tepat 100%.</p>",
        ),
        c.example(
            "Alokasi SHU Sido Makmur 2026",
            "<p>SHU 2026 Rp 50.000.000; Rp 10.000.000 di antaranya dari usaha dengan "
            "bukan anggota dan, menurut AD, dimasukkan ke cadangan. SHU dari anggota "
            "Rp 40.000.000 dialokasikan: cadangan 30%, jasa modal 20%, jasa usaha 30%, "
            "dana pengurus 5%, dana karyawan 5%, dana pendidikan 5%, dana sosial "
            "5%.</p>",
            [
                "<p>Periksa: 30 + 20 + 30 + 5 + 5 + 5 + 5 = 100%.</p>",
                "<p>Dana jasa modal (JMA) = 20% \u00d7 40.000.000 = Rp 8.000.000.</p>",
                "<p>Dana jasa usaha (JUA) = 30% \u00d7 40.000.000 = Rp 12.000.000.</p>",
            ],
            "<p>Cadangan = 10.000.000 + 30% \u00d7 40.000.000 = <b>Rp 22.000.000</b>.</p>",
        ),
        c.callout(
            "definition",
            "Rumus per anggota",
            "<p>JMA anggota = (simpanan pokok + wajib anggota \u00f7 jumlah simpanan "
            "pokok + wajib semua anggota) \u00d7 dana JMA<br>"
            "JUA anggota = (belanja anggota \u00f7 belanja semua anggota) \u00d7 dana "
            "JUA</p>",
        ),
        c.example(
            "Bu Sari",
            "<p>Simpanan pokok + wajib seluruh anggota akhir 2026 Rp 34.000.000; "
            "belanja seluruh anggota Rp 240.000.000. Bu Sari: simpanan pokok + wajib "
            "Rp 340.000, belanja Rp 2.400.000.</p>",
            [
                "<p>JMA = 340.000 \u00f7 34.000.000 \u00d7 8.000.000 = Rp 80.000.</p>",
                "<p>JUA = 2.400.000 \u00f7 240.000.000 \u00d7 12.000.000 = Rp 120.000.</p>",
            ],
            "<p>SHU Bu Sari <b>Rp 200.000</b>.</p>",
        ),
        ("heading", "Pembulatan"),
        (
            "text",
            "<p>Hitung dengan angka pecahan yang tepat dan bulatkan di akhir dengan "
            "satu aturan yang ditulis di CALK, misalnya: bagian setiap anggota "
            "dibulatkan ke bawah ke rupiah penuh dan sisa pembulatan dibukukan ke "
            "cadangan. Pak Darto (masuk Juli, simpanan Rp 220.000, belanja "
            "Rp 1.000.000): JMA = 220.000 \u00f7 34.000.000 \u00d7 8.000.000 = "
            "Rp 51.764,70\u2026; JUA = Rp 50.000; dibayar <b>Rp 101.764</b>.</p>",
        ),
        c.callout(
            "warning",
            "Contoh buku yang keliru",
            "<p>Ada contoh populer dengan alokasi 40 + 40 + 5 + 5 + 5 + 5 + 5 = 105%. "
            "Alokasi seperti itu tidak bisa dibagi; tolak dan minta RAT "
            "membetulkannya.</p>",
        ),
    ],
    "quiz": {
        "title": "Kuis modul 7: SHU",
        "questions": [
            c.numeric(
                "Dengan data Sido Makmur 2026 (dana JMA Rp 8.000.000, jumlah simpanan "
                "Rp 34.000.000, dana JUA Rp 12.000.000, belanja anggota Rp 240.000.000), "
                "Pak Rudi punya simpanan Rp 170.000 dan belanja Rp 600.000. Berapa SHU "
                "Pak Rudi?",
                70000,
                "JMA 170.000/34.000.000 \u00d7 8.000.000 = 40.000; JUA "
                "600.000/240.000.000 \u00d7 12.000.000 = 30.000.",
            ),
            c.numeric(
                "SHU dari anggota Rp 40.000.000 dan dana pendidikan 5%. Berapa dana pendidikan?",
                2000000,
            ),
            c.true_false(
                "Alokasi cadangan 40%, jasa anggota 40%, dan lima dana lain masing-masing "
                "5% dapat dipakai karena semua pos sudah terisi.",
                False,
                "Jumlahnya 105%, bukan 100%.",
            ),
            c.single(
                "SHU dari usaha dengan bukan anggota ...",
                [
                    ("tidak dibagikan sebagai jasa usaha kepada anggota", True),
                    ("dibagikan kepada bukan anggota yang berbelanja", False),
                    ("dibagikan rata kepada semua anggota", False),
                ],
            ),
            c.ordering(
                "Urutkan langkah membagi SHU.",
                [
                    "Menghitung SHU tahun buku",
                    "RAT menetapkan persentase alokasi",
                    "Menghitung dana JMA dan dana JUA",
                    "Menghitung bagian setiap anggota dan membulatkannya",
                ],
            ),
        ],
    },
}


LEMBAR_KERJA: dict[str, Any] = {
    "slug": "lembar-kerja-dan-aplikasi-pembukuan",
    "title": "Lembar kerja dan aplikasi pembukuan",
    "title_en": "Spreadsheets and bookkeeping applications",
    "summary": "Jurnal di lembar kerja, rumus pemeriksa, neraca saldo otomatis, dan cadangan data.",
    "summary_en": "A journal in a spreadsheet, checking formulas, an automatic trial "
    "balance, and backups.",
    "minutes": 40,
    "body": [
        (
            "text",
            "<p>Lembar kerja (Excel, LibreOffice Calc, Google Sheets) atau aplikasi "
            "pembukuan seperti Kopsis menghemat waktu menghitung, tetapi aturannya "
            "tetap sama: setiap baris punya bukti, debit sama dengan kredit, dan "
            "catatan lama tidak ditimpa.</p>",
        ),
        ("heading", "Susunan lembar kerja"),
        (
            "text",
            "<ul><li>Lembar <b>Akun</b>: kode dan nama akun (bagan akun).</li>"
            "<li>Lembar <b>Jurnal</b>: kolom A tanggal, B nomor bukti, C uraian, D "
            "kode akun, E debit, F kredit. Satu baris satu akun.</li>"
            "<li>Lembar <b>Neraca saldo</b>: untuk setiap kode akun, jumlah debit "
            "dan kredit dari lembar Jurnal.</li></ul>",
        ),
        c.callout(
            "tip",
            "Rumus yang berguna",
            "<p>Pemeriksa keseimbangan: <code>=SUM(Jurnal!E:E)-SUM(Jurnal!F:F)</code> "
            'harus 0. Debit satu akun: <code>=SUMIF(Jurnal!D:D;"1-1101";'
            "Jurnal!E:E)</code>. Pemisah argumen bisa titik koma atau koma, tergantung "
            "pengaturan bahasa komputer.</p>",
        ),
        c.callout(
            "warning",
            "Cadangkan data",
            "<p>Simpan salinan berkas setiap pekan dengan tanggal di namanya, di "
            "tempat lain selain komputer toko (misalnya flashdisk yang disimpan "
            "pengurus). Berkas berisi data pribadi anggota: beri kata sandi dan jangan "
            "dibagikan di grup percakapan.</p>",
        ),
        (
            "text",
            "<p>Aplikasi pembukuan seperti Kopsis memeriksa keseimbangan jurnal "
            "sebelum menyimpan, tidak mengizinkan jurnal yang sudah dibukukan diubah "
            "(koreksi lewat jurnal pembalik), dan menyusun neraca saldo serta laporan "
            "langsung dari jurnal.</p>",
        ),
    ],
    "quiz": {
        "title": "Kuis modul 8: Lembar kerja",
        "questions": [
            c.single(
                "Rumus mana yang memeriksa apakah jumlah debit sama dengan jumlah kredit "
                "di lembar Jurnal (debit di kolom E, kredit di kolom F)?",
                [
                    ("=SUM(Jurnal!E:E)-SUM(Jurnal!F:F), hasilnya harus 0", True),
                    ("=SUM(Jurnal!E:F), hasilnya harus 0", False),
                    ("=COUNT(Jurnal!E:E), hasilnya harus 0", False),
                ],
            ),
            c.true_false(
                "Berkas pembukuan yang berisi data anggota boleh dibagikan di grup "
                "percakapan warga agar transparan.",
                False,
                "Transparansi lewat laporan di RAT; data pribadi anggota dijaga.",
            ),
            c.matching(
                "Jodohkan lembar dengan isinya.",
                [
                    ("Akun", "Kode dan nama akun"),
                    ("Jurnal", "Tanggal, bukti, akun, debit, kredit"),
                    ("Neraca saldo", "Saldo setiap akun pada satu tanggal"),
                ],
            ),
            c.multiple(
                "Kebiasaan mana yang baik untuk mencadangkan data?",
                [
                    ("Menyimpan salinan bertanggal setiap pekan", True),
                    ("Menyimpan salinan di tempat lain selain komputer toko", True),
                    ("Menimpa satu-satunya berkas setiap hari", False),
                ],
            ),
            c.short_text(
                "Fungsi lembar kerja untuk menjumlahkan angka dengan syarat tertentu "
                "(misalnya kode akun 1-1101) adalah ...",
                ["SUMIF", "SUMIFS", "=SUMIF"],
            ),
        ],
    },
}


TES_TULIS: dict[str, Any] = {
    "slug": "tes-tulis-juru-buku",
    "title": "Persiapan uji kompetensi dan tes tulis",
    "title_en": "Preparing for the competency test; the written test",
    "summary": "Apa yang diuji, cara kerja studi kasus, dan tes tulis semua unit.",
    "summary_en": "What is assessed, how the practical case works, and the written test "
    "over all units.",
    "minutes": 40,
    "body": [
        (
            "text",
            "<p>Uji kompetensi juru buku dinas terdiri atas tes tulis (kuis di bawah "
            "ini), <b>studi kasus praktik</b> (mencatat satu bulan transaksi sebuah "
            "koperasi di buku latihan, memposting, dan menyusun neraca saldo), dan "
            "observasi atau wawancara oleh asesor. Asesor memutuskan <b>Kompeten "
            "(K)</b> atau <b>Belum Kompeten (BK)</b> untuk setiap unit; hasil akhir K "
            "bila semua unit wajib K.</p>",
        ),
        c.callout(
            "tip",
            "Studi kasus",
            "<p>Setiap peserta mendapat angka yang berbeda dengan tingkat kesulitan "
            "yang sama. Nilai dihitung per transaksi: akun, sisi, jumlah, dan tanggal. "
            "Kerjakan transaksi satu per satu dan periksa keseimbangan sebelum "
            "menyimpan.</p>",
        ),
        c.callout(
            "definition",
            "Sertifikat",
            "<p>Peserta yang kompeten menerima Sertifikat Juru Buku dari dinas. "
            "Sertifikat ini bukan sertifikat kompetensi BNSP, yang hanya diterbitkan "
            "LSP berlisensi BNSP.</p>",
        ),
    ],
    "quiz": {
        "title": "Tes tulis juru buku koperasi",
        "pass_mark": 70,
        "max_attempts": 2,
        "time_limit": 45,
        "questions": [
            c.true_false(
                "Simpanan wajib dapat diambil anggota kapan saja seperti tabungan.",
                False,
                "Simpanan wajib tidak dapat diambil selama masih menjadi anggota.",
            ),
            c.single(
                "Setoran simpanan pokok anggota baru dijurnal ...",
                [
                    ("Kas (D) \u2014 Simpanan pokok (K)", True),
                    ("Simpanan pokok (D) \u2014 Kas (K)", False),
                    ("Kas (D) \u2014 Partisipasi bruto anggota (K)", False),
                ],
            ),
            c.numeric(
                "Saldo kas awal Rp 2.000.000; hari ini masuk Rp 750.000 dan keluar "
                "Rp 1.100.000. Berapa saldo kas akhir hari?",
                1650000,
            ),
            c.matching(
                "Jodohkan akun dengan saldo normalnya.",
                [
                    ("Persediaan", "Debit"),
                    ("Simpanan sukarela", "Kredit"),
                    ("Akumulasi penyusutan peralatan", "Kredit (akun kontra aset)"),
                ],
            ),
            c.numeric(
                "Peralatan Rp 12.000.000, umur 5 tahun, tanpa nilai sisa, garis lurus. "
                "Berapa beban penyusutan satu bulan?",
                200000,
                "12.000.000 \u00f7 5 \u00f7 12.",
            ),
            c.single(
                "Neraca saldo tidak seimbang dengan selisih Rp 300.000 di sisi debit. "
                "Dugaan pertama yang paling masuk akal adalah ...",
                [
                    ("Sebuah jumlah Rp 150.000 ditulis di sisi debit, bukan kredit", True),
                    ("Koperasi rugi Rp 300.000", False),
                    ("Kas hilang Rp 300.000", False),
                ],
                "Jumlah di sisi yang salah membuat selisih dua kali jumlahnya.",
            ),
            c.multiple(
                "Mana yang termasuk laporan keuangan koperasi menurut Permenkop 2/2024?",
                [
                    ("Laporan posisi keuangan", True),
                    ("Laporan perhitungan hasil usaha", True),
                    ("Catatan atas laporan keuangan", True),
                    ("Daftar hadir RAT", False),
                ],
            ),
            c.numeric(
                "Dana jasa usaha Rp 9.000.000; belanja seluruh anggota Rp 180.000.000; "
                "belanja Pak Amir Rp 3.600.000. Berapa jasa usaha Pak Amir?",
                180000,
                "3.600.000 \u00f7 180.000.000 \u00d7 9.000.000.",
            ),
            c.true_false(
                "Persentase alokasi SHU menurut AD/ART harus berjumlah tepat 100%.",
                True,
            ),
            c.ordering(
                "Urutkan siklus pembukuan.",
                [
                    "Bukti transaksi",
                    "Jurnal",
                    "Buku besar dan buku pembantu",
                    "Neraca saldo dan penyesuaian",
                    "Laporan keuangan",
                ],
            ),
        ],
    },
}


COURSE = {
    "slug": "pembukuan-koperasi-juru-buku",
    "title": "Pembukuan Koperasi untuk Juru Buku",
    "title_en": "Cooperative Bookkeeping for Bookkeepers",
    "summary": (
        "Pelatihan juru buku koperasi desa dan koperasi lainnya sebelum uji kompetensi "
        "dinas: bukti dan buku kas, jurnal, buku besar dan kartu simpanan, neraca saldo dan "
        "penyesuaian, laporan keuangan, SHU, serta lembar kerja."
    ),
    "summary_en": (
        "Training for bookkeepers of village and other cooperatives before the district "
        "office's competency test: documents and the cash book, journal entries, the ledger "
        "and savings cards, the trial balance and adjustments, the financial statements, "
        "the surplus, and spreadsheets."
    ),
    "level": "umum",
    "minutes": 370,
    "tags": ["Juru Buku", "Akuntansi", "Koperasi Desa"],
    "objectives": [
        "Menjelaskan tugas juru buku, perangkat organisasi, dan etika kerjanya.",
        "Memeriksa bukti transaksi dan mencatat buku kas harian.",
        "Menjurnal transaksi koperasi dan memisahkan transaksi anggota dan bukan anggota.",
        "Memposting ke buku besar dan memelihara kartu simpanan anggota.",
        "Menyusun neraca saldo dan jurnal penyesuaian.",
        "Menyusun laporan posisi keuangan dan perhitungan hasil usaha.",
        "Menghitung alokasi SHU dan bagian setiap anggota.",
        "Memakai lembar kerja atau aplikasi pembukuan dan mencadangkan data.",
    ],
    "lessons": [
        PRINSIP,
        BUKTI_KAS,
        JURNAL,
        BUKU_BESAR,
        NERACA_SALDO,
        LAPORAN,
        SHU,
        LEMBAR_KERJA,
        TES_TULIS,
    ],
}
