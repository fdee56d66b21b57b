"""Forms of the teacher side."""

from __future__ import annotations

from typing import Any

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


class HandInForm(forms.Form):
    """Parses a hand-in; which field counts depends on the assignment (services check)."""

    text = forms.CharField(
        label=_("Jawaban"), required=False, widget=forms.Textarea, max_length=20000
    )
    link = forms.URLField(label=_("Tautan"), required=False, max_length=500, assume_scheme="https")
    file = forms.FileField(label=_("Berkas"), required=False)


class TeamForm(forms.Form):
    name = forms.CharField(label=_("Nama tim"), max_length=100)
    students: forms.ModelMultipleChoiceField[Any] = forms.ModelMultipleChoiceField(
        label=_("Anggota"), queryset=None, widget=forms.CheckboxSelectMultiple
    )

    def __init__(self, *args: Any, students: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["students"].queryset = students  # type: ignore[attr-defined]


class GradeForm(forms.Form):
    """One radio group per rubric criterion (`c<criterion id>` = level id)."""

    comment = forms.CharField(
        label=_("Komentar"), required=False, widget=forms.Textarea, max_length=5000
    )
    approved = forms.BooleanField(label=_("Setujui rencana usaha"), required=False)
    version = forms.IntegerField(required=False, widget=forms.HiddenInput)
    action = forms.ChoiceField(choices=[("grade", "grade"), ("return", "return")], initial="grade")

    def __init__(self, *args: Any, criteria: list[Any], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.criteria = criteria
        for criterion in criteria:
            self.fields[f"c{criterion.pk}"] = forms.TypedChoiceField(
                label=criterion.name,
                choices=[(lv.pk, f"{lv.label} ({lv.points})") for lv in criterion.levels.all()],
                coerce=int,
                required=False,
                widget=forms.RadioSelect,
            )

    def level_ids(self) -> dict[int, int]:
        return {
            c.pk: self.cleaned_data[f"c{c.pk}"]
            for c in self.criteria
            if self.cleaned_data.get(f"c{c.pk}") not in (None, "")
        }


class OverrideForm(forms.Form):
    """A team member's own points instead of the team's grade; the service checks 0..max."""

    student = forms.TypedChoiceField(label=_("Anggota tim"), coerce=int)
    points = forms.IntegerField(label=_("Poin sendiri"))
    comment = forms.CharField(label=_("Alasan"), max_length=500)

    def __init__(self, *args: Any, members: list[Any], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        field: Any = self.fields["student"]
        field.choices = [(m.pk, m.full_name) for m in members]
