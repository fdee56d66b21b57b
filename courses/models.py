"""Wagtail pages of Kopsis."""

from __future__ import annotations

from typing import Any

from django.db import models
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect
from django.utils.translation import gettext_lazy as _
from wagtail.admin.panels import FieldPanel
from wagtail.fields import RichTextField
from wagtail.models import Page


class HomePage(Page):
    """The public landing page; signed-in users go straight to their dashboard."""

    intro = models.CharField(_("pengantar"), max_length=250, blank=True)
    body = RichTextField(_("isi"), blank=True, features=["bold", "italic", "link", "ol", "ul"])

    content_panels = [*Page.content_panels, FieldPanel("intro"), FieldPanel("body")]
    max_count = 1

    class Meta:
        verbose_name = _("beranda")

    def serve(self, request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponse:
        if request.user.is_authenticated:
            return redirect("accounts:dashboard")
        return super().serve(request, *args, **kwargs)
