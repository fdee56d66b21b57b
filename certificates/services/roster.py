"""Import a roster of candidates into a batch: accounts with real usernames, bad-row report,
and a question before anyone is created twice (the class-roster machinery of lms/schools)."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from django.db import IntegrityError, transaction
from django.utils.translation import gettext as _

from certificates.candidate_import import CandidateRow, parse_candidates
from certificates.exceptions import CertificationError
from certificates.models import Batch, Candidate, CandidateStatus, Origin, Track
from certificates.selectors import can_manage_batch
from lms.accounts.models import InitialPassword, User
from lms.accounts.services import one_time_password_generate
from lms.schools.services import Duplicates, taken_usernames, username_base, username_suggest


# same shape as lms.schools.services.ExistingStudent on purpose: a candidate is matched in its
# batch by NIK, a student in the school by NISN; the rows and the reasons differ.
@dataclass
class Match:
    row: CandidateRow
    candidate: Candidate
    same_nik: bool  # the same person for certain: never imported twice

    @property
    def reason(self) -> str:
        if self.same_nik:
            return _("NIK sama dengan peserta yang sudah ada di angkatan ini.")
        return _("Nama sama dengan peserta yang sudah ada di angkatan ini.")


@dataclass
class CandidateImportResult:
    rows: list[CandidateRow] = field(default_factory=list)
    created: list[tuple[Candidate, str]] = field(default_factory=list)  # (candidate, password)
    existing: list[Match] = field(default_factory=list)
    skipped: list[Match] = field(default_factory=list)
    needs_confirmation: bool = False

    @property
    def errors(self) -> list[CandidateRow]:
        return [row for row in self.rows if row.errors]


def _key(name: str) -> str:
    return " ".join(name.casefold().split())


def _kopsis_coops(batch: Batch, rows: list[CandidateRow]) -> dict[str, Any]:
    """Kopsis cooperatives of the batch's region by lower-case name (only those named)."""
    from school_coops.models import Cooperative

    names = {_key(r.coop_name) for r in rows if r.coop_name}
    found: dict[str, Any] = {}
    for coop in Cooperative.objects.filter(school__region_id=batch.region_id).select_related(
        "school"
    ):
        if _key(coop.name) in names:
            found[_key(coop.name)] = coop
    return found


def _check_rows(batch: Batch, rows: list[CandidateRow], result: CandidateImportResult) -> dict:
    from collections import Counter

    coops = _kopsis_coops(batch, rows)
    niks = Counter(r.nik for r in rows if r.nik)
    usernames = Counter(r.username for r in rows if r.username)
    taken = set(
        User.objects.filter(username__in=list(usernames)).values_list("username", flat=True)
    )
    existing = list(Candidate.objects.filter(batch=batch).select_related("user"))
    by_nik = {c.nik: c for c in existing if c.nik}
    by_name = {_key(c.full_name): c for c in existing}
    for row in rows:
        coop = coops.get(_key(row.coop_name))
        row.coop_id = coop.pk if coop else None
        if row.coop_name and coop is None and not row.legal_number:
            row.errors.append(
                _("Koperasi '%(name)s' tidak ada di Kopsis wilayah ini: isi nomor badan hukumnya.")
                % {"name": row.coop_name}
            )
        if row.track == Track.STUDENT and coop is None:
            row.errors.append(_("Jalur pelajar harus dari koperasi sekolah di Kopsis."))
        if row.nik and niks[row.nik] > 1:
            row.errors.append(_("NIK ini muncul lebih dari sekali dalam berkas."))
        if row.username and usernames[row.username] > 1:
            row.errors.append(_("Username ini muncul lebih dari sekali dalam berkas."))
        if row.nik in by_nik:
            result.existing.append(Match(row, by_nik[row.nik], same_nik=True))
        elif _key(row.name) in by_name:
            result.existing.append(Match(row, by_name[_key(row.name)], same_nik=False))
        elif row.username in taken:
            row.errors.append(_("Username ini sudah dipakai."))
    return coops


def candidates_import(
    *, batch: Batch, data: bytes, filename: str, by: User, duplicates: str = Duplicates.ASK
) -> CandidateImportResult:
    """Create an account and an application (origin: imported) per row. All or nothing: any bad
    row, or more rows than free seats, imports nothing. Rows matching a candidate of the batch
    (same NIK, or same name) are reported until the trainer chooses `duplicates`; a NIK match
    is always skipped."""
    result = CandidateImportResult(rows=parse_candidates(data, filename))
    with transaction.atomic():
        # One import (or apply) per batch at a time: the quota and the duplicate checks hold.
        batch = Batch.objects.select_for_update().get(pk=batch.pk)
        if not can_manage_batch(user=by, batch=batch):
            raise CertificationError(_("Hanya pelatih angkatan ini yang dapat mengimpor peserta."))
        coops = _check_rows(batch, result.rows, result)
        if result.errors:
            return result
        if result.existing and duplicates == Duplicates.ASK:
            result.needs_confirmation = True
            return result
        skip = {id(m.row) for m in result.existing if m.same_nik or duplicates == Duplicates.SKIP}
        result.skipped = [m for m in result.existing if id(m.row) in skip]
        to_create = [row for row in result.rows if id(row) not in skip]
        seats = Candidate.objects.filter(batch=batch).exclude(status=CandidateStatus.REJECTED)
        free = batch.quota - seats.count()
        if len(to_create) > free:
            raise CertificationError(
                _("Kuota angkatan tinggal %(free)s kursi; berkas ini berisi %(n)s peserta baru.")
                % {"free": max(free, 0), "n": len(to_create)}
            )
        taken = taken_usernames({username_base(r.name) for r in to_create if not r.username})
        by_pk = {c.pk: c for c in coops.values()}
        result.created = [_create(batch, row, by_pk.get(row.coop_id), taken) for row in to_create]
    return result


def _account(row: CandidateRow, taken: set[str]) -> tuple[User, str]:
    password = one_time_password_generate()
    user = User(full_name=row.name, email=row.email, must_change_password=True)
    user.set_password(password)
    for _attempt in range(20):
        user.username = row.username or username_suggest(row.name, taken)
        try:
            with transaction.atomic():  # a savepoint: a lost race costs one username
                user.save()
            return user, password
        except IntegrityError:
            user.pk = None
            if row.username:
                raise CertificationError(
                    _(
                        "Username %(username)s baru saja dipakai. Tidak ada yang diimpor; ganti "
                        "username di berkas lalu unggah lagi."
                    )
                    % {"username": row.username}
                ) from None
            taken |= taken_usernames({username_base(row.name)})
    raise CertificationError(_("Impor sedang ramai. Tidak ada yang diimpor; coba lagi."))


def _create(batch: Batch, row: CandidateRow, coop: Any, taken: set[str]) -> tuple[Candidate, str]:
    user, password = _account(row, taken)
    # No platform role: a candidate account only applies (a school-track student keeps their
    # school account separately; the cooperative link says which Kopsis they come from).
    InitialPassword.objects.create(user=user, password=password)
    candidate = Candidate.objects.create(
        batch=batch,
        user=user,
        full_name=row.name,
        nik=row.nik,
        phone=row.phone,
        email=row.email,
        track=row.track,
        cooperative=coop,
        cooperative_name=coop.name if coop else row.coop_name,
        cooperative_legal_number=row.legal_number or (coop.nomor_badan_hukum if coop else ""),
        cooperative_role=row.role,
        origin=Origin.IMPORTED,
    )
    return candidate, password
