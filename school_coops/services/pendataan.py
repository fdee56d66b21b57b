"""Pendataan: the guru pembina confirms or corrects the year's indicators; dinas reminds.

docs/domain.md "Pendataan". The prefilled values are computed again from the books at the
moment of submission and stored beside the reported ones, so every correction can be seen.
"""

from __future__ import annotations

import datetime
from typing import Any

from django.conf import settings
from django.core.mail import send_mass_mail
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from lms.accounts.models import User
from school_coops.exceptions import CooperativeRuleError
from school_coops.models import AnnualReport, Cooperative, PendataanReminder
from school_coops.selectors.dinas import (
    FIELDS,
    dinas_region_ids,
    pendataan_missing,
    pendataan_prefill,
    pendataan_years,
)

COUNTS: tuple[str, ...] = ("members_male", "members_female", "members_unknown", "officers")
COUNTS += ("supervisors", "employees")
NOT_NEGATIVE = ("own_capital", "outside_capital", "assets", "business_volume")


def _clean(values: dict[str, Any]) -> dict[str, Any]:
    """Rules a form cannot see: RAT date with RAT held; amounts whole rupiah."""
    cleaned = {name: values.get(name) for name in FIELDS}
    for name in COUNTS + NOT_NEGATIVE:
        value = cleaned[name]
        if value is None or int(value) < 0:
            raise CooperativeRuleError(_("Angka pendataan tidak boleh kosong atau negatif."))
    if cleaned["rat_held"] and not cleaned["rat_date"]:
        raise CooperativeRuleError(_("Isi tanggal RAT, atau pilih RAT tidak dilaksanakan."))
    if not cleaned["rat_held"]:
        cleaned["rat_date"] = None
    for name in ("nik", "legal_number", "coop_type", "coop_group"):
        cleaned[name] = (cleaned[name] or "").strip()
    return cleaned


@transaction.atomic
def annual_report_submit(
    *, coop: Cooperative, year: int, by: User, values: dict[str, Any]
) -> AnnualReport:
    """Store what the guru pembina reports for `year`, with the prefilled values beside it.

    Submitting again (a correction) updates the reported values; one row per coop and year."""
    coop = Cooperative.objects.select_for_update().get(pk=coop.pk)
    if not coop.supervisors.filter(pk=by.pk).exists():
        raise CooperativeRuleError(_("Hanya guru pembina yang dapat mengirim pendataan."))
    if year not in pendataan_years(coop=coop):
        raise CooperativeRuleError(_("Tahun pendataan tidak sesuai dengan umur koperasi."))
    cleaned = _clean(values)
    rat_date = cleaned["rat_date"]
    if isinstance(rat_date, datetime.date) and rat_date.year != year:
        raise CooperativeRuleError(_("Tanggal RAT harus pada tahun %(y)s.") % {"y": year})
    report, _created = AnnualReport.objects.get_or_create(coop=coop, year=year)
    report.prefilled = pendataan_prefill(coop=coop, year=year)
    for name, value in cleaned.items():
        setattr(report, name, value)
    report.submitted_by = by
    report.submitted_at = timezone.now()
    report.save()
    return report


@transaction.atomic
def pendataan_remind(*, year: int, by: User, base_url: str = "") -> list[PendataanReminder]:
    """One reminder per coop of the user's regions that has not submitted `year`.

    A second click on the same day sends nothing again (the coops are locked in pk order,
    so two clicks at once cannot both send). E-mails go after the commit."""
    region_ids = dinas_region_ids(user=by)
    if not region_ids:
        raise CooperativeRuleError(_("Hanya staf dinas yang dapat mengirim pengingat."))
    coops = list(
        pendataan_missing(region_ids=region_ids, year=year)
        .select_for_update(of=("self",))
        .order_by("pk")
    )
    today = timezone.localdate()
    already = set(
        PendataanReminder.objects.filter(
            coop__in=coops, year=year, sent_at__date=today
        ).values_list("coop_id", flat=True)
    )
    sent, messages = [], []
    for coop in coops:
        if coop.pk in already:
            continue
        emails = [u.email for u in coop.supervisors.all() if u.email]
        sent.append(
            PendataanReminder.objects.create(coop=coop, year=year, sent_by=by, emails=len(emails))
        )
        if emails:
            messages.append(_reminder_mail(coop, year, emails, base_url))
    if messages:
        transaction.on_commit(lambda: send_mass_mail(messages, fail_silently=True))
    return sent


def _reminder_mail(
    coop: Cooperative, year: int, emails: list[str], base_url: str
) -> tuple[str, str, str, list[str]]:
    from django.urls import reverse

    url = base_url.rstrip("/") + reverse("school_coops:pendataan", args=[coop.slug, year])
    subject = _("Pengingat pendataan koperasi %(y)s: %(c)s") % {"y": year, "c": coop.name}
    body = _(
        "Yth. guru pembina %(c)s,\n\nDinas Koperasi belum menerima pendataan tahun %(y)s. "
        "Data sudah terisi dari pembukuan Kopsis; periksa, perbaiki bila perlu, lalu kirim:\n"
        "%(url)s\n"
    ) % {"c": coop.name, "y": year, "url": url}
    return subject, body, settings.DEFAULT_FROM_EMAIL, emails
