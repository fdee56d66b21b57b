"""The general journal form, member tags on sub-ledger accounts, and the cash form's tag."""

from decimal import Decimal

import pytest
from django.urls import reverse
from django.utils import timezone

from school_coops.models import JournalEntry, JournalLine
from school_coops.services.closing import accounting_period_close
from school_coops.services.cooperative import account_set_active
from school_coops.services.ledger import accounting_period_for

pytestmark = pytest.mark.django_db


def _url(name, coop):
    return reverse(f"school_coops:{name}", args=[coop.slug])


def _journals(coop):
    # The officers' own simpanan pokok entries (fixtures) are not what these tests post.
    return JournalEntry.objects.filter(coop=coop).exclude(lines__savings_account__isnull=False)


def _acc(coop, code):
    return coop.accounts.get(code=code).pk


def _journal(coop, lines, key="j" * 20, memo="Beli ATK dan persediaan", date=None):
    data = {
        "date": (date or timezone.localdate()).isoformat(),
        "memo": memo,
        "idempotency_key": key,
    }
    for i, (code, debit, credit, member) in enumerate(lines):
        data[f"line-{i}-account"] = code if isinstance(code, int) else _acc(coop, code)
        data[f"line-{i}-debit"] = debit
        data[f"line-{i}-credit"] = credit
        data[f"line-{i}-member"] = member or ""
    return data


THREE_LINES = [
    ("6-1201", "4.000", "", None),
    ("1-1501", "6000", "", None),
    ("1-1101", "", "10000", None),
]


def test_officer_posts_a_three_line_journal_entry(client, coop, treasurer):
    client.force_login(treasurer)
    page = client.get(_url("journal-entry", coop)).content.decode()
    assert page.count('data-testid="journal-line"') == 2 and 'name="idempotency_key"' in page
    html = client.post(
        _url("journal-entry", coop), _journal(coop, THREE_LINES), headers={"HX-Request": "true"}
    ).content.decode()
    assert "dicatat" in html and "<html" not in html
    entry = JournalEntry.objects.get(coop=coop, idempotency_key="j" * 20)
    assert sorted((x.account.code, x.side, x.amount) for x in entry.lines.all()) == [
        ("1-1101", "K", Decimal(10000)),
        ("1-1501", "D", Decimal(6000)),
        ("6-1201", "D", Decimal(4000)),
    ]


def test_add_line_keeps_what_was_typed_and_posts_nothing(client, coop, treasurer):
    client.force_login(treasurer)
    data = _journal(coop, THREE_LINES[:2], memo="")
    data["add_line"] = "1"
    html = client.post(
        _url("journal-entry", coop), data, headers={"HX-Request": "true"}
    ).content.decode()
    assert html.count('data-testid="journal-line"') == 3
    assert 'value="4.000"' in html and 'name="line-2-account"' in html
    assert "field-error" not in html  # rows being filled in are not judged yet
    assert not _journals(coop).exists()


@pytest.mark.parametrize(
    ("lines", "message"),
    [
        ([("6-1201", "4000", "", None), ("1-1101", "", "3000", None)], "tidak seimbang"),
        ([("6-1201", "abc", "", None), ("1-1101", "", "3000", None)], "tanpa huruf"),
        ([("6-1201", "-5", "", None), ("1-1101", "", "5", None)], "tidak boleh negatif"),
        ([("6-1201", "10,5", "", None), ("1-1101", "", "10,5", None)], "rupiah utuh"),
        ([("6-1201", "0", "", None), ("1-1101", "", "0", None)], "lebih dari nol"),
        ([("6-1201", "100", "100", None), ("1-1101", "", "100", None)], "tidak keduanya"),
        ([("6-1201", "", "", None), ("1-1101", "", "100", None)], "Isi jumlah debit"),
        ([("6-1201", "100", "", None)], "sedikitnya satu baris debit"),
        ([(999999, "100", "", None), ("1-1101", "", "100", None)], "Pilih akun dari daftar"),
        ([("1-1301", "100", "", None), ("1-1101", "", "100", None)], "pilih anggotanya"),
        ([("2-1201", "100", "", None), ("1-1101", "", "100", None)], "Pilih akun dari daftar"),
    ],
)
def test_bad_journal_input_gets_an_indonesian_message_and_posts_nothing(
    client, coop, treasurer, lines, message
):
    client.force_login(treasurer)
    html = client.post(
        _url("journal-entry", coop), _journal(coop, lines), headers={"HX-Request": "true"}
    ).content.decode()
    assert message in html
    assert not _journals(coop).exists()


def test_accounts_and_members_of_another_coop_are_refused(
    client, coop, other_coop, treasurer, member
):
    client.force_login(treasurer)
    foreign_account = other_coop.accounts.get(code="6-1201").pk
    foreign_member = other_coop.memberships.first().pk
    lines = [(foreign_account, "100", "", None), ("1-1101", "", "100", None)]
    html = client.post(_url("journal-entry", coop), _journal(coop, lines)).content.decode()
    assert "Pilih akun dari daftar" in html
    lines = [("1-1301", "100", "", foreign_member), ("4-1101", "", "100", None)]
    html = client.post(_url("journal-entry", coop), _journal(coop, lines)).content.decode()
    assert "Pilih anggota dari daftar" in html
    assert not _journals(coop).exists()


def test_member_receivable_line_carries_the_member(client, coop, treasurer, member):
    client.force_login(treasurer)
    lines = [("1-1301", "7500", "", member.pk), ("4-1101", "", "7500", member.pk)]
    html = client.post(_url("journal-entry", coop), _journal(coop, lines)).content.decode()
    assert "dicatat" in html
    line = JournalLine.objects.get(entry__coop=coop, account__code="1-1301")
    assert line.membership_id == member.pk and line.amount == Decimal(7500)


def test_inactive_account_and_closed_period_are_refused(client, coop, treasurer, teacher):
    account_set_active(account=coop.accounts.get(code="6-1601"), active=False, by=teacher)
    client.force_login(treasurer)
    lines = [("6-1601", "100", "", None), ("1-1101", "", "100", None)]
    html = client.post(_url("journal-entry", coop), _journal(coop, lines)).content.decode()
    assert "dinonaktifkan" in html
    period = accounting_period_for(coop=coop, day=timezone.localdate())
    accounting_period_close(period=period, by=teacher)
    html = client.post(_url("journal-entry", coop), _journal(coop, THREE_LINES)).content.decode()
    assert "sudah ditutup" in html
    assert not _journals(coop).exists()


def test_double_submit_posts_once_and_a_changed_resubmit_is_refused(client, coop, treasurer):
    client.force_login(treasurer)
    for _ in range(2):
        client.post(_url("journal-entry", coop), _journal(coop, THREE_LINES))
    assert _journals(coop).count() == 1
    changed = [("6-1201", "5000", "", None), ("1-1501", "5000", "", None), *THREE_LINES[2:]]
    html = client.post(_url("journal-entry", coop), _journal(coop, changed)).content.decode()
    assert "sudah dipakai" in html
    assert _journals(coop).count() == 1


def test_members_and_outsiders_cannot_open_the_journal_form(
    client, coop, member, student, other_coop
):
    client.force_login(student)
    assert client.get(_url("journal-entry", coop)).status_code == 404
    assert client.post(_url("journal-entry", coop), _journal(coop, THREE_LINES)).status_code == 404
    assert not JournalEntry.objects.filter(coop=coop, memo__startswith="Beli ATK").exists()


def test_cash_form_requires_a_member_on_member_sub_ledger_accounts(client, coop, treasurer, member):
    client.force_login(treasurer)
    base = {
        "date": timezone.localdate().isoformat(),
        "direction": "masuk",
        "amount": "2000",
        "memo": "Pelunasan piutang",
        "idempotency_key": "m" * 20,
        "account": _acc(coop, "1-1301"),
    }
    html = client.post(_url("cash-entry", coop), base).content.decode()
    assert "pilih anggotanya" in html
    assert not JournalEntry.objects.filter(idempotency_key="m" * 20).exists()
    html = client.post(_url("cash-entry", coop), {**base, "member": member.pk}).content.decode()
    assert "dicatat" in html
    line = JournalLine.objects.get(entry__idempotency_key="m" * 20, account__code="1-1301")
    assert (line.side, line.membership_id) == ("K", member.pk)
