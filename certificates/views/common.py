"""Permission-checked lookups shared by the certification views.

Objects the user may not see answer 404, so ids of another dinas's batches reveal nothing.
"""

from __future__ import annotations

from typing import Any

from django.core.paginator import Paginator
from django.http import Http404
from django.shortcuts import get_object_or_404

from certificates.models import Batch, Candidate
from certificates.selectors import (
    can_manage_batch,
    is_batch_assessor,
    staff_region_ids,
)
from lms.accounts.models import Role
from lms.http import HtmxRequest

PAGE_SIZE = 25


def require_staff(request: HtmxRequest) -> set[int]:
    regions = staff_region_ids(user=request.user)
    if not regions:
        raise Http404
    return regions


def require_organiser(request: HtmxRequest) -> set[int]:
    """Trainers and dinas staff: they create schemes, batches and external records."""
    regions = staff_region_ids(user=request.user, roles=(Role.TRAINER, Role.DINAS))
    if not regions:
        raise Http404
    return regions


def staff_batch(request: HtmxRequest, pk: int) -> Batch:
    return get_object_or_404(
        Batch.objects.select_related("region", "scheme"),
        pk=pk,
        region_id__in=staff_region_ids(user=request.user),
    )


def managed_batch(request: HtmxRequest, pk: int) -> Batch:
    batch = staff_batch(request, pk)
    if not can_manage_batch(user=request.user, batch=batch):
        raise Http404
    return batch


def staff_candidate(request: HtmxRequest, pk: int) -> Candidate:
    return get_object_or_404(
        Candidate.objects.select_related("batch__scheme", "batch__region", "user"),
        pk=pk,
        batch__region_id__in=staff_region_ids(user=request.user),
    )


def assessed_candidate(request: HtmxRequest, pk: int) -> Candidate:
    candidate = staff_candidate(request, pk)
    if not is_batch_assessor(user=request.user, batch=candidate.batch):
        raise Http404
    return candidate


def own_candidate(request: HtmxRequest, pk: int) -> Candidate:
    return get_object_or_404(
        Candidate.objects.select_related("batch__scheme", "batch__region"),
        pk=pk,
        user=request.user,
    )


def paginate(request: HtmxRequest, items: Any) -> Any:
    return Paginator(items, PAGE_SIZE).get_page(request.GET.get("page"))


def read_upload(upload: Any, limit: int) -> bytes | None:
    """The uploaded bytes, or None when larger than `limit` (read no further than needed)."""
    if upload.size > limit:
        return None
    return upload.read()
