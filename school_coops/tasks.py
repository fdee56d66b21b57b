from celery import shared_task


@shared_task(acks_late=True, autoretry_for=(OSError,), retry_backoff=True, max_retries=3)
def member_cards_render_task(batch_id: int) -> None:
    """Render one batch of member cards; the rules live in member_cards_render()."""
    from school_coops.services.cards import member_cards_mark_failed, member_cards_render

    try:
        member_cards_render(batch_id=batch_id)
    except OSError:
        raise  # retried by autoretry_for
    except Exception as exc:
        # Not retryable: show the failure instead of a progress bar that never ends.
        member_cards_mark_failed(batch_id=batch_id, error=str(exc))
        raise
