from celery import shared_task


@shared_task(acks_late=True, autoretry_for=(OSError,), retry_backoff=True, max_retries=3)
def grading_run_task(run_id: int) -> None:
    """Grade a batch's practical cases; the rules live in grading_run_execute()."""
    from certificates.practical.services import grading_run_execute, grading_run_mark_failed

    try:
        grading_run_execute(run_id=run_id)
    except OSError:
        raise
    except Exception as exc:
        # Not retryable: show the failure instead of a progress bar that never ends.
        grading_run_mark_failed(run_id=run_id, error=str(exc))
        raise
