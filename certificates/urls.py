"""Rows look alike by design: one `path()` a URL, each with its own view and name (and its
row in lms/policy.py); `duplicates` pairs them by shape (docs/architecture.md §7)."""

from django.urls import path

from certificates import views
from certificates.views import certificate_templates, holder, issuance, lifecycle, openbadge
from certificates.views import district as district_views

app_name = "certificates"
urlpatterns = [
    path(
        "terbit/<int:pk>/open-badge.jwt",
        openbadge.openbadge_download_view,
        name="openbadge-download",
    ),
    path("terbit/<int:pk>/linkedin/", openbadge.openbadge_linkedin_view, name="openbadge-linkedin"),
    path("terbit/<int:pk>/", lifecycle.issued_detail_view, name="issued-detail"),
    path("terbit/<int:pk>/cabut/", lifecycle.issued_revoke_view, name="issued-revoke"),
    path("terbit/<int:pk>/ganti-nama/", lifecycle.issued_reissue_view, name="issued-reissue"),
    path("terbit/<int:pk>/sertifikat.pdf", holder.issued_pdf_view, name="issued-pdf"),
    path("terbit/<int:pk>/kirim-email/", holder.issued_email_view, name="issued-email"),
    path("saya/", holder.my_certificates_view, name="my-certificates"),
    path(
        "saya/kursus/<int:course_pk>/minta/",
        holder.course_certificate_request_view,
        name="course-certificate-request",
    ),
    path("", views.home_view, name="home"),
    path("skema/", views.scheme_list_view, name="scheme-list"),
    path("skema/baru/", views.scheme_create_view, name="scheme-create"),
    path("skema/<int:pk>/", views.scheme_detail_view, name="scheme-detail"),
    path("skema/<int:pk>/terbitkan/", views.scheme_publish_view, name="scheme-publish"),
    path("skema/<int:pk>/versi-baru/", views.scheme_new_version_view, name="scheme-new-version"),
    path("angkatan/baru/", views.batch_create_view, name="batch-create"),
    path("angkatan/<int:pk>/", views.batch_board_view, name="batch-board"),
    path("angkatan/<int:pk>/ekspor.<str:fmt>", views.batch_export_view, name="batch-export"),
    path("angkatan/<int:pk>/sinkron/", views.batch_sync_view, name="batch-sync"),
    path("angkatan/<int:pk>/nilai/", views.batch_grade_view, name="batch-grade"),
    path("angkatan/<int:pk>/nilai/<int:run_pk>/", views.grading_status_view, name="grading-status"),
    path("angkatan/<int:pk>/pleno/", views.pleno_view, name="pleno"),
    path("angkatan/<int:pk>/sertifikat/", issuance.issuance_view, name="issuance"),
    path(
        "angkatan/<int:pk>/sertifikat/status/",
        issuance.issuance_status_view,
        name="issuance-status",
    ),
    path(
        "angkatan/<int:pk>/sertifikat/unduhan/",
        issuance.bundle_request_view,
        name="bundle-request",
    ),
    path(
        "angkatan/<int:pk>/sertifikat/unduhan/<int:bundle_pk>/",
        issuance.bundle_status_view,
        name="bundle-status",
    ),
    path(
        "angkatan/<int:pk>/sertifikat/unduhan/<int:bundle_pk>/berkas/",
        issuance.bundle_download_view,
        name="bundle-download",
    ),
    path("templat/", certificate_templates.template_list_view, name="template-list"),
    path("templat/baru/", certificate_templates.template_create_view, name="template-create"),
    path("templat/<int:pk>/", certificate_templates.template_edit_view, name="template-edit"),
    path(
        "templat/<int:pk>/pratinjau.pdf",
        certificate_templates.template_preview_view,
        name="template-preview",
    ),
    path("angkatan/<int:pk>/daftar/", views.batch_apply_view, name="batch-apply"),
    path("angkatan/<int:pk>/pendaftaran/", views.register_view, name="register"),
    path("angkatan/<int:pk>/impor-peserta/", views.candidate_import_view, name="candidate-import"),
    path("peserta/<int:pk>/", views.candidate_detail_view, name="candidate-detail"),
    path("peserta/<int:pk>/verifikasi/", views.candidate_review_view, name="candidate-review"),
    path("peserta/<int:pk>/kemajuan/", views.candidate_tests_view, name="candidate-tests"),
    path("peserta/<int:pk>/observasi/", views.checklist_view, name="checklist"),
    path(
        "peserta/<int:pk>/observasi/<int:criterion_pk>/",
        views.checklist_mark_view,
        name="checklist-mark",
    ),
    path("peserta/<int:pk>/keputusan/", views.decision_view, name="decision"),
    path(
        "peserta/<int:pk>/keputusan/tanda-tangan/", views.decision_sign_view, name="decision-sign"
    ),
    path("peserta/<int:pk>/asesmen-ulang/", views.reassessment_view, name="reassessment"),
    path("peserta/<int:pk>/studi-kasus/", views.practical_diff_view, name="practical-diff"),
    path("bukti/<int:pk>/", views.evidence_download_view, name="evidence-download"),
    path("bukti/<int:pk>/pembukuan/", views.evidence_books_read_view, name="evidence-books-read"),
    path("banding/<int:pk>/", views.appeal_decide_view, name="appeal-decide"),
    path("pendaftaran/<int:pk>/", views.application_view, name="application"),
    path(
        "pendaftaran/<int:pk>/unit/<int:unit_pk>/",
        views.self_assessment_view,
        name="self-assessment",
    ),
    path("pendaftaran/<int:pk>/bukti/", views.evidence_upload_view, name="evidence-upload"),
    path("pendaftaran/<int:pk>/bukti-pembukuan/", views.evidence_books_view, name="evidence-books"),
    path(
        "pendaftaran/<int:pk>/kirim-ulang/",
        views.application_resubmit_view,
        name="application-resubmit",
    ),
    path("pendaftaran/<int:pk>/banding/", views.appeal_file_view, name="appeal-file"),
    path("pendaftaran/<int:pk>/studi-kasus/", views.practical_view, name="practical"),
    path(
        "pendaftaran/<int:pk>/studi-kasus/jurnal/<int:entry_pk>/hapus/",
        views.practical_entry_delete_view,
        name="practical-entry-delete",
    ),
    path(
        "pendaftaran/<int:pk>/studi-kasus/kumpulkan/",
        views.practical_submit_view,
        name="practical-submit",
    ),
    path("eksternal/", views.external_list_view, name="external-list"),
    path("dinas/angkatan/", district_views.district_batch_list_view, name="district-batches"),
    path("dinas/terbit/", district_views.district_issued_list_view, name="district-issued"),
    path("dinas/lsp/", district_views.district_external_list_view, name="district-external"),
    path("eksternal/baru/", views.external_create_view, name="external-create"),
    path("eksternal/<int:pk>/pindaian/", views.external_scan_view, name="external-scan"),
]
