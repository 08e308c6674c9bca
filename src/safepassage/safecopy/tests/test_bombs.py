"""Each kind of decompression bomb is stopped by its limit within the conversion's timeout, while
the web server goes on answering; the file's page says what happened."""

from __future__ import annotations

import threading
import time
import urllib.request

import pytest
from django.apps import apps
from django.db import connection

from safepassage.cases import seed
from safepassage.cases import services as case_services
from safepassage.safecopy import services
from safepassage.safecopy.models import SafeCopy, State
from safepassage.safecopy.tests.conftest import named, run_queue
from safepassage.safeview.tests import hostile
from safepassage.testing import verified_client
from safepassage.vault import files
from safepassage.vault.models import EncryptedFile

TIMEOUT = 60


@pytest.mark.django_db(transaction=True)
def test_each_bomb_is_stopped_within_its_timeout_while_the_server_answers(
    live_server, caseworker, settings
):
    settings.SAFECOPY_TIMEOUT_SECONDS = TIMEOUT
    seed.load(apps)  # a transactional test starts from an emptied database
    access = case_services.create_case(caseworker, "Bomb Test", country="KZ")
    reference = access.case.reference
    client = verified_client(caseworker)
    for name, data in (
        ("report.pdf", hostile.pdf_stream_bomb()),
        ("letter.docx", hostile.docx_zip_bomb()),
    ):
        response = client.post(f"/cases/{reference}/files/new/", {"file": named(name, data)})
        assert response.status_code == 302, name
    # A photo this large is refused on arrival where photos are stripped (case files, intake)...
    refused = client.post(
        f"/cases/{reference}/files/new/", {"file": named("map.png", hostile.png_pixel_bomb())}
    )
    assert refused.status_code == 200
    # ...but evidence keeps originals untouched, so the converter meets it there.
    kept = files.store_bytes(access.key, hostile.png_pixel_bomb(), "map.png", "png")
    services.enqueue(services.original_of(access.key, kept))
    assert SafeCopy.objects.filter(state=State.QUEUED).count() == 3

    def work() -> None:
        try:
            run_queue()
        finally:
            connection.close()

    worker = threading.Thread(target=work)
    worker.start()
    latencies = []
    while worker.is_alive():
        started = time.monotonic()
        with urllib.request.urlopen(f"{live_server.url}/en/", timeout=10) as answer:  # noqa: S310
            assert answer.status == 200
        latencies.append(time.monotonic() - started)
        time.sleep(0.1)
    worker.join()
    assert latencies
    assert max(latencies) < 2.0, latencies

    expected = {"report.pdf": "expands", "letter.docx": "expands", "map.png": "pixels"}
    page = client.get(f"/cases/{reference}/").content.decode()
    for row in EncryptedFile.objects.all():
        copy = SafeCopy.objects.get(original=row)
        name = files.meta_of(access.key, row).name
        assert (copy.state, copy.reason) == (State.STOPPED, expected[name]), name
        assert copy.finished_at is not None
        assert copy.started_at is not None
        assert (copy.finished_at - copy.started_at).total_seconds() < TIMEOUT
        assert copy.job_sealed is None
    assert page.count("conversion stopped: the file expands beyond the limit") == 2
    assert "conversion stopped: an image in it is larger than the limit" in page
