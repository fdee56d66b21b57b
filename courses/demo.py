"""Demo content: the Wagtail home page."""

from __future__ import annotations

from wagtail.models import Page, Site

from courses.models import HomePage


def seed() -> list[str]:
    root = Page.get_first_root_node()
    home = HomePage.objects.first()
    if home is None:
        home = HomePage(
            title="Kopsis",
            slug="beranda",
            intro="Belajar koperasi, mendirikan koperasi sekolah, dan mengelola pembukuannya.",
            body="<p>Kopsis membantu siswa, guru pembina, dan Dinas Koperasi menjalankan "
            "program <b>Koperasi Goes To School</b>: materi belajar, kuis, koperasi "
            "sekolah, dan sertifikasi juru buku.</p>",
        )
        root.add_child(instance=home)
        home.save_revision().publish()
    site = Site.objects.filter(is_default_site=True).first()
    if site is None:
        Site.objects.create(
            hostname="localhost", port=80, root_page=home, is_default_site=True, site_name="Kopsis"
        )
    elif site.root_page_id != home.pk:
        old_root = site.root_page
        site.root_page = home
        site.site_name = "Kopsis"
        site.save()
        if old_root.specific_class is Page and old_root.depth == 2 and not old_root.get_children():
            old_root.delete()  # Wagtail's "Welcome" placeholder page
    return []
