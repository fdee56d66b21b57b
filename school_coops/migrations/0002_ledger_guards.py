"""Database guards for the ledger: posted rows are immutable; entries balance at COMMIT.

RunPython picks the SQL for the connection's vendor, so SQLite (dev, tests) and PostgreSQL
(production) both refuse UPDATE/DELETE of posted journal rows, even from raw SQL.
"""

from django.db import migrations

SQLITE_FORWARD = ['CREATE TRIGGER school_coops_line_no_update BEFORE UPDATE ON school_coops_journalline\n'
 '    WHEN (SELECT posted_at FROM school_coops_journalentry WHERE id = OLD.entry_id) IS NOT NULL\n'
 "    BEGIN SELECT RAISE(ABORT, 'posted journal lines are immutable'); END",
 'CREATE TRIGGER school_coops_line_no_delete BEFORE DELETE ON school_coops_journalline\n'
 '    WHEN (SELECT posted_at FROM school_coops_journalentry WHERE id = OLD.entry_id) IS NOT NULL\n'
 "    BEGIN SELECT RAISE(ABORT, 'posted journal lines are immutable'); END",
 'CREATE TRIGGER school_coops_entry_no_update BEFORE UPDATE ON school_coops_journalentry\n'
 '    WHEN OLD.posted_at IS NOT NULL\n'
 "    BEGIN SELECT RAISE(ABORT, 'posted journal entries are immutable'); END",
 'CREATE TRIGGER school_coops_entry_no_delete BEFORE DELETE ON school_coops_journalentry\n'
 '    WHEN OLD.posted_at IS NOT NULL\n'
 "    BEGIN SELECT RAISE(ABORT, 'posted journal entries are immutable'); END"]

SQLITE_REVERSE = ['DROP TRIGGER IF EXISTS school_coops_line_no_update',
 'DROP TRIGGER IF EXISTS school_coops_line_no_delete',
 'DROP TRIGGER IF EXISTS school_coops_entry_no_update',
 'DROP TRIGGER IF EXISTS school_coops_entry_no_delete']

POSTGRES_FORWARD = ['CREATE FUNCTION school_coops_line_immutable() RETURNS trigger LANGUAGE plpgsql AS $$\n'
 '    BEGIN\n'
 '      IF EXISTS (SELECT 1 FROM school_coops_journalentry\n'
 '                 WHERE id = OLD.entry_id AND posted_at IS NOT NULL) THEN\n'
 "        RAISE EXCEPTION 'posted journal lines are immutable'\n"
 "          USING ERRCODE = 'integrity_constraint_violation';\n"
 '      END IF;\n'
 "      IF TG_OP = 'DELETE' THEN RETURN OLD; END IF;\n"
 '      RETURN NEW;\n'
 '    END $$',
 'CREATE TRIGGER school_coops_line_immutable BEFORE UPDATE OR DELETE\n'
 '    ON school_coops_journalline FOR EACH ROW EXECUTE FUNCTION school_coops_line_immutable()',
 'CREATE FUNCTION school_coops_entry_immutable() RETURNS trigger LANGUAGE plpgsql AS $$\n'
 '    BEGIN\n'
 '      IF OLD.posted_at IS NOT NULL THEN\n'
 "        RAISE EXCEPTION 'posted journal entries are immutable'\n"
 "          USING ERRCODE = 'integrity_constraint_violation';\n"
 '      END IF;\n'
 "      IF TG_OP = 'DELETE' THEN RETURN OLD; END IF;\n"
 '      RETURN NEW;\n'
 '    END $$',
 'CREATE TRIGGER school_coops_entry_immutable BEFORE UPDATE OR DELETE\n'
 '    ON school_coops_journalentry FOR EACH ROW EXECUTE FUNCTION school_coops_entry_immutable()',
 'CREATE FUNCTION school_coops_entry_balanced() RETURNS trigger LANGUAGE plpgsql AS $$\n'
 '    DECLARE\n'
 '      v_entry bigint;\n'
 '      debit numeric;\n'
 '      credit numeric;\n'
 '    BEGIN\n'
 "      IF TG_TABLE_NAME = 'school_coops_journalentry' THEN\n"
 '        v_entry := NEW.id;\n'
 '      ELSE\n'
 '        v_entry := NEW.entry_id;\n'
 '      END IF;\n'
 '      IF NOT EXISTS (SELECT 1 FROM school_coops_journalentry\n'
 '                     WHERE id = v_entry AND posted_at IS NOT NULL) THEN\n'
 '        RETURN NULL;\n'
 '      END IF;\n'
 "      SELECT COALESCE(SUM(amount) FILTER (WHERE side = 'D'), 0),\n"
 "             COALESCE(SUM(amount) FILTER (WHERE side = 'K'), 0)\n"
 '        INTO debit, credit FROM school_coops_journalline l WHERE l.entry_id = v_entry;\n'
 '      IF debit <> credit OR debit <= 0 THEN\n'
 "        RAISE EXCEPTION 'journal entry % is not balanced (D %, K %)', v_entry, debit, credit\n"
 "          USING ERRCODE = 'integrity_constraint_violation';\n"
 '      END IF;\n'
 '      RETURN NULL;\n'
 '    END $$',
 'CREATE CONSTRAINT TRIGGER school_coops_line_balanced AFTER INSERT\n'
 '    ON school_coops_journalline DEFERRABLE INITIALLY DEFERRED\n'
 '    FOR EACH ROW EXECUTE FUNCTION school_coops_entry_balanced()',
 'CREATE CONSTRAINT TRIGGER school_coops_entry_balanced AFTER INSERT\n'
 '    ON school_coops_journalentry DEFERRABLE INITIALLY DEFERRED\n'
 '    FOR EACH ROW EXECUTE FUNCTION school_coops_entry_balanced()']

POSTGRES_REVERSE = ['DROP TRIGGER IF EXISTS school_coops_entry_balanced ON school_coops_journalentry',
 'DROP TRIGGER IF EXISTS school_coops_line_balanced ON school_coops_journalline',
 'DROP FUNCTION IF EXISTS school_coops_entry_balanced()',
 'DROP TRIGGER IF EXISTS school_coops_entry_immutable ON school_coops_journalentry',
 'DROP FUNCTION IF EXISTS school_coops_entry_immutable()',
 'DROP TRIGGER IF EXISTS school_coops_line_immutable ON school_coops_journalline',
 'DROP FUNCTION IF EXISTS school_coops_line_immutable()']


def _run(statements_by_vendor):
    def run(apps, schema_editor):
        statements = statements_by_vendor.get(schema_editor.connection.vendor, [])
        for sql in statements:
            schema_editor.execute(sql, params=None)  # no placeholders: keep RAISE %

    return run


forward = _run({"sqlite": SQLITE_FORWARD, "postgresql": POSTGRES_FORWARD})
reverse = _run({"sqlite": SQLITE_REVERSE, "postgresql": POSTGRES_REVERSE})


class Migration(migrations.Migration):
    dependencies = [("school_coops", "0001_initial")]

    operations = [migrations.RunPython(forward, reverse)]
