"""Models of the learning half: Wagtail pages, the question bank, attempts and progress."""

from courses.models.pages import (
    CompletionRule,
    CourseIndexPage,
    CourseLevel,
    CoursePage,
    CoursePageTag,
    HomePage,
    LessonPage,
    ModulePage,
)
from courses.models.progress import (
    CompletedVia,
    CourseAssignment,
    CourseCompletion,
    LessonProgress,
)
from courses.models.quiz import (
    AttemptStatus,
    Choice,
    Question,
    QuestionKind,
    Quiz,
    QuizAnswer,
    QuizAttempt,
    QuizQuestion,
)

__all__ = [
    "AttemptStatus",
    "Choice",
    "CompletedVia",
    "CompletionRule",
    "CourseAssignment",
    "CourseCompletion",
    "CourseIndexPage",
    "CourseLevel",
    "CoursePage",
    "CoursePageTag",
    "HomePage",
    "LessonPage",
    "LessonProgress",
    "ModulePage",
    "Question",
    "QuestionKind",
    "Quiz",
    "QuizAnswer",
    "QuizAttempt",
    "QuizQuestion",
]
