"""Wagtail admin: the question bank and quizzes as snippets (content editors only)."""

from __future__ import annotations

from django.utils.translation import gettext_lazy as _
from wagtail.snippets.models import register_snippet
from wagtail.snippets.views.snippets import SnippetViewSet, SnippetViewSetGroup

from courses.models import Question, Quiz


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
