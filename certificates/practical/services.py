"""The sandbox ledger of a practical case, and grading (one case, or a whole batch in Celery).

Nothing here writes the real books: entries go to SandboxEntry/SandboxLine only. The rules are
the cooperative ledger's: amounts parsed by `money_clean`, accounts from the default chart,
debits equal credits > 0.
"""

from __future__ import annotations

import datetime
import secrets
from dataclasses import dataclass
from decimal import Decimal
from typing import Any

from django.db import transaction
from django.db.models import F
from django.utils import timezone
from django.utils.translation import gettext as _

from certificates.exceptions import CertificationError
from certificates.models import (
    Batch,
    Candidate,
    CandidateStatus,
    GradingRun,
    PracticalCase,
    SandboxEntry,
    SandboxLine,
)
from certificates.practical.generator import GENERATOR_VERSION, generate_case
from certificates.practical.grader import Answer, grade_case
from certificates.selectors import can_manage_batch, is_batch_assessor
from school_coops.chart import DEFAULT_CHART
from school_coops.exceptions import LedgerError
from school_coops.services.ledger import money_clean

CHART_CODES = {code: name for code, name, _cls, _normal in DEFAULT_CHART}
MAX_LINES = 10
MAX_ENTRIES = 60
GRADING_CHUNK = 100  # cases per progress step: few queries, a progress bar that moves


@dataclass(frozen=True)
class SandboxLineInput:
    account_code: str
    side: str
    amount: Any


def case_date(case: PracticalCase, day: int) -> datetime.date:
    return datetime.date(case.case["year"], case.case["month"], day)


@transaction.atomic
def practical_case_open(*, candidate: Candidate, by: Any) -> PracticalCase:
    """The candidate's case for the current attempt, generated once from a fresh seed."""
    candidate = Candidate.objects.select_for_update().get(pk=candidate.pk)
    if candidate.user_id != by.pk:
        raise CertificationError(_("Studi kasus hanya dikerjakan oleh peserta sendiri."))
    if candidate.status != CandidateStatus.ACCEPTED:
        raise CertificationError(_("Studi kasus terbuka setelah pendaftaran diterima pelatih."))
    attempt = max(1, candidate.decisions.count())
    existing = PracticalCase.objects.filter(candidate=candidate, attempt=attempt).first()
    if existing is not None:
        return existing
    seed = secrets.randbits(62)
    return PracticalCase.objects.create(
        candidate=candidate,
        attempt=attempt,
        seed=seed,
        generator_version=GENERATOR_VERSION,
        case=generate_case(seed),
    )


def _locked_open_case(case: PracticalCase, by: Any) -> PracticalCase:
    case = PracticalCase.objects.select_for_update().select_related("candidate").get(pk=case.pk)
    if case.candidate.user_id != by.pk:
        raise CertificationError(_("Studi kasus hanya dikerjakan oleh peserta sendiri."))
    if case.submitted_at is not None:
        raise CertificationError(_("Jawaban sudah dikumpulkan dan tidak dapat diubah."))
    return case


def _clean_lines(lines: list[SandboxLineInput]) -> list[tuple[str, str, Decimal]]:
    filled = [x for x in lines if x.account_code or str(x.amount or "").strip()]
    if len(filled) < 2:
        raise CertificationError(_("Satu jurnal paling sedikit dua baris (debit dan kredit)."))
    if len(filled) > MAX_LINES:
        raise CertificationError(_("Satu jurnal paling banyak %(n)s baris.") % {"n": MAX_LINES})
    clean = []
    for number, line in enumerate(filled, start=1):
        if line.account_code not in CHART_CODES:
            raise CertificationError(_("Baris %(n)s: pilih akun dari bagan akun.") % {"n": number})
        if line.side not in ("D", "K"):
            raise CertificationError(_("Baris %(n)s: pilih debit atau kredit.") % {"n": number})
        try:
            amount = money_clean(line.amount)
        except LedgerError as exc:
            raise CertificationError(_("Baris %(n)s: %(e)s") % {"n": number, "e": exc}) from None
        clean.append((line.account_code, line.side, amount))
    debit = sum(a for _c, s, a in clean if s == "D")
    credit = sum(a for _c, s, a in clean if s == "K")
    if debit != credit:
        raise CertificationError(
            _("Jurnal tidak seimbang: debit Rp %(d)s, kredit Rp %(k)s.")
            % {"d": f"{debit:,.0f}".replace(",", "."), "k": f"{credit:,.0f}".replace(",", ".")}
        )
    return clean


@transaction.atomic
def sandbox_entry_record(
    *,
    case: PracticalCase,
    by: Any,
    date: datetime.date,
    memo: str,
    transaction_ref: str,
    lines: list[SandboxLineInput],
) -> SandboxEntry:
    """One journal entry in the sandbox; unbalanced or malformed entries are refused."""
    case = _locked_open_case(case, by)
    if (date.year, date.month) != (case.case["year"], case.case["month"]):
        raise CertificationError(_("Tanggal jurnal harus di bulan studi kasus."))
    refs = {t["ref"] for t in case.case["transactions"]}
    if transaction_ref and transaction_ref not in refs:
        raise CertificationError(_("Nomor bukti tidak ada di studi kasus."))
    if case.entries.count() >= MAX_ENTRIES:
        raise CertificationError(_("Terlalu banyak jurnal untuk satu studi kasus."))
    clean = _clean_lines(lines)
    entry = SandboxEntry.objects.create(
        case=case,
        date=date,
        memo=(memo.strip() or transaction_ref)[:200],
        transaction_ref=transaction_ref,
    )
    SandboxLine.objects.bulk_create(
        SandboxLine(entry=entry, account_code=c, side=s, amount=a) for c, s, a in clean
    )
    return entry


@transaction.atomic
def sandbox_entry_delete(*, entry: SandboxEntry, by: Any) -> None:
    """Before submitting, a sandbox entry may be removed (the sandbox is a draft)."""
    _locked_open_case(entry.case, by)
    entry.delete()


@transaction.atomic
def practical_case_submit(*, case: PracticalCase, by: Any) -> PracticalCase:
    case = _locked_open_case(case, by)
    if not case.entries.exists():
        raise CertificationError(_("Belum ada jurnal yang dicatat."))
    case.submitted_at = timezone.now()
    case.save(update_fields=["submitted_at"])
    return case


def answers_of(entries: Any) -> tuple[dict[str, Answer], int]:
    """Group the candidate's lines by transaction reference; unlinked entries are counted."""
    answers: dict[str, Answer] = {}
    unlinked = 0
    for entry in entries:
        if not entry.transaction_ref:
            unlinked += 1
            continue
        answer = answers.setdefault(entry.transaction_ref, Answer(entry.transaction_ref, [], []))
        answer.dates.append(entry.date.isoformat())
        answer.lines.extend((x.account_code, x.side, int(x.amount)) for x in entry.lines.all())
    return answers, unlinked


def _grade(case: PracticalCase) -> dict[str, Any]:
    entries = sorted(case.entries.all(), key=lambda e: (e.date, e.pk))  # prefetched
    answers, unlinked = answers_of(entries)
    return grade_case(case.case, answers, extra=unlinked)


def practical_case_grade(*, case_id: int) -> PracticalCase:
    """Grade one submitted case; running it twice gives the same stored result."""
    case = PracticalCase.objects.prefetch_related("entries__lines").get(pk=case_id)
    if case.submitted_at is None:
        raise CertificationError(_("Jawaban belum dikumpulkan."))
    result = _grade(case)
    PracticalCase.objects.filter(pk=case.pk).update(
        grading=result, score_percent=Decimal(result["percent"]), graded_at=timezone.now()
    )
    case.refresh_from_db()
    return case


def _grade_chunk(case_ids: list[int]) -> int:
    """Grade a chunk of cases with a constant number of queries; returns how many failed."""
    cases = list(PracticalCase.objects.filter(pk__in=case_ids).prefetch_related("entries__lines"))
    graded, failed = [], len(case_ids) - len(cases)
    now = timezone.now()
    for case in cases:
        try:
            case.grading = _grade(case)
        except Exception:  # one bad case fails alone, visibly (failed_count)
            failed += 1
            continue
        case.score_percent = Decimal(case.grading["percent"])
        case.graded_at = now
        graded.append(case)
    PracticalCase.objects.bulk_update(graded, ["grading", "score_percent", "graded_at"])
    return failed


@transaction.atomic
def grading_run_start(*, batch: Batch, by: Any) -> GradingRun:
    """Queue grading of every submitted case of the batch; the worker starts after COMMIT."""
    from certificates.tasks import grading_run_task

    if not (is_batch_assessor(user=by, batch=batch) or can_manage_batch(user=by, batch=batch)):
        raise CertificationError(_("Hanya asesor atau pelatih angkatan ini yang dapat menilai."))
    running = GradingRun.objects.filter(
        batch=batch, status__in=[GradingRun.Status.PENDING, GradingRun.Status.RUNNING]
    ).first()
    if running is not None:
        return running
    total = PracticalCase.objects.filter(candidate__batch=batch, submitted_at__isnull=False).count()
    if total == 0:
        raise CertificationError(_("Belum ada jawaban studi kasus yang dikumpulkan."))
    run = GradingRun.objects.create(batch=batch, requested_by=by, total=total)
    transaction.on_commit(lambda: grading_run_task.delay(run.pk))
    return run


def grading_run_execute(*, run_id: int) -> GradingRun:
    """Grade the batch's cases, counting progress. A redelivered run regrades harmlessly."""
    claimed = GradingRun.objects.filter(
        pk=run_id, status__in=[GradingRun.Status.PENDING, GradingRun.Status.RUNNING]
    ).update(status=GradingRun.Status.RUNNING, done_count=0, failed_count=0)
    run = GradingRun.objects.get(pk=run_id)
    if not claimed:
        return run
    case_ids = list(
        PracticalCase.objects.filter(
            candidate__batch_id=run.batch_id, submitted_at__isnull=False
        ).values_list("pk", flat=True)
    )
    GradingRun.objects.filter(pk=run_id).update(total=len(case_ids))
    for start in range(0, len(case_ids), GRADING_CHUNK):
        chunk = case_ids[start : start + GRADING_CHUNK]
        failed = _grade_chunk(chunk)
        GradingRun.objects.filter(pk=run_id).update(
            done_count=F("done_count") + len(chunk), failed_count=F("failed_count") + failed
        )
    GradingRun.objects.filter(pk=run_id).update(
        status=GradingRun.Status.DONE, finished_at=timezone.now()
    )
    run.refresh_from_db()
    return run


def grading_run_mark_failed(*, run_id: int, error: str) -> None:
    GradingRun.objects.filter(pk=run_id).update(
        status=GradingRun.Status.FAILED, error=error[:300], finished_at=timezone.now()
    )


def sandbox_trial_balance(*, case: PracticalCase) -> list[dict[str, Any]]:
    """Neraca saldo of the sandbox: opening balances plus every recorded line, per account."""
    totals: dict[str, list[int]] = {}
    for x in case.case.get("opening", []):
        totals.setdefault(x["account"], [0, 0])[0 if x["side"] == "D" else 1] += x["amount"]
    for code, side, amount in SandboxLine.objects.filter(entry__case=case).values_list(
        "account_code", "side", "amount"
    ):
        totals.setdefault(code, [0, 0])[0 if side == "D" else 1] += int(amount)
    rows = []
    for code in sorted(totals):
        debit, credit = totals[code]
        balance = debit - credit
        rows.append(
            {
                "code": code,
                "name": CHART_CODES.get(code, code),
                "debit": max(balance, 0),
                "credit": max(-balance, 0),
            }
        )
    return rows
