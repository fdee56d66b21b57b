from __future__ import annotations

from django.conf import settings
from django.contrib import messages
from django.contrib.auth import views as auth_views
from django.contrib.auth.decorators import login_required
from django.contrib.auth.forms import PasswordChangeForm
from django.http import HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse_lazy
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods

from lms.accounts.exceptions import AccountRuleError
from lms.accounts.forms import GuardianConsentForm, KopsisPasswordChangeForm, LoginForm
from lms.accounts.models import ConsentRecord, Guardianship
from lms.accounts.selectors import consent_status, roles_of
from lms.accounts.services import consent_record, password_changed_by_user
from lms.http import HtmxRequest
from lms.navigation import dashboard_panels_for
from lms.privacy.audit import audited
from lms.privacy.models import AccessKind


class LoginView(auth_views.LoginView):
    template_name = "accounts/login.html"
    form_class = LoginForm
    redirect_authenticated_user = True


class PasswordChangeView(auth_views.PasswordChangeView):
    template_name = "accounts/password_change.html"
    form_class = KopsisPasswordChangeForm
    success_url = reverse_lazy("accounts:dashboard")

    request: HtmxRequest  # behind login: the user is ours, never AnonymousUser

    def form_valid(self, form: PasswordChangeForm) -> HttpResponse:
        response = super().form_valid(form)
        password_changed_by_user(user=self.request.user)
        messages.success(self.request, _("Kata sandi baru tersimpan."))
        return response


@login_required
@require_GET
def dashboard_view(request: HtmxRequest) -> HttpResponse:
    return render(
        request,
        "accounts/dashboard.html",
        {
            "panels": dashboard_panels_for(request.user),
            "roles": roles_of(request.user),
        },
    )


def _ward(request: HtmxRequest, student_pk: int, **kwargs: object) -> list[int]:
    return [student_pk]


@login_required
@require_http_methods(["GET", "POST"])
@audited(AccessKind.GUARDIAN, subjects=_ward)
def guardian_consent_view(request: HtmxRequest, student_pk: int) -> HttpResponse:
    guardianship = get_object_or_404(
        Guardianship.objects.select_related("student"), guardian=request.user, student_id=student_pk
    )
    student = guardianship.student
    form = GuardianConsentForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            consent_record(
                student=student,
                purposes=form.cleaned_data["purposes"],
                action=form.cleaned_data["action"],
                guardian_name=request.user.get_full_name(),
                guardian_relation=guardianship.relation,
                method=ConsentRecord.Method.ONLINE,
                evidence=_("Dicatat daring oleh akun %(username)s")
                % {"username": request.user.username},
                by=request.user,
            )
        except AccountRuleError as exc:
            form.add_error(None, str(exc))
        else:
            messages.success(request, _("Pilihan persetujuan Anda tersimpan."))
            return redirect("accounts:guardian-consent", student_pk=student.pk)
    return render(
        request,
        "accounts/guardian_consent.html",
        {
            "student": student,
            "form": form,
            "status": consent_status(student=student),
            "records": student.consent_records.all()[:20],
            "notice_version": settings.CONSENT_NOTICE_VERSION,
        },
    )
