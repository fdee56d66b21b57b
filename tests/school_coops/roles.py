"""People who must be refused by a cooperative's officer screens (bad-input tests)."""

from __future__ import annotations

import datetime

from django.contrib.auth.models import Group

from lms.accounts.models import Role
from school_coops.models import Cooperative, Membership, PositionRole
from school_coops.services.members import membership_register, position_assign
from tests.factories import SchoolFactory, UserFactory, make_student, make_teacher, with_role


def officer(coop: Cooperative, classroom, teacher, role: str, username: str, day=None):
    """A student member of `coop` holding `role` (pengawas, sekretaris, …) since `day`."""
    user = make_student(classroom, username=username)
    membership = membership_register(
        coop=coop, member=user, category=Membership.Category.STUDENT, by=teacher, date=day
    )
    position_assign(membership=membership, role=role, by=teacher, started_on=day)
    return user


def content_editor():
    user = with_role(UserFactory(username="editor-konten"), Role.EDITOR)
    user.groups.add(Group.objects.get(name="Editors"))  # created by Wagtail's migrations
    return user


def outsider_teacher():
    return make_teacher(SchoolFactory(), username="guru-sekolah-lain")


def refused_people(coop: Cooperative, classroom, teacher, day: datetime.date | None) -> dict:
    """Everyone who may not record or confirm money in `coop`, by a readable name."""
    plain = make_student(classroom, username="anggota-biasa")
    membership_register(
        coop=coop, member=plain, category=Membership.Category.STUDENT, by=teacher, date=day
    )
    return {
        "anggota": plain,
        "pengawas": officer(coop, classroom, teacher, PositionRole.PENGAWAS, "pengawas-x", day),
        "guru sekolah lain": outsider_teacher(),
        "guru bukan pembina": make_teacher(coop.school, username="guru-bukan-pembina"),
        "editor": content_editor(),
    }


def buyer(coop: Cooperative) -> Membership:
    """A member who buys at the coop, for tests that post member sales (4-1101, 4-1401 name
    their member) without caring who: created directly, so no simpanan pokok moves money."""
    user = make_student_for(coop, username=f"pembeli-{coop.pk}")
    membership, _created = Membership.objects.get_or_create(
        coop=coop,
        member=user,
        defaults={"category": Membership.Category.STUDENT, "status": Membership.Status.ACTIVE},
    )
    return membership


def member_tag(coop: Cooperative, code: str) -> int | None:
    """The membership a test line on `code` must name, if the account is member-tagged."""
    from school_coops.chart import MEMBER_TAGGED_CODES

    return buyer(coop).pk if code in MEMBER_TAGGED_CODES else None


def make_student_for(coop: Cooperative, username: str):
    from lms.accounts.models import User

    existing = User.objects.filter(username=username).first()
    if existing is not None:
        return existing
    from tests.factories import ClassroomFactory

    return make_student(ClassroomFactory(school=coop.school), username=username)
