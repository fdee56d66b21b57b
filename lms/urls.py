from django.conf import settings
from django.contrib import admin
from django.urls import include, path
from wagtail import urls as wagtail_urls
from wagtail.admin import urls as wagtailadmin_urls
from wagtail.documents import urls as wagtaildocs_urls

urlpatterns = [
    path("django-admin/", admin.site.urls),
    path("admin/", include(wagtailadmin_urls)),
    path("documents/", include(wagtaildocs_urls)),
    path("i18n/", include("django.conf.urls.i18n")),
    path("akun/", include("lms.accounts.urls")),
    path("sekolah/", include("lms.schools.urls")),
    path("belajar/", include("courses.urls")),
    path("koperasi/", include("school_coops.urls")),
    path("sertifikat/", include("certificates.urls")),
    path("privasi/", include("lms.privacy.urls")),
]

if settings.DEBUG:
    from django.conf.urls.static import static

    urlpatterns += static(settings.MEDIA_URL, document_root=settings.MEDIA_ROOT)

# Wagtail's catch-all must stay last.
urlpatterns += [path("", include(wagtail_urls))]
