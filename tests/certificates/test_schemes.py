from __future__ import annotations

import io

import pytest

from certificates.exceptions import CertificationError, UnitFileError
from certificates.models import CompetencyUnit, PerformanceCriterion, Scheme, UnitInstrument
from certificates.scheme_data import units_csv
from certificates.services.schemes import (
    scheme_create,
    scheme_new_version,
    scheme_publish,
    scheme_units_import,
)

pytestmark = pytest.mark.django_db

HEADER = "kode_skema,versi,kode_unit,judul_unit,wajib,elemen,kuk,instrumen\n"


def test_demo_units_import_with_elements_criteria_and_instruments(scheme: Scheme) -> None:
    unit = scheme.units.get(code="JBK.03")
    assert unit.title == "Memproses entri jurnal" and unit.required
    assert [e.title for e in unit.elements.all()] == [
        "Mengidentifikasi akun yang terpengaruh",
        "Mencatat jurnal umum",
    ]
    assert PerformanceCriterion.objects.filter(element__unit=unit).count() == 4
    assert set(unit.instruments.values_list("method", flat=True)) == {"praktik", "tulis"}
    assert not scheme.units.get(code="JBK.08").required


def test_unit_file_with_duplicate_codes_is_refused_and_imports_nothing(trainer) -> None:
    draft = scheme_create(code="JBX", title="Uji", by=trainer)
    data = (
        HEADER + "JBX,1,U1,Jurnal,ya,Elemen A,KUK 1\n" + "JBX,1,U1,Buku besar,ya,Elemen B,KUK 2\n"
    ).encode()
    rows, imported = scheme_units_import(scheme=draft, data=data, filename="u.csv")
    assert imported == 0
    assert CompetencyUnit.objects.filter(scheme=draft).count() == 0
    assert rows[1].errors == ["Kode unit U1 ganda (sudah ada di baris 2)."]


def test_missing_title_and_unit_of_another_version_are_reported_per_row(trainer) -> None:
    draft = scheme_create(code="JBX", title="Uji", by=trainer)
    data = (
        HEADER
        + "JBX,1,U1,,ya,Elemen A,KUK 1\n"
        + "JBX,2,U2,Buku besar,ya,Elemen B,KUK 2\n"
        + "JBX,1,U3,Neraca saldo,kadang,Elemen C,KUK 3\n"
    ).encode()
    rows, imported = scheme_units_import(scheme=draft, data=data, filename="u.csv")
    assert imported == 0 and not draft.units.exists()
    assert rows[0].errors == ["Judul unit kosong."]
    assert rows[1].errors == ["Unit ini milik skema JBX v2, bukan JBX v1."]
    assert rows[2].errors == ["Kolom wajib harus 'ya' atau 'tidak'."]


def test_unit_file_as_xlsx_imports(trainer) -> None:
    from openpyxl import Workbook

    draft = scheme_create(code="JBX", title="Uji", by=trainer)
    book = Workbook()
    sheet = book.active
    sheet.append(HEADER.strip().split(","))
    sheet.append(["JBX", 1, "U1", "Jurnal", "ya", "A | B", "a1; a2 | b1", "praktik"])
    buffer = io.BytesIO()
    book.save(buffer)
    rows, imported = scheme_units_import(scheme=draft, data=buffer.getvalue(), filename="u.xlsx")
    assert imported == 1, [r.errors for r in rows]
    assert UnitInstrument.objects.get(unit__scheme=draft).method == "praktik"


def test_unreadable_file_and_missing_columns_are_refused(trainer) -> None:
    draft = scheme_create(code="JBX", title="Uji", by=trainer)
    with pytest.raises(UnitFileError, match="Baris judul harus memuat"):
        scheme_units_import(scheme=draft, data=b"a,b\n1,2\n", filename="u.csv")
    with pytest.raises(UnitFileError, match="kosong"):
        scheme_units_import(scheme=draft, data=b"", filename="u.csv")
    with pytest.raises(UnitFileError):
        scheme_units_import(scheme=draft, data=b"PK\x03\x04garbage", filename="u.xlsx")


def test_formula_cells_are_refused(trainer) -> None:
    draft = scheme_create(code="JBX", title="Uji", by=trainer)
    data = (HEADER + 'JBX,1,U1,"=HYPERLINK(""x"")",ya,A,a\n').encode()
    rows, imported = scheme_units_import(scheme=draft, data=data, filename="u.csv")
    assert imported == 0 and "rumus" in rows[0].errors[0]


def test_published_scheme_never_changes_and_a_new_version_is_a_new_row(
    scheme: Scheme, trainer
) -> None:
    with pytest.raises(CertificationError, match="sudah terbit"):
        scheme_units_import(scheme=scheme, data=units_csv(), filename="u.csv")
    with pytest.raises(CertificationError, match="sudah terbit"):
        scheme_publish(scheme=scheme, by=trainer)
    v2 = scheme_new_version(scheme=scheme, by=trainer)
    assert (v2.code, v2.version, v2.is_published) == ("JBK", 2, False)
    assert v2.units.count() == 8 and scheme.units.count() == 8
    criteria = PerformanceCriterion.objects.filter
    assert (
        criteria(element__unit__scheme=v2).count() == criteria(element__unit__scheme=scheme).count()
    )
    with pytest.raises(CertificationError, match="masih draf"):
        scheme_new_version(scheme=scheme, by=trainer)
    # a v1 file cannot go into v2
    rows, imported = scheme_units_import(
        scheme=v2, data=units_csv(1), filename="u.csv", replace=True
    )
    assert imported == 0 and "bukan JBK v2" in rows[0].errors[0]
    rows, imported = scheme_units_import(
        scheme=v2, data=units_csv(2), filename="u.csv", replace=True
    )
    assert imported == 8


def test_scheme_code_cannot_be_created_twice(scheme: Scheme, trainer) -> None:
    with pytest.raises(CertificationError, match="sudah dipakai"):
        scheme_create(code="jbk", title="Lagi", by=trainer)


def test_publishing_needs_a_required_unit(trainer) -> None:
    draft = scheme_create(code="JBX", title="Uji", by=trainer)
    with pytest.raises(CertificationError, match="unit wajib"):
        scheme_publish(scheme=draft, by=trainer)
