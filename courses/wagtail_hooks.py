"""Wagtail admin: the question bank and quizzes as snippets (content editors only)."""

from __future__ import annotations

from django.templatetags.static import static
from django.utils.html import format_html
from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.snippets.models import register_snippet
from wagtail.snippets.views.snippets import SnippetViewSet, SnippetViewSetGroup

from courses.models import Assignment, Question, Quiz, RubricCriterion, RubricLevel


class QuestionViewSet(SnippetViewSet):
    model = Question
    icon = "help"
    menu_label = _("Bank soal")
    list_display = ["__str__", "kind", "topic"]
    list_filter = ["kind"]
    search_fields = ["prompt", "topic"]


class QuizViewSet(SnippetViewSet):
    model = Quiz
    icon = "tick-inverse"
    menu_label = _("Kuis")
    list_display = ["title", "pass_mark", "max_attempts", "time_limit_minutes"]
    search_fields = ["title"]


class LearningGroup(SnippetViewSetGroup):
    items = (QuizViewSet, QuestionViewSet)
    menu_icon = "tick-inverse"
    menu_label = _("Kuis & soal")
    menu_name = "learning"


register_snippet(LearningGroup)


@hooks.register("insert_editor_js")
def question_form_js() -> str:
    """Shows only the fields of the chosen question kind (a static file: no inline script)."""
    return format_html('<script src="{}" defer></script>', static("js/question_form.js"))


class AssignmentViewSet(SnippetViewSet):
    model = Assignment
    icon = "doc-full"
    menu_label = _("Tugas")
    list_display = ["title", "lesson", "due_at", "mode", "hand_in"]
    search_fields = ["title"]


class RubricCriterionViewSet(SnippetViewSet):
    model = RubricCriterion
    icon = "list-ul"
    menu_label = _("Kriteria rubrik")


class RubricLevelViewSet(SnippetViewSet):
    model = RubricLevel
    icon = "list-ol"
    menu_label = _("Tingkat rubrik")


class AssignmentGroup(SnippetViewSetGroup):
    items = (AssignmentViewSet, RubricCriterionViewSet, RubricLevelViewSet)
    menu_icon = "doc-full"
    menu_label = _("Tugas & rubrik")
    menu_name = "assignments"


register_snippet(AssignmentGroup)
