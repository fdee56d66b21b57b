"""Privacy services: access log, export of one person's data, erasure and retention."""

from __future__ import annotations

import datetime
import io
import json
import zipfile
from collections.abc import Callable, Iterable
from typing import Any

from django.apps import apps
from django.conf import settings
from django.core.exceptions import EmptyResultSet
from django.core.files.base import ContentFile
from django.core.serializers.json import DjangoJSONEncoder
from django.db import connection, transaction
from django.db.models import QuerySet
from django.utils import timezone, translation
from django.utils.translation import gettext as _

from lms.accounts.models import Role, RoleAssignment, User
from lms.privacy import registry
from lms.privacy.exceptions import PrivacyRuleError
from lms.privacy.models import AccessLog, ErasureRecord, PersonalDataExport

# --- Access log -------------------------------------------------------------------------


def access_record(
    *,
    accessor: User,
    subject_ids: Iterable[int] | QuerySet[Any],
    kind: str,
    url_name: str,
    path: str,
) -> int:
    """Append who opened whose data; opening one's own data is not logged.

    One INSERT … SELECT whatever the number of subjects (a class grid logs 40 students), with
    the subject's school looked up in the same statement: the log costs a page one query.
    The statement is written out (only the subjects' subquery is compiled by the ORM): the
    ORM's Subquery/OuterRef compile cost a class grid more CPU than the INSERT itself.
    """
    if isinstance(subject_ids, QuerySet):
        try:
            subjects_sql, subjects_params = subject_ids.query.sql_with_params()
        except EmptyResultSet:
            return 0
    else:
        ids = [int(i) for i in subject_ids if i is not None]
        if not ids:
            return 0
        subjects_sql, subjects_params = ", ".join(["%s"] * len(ids)), tuple(ids)
    quote = connection.ops.quote_name
    log, users, roles = (quote(m._meta.db_table) for m in (AccessLog, User, RoleAssignment))
    now = connection.ops.adapt_datetimefield_value(timezone.now())
    # Only table names and the compiled subquery are interpolated; every value is a parameter.
    sql = (
        f"INSERT INTO {log} (accessed_at, accessor_id, kind, url_name, path, subject_id, "  # noqa: S608
        f"school_id) SELECT %s, %s, %s, %s, %s, u.id, (SELECT r.school_id FROM {roles} r "
        f"WHERE r.user_id = u.id AND r.role = %s AND r.school_id IS NOT NULL LIMIT 1) "
        f"FROM {users} u WHERE u.id IN ({subjects_sql}) AND u.id <> %s"
    )
    params = [now, accessor.pk, kind, url_name[:80], path[:300], Role.STUDENT.value]
    with connection.cursor() as cursor:
        cursor.execute(sql, [*params, *subjects_params, accessor.pk])
        return cursor.rowcount


# --- Export -------------------------------------------------------------------------------


def _title(handler: registry.Handler) -> str:
    return str(handler.title or apps.get_model(handler.label)._meta.verbose_name_plural)


def person_export_data(
    *, person: User, progress: Callable[[int, int], None] | None = None
) -> dict[str, Any]:
    """All of one person's data, one section per registered model that holds any."""
    all_handlers = registry.handlers()
    sections = []
    for done, handler in enumerate(all_handlers, start=1):
        rows = handler.export(person)
        if rows:
            sections.append(
                {
                    "model": handler.label,
                    "title": _title(handler),
                    "kind": handler.kind,
                    "rows": rows,
                }
            )
        if progress is not None:
            progress(done, len(all_handlers))
    return {
        "subject": {"id": person.pk, "username": person.username, "name": person.get_full_name()},
        "generated_at": timezone.now().isoformat(),
        "sections": sections,
    }


def _summary(data: dict[str, Any]) -> str:
    """The human-readable part of the export, in Indonesian."""
    lines = [
        _("RINGKASAN DATA PRIBADI"),
        _("Nama: %(name)s (%(username)s)") % data["subject"],
        _("Dibuat: %(at)s") % {"at": data["generated_at"]},
        "",
        _("Berkas data.json berisi semua data di bawah ini dalam format yang dapat dibaca mesin."),
        "",
    ]
    for section in data["sections"]:
        note = _(" (Anda tercatat sebagai pelaku)") if section["kind"] == "actor" else ""
        lines.append(f"== {section['title']}{note}: {len(section['rows'])}")
        for row in section["rows"][:20]:
            lines.append("  - " + "; ".join(f"{k}: {v}" for k, v in row.items()))
        if len(section["rows"]) > 20:
            lines.append(
                _("  … dan %(n)d baris lagi di data.json") % {"n": len(section["rows"]) - 20}
            )
        lines.append("")
    return "\n".join(lines)


def person_export_zip(*, person: User, progress: Callable[[int, int], None] | None = None) -> bytes:
    with translation.override("id"):
        data = person_export_data(person=person, progress=progress)
        summary = _summary(data)
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("data.json", json.dumps(data, cls=DjangoJSONEncoder, indent=2))
        archive.writestr("ringkasan.txt", summary)
    return buffer.getvalue()


@transaction.atomic
def export_request(*, subject: User, by: User) -> PersonalDataExport:
    """Queue the export; the worker starts after COMMIT."""
    from lms.privacy.tasks import personal_data_export_task

    if ErasureRecord.objects.filter(person=subject).exists():
        raise PrivacyRuleError(_("Data orang ini sudah dihapus."))
    running = PersonalDataExport.objects.filter(
        subject=subject,
        requested_by=by,
        status__in=[PersonalDataExport.Status.PENDING, PersonalDataExport.Status.RUNNING],
    ).first()
    if running is not None:  # a double click: show the export already on its way
        return running
    export = PersonalDataExport.objects.create(
        subject=subject, requested_by=by, total=len(registry.handlers())
    )
    transaction.on_commit(lambda: personal_data_export_task.delay(export.pk))
    return export


def export_render(*, export_id: int) -> PersonalDataExport:
    """Build the ZIP. Safe to run twice: a finished export is left untouched."""
    from lms.storage import private_storage

    export = PersonalDataExport.objects.select_related("subject").get(pk=export_id)
    if export.status == PersonalDataExport.Status.DONE:
        return export
    rows = PersonalDataExport.objects.filter(pk=export.pk)
    rows.update(status=PersonalDataExport.Status.RUNNING)

    def progress(done: int, total: int) -> None:
        rows.update(done_count=done, total=total)

    content = person_export_zip(person=export.subject, progress=progress)
    name = private_storage.save(f"privacy-exports/{export.pk}.zip", ContentFile(content))
    claimed = rows.exclude(status=PersonalDataExport.Status.DONE).update(
        status=PersonalDataExport.Status.DONE, file_path=name, finished_at=timezone.now()
    )
    if not claimed:  # another delivery of the task finished first: keep its file
        private_storage.delete(name)
    export.refresh_from_db()
    return export


def export_mark_failed(*, export_id: int, error: str) -> None:
    PersonalDataExport.objects.filter(pk=export_id).exclude(
        status=PersonalDataExport.Status.DONE
    ).update(status=PersonalDataExport.Status.FAILED, error=error[:300], finished_at=timezone.now())


# --- Erasure ------------------------------------------------------------------------------


def erasure_problems(*, person: User, by: User | None = None) -> list[str]:
    """Why `person` cannot be erased now (empty when they can)."""
    if ErasureRecord.objects.filter(person=person).exists():
        return [_("Data orang ini sudah dihapus.")]
    problems = []
    if by is not None and by.pk == person.pk:
        problems.append(_("Anda tidak dapat menghapus data akun Anda sendiri di sini."))
    if person.is_superuser:
        problems.append(_("Akun admin tidak dihapus lewat halaman ini."))
    for check in registry.blockers():
        problems.extend(check(person))
    return problems


@transaction.atomic
def person_erase(
    *, person: User, by: User | None, trigger: str = ErasureRecord.Trigger.REQUEST, reason: str = ""
) -> ErasureRecord:
    """Remove the person's names and identifiers; amounts, posted entries and logs stay.

    Every registered eraser runs in one transaction, the user row last; any refusal (money
    still owed, already erased) changes nothing.
    """
    # Lock the person: two erasures at once must not both pass the checks.
    person = User.objects.select_for_update().get(pk=person.pk)
    problems = erasure_problems(person=person, by=by)
    if problems:
        raise PrivacyRuleError(" ".join(problems))
    record = ErasureRecord.objects.create(
        person=person, erased_by=by, trigger=trigger, reason=reason[:200]
    )
    with translation.override("id"):  # stored data is Indonesian, whoever asks
        pseudonym = _("Pengguna terhapus #%(n)d") % {"n": record.pk}
    erasure = registry.Erasure(
        person=person, pseudonym=pseudonym, original_name=person.get_full_name(), record=record
    )
    counts = {}
    for handler in registry.handlers():
        if handler.kind == "data":
            counts[handler.label] = handler.erase(erasure)
    record.counts = counts
    record.save(update_fields=["counts"])
    return record


def erased_ids() -> set[int]:
    return set(ErasureRecord.objects.values_list("person_id", flat=True))


# --- Retention ----------------------------------------------------------------------------


def retention_cutoff(today: datetime.date | None = None) -> datetime.date:
    today = today or timezone.localdate()
    years = settings.PRIVACY_RETENTION_YEARS_AFTER_GRADUATION
    try:
        return today.replace(year=today.year - years)
    except ValueError:  # 29 February
        return today.replace(year=today.year - years, day=28)


def retention_run(*, dry_run: bool, today: datetime.date | None = None) -> list[dict[str, Any]]:
    """Erase graduates whose retention period ended; each person in their own transaction.

    Idempotent: people already erased are skipped; a refusal is reported, not raised.
    """
    cutoff = retention_cutoff(today)
    ids: set[int] = set()
    for source in registry.retention_sources().values():
        ids |= set(source(cutoff))
    ids -= erased_ids()
    report = []
    for person in User.objects.filter(pk__in=ids).order_by("pk"):
        entry = {"id": person.pk, "username": person.username, "name": person.get_full_name()}
        problems = erasure_problems(person=person)
        if problems:
            entry.update(status="skipped", message=" ".join(problems))
        elif dry_run:
            entry.update(status="would_erase", message="")
        else:
            try:
                record = person_erase(
                    person=person,
                    by=None,
                    trigger=ErasureRecord.Trigger.RETENTION,
                    reason=f"retensi: lulus sebelum {cutoff.isoformat()}",
                )
            except PrivacyRuleError as exc:
                entry.update(status="skipped", message=str(exc))
            else:
                entry.update(status="erased", message=f"#{record.pk}")
        report.append(entry)
    return report
