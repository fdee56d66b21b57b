"""Privacy tests reuse the cooperative fixtures (a coop at the shared school, its members)."""

from tests.courses.conftest import course, course_and_lessons, lesson, quiz  # noqa: F401
from tests.school_coops.conftest import coop, member, other_coop, treasurer  # noqa: F401
