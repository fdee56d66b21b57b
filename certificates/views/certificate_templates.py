"""The dinas's certificate layouts: list, create from the default, edit, CONTOH preview.

Trainers and dinas staff of a region (the same rule as issuance, lms/policy.py); a layout of
another region answers 404. The preview renders the posted (unsaved) HTML/CSS with fake data
marked CONTOH: it never shows a real number or holder, and it saves nothing."""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from certificates.exceptions import CertificationError
from certificates.forms import CertificateTemplateCreateForm, CertificateTemplateForm
from certificates.issuance.sandbox import preview_pdf
from certificates.models import CertificateTemplate
from certificates.services.certificate_templates import (
    certificate_template_create,
    certificate_template_save,
    series_choices,
)
from certificates.views.common import require_organiser
from lms.http import HtmxRequest


def _regions(region_ids: set[int]) -> list[Any]:
    from lms.schools.models import Region

    return list(Region.objects.filter(pk__in=region_ids).order_by("name"))


def _own_template(request: HtmxRequest, pk: int) -> CertificateTemplate:
    return get_object_or_404(
        CertificateTemplate.objects.select_related("region"),
        pk=pk,
        region_id__in=require_organiser(request),
    )


@login_required
@require_GET
def template_list_view(request: HtmxRequest) -> HttpResponse:
    regions = require_organiser(request)
    rows = CertificateTemplate.objects.filter(region_id__in=regions).select_related("region")
    form = CertificateTemplateCreateForm(regions=_regions(regions), series=series_choices())
    context = {"templates": rows.order_by("region__name", "series"), "form": form}
    return render(request, "certificates/template_list.html", context)


@login_required
@require_POST
def template_create_view(request: HtmxRequest) -> HttpResponse:
    regions = require_organiser(request)
    form = CertificateTemplateCreateForm(
        request.POST, regions=_regions(regions), series=series_choices()
    )
    if not form.is_valid():
        messages.error(request, _("Pilih dinas dan seri dari daftar."))
        return redirect("certificates:template-list")
    try:
        row = certificate_template_create(
            region_id=form.cleaned_data["region"],
            series=form.cleaned_data["series"],
            by=request.user,
            region_ids=regions,
        )
    except CertificationError as exc:
        messages.error(request, str(exc))
        return redirect("certificates:template-list")
    return redirect("certificates:template-edit", row.pk)


def _initial(row: CertificateTemplate) -> dict[str, Any]:
    fields = ("html", "css", "signatory_name", "signatory_title")
    return {name: getattr(row, name) for name in fields}


def _image(upload: Any) -> tuple[bytes, str] | None:
    """The cleaned (metadata-free) bytes of an upload and their format, or None."""
    if not upload:
        return None
    from lms.uploads import sniff_image_format

    upload.seek(0)
    data = upload.read()
    return data, sniff_image_format(data[:16]) or ""


@login_required
@require_http_methods(["GET", "POST"])
def template_edit_view(request: HtmxRequest, pk: int) -> HttpResponse:
    row = _own_template(request, pk)
    bound = request.method == "POST"
    form = CertificateTemplateForm(
        request.POST if bound else None, request.FILES if bound else None, initial=_initial(row)
    )
    if bound and form.is_valid():
        data = dict(form.cleaned_data)
        try:
            certificate_template_save(
                template=row,
                data=data,
                signature=_image(data.pop("signature")),
                logo=_image(data.pop("logo")),
                by=request.user,
            )
        except CertificationError as exc:
            form.add_error(None, str(exc))
        else:
            messages.success(
                request,
                _("Templat disimpan. Sertifikat yang sudah terbit tidak berubah."),
            )
            return redirect("certificates:template-edit", row.pk)
    return render(request, "certificates/template_edit.html", {"row": row, "form": form})


@login_required
@require_POST
def template_preview_view(request: HtmxRequest, pk: int) -> HttpResponse:
    """The posted form as a CONTOH PDF (nothing saved); errors: the form again."""
    row = _own_template(request, pk)
    form = CertificateTemplateForm(request.POST, request.FILES or None, initial=_initial(row))
    if form.is_valid():
        data = form.cleaned_data
        layout = CertificateTemplate(
            region=row.region,
            series=row.series,
            html=data["html"],
            css=data["css"],
            signatory_name=data["signatory_name"],
            signatory_title=data["signatory_title"],
            signature_path="" if data["remove_signature"] else row.signature_path,
            logo_path="" if data["remove_logo"] else row.logo_path,
        )
        try:
            content = preview_pdf(
                layout=layout,
                region=row.region,
                signature=_image(data["signature"]),
                logo=_image(data["logo"]),
            )
        except CertificationError as exc:
            form.add_error(None, str(exc))
        else:
            response = HttpResponse(content, content_type="application/pdf")
            response["Content-Disposition"] = 'inline; filename="contoh-sertifikat.pdf"'
            response["Cache-Control"] = "no-store"
            return response
    return render(request, "certificates/template_edit.html", {"row": row, "form": form})
