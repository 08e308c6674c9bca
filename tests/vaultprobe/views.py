"""Test-only views: upload to and download from a probe object through the vault."""

from django.http import HttpResponse, JsonResponse, StreamingHttpResponse
from django.urls import path

from safepassage.vault import files, objects
from safepassage.vault import session as vault_session
from safepassage.vault.models import EncryptedFile
from safepassage.vault.strip import UnacceptableFile


def upload(request, pk):
    key = objects.open_with(objects.ring_of("probe", pk), vault_session.current(request))
    incoming = request.FILES.get("file")
    if incoming is None:
        return JsonResponse({"error": "no file"}, status=400)
    keep = request.POST.get("keep_original") == "1"
    try:
        row = files.store_upload(key, incoming, keep_original=keep)
    except UnacceptableFile as exc:
        return JsonResponse({"error": str(exc)}, status=400)
    return JsonResponse({"id": str(row.id)})


def download(request, pk, file_id):
    key = objects.open_with(objects.ring_of("probe", pk), vault_session.current(request))
    row = EncryptedFile.objects.get(pk=file_id, ring=key.ring)
    return StreamingHttpResponse(files.read_chunks(key, row))


def whoami(request):
    unlocked = vault_session.current(request)
    return HttpResponse("unlocked" if unlocked else "locked")


urlpatterns = [
    path("probe/<int:pk>/upload/", upload),
    path("probe/<int:pk>/files/<uuid:file_id>/", download),
    path("probe/whoami/", whoami),
]
