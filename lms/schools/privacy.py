"""Personal data of the schools app, for the privacy registry (lms/privacy/registry.py).

Rows look alike by design: one `register(...)` (export, erase, retention) a model, each
naming its own fields and its own rule; `duplicates` pairs them by shape (docs/architecture.md §7).
"""

from __future__ import annotations

from typing import Any

from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from lms.privacy.helpers import delete_private_file_on_commit, rows_of
from lms.privacy.registry import Erasure, not_personal, register, register_actor
from lms.schools.models import (
    Classroom,
    Enrolment,
    LoginCardBatch,
    NisnClaim,
    Region,
    School,
)


def _classroom_export(person: Any) -> list[dict[str, Any]]:
    return rows_of(
        Classroom.objects.filter(Q(teachers=person) | Q(students=person)).distinct(),
        "school__name",
        "name",
        "grade",
        "academic_year",
    )


def _classroom_erase(erasure: Erasure) -> int:
    """An erased teacher leaves the classes they taught (students go with Enrolment)."""
    taught = list(Classroom.objects.filter(teachers=erasure.person))
    for classroom in taught:
        classroom.teachers.remove(erasure.person)
    return len(taught)


def _enrolment_export(person: Any) -> list[dict[str, Any]]:
    return rows_of(
        Enrolment.objects.filter(student=person),
        "classroom__school__name",
        "classroom__name",
        "classroom__academic_year",
        "enrolled_at",
    )


def _login_cards_export(person: Any) -> list[dict[str, Any]]:
    return rows_of(
        LoginCardBatch.objects.filter(Q(students=person) | Q(requested_by=person)).distinct(),
        "id",
        "classroom__name",
        "status",
        "created_at",
    )


def _login_cards_erase(erasure: Erasure) -> int:
    """A card PDF prints the name and a one-time password: delete the file, keep the batch."""
    batches = list(LoginCardBatch.objects.filter(students=erasure.person))
    for batch in batches:
        delete_private_file_on_commit(batch.pdf_path)
        batch.students.remove(erasure.person)
    LoginCardBatch.objects.filter(pk__in=[b.pk for b in batches]).update(pdf_path="")
    return len(batches)


not_personal(Region, reason=_("nama wilayah"))
not_personal(School, reason=_("nama sekolah"))
register(Classroom, export=_classroom_export, erase=_classroom_erase)
register(
    Enrolment,
    export=_enrolment_export,
    erase=lambda erasure: Enrolment.objects.filter(student=erasure.person).delete()[0],
)
register(
    LoginCardBatch,
    export=_login_cards_export,
    erase=_login_cards_erase,
    title=_("kartu login"),
)


# A NISN that another school's account already holds, parked for the dinas to resolve
# (lms/schools/services.py): it is the student's identifier, so it goes with them.
register(
    "schools.NisnClaim",
    export=lambda person: rows_of(
        NisnClaim.objects.filter(student=person), "school__name", "nisn", "created_at"
    ),
    erase=lambda erasure: NisnClaim.objects.filter(student=erasure.person).delete()[0],
    title=_("klaim NISN"),
)


# The dinas' PDF report holds counts and cooperative names only; it names its requester.
register_actor("schools.DistrictReport", fields=["requested_by"], title=_("laporan dinas"))
