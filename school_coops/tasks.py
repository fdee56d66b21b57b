from celery import shared_task

from lms.jobs import FileJobTask


@shared_task(bind=True, base=FileJobTask, job="school_coops.services.cards.MEMBER_CARDS")
def member_cards_render_task(self: FileJobTask, batch_id: int) -> None:
    """Render one batch of member cards; claim, retries and failure live in lms/jobs.py."""
    self.run_job(batch_id)


@shared_task(bind=True, base=FileJobTask, job="school_coops.services.shu_jobs.SHU_JOBS")
def shu_job_task(self: FileJobTask, job_id: int) -> None:
    """Confirm or pay out a big cooperative's SHU; claim, retries and failure: lms/jobs.py."""
    self.run_job(job_id)
