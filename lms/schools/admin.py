from django.contrib import admin

from lms.schools.models import NisnClaim


@admin.register(NisnClaim)
class NisnClaimAdmin(admin.ModelAdmin):
    """Administrators resolve NISNs a school entered that another account already holds."""

    list_display = ["nisn", "student", "school", "created_at"]
    list_select_related = ["student", "school"]
    search_fields = ["nisn", "student__full_name"]
    readonly_fields = ["school", "student", "nisn", "created_at"]
