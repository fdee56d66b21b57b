"""Course 1: "Koperasi Sekolah untuk Pelajar" (SMP/SMA), six lessons. Written for Kopsis."""

from __future__ import annotations

from courses import curriculum as c

COURSE = {
    "slug": "koperasi-sekolah-untuk-pelajar",
    "title": "Koperasi Sekolah untuk Pelajar",
    "title_en": "School Cooperatives for Students",
    "summary": (
        "Kenali koperasi dari dasar: apa itu koperasi, nilai dan prinsipnya, cara mendirikan "
        "koperasi sekolah, organ dan demokrasinya, simpanan anggota, sampai SHU dan Rapat "
        "Anggota Tahunan."
    ),
    "summary_en": (
        "Cooperatives from the ground up: what a cooperative is, its values and principles, "
        "founding a school cooperative, its organs and democracy, members' savings, the "
        "surplus (SHU) and the annual members' meeting (RAT)."
    ),
    "level": "SMP",
    "minutes": 240,
    "tags": ["Kokurikuler - Kewirausahaan", "Ekonomi", "IPS", "Prakarya"],
    "objectives": [
        "Menjelaskan pengertian koperasi menurut UU 25/1992 dan ciri koperasi sekolah.",
        "Membandingkan nilai dan prinsip koperasi versi ICA dengan prinsip dalam UU 25/1992.",
        "Menyusun langkah mendirikan koperasi sekolah sampai pengukuhan oleh Dinas Koperasi.",
        "Membedakan tugas Rapat Anggota, Pengurus, Pengawas, dan Pembina.",
        "Menghitung simpanan pokok dan wajib seorang anggota.",
        "Menjelaskan pembagian SHU dan agenda Rapat Anggota Tahunan.",
    ],
    "lessons": [
        {
            "slug": "mengenal-koperasi",
            "title": "Mengenal koperasi",
            "title_en": "What is a cooperative?",
            "summary": "Pengertian koperasi, dasar hukumnya, dan apa bedanya koperasi sekolah.",
            "summary_en": "What a cooperative is, its legal basis, and what makes a school "
            "cooperative different.",
            "minutes": 35,
            "body": [
                (
                    "text",
                    "<p>Bayangkan teman-teman sekelas sering membeli buku tulis dan pulpen "
                    "di warung yang jauh dan harganya mahal. Bagaimana kalau kalian "
                    "mengumpulkan uang bersama, membeli barang dalam jumlah besar, lalu "
                    "menjualnya kepada kalian sendiri dengan harga wajar? Keuntungannya "
                    "kembali kepada kalian juga. Itulah gagasan dasar <b>koperasi</b>.</p>",
                ),
                ("heading", "Pengertian koperasi"),
                c.callout(
                    "definition",
                    "Koperasi",
                    "<p>Badan usaha yang beranggotakan orang-seorang atau badan hukum "
                    "koperasi, yang kegiatannya berdasarkan prinsip koperasi dan sekaligus "
                    "menjadi gerakan ekonomi rakyat berdasar asas kekeluargaan "
                    "(UU Nomor 25 Tahun 1992 tentang Perkoperasian).</p>",
                ),
                (
                    "text",
                    "<p>Koperasi berlandaskan Pancasila dan UUD 1945. Pasal 33 ayat (1) "
                    "UUD 1945 menyatakan bahwa perekonomian disusun sebagai usaha bersama "
                    "berdasar atas asas kekeluargaan. Karena itu koperasi sering disebut "
                    "<b>sokoguru perekonomian</b> Indonesia.</p>"
                    "<p>Ciri yang paling penting: anggota koperasi adalah <b>pemilik</b> "
                    "sekaligus <b>pengguna</b> jasa koperasi. Di perusahaan biasa, pemilik "
                    "(pemegang saham) dan pelanggan adalah orang yang berbeda. Di koperasi, "
                    "orang yang sama.</p>",
                ),
                ("heading", "Dasar hukum yang berlaku"),
                (
                    "text",
                    "<p>Undang-undang yang berlaku adalah <b>UU 25/1992</b>, yang telah "
                    "diubah melalui UU Cipta Kerja (kini UU 6/2023) dan dijalankan dengan "
                    "PP 7/2021. UU 17/2012 pernah menggantikannya, tetapi seluruhnya "
                    "dibatalkan Mahkamah Konstitusi pada 2014, jadi jangan memakai "
                    "definisi dari UU 17/2012.</p>"
                    "<ul><li><b>Koperasi primer</b> didirikan paling sedikit oleh "
                    "9 orang (sebelum UU Cipta Kerja: 20 orang).</li>"
                    "<li><b>Koperasi sekunder</b> didirikan oleh paling sedikit "
                    "3 koperasi.</li></ul>",
                ),
                ("heading", "Koperasi sekolah"),
                (
                    "text",
                    "<p>Koperasi sekolah (kopsis) beranggotakan siswa sekolah itu sendiri. "
                    "Keanggotaan berlaku selama masih menjadi siswa: setelah lulus atau "
                    "pindah sekolah, keanggotaan berakhir. Kegiatannya tidak boleh "
                    "mengganggu jam pelajaran, karena kopsis adalah "
                    "<b>laboratorium</b> tempat siswa berlatih berkoperasi.</p>",
                ),
                c.callout(
                    "warning",
                    "Bukan badan hukum",
                    "<p>Anggota koperasi berbadan hukum harus cakap melakukan perbuatan "
                    "hukum, yaitu orang dewasa. Karena anggotanya pelajar, koperasi sekolah "
                    "umumnya <b>tidak berbadan hukum</b>. Koperasi sekolah "
                    "<i>diakui</i> atau <i>dikukuhkan</i> oleh Dinas Koperasi untuk tujuan "
                    "pendidikan. Perjanjian seperti pinjaman bank tidak dibuat atas nama "
                    "siswa, tetapi melalui sekolah atau guru pembina.</p>",
                ),
                c.callout(
                    "tip",
                    "Unit usaha yang biasa",
                    "<p>Toko alat tulis dan seragam, kantin, jasa fotokopi dan cetak, "
                    "serta penjualan titipan (konsinyasi) hasil karya siswa.</p>",
                ),
            ],
            "quiz": {
                "title": "Kuis: Mengenal koperasi",
                "questions": [
                    c.single(
                        "Undang-undang perkoperasian yang berlaku saat ini adalah ...",
                        [
                            ("UU 25/1992 beserta perubahannya melalui UU Cipta Kerja", True),
                            ("UU 17/2012", False),
                            ("UU 6/2023 saja, tanpa UU 25/1992", False),
                            ("Tidak ada undang-undang khusus koperasi", False),
                        ],
                        "UU 17/2012 dibatalkan seluruhnya oleh Mahkamah Konstitusi pada 2014, "
                        "sehingga UU 25/1992 berlaku kembali; UU 6/2023 mengubah sebagian "
                        "pasalnya.",
                    ),
                    c.numeric(
                        "Berapa jumlah orang paling sedikit untuk mendirikan koperasi "
                        "primer menurut aturan yang berlaku sekarang?",
                        9,
                        "Sejak UU Cipta Kerja, koperasi primer cukup didirikan 9 orang.",
                        unit="orang",
                    ),
                    c.true_false(
                        "Koperasi sekolah yang anggotanya pelajar umumnya berbadan hukum.",
                        False,
                        "Anggota koperasi berbadan hukum harus dewasa. Koperasi "
                        "sekolah umumnya tidak berbadan hukum dan dikukuhkan oleh "
                        "Dinas Koperasi.",
                    ),
                    c.short_text(
                        "Lengkapi: anggota koperasi adalah pemilik sekaligus ... jasa koperasi.",
                        ["pengguna", "pemakai"],
                        "Identitas ganda anggota: pemilik dan pengguna.",
                    ),
                    c.multiple(
                        "Manakah yang benar tentang keanggotaan koperasi sekolah?",
                        [
                            ("Anggotanya siswa sekolah itu", True),
                            ("Keanggotaan berakhir ketika siswa lulus atau pindah sekolah", True),
                            ("Kegiatannya boleh dilakukan di jam pelajaran", False),
                            ("Siswa menandatangani pinjaman bank atas nama sendiri", False),
                        ],
                        "Kopsis adalah tempat praktik; kegiatan di luar jam pelajaran, "
                        "perjanjian dibuat lewat sekolah atau guru pembina.",
                    ),
                ],
            },
        },
        {
            "slug": "nilai-dan-prinsip-koperasi",
            "title": "Nilai dan prinsip koperasi",
            "title_en": "Cooperative values and principles",
            "summary": "Nilai dan tujuh prinsip koperasi menurut ICA, dan prinsip koperasi "
            "dalam UU 25/1992.",
            "summary_en": "The values and seven principles of the ICA, and the principles "
            "in Indonesian law.",
            "minutes": 35,
            "body": [
                (
                    "text",
                    "<p>Koperasi di seluruh dunia berpegang pada nilai dan prinsip yang "
                    "dirumuskan International Cooperative Alliance (ICA) pada 1995. "
                    "Indonesia punya rumusan sendiri di UU 25/1992. Keduanya mirip, "
                    "tetapi tidak sama, jadi kita pelajari berdampingan.</p>",
                ),
                ("heading", "Nilai koperasi (ICA)"),
                (
                    "text",
                    "<p>Nilai dasar: <b>menolong diri sendiri, tanggung jawab sendiri, "
                    "demokrasi, persamaan, keadilan, dan kesetiakawanan</b>. Anggota "
                    "koperasi juga menjunjung nilai etis: <b>kejujuran, keterbukaan, "
                    "tanggung jawab sosial, dan kepedulian terhadap orang lain</b>.</p>",
                ),
                ("heading", "Tujuh prinsip ICA"),
                (
                    "text",
                    "<ol><li>Keanggotaan sukarela dan terbuka.</li>"
                    "<li>Pengendalian demokratis oleh anggota.</li>"
                    "<li>Partisipasi ekonomi anggota.</li>"
                    "<li>Otonomi dan kemandirian.</li>"
                    "<li>Pendidikan, pelatihan, dan informasi.</li>"
                    "<li>Kerja sama antarkoperasi.</li>"
                    "<li>Kepedulian terhadap komunitas.</li></ol>",
                ),
                ("heading", "Prinsip koperasi menurut UU 25/1992 (Pasal 5)"),
                (
                    "text",
                    "<ol><li>Keanggotaan bersifat sukarela dan terbuka.</li>"
                    "<li>Pengelolaan dilakukan secara demokratis.</li>"
                    "<li>Pembagian SHU dilakukan secara adil sebanding dengan besarnya "
                    "jasa usaha masing-masing anggota.</li>"
                    "<li>Pemberian balas jasa yang terbatas terhadap modal.</li>"
                    "<li>Kemandirian.</li></ol>"
                    "<p>Dalam mengembangkan koperasi ditambah: <b>pendidikan "
                    "perkoperasian</b> dan <b>kerja sama antarkoperasi</b>.</p>",
                ),
                c.callout(
                    "tip",
                    "Perbedaan yang perlu diingat",
                    "<p>Daftar dalam undang-undang Indonesia tidak memuat prinsip "
                    "\u201ckepedulian terhadap komunitas\u201d secara tersurat. Sebaliknya, "
                    "UU 25/1992 menegaskan SHU dibagi menurut jasa usaha, bukan menurut "
                    "besarnya modal.</p>",
                ),
                c.callout(
                    "definition",
                    "Asas kekeluargaan",
                    "<p>Semangat gotong royong: anggota bekerja sama untuk kepentingan "
                    "bersama, bukan saling mencari untung dari yang lain.</p>",
                ),
                c.example(
                    "Prinsip dalam kegiatan kopsis",
                    "<p>Kopsis menjual buku tulis kepada anggota. Di akhir tahun, Rina "
                    "yang sering berbelanja mendapat bagian SHU lebih besar daripada "
                    "Doni yang jarang berbelanja, walaupun simpanan mereka sama.</p>",
                    [
                        "<p>Cari prinsip yang mengatur pembagian SHU.</p>",
                        "<p>Bandingkan dasar pembagian: belanja (jasa usaha) atau simpanan "
                        "(modal).</p>",
                    ],
                    "<p>Itu penerapan prinsip SHU dibagi <b>sebanding dengan jasa "
                    "usaha</b> anggota.</p>",
                ),
            ],
            "quiz": {
                "title": "Kuis: Nilai dan prinsip koperasi",
                "questions": [
                    c.multiple(
                        "Manakah yang termasuk nilai dasar koperasi menurut ICA?",
                        [
                            ("Menolong diri sendiri", True),
                            ("Demokrasi", True),
                            ("Kesetiakawanan", True),
                            ("Keuntungan sebesar-besarnya", False),
                        ],
                    ),
                    c.single(
                        "Menurut UU 25/1992, SHU dibagi kepada anggota ...",
                        [
                            ("sebanding dengan jasa usaha masing-masing anggota", True),
                            ("sama rata untuk semua anggota", False),
                            ("hanya menurut besarnya simpanan", False),
                            ("hanya kepada pengurus", False),
                        ],
                        "Prinsip ketiga Pasal 5: adil sebanding dengan besarnya jasa usaha.",
                    ),
                    c.true_false(
                        "\u201cKepedulian terhadap komunitas\u201d tercantum tersurat "
                        "dalam daftar prinsip koperasi UU 25/1992.",
                        False,
                        "Prinsip itu ada dalam daftar ICA, tidak tersurat dalam "
                        "Pasal 5 UU 25/1992.",
                    ),
                    c.matching(
                        "Jodohkan contoh kegiatan dengan prinsip koperasi (ICA).",
                        [
                            (
                                "Siapa pun siswa boleh mendaftar tanpa paksaan",
                                "Keanggotaan sukarela dan terbuka",
                            ),
                            (
                                "Setiap anggota punya satu suara di rapat",
                                "Pengendalian demokratis oleh anggota",
                            ),
                            (
                                "Kopsis mengadakan pelatihan pembukuan untuk anggota",
                                "Pendidikan, pelatihan, dan informasi",
                            ),
                            (
                                "Kopsis membeli barang bersama kopsis sekolah lain",
                                "Kerja sama antarkoperasi",
                            ),
                        ],
                    ),
                    c.short_text(
                        "Asas yang mendasari koperasi Indonesia menurut UUD 1945 Pasal 33 "
                        "ayat (1) adalah asas ...",
                        ["kekeluargaan", "asas kekeluargaan"],
                    ),
                ],
            },
        },
        {
            "slug": "mendirikan-koperasi-sekolah",
            "title": "Mendirikan koperasi sekolah",
            "title_en": "Founding a school cooperative",
            "summary": "Langkah dari persiapan, rapat pembentukan, sampai pengukuhan oleh "
            "Dinas Koperasi.",
            "summary_en": "The steps from preparation and the founding meeting to "
            "recognition by the district cooperative office.",
            "minutes": 40,
            "body": [
                (
                    "text",
                    "<p>Mendirikan koperasi sekolah adalah kerja bersama kepala sekolah, "
                    "guru, komite sekolah, OSIS, dan siswa. Ada lima langkah.</p>",
                ),
                ("heading", "1. Persiapan"),
                (
                    "text",
                    "<p>Sekolah menyosialisasikan gagasan dan membentuk <b>panitia "
                    "pendiri</b>. Panitia berkonsultasi dengan Dinas Koperasi, menentukan "
                    "tanggal, tempat, dan acara rapat, lalu menyiapkan undangan, daftar "
                    "hadir, notulen, tata tertib rapat, rancangan <b>Anggaran Dasar "
                    "(AD)</b> dan <b>Anggaran Rumah Tangga (ART)</b>, program kerja, serta "
                    "cara pemilihan pengurus.</p>",
                ),
                ("heading", "2. Undangan"),
                (
                    "text",
                    "<p>Undangan dikirim sekurang-kurangnya kepada kepala sekolah, komite "
                    "sekolah, utusan Dinas Koperasi, guru, pengurus OSIS, dan calon "
                    "anggota.</p>",
                ),
                ("heading", "3. Rapat pembentukan"),
                (
                    "text",
                    "<p>Hadir paling sedikit <b>2 siswa dari setiap kelas dan minimal "
                    "20 siswa</b>, guru pembina, kepala sekolah, petugas Dinas Koperasi, "
                    "dan wakil Dinas Pendidikan. Acaranya: pembukaan; laporan panitia; "
                    "pengarahan Dinas Koperasi; tata tertib dan aturan pemilihan; "
                    "persetujuan pembentukan; pembahasan dan penetapan AD/ART; rencana "
                    "kerja dan anggaran; pemilihan serta pelantikan pengurus dan "
                    "pengawas.</p>"
                    "<p>Hasilnya <b>berita acara rapat pembentukan</b> yang ditandatangani "
                    "pimpinan dan sekretaris rapat, notulen, daftar hadir, dan daftar "
                    "pendiri.</p>",
                ),
                ("heading", "4. Pelaporan ke Dinas Koperasi"),
                (
                    "text",
                    "<p>Pengurus mendaftarkan koperasi dengan menyerahkan AD/akta "
                    "pendirian <b>2 rangkap, satu bermeterai</b>, petikan berita acara, dan "
                    "<b>neraca awal</b> yang menunjukkan modal permulaan. Dinas Koperasi "
                    "kemudian mengakui atau mengukuhkan koperasi sekolah.</p>",
                ),
                ("heading", "5. Mulai berjalan"),
                (
                    "text",
                    "<p>Buka buku-buku koperasi, terima simpanan pokok, catat anggota "
                    "dalam buku daftar anggota. Rapat Anggota Tahunan pertama diadakan "
                    "setelah tahun buku pertama berakhir.</p>",
                ),
                c.callout(
                    "definition",
                    "Berita acara",
                    "<p>Catatan resmi jalannya rapat dan keputusannya, ditandatangani "
                    "pimpinan rapat.</p>",
                ),
            ],
            "quiz": {
                "title": "Kuis: Mendirikan koperasi sekolah",
                "questions": [
                    c.ordering(
                        "Urutkan langkah mendirikan koperasi sekolah.",
                        [
                            "Persiapan dan pembentukan panitia pendiri",
                            "Mengirim undangan",
                            "Rapat pembentukan",
                            "Pelaporan ke Dinas Koperasi",
                            "Membuka buku dan menerima simpanan pokok",
                        ],
                    ),
                    c.numeric(
                        "Berapa jumlah siswa paling sedikit yang harus hadir di rapat "
                        "pembentukan koperasi sekolah?",
                        20,
                        "Minimal 2 siswa per kelas dan minimal 20 siswa seluruhnya.",
                        unit="siswa",
                    ),
                    c.multiple(
                        "Dokumen apa saja yang diserahkan ke Dinas Koperasi saat mendaftar?",
                        [
                            ("AD/akta pendirian 2 rangkap, satu bermeterai", True),
                            ("Petikan berita acara rapat pembentukan", True),
                            ("Neraca awal", True),
                            ("Rapor semua anggota", False),
                        ],
                    ),
                    c.true_false(
                        "AD dan ART ditetapkan dalam rapat pembentukan.",
                        True,
                        "Pembahasan dan penetapan AD/ART adalah salah satu acara rapat "
                        "pembentukan.",
                    ),
                    c.short_text(
                        "Dokumen resmi hasil rapat yang ditandatangani pimpinan dan "
                        "sekretaris rapat disebut ...",
                        ["berita acara", "berita acara rapat pembentukan"],
                    ),
                ],
            },
        },
        {
            "slug": "organ-dan-demokrasi-koperasi",
            "title": "Organ koperasi dan demokrasi",
            "title_en": "Cooperative organs and democracy",
            "summary": "Rapat Anggota, Pengurus, Pengawas, Pembina, serta hak dan kewajiban "
            "anggota.",
            "summary_en": "The members' meeting, the board, the supervisors, the patron, and "
            "members' rights and duties.",
            "minutes": 35,
            "body": [
                (
                    "text",
                    "<p>Menurut UU 25/1992 Pasal 21, perangkat organisasi koperasi ada "
                    "tiga: <b>Rapat Anggota, Pengurus, dan Pengawas</b>. Koperasi sekolah "
                    "menambah <b>Pembina</b>.</p>",
                ),
                ("heading", "Rapat Anggota"),
                (
                    "text",
                    "<p>Pemegang kekuasaan tertinggi. Rapat Anggota menetapkan AD, "
                    "kebijakan umum, memilih dan memberhentikan pengurus dan pengawas, "
                    "mengesahkan rencana kerja dan anggaran, mengesahkan laporan keuangan, "
                    "menerima pertanggungjawaban pengurus, serta menetapkan pembagian SHU. "
                    "Setiap anggota punya <b>satu suara</b>, berapa pun simpanannya. "
                    "Keputusan diambil dengan musyawarah untuk mufakat; jika tidak "
                    "tercapai, dengan suara terbanyak.</p>",
                ),
                ("heading", "Pengurus"),
                (
                    "text",
                    "<p>Menjalankan koperasi sehari-hari. Biasanya terdiri atas ketua, "
                    "wakil ketua, sekretaris, wakil sekretaris, bendahara, dan wakil "
                    "bendahara, dengan masa jabatan 1 tahun di koperasi sekolah.</p>",
                ),
                ("heading", "Pengawas"),
                (
                    "text",
                    "<p>Dipilih oleh dan dari anggota. Pengawas memeriksa kebijakan dan "
                    "pengelolaan koperasi, melaporkan hasilnya secara tertulis kepada "
                    "Rapat Anggota, dan merahasiakan temuannya terhadap pihak luar.</p>",
                ),
                ("heading", "Pembina"),
                (
                    "text",
                    "<p>Kepala sekolah menjadi pelindung atau penasihat; guru pembina "
                    "mendampingi kegiatan sehari-hari.</p>",
                ),
                c.callout(
                    "tip",
                    "Hak dan kewajiban anggota",
                    "<p><b>Hak:</b> memilih dan dipilih, memakai layanan koperasi, "
                    "menerima SHU, memperoleh informasi. <b>Kewajiban:</b> membayar "
                    "simpanan pokok dan wajib, menaati AD/ART dan keputusan Rapat Anggota, "
                    "serta memanfaatkan koperasi.</p>",
                ),
            ],
            "quiz": {
                "title": "Kuis: Organ koperasi",
                "questions": [
                    c.single(
                        "Pemegang kekuasaan tertinggi dalam koperasi adalah ...",
                        [
                            ("Rapat Anggota", True),
                            ("Ketua pengurus", False),
                            ("Pengawas", False),
                            ("Kepala sekolah", False),
                        ],
                    ),
                    c.matching(
                        "Jodohkan organ dengan tugasnya.",
                        [
                            ("Rapat Anggota", "Menetapkan pembagian SHU"),
                            ("Pengurus", "Menjalankan koperasi sehari-hari"),
                            ("Pengawas", "Memeriksa dan melapor tertulis kepada Rapat Anggota"),
                            ("Guru pembina", "Mendampingi kegiatan sehari-hari"),
                        ],
                    ),
                    c.true_false(
                        "Anggota yang simpanannya lebih besar punya suara lebih banyak "
                        "di Rapat Anggota.",
                        False,
                        "Satu anggota, satu suara.",
                    ),
                    c.numeric(
                        "Di koperasi sekolah, berapa tahun masa jabatan pengurus yang "
                        "biasa ditetapkan AD?",
                        1,
                        unit="tahun",
                    ),
                    c.multiple(
                        "Manakah yang termasuk kewajiban anggota?",
                        [
                            ("Membayar simpanan pokok dan simpanan wajib", True),
                            ("Menaati AD/ART dan keputusan Rapat Anggota", True),
                            ("Menerima SHU", False),
                            ("Menjadi pengurus", False),
                        ],
                        "Menerima SHU adalah hak, bukan kewajiban.",
                    ),
                ],
            },
        },
        {
            "slug": "modal-dan-simpanan",
            "title": "Modal dan simpanan anggota",
            "title_en": "Capital and members' savings",
            "summary": "Modal sendiri dan modal pinjaman; simpanan pokok, wajib, dan sukarela.",
            "summary_en": "Own and borrowed capital; entrance, mandatory and voluntary savings.",
            "minutes": 40,
            "body": [
                (
                    "text",
                    "<p>Koperasi butuh modal untuk membeli barang dagangan dan "
                    "perlengkapan. Menurut UU 25/1992 Pasal 41, modal koperasi terdiri "
                    "atas <b>modal sendiri</b> dan <b>modal pinjaman</b>.</p>",
                ),
                c.callout(
                    "definition",
                    "Modal sendiri",
                    "<p>Simpanan pokok + simpanan wajib + dana cadangan + hibah.</p>",
                ),
                (
                    "text",
                    "<p>Modal pinjaman berasal dari anggota, koperasi lain, bank, dan "
                    "sumber sah lainnya. Untuk koperasi sekolah, pinjaman dari bank, "
                    "sekolah, atau komite diurus melalui sekolah, bukan atas nama "
                    "siswa.</p>",
                ),
                ("heading", "Tiga jenis simpanan"),
                (
                    "text",
                    "<ul><li><b>Simpanan pokok</b>: jumlahnya <b>sama untuk setiap "
                    "anggota</b>, dibayar sekali ketika masuk, dan <b>tidak dapat "
                    "diambil</b> selama masih menjadi anggota.</li>"
                    "<li><b>Simpanan wajib</b>: dibayar berkala (misalnya setiap bulan); "
                    "jumlahnya ditetapkan ART atau Rapat Anggota dan tidak harus sama; "
                    "tidak diambil selama masih anggota.</li>"
                    "<li><b>Simpanan sukarela</b> (tabungan): jumlah dan waktunya bebas, "
                    "dapat diambil sesuai aturan produknya.</li></ul>",
                ),
                c.callout(
                    "warning",
                    "Sering keliru",
                    "<p>Ada buku yang menulis simpanan wajib boleh diambil kapan saja. "
                    "Itu tidak benar: simpanan pokok dan wajib dikembalikan ketika "
                    "keanggotaan berakhir, misalnya saat siswa lulus.</p>",
                ),
                c.example(
                    "Menghitung simpanan Siti",
                    "<p>Kopsis menetapkan simpanan pokok Rp 10.000 dan simpanan wajib "
                    "Rp 2.000 per bulan. Siti masuk pada Januari dan membayar wajib setiap "
                    "bulan sampai Desember. Berapa simpanan pokok dan wajib Siti pada akhir "
                    "tahun?</p>",
                    [
                        "<p>Simpanan pokok dibayar sekali: Rp 10.000.</p>",
                        "<p>Simpanan wajib 12 bulan × Rp 2.000 = Rp 24.000.</p>",
                        "<p>Jumlahkan: Rp 10.000 + Rp 24.000.</p>",
                    ],
                    "<p><b>Rp 34.000</b>. Simpanan sukarela, jika ada, dihitung terpisah.</p>",
                ),
                c.callout(
                    "tip",
                    "Kebijakan Kopsis",
                    "<p>Di Kopsis, siswa hanya menabung. Meminjamkan uang butuh izin usaha "
                    "simpan pinjam, yang tidak dapat dimiliki koperasi sekolah yang tidak "
                    "berbadan hukum.</p>",
                ),
            ],
            "quiz": {
                "title": "Kuis: Modal dan simpanan",
                "questions": [
                    c.numeric(
                        "Simpanan pokok Rp 10.000, simpanan wajib Rp 2.000 per bulan. Budi "
                        "masuk pada bulan Juli dan membayar wajib setiap bulan sampai "
                        "Desember. Berapa total simpanan pokok dan wajib Budi?",
                        22000,
                        "Rp 10.000 + 6 bulan × Rp 2.000 = Rp 22.000.",
                    ),
                    c.matching(
                        "Jodohkan jenis simpanan dengan cirinya.",
                        [
                            ("Simpanan pokok", "Sama untuk semua anggota, dibayar sekali"),
                            ("Simpanan wajib", "Dibayar berkala, jumlah ditetapkan ART/RAT"),
                            ("Simpanan sukarela", "Bebas, dapat diambil sesuai aturan produk"),
                        ],
                    ),
                    c.true_false(
                        "Simpanan wajib boleh diambil kapan saja selama masih menjadi anggota.",
                        False,
                        "Simpanan wajib dikembalikan ketika keanggotaan berakhir.",
                    ),
                    c.multiple(
                        "Manakah yang termasuk modal sendiri koperasi?",
                        [
                            ("Simpanan pokok", True),
                            ("Simpanan wajib", True),
                            ("Dana cadangan", True),
                            ("Pinjaman dari bank", False),
                        ],
                    ),
                    c.numeric(
                        "Sebuah kopsis punya 40 anggota. Simpanan pokok Rp 10.000. Berapa "
                        "jumlah simpanan pokok seluruh anggota?",
                        400000,
                        "40 × Rp 10.000 = Rp 400.000, karena simpanan pokok sama untuk "
                        "setiap anggota.",
                    ),
                    c.single(
                        "Mengapa Kopsis tidak meminjamkan uang kepada siswa?",
                        [
                            (
                                "Usaha simpan pinjam butuh izin yang tidak dapat dimiliki koperasi "
                                "sekolah tidak berbadan hukum",
                                True,
                            ),
                            ("Siswa tidak boleh menabung", False),
                            ("Koperasi dilarang punya modal pinjaman", False),
                        ],
                    ),
                ],
            },
        },
        {
            "slug": "shu-dan-rat",
            "title": "SHU dan Rapat Anggota Tahunan",
            "title_en": "Surplus (SHU) and the annual members' meeting (RAT)",
            "summary": "Apa itu SHU, bagaimana dibagi, dan apa yang terjadi di RAT.",
            "summary_en": "What the surplus is, how it is shared, and what happens at the "
            "annual members' meeting.",
            "minutes": 45,
            "body": [
                c.callout(
                    "definition",
                    "Sisa Hasil Usaha (SHU)",
                    "<p>Pendapatan koperasi dalam satu tahun buku dikurangi biaya, "
                    "penyusutan, dan kewajiban lain termasuk pajak (UU 25/1992 "
                    "Pasal 45).</p>",
                ),
                (
                    "text",
                    "<p>Setelah dikurangi <b>dana cadangan</b>, SHU dibagikan kepada "
                    "anggota sebanding dengan <b>jasa usaha</b> masing-masing, juga untuk "
                    "pendidikan perkoperasian dan keperluan lain, sesuai keputusan Rapat "
                    "Anggota. Hanya SHU yang berasal dari transaksi dengan anggota yang "
                    "kembali kepada anggota.</p>"
                    "<p>Persentase pembagian ditetapkan AD/ART atau RAT. Contoh pembagian "
                    "di Kopsis \u201cTunas Bangsa\u201d: cadangan 30%, jasa modal (JMA) 20%, "
                    "jasa usaha (JUA) 25%, dana pengurus 5%, dana pendidikan 10%, dana "
                    "sosial 5%, dana pembangunan sekolah 5%. Jumlahnya harus "
                    "<b>100%</b>.</p>",
                ),
                c.callout(
                    "warning",
                    "Cek jumlahnya",
                    "<p>Ada contoh pembagian di buku yang jumlahnya 105%: cadangan 40, jasa "
                    "anggota 40, pengurus 5, karyawan 5, pendidikan 5, sosial 5, "
                    "pembangunan 5. Pembagian seperti itu tidak mungkin dijalankan.</p>",
                ),
                c.example(
                    "SHU Tunas Bangsa",
                    "<p>SHU Kopsis \u201cTunas Bangsa\u201d tahun buku 2025 sebesar "
                    "Rp 6.000.000. Berapa dana cadangan dan dana pendidikannya?</p>",
                    [
                        "<p>Cadangan 30% × Rp 6.000.000 = Rp 1.800.000.</p>",
                        "<p>Dana pendidikan 10% × Rp 6.000.000 = Rp 600.000.</p>",
                    ],
                    "<p>Cadangan <b>Rp 1.800.000</b>, dana pendidikan <b>Rp 600.000</b>.</p>",
                ),
                ("heading", "Rapat Anggota Tahunan (RAT)"),
                (
                    "text",
                    "<p>Rapat Anggota diadakan paling sedikit sekali setahun. RAT yang "
                    "menerima pertanggungjawaban pengurus diadakan <b>paling lambat "
                    "6 bulan</b> setelah tahun buku berakhir. Sejak UU Cipta Kerja, RAT "
                    "boleh daring maupun luring.</p>"
                    "<p>Acara RAT: pembukaan dan pemeriksaan kuorum; pengesahan tata "
                    "tertib dan pimpinan sidang; <b>laporan pertanggungjawaban "
                    "pengurus</b>; laporan hasil pengawasan; pembahasan dan pengesahan "
                    "laporan; <b>penetapan pembagian SHU</b>; rencana kerja dan anggaran "
                    "tahun depan; pemilihan pengurus dan pengawas bila masa jabatan "
                    "berakhir; lain-lain; penutup.</p>",
                ),
                c.callout(
                    "tip",
                    "Laporan yang dibawa ke RAT",
                    "<p>Laporan posisi keuangan (neraca), laporan perhitungan hasil usaha, "
                    "laporan perubahan ekuitas, laporan arus kas, dan catatan atas laporan "
                    "keuangan, ditambah usulan pembagian SHU serta rencana kerja dan "
                    "anggaran.</p>",
                ),
            ],
            "quiz": {
                "title": "Kuis: SHU dan RAT",
                "questions": [
                    c.numeric(
                        "SHU sebuah kopsis Rp 6.000.000 dan bagian jasa modal anggota "
                        "(JMA) 20%. Berapa rupiah dana JMA?",
                        1200000,
                        "20% × Rp 6.000.000 = Rp 1.200.000.",
                    ),
                    c.single(
                        "Menurut UU 25/1992, SHU bagian anggota dibagi sebanding dengan ...",
                        [
                            ("jasa usaha anggota", True),
                            ("umur anggota", False),
                            ("jabatan di pengurus", False),
                            ("jumlah teman yang diajak", False),
                        ],
                    ),
                    c.true_false(
                        "Pembagian SHU cadangan 40%, jasa anggota 40%, pengurus 5%, "
                        "karyawan 5%, pendidikan 5%, sosial 5%, pembangunan 5% dapat "
                        "dijalankan.",
                        False,
                        "Jumlahnya 105%, lebih dari SHU yang ada.",
                    ),
                    c.numeric(
                        "Tahun buku berakhir 31 Desember. Paling lambat berapa bulan "
                        "sesudahnya RAT pertanggungjawaban pengurus harus diadakan?",
                        6,
                        unit="bulan",
                    ),
                    c.ordering(
                        "Urutkan sebagian acara RAT berikut.",
                        [
                            "Pembukaan dan pemeriksaan kuorum",
                            "Laporan pertanggungjawaban pengurus",
                            "Laporan hasil pengawasan",
                            "Penetapan pembagian SHU",
                            "Rencana kerja dan anggaran tahun depan",
                        ],
                    ),
                    c.short_text("Apa singkatan dari Rapat Anggota Tahunan?", ["RAT"]),
                ],
            },
        },
    ],
}
