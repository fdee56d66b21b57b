"""Forms of the teacher side."""

from __future__ import annotations

from django import forms
from django.utils.translation import gettext_lazy as _

from courses.models import CoursePage


class CourseChoiceField(forms.ModelChoiceField):
    def label_from_instance(self, obj: CoursePage) -> str:
        return obj.display_title


class AssignmentForm(forms.Form):
    course = CourseChoiceField(
        label=_("Kursus"),
        queryset=CoursePage.objects.live().order_by("path"),
        empty_label=_("Pilih kursus"),
    )
    due_date = forms.DateField(
        label=_("Tenggat (opsional)"),
        required=False,
        widget=forms.DateInput(attrs={"type": "date"}),
    )


class SearchForm(forms.Form):
    q = forms.CharField(label=_("Cari materi"), max_length=100, required=False)
