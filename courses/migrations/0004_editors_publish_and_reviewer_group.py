"""Content editors publish course pages themselves; the review step is named in Indonesian.

Wagtail's initial data gives "Editors" only add/change, so a lesson could only be submitted to
"Moderators approval", a workflow of a group nobody is in, and the action menu read
"Pengajuan ke Moderators approval". Editors now hold publish rights on the page tree (every
page of this site is learning content), and the optional review step is called
"Tinjauan konten" with the reviewer group "Peninjau konten".
"""

from django.db import migrations

OLD_GROUP, NEW_GROUP = "Moderators", "Peninjau konten"
OLD_WORKFLOW, NEW_WORKFLOW = "Moderators approval", "Tinjauan konten"
NEW_TASK = "Persetujuan peninjau konten"


def forwards(apps, schema_editor):
    Group = apps.get_model("auth", "Group")
    Permission = apps.get_model("auth", "Permission")
    ContentType = apps.get_model("contenttypes", "ContentType")
    Page = apps.get_model("wagtailcore", "Page")
    GroupPagePermission = apps.get_model("wagtailcore", "GroupPagePermission")
    Workflow = apps.get_model("wagtailcore", "Workflow")
    Task = apps.get_model("wagtailcore", "Task")

    if not Group.objects.filter(name=NEW_GROUP).exists():
        Group.objects.filter(name=OLD_GROUP).update(name=NEW_GROUP)
    Workflow.objects.filter(name=OLD_WORKFLOW).update(name=NEW_WORKFLOW)
    Task.objects.filter(name=OLD_WORKFLOW).update(name=NEW_TASK)

    editors = Group.objects.filter(name="Editors").first()
    if editors is None:
        return
    page_type, _ = ContentType.objects.get_or_create(app_label="wagtailcore", model="page")
    publish, _ = Permission.objects.get_or_create(
        content_type=page_type, codename="publish_page", defaults={"name": "Publish any page"}
    )
    for root in Page.objects.filter(depth=1):
        GroupPagePermission.objects.get_or_create(group=editors, page=root, permission=publish)


def backwards(apps, schema_editor):
    Group = apps.get_model("auth", "Group")
    GroupPagePermission = apps.get_model("wagtailcore", "GroupPagePermission")
    Workflow = apps.get_model("wagtailcore", "Workflow")
    Task = apps.get_model("wagtailcore", "Task")
    GroupPagePermission.objects.filter(
        group__name="Editors", page__depth=1, permission__codename="publish_page"
    ).delete()
    Task.objects.filter(name=NEW_TASK).update(name=OLD_WORKFLOW)
    Workflow.objects.filter(name=NEW_WORKFLOW).update(name=OLD_WORKFLOW)
    if not Group.objects.filter(name=OLD_GROUP).exists():
        Group.objects.filter(name=NEW_GROUP).update(name=OLD_GROUP)


class Migration(migrations.Migration):
    dependencies = [
        ("courses", "0003_course_index_english"),
        ("wagtailcore", "0097_baselogentry_uuid_action_timestamp_indexes"),
        ("auth", "0012_alter_user_first_name_max_length"),
    ]

    operations = [migrations.RunPython(forwards, backwards)]
