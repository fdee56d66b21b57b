from celery import shared_task


@shared_task(acks_late=True, autoretry_for=(OSError,), retry_backoff=True, max_retries=3)
def personal_data_export_task(export_id: int) -> None:
    """Build one person's data ZIP; the rules live in export_render()."""
    from lms.privacy.services import export_mark_failed, export_render

    try:
        export_render(export_id=export_id)
    except OSError:
        raise  # retried by autoretry_for
    except Exception as exc:
        # Not retryable: show the failure instead of a progress bar that never ends.
        export_mark_failed(export_id=export_id, error=str(exc))
        raise


@shared_task(acks_late=True)
def privacy_retention_task() -> int:
    """Nightly: erase graduates past the retention period; returns how many were erased."""
    from lms.privacy.services import retention_run

    report = retention_run(dry_run=False)
    return sum(1 for entry in report if entry["status"] == "erased")
