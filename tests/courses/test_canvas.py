"""The business model canvas definition and cleaning (courses/worksheets/canvas.py)."""

import pytest
from hypothesis import given
from hypothesis import strategies as st

from courses.worksheets.canvas import BLOCK_KEYS, BLOCKS, CanvasError, clean_canvas, is_complete


def test_nine_blocks_with_titles_prompts_and_limits():
    assert len(BLOCKS) == 9 and len(set(BLOCK_KEYS)) == 9
    for block in BLOCKS:
        assert block.title and block.title_en and block.title != block.title_en
        assert block.prompt.endswith(("?", ".")) and block.prompt_en.endswith(("?", "."))
        assert 0 < block.max_length <= 2000


def test_clean_strips_normalises_and_fills_missing_blocks():
    canvas = clean_canvas({"channels": "  Meja kantin\r\nGrup kelas  ", "cost_structure": None})
    assert list(canvas) == list(BLOCK_KEYS)
    assert canvas["channels"] == "Meja kantin\nGrup kelas"
    assert canvas["cost_structure"] == "" and canvas["customer_segments"] == ""
    assert not is_complete(canvas)
    assert is_complete(clean_canvas(dict.fromkeys(BLOCK_KEYS, "isi")))


@pytest.mark.parametrize(
    ("payload", "message"),
    [
        ({"hacker": "x"}, "tidak dikenal: hacker"),
        ({"channels": 5}, "harus berupa teks"),
        ({"channels": ["a"]}, "harus berupa teks"),
        ({"channels": "a" * 501}, "terlalu panjang: 501 karakter, paling banyak 500"),
        ({"channels": "Halo\u202eevil"}, "karakter tersembunyi"),
        ({"channels": "nol\x00"}, "karakter tersembunyi"),
        ({"channels": "lebar\u200bnol"}, "karakter tersembunyi"),
        ("not a dict", "tidak terbaca"),
        (None, "tidak terbaca"),
    ],
)
def test_bad_canvas_is_refused_in_indonesian(payload, message):
    with pytest.raises(CanvasError) as error:
        clean_canvas(payload)
    assert message in error.value.message and isinstance(error.value, ValueError)


def test_length_counts_after_stripping():
    assert clean_canvas({"channels": "  " + "a" * 500 + "\n"})["channels"] == "a" * 500


@given(st.dictionaries(st.sampled_from(BLOCK_KEYS), st.text(max_size=600)))
def test_cleaning_is_idempotent_and_never_exceeds_limits(payload):
    try:
        canvas = clean_canvas(payload)
    except CanvasError:
        return
    assert clean_canvas(canvas) == canvas
    assert all(
        len(canvas[b.key]) <= b.max_length and canvas[b.key] == canvas[b.key].strip()
        for b in BLOCKS
    )
