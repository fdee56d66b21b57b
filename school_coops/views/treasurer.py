"""The student treasurer's lists: unpaid simpanan wajib (one tap per member) and the
graduation of a class (the guru pembina reviews once, confirms once)."""

from __future__ import annotations

import datetime

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from lms.http import HtmxRequest
from lms.schools.models import Classroom
from school_coops import selectors as sel
from school_coops.exceptions import CooperativeRuleError
from school_coops.forms import GraduationForm, WajibTapForm
from school_coops.models import Cooperative, JournalEntry, Membership
from school_coops.services.members import memberships_end_for_class
from school_coops.services.savings import savings_wajib_pay
from school_coops.views.common import coop_for, paginate


@login_required
@require_GET
def wajib_arrears_view(request: HtmxRequest, slug: str) -> HttpResponse:
    """Every active member who owes simpanan wajib, oldest month first, with a 'Bayar'."""
    coop = coop_for(request, slug, "school_coops.record")
    rows = sel.coop_wajib_arrears(coop=coop)
    page = paginate(request, rows)
    for row in page:
        row["form"] = WajibTapForm(initial={"period": row["next"]["period"]})
    return render(
        request,
        "school_coops/wajib_arrears.html",
        {
            "coop": coop,
            "page": page,
            "members_owing": len(rows),
            "total": sum(row["total"] for row in rows),
        },
    )


@login_required
@require_POST
def wajib_arrears_pay_view(request: HtmxRequest, slug: str, pk: int) -> HttpResponse:
    """One tap = one month of simpanan wajib, dated today; the same key twice pays once."""
    coop = coop_for(request, slug, "school_coops.record")
    # Scoped to the coop of the address: another coop's member id answers 404.
    membership = get_object_or_404(Membership.objects.select_related("member"), pk=pk, coop=coop)
    form = WajibTapForm(request.POST)
    entry: JournalEntry | None = None
    error = None
    if not form.is_valid():
        error = " ".join(str(e) for errors in form.errors.values() for e in errors)
    else:
        try:
            entry = savings_wajib_pay(
                membership=membership,
                period=form.cleaned_data["period"],
                by=request.user,
                idempotency_key=form.cleaned_data["idempotency_key"],
                date=timezone.localdate(),
            )
        except CooperativeRuleError as exc:
            error = str(exc)
    if not request.htmx:
        if error:
            messages.error(request, error)
        return redirect("school_coops:wajib-arrears", slug=coop.slug)
    rows = sel.coop_wajib_arrears(coop=coop, membership_pk=membership.pk)
    row = rows[0] if rows else None
    if row is not None:
        row["form"] = WajibTapForm(initial={"period": row["next"]["period"]})
    context = {
        "coop": coop,
        "membership": membership,
        "row": row,
        "entry": entry,
        "error": error,
    }
    return render(request, "school_coops/wajib_arrears.html#arrears-row", context)


@login_required
@require_http_methods(["GET", "POST"])
def graduation_view(request: HtmxRequest, slug: str) -> HttpResponse:
    """Pick a class, review each member's payable, confirm once (membership_end per member,
    in one transaction). Member ids outside the class's list answer 404."""
    coop = coop_for(request, slug, "school_coops.supervise")
    classrooms = Classroom.objects.filter(school=coop.school).order_by("-academic_year", "name")
    data = request.POST if request.method == "POST" else request.GET
    classroom = None
    if data.get("kelas"):
        if not data["kelas"].isdigit():
            raise Http404
        classroom = get_object_or_404(classrooms, pk=int(data["kelas"]))
    candidates = sel.graduation_candidates(coop=coop, classroom=classroom) if classroom else []
    form = GraduationForm(request.POST or None) if classroom else None
    if request.method == "POST" and classroom is not None and form is not None:
        chosen = _chosen(request, coop, classroom, candidates)
        if form.is_valid():
            return _graduate(request, coop, classroom, form, chosen)
    return render(
        request,
        "school_coops/graduation.html",
        {
            "coop": coop,
            "classrooms": classrooms,
            "classroom": classroom,
            "candidates": candidates,
            "form": form,
            "today": timezone.localdate(),
        },
    )


def _chosen(
    request: HtmxRequest, coop: Cooperative, classroom: Classroom, candidates: list[dict]
) -> list[Membership]:
    """The ticked members; an id that is not on the reviewed list is a 404, never ignored."""
    by_pk = {row["membership"].pk: row["membership"] for row in candidates}
    # A second confirmation names members the first one ended: accepted, then skipped.
    by_pk |= {
        m.pk: m
        for m in Membership.objects.filter(
            coop=coop, status=Membership.Status.ENDED, member__enrolments__classroom=classroom
        )
    }
    chosen = []
    for raw in request.POST.getlist("members"):
        if not raw.isdigit() or int(raw) not in by_pk:
            raise Http404
        chosen.append(by_pk[int(raw)])
    return chosen


def _graduate(
    request: HtmxRequest,
    coop: Cooperative,
    classroom: Classroom,
    form: GraduationForm,
    chosen: list[Membership],
) -> HttpResponse:
    url = f"{request.path}?kelas={classroom.pk}"
    if not chosen:
        messages.error(request, _("Centang anggota yang keanggotaannya diakhiri."))
        return redirect(url)
    day: datetime.date = form.cleaned_data["date"]
    try:
        ended = memberships_end_for_class(
            coop=coop,
            memberships=chosen,
            reason=form.cleaned_data["reason"],
            by=request.user,
            idempotency_key=form.cleaned_data["idempotency_key"],
            date=day,
        )
    except CooperativeRuleError as exc:
        messages.error(request, str(exc))
        return redirect(url)
    if not ended:
        messages.info(request, _("Keanggotaan yang dicentang sudah diakhiri sebelumnya."))
        return redirect(url)
    messages.success(
        request,
        _(
            "%(n)s keanggotaan kelas %(c)s diakhiri; simpanannya dicatat sebagai utang kepada "
            "anggota keluar."
        )
        % {"n": len(ended), "c": classroom.name},
    )
    return redirect(url)
