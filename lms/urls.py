import re

from django.conf import settings
from django.contrib import admin
from django.urls import URLPattern, URLResolver, include, path, re_path
from django.views.static import serve
from wagtail import urls as wagtail_urls
from wagtail.admin import urls as wagtailadmin_urls
from wagtail.documents import urls as wagtaildocs_urls

urlpatterns: list[URLPattern | URLResolver] = [
    path("django-admin/", admin.site.urls),
    path("admin/", include(wagtailadmin_urls)),
    path("documents/", include(wagtaildocs_urls)),
    path("i18n/", include("django.conf.urls.i18n")),
    path("akun/", include("lms.accounts.urls")),
    path("sekolah/", include("lms.schools.urls")),
    path("belajar/", include("courses.urls")),
    path("koperasi/", include("school_coops.urls")),
    path("dinas/koperasi/", include("school_coops.district_urls")),
    path("sertifikat/", include("certificates.urls")),
    path("privasi/", include("lms.privacy.urls")),
    path("v/", include("certificates.verify_urls")),
]


def public_media_urlpatterns() -> list[URLPattern]:
    """What the development server serves under MEDIA_URL: renditions only, like nginx.

    Originals (`original_images/`) and documents stay behind Wagtail's views; private files are
    not under MEDIA_ROOT at all (lms/storage.py).
    """
    prefix = re.escape(settings.MEDIA_URL.lstrip("/"))
    return [
        re_path(rf"^{prefix}(?P<path>images/[^/]+)$", serve, {"document_root": settings.MEDIA_ROOT})
    ]


if settings.DEBUG:
    urlpatterns += public_media_urlpatterns()

# Wagtail's catch-all must stay last.
urlpatterns += [path("", include(wagtail_urls))]
