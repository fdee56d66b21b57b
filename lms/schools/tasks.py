from celery import shared_task

from lms.jobs import FileJobTask


@shared_task(bind=True, base=FileJobTask, job="lms.schools.services.LOGIN_CARDS")
def login_cards_render_task(self: FileJobTask, batch_id: int) -> None:
    """Render one batch of login cards; claim, retries and failure live in lms/jobs.py."""
    self.run_job(batch_id)


@shared_task
def district_refresh_task(scope_key: str | None = None) -> int:
    """Recompute the district snapshot: one scope (the refresh button) or all (beat).

    Idempotent: each scope's rows are replaced in one transaction, so a redelivery or two
    concurrent runs leave one consistent set of figures."""
    from lms import district

    scopes = district.all_scopes()
    if scope_key is not None:
        scopes = [s for s in scopes if s.key == scope_key]
    for scope in scopes:
        district.refresh(scope)
    return len(scopes)


@shared_task(bind=True, base=FileJobTask, job="lms.schools.district_report.DISTRICT_REPORT")
def district_report_render_task(self: FileJobTask, report_id: int) -> None:
    """Render one district report PDF; claim, retries and failure live in lms/jobs.py."""
    self.run_job(report_id)
