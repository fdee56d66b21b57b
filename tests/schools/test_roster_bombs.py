"""Spreadsheet bombs: refused before openpyxl reads them, with the web process staying small."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from lms.accounts.models import User
from lms.schools.roster import RosterFileError, parse_roster
from tests.schools.spreadsheets import (
    shared_string_bomb,
    with_shared_strings,
    workbook_bytes,
    zipped,
)

ROOT = Path(__file__).resolve().parents[2]

# Runs in a fresh interpreter so its peak RSS is the import's own. The address-space limit
# keeps a regression from taking the test machine down: it turns into a MemoryError instead.
PROBE = """
import json, resource, sys
_soft, hard = resource.getrlimit(resource.RLIMIT_AS)
resource.setrlimit(resource.RLIMIT_AS, (1536 * 1024 * 1024, hard))
import django
django.setup()
from django.test import override_settings
from lms.schools.roster import RosterFileError, parse_roster
data = open(sys.argv[1], "rb").read()
outcome = "accepted"
with override_settings(ROSTER_MAX_UPLOAD_BYTES=16 * 1024 * 1024):
    try:
        parse_roster(data, "kelas.xlsx")
    except RosterFileError as exc:
        outcome = str(exc)
# VmHWM is this address space's own peak; ru_maxrss would carry over the forking pytest's.
hwm = next(l for l in open("/proc/self/status") if l.startswith("VmHWM:"))
peak_mb = int(hwm.split()[1]) / 1024
print(json.dumps({"outcome": outcome, "peak_mb": peak_mb}))
"""


def test_a_few_megabytes_that_unpack_to_gigabytes_are_refused_under_300_mb(tmp_path):
    # given: 3.5 GiB of one shared string, packed into a file of under 4 MB
    bomb = shared_string_bomb(3584)
    assert len(bomb) < 4 * 1024 * 1024
    path = tmp_path / "bom.xlsx"
    path.write_bytes(bomb)
    # when
    env = {**os.environ, "DJANGO_SETTINGS_MODULE": "lms.settings.test"}
    done = subprocess.run(
        [sys.executable, "-c", PROBE, str(path)],
        capture_output=True,
        text=True,
        cwd=ROOT,
        env=env,
        timeout=120,
        check=False,
    )
    # then
    assert done.returncode == 0, done.stderr[-2000:]
    report = json.loads(done.stdout.strip().splitlines()[-1])
    assert "terlalu besar setelah dibuka" in report["outcome"], report
    assert report["peak_mb"] < 300, report


@pytest.mark.django_db
def test_the_import_page_refuses_a_bomb_with_an_indonesian_message(client, teacher, classroom):
    client.force_login(teacher)
    upload = SimpleUploadedFile("kelas.xlsx", shared_string_bomb(64))
    html = client.post(reverse("schools:roster-import"), {"file": upload}).content.decode()
    assert "terlalu besar setelah dibuka" in html and "Tidak ada siswa yang diimpor" in html
    assert not User.objects.filter(full_name__startswith="AAAA").exists()


def test_a_shared_string_longer_than_a_cell_may_be_is_refused_before_openpyxl(monkeypatch):
    parts = with_shared_strings(workbook_bytes([["nama", "kelas"], ["B" * 5000, "8A"]]))

    def no_openpyxl(*args, **kwargs):
        raise AssertionError("openpyxl must not open this file")

    monkeypatch.setattr("openpyxl.load_workbook", no_openpyxl)
    with pytest.raises(RosterFileError, match="sel yang terlalu panjang"):
        parse_roster(zipped(parts), "kelas.xlsx")


def test_more_rows_than_allowed_are_refused_before_openpyxl(monkeypatch, settings):
    settings.ROSTER_MAX_ROWS = 20
    rows = [["nama", "kelas"]] + [[f"Siswa {n}", "8A"] for n in range(30)]
    monkeypatch.setattr("openpyxl.load_workbook", lambda *a, **k: pytest.fail("opened"))
    with pytest.raises(RosterFileError, match="Terlalu banyak baris"):
        parse_roster(workbook_bytes(rows), "kelas.xlsx")


def test_a_cell_far_to_the_right_is_refused(monkeypatch):
    parts = with_shared_strings(workbook_bytes([["nama", "kelas"], ["Ani", "8A"]]))
    sheet = parts["xl/worksheets/sheet1.xml"]
    parts["xl/worksheets/sheet1.xml"] = sheet.replace(
        b"</row></sheetData>", b'<c r="XFD2"><v>1</v></c></row></sheetData>'
    )
    with pytest.raises(RosterFileError, match="Terlalu banyak kolom"):
        parse_roster(zipped(parts), "kelas.xlsx")


@pytest.mark.django_db
def test_a_forged_dimension_does_not_pad_rows(client, teacher, classroom):
    parts = with_shared_strings(workbook_bytes([["nama", "kelas"], ["Ani Lestari", "8A"]]))
    sheet = parts["xl/worksheets/sheet1.xml"]
    parts["xl/worksheets/sheet1.xml"] = sheet.replace(b'ref="A1:B2"', b'ref="A1:XFD1048576"')
    rows = parse_roster(zipped(parts), "kelas.xlsx")
    assert [(r.name, r.class_name) for r in rows] == [("Ani Lestari", "8A")]


def test_xml_entities_in_a_workbook_are_refused():
    parts = with_shared_strings(workbook_bytes([["nama", "kelas"], ["Ani", "8A"]]))
    parts["xl/sharedStrings.xml"] = parts["xl/sharedStrings.xml"].replace(
        b"<sst ", b'<!DOCTYPE sst [<!ENTITY a "AAAAAAAAAA">]><sst ', 1
    )
    with pytest.raises(RosterFileError, match="XLSX rusak"):
        parse_roster(zipped(parts), "kelas.xlsx")


def test_csv_with_a_huge_cell_is_refused_with_its_line():
    data = b"nama,kelas\nAni,8A\n" + b"B" * 200_000 + b",8A\n"
    with pytest.raises(RosterFileError, match="Baris 3: sel terlalu panjang"):
        parse_roster(data, "kelas.csv")


def test_csv_with_too_many_rows_is_refused(settings):
    settings.ROSTER_MAX_ROWS = 10
    data = b"nama,kelas\n" + b"".join(b"Siswa %d,8A\n" % n for n in range(11))
    with pytest.raises(RosterFileError, match="Terlalu banyak baris"):
        parse_roster(data, "kelas.csv")


def test_csv_with_too_many_columns_is_refused():
    data = b"nama,kelas\n" + b"Ani,8A" + b",x" * 100 + b"\n"
    with pytest.raises(RosterFileError, match="Terlalu banyak kolom"):
        parse_roster(data, "kelas.csv")
