from celery import shared_task

from lms.jobs import FileJobTask


@shared_task(bind=True, base=FileJobTask, job="lms.schools.services.LOGIN_CARDS")
def login_cards_render_task(self: FileJobTask, batch_id: int) -> None:
    """Render one batch of login cards; claim, retries and failure live in lms/jobs.py."""
    self.run_job(batch_id)
