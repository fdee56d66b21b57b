"""Reads of the learning half: outlines, a student's learning, quizzes, teacher reports."""

from courses.selectors.lessons import (
    CourseCard,
    LessonRow,
    course_lessons,
    course_of_lesson,
    course_outline,
    hidden_ancestor,
    learning_cards,
    my_learning,
)
from courses.selectors.navigation import PageRef, lesson_context, lesson_navigation, nav_cache_clear
from courses.selectors.quiz import (
    QuestionItem,
    QuizState,
    attempt_questions,
    key_revealed,
    quiz_state,
)
from courses.selectors.reports import (
    GridCell,
    GridRow,
    OptionStat,
    QuestionStat,
    assigned_courses,
    progress_grid,
    question_stats,
    student_report,
)

__all__ = [
    "CourseCard",
    "GridCell",
    "GridRow",
    "LessonRow",
    "OptionStat",
    "PageRef",
    "QuestionItem",
    "QuestionStat",
    "QuizState",
    "assigned_courses",
    "attempt_questions",
    "course_lessons",
    "course_of_lesson",
    "course_outline",
    "hidden_ancestor",
    "key_revealed",
    "learning_cards",
    "lesson_context",
    "lesson_navigation",
    "my_learning",
    "nav_cache_clear",
    "progress_grid",
    "question_stats",
    "quiz_state",
    "student_report",
]
