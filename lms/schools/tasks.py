from celery import shared_task


@shared_task(acks_late=True, autoretry_for=(OSError,), retry_backoff=True, max_retries=3)
def login_cards_render_task(batch_id: int) -> None:
    """Render one batch of login cards; the rules live in login_cards_render()."""
    from lms.schools.services import login_cards_mark_failed, login_cards_render

    try:
        login_cards_render(batch_id=batch_id)
    except OSError:
        raise  # retried by autoretry_for
    except Exception as exc:
        # Not retryable: tell the teacher instead of leaving the progress bar spinning.
        login_cards_mark_failed(batch_id=batch_id, error=str(exc))
        raise
