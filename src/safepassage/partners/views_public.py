"""The inbox: the one public door of the partners app, for partner servers, never for people.

A post is answered before its body is read unless it is signed by a registered, verified
partner (`channel.authenticate`); size limits hold before and while the body is read; the
message is then checked in full and kept sealed until a coordinator imports it. Answers are
short JSON: nothing about cases, only the message id or the reason of a refusal.
"""

from __future__ import annotations

from django.http import HttpRequest, HttpResponse, JsonResponse
from django.views.decorators.csrf import csrf_exempt
from django.views.decorators.http import require_GET, require_POST

from safepassage.core.access import public
from safepassage.partners import channel
from safepassage.partners.models import InboxItem
from safepassage.partners.services import PartnerError, Refused


@public
@csrf_exempt  # a partner's server posts here; it signs the request instead (channel.py)
@require_POST
def inbox_post(request: HttpRequest) -> HttpResponse:
    try:
        result = channel.accept_post(request)
    except Refused as exc:
        return JsonResponse({"error": exc.code, "reason": str(exc)}, status=exc.status)
    except PartnerError as exc:
        return JsonResponse({"error": "refused", "reason": str(exc)}, status=400)
    if isinstance(result, InboxItem):
        return JsonResponse({"status": "sealed", "id": result.message.message_id}, status=202)
    return JsonResponse({"status": "receipt_verified"}, status=202)


@public
@require_GET
def inbox_receipt(request: HttpRequest, message_id: str) -> HttpResponse:
    try:
        receipt = channel.receipt_for(request, message_id)
    except Refused as exc:
        return JsonResponse({"error": exc.code, "reason": str(exc)}, status=exc.status)
    except PartnerError as exc:  # no organisation set up yet
        return JsonResponse({"error": "refused", "reason": str(exc)}, status=404)
    if receipt is None:
        return JsonResponse({"status": "not_yet"}, status=404)
    return HttpResponse(receipt, content_type="application/octet-stream")
