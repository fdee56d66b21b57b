import csv
import io

import pytest
from openpyxl import load_workbook

from lms.exports import safe_cell, table_csv, table_download, table_xlsx

ROWS = [
    ["Nama", "Nilai"],
    ['=HYPERLINK("http://x","klik")', 80],
    ["+62 812", 7.5],
    ["@SUM(A1)", None],
    ["-1", -1],
    ["Siti", 100],
]


def test_text_that_a_spreadsheet_would_run_is_quoted_and_numbers_stay_numbers():
    assert safe_cell("=1+1") == "'=1+1"
    assert safe_cell("Siti") == "Siti"
    assert safe_cell(-5) == -5
    assert safe_cell(None) == ""


def test_csv_has_bom_and_no_live_formula():
    text = table_csv(ROWS).decode("utf-8")
    assert text.startswith("\ufeff")
    cells = [c for row in csv.reader(io.StringIO(text.lstrip("\ufeff"))) for c in row]
    assert not any(c.startswith(("=", "+", "@")) for c in cells)
    assert "'-1" in cells and "-1" in cells  # text quoted, the number left alone


def test_xlsx_cells_are_never_formulas():
    sheet = load_workbook(io.BytesIO(table_xlsx(ROWS, title="Kemajuan"))).active
    values = [cell.value for row in sheet.iter_rows() for cell in row]
    assert all(cell.data_type != "f" for row in sheet.iter_rows() for cell in row)
    assert '\'=HYPERLINK("http://x","klik")' in values and 80 in values


def test_download_is_private_and_named():
    response = table_download(ROWS, kind="xlsx", filename="kemajuan-8a")
    assert response["Content-Disposition"] == 'attachment; filename="kemajuan-8a.xlsx"'
    assert response["Cache-Control"] == "private, no-store"
    with pytest.raises(ValueError):
        table_download(ROWS, kind="exe", filename="x")
