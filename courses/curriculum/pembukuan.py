"""Course 2: "Dasar Pembukuan Koperasi (Juru Buku)", seven lessons. Written for Kopsis.

One small set of January transactions of Kopsis "Tunas Bangsa" runs through the lessons,
from the cash book to the statements, so every number can be checked against the others.
"""

from __future__ import annotations

from courses import curriculum as c

JANUARY = (
    "<p>Kopsis \u201cTunas Bangsa\u201d memulai Januari dengan kas Rp 150.000 (simpanan pokok "
    "10 pendiri Rp 100.000 dan simpanan wajib Rp 50.000). Transaksi Januari:</p>"
    "<ul><li>3 Jan: 5 anggota baru membayar simpanan pokok @ Rp 10.000.</li>"
    "<li>5 Jan: 20 anggota membayar simpanan wajib @ Rp 2.000.</li>"
    "<li>6 Jan: membeli alat tulis untuk dijual, tunai, Rp 120.000.</li>"
    "<li>8 Jan: menjual alat tulis kepada anggota, tunai, Rp 95.000 (harga pokoknya "
    "Rp 76.000).</li>"
    "<li>9 Jan: membayar fotokopi laporan Rp 10.000.</li></ul>"
)

COURSE = {
    "slug": "dasar-pembukuan-koperasi",
    "title": "Dasar Pembukuan Koperasi (Juru Buku)",
    "title_en": "Cooperative Bookkeeping Basics (Bookkeeper)",
    "summary": (
        "Belajar menjadi juru buku koperasi: bukti transaksi, buku kas, jurnal umum, buku besar "
        "dan buku pembantu, neraca saldo, laporan keuangan, sampai menghitung SHU setiap "
        "anggota."
    ),
    "summary_en": (
        "Learn to keep a cooperative's books: source documents, the cash book, the general "
        "journal, the ledger and subsidiary ledgers, the trial balance, the financial "
        "statements, and each member's share of the surplus."
    ),
    "level": "SMA",
    "minutes": 300,
    "tags": ["Kokurikuler - Kewirausahaan", "Ekonomi", "Akuntansi", "Juru Buku"],
    "objectives": [
        "Memeriksa dan mengarsipkan bukti transaksi sebelum mencatat.",
        "Mencatat buku kas harian dan mencocokkan saldonya dengan uang yang ada.",
        "Menjurnal transaksi koperasi dengan debit dan kredit yang seimbang.",
        "Memindahkan jurnal ke buku besar dan kartu simpanan anggota.",
        "Menyusun neraca saldo dan mencari penyebab selisih.",
        "Menyusun laporan posisi keuangan dan laporan perhitungan hasil usaha sederhana.",
        "Menghitung jasa modal dan jasa usaha setiap anggota dengan aturan pembulatan.",
    ],
    "lessons": [
        {
            "slug": "bukti-transaksi",
            "title": "Bukti transaksi dan siklus pembukuan",
            "title_en": "Source documents and the bookkeeping cycle",
            "summary": "Tidak ada catatan tanpa bukti: jenis bukti dan urutan kerja juru buku.",
            "summary_en": "No entry without a document: kinds of source documents and the "
            "bookkeeper's workflow.",
            "minutes": 35,
            "body": [
                (
                    "text",
                    "<p>Juru buku adalah orang yang mencatat semua transaksi koperasi "
                    "dengan rapi, sehingga setiap rupiah bisa dipertanggungjawabkan di "
                    "Rapat Anggota Tahunan. Aturan pertamanya sederhana: <b>tidak ada "
                    "catatan tanpa bukti</b>.</p>",
                ),
                ("heading", "Jenis bukti transaksi"),
                (
                    "text",
                    "<ul><li><b>Kuitansi</b>: tanda terima uang yang ditandatangani "
                    "penerima.</li>"
                    "<li><b>Nota kontan</b>: bukti pembelian atau penjualan tunai.</li>"
                    "<li><b>Faktur</b>: bukti pembelian atau penjualan kredit.</li>"
                    "<li><b>Bukti kas masuk</b> dan <b>bukti kas keluar</b>: dibuat "
                    "koperasi sendiri untuk setiap penerimaan dan pengeluaran uang.</li>"
                    "<li><b>Bukti setoran simpanan</b> dan <b>slip setoran bank</b>.</li>"
                    "</ul>",
                ),
                c.callout(
                    "tip",
                    "Periksa sebelum mencatat",
                    "<p>Cek tanggal, jumlah (angka dan huruf sama), tanda tangan, dan "
                    "cap. Beri nomor urut, lalu arsipkan menurut tanggal.</p>",
                ),
                ("heading", "Siklus pembukuan"),
                (
                    "text",
                    "<p>Bukti transaksi → jurnal → buku besar dan buku pembantu → "
                    "neraca saldo dan kertas kerja → laporan keuangan. Selain itu juru "
                    "buku memegang buku kas harian dan kartu simpanan setiap anggota.</p>",
                ),
                (
                    "image",
                    {
                        # courses/demo.py draws this diagram with Pillow (no stock images).
                        "diagram": ["Bukti", "Jurnal", "Buku besar", "Neraca saldo", "Laporan"],
                        "alt": "Diagram siklus pembukuan: bukti transaksi, jurnal, buku besar, "
                        "neraca saldo, laporan keuangan, dihubungkan panah berurutan.",
                        "caption": "Siklus pembukuan koperasi.",
                    },
                ),
                c.callout(
                    "definition",
                    "Buku pembantu",
                    "<p>Rincian satu akun buku besar per orang atau per barang, misalnya "
                    "kartu simpanan setiap anggota.</p>",
                ),
            ],
            "quiz": {
                "title": "Kuis: Bukti transaksi",
                "questions": [
                    c.ordering(
                        "Urutkan siklus pembukuan koperasi.",
                        [
                            "Bukti transaksi",
                            "Jurnal",
                            "Buku besar dan buku pembantu",
                            "Neraca saldo",
                            "Laporan keuangan",
                        ],
                    ),
                    c.matching(
                        "Jodohkan transaksi dengan buktinya.",
                        [
                            ("Kopsis membeli kertas secara tunai di toko", "Nota kontan"),
                            ("Kopsis membeli seragam dari pemasok, dibayar bulan depan", "Faktur"),
                            ("Anggota menyetor simpanan wajib", "Bukti setoran simpanan"),
                            ("Kopsis menyetor uang ke rekening bank sekolah", "Slip setoran bank"),
                        ],
                    ),
                    c.true_false(
                        "Transaksi tanpa bukti boleh dicatat asalkan bendahara ingat jumlahnya.",
                        False,
                        "Tidak ada catatan tanpa bukti.",
                    ),
                    c.multiple(
                        "Apa yang diperiksa pada sebuah kuitansi sebelum dicatat?",
                        [
                            ("Tanggal", True),
                            ("Jumlah dalam angka dan huruf sama", True),
                            ("Tanda tangan penerima", True),
                            ("Warna kertasnya", False),
                        ],
                    ),
                    c.short_text(
                        "Orang yang bertugas mencatat transaksi koperasi disebut juru ...",
                        ["buku", "juru buku"],
                    ),
                ],
            },
        },
        {
            "slug": "buku-kas",
            "title": "Buku kas harian",
            "title_en": "The daily cash book",
            "summary": "Mencatat uang masuk dan keluar setiap hari dan mencocokkan saldo.",
            "summary_en": "Recording cash in and out every day and reconciling the balance.",
            "minutes": 40,
            "body": [
                (
                    "text",
                    "<p>Buku kas mencatat setiap uang yang masuk dan keluar, menurut "
                    "tanggal. Kolomnya: <b>tanggal, nomor bukti, keterangan, masuk, "
                    "keluar, saldo</b>. Saldo baru = saldo sebelumnya + masuk − "
                    "keluar.</p>",
                ),
                ("text", JANUARY),
                c.example(
                    "Buku kas Januari",
                    "<p>Hitung saldo kas Tunas Bangsa setelah transaksi 9 Januari.</p>",
                    [
                        "<p>Saldo awal Rp 150.000.</p>",
                        "<p>3 Jan masuk 5 × Rp 10.000 = Rp 50.000 → saldo Rp 200.000.</p>",
                        "<p>5 Jan masuk 20 × Rp 2.000 = Rp 40.000 → saldo Rp 240.000.</p>",
                        "<p>6 Jan keluar Rp 120.000 → saldo Rp 120.000.</p>",
                        "<p>8 Jan masuk Rp 95.000 → saldo Rp 215.000.</p>",
                        "<p>9 Jan keluar Rp 10.000 → saldo Rp 205.000.</p>",
                    ],
                    "<p>Saldo kas <b>Rp 205.000</b>.</p>",
                ),
                c.callout(
                    "warning",
                    "Saldo kas tidak mungkin negatif",
                    "<p>Uang tunai tidak bisa kurang dari nol. Jika saldo di buku menjadi "
                    "negatif, pasti ada transaksi yang salah catat atau belum dicatat.</p>",
                ),
                c.callout(
                    "tip",
                    "Hitung uang setiap hari",
                    "<p>Di akhir hari, hitung uang di kotak kas (<i>kas opname</i>) dan "
                    "cocokkan dengan saldo buku. Selisih dicari hari itu juga.</p>",
                ),
            ],
            "quiz": {
                "title": "Kuis: Buku kas",
                "questions": [
                    c.numeric(
                        "Saldo kas awal Rp 80.000. Kopsis menerima simpanan wajib "
                        "Rp 30.000, menjual barang tunai Rp 45.000, lalu membeli barang "
                        "dagangan tunai Rp 60.000. Berapa saldo kas akhir?",
                        95000,
                        "80.000 + 30.000 + 45.000 − 60.000 = 95.000.",
                    ),
                    c.numeric(
                        "25 anggota membayar simpanan wajib @ Rp 2.000. Berapa yang "
                        "dicatat di kolom masuk?",
                        50000,
                    ),
                    c.multiple(
                        "Transaksi mana yang dicatat di kolom MASUK buku kas?",
                        [
                            ("Menerima simpanan pokok anggota baru", True),
                            ("Penjualan tunai kepada anggota", True),
                            ("Membeli kertas HVS tunai", False),
                            ("Membayar honor pengelola kantin", False),
                        ],
                    ),
                    c.true_false(
                        "Saldo buku kas boleh negatif jika pengeluaran hari itu banyak.",
                        False,
                        "Uang tunai tidak bisa kurang dari nol.",
                    ),
                    c.numeric(
                        "Saldo buku kas Rp 205.000, tetapi uang yang dihitung di kotak kas "
                        "Rp 195.000. Berapa selisih yang harus dicari?",
                        10000,
                    ),
                ],
            },
        },
        {
            "slug": "jurnal-umum",
            "title": "Jurnal umum: debit dan kredit",
            "title_en": "The general journal: debit and credit",
            "summary": "Akun, saldo normal, dan jurnal transaksi khas koperasi sekolah.",
            "summary_en": "Accounts, normal balances, and typical school-cooperative entries.",
            "minutes": 45,
            "body": [
                (
                    "text",
                    "<p>Jurnal mencatat setiap transaksi dalam dua sisi: <b>debit</b> dan "
                    "<b>kredit</b>, dengan jumlah yang sama. Dasarnya persamaan "
                    "<b>Aset = Liabilitas + Ekuitas</b>.</p>",
                ),
                ("heading", "Saldo normal akun"),
                (
                    "text",
                    "<ul><li>Aset (Kas, Persediaan, Piutang): bertambah di <b>debit</b>."
                    "</li><li>Beban (Beban pokok penjualan, Beban administrasi): "
                    "<b>debit</b>.</li>"
                    "<li>Liabilitas (Utang usaha, <b>Simpanan sukarela</b>): "
                    "<b>kredit</b>.</li>"
                    "<li>Ekuitas (<b>Simpanan pokok, Simpanan wajib</b>, Cadangan): "
                    "<b>kredit</b>.</li>"
                    "<li>Pendapatan (Partisipasi bruto anggota, Penjualan kepada "
                    "non-anggota): <b>kredit</b>.</li></ul>",
                ),
                ("heading", "Jurnal khas koperasi"),
                (
                    "text",
                    "<ul><li>Anggota masuk: Kas (D) — Simpanan pokok (K).</li>"
                    "<li>Simpanan wajib bulanan: Kas (D) — Simpanan wajib (K).</li>"
                    "<li>Anggota menabung: Kas (D) — Simpanan sukarela (K).</li>"
                    "<li>Membeli barang dagangan tunai: Persediaan (D) — Kas (K).</li>"
                    "<li>Menjual kepada anggota tunai: Kas (D) — Partisipasi bruto anggota "
                    "(K), dan Beban pokok penjualan – anggota (D) — Persediaan (K).</li>"
                    "</ul>",
                ),
                c.callout(
                    "definition",
                    "Partisipasi bruto anggota",
                    "<p>Penjualan kepada anggota. Koperasi memisahkannya dari penjualan "
                    "kepada non-anggota, karena hanya SHU dari anggota yang dibagi kepada "
                    "anggota.</p>",
                ),
                c.example(
                    "Penjualan 8 Januari",
                    "<p>Tunas Bangsa menjual alat tulis kepada anggota tunai Rp 95.000, "
                    "harga pokoknya Rp 76.000. Buat jurnalnya.</p>",
                    [
                        "<p>Uang masuk: Kas bertambah di debit Rp 95.000; pendapatan "
                        "Partisipasi bruto anggota di kredit Rp 95.000.</p>",
                        "<p>Barang keluar: Beban pokok penjualan – anggota di debit "
                        "Rp 76.000; Persediaan berkurang di kredit Rp 76.000.</p>",
                        "<p>Periksa: debit 95.000 + 76.000 = kredit 95.000 + 76.000.</p>",
                    ],
                    "<p>Total debit = total kredit = <b>Rp 171.000</b>.</p>",
                ),
            ],
            "quiz": {
                "title": "Kuis: Jurnal umum",
                "questions": [
                    c.matching(
                        "Jodohkan transaksi dengan jurnalnya.",
                        [
                            (
                                "Anggota baru membayar simpanan pokok",
                                "Kas (D) — Simpanan pokok (K)",
                            ),
                            ("Anggota membayar simpanan wajib", "Kas (D) — Simpanan wajib (K)"),
                            ("Anggota menabung", "Kas (D) — Simpanan sukarela (K)"),
                            ("Membeli barang dagangan tunai", "Persediaan (D) — Kas (K)"),
                        ],
                    ),
                    c.single(
                        "Saldo normal akun Simpanan pokok ada di sisi ...",
                        [
                            ("Kredit", True),
                            ("Debit", False),
                        ],
                        "Simpanan pokok termasuk ekuitas, saldo normalnya kredit.",
                    ),
                    c.numeric(
                        "Kopsis menjual barang kepada anggota secara kredit Rp 150.000 "
                        "dengan harga pokok Rp 120.000. Berapa total sisi debit "
                        "jurnalnya?",
                        270000,
                        "Piutang usaha anggota 150.000 + Beban pokok penjualan 120.000.",
                    ),
                    c.true_false(
                        "Dalam setiap jurnal, jumlah debit harus sama dengan jumlah kredit.", True
                    ),
                    c.short_text(
                        "Simpanan sukarela termasuk kelompok akun ... (aset, liabilitas, "
                        "atau ekuitas)?",
                        ["liabilitas", "kewajiban", "utang"],
                        "Simpanan sukarela dapat diambil anggota, jadi merupakan "
                        "liabilitas koperasi.",
                    ),
                    c.multiple(
                        "Akun mana yang saldo normalnya debit?",
                        [
                            ("Kas", True),
                            ("Beban pokok penjualan – anggota", True),
                            ("Simpanan wajib", False),
                            ("Partisipasi bruto anggota", False),
                        ],
                    ),
                ],
            },
        },
        {
            "slug": "buku-besar-dan-buku-pembantu",
            "title": "Buku besar dan buku pembantu",
            "title_en": "The ledger and subsidiary ledgers",
            "summary": "Memindahkan jurnal ke akun dan menjaga kartu simpanan setiap anggota.",
            "summary_en": "Posting the journal to accounts and keeping each member's savings card.",
            "minutes": 40,
            "body": [
                (
                    "text",
                    "<p><b>Posting</b> adalah memindahkan setiap baris jurnal ke akunnya di "
                    "buku besar. Setiap akun punya kolom tanggal, keterangan, referensi "
                    "jurnal, debit, kredit, dan saldo.</p>"
                    "<p>Untuk akun bersaldo normal debit: saldo = jumlah debit − jumlah "
                    "kredit. Untuk akun bersaldo normal kredit: saldo = jumlah kredit − "
                    "jumlah debit.</p>",
                ),
                c.example(
                    "Akun Kas bulan Januari",
                    "<p>Posting transaksi Januari Tunas Bangsa ke akun Kas.</p>",
                    [
                        "<p>Debit: saldo awal 150.000; 50.000; 40.000; 95.000. Jumlah 335.000.</p>",
                        "<p>Kredit: 120.000; 10.000. Jumlah 130.000.</p>",
                        "<p>Saldo: 335.000 − 130.000.</p>",
                    ],
                    "<p>Saldo akun Kas <b>Rp 205.000</b>, sama dengan buku kas.</p>",
                ),
                ("heading", "Kartu simpanan anggota"),
                (
                    "text",
                    "<p>Kartu simpanan adalah buku pembantu untuk setiap anggota, berisi "
                    "simpanan pokok, wajib, dan sukarela beserta saldonya. Anggota berhak "
                    "melihat kartunya. Jumlah saldo semua kartu harus <b>sama</b> dengan "
                    "saldo akun simpanan di buku besar.</p>",
                ),
                c.example(
                    "Kartu simpanan Siti",
                    "<p>Siti membayar pokok Rp 10.000, wajib Januari–Maret @ Rp 2.000, "
                    "menabung sukarela Rp 15.000 lalu mengambil Rp 5.000.</p>",
                    [
                        "<p>Pokok: Rp 10.000.</p>",
                        "<p>Wajib: 3 × Rp 2.000 = Rp 6.000.</p>",
                        "<p>Sukarela: Rp 15.000 − Rp 5.000 = Rp 10.000.</p>",
                    ],
                    "<p>Pokok Rp 10.000, wajib Rp 6.000, sukarela Rp 10.000.</p>",
                ),
            ],
            "quiz": {
                "title": "Kuis: Buku besar",
                "questions": [
                    c.numeric(
                        "Akun Simpanan wajib bersaldo awal Rp 120.000 (kredit). Januari "
                        "diterima Rp 40.000 dan Februari Rp 38.000. Berapa saldonya akhir "
                        "Februari?",
                        198000,
                    ),
                    c.numeric(
                        "Kartu simpanan sukarela Andi: setor Rp 20.000, setor Rp 15.000, "
                        "ambil Rp 12.000. Berapa saldonya?",
                        23000,
                    ),
                    c.true_false(
                        "Jumlah saldo simpanan wajib di semua kartu anggota harus sama "
                        "dengan saldo akun Simpanan wajib di buku besar.",
                        True,
                    ),
                    c.single(
                        "Memindahkan baris jurnal ke akun di buku besar disebut ...",
                        [
                            ("posting", True),
                            ("menjurnal", False),
                            ("kas opname", False),
                            ("penutupan buku", False),
                        ],
                    ),
                    c.ordering(
                        "Urutkan langkah posting satu baris jurnal.",
                        [
                            "Cari akun yang tertulis di jurnal",
                            "Tulis tanggal dan keterangan",
                            "Masukkan jumlah di kolom debit atau kredit",
                            "Hitung saldo baru akun",
                        ],
                    ),
                ],
            },
        },
        {
            "slug": "neraca-saldo",
            "title": "Neraca saldo",
            "title_en": "The trial balance",
            "summary": "Mendaftar saldo semua akun dan mencari penyebab selisih.",
            "summary_en": "Listing every account balance and finding the cause of a difference.",
            "minutes": 40,
            "body": [
                (
                    "text",
                    "<p>Neraca saldo mendaftar saldo akhir semua akun buku besar dalam "
                    "kolom debit dan kredit. Jumlah kedua kolom harus sama.</p>",
                ),
                c.example(
                    "Neraca saldo Tunas Bangsa, 31 Januari",
                    "<p>Susun neraca saldo dari transaksi Januari.</p>",
                    [
                        "<p>Debit: Kas 205.000; Persediaan 44.000 (120.000 − 76.000); "
                        "Beban pokok penjualan – anggota 76.000; Beban administrasi dan umum "
                        "10.000.</p>",
                        "<p>Kredit: Simpanan pokok 150.000; Simpanan wajib 90.000; "
                        "Partisipasi bruto anggota 95.000.</p>",
                    ],
                    "<p>Jumlah debit = jumlah kredit = <b>Rp 335.000</b>.</p>",
                ),
                ("heading", "Jika tidak seimbang"),
                (
                    "text",
                    "<ul><li>Cek penjumlahan setiap kolom.</li>"
                    "<li>Cari saldo yang masuk di sisi yang salah: selisihnya dua kali "
                    "jumlah itu.</li>"
                    "<li>Angka tertukar (misalnya 84.000 ditulis 48.000) menghasilkan "
                    "selisih yang habis dibagi 9.</li></ul>",
                ),
                c.callout(
                    "warning",
                    "Seimbang belum tentu benar",
                    "<p>Transaksi yang sama sekali tidak dicatat, atau dicatat ke akun yang "
                    "salah di sisi yang benar, tidak membuat neraca saldo berselisih.</p>",
                ),
            ],
            "quiz": {
                "title": "Kuis: Neraca saldo",
                "questions": [
                    c.numeric(
                        "Jumlah kredit neraca saldo Rp 335.000. Saldo debit: Kas "
                        "Rp 205.000, Beban pokok penjualan Rp 76.000, Beban administrasi "
                        "Rp 10.000, dan Persediaan. Berapa saldo Persediaan?",
                        44000,
                    ),
                    c.numeric(
                        "Juru buku menulis Rp 84.000 sebagai Rp 48.000. Berapa selisih "
                        "yang muncul di neraca saldo?",
                        36000,
                        "84.000 − 48.000 = 36.000, dan 36.000 habis dibagi 9.",
                    ),
                    c.true_false(
                        "Transaksi yang sama sekali tidak dicatat akan membuat neraca "
                        "saldo tidak seimbang.",
                        False,
                        "Debit dan kredit sama-sama tidak tercatat, jadi tetap seimbang.",
                    ),
                    c.multiple(
                        "Akun mana yang muncul di kolom KREDIT neraca saldo Tunas Bangsa?",
                        [
                            ("Simpanan pokok", True),
                            ("Simpanan wajib", True),
                            ("Partisipasi bruto anggota", True),
                            ("Persediaan", False),
                        ],
                    ),
                    c.single(
                        "Saldo Beban administrasi Rp 10.000 tertulis di kolom kredit. "
                        "Berapa selisih neraca saldo?",
                        [
                            ("Rp 20.000", True),
                            ("Rp 10.000", False),
                            ("Rp 0", False),
                        ],
                        "Salah sisi membuat selisih dua kali jumlahnya.",
                    ),
                ],
            },
        },
        {
            "slug": "laporan-keuangan-koperasi",
            "title": "Laporan keuangan koperasi",
            "title_en": "Cooperative financial statements",
            "summary": "Lima laporan menurut Permenkop 2/2024, dengan contoh sederhana.",
            "summary_en": "The five statements under Permenkop 2/2024, with a simple example.",
            "minutes": 45,
            "body": [
                (
                    "text",
                    "<p>Permenkop UKM Nomor 2 Tahun 2024 tentang Kebijakan Akuntansi "
                    "Koperasi menetapkan laporan keuangan koperasi:</p>"
                    "<ol><li><b>Laporan posisi keuangan</b> (disebut juga neraca): aset, "
                    "liabilitas, ekuitas.</li>"
                    "<li><b>Laporan perhitungan hasil usaha (PHU)</b>: pendapatan, beban, "
                    "dan SHU.</li>"
                    "<li><b>Laporan perubahan ekuitas</b>.</li>"
                    "<li><b>Laporan arus kas</b>.</li>"
                    "<li><b>Catatan atas laporan keuangan (CALK)</b>.</li></ol>"
                    "<p>Periodenya 1 Januari–31 Desember, dalam Bahasa Indonesia dan "
                    "Rupiah. Mulai tahun buku 2025 koperasi memakai SAK EP (Standar "
                    "Akuntansi Keuangan Entitas Privat), yang menggantikan SAK "
                    "ETAP.</p>",
                ),
                c.example(
                    "PHU Januari Tunas Bangsa",
                    "<p>Hitung SHU bulan Januari dari neraca saldo.</p>",
                    [
                        "<p>Partisipasi bruto anggota Rp 95.000.</p>",
                        "<p>Dikurangi beban pokok penjualan Rp 76.000 → partisipasi neto "
                        "Rp 19.000.</p>",
                        "<p>Dikurangi beban administrasi Rp 10.000.</p>",
                    ],
                    "<p>SHU Januari <b>Rp 9.000</b>.</p>",
                ),
                c.example(
                    "Posisi keuangan 31 Januari",
                    "<p>Susun laporan posisi keuangan Tunas Bangsa.</p>",
                    [
                        "<p>Aset: Kas 205.000 + Persediaan 44.000 = 249.000.</p>",
                        "<p>Liabilitas: belum ada.</p>",
                        "<p>Ekuitas: Simpanan pokok 150.000 + Simpanan wajib 90.000 + SHU "
                        "tahun berjalan 9.000 = 249.000.</p>",
                    ],
                    "<p>Aset = Liabilitas + Ekuitas = <b>Rp 249.000</b>.</p>",
                ),
                c.callout(
                    "tip",
                    "Pisahkan anggota dan non-anggota",
                    "<p>Pendapatan dari anggota dan dari non-anggota dilaporkan terpisah, "
                    "karena hanya SHU dari anggota yang dibagikan kepada anggota.</p>",
                ),
            ],
            "quiz": {
                "title": "Kuis: Laporan keuangan",
                "questions": [
                    c.numeric(
                        "Partisipasi bruto anggota Rp 400.000, beban pokok penjualan "
                        "Rp 310.000, beban lain Rp 35.000. Berapa SHU?",
                        55000,
                    ),
                    c.numeric(
                        "Aset koperasi Rp 1.250.000 dan liabilitasnya Rp 300.000. Berapa "
                        "ekuitasnya?",
                        950000,
                        "Ekuitas = Aset − Liabilitas.",
                    ),
                    c.multiple(
                        "Manakah yang termasuk laporan keuangan koperasi menurut Permenkop 2/2024?",
                        [
                            ("Laporan posisi keuangan", True),
                            ("Laporan perhitungan hasil usaha", True),
                            ("Catatan atas laporan keuangan", True),
                            ("Daftar hadir Rapat Anggota", False),
                        ],
                    ),
                    c.true_false(
                        "Simpanan sukarela dilaporkan sebagai ekuitas.",
                        False,
                        "Simpanan sukarela dapat diambil, jadi dilaporkan sebagai liabilitas.",
                    ),
                    c.short_text("Apa kepanjangan CALK?", ["catatan atas laporan keuangan"]),
                    c.single(
                        "Laporan posisi keuangan disebut juga ...",
                        [
                            ("neraca", True),
                            ("buku kas", False),
                            ("jurnal", False),
                        ],
                    ),
                ],
            },
        },
        {
            "slug": "menghitung-shu-anggota",
            "title": "Menghitung SHU setiap anggota",
            "title_en": "Computing each member's surplus share",
            "summary": "Jasa modal dan jasa usaha anggota, dengan aturan pembulatan.",
            "summary_en": "Return on capital and patronage refund per member, with a "
            "rounding rule.",
            "minutes": 50,
            "body": [
                (
                    "text",
                    "<p>Setelah RAT menetapkan pembagian SHU, juru buku menghitung bagian "
                    "setiap anggota. Bagian anggota terdiri atas <b>jasa modal (JMA)</b> "
                    "dan <b>jasa usaha (JUA)</b>.</p>",
                ),
                c.callout(
                    "definition",
                    "Rumus",
                    "<p>JMA anggota = (Sa ÷ TMS) × dana JMA<br>"
                    "JUA anggota = (Va ÷ VUK) × dana JUA<br>"
                    "Sa: simpanan pokok + wajib anggota; TMS: jumlah simpanan pokok + wajib "
                    "semua anggota; Va: belanja anggota; VUK: belanja semua anggota.</p>",
                ),
                c.example(
                    "Siti di Tunas Bangsa",
                    "<p>SHU 2025 Rp 6.000.000; dana JMA 20% = Rp 1.200.000; dana JUA 25% "
                    "= Rp 1.500.000. TMS Rp 12.000.000; VUK Rp 60.000.000. Simpanan Siti "
                    "Rp 34.000, belanjanya Rp 450.000.</p>",
                    [
                        "<p>JMA = 34.000 ÷ 12.000.000 × 1.200.000 = Rp 3.400.</p>",
                        "<p>JUA = 450.000 ÷ 60.000.000 × 1.500.000 = Rp 11.250.</p>",
                    ],
                    "<p>SHU Siti <b>Rp 14.650</b>.</p>",
                ),
                c.callout(
                    "tip",
                    "Anggota yang tidak berbelanja",
                    "<p>Citra menyimpan Rp 34.000 tetapi tidak pernah berbelanja. Ia tetap "
                    "mendapat JMA Rp 3.400, dan JUA-nya nol.</p>",
                ),
                ("heading", "Pembulatan"),
                (
                    "text",
                    "<p>Hitung dengan angka pecahan yang tepat, baru bulatkan di akhir. "
                    "Satu aturan yang jelas, misalnya: bagian setiap anggota dibulatkan ke "
                    "bawah ke rupiah penuh, dan sisa pembulatan dibukukan ke cadangan. "
                    "Tulis aturan itu di CALK.</p>",
                ),
                c.example(
                    "Pembulatan untuk Dedi",
                    "<p>Simpanan Dedi Rp 17.000, belanjanya Rp 333.333.</p>",
                    [
                        "<p>JMA = 17.000 ÷ 12.000.000 × 1.200.000 = Rp 1.700.</p>",
                        "<p>JUA = 333.333 ÷ 60.000.000 × 1.500.000 = Rp 8.333,325.</p>",
                        "<p>Jumlah Rp 10.033,325, dibulatkan ke bawah.</p>",
                    ],
                    "<p>Dibayar <b>Rp 10.033</b>; sisa Rp 0,325 masuk cadangan.</p>",
                ),
            ],
            "quiz": {
                "title": "Kuis: Menghitung SHU anggota",
                "time_limit": 20,  # minutes, by the server clock
                "questions": [
                    c.numeric(
                        "Dengan data Tunas Bangsa (TMS Rp 12.000.000, VUK Rp 60.000.000, "
                        "dana JMA Rp 1.200.000, dana JUA Rp 1.500.000), Budi punya "
                        "simpanan Rp 22.000 dan belanja Rp 120.000. Berapa SHU Budi?",
                        5200,
                        "JMA 2.200 + JUA 3.000 = 5.200.",
                    ),
                    c.numeric(
                        "SHU sebuah koperasi Rp 60.000.000; JUA 25% dan JMA 20%. Lukman "
                        "bertransaksi Rp 5.000.000 dari total Rp 75.000.000, dan simpanan "
                        "pokok + wajibnya Rp 2.000.000 dari total Rp 100.000.000. Berapa "
                        "SHU Lukman?",
                        1240000,
                        "JUA = 5/75 × 15.000.000 = 1.000.000; JMA = 2/100 × 12.000.000 = "
                        "240.000; jumlah 1.240.000.",
                    ),
                    c.true_false(
                        "Anggota yang tidak pernah berbelanja tetap dapat menerima jasa "
                        "modal (JMA).",
                        True,
                        "JMA dihitung dari simpanan, bukan belanja.",
                    ),
                    c.numeric(
                        "Bagian Dedi dihitung Rp 10.033,325. Dengan aturan \u201cbulatkan ke "
                        "bawah\u201d, berapa rupiah yang dibayarkan kepadanya?",
                        10033,
                    ),
                    c.single(
                        "Secara bawaan Kopsis, simpanan yang dihitung sebagai Sa adalah ...",
                        [
                            ("simpanan pokok + simpanan wajib", True),
                            ("simpanan sukarela saja", False),
                            ("semua simpanan termasuk sukarela", False),
                        ],
                    ),
                    c.ordering(
                        "Urutkan langkah menghitung SHU anggota.",
                        [
                            "RAT menetapkan persentase pembagian SHU",
                            "Hitung dana JMA dan dana JUA",
                            "Hitung JMA dan JUA setiap anggota dengan angka tepat",
                            "Bulatkan sesuai aturan dan bukukan sisanya",
                        ],
                    ),
                ],
            },
        },
    ],
}
