"""The one place that writes the access log: a decorator on the views that show a person's
savings or grades. The view itself stays unchanged; `subjects` names whose data it showed.

    @login_required
    @require_GET
    @audited(AccessKind.SAVINGS, subjects=lambda request, slug, pk: [member id ...])
    def membership_detail_view(request, slug, pk): ...

Only successful GETs are logged (a 404 showed nothing), and never a person opening their own
data. `subjects` runs after the view, so the view's permission check has already passed.
"""

from __future__ import annotations

import functools
from collections.abc import Callable, Iterable
from typing import Any

from django.http import HttpRequest, HttpResponse

SubjectsFn = Callable[..., Iterable[int]]


def audited(kind: str, *, subjects: SubjectsFn) -> Callable[[Callable[..., Any]], Any]:
    def decorator(view: Callable[..., HttpResponse]) -> Callable[..., HttpResponse]:
        @functools.wraps(view)
        def wrapped(request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponse:
            response = view(request, *args, **kwargs)
            if (
                request.method == "GET"
                and response.status_code == 200
                and request.user.is_authenticated
            ):
                from lms.privacy.services import access_record

                match = request.resolver_match
                access_record(
                    accessor=request.user,
                    subject_ids=subjects(request, *args, **kwargs),
                    kind=kind,
                    url_name=match.view_name if match else "",
                    path=request.path,
                )
            return response

        wrapped.audited_kind = kind  # type: ignore[attr-defined]  # read by tests
        return wrapped

    return decorator
