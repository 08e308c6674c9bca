"""The log as c2sp.org/tlog-tiles serves it (checkpoint, tiles, entry bundles) and the witness's
add-checkpoint endpoint (c2sp.org/tlog-witness). All public: they hold nothing personal.

These answers change nothing but the witness's state, which only a correctly signed checkpoint
of a log it follows can move. The application's middleware marks every answer `no-store`; a
plain web server publishing `safepassage tlog publish` output can cache tiles for ever.
"""

from __future__ import annotations

from django.http import Http404, HttpRequest, HttpResponse
from django.views.decorators.csrf import csrf_exempt
from django.views.decorators.http import require_POST, require_safe

from safepassage.core.access import public
from safepassage.tlog import services, witnessing
from safepassage.tlog.tiles import MAX_LEVEL, TileError, parse_index_path, tile_width
from safepassage.tlog.witness import MAX_BODY

TEXT = "text/plain; charset=utf-8"
BINARY = "application/octet-stream"


@public
@require_safe
def checkpoint(request: HttpRequest) -> HttpResponse:
    """The latest signed checkpoint, with the cosignatures witnesses gave it."""
    served = services.served_checkpoint()
    if served is None:
        raise Http404
    return HttpResponse(served, content_type=TEXT)


@public
@require_safe
def tile(request: HttpRequest, rest: str) -> HttpResponse:
    """tile/<L>/<N>[.p/<W>] (hashes) and tile/entries/<N>[.p/<W>] (entry bundles)."""
    level_text, _, index_path = rest.partition("/")
    try:
        index, width = parse_index_path(index_path)
        size = services.size()
        if level_text == "entries":
            if tile_width(0, index, size) < width:
                raise Http404
            return HttpResponse(services.bundle(index, width), content_type=BINARY)
        if not level_text.isdigit() or str(int(level_text)) != level_text:
            raise Http404
        level = int(level_text)
        # A full tile at a partial path is served too, truncated: it is the same hashes.
        if level > MAX_LEVEL or tile_width(level, index, size) < width:
            raise Http404
        return HttpResponse(services.read_tile(level, index, width), content_type=BINARY)
    except TileError:
        raise Http404 from None


@public
@csrf_exempt
@require_POST
def add_checkpoint(request: HttpRequest) -> HttpResponse:
    """Cosign a partner's checkpoint when it extends the last one cosigned (tlog-witness)."""
    if int(request.META.get("CONTENT_LENGTH") or 0) > MAX_BODY:
        return HttpResponse("the request is too large\n", status=400, content_type=TEXT)
    answer = witnessing.add_checkpoint(request.body)
    return HttpResponse(answer.body, status=answer.status, content_type=answer.content_type)
