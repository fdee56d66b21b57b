"""Cooperative views, one module per area; urls.py imports them from here."""

from school_coops.views.books import (
    cash_book_view,
    cash_entry_view,
    journal_entry_reverse_view,
    journal_view,
    ledger_index_view,
    ledger_view,
    period_list_view,
    trial_balance_view,
)
from school_coops.views.cooperative import (
    cooperative_create_view,
    cooperative_list_view,
    dashboard_view,
    rat_record_view,
    supervisor_add_view,
)
from school_coops.views.documents import (
    founding_document_view,
    member_cards_download_view,
    member_cards_request_view,
    member_cards_status_view,
    receipt_view,
)
from school_coops.views.founding import (
    founding_approve_view,
    founding_step_view,
    founding_view,
    founding_vote_view,
)
from school_coops.views.governance import bylaws_view, shu_payout_view, shu_view
from school_coops.views.journal import journal_entry_view
from school_coops.views.members import (
    member_purchase_view,
    membership_apply_view,
    membership_decide_view,
    membership_detail_view,
    membership_end_view,
    membership_export_view,
    membership_list_view,
    membership_payout_view,
    membership_register_view,
    position_assign_view,
    savings_deposit_view,
    savings_withdraw_view,
    wajib_pay_view,
)
from school_coops.views.portal import portal_view
from school_coops.views.statements import (
    financial_statements_pdf_view,
    financial_statements_view,
    fiscal_year_reopen_view,
    shu_loss_charge_view,
)

__all__ = [
    "bylaws_view",
    "cash_book_view",
    "cash_entry_view",
    "cooperative_create_view",
    "cooperative_list_view",
    "dashboard_view",
    "financial_statements_pdf_view",
    "financial_statements_view",
    "fiscal_year_reopen_view",
    "founding_approve_view",
    "founding_document_view",
    "founding_step_view",
    "founding_view",
    "founding_vote_view",
    "journal_entry_reverse_view",
    "journal_entry_view",
    "journal_view",
    "ledger_index_view",
    "ledger_view",
    "member_cards_download_view",
    "member_cards_request_view",
    "member_cards_status_view",
    "member_purchase_view",
    "membership_apply_view",
    "membership_decide_view",
    "membership_detail_view",
    "membership_end_view",
    "membership_export_view",
    "membership_list_view",
    "membership_payout_view",
    "membership_register_view",
    "period_list_view",
    "portal_view",
    "position_assign_view",
    "rat_record_view",
    "receipt_view",
    "savings_deposit_view",
    "savings_withdraw_view",
    "shu_loss_charge_view",
    "shu_payout_view",
    "shu_view",
    "supervisor_add_view",
    "trial_balance_view",
    "wajib_pay_view",
]
