"""factory_boy factories for the platform core. Feature apps add theirs beside these."""

from __future__ import annotations

import factory
from factory.django import DjangoModelFactory

from lms.accounts.models import ConsentPurpose, ConsentRecord, Role, RoleAssignment, User
from lms.schools.models import Classroom, Enrolment, Region, School


class RegionFactory(DjangoModelFactory):
    class Meta:
        model = Region
        django_get_or_create = ("code",)

    province = "Sumatera Selatan"
    name = factory.Sequence(lambda n: f"Kabupaten Contoh {n}")
    code = factory.Sequence(lambda n: f"{1600 + n}")


class SchoolFactory(DjangoModelFactory):
    class Meta:
        model = School

    npsn = factory.Sequence(lambda n: f"{10000000 + n}")
    name = factory.Sequence(lambda n: f"SMP Negeri {n} Contoh")
    level = School.Level.SMP
    region = factory.SubFactory(RegionFactory)


class ClassroomFactory(DjangoModelFactory):
    class Meta:
        model = Classroom

    school = factory.SubFactory(SchoolFactory)
    name = factory.Sequence(lambda n: f"8{chr(65 + n % 26)}{n}")
    grade = 8
    academic_year = "2026/2027"


class UserFactory(DjangoModelFactory):
    class Meta:
        model = User
        skip_postgeneration_save = True

    username = factory.Sequence(lambda n: f"user{n}")
    full_name = factory.Faker("name", locale="id_ID")
    password = factory.PostGenerationMethodCall("set_password", "kopsis-test")

    @factory.post_generation
    def save_password(obj, create, extracted, **kwargs):
        if create:
            obj.save()


def with_role(user: User, role: str, *, school: School | None = None, region=None) -> User:
    RoleAssignment.objects.create(user=user, role=role, school=school, region=region)
    if hasattr(user, "_role_cache"):
        del user._role_cache
    return user


def make_teacher(school: School, **kwargs) -> User:
    return with_role(UserFactory(**kwargs), Role.TEACHER, school=school)


def make_student(classroom: Classroom, *, consent: bool = True, **kwargs) -> User:
    student = with_role(UserFactory(**kwargs), Role.STUDENT, school=classroom.school)
    Enrolment.objects.create(classroom=classroom, student=student)
    if consent:
        grant_consent(student)
    return student


def grant_consent(student: User, by: User | None = None) -> None:
    for purpose in ConsentPurpose.values:
        ConsentRecord.objects.create(
            student=student,
            purpose=purpose,
            action=ConsentRecord.Action.GRANT,
            guardian_name="Wali Contoh",
            guardian_relation="ibu",
            method=ConsentRecord.Method.PAPER,
            notice_version="2026-11",
            recorded_by=by or student,
        )
