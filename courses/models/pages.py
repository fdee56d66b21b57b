"""Wagtail pages of Kopsis: home, course index, course, module and lesson."""

from __future__ import annotations

from typing import Any

from django.db import models
from django.db.models import Exists, F, OuterRef
from django.db.models.functions import Left
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect
from django.utils.translation import get_language
from django.utils.translation import gettext_lazy as _
from modelcluster.contrib.taggit import ClusterTaggableManager
from modelcluster.fields import ParentalKey
from taggit.models import TaggedItemBase
from wagtail.admin.panels import FieldPanel, MultiFieldPanel
from wagtail.fields import RichTextField, StreamField
from wagtail.models import Page, PageViewRestriction, Site
from wagtail.search import index
from wagtail.url_routing import RouteResult

from courses.blocks import LessonBlock


class FastLessonRouteMixin:
    """Find a lesson by its URL path in one query instead of two queries per tree level.

    Only exact lesson URLs take the short cut (their ancestors have no custom routing);
    everything else is routed by Wagtail as usual. The lesson page budget is 12 queries.
    """

    url_path: str  # from Page, which the class this is mixed into inherits
    path: str

    def route(self, request: HttpRequest, path_components: list[str]) -> RouteResult:
        if path_components:
            url_path = self.url_path + "/".join(path_components) + "/"
            # Wagtail would stop at an unpublished course or module on the way: so do we.
            between = [
                self.url_path + "/".join(path_components[:n]) + "/"
                for n in range(1, len(path_components))
            ]
            hidden = Page.objects.filter(
                url_path__in=between, path__startswith=self.path, live=False
            )
            # Restrictions on the lesson or an ancestor (their paths are prefixes of ours):
            # known here, get_view_restrictions() needs no query in the usual, open case.
            restrictions = PageViewRestriction.objects.filter(
                page__path=Left(OuterRef("path"), F("page__depth") * Page.steplen)
            )
            lesson = (
                LessonPage.objects.filter(url_path=url_path, path__startswith=self.path)
                .annotate(hidden_ancestor=Exists(hidden), view_restricted=Exists(restrictions))
                .first()
            )
            if lesson is not None:
                if not lesson.live or lesson.hidden_ancestor:
                    raise Http404
                return RouteResult(lesson)
        # The mixin has no base of its own: Page.route comes next in the MRO.
        return super().route(request, path_components)  # type: ignore[misc]


class HomePage(FastLessonRouteMixin, Page):
    """The public landing page; signed-in users go straight to their dashboard."""

    intro = models.CharField(_("pengantar"), max_length=250, blank=True)
    body = RichTextField(_("isi"), blank=True, features=["bold", "italic", "link", "ol", "ul"])

    content_panels = [*Page.content_panels, FieldPanel("intro"), FieldPanel("body")]
    max_count = 1

    class Meta:
        verbose_name = _("beranda")

    # Wagtail override: the landing page is for visitors; a signed-in user's start is the
    # role-aware dashboard, which lives outside the page tree.
    def serve(self, request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponse:
        if request.user.is_authenticated:
            return redirect("accounts:dashboard")
        return super().serve(request, *args, **kwargs)


class EnglishTitleMixin(models.Model):
    """English title, shown when the visitor picks English (Wagtail i18n is off)."""

    title_en = models.CharField(_("judul (Inggris)"), max_length=255, blank=True)
    title: str  # Page's field: this mixin always comes before Page in the bases

    class Meta:
        abstract = True

    def __str__(self) -> str:
        return self.title

    @property
    def display_title(self) -> str:
        if self.title_en and _english():
            return self.title_en
        return self.title


class EnglishMixin(EnglishTitleMixin):
    """English title and summary."""

    summary = models.TextField(_("ringkasan"), blank=True)
    summary_en = models.TextField(_("ringkasan (Inggris)"), blank=True)

    class Meta:
        abstract = True

    @property
    def display_summary(self) -> str:
        if self.summary_en and _english():
            return self.summary_en
        return self.summary


def _english() -> bool:
    return (get_language() or "").startswith("en")


class CourseLevel(models.TextChoices):
    SMP = "SMP", "SMP/MTs"
    SMA = "SMA", "SMA/SMK/MA"
    GENERAL = "umum", _("Umum")


class CompletionRule(models.TextChoices):
    LESSONS = "lessons", _("Semua pelajaran selesai")
    LESSONS_AND_QUIZZES = "lessons_quizzes", _("Semua pelajaran selesai dan semua kuis lulus")


class CourseIndexPage(FastLessonRouteMixin, EnglishTitleMixin, Page):
    intro = models.CharField(_("pengantar"), max_length=250, blank=True)
    intro_en = models.CharField(_("pengantar (Inggris)"), max_length=250, blank=True)

    content_panels = [
        *Page.content_panels,
        FieldPanel("title_en"),
        FieldPanel("intro"),
        FieldPanel("intro_en"),
    ]
    subpage_types = ["courses.CoursePage"]
    max_count = 1

    class Meta:
        verbose_name = _("daftar kursus")

    @property
    def display_intro(self) -> str:
        return self.intro_en if self.intro_en and _english() else self.intro

    def get_context(self, request: HttpRequest, *args: Any, **kwargs: Any) -> dict[str, Any]:
        context = super().get_context(request, *args, **kwargs)
        # public(): a course behind a view restriction is not listed to everyone; the cover
        # rides along so the list does not query once per course.
        context["courses"] = (
            CoursePage.objects.live().public().child_of(self).select_related("cover_image")
        )
        return context


class CoursePageTag(TaggedItemBase):
    content_object = ParentalKey(
        "courses.CoursePage", on_delete=models.CASCADE, related_name="tagged_items"
    )


class CoursePage(EnglishMixin, Page):
    level = models.CharField(
        _("jenjang"), max_length=4, choices=CourseLevel.choices, default=CourseLevel.SMP
    )
    cover_image = models.ForeignKey(
        "wagtailimages.Image",
        verbose_name=_("gambar sampul"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    learning_objectives = models.TextField(
        _("tujuan pembelajaran"), blank=True, help_text=_("Satu tujuan per baris.")
    )
    estimated_minutes = models.PositiveSmallIntegerField(_("perkiraan waktu (menit)"), default=60)
    tags = ClusterTaggableManager(
        _("tag kurikulum"),
        through=CoursePageTag,
        blank=True,
        help_text=_("Misalnya: Kokurikuler - Kewirausahaan, Ekonomi, Prakarya."),
    )
    completion_rule = models.CharField(
        _("syarat kursus selesai"),
        max_length=20,
        choices=CompletionRule.choices,
        default=CompletionRule.LESSONS_AND_QUIZZES,
    )

    content_panels = [
        *Page.content_panels,
        MultiFieldPanel(
            [FieldPanel("title_en"), FieldPanel("summary"), FieldPanel("summary_en")],
            heading=_("Ringkasan"),
        ),
        FieldPanel("level"),
        FieldPanel("cover_image"),
        FieldPanel("learning_objectives"),
        FieldPanel("estimated_minutes"),
        FieldPanel("tags"),
        FieldPanel("completion_rule"),
    ]
    search_fields = [
        *Page.search_fields,
        index.SearchField("summary"),
        index.SearchField("title_en"),
        index.SearchField("learning_objectives"),
    ]
    parent_page_types = ["courses.CourseIndexPage"]
    subpage_types = ["courses.ModulePage", "courses.LessonPage"]

    class Meta:
        verbose_name = _("kursus")
        verbose_name_plural = _("kursus")

    @property
    def objectives(self) -> list[str]:
        return [line.strip() for line in self.learning_objectives.splitlines() if line.strip()]

    def get_context(self, request: HttpRequest, *args: Any, **kwargs: Any) -> dict[str, Any]:
        # Imported here: selectors import these models, so a module-level import would cycle.
        from courses.selectors import course_outline

        context = super().get_context(request, *args, **kwargs)
        context.update(course_outline(course=self, user=request.user))
        return context


class ModulePage(EnglishMixin, Page):
    content_panels = [
        *Page.content_panels,
        FieldPanel("title_en"),
        FieldPanel("summary"),
        FieldPanel("summary_en"),
    ]
    parent_page_types = ["courses.CoursePage"]
    subpage_types = ["courses.LessonPage"]

    class Meta:
        verbose_name = _("modul")
        verbose_name_plural = _("modul")

    def serve(self, request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponse:
        # A module is a heading inside its course, not a page of its own.
        return redirect(self.get_parent().url)


class LessonPage(EnglishMixin, Page):
    estimated_minutes = models.PositiveSmallIntegerField(_("perkiraan waktu (menit)"), default=20)
    body = StreamField(LessonBlock(), verbose_name=_("isi"), blank=True)

    content_panels = [
        *Page.content_panels,
        MultiFieldPanel(
            [FieldPanel("title_en"), FieldPanel("summary"), FieldPanel("summary_en")],
            heading=_("Ringkasan"),
        ),
        FieldPanel("estimated_minutes"),
        FieldPanel("body"),
    ]
    search_fields = [
        *Page.search_fields,
        index.SearchField("summary"),
        index.SearchField("title_en"),
        index.SearchField("body"),
    ]
    parent_page_types = ["courses.CoursePage", "courses.ModulePage"]
    subpage_types: list[str] = []

    class Meta:
        verbose_name = _("pelajaran")
        verbose_name_plural = _("pelajaran")

    # Wagtail override (asked on every serve): the restriction check is the lesson page's
    # costliest query, so reuse what FastLessonRouteMixin.route() found.
    def get_view_restrictions(self) -> Any:
        if self.alias_of_id:  # an alias is restricted like its original: Wagtail knows how
            return super().get_view_restrictions()
        if getattr(self, "view_restricted", None) is False:  # checked while routing
            return PageViewRestriction.objects.none()
        # Ancestors' paths are prefixes of ours: one query instead of two.
        paths = [self.path[:end] for end in range(self.steplen, len(self.path) + 1, self.steplen)]
        return PageViewRestriction.objects.filter(page__path__in=paths)

    # Wagtail override: a student's open lesson may be answered from lms.fastpage next time.
    def serve(self, request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponse:
        from lms.fastpage import allow_for_student

        if getattr(self, "view_restricted", None) is False and not self.alias_of_id:
            allow_for_student(request)
        return super().serve(request, *args, **kwargs)

    @property
    def quiz_id(self) -> int | None:
        # Raw stream data: no query for the snippet itself.
        for item in self.body.raw_data:
            if item["type"] == "quiz":
                return item["value"].get("quiz")
        return None

    def body_items(self) -> list[Any]:
        """Bound blocks, with the quiz as None: the page renders it from the student's state
        and touching it would fetch the snippet once more."""
        raw = self.body.raw_data
        return [None if item["type"] == "quiz" else self.body[i] for i, item in enumerate(raw)]

    @property
    def quiz_intro(self) -> str:
        for item in self.body.raw_data:
            if item["type"] == "quiz":
                return item["value"].get("intro", "")
        return ""

    def get_context(self, request: HttpRequest, *args: Any, **kwargs: Any) -> dict[str, Any]:
        from courses.selectors import lesson_context

        context = super().get_context(request, *args, **kwargs)
        site = Site.find_for_request(request)  # found once per request by Wagtail's routing
        root_url_path = site.root_page.url_path if site else None
        context.update(lesson_context(lesson=self, user=request.user, root_url_path=root_url_path))
        return context
