from celery import shared_task

from lms.jobs import FileJobTask


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


@shared_task(acks_late=True, autoretry_for=(OSError,), retry_backoff=True, max_retries=3)
def issuance_prepare_task(run_id: int) -> None:
    """Create a run's certificate rows (numbers included) once, then send the render tasks."""
    from certificates.issuance.services import issuance_prepare

    issuance_prepare(run_id=run_id)


@shared_task(acks_late=True, autoretry_for=(OSError,), retry_backoff=True, max_retries=3)
def certificates_render_task(cert_ids: list[int]) -> int:
    """Render a chunk of certificates; each one is a compare-and-set, so redelivery is safe."""
    from certificates.issuance.services import certificates_render

    return certificates_render(cert_ids=cert_ids)


@shared_task
def issuance_sweep_task() -> dict[str, int]:
    """Celery beat: re-send runs and certificates a killed worker left pending."""
    from certificates.issuance.services import issuance_sweep

    return issuance_sweep()


@shared_task
def expiry_reminders_task() -> int:
    """Celery beat, daily: remind holders (and the dinas) of certificates about to expire."""
    from certificates.issuance.lifecycle import expiry_reminders_send

    return expiry_reminders_send()


@shared_task(acks_late=True, autoretry_for=(OSError,), retry_backoff=True, max_retries=3)
def certificate_email_task(cert_id: int) -> bool:
    """E-mail one certificate PDF to its holder (SMTP errors are OSError: retried)."""
    from certificates.issuance.lifecycle import certificate_email_deliver

    return certificate_email_deliver(cert_id=cert_id)


@shared_task(bind=True, base=FileJobTask, job="certificates.issuance.bundles.CERTIFICATE_BUNDLES")
def certificate_bundle_task(self: FileJobTask, bundle_id: int) -> None:
    """Build a batch's ZIP or merged PDF; claim, retries and failure live in lms/jobs.py."""
    self.run_job(bundle_id)
