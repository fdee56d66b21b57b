"""Database guards, part 3: a line UPDATE checks the entry it leaves AND the entry it joins.

0002 looked only at OLD.entry_id, so a raw `UPDATE ... SET entry_id = <posted entry>` moved a
line from a draft into a posted entry, and PostgreSQL's deferred balance check (0002/0005) did
not run on line UPDATE. Now an UPDATE of a line is refused when either entry is posted, and on
PostgreSQL the balance of the line's (new) entry is checked at COMMIT after any line UPDATE.
"""

from django.db import migrations

SQLITE_FORWARD = [
    "DROP TRIGGER IF EXISTS school_coops_line_no_update",
    """CREATE TRIGGER school_coops_line_no_update BEFORE UPDATE ON school_coops_journalline
    WHEN (SELECT posted_at FROM school_coops_journalentry WHERE id = OLD.entry_id) IS NOT NULL
      OR (SELECT posted_at FROM school_coops_journalentry WHERE id = NEW.entry_id) IS NOT NULL
    BEGIN SELECT RAISE(ABORT, 'posted journal lines are immutable'); END""",
]

SQLITE_REVERSE = [
    "DROP TRIGGER IF EXISTS school_coops_line_no_update",
    """CREATE TRIGGER school_coops_line_no_update BEFORE UPDATE ON school_coops_journalline
    WHEN (SELECT posted_at FROM school_coops_journalentry WHERE id = OLD.entry_id) IS NOT NULL
    BEGIN SELECT RAISE(ABORT, 'posted journal lines are immutable'); END""",
]

POSTGRES_FORWARD = [
    """CREATE OR REPLACE FUNCTION school_coops_line_immutable() RETURNS trigger
    LANGUAGE plpgsql AS $$
    BEGIN
      IF EXISTS (SELECT 1 FROM school_coops_journalentry
                 WHERE id = OLD.entry_id AND posted_at IS NOT NULL)
         OR (TG_OP = 'UPDATE' AND EXISTS (SELECT 1 FROM school_coops_journalentry
                 WHERE id = NEW.entry_id AND posted_at IS NOT NULL)) THEN
        RAISE EXCEPTION 'posted journal lines are immutable'
          USING ERRCODE = 'integrity_constraint_violation';
      END IF;
      IF TG_OP = 'DELETE' THEN RETURN OLD; END IF;
      RETURN NEW;
    END $$""",
    # 0002's check reads NEW.entry_id for line rows and skips drafts.
    """CREATE CONSTRAINT TRIGGER school_coops_line_update_balanced AFTER UPDATE
    ON school_coops_journalline DEFERRABLE INITIALLY DEFERRED
    FOR EACH ROW EXECUTE FUNCTION school_coops_entry_balanced()""",
]

POSTGRES_REVERSE = [
    "DROP TRIGGER IF EXISTS school_coops_line_update_balanced ON school_coops_journalline",
    """CREATE OR REPLACE FUNCTION school_coops_line_immutable() RETURNS trigger
    LANGUAGE plpgsql AS $$
    BEGIN
      IF EXISTS (SELECT 1 FROM school_coops_journalentry
                 WHERE id = OLD.entry_id AND posted_at IS NOT NULL) THEN
        RAISE EXCEPTION 'posted journal lines are immutable'
          USING ERRCODE = 'integrity_constraint_violation';
      END IF;
      IF TG_OP = 'DELETE' THEN RETURN OLD; END IF;
      RETURN NEW;
    END $$""",
]


def _run(statements_by_vendor):
    def run(apps, schema_editor):
        for sql in statements_by_vendor.get(schema_editor.connection.vendor, []):
            schema_editor.execute(sql, params=None)

    return run


class Migration(migrations.Migration):
    dependencies = [("school_coops", "0007_founding_vote_recorded_by_and_ballot_codes")]

    operations = [
        migrations.RunPython(
            _run({"sqlite": SQLITE_FORWARD, "postgresql": POSTGRES_FORWARD}),
            _run({"sqlite": SQLITE_REVERSE, "postgresql": POSTGRES_REVERSE}),
        )
    ]
