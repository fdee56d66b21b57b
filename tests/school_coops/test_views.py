import csv
import io
from decimal import Decimal

import pytest
from django.urls import reverse

from school_coops.models import JournalEntry, Membership, SavingsKind
from school_coops.selectors import savings_balances
from school_coops.services.savings import savings_deposit
from tests.factories import make_student

pytestmark = pytest.mark.django_db


def _url(name, coop, *args):
    return reverse(f"school_coops:{name}", args=[coop.slug, *args])


def test_supervisor_and_treasurer_see_the_dashboard(client, coop, teacher, treasurer):
    for user in (teacher, treasurer):
        client.force_login(user)
        response = client.get(_url("dashboard", coop))
        assert response.status_code == 200 and coop.name in response.content.decode()


def test_members_outsiders_and_other_coops_get_404(
    client, coop, member, student, outsider, other_coop
):
    client.force_login(student)  # a plain member: no books
    assert client.get(_url("dashboard", coop)).status_code == 404
    assert client.get(_url("journal", coop)).status_code == 404
    client.force_login(outsider)
    for name in ("dashboard", "membership-list", "trial-balance", "cash-book"):
        assert client.get(_url(name, coop)).status_code == 404
    foreign = other_coop.memberships.get()
    client.force_login(coop.supervisors.get())
    assert client.get(_url("membership-detail", coop, foreign.pk)).status_code == 404
    response = client.post(_url("savings-deposit", coop, foreign.pk), {"setor-amount": "1000"})
    assert response.status_code == 404


def test_member_sees_only_their_own_balance(
    client, coop, member, student, classroom, teacher, guardian
):
    # docs/domain.md §9 case 34
    other = make_student(classroom, username="teman")
    client.force_login(student)
    assert client.get(_url("membership-detail", coop, member.pk)).status_code == 200
    client.force_login(other)
    assert client.get(_url("membership-detail", coop, member.pk)).status_code == 404
    client.force_login(guardian)
    assert client.get(_url("membership-detail", coop, member.pk)).status_code == 200
    html = client.get(reverse("school_coops:portal")).content.decode()
    assert "Rp 10.000" in html  # the ward's simpanan pokok


def test_deposit_form_records_once_per_idempotency_key(client, coop, member, treasurer):
    client.force_login(treasurer)
    url = _url("savings-deposit", coop, member.pk)
    data = {"setor-amount": "5.000", "setor-idempotency_key": "k" * 20}
    for _ in range(2):  # a retried htmx post
        html = client.post(url, data, headers={"HX-Request": "true"}).content.decode()
        assert 'id="savings-panel"' in html and "<html" not in html
    assert savings_balances(membership=member)[SavingsKind.SUKARELA] == Decimal(5000)
    assert JournalEntry.objects.filter(idempotency_key="k" * 20).count() == 1


@pytest.mark.parametrize(
    ("amount", "message"),
    [
        ("-100", "tidak boleh negatif"),
        ("10,5", "rupiah utuh"),
        ("100.5", "rupiah utuh"),
        ("seratus", "tanpa huruf"),
        ("0", "lebih dari nol"),
        ("9999999999999999", "terlalu besar"),
    ],
)
def test_bad_amounts_are_refused_with_a_clear_message(
    client, coop, member, treasurer, amount, message
):
    client.force_login(treasurer)
    html = client.post(
        _url("savings-deposit", coop, member.pk),
        {"setor-amount": amount, "setor-idempotency_key": "x" * 20},
        headers={"HX-Request": "true"},
    ).content.decode()
    assert message in html
    assert savings_balances(membership=member)[SavingsKind.SUKARELA] == 0


def test_withdrawing_more_than_the_balance_is_refused(client, coop, member, treasurer):
    savings_deposit(membership=member, amount=Decimal(3000), by=treasurer)
    client.force_login(treasurer)
    html = client.post(
        _url("savings-withdraw", coop, member.pk),
        {"tarik-amount": "4000", "tarik-idempotency_key": "y" * 20},
        headers={"HX-Request": "true"},
    ).content.decode()
    assert "tidak cukup" in html
    assert savings_balances(membership=member)[SavingsKind.SUKARELA] == Decimal(3000)


def test_member_cannot_record_transactions(client, coop, member, student):
    client.force_login(student)
    response = client.post(
        _url("savings-deposit", coop, member.pk),
        {"setor-amount": "1000", "setor-idempotency_key": "z" * 20},
    )
    assert response.status_code == 404


def test_cash_entry_posts_a_balanced_entry_and_refuses_foreign_accounts(
    client, coop, other_coop, treasurer
):
    client.force_login(treasurer)
    url = _url("cash-entry", coop)
    form_html = client.get(url).content.decode()
    assert 'name="idempotency_key"' in form_html
    supplies = coop.accounts.get(code="6-1201")
    foreign = other_coop.accounts.get(code="6-1201")
    base = {
        "date": "2026-08-03",
        "direction": "keluar",
        "amount": "4000",
        "memo": "Beli ATK",
        "idempotency_key": "c" * 20,
    }
    html = client.post(url, {**base, "account": foreign.pk}).content.decode()
    assert "Pilih akun dari daftar" in html
    html = client.post(url, {**base, "account": supplies.pk}).content.decode()
    assert "dicatat" in html
    entry = JournalEntry.objects.get(idempotency_key="c" * 20)
    assert {(line.account.code, line.side) for line in entry.lines.all()} == {
        ("1-1101", "K"),
        ("6-1201", "D"),
    }


def test_trial_balance_page_balances(client, coop, member, teacher):
    client.force_login(teacher)
    html = client.get(_url("trial-balance", coop)).content.decode()
    assert "Seimbang" in html and "Rp 10.000" in html


def test_member_register_searches_paginates_and_exports_safely(client, coop, teacher, classroom):
    for i in range(27):
        student = make_student(classroom, full_name=f"Siswa {i:02d}")
        Membership.objects.create(coop=coop, member=student, category="siswa")
    evil = make_student(classroom, full_name='=HYPERLINK("http://x")')
    Membership.objects.create(coop=coop, member=evil, category="siswa")
    client.force_login(teacher)
    html = client.get(_url("membership-list", coop)).content.decode()
    assert "Halaman 1 dari 2" in html
    html = client.get(
        _url("membership-list", coop), {"q": "Siswa 07"}, headers={"HX-Request": "true"}
    ).content.decode()
    assert "Siswa 07" in html and "Siswa 08" not in html and "<html" not in html
    body = client.get(_url("membership-export", coop, "csv")).content.decode("utf-8-sig")
    names = [row[1] for row in csv.reader(io.StringIO(body))]
    assert '\'=HYPERLINK("http://x")' in names
    xlsx = client.get(_url("membership-export", coop, "xlsx"))
    from openpyxl import load_workbook

    sheet = load_workbook(io.BytesIO(xlsx.content)).active
    assert all(
        not str(c.value).startswith("=") for row in sheet.iter_rows() for c in row if c.value
    )


def test_register_view_requires_guardian_consent(client, coop, teacher, classroom):
    student = make_student(classroom, consent=False, full_name="Tanpa Izin")
    client.force_login(teacher)
    html = client.post(
        _url("membership-register", coop), {"member": student.pk, "category": "siswa"}
    ).content.decode()
    assert "persetujuan orang tua/wali" in html
    assert not Membership.objects.filter(member=student).exists()


def test_student_applies_and_treasurer_approves(client, coop, treasurer, classroom):
    student = make_student(classroom)
    client.force_login(student)
    client.post(_url("membership-apply", coop))
    membership = Membership.objects.get(member=student)
    assert membership.status == "diajukan"
    client.force_login(treasurer)
    client.post(_url("membership-decide", coop, membership.pk, "setujui"))
    membership.refresh_from_db()
    assert membership.status == "aktif"
    assert savings_balances(membership=membership)[SavingsKind.POKOK] == Decimal(10000)


def test_member_cards_are_rendered_by_the_task_and_only_the_requester_downloads(
    client, coop, member, teacher, treasurer, django_capture_on_commit_callbacks
):
    from school_coops.models import MemberCardBatch

    client.force_login(teacher)
    with django_capture_on_commit_callbacks(execute=True):
        client.post(_url("member-cards", coop), headers={"HX-Request": "true"})
    batch = MemberCardBatch.objects.get()
    assert batch.status == "done" and batch.total == 2  # member + treasurer
    status = client.get(reverse("school_coops:member-cards-status", args=[coop.slug, batch.pk]))
    assert status.status_code == 286 and "Unduh PDF kartu anggota" in status.content.decode()
    pdf = client.get(reverse("school_coops:member-cards-download", args=[coop.slug, batch.pk]))
    assert b"".join(pdf.streaming_content)[:4] == b"%PDF"
    client.force_login(treasurer)
    url = reverse("school_coops:member-cards-download", args=[coop.slug, batch.pk])
    assert client.get(url).status_code == 404


def test_member_card_task_run_twice_keeps_one_pdf(coop, member, teacher):
    from school_coops.services.cards import member_cards_request
    from school_coops.tasks import member_cards_render_task

    batch = member_cards_request(coop=coop, by=teacher, base_url="http://testserver/")
    member_cards_render_task(batch.pk)
    batch.refresh_from_db()
    first = batch.pdf_path
    member_cards_render_task(batch.pk)  # a redelivered message
    batch.refresh_from_db()
    assert batch.status == "done" and batch.pdf_path == first


def test_period_close_blocks_new_postings(client, coop, member, teacher, treasurer):
    client.force_login(teacher)
    period = coop.periods.first()
    client.post(_url("periods", coop), {"period": period.pk})
    period.refresh_from_db()
    assert period.is_closed
    client.force_login(treasurer)
    html = client.post(
        _url("cash-entry", coop),
        {
            "date": max(period.start_date, coop.founded_on).isoformat(),
            "direction": "masuk",
            "account": coop.accounts.get(code="4-1901").pk,
            "amount": "1000",
            "memo": "x",
            "idempotency_key": "p" * 20,
        },
    ).content.decode()
    assert "sudah ditutup" in html


def test_anonymous_is_sent_to_login(client, coop):
    assert client.get(_url("dashboard", coop)).status_code == 302


def test_supervisor_edits_the_chart_of_accounts(client, coop, teacher, treasurer):
    url = _url("ledger-index", coop)
    client.force_login(teacher)
    html = client.post(url, {"code": "4-9", "name": "x", "normal_side": "K"}).content.decode()
    assert "Kode akun harus berbentuk" in html
    assert (
        client.post(
            url, {"code": "4-1501", "name": "Pendapatan bazar", "normal_side": "K"}
        ).status_code
        == 302
    )
    account = coop.accounts.get(code="4-1501")
    assert account.account_class == "pendapatan"
    client.post(url, {"toggle": account.pk})
    account.refresh_from_db()
    assert not account.is_active
    client.post(url, {"toggle": coop.accounts.get(code="2-1201").pk})
    assert coop.accounts.get(code="2-1201").is_active  # savings control accounts stay
    client.force_login(treasurer)
    assert client.post(url, {"code": "4-1601", "name": "y", "normal_side": "K"}).status_code == 404


def test_supervisor_closes_a_fiscal_year_from_the_periods_page(client, coop, teacher):
    client.force_login(teacher)
    client.post(_url("periods", coop), {"fiscal_year": "2025"})
    assert coop.periods.filter(start_date__year=2025, closed_at__isnull=False).count() == 12
    response = client.post(_url("periods", coop), {"fiscal_year": "2026"}, follow=True)
    assert "setelah berakhir" in response.content.decode()


def test_savings_card_is_paginated_newest_first(client, coop, member, treasurer):
    for i in range(30):
        savings_deposit(membership=member, amount=Decimal(100 + i), by=treasurer)
    client.force_login(treasurer)
    html = client.get(_url("membership-detail", coop, member.pk)).content.decode()
    assert "Halaman 1 dari 2" in html and "Rp 129" in html


def test_dashboard_flags_officers_whose_term_ended(client, coop, treasurer, teacher):
    client.force_login(teacher)
    html = client.get(_url("dashboard", coop)).content.decode()
    assert "masa jabatan berakhir" not in html
    coop.positions.update(started_on="2024-01-01")
    html = client.get(_url("dashboard", coop)).content.decode()
    assert "masa jabatan berakhir" in html


def test_supervisor_adds_a_second_guru_pembina_of_the_same_school(
    client, coop, teacher, outsider, school
):
    from tests.factories import make_teacher

    colleague = make_teacher(school, username="guru-kedua")
    client.force_login(teacher)
    client.post(_url("supervisor-add", coop), {"teacher": outsider.pk})
    client.post(_url("supervisor-add", coop), {"teacher": colleague.pk})
    assert set(coop.supervisors.all()) == {teacher, colleague}
    client.force_login(colleague)
    assert client.get(_url("dashboard", coop)).status_code == 200


def test_receipt_pdf_for_the_member_and_officers_only(
    client, coop, member, student, treasurer, classroom
):
    entry = savings_deposit(membership=member, amount=Decimal(2500), by=treasurer)
    url = reverse("school_coops:receipt", args=[coop.slug, entry.pk])
    for user in (treasurer, student):
        client.force_login(user)
        response = client.get(url)
        assert response.status_code == 200 and response.content[:4] == b"%PDF"
    client.force_login(make_student(classroom, username="teman-lain"))
    assert client.get(url).status_code == 404


def test_receipt_pdf_is_refused_to_the_pengawas_like_the_books(
    client, coop, member, treasurer, teacher, classroom
):
    """Issue 8: a receipt names a member next to their money; the pengawas got it anyway."""
    from school_coops.models import PositionRole
    from tests.school_coops.roles import officer

    entry = savings_deposit(membership=member, amount=Decimal(2500), by=treasurer)
    url = reverse("school_coops:receipt", args=[coop.slug, entry.pk])
    client.force_login(officer(coop, classroom, teacher, PositionRole.PENGAWAS, "pengawas-k"))
    assert client.get(url).status_code == 404
    client.force_login(teacher)  # the guru pembina still prints it
    assert client.get(url).status_code == 200


def test_busy_pages_keep_a_bounded_number_of_queries(
    client, coop, member, treasurer, teacher, django_assert_max_num_queries
):
    for i in range(30):
        savings_deposit(membership=member, amount=Decimal(100 + i), by=treasurer)
    client.force_login(teacher)
    for name in ("journal", "membership-list", "dashboard", "trial-balance", "cash-book"):
        with django_assert_max_num_queries(25):
            assert client.get(_url(name, coop)).status_code == 200
    with django_assert_max_num_queries(25):
        assert client.get(_url("membership-detail", coop, member.pk)).status_code == 200


def test_teacher_registers_an_existing_kopsis_directly(client, teacher, student):
    from school_coops.models import Cooperative

    client.force_login(teacher)
    url = reverse("school_coops:cooperative-create")
    data = {
        "name": "Kopsis Tunas Muda",
        "mode": "terdaftar",
        "legal_status": "tidak_berbadan_hukum",
        "nomor_pengukuhan": "14/SEK/35/III/88",
        "simpanan_pokok": "10.000",
        "simpanan_wajib": "2.000",
    }
    assert "Isi tanggal berdiri" in client.post(url, data).content.decode()
    response = client.post(url, {**data, "founded_on": "1988-04-06"})
    coop = Cooperative.objects.get(name="Kopsis Tunas Muda")
    assert response.url == reverse("school_coops:dashboard", args=[coop.slug])
    assert coop.founded_on.isoformat() == "1988-04-06" and not hasattr(coop, "founding_id")
    html = client.post(
        url,
        {**data, "name": "Kopsis BH", "legal_status": "berbadan_hukum", "founded_on": "2020-01-01"},
    ).content.decode()
    assert "nomor badan hukum" in html
    client.force_login(student)
    assert client.get(url).status_code == 403


def test_a_pengawas_audits_totals_but_never_sees_a_members_money(
    client, coop, classroom, teacher, member, treasurer
):
    # docs/domain.md §7.2: a student's savings are for the student, guardian, pengurus and
    # guru pembina
    from school_coops.models import PositionRole
    from school_coops.services.members import membership_register, position_assign
    from tests.school_coops.conftest import FOUNDED

    pengawas = make_student(classroom, username="pengawas1")
    position_assign(
        membership=membership_register(
            coop=coop, member=pengawas, category="siswa", by=teacher, date=FOUNDED
        ),
        role=PositionRole.PENGAWAS,
        by=teacher,
        started_on=FOUNDED,
    )
    savings_deposit(membership=member, amount=Decimal(7000), by=teacher)
    client.force_login(pengawas)
    dashboard = client.get(_url("dashboard", coop)).content.decode()
    assert "Jurnal terbaru" not in dashboard and member.member.full_name not in dashboard
    assert "/shu/" not in dashboard
    trial = client.get(_url("trial-balance", coop))
    assert trial.status_code == 200 and "/buku-besar/1-1101/" not in trial.content.decode()
    for name, args in (
        ("journal", ()),
        ("cash-book", ()),
        ("ledger", ("2-1201",)),
        ("membership-list", ()),
        ("membership-detail", (member.pk,)),
        ("shu", ()),
    ):
        assert client.get(_url(name, coop, *args)).status_code == 404, name
    client.force_login(treasurer)
    for name, args in (("journal", ()), ("cash-book", ()), ("ledger", ("2-1201",))):
        assert client.get(_url(name, coop, *args)).status_code == 200, name


def test_student_without_cooperative_consent_is_told_why_instead_of_offered_to_apply(
    client, coop, classroom
):
    waiting = make_student(classroom, consent=False, username="belum-izin")
    client.force_login(waiting)
    html = client.get(reverse("school_coops:portal")).content.decode()
    assert "Ajukan keanggotaan" not in html
    assert 'data-testid="join-needs-consent"' in html and "persetujuan orang tua/wali" in html
    # the service still refuses a hand-made request
    client.post(reverse("school_coops:membership-apply", args=[coop.slug]))
    assert not Membership.objects.filter(member=waiting).exists()
    with_consent = make_student(classroom, username="sudah-izin")
    client.force_login(with_consent)
    assert "Ajukan keanggotaan" in client.get(reverse("school_coops:portal")).content.decode()
