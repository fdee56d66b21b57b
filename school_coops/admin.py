"""Django admin: the chart of accounts is editable per coop; journal rows are read-only."""

from __future__ import annotations

from typing import Any

from django.contrib import admin

from school_coops import models as m


@admin.register(m.Cooperative)
class CooperativeAdmin(admin.ModelAdmin):
    list_display = ["name", "school", "legal_status", "founded_on", "last_rat_on"]
    search_fields = ["name", "school__name"]
    filter_horizontal = ["supervisors"]


@admin.register(m.Account)
class AccountAdmin(admin.ModelAdmin):
    list_display = ["coop", "code", "name", "account_class", "normal_side", "is_active"]
    list_filter = ["account_class", "is_active"]
    search_fields = ["code", "name", "coop__name"]

    def get_readonly_fields(self, request: Any, obj: Any = None) -> list[str]:
        # Code, class and side of an account with postings are fixed; the name may change.
        return (
            ["coop", "code", "account_class", "normal_side"] if obj and obj.lines.exists() else []
        )


class ShuAllocationInline(admin.TabularInline):
    model = m.ShuAllocation
    extra = 0
    can_delete = False

    def has_change_permission(self, request: Any, obj: Any = None) -> bool:
        return False


@admin.register(m.BylawVersion)
class BylawVersionAdmin(admin.ModelAdmin):
    """Read-only: new versions come from bylaw_version_create (the 100 % rule)."""

    list_display = [
        "coop",
        "version",
        "effective_from",
        "simpanan_pokok_amount",
        "simpanan_wajib_amount",
    ]
    inlines = [ShuAllocationInline]

    def has_change_permission(self, request: Any, obj: Any = None) -> bool:
        return False

    def has_add_permission(self, request: Any) -> bool:
        return False


class JournalLineInline(admin.TabularInline):
    model = m.JournalLine
    extra = 0
    can_delete = False
    readonly_fields = ["account", "side", "amount", "savings_account", "membership"]

    def has_add_permission(self, request: Any, obj: Any = None) -> bool:
        return False


@admin.register(m.JournalEntry)
class JournalEntryAdmin(admin.ModelAdmin):
    """Posted entries are immutable (the database refuses changes too)."""

    list_display = ["coop", "number", "date", "shown_memo", "receipt_number", "reverses"]
    list_filter = ["coop"]
    inlines = [JournalLineInline]

    def has_change_permission(self, request: Any, obj: Any = None) -> bool:
        return False

    def has_delete_permission(self, request: Any, obj: Any = None) -> bool:
        return False

    def has_add_permission(self, request: Any) -> bool:
        return False


@admin.register(m.Membership)
class MembershipAdmin(admin.ModelAdmin):
    list_display = ["coop", "number", "member", "category", "status", "joined_on", "ended_on"]
    list_filter = ["status", "category"]
    search_fields = ["member__full_name", "number"]
    readonly_fields = ["coop", "member", "status", "bylaw", "joined_on", "ended_on", "end_reason"]

    def has_delete_permission(self, request: Any, obj: Any = None) -> bool:
        return False
