"""Paying a big cooperative's SHU into simpanan sukarela from a phone (issue 11 point 5).

The world has more members than SHU_ASYNC_MEMBERS (100), so "Bayar semua SHU" runs through the
real Celery worker of scripts/e2e.sh in chunks (school_coops/services/shu_payouts.py): the
teacher at 360 px chooses "Pindahkan ke simpanan sukarela", pays, watches the progress bar run
to the end; a member then finds the credit in their savings in the portal."""

from __future__ import annotations

import uuid

import pytest
from playwright.sync_api import Page, expect

from tests.e2e.helpers import fits_360, login, logout, rupiah
from tests.e2e.worlds import PASSWORD, build

MEMBERS = 105  # above SHU_ASYNC_MEMBERS = 100


@pytest.fixture(scope="module")
def world() -> dict:
    tag = f"shu{uuid.uuid4().hex[:6]}"
    return build(f"shu_payout_world({tag!r}, {MEMBERS})")


def test_teacher_pays_every_share_into_sukarela_and_a_member_sees_it(
    phone: Page, base_url: str, world: dict
) -> None:
    login(phone, base_url, world["teacher"], PASSWORD)
    page = f"{base_url}/koperasi/{world['slug']}/shu/?tahun={world['year']}"
    phone.goto(page)
    expect(phone.get_by_test_id("shu-payout-tunai")).to_be_checked()  # cash is the default
    phone.get_by_test_id("shu-payout-sukarela").check()
    phone.get_by_role("button", name="Bayar semua SHU yang belum diambil").click()
    expect(phone.get_by_text("Pembayaran SHU sedang dibukukan")).to_be_visible()
    fits_360(phone)
    # the bar polls the job row until the worker is done (htmx stops on 286)
    done = phone.locator('[data-job-status="done"]')
    expect(done).to_contain_text(
        f"SHU {world['shares']} anggota dipindahkan ke simpanan sukarela; 0 dilewati.",
        timeout=120_000,
    )
    expected = build(f"shu_payout_expected({world['slug']!r}, {world['year']})")
    assert expected == {"paid_to": ["sukarela"], "unpaid": 0}
    phone.goto(page)
    expect(phone.get_by_test_id("shu-shares")).to_contain_text("ke simpanan sukarela")

    logout(phone)
    login(phone, base_url, world["member"], PASSWORD)
    phone.goto(f"{base_url}/koperasi/saya/")
    expect(phone.get_by_test_id("portal-shu-sukarela")).to_contain_text("masuk simpanan sukarela")
    expect(phone.get_by_test_id("portal-sukarela")).to_have_text(rupiah(world["amount"]))
    fits_360(phone)
