"""Login cards as PDF (WeasyPrint). Rendered page by page so the worker can report progress."""

from __future__ import annotations

from collections.abc import Callable, Sequence

from django.template.loader import render_to_string

from lms.accounts.models import User
from lms.schools.models import Classroom

CARDS_PER_PAGE = 10


def render_login_cards_pdf(
    classroom: Classroom,
    students: Sequence[User],
    *,
    login_url: str,
    progress: Callable[[int], None] | None = None,
) -> bytes:
    from weasyprint import HTML

    documents = []
    for start in range(0, len(students), CARDS_PER_PAGE):
        chunk = students[start : start + CARDS_PER_PAGE]
        cards = [
            {
                "name": s.full_name,
                "username": s.username,
                "password": getattr(getattr(s, "initial_password", None), "password", ""),
            }
            for s in chunk
        ]
        html = render_to_string(
            "schools/login_cards_pdf.html",
            {"classroom": classroom, "cards": cards, "login_url": login_url},
        )
        documents.append(HTML(string=html).render())
        if progress:
            progress(min(start + CARDS_PER_PAGE, len(students)))
    pages = [page for document in documents for page in document.pages]
    return documents[0].copy(pages).write_pdf()
