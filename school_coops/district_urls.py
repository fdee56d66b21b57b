"""The district office's (dinas) cooperative list, export and profile, under /dinas/koperasi/."""

from django.urls import path

from school_coops.views import district

app_name = "coop_district"
urlpatterns = [
    path("", district.district_coop_list_view, name="list"),
    path("ekspor.<str:fmt>", district.district_coop_export_view, name="export"),
    path("<int:pk>/", district.district_coop_profile_view, name="profile"),
]
