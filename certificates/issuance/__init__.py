"""Issuing certificates: numbering, the Celery job, the PDF, lifecycle (docs/certificates.md)."""
