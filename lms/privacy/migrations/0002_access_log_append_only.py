"""The access log is append-only: UPDATE and DELETE are refused by the database itself,
on SQLite (dev, tests) and PostgreSQL (production), even from raw SQL or the Django admin.
"""

from django.db import migrations

SQLITE_FORWARD = [
    """CREATE TRIGGER privacy_accesslog_no_update BEFORE UPDATE ON privacy_accesslog
    BEGIN SELECT RAISE(ABORT, 'the access log is append-only'); END""",
    """CREATE TRIGGER privacy_accesslog_no_delete BEFORE DELETE ON privacy_accesslog
    BEGIN SELECT RAISE(ABORT, 'the access log is append-only'); END""",
]
SQLITE_REVERSE = [
    "DROP TRIGGER IF EXISTS privacy_accesslog_no_update",
    "DROP TRIGGER IF EXISTS privacy_accesslog_no_delete",
]
POSTGRES_FORWARD = [
    """CREATE FUNCTION privacy_accesslog_append_only() RETURNS trigger LANGUAGE plpgsql AS $$
    BEGIN
      RAISE EXCEPTION 'the access log is append-only'
        USING ERRCODE = 'integrity_constraint_violation';
    END $$""",
    """CREATE TRIGGER privacy_accesslog_append_only BEFORE UPDATE OR DELETE
    ON privacy_accesslog FOR EACH ROW EXECUTE FUNCTION privacy_accesslog_append_only()""",
]
POSTGRES_REVERSE = [
    "DROP TRIGGER IF EXISTS privacy_accesslog_append_only ON privacy_accesslog",
    "DROP FUNCTION IF EXISTS privacy_accesslog_append_only()",
]


def _run(statements_by_vendor):
    def run(apps, schema_editor):
        for sql in statements_by_vendor.get(schema_editor.connection.vendor, []):
            schema_editor.execute(sql, params=None)

    return run


class Migration(migrations.Migration):
    dependencies = [("privacy", "0001_access_log_erasure_export")]

    operations = [
        migrations.RunPython(
            _run({"sqlite": SQLITE_FORWARD, "postgresql": POSTGRES_FORWARD}),
            _run({"sqlite": SQLITE_REVERSE, "postgresql": POSTGRES_REVERSE}),
        )
    ]
