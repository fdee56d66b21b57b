from __future__ import annotations

from django.contrib import messages
from django.contrib.auth import views as auth_views
from django.contrib.auth.decorators import login_required
from django.http import HttpResponse
from django.shortcuts import render
from django.urls import reverse_lazy
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET

from lms.accounts.forms import KopsisPasswordChangeForm, LoginForm
from lms.accounts.selectors import roles_of
from lms.accounts.services import password_changed_by_user
from lms.http import HtmxRequest
from lms.navigation import dashboard_panels_for


class LoginView(auth_views.LoginView):
    template_name = "accounts/login.html"
    form_class = LoginForm
    redirect_authenticated_user = True


class PasswordChangeView(auth_views.PasswordChangeView):
    template_name = "accounts/password_change.html"
    form_class = KopsisPasswordChangeForm
    success_url = reverse_lazy("accounts:dashboard")

    def form_valid(self, form):
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
