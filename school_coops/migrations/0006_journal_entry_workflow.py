"""Which workflow posted a journal entry; the journal's "Batalkan" refuses those entries.

Existing entries are classified by the keys their services gave them, and an exit entry by its
credit on 2-1402 against savings control lines. Posted entries are immutable (0002), so the
backfill lifts that one trigger for its own UPDATE and puts it back at once.
"""

from django.db import migrations, models

KEY_PREFIXES = [  # most specific first: "shu-payout-" before "shu-"
    ("fiscal-year-close-", "penutupan"),
    ("fiscal-year-reopen-", "penutupan"),
    ("founding-opening-", "saldo-awal"),
    ("shu-payout-", "pembayaran-shu"),
    ("shu-loss-", "tutup-rugi"),
    ("shu-", "pembagian-shu"),
]

SQLITE_LIFT = ["DROP TRIGGER IF EXISTS school_coops_entry_no_update"]
SQLITE_RESTORE = [
    "CREATE TRIGGER school_coops_entry_no_update BEFORE UPDATE ON school_coops_journalentry\n"
    "    WHEN OLD.posted_at IS NOT NULL\n"
    "    BEGIN SELECT RAISE(ABORT, 'posted journal entries are immutable'); END"
]
POSTGRES_LIFT = [
    "ALTER TABLE school_coops_journalentry DISABLE TRIGGER school_coops_entry_immutable"
]
POSTGRES_RESTORE = [
    "ALTER TABLE school_coops_journalentry ENABLE TRIGGER school_coops_entry_immutable"
]


def _classify(apps):
    entry_model = apps.get_model("school_coops", "JournalEntry")
    found = {}
    for prefix, workflow in KEY_PREFIXES:
        for pk in entry_model.objects.filter(idempotency_key__startswith=prefix).values_list(
            "pk", flat=True
        ):
            found.setdefault(pk, workflow)
    exits = entry_model.objects.filter(
        lines__account__code="2-1402", lines__side="K", workflow__isnull=True
    ).filter(lines__savings_account__isnull=False)
    for pk in exits.values_list("pk", flat=True).distinct():
        found.setdefault(pk, "anggota-keluar")
    return found


def backfill(apps, schema_editor):
    found = _classify(apps)
    if not found:
        return
    vendor = schema_editor.connection.vendor
    lift = {"sqlite": SQLITE_LIFT, "postgresql": POSTGRES_LIFT}.get(vendor, [])
    restore = {"sqlite": SQLITE_RESTORE, "postgresql": POSTGRES_RESTORE}.get(vendor, [])
    for sql in lift:
        schema_editor.execute(sql, params=None)
    entry_model = apps.get_model("school_coops", "JournalEntry")
    for pk, workflow in found.items():
        entry_model.objects.filter(pk=pk).update(workflow=workflow)
    for sql in restore:
        schema_editor.execute(sql, params=None)


class Migration(migrations.Migration):
    dependencies = [("school_coops", "0005_ledger_insert_guards")]

    operations = [
        migrations.AddField(
            model_name="journalentry",
            name="workflow",
            field=models.CharField(
                blank=True,
                choices=[
                    ("saldo-awal", "Neraca awal pendirian"),
                    ("penutupan", "Penutupan tahun buku"),
                    ("tutup-rugi", "Penutupan rugi dari cadangan"),
                    ("pembagian-shu", "Pembagian SHU"),
                    ("pembayaran-shu", "Pembayaran SHU"),
                    ("anggota-keluar", "Anggota keluar"),
                ],
                max_length=20,
                null=True,
                verbose_name="proses",
            ),
        ),
        migrations.RunPython(backfill, migrations.RunPython.noop),
    ]
