"""Object-level permission predicates. Everything not allowed here is denied."""

from __future__ import annotations

from typing import Any

import rules

from lms.accounts.models import Guardianship, Role, RoleAssignment


def teacher_school_ids(user: Any) -> set[int]:
    if not user.is_authenticated:
        return set()
    if not hasattr(user, "_teacher_school_ids"):
        user._teacher_school_ids = set(
            RoleAssignment.objects.filter(
                user=user, role=Role.TEACHER, school__isnull=False
            ).values_list("school_id", flat=True)
        )
    return user._teacher_school_ids


@rules.predicate
def is_teacher_at_school(user: Any, school: Any) -> bool:
    return school is not None and school.pk in teacher_school_ids(user)


@rules.predicate
def is_teacher_of_classroom(user: Any, classroom: Any) -> bool:
    return classroom is not None and classroom.school_id in teacher_school_ids(user)


@rules.predicate
def is_self(user: Any, student: Any) -> bool:
    return student is not None and user.is_authenticated and user.pk == student.pk


@rules.predicate
def is_guardian_of(user: Any, student: Any) -> bool:
    if student is None or not user.is_authenticated:
        return False
    return Guardianship.objects.filter(guardian=user, student=student).exists()


@rules.predicate
def is_teacher_of_student(user: Any, student: Any) -> bool:
    if student is None:
        return False
    school_ids = teacher_school_ids(user)
    if not school_ids:
        return False
    return RoleAssignment.objects.filter(
        user=student, role=Role.STUDENT, school_id__in=school_ids
    ).exists()


rules.add_perm("schools.manage_school", is_teacher_at_school)
rules.add_perm("schools.manage_classroom", is_teacher_of_classroom)
rules.add_perm("accounts.view_student", is_self | is_guardian_of | is_teacher_of_student)
rules.add_perm("accounts.manage_student", is_teacher_of_student)
