from django.urls import path

from school_coops import views

app_name = "school_coops"
urlpatterns = [
    path("", views.cooperative_list_view, name="cooperative-list"),
    path("baru/", views.cooperative_create_view, name="cooperative-create"),
    path("saya/", views.portal_view, name="portal"),
    path("titipan-saya/", views.my_consignments_view, name="my-consignments"),
    # The dinas's pages ("wilayah" is never a coop slug: services/cooperative.py RESERVED).
    path("wilayah/pengukuhan/", views.recognition_queue_view, name="recognition-queue"),
    path(
        "wilayah/pengukuhan/<int:pk>/",
        views.recognition_review_view,
        name="recognition-review",
    ),
    path(
        "wilayah/pengukuhan/<int:pk>/dokumen/<str:doc>.pdf",
        views.recognition_document_view,
        name="recognition-document",
    ),
    path(
        "wilayah/pengukuhan/<int:pk>/lampiran/<int:file_pk>/",
        views.recognition_attachment_view,
        name="recognition-attachment",
    ),
    path(
        "wilayah/pendataan/<int:year>/",
        views.pendataan_district_view,
        name="pendataan-district",
    ),
    path(
        "wilayah/pendataan/<int:year>/pengingat/",
        views.pendataan_remind_view,
        name="pendataan-remind",
    ),
    path(
        "wilayah/pendataan/<int:year>/ekspor.<str:fmt>",
        views.pendataan_export_view,
        name="pendataan-export",
    ),
    path("<slug:slug>/", views.dashboard_view, name="dashboard"),
    path("<slug:slug>/ajukan/", views.membership_apply_view, name="membership-apply"),
    path("<slug:slug>/anggota/", views.membership_list_view, name="membership-list"),
    path(
        "<slug:slug>/anggota/ekspor.<str:fmt>",
        views.membership_export_view,
        name="membership-export",
    ),
    path("<slug:slug>/anggota/daftar/", views.membership_register_view, name="membership-register"),
    path("<slug:slug>/anggota/kartu/", views.member_cards_request_view, name="member-cards"),
    path(
        "<slug:slug>/anggota/kartu/<int:pk>/",
        views.member_cards_status_view,
        name="member-cards-status",
    ),
    path(
        "<slug:slug>/anggota/kartu/<int:pk>/unduh/",
        views.member_cards_download_view,
        name="member-cards-download",
    ),
    path("<slug:slug>/anggota/<int:pk>/", views.membership_detail_view, name="membership-detail"),
    path("<slug:slug>/anggota/<int:pk>/setor/", views.savings_deposit_view, name="savings-deposit"),
    path(
        "<slug:slug>/anggota/<int:pk>/tarik/", views.savings_withdraw_view, name="savings-withdraw"
    ),
    path("<slug:slug>/anggota/<int:pk>/wajib/", views.wajib_pay_view, name="wajib-pay"),
    path(
        "<slug:slug>/anggota/<int:pk>/pembelian/",
        views.member_purchase_view,
        name="member-purchase",
    ),
    path("<slug:slug>/anggota/<int:pk>/keluar/", views.membership_end_view, name="membership-end"),
    path(
        "<slug:slug>/anggota/<int:pk>/kembalikan/",
        views.membership_payout_view,
        name="membership-payout",
    ),
    path("<slug:slug>/pengukuhan/", views.recognition_view, name="recognition"),
    path("<slug:slug>/pendataan/<int:year>/", views.pendataan_view, name="pendataan"),
    path("<slug:slug>/rat/", views.rat_record_view, name="rat-record"),
    path("<slug:slug>/kesehatan/<int:year>/", views.health_view, name="health"),
    path("<slug:slug>/rapat-anggota/", views.rat_list_view, name="rat-list"),
    path("<slug:slug>/rapat-anggota/<int:year>/", views.rat_meeting_view, name="rat-meeting"),
    path(
        "<slug:slug>/rapat-anggota/<int:year>/hasil/",
        views.rat_results_view,
        name="rat-results",
    ),
    path(
        "<slug:slug>/rapat-anggota/<int:year>/kode-suara/",
        views.rat_ballot_codes_view,
        name="rat-ballot-codes",
    ),
    path(
        "<slug:slug>/rapat-anggota/<int:year>/undangan/",
        views.rat_invitations_view,
        name="rat-invitations",
    ),
    path(
        "<slug:slug>/rapat-anggota/<int:year>/notulen.pdf",
        views.rat_minutes_pdf_view,
        name="rat-minutes-pdf",
    ),
    path(
        "<slug:slug>/rapat-anggota/<int:year>/paket-rat.pdf",
        views.rat_pack_pdf_view,
        name="rat-pack-pdf",
    ),
    path(
        "<slug:slug>/rapat-anggota/undangan/<int:pk>/",
        views.rat_invitation_view,
        name="rat-invitation",
    ),
    path(
        "<slug:slug>/rapat-anggota/undangan/<int:pk>/suara/",
        views.rat_vote_view,
        name="rat-vote",
    ),
    path("<slug:slug>/ad-art/", views.bylaws_view, name="bylaws"),
    path("<slug:slug>/shu/", views.shu_view, name="shu"),
    path("<slug:slug>/shu/<int:year>/bayar/", views.shu_payout_view, name="shu-payout"),
    path("<slug:slug>/shu/proses/<int:pk>/", views.shu_job_status_view, name="shu-job-status"),
    path("<slug:slug>/shu/tutup-rugi/", views.shu_loss_charge_view, name="shu-loss-charge"),
    path("<slug:slug>/pembina/", views.supervisor_add_view, name="supervisor-add"),
    path(
        "<slug:slug>/anggota/<int:pk>/jabatan/", views.position_assign_view, name="position-assign"
    ),
    path(
        "<slug:slug>/anggota/<int:pk>/<str:decision>/",
        views.membership_decide_view,
        name="membership-decide",
    ),
    path("<slug:slug>/jurnal/", views.journal_view, name="journal"),
    path("<slug:slug>/jurnal/kas/", views.cash_entry_view, name="cash-entry"),
    path("<slug:slug>/jurnal/kas/cepat/", views.cash_preset_view, name="cash-preset"),
    path("<slug:slug>/wajib/", views.wajib_arrears_view, name="wajib-arrears"),
    path(
        "<slug:slug>/wajib/<int:pk>/bayar/",
        views.wajib_arrears_pay_view,
        name="wajib-arrears-pay",
    ),
    path("<slug:slug>/kelulusan/", views.graduation_view, name="graduation"),
    path("<slug:slug>/jurnal/umum/", views.journal_entry_view, name="journal-entry"),
    path(
        "<slug:slug>/jurnal/<int:pk>/batalkan/",
        views.journal_entry_reverse_view,
        name="journal-reverse",
    ),
    path("<slug:slug>/jurnal/<int:pk>/kuitansi.pdf", views.receipt_view, name="receipt"),
    path("<slug:slug>/buku-kas/", views.cash_book_view, name="cash-book"),
    path("<slug:slug>/buku-besar/", views.ledger_index_view, name="ledger-index"),
    path("<slug:slug>/buku-besar/<str:code>/", views.ledger_view, name="ledger"),
    path("<slug:slug>/neraca-saldo/", views.trial_balance_view, name="trial-balance"),
    path("<slug:slug>/rencana-usaha/", views.approved_plans_view, name="approved-plans"),
    path("<slug:slug>/periode/", views.period_list_view, name="periods"),
    path(
        "<slug:slug>/periode/buka-kembali/",
        views.fiscal_year_reopen_view,
        name="fiscal-year-reopen",
    ),
    path(
        "<slug:slug>/laporan-keuangan/",
        views.financial_statements_view,
        name="financial-statements",
    ),
    path(
        "<slug:slug>/laporan-keuangan/unduh.pdf",
        views.financial_statements_pdf_view,
        name="financial-statements-pdf",
    ),
    path(
        "<slug:slug>/laporan-keuangan/unduh.xlsx",
        views.financial_statements_xlsx_view,
        name="financial-statements-xlsx",
    ),
    # Business units (canteen, shop): views/business.py.
    path("<slug:slug>/usaha/", views.business_units_view, name="business-units"),
    path("<slug:slug>/usaha/<slug:unit>/", views.unit_home_view, name="unit-home"),
    path("<slug:slug>/usaha/<slug:unit>/kasir/", views.kasir_view, name="kasir"),
    path(
        "<slug:slug>/usaha/<slug:unit>/struk/<str:number>/",
        views.receipt_print_view,
        name="receipt-print",
    ),
    path(
        "<slug:slug>/usaha/<slug:unit>/struk/<str:number>/retur/",
        views.sale_return_view,
        name="sale-return",
    ),
    path("<slug:slug>/usaha/<slug:unit>/barang/", views.items_view, name="unit-items"),
    path(
        "<slug:slug>/usaha/<slug:unit>/barang/<int:item_pk>/harga/",
        views.item_price_view,
        name="item-price",
    ),
    path(
        "<slug:slug>/usaha/<slug:unit>/pembelian/",
        views.stock_purchase_view,
        name="stock-purchase",
    ),
    path(
        "<slug:slug>/usaha/<slug:unit>/titipan/",
        views.consignment_in_view,
        name="consignment-in",
    ),
    # Consignors and the school's approved plans as consignment: views/consignment.py.
    path(
        "<slug:slug>/usaha/<slug:unit>/titipan/penitip/",
        views.consignor_list_view,
        name="consignor-list",
    ),
    path(
        "<slug:slug>/usaha/<slug:unit>/titipan/penitip/<int:consignor_pk>/bayar/",
        views.consignor_payout_view,
        name="consignor-payout",
    ),
    path("<slug:slug>/usaha/<slug:unit>/rencana/", views.unit_plans_view, name="unit-plans"),
    path(
        "<slug:slug>/usaha/<slug:unit>/rencana/<int:plan_pk>/daftarkan/",
        views.plan_register_view,
        name="plan-register",
    ),
    path("<slug:slug>/usaha/<slug:unit>/opname/", views.stock_count_view, name="stock-count"),
    path("<slug:slug>/usaha/<slug:unit>/tutup-kas/", views.day_close_view, name="day-close"),
    path("<slug:slug>/pendirian/", views.founding_view, name="founding"),
    path(
        "<slug:slug>/pendirian/langkah/<int:step>/",
        views.founding_step_view,
        name="founding-step",
    ),
    path(
        "<slug:slug>/pendirian/setujui/",
        views.founding_approve_view,
        name="founding-approve",
    ),
    path("<slug:slug>/pendirian/suara/", views.founding_vote_view, name="founding-vote"),
    path("<slug:slug>/pendirian/surat-suara/", views.founding_ballot_view, name="founding-ballot"),
    path(
        "<slug:slug>/pendirian/kode-suara/",
        views.founding_ballot_codes_view,
        name="founding-ballot-codes",
    ),
    path(
        "<slug:slug>/dokumen/<str:doc>.pdf",
        views.founding_document_view,
        name="founding-document",
    ),
]
