"""Course 4: "Kewirausahaan Koperasi untuk Pelajar", seven lessons. Written for Kopsis.

One team of class 8A (Dinda, Raka, Sari, Yusuf) runs through the lessons: they find a problem
at school, survey their classmates, draw a canvas for a fruit pudding sold at the canteen,
price it, promote it honestly, run it as a unit of their Kopsis and pitch it.

Lesson 4's numbers come from `PRICING_EXAMPLES`, the inputs of the calculator in
courses/worksheets/pricing.py; tests/courses/test_kewirausahaan.py recomputes every worked
example and every numeric answer with that calculator. `ASSIGNMENTS` (the tasks the lead
attaches to lessons) and `RUBRIC` (the final business plan's rubric) are plain data.
"""

from __future__ import annotations

from typing import Any

from courses import curriculum as c

# Inputs of courses.worksheets.pricing.calculate_price(); one period is one school week.
PRICING_EXAMPLES: dict[str, dict[str, Any]] = {
    # Fruit pudding: gas 25.000 + canteen table fee 25.000 + tool instalment 10.000 a week;
    # per cup milk and agar 1.800 + fruit 1.200 + cup, spoon and label 500.
    "puding": {"fixed_costs": 60000, "variable_cost": 3500, "volume": 40, "margin_percent": 30},
    # The same pudding at the price the other stalls ask.
    "puding_pasar": {
        "fixed_costs": 60000,
        "variable_cost": 3500,
        "volume": 40,
        "target_price": 6000,
    },
    # Iced lemon tea: the margin gives an odd price, rounded up to Rp 100.
    "es_teh": {"fixed_costs": 45000, "variable_cost": 1350, "volume": 120, "margin_percent": 25},
    # Quiz case: doughnuts.
    "donat": {"fixed_costs": 40000, "variable_cost": 1500, "volume": 50, "margin_percent": 40},
}


# The worked examples of lesson 4 (by title) and the calculator case each one shows.
PRICING_WORKED_EXAMPLES: dict[str, str] = {
    "Puding “Pagi Segar” dengan keuntungan 30%": "puding",
    "Harga mengikuti pasar: Rp 6.000": "puding_pasar",
    "Es teh jeruk: pembulatan ke atas": "es_teh",
}


def priced(
    prompt: str, case: str, field: str, answer: int, explanation: str, unit: str = "Rp"
) -> dict[str, Any]:
    """A numeric question whose answer is `field` of the calculator's result for `case`."""
    question = c.numeric(prompt, answer, explanation, unit=unit)
    question["check"] = (case, field)
    return question


IDEA_LESSON: dict[str, Any] = {
    "slug": "ide-usaha-dari-masalah",
    "title": "Menemukan ide usaha dari masalah nyata di sekolah",
    "title_en": "Finding a business idea in a real problem at school",
    "summary": "Usaha yang baik dimulai dari masalah yang dirasakan banyak orang, bukan "
    "dari barang yang kebetulan ingin kita jual.",
    "summary_en": "A good business starts with a problem many people feel, not with "
    "whatever we happen to want to sell.",
    "minutes": 40,
    "body": [
        (
            "text",
            "<p>Wirausaha adalah orang yang melihat masalah, lalu menawarkan jalan "
            "keluar yang mau dibayar orang lain. Di sekolah, masalah ada di mana-mana: "
            "antre panjang di kantin saat istirahat, siswa yang datang pagi belum "
            "sarapan, alat tulis habis saat ujian, botol minum plastik yang menumpuk.</p>",
        ),
        ("heading", "Tiga langkah mencari ide"),
        (
            "text",
            "<ol><li><b>Amati dan catat</b> selama seminggu: apa yang membuat teman, "
            "guru, atau petugas kantin kesal, menunggu, atau mengeluh?</li>"
            "<li><b>Pilih masalah</b> yang sering terjadi, dialami banyak orang, dan "
            "bisa kalian atasi dengan modal dan waktu yang ada.</li>"
            "<li><b>Tulis pernyataan masalah</b>: “<i>Siapa</i> mengalami <i>apa</i>, "
            "<i>kapan</i>, dan <i>mengapa</i> itu merugikan.”</li></ol>",
        ),
        c.callout(
            "definition",
            "Pernyataan masalah",
            "<p>Contoh: “Siswa kelas 7 yang datang pukul 06.30 sering belum sarapan dan "
            "kantin baru buka pukul 09.00, sehingga mereka lapar di jam pertama.”</p>",
        ),
        c.example(
            "Memilih dari tiga masalah",
            "<p>Tim Dinda, Raka, Sari, dan Yusuf mencatat tiga masalah: (a) kantin "
            "belum buka pagi hari; (b) tidak ada yang menjual jas hujan; (c) papan tulis "
            "kelas sudah kusam. Mana yang paling cocok untuk usaha siswa?</p>",
            [
                "<p>(a) terjadi setiap hari dan dialami banyak siswa; modalnya kecil "
                "(makanan ringan sehat).</p>",
                "<p>(b) hanya terasa di musim hujan dan modal per barang besar.</p>",
                "<p>(c) adalah tugas sekolah, bukan kebutuhan yang dibayar siswa.</p>",
            ],
            "<p>Masalah <b>(a)</b>: sering, dialami banyak orang, dan terjangkau. Ide "
            "mereka: puding buah dalam cup yang dijual pagi hari di meja kantin.</p>",
        ),
        c.callout(
            "tip",
            "Ide bukan milik satu orang",
            "<p>Kumpulkan sebanyak mungkin ide dulu, jangan langsung dinilai. Setelah "
            "itu baru pilih bersama memakai tiga ukuran: sering, banyak yang mengalami, "
            "dan sanggup kita kerjakan.</p>",
        ),
        c.callout(
            "warning",
            "Patuhi aturan sekolah",
            "<p>Tanyakan guru pembina dan pengelola kantin sebelum berjualan: apa yang "
            "boleh dijual, di mana, dan kapan. Usaha yang melanggar tata tertib sekolah "
            "bukan ide yang baik, seberapa pun larisnya.</p>",
        ),
    ],
    "quiz": {
        "title": "Kuis: Ide usaha dari masalah",
        "questions": [
            c.single(
                "Titik awal ide usaha yang paling kuat adalah ...",
                [
                    ("Masalah nyata yang dialami banyak orang", True),
                    ("Barang yang sedang viral di media sosial", False),
                    ("Barang yang paling murah dibeli dari grosir", False),
                    ("Produk yang disukai ketua tim", False),
                ],
                "Orang membayar untuk masalah yang terselesaikan.",
            ),
            c.multiple(
                "Ukuran apa yang dipakai untuk memilih masalah?",
                [
                    ("Sering terjadi", True),
                    ("Dialami banyak orang", True),
                    ("Sanggup diatasi dengan modal dan waktu tim", True),
                    ("Belum pernah dibicarakan siapa pun", False),
                ],
            ),
            c.ordering(
                "Urutkan langkah mencari ide usaha.",
                [
                    "Mengamati dan mencatat keluhan selama seminggu",
                    "Memilih masalah dengan tiga ukuran",
                    "Menulis pernyataan masalah",
                    "Memikirkan produk sebagai jalan keluarnya",
                ],
            ),
            c.true_false(
                "Usaha siswa boleh berjalan tanpa izin guru pembina asalkan produknya laris.",
                False,
                "Usaha di sekolah harus mengikuti tata tertib dan izin sekolah.",
            ),
            c.short_text(
                "Kalimat “Siapa mengalami apa, kapan, dan mengapa merugikan” disebut "
                "pernyataan ...",
                ["masalah", "pernyataan masalah"],
            ),
        ],
    },
}


SURVEY_LESSON: dict[str, Any] = {
    "slug": "riset-pasar-sederhana",
    "title": "Riset pasar sederhana: survei teman sekelas",
    "title_en": "Simple market research: surveying classmates",
    "summary": "Menyusun pertanyaan survei, memilih responden, dan menghitung hasilnya "
    "dengan tabel turus.",
    "summary_en": "Writing survey questions, choosing respondents and tallying the answers.",
    "minutes": 45,
    "body": [
        (
            "text",
            "<p>Sebelum memproduksi, uji dulu: apakah orang benar-benar mau membeli? "
            "Riset pasar sederhana bisa dilakukan dengan <b>survei</b> kepada calon "
            "pembeli, yaitu teman sekelas dan kelas lain.</p>",
        ),
        ("heading", "Menyusun pertanyaan"),
        (
            "text",
            "<ul><li>Tanyakan <b>kebiasaan</b>, bukan pendapat umum: “Berapa kali "
            "seminggu kamu jajan sebelum jam pertama?” lebih berguna daripada “Apakah "
            "kamu suka puding?”</li>"
            "<li>Satu pertanyaan, satu hal. Hindari “Apakah puding ini enak dan "
            "murah?”</li>"
            "<li>Jangan menggiring: “Kamu pasti mau beli puding sehat, kan?” membuat "
            "jawaban tidak jujur.</li>"
            "<li>Beri pilihan jawaban yang jelas, misalnya rentang harga Rp 4.000, "
            "Rp 5.000, Rp 6.000, Rp 7.000.</li>"
            "<li>Cukup 5 sampai 8 pertanyaan; jangan minta data pribadi seperti nomor "
            "HP atau alamat.</li></ul>",
        ),
        ("heading", "Memilih responden"),
        (
            "text",
            "<p>Responden adalah orang yang menjawab survei. Pilih dari kelompok yang "
            "akan menjadi pembeli, dan jangan hanya teman dekat: ambil dari beberapa "
            "kelas, laki-laki dan perempuan. Untuk usaha kelas, <b>30 responden</b> "
            "sudah memberi gambaran awal.</p>",
        ),
        c.example(
            "Menghitung hasil survei",
            "<p>Tim puding bertanya kepada 30 siswa kelas 7 dan 8: “Kalau ada puding "
            "buah di kantin pukul 06.30, berapa harga yang masih mau kamu bayar?” "
            "Jawaban dicatat dengan turus: Rp 4.000 ||||| ||| (8), Rp 5.000 ||||| "
            "||||| || (12), Rp 6.000 ||||| | (6), Rp 7.000 || (2), tidak mau beli || "
            "(2).</p>",
            [
                "<p>Jumlah turus harus sama dengan jumlah responden: 8 + 12 + 6 + 2 + 2 = 30.</p>",
                "<p>Yang mau membeli: 30 − 2 = 28 siswa, yaitu 28 ÷ 30 ≈ 93%.</p>",
                "<p>Yang mau membayar Rp 6.000 atau lebih: 6 + 2 = 8 siswa.</p>",
                "<p>Yang mau membayar Rp 5.000 atau lebih: 12 + 6 + 2 = 20 siswa.</p>",
            ],
            "<p>Minatnya tinggi, tetapi kebanyakan siswa memilih harga "
            "<b>Rp 5.000</b> dan hanya 8 siswa mau membayar Rp 6.000 atau lebih. Tim "
            "mencatat batas ini dan mencocokkannya dengan biaya di pelajaran 4.</p>",
        ),
        c.callout(
            "warning",
            "Mau belum tentu membeli",
            "<p>Orang yang menjawab “mau” di survei tidak semuanya benar-benar membeli. "
            "Uji dengan penjualan kecil dulu, misalnya 20 cup di hari pertama.</p>",
        ),
    ],
    "quiz": {
        "title": "Kuis: Riset pasar",
        "questions": [
            c.single(
                "Pertanyaan survei mana yang paling baik?",
                [
                    ("Berapa kali seminggu kamu jajan sebelum jam pertama?", True),
                    ("Kamu pasti mau beli puding sehat, kan?", False),
                    ("Apakah puding ini enak dan murah?", False),
                    ("Tulis nomor HP dan alamat rumahmu.", False),
                ],
                "Tanyakan kebiasaan, satu hal, tanpa menggiring dan tanpa data pribadi.",
            ),
            c.numeric(
                "Dari 40 responden, turus “mau membeli” berjumlah 26. Berapa responden "
                "yang tidak mau membeli?",
                14,
                "40 − 26 = 14.",
                unit="orang",
            ),
            c.numeric(
                "Dari survei contoh, berapa siswa yang mau membayar Rp 5.000 atau lebih?",
                20,
                "12 + 6 + 2 = 20.",
                unit="orang",
            ),
            c.true_false(
                "Survei hanya kepada sahabat sendiri memberi gambaran pasar yang baik.",
                False,
                "Sahabat cenderung menjawab manis; ambil responden dari beberapa kelas.",
            ),
            c.matching(
                "Jodohkan istilah dengan artinya.",
                [
                    ("Responden", "Orang yang menjawab survei"),
                    ("Turus", "Tanda garis untuk menghitung jawaban"),
                    ("Pertanyaan menggiring", "Pertanyaan yang mengarahkan ke satu jawaban"),
                    ("Sampel", "Sebagian calon pembeli yang ditanya"),
                ],
            ),
        ],
    },
}


CANVAS_LESSON: dict[str, Any] = {
    "slug": "kanvas-model-bisnis",
    "title": "Kanvas model bisnis: sembilan blok",
    "title_en": "The business model canvas: nine blocks",
    "summary": "Merangkum seluruh usaha dalam satu halaman, dengan contoh puding buah "
    "di kantin sekolah.",
    "summary_en": "The whole business on one page, with a school-canteen fruit pudding "
    "as the example.",
    "minutes": 45,
    "body": [
        (
            "text",
            "<p>Kanvas model bisnis (<i>business model canvas</i>) adalah satu lembar "
            "berisi sembilan blok yang menjawab: untuk siapa, apa yang ditawarkan, "
            "bagaimana sampai ke pembeli, dari mana uang masuk, dan apa yang "
            "dibutuhkan. Kalau satu blok kosong, usaha itu belum siap.</p>",
        ),
        ("heading", "Contoh: puding buah “Pagi Segar”"),
        (
            "text",
            "<ol><li><b>Segmen pelanggan</b>: siswa kelas 7–9 yang datang pagi dan "
            "belum sarapan; guru yang piket pagi.</li>"
            "<li><b>Proposisi nilai</b>: sarapan ringan dari buah dan susu, sudah "
            "dingin, siap pukul 06.30, harga terjangkau.</li>"
            "<li><b>Saluran</b>: meja Kopsis di kantin pagi hari; pesanan lewat ketua "
            "kelas; poster di papan pengumuman.</li>"
            "<li><b>Hubungan pelanggan</b>: kartu cap, beli 9 gratis 1; menerima "
            "saran rasa baru setiap minggu.</li>"
            "<li><b>Arus pendapatan</b>: penjualan tunai per cup; pesanan untuk acara "
            "kelas.</li>"
            "<li><b>Sumber daya utama</b>: cetakan dan panci, termos es, kulkas "
            "kantin (dengan izin), resep, empat anggota tim.</li>"
            "<li><b>Kegiatan utama</b>: belanja bahan, memasak sore hari, menjual pagi, "
            "mencatat kas harian.</li>"
            "<li><b>Mitra utama</b>: pedagang buah di pasar, pengelola kantin, guru "
            "pembina, Kopsis sekolah.</li>"
            "<li><b>Struktur biaya</b>: biaya tetap (gas, iuran meja kantin, cicilan "
            "alat) dan biaya variabel per cup (susu, agar-agar, buah, cup dan "
            "label).</li></ol>",
        ),
        c.callout(
            "tip",
            "Baca dari kanan ke kiri",
            "<p>Mulailah dari pelanggan dan nilai yang ditawarkan, baru ke kegiatan, "
            "sumber daya, dan mitra. Biaya dan pendapatan ditulis terakhir, lalu "
            "dihitung di pelajaran berikutnya.</p>",
        ),
        c.callout(
            "definition",
            "Proposisi nilai",
            "<p>Alasan pelanggan memilih produkmu dan bukan yang lain: lebih cepat, "
            "lebih sehat, lebih dekat, atau lebih murah.</p>",
        ),
    ],
    "quiz": {
        "title": "Kuis: Kanvas model bisnis",
        "questions": [
            c.numeric("Berapa jumlah blok dalam kanvas model bisnis?", 9, "", unit="blok"),
            c.matching(
                "Jodohkan isian kanvas “Pagi Segar” dengan bloknya.",
                [
                    ("Siswa yang datang pagi dan belum sarapan", "Segmen pelanggan"),
                    ("Meja Kopsis di kantin dan pesanan lewat ketua kelas", "Saluran"),
                    ("Kartu cap, beli 9 gratis 1", "Hubungan pelanggan"),
                    ("Pedagang buah di pasar", "Mitra utama"),
                    ("Gas, susu, buah, cup", "Struktur biaya"),
                ],
            ),
            c.single(
                "“Siap pukul 06.30, sehat, dan terjangkau” termasuk blok ...",
                [
                    ("Proposisi nilai", True),
                    ("Sumber daya utama", False),
                    ("Arus pendapatan", False),
                    ("Kegiatan utama", False),
                ],
            ),
            c.multiple(
                "Mana yang termasuk sumber daya utama “Pagi Segar”?",
                [
                    ("Cetakan, panci, dan termos es", True),
                    ("Resep puding", True),
                    ("Anggota tim", True),
                    ("Menjual pagi hari", False),
                ],
                "Menjual pagi hari adalah kegiatan utama, bukan sumber daya.",
            ),
            c.true_false(
                "Kanvas model bisnis yang masih punya blok kosong berarti usahanya sudah "
                "siap dijalankan.",
                False,
            ),
        ],
    },
}


PRICING_LESSON: dict[str, Any] = {
    "slug": "hpp-harga-dan-titik-impas",
    "title": "Harga pokok produksi, harga jual, dan titik impas",
    "title_en": "Cost of goods, selling price and break-even",
    "summary": "Menghitung HPP per unit, menentukan harga jual, dan mencari berapa "
    "unit harus terjual agar balik modal.",
    "summary_en": "Working out the cost per unit, setting the price and finding how many "
    "units must sell to break even.",
    "minutes": 55,
    "body": [
        ("heading", "Dua jenis biaya"),
        (
            "text",
            "<ul><li><b>Biaya tetap</b>: jumlahnya sama berapa pun yang dibuat dalam "
            "satu periode, misalnya gas, iuran meja kantin, cicilan alat per "
            "minggu.</li>"
            "<li><b>Biaya variabel</b>: dihitung per unit, bertambah jika produksi "
            "bertambah, misalnya susu, buah, cup, dan label per cup.</li></ul>",
        ),
        c.callout(
            "definition",
            "Rumus yang dipakai Kopsis",
            "<p><b>HPP per unit</b> = (biaya tetap + biaya variabel per unit × "
            "jumlah produksi) ÷ jumlah produksi, dibulatkan <b>ke atas</b> ke rupiah "
            "bulat.<br><b>Harga jual</b> = HPP × (100% + persentase keuntungan), "
            "dibulatkan <b>ke atas ke Rp 100</b> agar mudah memberi kembalian.<br>"
            "<b>Margin kontribusi</b> = harga jual − biaya variabel per unit.<br>"
            "<b>Titik impas (unit)</b> = biaya tetap ÷ margin kontribusi, dibulatkan "
            "<b>ke atas</b> (setengah cup tidak bisa dijual).<br><b>Titik impas "
            "(rupiah)</b> = titik impas unit × harga jual.</p>",
        ),
        c.example(
            "Puding “Pagi Segar” dengan keuntungan 30%",
            "<p>Biaya tetap per minggu: gas Rp 25.000, iuran meja kantin Rp 25.000, "
            "cicilan alat Rp 10.000. Biaya variabel per cup: susu dan agar-agar "
            "Rp 1.800, buah Rp 1.200, cup, sendok, dan label Rp 500. Rencana produksi "
            "40 cup per minggu, keuntungan 30%.</p>",
            [
                "<p>Biaya tetap = 25.000 + 25.000 + 10.000 = Rp 60.000. Biaya variabel "
                "= 1.800 + 1.200 + 500 = Rp 3.500 per cup.</p>",
                "<p>Total biaya = 60.000 + 3.500 × 40 = Rp 200.000. HPP per cup = "
                "200.000 ÷ 40 = <b>Rp 5.000</b>.</p>",
                "<p>Harga jual = 5.000 × 130% = <b>Rp 6.500</b> (sudah kelipatan Rp 100).</p>",
                "<p>Margin kontribusi = 6.500 − 3.500 = <b>Rp 3.000</b> per cup.</p>",
                "<p>Titik impas = 60.000 ÷ 3.000 = <b>20 cup</b>, atau 20 × 6.500 = "
                "<b>Rp 130.000</b>.</p>",
                "<p>Jika 40 cup terjual: 40 × 6.500 − 200.000 = laba <b>Rp 60.000</b> "
                "per minggu.</p>",
            ],
            "<p>HPP <b>Rp 5.000</b>, harga <b>Rp 6.500</b>, impas pada <b>20 cup "
            "(Rp 130.000)</b>.</p>",
        ),
        c.example(
            "Harga mengikuti pasar: Rp 6.000",
            "<p>Penjual lain di dekat sekolah menjual puding Rp 6.000, dan survei "
            "menunjukkan Rp 6.500 terlalu mahal bagi kebanyakan siswa. Tim memakai harga "
            "Rp 6.000. Berapa titik impasnya?</p>",
            [
                "<p>Margin kontribusi = 6.000 − 3.500 = <b>Rp 2.500</b> per cup.</p>",
                "<p>60.000 ÷ 2.500 = <b>24 cup</b>.</p>",
                "<p>Titik impas rupiah = 24 × 6.000 = <b>Rp 144.000</b>.</p>",
                "<p>Jika 40 cup terjual: 40 × 6.000 − 200.000 = laba <b>Rp 40.000</b>.</p>",
            ],
            "<p>Harga lebih murah membuat impas naik dari 20 menjadi <b>24 cup</b>.</p>",
        ),
        c.example(
            "Es teh jeruk: pembulatan ke atas",
            "<p>Biaya tetap Rp 45.000 per minggu, biaya variabel Rp 1.350 per gelas, "
            "rencana 120 gelas, keuntungan 25%.</p>",
            [
                "<p>Total biaya = 45.000 + 1.350 × 120 = Rp 207.000. HPP = 207.000 ÷ "
                "120 = <b>Rp 1.725</b>.</p>",
                "<p>1.725 × 125% = Rp 2.156,25, dibulatkan ke atas ke Rp 100 menjadi "
                "<b>Rp 2.200</b>.</p>",
                "<p>Margin kontribusi = 2.200 − 1.350 = <b>Rp 850</b>.</p>",
                "<p>45.000 ÷ 850 = 52,9…, dibulatkan ke atas menjadi <b>53 gelas</b> "
                "(52 gelas baru menutup Rp 44.200). Titik impas rupiah = 53 × 2.200 = "
                "<b>Rp 116.600</b>.</p>",
                "<p>Jika 120 gelas terjual: 120 × 2.200 − 207.000 = laba <b>Rp 57.000</b>.</p>",
            ],
            "<p>Harga <b>Rp 2.200</b>, impas pada <b>53 gelas (Rp 116.600)</b>.</p>",
        ),
        c.callout(
            "warning",
            "Harga di bawah biaya variabel",
            "<p>Jika harga jual sama dengan atau lebih rendah dari biaya variabel per "
            "unit, setiap penjualan menambah rugi dan titik impas tidak pernah "
            "tercapai, berapa pun banyaknya yang terjual.</p>",
        ),
    ],
    "quiz": {
        "title": "Kuis: HPP dan titik impas",
        "questions": [
            priced(
                "Pada contoh puding (biaya tetap Rp 60.000, biaya variabel Rp 3.500, "
                "40 cup), berapa HPP per cup?",
                "puding",
                "hpp_per_unit",
                5000,
                "(60.000 + 3.500 × 40) ÷ 40 = 5.000.",
            ),
            priced(
                "Donat: biaya tetap Rp 40.000 per minggu, biaya variabel Rp 1.500 per "
                "donat, rencana 50 donat. Berapa HPP per donat?",
                "donat",
                "hpp_per_unit",
                2300,
                "(40.000 + 1.500 × 50) ÷ 50 = 115.000 ÷ 50 = 2.300.",
            ),
            priced(
                "Donat yang sama dijual dengan keuntungan 40%, dibulatkan ke atas ke "
                "Rp 100. Berapa harga jualnya?",
                "donat",
                "price",
                3300,
                "2.300 × 140% = 3.220, dibulatkan ke atas menjadi 3.300.",
            ),
            priced(
                "Dengan harga donat Rp 3.300, berapa donat harus terjual per minggu agar impas?",
                "donat",
                "break_even_units",
                23,
                "Margin 3.300 − 1.500 = 1.800; 40.000 ÷ 1.800 = 22,2…, ke atas 23.",
                unit="donat",
            ),
            priced(
                "Puding dijual Rp 6.000. Berapa titik impas dalam rupiah?",
                "puding_pasar",
                "break_even_revenue",
                144000,
                "24 cup × Rp 6.000 = Rp 144.000.",
            ),
            priced(
                "Berapa margin kontribusi es teh jeruk per gelas?",
                "es_teh",
                "contribution_margin",
                850,
                "2.200 − 1.350 = 850.",
            ),
            c.single(
                "Mana yang termasuk biaya tetap usaha puding?",
                [
                    ("Iuran meja kantin per minggu", True),
                    ("Buah untuk setiap cup", False),
                    ("Cup dan sendok", False),
                    ("Susu untuk setiap cup", False),
                ],
            ),
            c.true_false(
                "Titik impas 52,9 unit dibulatkan ke bawah menjadi 52 unit.",
                False,
                "Ke atas: 52 unit belum menutup biaya tetap.",
            ),
        ],
    },
}


MARKETING_LESSON: dict[str, Any] = {
    "slug": "pemasaran-dengan-ponsel",
    "title": "Pemasaran dengan ponsel: jujur dan melindungi konsumen",
    "title_en": "Marketing with a phone: honest, and protecting consumers",
    "summary": "Foto produk, pesan promosi, klaim yang jujur, dan dasar perlindungan konsumen.",
    "summary_en": "Product photos, promotional messages, honest claims and the basics of "
    "consumer protection.",
    "minutes": 40,
    "body": [
        ("heading", "Foto produk"),
        (
            "text",
            "<ul><li>Foto di cahaya siang dekat jendela, tanpa lampu kilat.</li>"
            "<li>Latar polos dan bersih; produk mengisi sebagian besar foto.</li>"
            "<li>Pakai <b>foto produkmu sendiri</b>, bukan foto dari internet: foto "
            "orang lain dilindungi hak cipta, dan pembeli berhak melihat barang yang "
            "sebenarnya.</li>"
            "<li>Minta izin sebelum memotret atau mengunggah wajah teman.</li></ul>",
        ),
        ("heading", "Pesan promosi"),
        (
            "text",
            "<p>Pesan yang baik singkat dan lengkap: <b>apa</b> produknya, "
            "<b>harga</b>, <b>di mana dan kapan</b> bisa dibeli, dan <b>cara "
            "memesan</b>. Contoh untuk grup kelas: “Puding buah Pagi Segar Rp 6.000, "
            "meja Kopsis di kantin pukul 06.30–07.00. Pesan lewat ketua kelas paling "
            "lambat pukul 14.00 sehari sebelumnya.” Kirim ke grup yang mengizinkan "
            "promosi, jangan menyebar pesan berantai.</p>",
        ),
        c.callout(
            "definition",
            "Perlindungan konsumen",
            "<p>UU No. 8 Tahun 1999 tentang Perlindungan Konsumen memberi konsumen hak "
            "atas keamanan dan keselamatan serta hak atas <b>informasi yang benar, "
            "jelas, dan jujur</b>. Pelaku usaha wajib beriktikad baik dan dilarang "
            "menawarkan atau mengiklankan barang secara tidak benar atau "
            "menyesatkan.</p>",
        ),
        c.example(
            "Memperbaiki klaim yang menyesatkan",
            "<p>Draf poster: “Puding PALING SEHAT se-Indonesia! 100% tanpa gula! "
            "Halal! Menurunkan berat badan!” Padahal resepnya memakai gula dan tim "
            "tidak punya sertifikat halal.</p>",
            [
                "<p>“Paling sehat se-Indonesia” tidak bisa dibuktikan: hapus.</p>",
                "<p>“100% tanpa gula” salah karena resepnya memakai gula: ganti dengan "
                "“gula dikurangi” hanya jika memang lebih sedikit dari resep biasa.</p>",
                "<p>Logo atau tulisan halal hanya boleh dipakai jika produk punya "
                "sertifikat halal: hapus, tuliskan saja komposisinya.</p>",
                "<p>“Menurunkan berat badan” adalah klaim kesehatan tanpa bukti: hapus.</p>",
            ],
            "<p>Poster jujur: “Puding buah Pagi Segar: susu, agar-agar, mangga dan "
            "melon segar. Dibuat hari ini. Rp 6.000.”</p>",
        ),
        c.callout(
            "tip",
            "Label pada setiap cup",
            "<p>Nama produk, komposisi (sebutkan bahan yang bisa menimbulkan alergi, "
            "misalnya susu atau kacang), tanggal dibuat, batas waktu konsumsi, dan nama "
            "penjual. Jika ada keluhan, tanggapi dengan sopan dan ganti produk yang "
            "rusak.</p>",
        ),
    ],
    "quiz": {
        "title": "Kuis: Pemasaran yang jujur",
        "questions": [
            c.multiple(
                "Mana yang termasuk klaim yang menyesatkan untuk puding yang memakai gula "
                "dan belum bersertifikat halal?",
                [
                    ("100% tanpa gula", True),
                    ("Logo halal", True),
                    ("Paling sehat se-Indonesia", True),
                    ("Dibuat hari ini dari buah segar (memang benar)", False),
                ],
            ),
            c.true_false(
                "Foto produk yang bagus dari internet boleh dipakai untuk promosi asalkan "
                "produknya mirip.",
                False,
                "Foto itu milik orang lain dan tidak menunjukkan barang yang sebenarnya.",
            ),
            c.single(
                "Undang-undang yang mengatur perlindungan konsumen adalah ...",
                [
                    ("UU No. 8 Tahun 1999", True),
                    ("UU No. 25 Tahun 1992", False),
                    ("UU No. 20 Tahun 2003", False),
                ],
                "UU 25/1992 mengatur perkoperasian; UU 20/2003 sistem pendidikan.",
            ),
            c.matching(
                "Jodohkan bagian pesan promosi dengan contohnya.",
                [
                    ("Apa", "Puding buah Pagi Segar"),
                    ("Harga", "Rp 6.000"),
                    ("Di mana dan kapan", "Meja Kopsis di kantin pukul 06.30"),
                    ("Cara memesan", "Lewat ketua kelas sehari sebelumnya"),
                ],
            ),
            c.short_text(
                "Konsumen berhak atas informasi yang benar, jelas, dan ...",
                ["jujur"],
            ),
        ],
    },
}


COOPERATIVE_LESSON: dict[str, Any] = {
    "slug": "usaha-tim-sebagai-koperasi",
    "title": "Bekerja sebagai koperasi: usaha tim dan pembagian SHU",
    "title_en": "Working as a cooperative: a team business and sharing the surplus",
    "summary": "Mengapa usaha bersama cocok dijalankan sebagai koperasi, dan bagaimana "
    "SHU dibagi menurut partisipasi anggota.",
    "summary_en": "Why a team business fits a cooperative, and how the surplus (SHU) is "
    "shared by members' participation.",
    "minutes": 45,
    "body": [
        (
            "text",
            "<p>Usaha tim siswa punya pemilik banyak orang, modal kecil dari banyak "
            "orang, dan pembelinya sebagian besar teman sendiri. Itulah ciri "
            "<b>koperasi</b>: usaha milik bersama anggota, dijalankan secara "
            "demokratis (satu anggota satu suara), untuk memenuhi kebutuhan "
            "anggota. Usaha tim bisa berjalan sebagai <b>unit usaha Kopsis</b> "
            "sekolah: uangnya masuk buku kas Kopsis, dicatat, dan dilaporkan di "
            "Rapat Anggota Tahunan (RAT).</p>",
        ),
        ("heading", "Sisa Hasil Usaha (SHU)"),
        (
            "text",
            "<p>SHU adalah pendapatan koperasi dalam satu tahun buku dikurangi "
            "biayanya (UU 25/1992 Pasal 45). SHU dibagi <b>setelah RAT</b>, menurut "
            "persentase dalam AD/ART yang jumlahnya tepat 100%: cadangan, jasa modal, "
            "jasa usaha, dana pengurus, pendidikan, sosial, dan pembangunan. Rugi "
            "tidak dibagi.</p>"
            "<ul><li><b>Jasa usaha</b> dibagi sebanding <b>transaksi</b> anggota "
            "(belanjanya di koperasi): makin sering berpartisipasi, makin besar "
            "bagiannya.</li>"
            "<li><b>Jasa modal</b> dibagi sebanding <b>simpanan pokok dan wajib</b> "
            "anggota.</li>"
            "<li>SHU dari penjualan kepada <b>bukan anggota</b> tidak dibagi kepada "
            "anggota; di Kopsis masuk ke cadangan.</li></ul>",
        ),
        c.example(
            "SHU Rina",
            "<p>Tahun ini dana jasa usaha (JUA) Kopsis Rp 300.000 dan dana jasa modal "
            "(JMA) Rp 200.000. Seluruh belanja anggota Rp 6.000.000 dan seluruh "
            "simpanan pokok dan wajib Rp 4.000.000. Rina berbelanja Rp 120.000 dan "
            "simpanannya Rp 50.000.</p>",
            [
                "<p>Jasa usaha Rina = 120.000 ÷ 6.000.000 × 300.000 = <b>Rp 6.000</b>.</p>",
                "<p>Jasa modal Rina = 50.000 ÷ 4.000.000 × 200.000 = <b>Rp 2.500</b>.</p>",
                "<p>SHU Rina = 6.000 + 2.500 = <b>Rp 8.500</b>.</p>",
            ],
            "<p>Rina menerima <b>Rp 8.500</b>. Anggota yang tidak pernah berbelanja "
            "hanya mendapat jasa modal.</p>",
        ),
        c.callout(
            "tip",
            "Bagi tugas, bukan bagi keuntungan harian",
            "<p>Dalam tim, bagi peran: ketua, bendahara yang memegang buku kas, bagian "
            "produksi, dan bagian pemasaran. Uang hasil penjualan tidak dibagi setiap "
            "hari, tetapi dicatat; pembagian baru dilakukan sebagai SHU setelah "
            "RAT.</p>",
        ),
    ],
    "quiz": {
        "title": "Kuis: Usaha tim sebagai koperasi",
        "questions": [
            c.numeric(
                "Dana jasa usaha Rp 400.000, seluruh belanja anggota Rp 8.000.000. Bayu "
                "berbelanja Rp 160.000. Berapa jasa usaha Bayu?",
                8000,
                "160.000 ÷ 8.000.000 × 400.000 = 8.000.",
            ),
            c.numeric(
                "Pada contoh Rina, berapa SHU yang diterima Rina?",
                8500,
                "6.000 + 2.500 = 8.500.",
            ),
            c.single(
                "Jasa usaha dibagi kepada anggota sebanding dengan ...",
                [
                    ("Transaksi atau belanja anggota di koperasi", True),
                    ("Jabatan anggota dalam pengurus", False),
                    ("Nilai rapor anggota", False),
                    ("Jumlah teman yang diajak bergabung", False),
                ],
            ),
            c.true_false(
                "SHU dari penjualan kepada bukan anggota dibagi rata kepada anggota.",
                False,
                "SHU dari bukan anggota tidak dibagi kepada anggota; di Kopsis masuk cadangan.",
            ),
            c.multiple(
                "Mengapa usaha tim siswa cocok dijalankan sebagai koperasi?",
                [
                    ("Dimiliki bersama oleh banyak anggota", True),
                    ("Keputusan diambil satu anggota satu suara", True),
                    ("Hasil kembali kepada anggota menurut partisipasinya", True),
                    ("Keuntungan hanya untuk anggota yang modalnya paling besar", False),
                ],
            ),
        ],
    },
}


PITCH_LESSON: dict[str, Any] = {
    "slug": "pitching-dan-rencana-usaha",
    "title": "Pitching dan rencana usaha tim",
    "title_en": "Pitching and the team business plan",
    "summary": "Menyusun rencana usaha tim dan mempresentasikannya dalam tiga menit "
    "di depan kelas dan guru pembina.",
    "summary_en": "Writing the team business plan and presenting it in three minutes to "
    "the class and the teacher.",
    "minutes": 50,
    "body": [
        (
            "text",
            "<p><i>Pitching</i> adalah presentasi singkat untuk meyakinkan pendengar "
            "(guru pembina, pengurus Kopsis, teman) bahwa usahamu layak dijalankan "
            "atau didukung. Waktunya pendek, biasanya <b>tiga menit</b>, jadi setiap "
            "kalimat harus berguna.</p>",
        ),
        ("heading", "Urutan pitch tiga menit"),
        (
            "text",
            "<ol><li><b>Masalah</b> (30 detik): siapa yang mengalami apa.</li>"
            "<li><b>Solusi</b> (30 detik): produkmu dan proposisi nilainya.</li>"
            "<li><b>Bukti pasar</b> (30 detik): hasil survei dan penjualan uji.</li>"
            "<li><b>Angka</b> (45 detik): HPP, harga, titik impas, perkiraan laba.</li>"
            "<li><b>Tim dan koperasi</b> (30 detik): siapa mengerjakan apa, bagaimana "
            "hasil dicatat dan dibagi.</li>"
            "<li><b>Permintaan</b> (15 detik): apa yang kalian minta, misalnya izin "
            "meja kantin atau modal awal dari Kopsis.</li></ol>",
        ),
        ("heading", "Isi rencana usaha tim"),
        (
            "text",
            "<p>Rencana usaha adalah dokumen 3–5 halaman yang berisi: pernyataan "
            "masalah, hasil survei (tabel turus), kanvas model bisnis, perhitungan HPP, "
            "harga, dan titik impas, rencana promosi yang jujur, pembagian tugas dan "
            "cara usaha dijalankan sebagai unit Kopsis, serta risiko dan cara "
            "mengatasinya. Rencana dinilai dengan rubrik yang sama untuk semua "
            "tim.</p>",
        ),
        c.callout(
            "tip",
            "Latihan dengan stopwatch",
            "<p>Latih pitch minimal tiga kali dengan stopwatch ponsel. Satu angka yang "
            "benar dan jelas lebih meyakinkan daripada lima slide penuh tulisan.</p>",
        ),
        c.callout(
            "warning",
            "Jujur juga saat pitching",
            "<p>Jangan melebih-lebihkan hasil survei atau laba. Pendengar yang jeli "
            "akan menghitung ulang angka kalian.</p>",
        ),
    ],
    "quiz": {
        "title": "Kuis: Pitching dan rencana usaha",
        "questions": [
            c.ordering(
                "Urutkan bagian pitch tiga menit.",
                [
                    "Masalah",
                    "Solusi",
                    "Bukti pasar",
                    "Angka",
                    "Tim dan koperasi",
                    "Permintaan",
                ],
            ),
            c.numeric(
                "Pitch dibagi: masalah 30 detik, solusi 30, bukti pasar 30, angka 45, tim "
                "30, permintaan 15. Berapa detik seluruhnya?",
                180,
                "30 + 30 + 30 + 45 + 30 + 15 = 180 detik = 3 menit.",
                unit="detik",
            ),
            c.multiple(
                "Apa saja yang harus ada dalam rencana usaha tim?",
                [
                    ("Hasil survei", True),
                    ("Kanvas model bisnis", True),
                    ("Perhitungan HPP dan titik impas", True),
                    ("Daftar nomor HP semua responden", False),
                ],
            ),
            c.true_false(
                "Hasil survei boleh dilebihkan sedikit saat pitching agar usaha terlihat "
                "lebih menarik.",
                False,
            ),
            c.single(
                "Bagian “permintaan” pada pitch berisi ...",
                [
                    ("Apa yang diminta tim, misalnya izin meja kantin atau modal awal", True),
                    ("Permintaan maaf jika presentasi kurang bagus", False),
                    ("Daftar pertanyaan untuk guru", False),
                ],
            ),
        ],
    },
}


# Tasks for the lessons that get an assignment (the lead attaches them). Keys are lesson
# slugs; "worksheet" names the pure logic a submission form can use (courses/worksheets/).
ASSIGNMENTS: dict[str, dict[str, Any]] = {
    "ide-usaha-dari-masalah": {
        "title": "Tugas 1: Tiga masalah dan satu pernyataan masalah",
        "title_en": "Task 1: three problems and one problem statement",
        "instructions": (
            "Amati sekolahmu selama satu minggu. Tulis tiga masalah yang kamu temukan, nilai "
            "masing-masing dengan tiga ukuran (sering terjadi, banyak yang mengalami, sanggup "
            "diatasi tim), pilih satu, lalu tulis pernyataan masalahnya: siapa mengalami apa, "
            "kapan, dan mengapa merugikan."
        ),
        "team": False,
        "worksheet": None,
    },
    "riset-pasar-sederhana": {
        "title": "Tugas 2: Survei 30 calon pembeli",
        "title_en": "Task 2: a survey of 30 potential buyers",
        "instructions": (
            "Susun 5 sampai 8 pertanyaan survei tanpa data pribadi dan tanpa pertanyaan yang "
            "menggiring. Tanyakan kepada paling sedikit 30 siswa dari beberapa kelas. "
            "Kumpulkan daftar pertanyaan, tabel turus setiap jawaban (jumlahnya harus sama "
            "dengan jumlah responden), dan tiga kesimpulan."
        ),
        "team": True,
        "worksheet": None,
    },
    "kanvas-model-bisnis": {
        "title": "Tugas 3: Kanvas model bisnis tim",
        "title_en": "Task 3: the team's business model canvas",
        "instructions": (
            "Isi kesembilan blok kanvas model bisnis untuk produk tim kalian. Setiap blok "
            "paling banyak 500 karakter; tidak boleh ada blok yang kosong."
        ),
        "team": True,
        "worksheet": "canvas",
    },
    "hpp-harga-dan-titik-impas": {
        "title": "Tugas 4: Lembar harga dan titik impas",
        "title_en": "Task 4: the price and break-even sheet",
        "instructions": (
            "Daftar biaya tetap per minggu dan biaya variabel per unit produk tim, tentukan "
            "rencana produksi dan persentase keuntungan (atau harga pasar), lalu hitung HPP per "
            "unit, harga jual, margin kontribusi, dan titik impas dalam unit dan rupiah. "
            "Jelaskan dalam dua kalimat apakah titik impasnya masuk akal dibandingkan hasil "
            "survei."
        ),
        "team": True,
        "worksheet": "pricing",
    },
    "pemasaran-dengan-ponsel": {
        "title": "Tugas 5: Poster dan pesan promosi yang jujur",
        "title_en": "Task 5: an honest poster and promotional message",
        "instructions": (
            "Buat satu foto produk sendiri dan satu pesan promosi untuk grup kelas yang "
            "menyebut apa, harga, di mana dan kapan, serta cara memesan. Periksa setiap klaim: "
            "tulis di bawahnya bukti bahwa klaim itu benar."
        ),
        "team": True,
        "worksheet": None,
    },
    "pitching-dan-rencana-usaha": {
        "title": "Tugas akhir: Rencana usaha tim dan pitch tiga menit",
        "title_en": "Final task: the team business plan and a three-minute pitch",
        "instructions": (
            "Kumpulkan rencana usaha tim (3 sampai 5 halaman): pernyataan masalah, hasil "
            "survei, kanvas model bisnis, perhitungan HPP, harga, dan titik impas, rencana "
            "promosi yang jujur, pembagian tugas dan cara usaha dijalankan sebagai unit Kopsis, "
            "serta risiko dan cara mengatasinya. Presentasikan dalam pitch tiga menit. Dinilai "
            "dengan rubrik rencana usaha."
        ),
        "team": True,
        "worksheet": None,
        "rubric": "RUBRIC",
    },
}
FINAL_ASSIGNMENT = ASSIGNMENTS["pitching-dan-rencana-usaha"]


def _criterion(
    key: str, title: str, title_en: str, points: tuple[int, int, int, int], levels: list[str]
) -> dict[str, Any]:
    labels = ("Sangat baik", "Baik", "Cukup", "Perlu bimbingan")
    return {
        "key": key,
        "title": title,
        "title_en": title_en,
        "levels": [
            {"label": label, "points": score, "description": text}
            for label, score, text in zip(labels, points, levels, strict=True)
        ],
    }


# The final business plan's rubric: criteria x levels (best first), points per level.
RUBRIC: dict[str, Any] = {
    "title": "Rubrik rencana usaha tim",
    "title_en": "Team business plan rubric",
    "criteria": [
        _criterion(
            "masalah",
            "Masalah dan ide",
            "Problem and idea",
            (4, 3, 2, 1),
            [
                "Masalah nyata di sekolah ditulis lengkap (siapa, apa, kapan, mengapa) dan "
                "produk jelas menjawabnya.",
                "Masalah jelas, tetapi salah satu unsur pernyataan masalah kurang.",
                "Masalah disebut, tetapi hubungannya dengan produk lemah.",
                "Yang ditulis hanya produk, tanpa masalah yang diselesaikan.",
            ],
        ),
        _criterion(
            "riset",
            "Riset pasar",
            "Market research",
            (4, 3, 2, 1),
            [
                "Paling sedikit 30 responden dari beberapa kelas, pertanyaan tidak menggiring, "
                "turus cocok dengan jumlah responden, kesimpulan dipakai dalam rencana.",
                "Survei cukup dan terhitung benar, tetapi kesimpulan tidak dipakai.",
                "Responden sedikit atau hanya teman dekat, atau ada kesalahan hitung.",
                "Tidak ada survei atau hasilnya tidak bisa diperiksa.",
            ],
        ),
        _criterion(
            "kanvas",
            "Kanvas model bisnis",
            "Business model canvas",
            (4, 3, 2, 1),
            [
                "Sembilan blok terisi, spesifik, dan saling cocok (misalnya saluran sesuai "
                "segmen pelanggan).",
                "Sembilan blok terisi, sebagian masih umum.",
                "Satu atau dua blok kosong atau tidak sesuai isinya.",
                "Lebih dari dua blok kosong.",
            ],
        ),
        _criterion(
            "keuangan",
            "HPP, harga, dan titik impas",
            "Cost, price and break-even",
            (8, 6, 4, 2),
            [
                "Biaya tetap dan variabel terpisah benar; HPP, harga, margin kontribusi, dan "
                "titik impas dihitung benar dan dibandingkan dengan hasil survei.",
                "Perhitungan benar, tetapi tidak dibandingkan dengan pasar.",
                "Ada satu kesalahan hitung atau biaya tetap dan variabel tertukar.",
                "Perhitungan tidak ada atau sebagian besar salah.",
            ],
        ),
        _criterion(
            "pemasaran",
            "Pemasaran yang jujur",
            "Honest marketing",
            (4, 3, 2, 1),
            [
                "Foto sendiri, pesan lengkap, setiap klaim ada buktinya, label memuat "
                "komposisi dan tanggal.",
                "Pesan lengkap dan jujur, tetapi label atau bukti klaim kurang.",
                "Pesan kurang lengkap atau ada klaim yang tidak bisa dibuktikan.",
                "Ada klaim yang menyesatkan atau foto bukan milik sendiri.",
            ],
        ),
        _criterion(
            "koperasi",
            "Tim dan koperasi",
            "Team and cooperative",
            (4, 3, 2, 1),
            [
                "Peran setiap anggota jelas, uang dicatat di buku kas Kopsis, SHU dibagi "
                "setelah RAT menurut partisipasi sesuai AD/ART.",
                "Peran jelas dan pencatatan ada, pembagian hasil kurang jelas.",
                "Peran tidak merata atau pencatatan tidak jelas.",
                "Tidak ada pembagian peran dan rencana pencatatan.",
            ],
        ),
        _criterion(
            "pitch",
            "Pitch",
            "Pitch",
            (4, 3, 2, 1),
            [
                "Tepat tiga menit, urut (masalah sampai permintaan), angka disebut benar, "
                "menjawab pertanyaan dengan tenang.",
                "Urut dan jelas, sedikit melewati waktu atau ada bagian yang terlewat.",
                "Kurang urut atau angka tidak disebut.",
                "Membaca teks tanpa struktur atau jauh melewati waktu.",
            ],
        ),
    ],
}
RUBRIC_MAX_POINTS = sum(criterion["levels"][0]["points"] for criterion in RUBRIC["criteria"])

COURSE: dict[str, Any] = {
    "slug": "kewirausahaan-koperasi-untuk-pelajar",
    "title": "Kewirausahaan Koperasi untuk Pelajar",
    "title_en": "Cooperative Entrepreneurship for Students",
    "summary": (
        "Dari masalah nyata di sekolah sampai rencana usaha tim: riset pasar, kanvas model "
        "bisnis, HPP dan titik impas, pemasaran yang jujur, usaha sebagai koperasi, dan "
        "pitching."
    ),
    "summary_en": (
        "From a real problem at school to a team business plan: market research, the "
        "business model canvas, cost and break-even, honest marketing, running the business "
        "as a cooperative, and pitching."
    ),
    "level": "SMP",
    "minutes": 320,
    "tags": ["Kokurikuler - Kewirausahaan", "Prakarya dan Kewirausahaan", "Koperasi"],
    "objectives": [
        "Menemukan ide usaha dari masalah nyata di sekolah dan menulis pernyataan masalah.",
        "Menyusun survei sederhana, memilih responden, dan menghitung hasilnya.",
        "Mengisi sembilan blok kanvas model bisnis untuk produk tim.",
        "Menghitung HPP per unit, harga jual, margin kontribusi, dan titik impas.",
        "Mempromosikan produk dengan ponsel secara jujur dan menghormati hak konsumen.",
        "Menjalankan usaha tim sebagai koperasi dan menjelaskan pembagian SHU menurut partisipasi.",
        "Menyusun rencana usaha tim dan mempresentasikannya dalam pitch tiga menit.",
    ],
    "lessons": [
        IDEA_LESSON,
        SURVEY_LESSON,
        CANVAS_LESSON,
        PRICING_LESSON,
        MARKETING_LESSON,
        COOPERATIVE_LESSON,
        PITCH_LESSON,
    ],
}
