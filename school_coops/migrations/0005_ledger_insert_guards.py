"""Database guards, part 2: nothing can be added to a posted journal entry.

0002 blocks UPDATE/DELETE of posted rows, but a raw INSERT of a balanced extra pair of lines
into a posted entry still passed. Posting now happens in this order (services/ledger.py):
insert the entry as a draft (posted_at NULL), insert its lines, then set posted_at. So:
- INSERT of a line into a posted entry is refused;
- INSERT of an entry that is already posted is refused (it could never get lines);
- setting posted_at checks the balance: at once on SQLite, at COMMIT on PostgreSQL
  (the deferred constraint trigger of 0002 now also fires on UPDATE).
"""

from django.db import migrations

SQLITE_FORWARD = [
    """CREATE TRIGGER school_coops_line_no_insert_posted BEFORE INSERT ON school_coops_journalline
    WHEN (SELECT posted_at FROM school_coops_journalentry WHERE id = NEW.entry_id) IS NOT NULL
    BEGIN SELECT RAISE(ABORT, 'lines cannot be added to a posted journal entry'); END""",
    """CREATE TRIGGER school_coops_entry_insert_draft BEFORE INSERT ON school_coops_journalentry
    WHEN NEW.posted_at IS NOT NULL
    BEGIN SELECT RAISE(ABORT, 'a journal entry is inserted unposted, then posted'); END""",
    """CREATE TRIGGER school_coops_entry_post_balanced
    BEFORE UPDATE OF posted_at ON school_coops_journalentry
    WHEN OLD.posted_at IS NULL AND NEW.posted_at IS NOT NULL AND (
      (SELECT COALESCE(SUM(amount), 0) FROM school_coops_journalline
        WHERE entry_id = NEW.id AND side = 'D')
      <> (SELECT COALESCE(SUM(amount), 0) FROM school_coops_journalline
        WHERE entry_id = NEW.id AND side = 'K')
      OR (SELECT COALESCE(SUM(amount), 0) FROM school_coops_journalline
        WHERE entry_id = NEW.id AND side = 'D') <= 0)
    BEGIN SELECT RAISE(ABORT, 'journal entry is not balanced'); END""",
]

SQLITE_REVERSE = [
    "DROP TRIGGER IF EXISTS school_coops_entry_post_balanced",
    "DROP TRIGGER IF EXISTS school_coops_entry_insert_draft",
    "DROP TRIGGER IF EXISTS school_coops_line_no_insert_posted",
]

POSTGRES_FORWARD = [
    """CREATE FUNCTION school_coops_line_insert_guard() RETURNS trigger LANGUAGE plpgsql AS $$
    BEGIN
      IF EXISTS (SELECT 1 FROM school_coops_journalentry
                 WHERE id = NEW.entry_id AND posted_at IS NOT NULL) THEN
        RAISE EXCEPTION 'lines cannot be added to a posted journal entry'
          USING ERRCODE = 'integrity_constraint_violation';
      END IF;
      RETURN NEW;
    END $$""",
    """CREATE TRIGGER school_coops_line_no_insert_posted BEFORE INSERT
    ON school_coops_journalline FOR EACH ROW EXECUTE FUNCTION school_coops_line_insert_guard()""",
    """CREATE FUNCTION school_coops_entry_insert_guard() RETURNS trigger LANGUAGE plpgsql AS $$
    BEGIN
      IF NEW.posted_at IS NOT NULL THEN
        RAISE EXCEPTION 'a journal entry is inserted unposted, then posted'
          USING ERRCODE = 'integrity_constraint_violation';
      END IF;
      RETURN NEW;
    END $$""",
    """CREATE TRIGGER school_coops_entry_insert_draft BEFORE INSERT
    ON school_coops_journalentry FOR EACH ROW EXECUTE FUNCTION school_coops_entry_insert_guard()""",
    # Reuses 0002's check, which reads NEW.id for journalentry rows and skips drafts.
    """CREATE CONSTRAINT TRIGGER school_coops_entry_post_balanced AFTER UPDATE
    ON school_coops_journalentry DEFERRABLE INITIALLY DEFERRED
    FOR EACH ROW EXECUTE FUNCTION school_coops_entry_balanced()""",
]

POSTGRES_REVERSE = [
    "DROP TRIGGER IF EXISTS school_coops_entry_post_balanced ON school_coops_journalentry",
    "DROP TRIGGER IF EXISTS school_coops_entry_insert_draft ON school_coops_journalentry",
    "DROP FUNCTION IF EXISTS school_coops_entry_insert_guard()",
    "DROP TRIGGER IF EXISTS school_coops_line_no_insert_posted ON school_coops_journalline",
    "DROP FUNCTION IF EXISTS school_coops_line_insert_guard()",
]


def _run(statements_by_vendor):
    def run(apps, schema_editor):
        for sql in statements_by_vendor.get(schema_editor.connection.vendor, []):
            schema_editor.execute(sql, params=None)

    return run


class Migration(migrations.Migration):
    dependencies = [("school_coops", "0004_shu_distribution_rat_record_staff_founders")]

    operations = [
        migrations.RunPython(
            _run({"sqlite": SQLITE_FORWARD, "postgresql": POSTGRES_FORWARD}),
            _run({"sqlite": SQLITE_REVERSE, "postgresql": POSTGRES_REVERSE}),
        )
    ]
