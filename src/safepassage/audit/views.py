from __future__ import annotations

from django.core.paginator import Paginator
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.views.decorators.http import require_GET

from safepassage.audit.forms import AuditFilterForm
from safepassage.audit.models import AuditEntry
from safepassage.core.access import requires
from safepassage.core.roles import Perm

PAGE_SIZE = 50


@requires(Perm.VIEW_AUDIT)
@require_GET
def log(request: HttpRequest) -> HttpResponse:
    """Browse and filter the audit log, newest first."""
    form = AuditFilterForm(request.GET or None)
    entries = AuditEntry.objects.order_by("-seq")
    if form.is_valid():
        data = form.cleaned_data
        if data["action"]:
            entries = entries.filter(action__startswith=data["action"])
        if data["actor"]:
            entries = entries.filter(actor_label__iexact=data["actor"])
        if data["target_type"]:
            entries = entries.filter(target_type=data["target_type"])
        if data["target_ref"]:
            entries = entries.filter(target_ref=data["target_ref"])
        if data["since"]:
            entries = entries.filter(at__date__gte=data["since"])
        if data["until"]:
            entries = entries.filter(at__date__lte=data["until"])
    else:
        entries = entries.none() if form.is_bound else entries
    page = Paginator(entries, PAGE_SIZE).get_page(request.GET.get("page"))
    query = request.GET.copy()
    query.pop("page", None)
    return render(
        request, "audit/log.html", {"form": form, "page": page, "query": query.urlencode()}
    )
