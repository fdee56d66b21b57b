"""Registrations of this app's own models and of Django's, Wagtail's and the libraries' models.

Capabilities register theirs in their own `privacy.py`; see docs/privacy.md.

Rows look alike by design: one `register(...)` (export, erase, retention) a model, each
naming its own fields and its own rule; `duplicates` pairs them by shape (docs/architecture.md §7).
"""

from __future__ import annotations

from typing import Any

from django.apps import apps
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from lms.privacy.helpers import delete_private_file_on_commit, rows_of
from lms.privacy.registry import Erasure, not_personal, register, register_actor

# --- this app -----------------------------------------------------------------------------


def _access_export(person: Any) -> list[dict[str, Any]]:
    from lms.privacy.models import AccessLog

    rows = AccessLog.objects.filter(Q(subject=person) | Q(accessor=person))
    return [
        {
            "accessed_at": e.accessed_at.isoformat(),
            "accessor": e.accessor.get_full_name(),
            "subject": e.subject.get_full_name(),
            "kind": e.kind,
            "path": e.path,
        }
        for e in rows.select_related("accessor", "subject")[:10000]
    ]


def _exports_erase(erasure: Erasure) -> int:
    """Finished ZIPs hold the very data being erased: delete the files and the rows."""
    from lms.privacy.models import PersonalDataExport

    exports = PersonalDataExport.objects.filter(subject=erasure.person)
    for path in exports.exclude(file_path="").values_list("file_path", flat=True):
        delete_private_file_on_commit(path)
    return exports.delete()[0]


def _exports_export(person: Any) -> list[dict[str, Any]]:
    from lms.privacy.models import PersonalDataExport

    return rows_of(
        PersonalDataExport.objects.filter(Q(subject=person) | Q(requested_by=person)),
        "id",
        "subject_id",
        "requested_by_id",
        "status",
        "created_at",
    )


def _erasure_export(person: Any) -> list[dict[str, Any]]:
    from lms.privacy.models import ErasureRecord

    return rows_of(
        ErasureRecord.objects.filter(erased_by=person), "id", "trigger", "reason", "erased_at"
    )


# The access log is append-only (its triggers refuse UPDATE/DELETE) and holds only ids, so
# erasing a person changes nothing in it: their name disappears with the user row.
register("privacy.AccessLog", export=_access_export, erase=lambda erasure: 0)
register("privacy.PersonalDataExport", export=_exports_export, erase=_exports_erase)
register("privacy.ErasureRecord", export=_erasure_export, erase=lambda erasure: 0)


# --- Django and libraries -----------------------------------------------------------------


def _by_username(label: str) -> tuple[Any, Any]:
    def export(person: Any) -> list[dict[str, Any]]:
        model = apps.get_model(label)
        return rows_of(model.objects.filter(username=person.username), "ip_address", "user_agent")[
            :1000
        ]

    def erase(erasure: Erasure) -> int:
        model = apps.get_model(label)
        return model.objects.filter(username=erasure.person.username).delete()[0]

    return export, erase


for _label in ("axes.AccessAttempt", "axes.AccessFailureLog", "axes.AccessLog"):
    _export, _erase = _by_username(_label)
    register(_label, export=_export, erase=_erase)


def _profile_export(person: Any) -> list[dict[str, Any]]:
    model = apps.get_model("wagtailusers.UserProfile")
    return rows_of(model.objects.filter(user=person), "preferred_language", "current_time_zone")


def _profile_erase(erasure: Erasure) -> int:
    model = apps.get_model("wagtailusers.UserProfile")
    profiles = model.objects.filter(user=erasure.person)
    for profile in profiles:
        if profile.avatar:
            profile.avatar.delete(save=False)
    return profiles.delete()[0]


register("wagtailusers.UserProfile", export=_profile_export, erase=_profile_erase)

# Staff actions: the row records who acted; the name lives on the (pseudonymised) user row.
register_actor("admin.LogEntry", fields=["user"])
register_actor("wagtailadmin.EditingSession", fields=["user"], title=_("sesi penyuntingan"))
register_actor("wagtailadmin.FormState", fields=["user"], title=_("status formulir"))
register_actor("wagtailcore.Comment", fields=["user", "resolved_by"])
register_actor("wagtailcore.CommentReply", fields=["user"])
register_actor("wagtailcore.ModelLogEntry", fields=["user"])
register_actor("wagtailcore.Page", fields=["owner", "locked_by"])
register_actor("wagtailcore.PageLogEntry", fields=["user"])
register_actor("wagtailcore.PageSubscription", fields=["user"], title=_("langganan halaman"))
register_actor("wagtailcore.Revision", fields=["user"])
register_actor("wagtailcore.TaskState", fields=["finished_by"])
register_actor("wagtailcore.UploadedFile", fields=["uploaded_by_user"], title=_("berkas unggahan"))
register_actor("wagtailcore.WorkflowState", fields=["requested_by"])
register_actor("wagtaildocs.Document", fields=["uploaded_by_user"])
register_actor("wagtailimages.Image", fields=["uploaded_by_user"])

NAMES_OF_THINGS = _("nama benda, bukan orang")
not_personal("auth.Group", reason=_("nama grup peran"))
not_personal("auth.Permission", reason=_("nama izin"))
not_personal("django_celery_beat.PeriodicTask", reason=_("nama tugas terjadwal"))
not_personal("django_celery_results.TaskResult", reason=_("nama tugas; argumen hanya berisi id"))
not_personal("taggit.Tag", reason=_("label topik kursus"))
not_personal("wagtailcore.Collection", reason=NAMES_OF_THINGS)
not_personal("wagtailcore.Site", reason=_("nama situs"))
not_personal("wagtailcore.Task", reason=_("nama langkah moderasi"))
not_personal("wagtailcore.Workflow", reason=_("nama alur moderasi"))
not_personal("wagtailembeds.Embed", reason=_("pembuat video publik (oEmbed), bukan pengguna"))
