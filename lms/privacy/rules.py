"""Who may export, erase and audit. Everything not allowed here is denied.

Objects are a person (User) or a school. The school admin is the guru at the student's school
(the same people who manage the roster); a guardian acts for their child (UU PDP Pasal 25);
an adult acts for themselves; a minor's own account does not export.
"""

from __future__ import annotations

from typing import Any

import rules
from django.utils import timezone

from lms.accounts.models import Role
from lms.accounts.rules import is_guardian_of, is_teacher_at_school, is_teacher_of_student

ADULT_AGE = 18


def is_adult(user: Any) -> bool:
    """Staff and guardians are adults; a student only when surely 18 (we keep birth years)."""
    if not user.has_role(Role.STUDENT):
        return True
    if user.birth_year is None:
        return False
    # Born in year Y: only from the year Y + 19 is the person 18 whatever the birthday.
    return timezone.localdate().year - user.birth_year > ADULT_AGE


@rules.predicate
def is_adult_self(user: Any, person: Any) -> bool:
    return person is not None and user.is_authenticated and user.pk == person.pk and is_adult(user)


@rules.predicate
def is_other_person(user: Any, person: Any) -> bool:
    return person is not None and user.is_authenticated and user.pk != person.pk


rules.add_perm("privacy.export_person", is_adult_self | is_guardian_of | is_teacher_of_student)
rules.add_perm("privacy.erase_person", is_other_person & is_teacher_of_student)
rules.add_perm("privacy.view_access_log", is_teacher_at_school)
