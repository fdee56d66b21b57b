from django.urls import path

from courses import assignment_views, district_views, views, worksheet_views

app_name = "courses"
urlpatterns = [
    path("", views.my_learning_view, name="my-learning"),
    path("cari/", views.search_view, name="search"),
    path(
        "dinas/penyelesaian/", district_views.district_completion_view, name="district-completion"
    ),
    path("pelajaran/<int:lesson_pk>/kuis/", views.attempt_start_view, name="attempt-start"),
    path("pelajaran/<int:lesson_pk>/selesai/", views.lesson_done_view, name="lesson-done"),
    path("kuis/<int:pk>/", views.attempt_view, name="attempt-detail"),
    path("kuis/<int:pk>/soal/<int:question_pk>/", views.answer_view, name="answer-save"),
    path("kuis/<int:pk>/kirim/", views.submit_view, name="attempt-submit"),
    path("pelajaran/<int:lesson_pk>/tugas/", assignment_views.assignment_view, name="assignment"),
    path(
        "kelas/<int:pk>/tugas/<int:assignment_pk>/",
        assignment_views.submission_list_view,
        name="assignment-submissions",
    ),
    path(
        "kelas/<int:pk>/tugas/<int:assignment_pk>/siswa/<int:student_pk>/",
        assignment_views.grade_view,
        name="assignment-grade",
    ),
    path(
        "kelas/<int:pk>/tugas/<int:assignment_pk>/siswa/<int:student_pk>/nilai-sendiri/",
        assignment_views.grade_override_view,
        name="assignment-override",
    ),
    path(
        "tugas/berkas/<int:version_pk>/",
        assignment_views.assignment_file_view,
        name="assignment-file",
    ),
    path(
        "lembar-kerja/<int:worksheet_pk>/simpan/",
        worksheet_views.worksheet_save_view,
        name="worksheet-save",
    ),
    path(
        "lembar-kerja/<int:worksheet_pk>/pdf/",
        worksheet_views.worksheet_pdf_view,
        name="worksheet-pdf",
    ),
    path(
        "tugas/versi/<int:version_pk>/pdf/",
        worksheet_views.submission_pdf_view,
        name="submission-pdf",
    ),
    path(
        "kelas/<int:pk>/tugas/<int:assignment_pk>/tim/",
        assignment_views.team_list_view,
        name="assignment-teams",
    ),
    path(
        "kelas/<int:pk>/rencana-usaha/",
        assignment_views.approved_plans_view,
        name="approved-plans",
    ),
    path("kelas/", views.teacher_classroom_list_view, name="teacher-classroom-list"),
    path("kelas/<int:pk>/", views.classroom_courses_view, name="classroom-courses"),
    path("kelas/<int:pk>/kursus/<int:course_pk>/", views.progress_grid_view, name="progress-grid"),
    path(
        "kelas/<int:pk>/kursus/<int:course_pk>/ekspor.<str:fmt>",
        views.progress_export_view,
        name="progress-export",
    ),
    path(
        "kelas/<int:pk>/kursus/<int:course_pk>/pelajaran/<int:lesson_pk>/",
        views.question_stats_view,
        name="question-stats",
    ),
    path(
        "kelas/<int:pk>/kursus/<int:course_pk>/siswa/<int:student_pk>/",
        views.student_detail_view,
        name="student-detail",
    ),
    path(
        "kelas/<int:pk>/kursus/<int:course_pk>/siswa/<int:student_pk>/kuis/<int:attempt_pk>/",
        views.teacher_attempt_view,
        name="teacher-attempt",
    ),
]
