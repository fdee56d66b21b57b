"""Creating cooperatives, their chart of accounts and their (versioned) bylaws."""

from __future__ import annotations

import datetime
import re
from decimal import Decimal, InvalidOperation
from typing import Any

from django.conf import settings
from django.db import transaction
from django.db.models import Max
from django.utils import timezone
from django.utils.text import slugify
from django.utils.translation import gettext as _

from lms.accounts.models import User
from lms.schools.models import School
from school_coops.chart import (
    CASH,
    DEFAULT_CHART,
    DEFAULT_POKOK,
    DEFAULT_SHU_ALLOCATION,
    DEFAULT_WAJIB,
    GRANTS,
    PAYABLE_EX_MEMBERS,
    RECEIVABLE_MEMBERS,
    SAVINGS_POKOK,
    SAVINGS_SUKARELA,
    SAVINGS_WAJIB,
)
from school_coops.exceptions import CooperativeRuleError, LedgerError
from school_coops.models import (
    Account,
    BylawVersion,
    Cooperative,
    FoundingProcess,
    LegalStatus,
    RatRecord,
    ShuAllocation,
    Side,
    StatusEvent,
)
from school_coops.models.cooperative import MembershipCategory, ShuRounding
from school_coops.money import parse_rupiah
from school_coops.selectors import fiscal_year_end
from school_coops.selectors.rat import rat_deadline


def chart_of_accounts_seed(*, coop: Cooperative) -> int:
    """Copy the default chart into the coop; edited codes are kept. Returns how many were new."""
    existing = set(Account.objects.filter(coop=coop).values_list("code", flat=True))
    new = [
        Account(coop=coop, code=code, name=name, account_class=cls, normal_side=side)
        for code, name, cls, side in DEFAULT_CHART
        if code not in existing
    ]
    Account.objects.bulk_create(new)
    return len(new)


# Path segments of school_coops/urls.py that a coop's slug must never take.
RESERVED_SLUGS = {"baru", "saya", "wilayah"}


def _unique_slug(name: str) -> str:
    base = slugify(name)[:60] or "koperasi"
    if base in RESERVED_SLUGS:
        base = f"koperasi-{base}"
    slug, n = base, 2
    while Cooperative.objects.filter(slug=slug).exists():
        slug, n = f"{base}-{n}", n + 1
    return slug


def rupiah_not_negative(value: Any, label: str) -> Decimal:
    """A whole-rupiah amount ≥ 0 (bylaw amounts, opening grant), else an Indonesian error."""
    try:
        return parse_rupiah(value, allow_zero=True)
    except LedgerError as exc:
        raise CooperativeRuleError(f"{label}: {exc}") from None


def shu_allocation_clean(shu_allocation: dict[str, Any]) -> dict[str, Decimal]:
    """Known buckets, each 0–100 %, together exactly 100 % (the 105 % template fails)."""
    allocation = {}
    for bucket, pct in shu_allocation.items():
        if bucket not in ShuAllocation.Bucket.values:
            raise CooperativeRuleError(_("Pos SHU tidak dikenal: %(b)s.") % {"b": bucket})
        if isinstance(pct, float):
            raise CooperativeRuleError(_("Persentase SHU harus berupa angka desimal, bukan float."))
        try:
            value = Decimal(str(pct if pct not in (None, "") else 0))
        except (InvalidOperation, ValueError):
            raise CooperativeRuleError(_("Persentase SHU harus berupa angka.")) from None
        if not value.is_finite() or value < 0 or value > 100:
            raise CooperativeRuleError(_("Persentase SHU harus antara 0 dan 100."))
        if value != value.quantize(Decimal("0.01")):
            raise CooperativeRuleError(
                _("Persentase SHU paling banyak dua angka di belakang koma.")
            )
        allocation[bucket] = value
    total = sum(allocation.values(), Decimal(0))
    if total != 100:
        raise CooperativeRuleError(
            _("Pembagian SHU harus berjumlah tepat 100%%, bukan %(total)s%%.")
            % {"total": total.normalize()}
        )
    return allocation


def shu_allocation_replace(*, bylaw: BylawVersion, allocation: dict[str, Decimal]) -> None:
    """Only for a draft (the founding AD/ART); a binding version gets a new version instead."""
    bylaw.shu_allocations.all().delete()
    ShuAllocation.objects.bulk_create(
        ShuAllocation(bylaw=bylaw, bucket=b, percent=p) for b, p in allocation.items() if p > 0
    )


@transaction.atomic
def bylaw_version_create(
    *,
    coop: Cooperative,
    effective_from: datetime.date,
    simpanan_pokok_amount: Decimal | int,
    simpanan_wajib_amount: Decimal | int,
    shu_allocation: dict[str, Any],
    membership_categories: list[str] | None = None,
    quorum_percent: int = 51,
    term_years: int = 1,
    founding_min_students: int | None = None,
    founding_min_per_class: int | None = None,
    ad_art_text: str = "",
    rounding_rule: str = ShuRounding.LARGEST_REMAINDER,
    nonmember_shu_to_reserve: bool = True,
) -> BylawVersion:
    """A new AD/ART version, effective after every earlier one; SHU percentages total 100."""
    # long: one keyword per AD/ART field; the steps are the checks and the lock below.
    allocation = shu_allocation_clean(shu_allocation)
    # docs/domain.md §2.1 defaults (≥ 20 students, ≥ 2 per class), overridable per deployment.
    if founding_min_students is None:
        founding_min_students = getattr(settings, "KOPSIS_FOUNDING_MIN_STUDENTS", 20)
    if founding_min_per_class is None:
        founding_min_per_class = getattr(settings, "KOPSIS_FOUNDING_MIN_PER_CLASS", 2)
    categories = membership_categories or [MembershipCategory.STUDENT]
    _bylaw_limits_check(categories, quorum_percent, term_years, rounding_rule)
    # The coop row serialises bylaw versions: two cannot both be 'after the latest'.
    Cooperative.objects.select_for_update().get(pk=coop.pk)
    _effective_after_latest_check(coop, effective_from)
    last = coop.bylaws.aggregate(m=Max("version"))["m"] or 0
    bylaw = BylawVersion.objects.create(
        coop=coop,
        version=last + 1,
        effective_from=effective_from,
        simpanan_pokok_amount=rupiah_not_negative(simpanan_pokok_amount, _("Simpanan pokok")),
        simpanan_wajib_amount=rupiah_not_negative(simpanan_wajib_amount, _("Simpanan wajib")),
        membership_categories=list(categories),
        quorum_percent=quorum_percent,
        term_years=term_years,
        founding_min_students=founding_min_students,
        founding_min_per_class=founding_min_per_class,
        ad_art_text=ad_art_text,
        rounding_rule=rounding_rule,
        nonmember_shu_to_reserve=nonmember_shu_to_reserve,
    )
    shu_allocation_replace(bylaw=bylaw, allocation=allocation)
    return bylaw


def _bylaw_limits_check(
    categories: list[str], quorum_percent: int, term_years: int, rounding_rule: str
) -> None:
    """Known categories and rounding rule; quorum 1-100 %, term 1-5 years."""
    if not set(categories) <= set(MembershipCategory.values):
        raise CooperativeRuleError(_("Kategori anggota tidak dikenal."))
    if not 1 <= quorum_percent <= 100 or not 1 <= term_years <= 5:
        raise CooperativeRuleError(_("Kuorum atau masa jabatan di luar batas."))
    if rounding_rule not in ShuRounding.values:
        raise CooperativeRuleError(_("Aturan pembulatan SHU tidak dikenal."))


def _effective_after_latest_check(coop: Cooperative, effective_from: datetime.date) -> None:
    """Called with the coop row locked, so two new versions cannot both pass."""
    latest = coop.bylaws.order_by("-effective_from", "-version").first()
    # Results already produced under the current version must never change (docs/domain.md rule 1).
    if latest is not None and effective_from <= latest.effective_from:
        raise CooperativeRuleError(
            _("Versi baru harus berlaku setelah %(d)s (versi %(v)s).")
            % {"d": f"{latest.effective_from:%d-%m-%Y}", "v": latest.version}
        )


@transaction.atomic
def cooperative_create(
    *,
    school: School,
    name: str,
    by: User,
    legal_status: str = LegalStatus.NOT_LEGAL_ENTITY,
    nomor_badan_hukum: str = "",
    nomor_pengukuhan: str = "",
    founded_on: datetime.date | None = None,
    last_rat_on: datetime.date | None = None,
    simpanan_pokok_amount: Decimal | int = DEFAULT_POKOK,
    simpanan_wajib_amount: Decimal | int = DEFAULT_WAJIB,
    awaiting_recognition: bool = False,
) -> Cooperative:
    """A new coop with its supervising teacher, chart of accounts and AD/ART v1.

    Without `founded_on` the coop is rintisan and gets a founding workflow; with it, an
    existing kopsis is registered directly: recognised since it was founded (it ran before
    Kopsis), unless `awaiting_recognition` says the dinas has not recognised it yet.
    """
    # long: one keyword per registration field; the steps are the check, the seeds, the AD/ART.
    name = name.strip()
    _registration_check(name, legal_status, nomor_badan_hukum, founded_on)
    coop = Cooperative.objects.create(
        school=school,
        name=name,
        slug=_unique_slug(name),
        legal_status=legal_status,
        nomor_badan_hukum=nomor_badan_hukum.strip(),
        nomor_pengukuhan=nomor_pengukuhan.strip(),
        founded_on=founded_on,
        recognised_on=None if awaiting_recognition else founded_on,
        last_rat_on=last_rat_on,
        # docs/domain.md §6.3: districts count 2 or 3 years; the UI shows the rule used.
        inactive_after_missed_rat_years=getattr(
            settings, "KOPSIS_INACTIVE_AFTER_MISSED_RAT_YEARS", 3
        ),
    )
    coop.supervisors.add(by)
    chart_of_accounts_seed(coop=coop)
    bylaw_version_create(
        coop=coop,
        effective_from=founded_on or timezone.localdate(),
        simpanan_pokok_amount=simpanan_pokok_amount,
        simpanan_wajib_amount=simpanan_wajib_amount,
        shu_allocation=dict(DEFAULT_SHU_ALLOCATION),
    )
    if founded_on is None:
        FoundingProcess.objects.create(coop=coop)
    else:
        from school_coops.services.recognition import status_change_record

        status_change_record(coop=coop, event=StatusEvent.FOUNDED, from_status="", by=by)
    return coop


def _registration_check(
    name: str, legal_status: str, nomor_badan_hukum: str, founded_on: datetime.date | None
) -> None:
    """A name; a badan hukum number for a legal entity; no founding date in the future."""
    if not name:
        raise CooperativeRuleError(_("Nama koperasi wajib diisi."))
    if legal_status == LegalStatus.LEGAL_ENTITY and not nomor_badan_hukum.strip():
        raise CooperativeRuleError(
            _("Koperasi berbadan hukum wajib mencantumkan nomor badan hukum.")
        )
    if founded_on and founded_on > timezone.localdate():
        raise CooperativeRuleError(_("Tanggal berdiri tidak boleh di masa depan."))


def rat_is_late(*, coop: Cooperative, fiscal_year: int, held_on: datetime.date) -> bool:
    """The accountability RAT must be held ≤ 6 months after the tahun buku ends (Pasal 26)."""
    return held_on > rat_deadline(coop=coop, fiscal_year=fiscal_year)


@transaction.atomic
def cooperative_rat_record(
    *, coop: Cooperative, fiscal_year: int, held_on: datetime.date, by: User
) -> RatRecord:
    """Record the accountability RAT of a tahun buku, flagged terlambat when > 6 months late."""
    # Locked: two RAT records for one year cannot both pass the check below.
    coop = Cooperative.objects.select_for_update().get(pk=coop.pk)
    if coop.founded_on is None:
        raise CooperativeRuleError(_("Koperasi yang masih rintisan belum mengadakan RAT."))
    if held_on > timezone.localdate():
        raise CooperativeRuleError(_("Tanggal RAT tidak boleh di masa depan."))
    if held_on <= fiscal_year_end(coop=coop, fiscal_year=fiscal_year):
        raise CooperativeRuleError(_("RAT harus diadakan setelah tahun buku berakhir."))
    if fiscal_year_end(coop=coop, fiscal_year=fiscal_year) < coop.founded_on:
        raise CooperativeRuleError(
            _("Koperasi belum berdiri pada tahun buku %(y)s.") % {"y": fiscal_year}
        )
    if RatRecord.objects.filter(coop=coop, fiscal_year=fiscal_year).exists():
        raise CooperativeRuleError(_("RAT tahun buku %(y)s sudah dicatat.") % {"y": fiscal_year})
    record = RatRecord.objects.create(
        coop=coop,
        fiscal_year=fiscal_year,
        held_on=held_on,
        is_late=rat_is_late(coop=coop, fiscal_year=fiscal_year, held_on=held_on),
        recorded_by=by,
    )
    if coop.last_rat_on is None or held_on > coop.last_rat_on:
        coop.last_rat_on = held_on
        coop.save(update_fields=["last_rat_on"])
    return record


@transaction.atomic
def cooperative_supervisor_add(*, coop: Cooperative, teacher: User, by: User) -> None:
    """Add a guru pembina: a teacher of the same school."""
    from lms.accounts.models import Role

    if not teacher.role_assignments.filter(role=Role.TEACHER, school=coop.school).exists():
        raise CooperativeRuleError(_("Guru pembina harus guru di sekolah ini."))
    coop.supervisors.add(teacher)


ACCOUNT_CODE = re.compile(r"^[1-6]-\d{4}$")
CLASS_BY_PREFIX = {
    "1": "aset",
    "2": "liabilitas",
    "3": "ekuitas",
    "4": "pendapatan",
    "5": "beban",
    "6": "beban",
}
PROTECTED_CODES = {
    CASH,
    RECEIVABLE_MEMBERS,
    SAVINGS_SUKARELA,
    PAYABLE_EX_MEMBERS,
    SAVINGS_POKOK,
    SAVINGS_WAJIB,
    GRANTS,
}


@transaction.atomic
def account_create(
    *, coop: Cooperative, code: str, name: str, normal_side: str, by: User
) -> Account:
    """Add an account to this coop's chart; the class follows the code's first digit."""
    code = code.strip()
    if not ACCOUNT_CODE.match(code):
        raise CooperativeRuleError(_("Kode akun harus berbentuk 1-1234 (angka depan 1 sampai 6)."))
    if normal_side not in Side.values:
        raise CooperativeRuleError(_("Saldo normal harus debit atau kredit."))
    if not name.strip():
        raise CooperativeRuleError(_("Nama akun wajib diisi."))
    if Account.objects.filter(coop=coop, code=code).exists():
        raise CooperativeRuleError(_("Kode akun %(code)s sudah dipakai.") % {"code": code})
    return Account.objects.create(
        coop=coop,
        code=code,
        name=name.strip()[:120],
        account_class=CLASS_BY_PREFIX[code[0]],
        normal_side=normal_side,
    )


@transaction.atomic
def account_set_active(*, account: Account, active: bool, by: User) -> Account:
    """Deactivate an unused or no longer needed account (its history stays in the books)."""
    if not active and account.code in PROTECTED_CODES:
        raise CooperativeRuleError(
            _("Akun ini dipakai oleh simpanan anggota dan tidak dapat dinonaktifkan.")
        )
    account.is_active = active
    account.save(update_fields=["is_active"])
    return account
