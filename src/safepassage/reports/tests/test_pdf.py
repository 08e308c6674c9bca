"""The donor report: a PDF of a published release in three languages, with its charts and the
signed release attached, signed under the organisation's certificate."""

from __future__ import annotations

import io
import json
import shutil
import subprocess
from typing import Any

import pikepdf
import pytest
from django.test import Client

from safepassage.reports import services

pytestmark = pytest.mark.django_db


@pytest.fixture
def report(published: Any) -> tuple[Any, bytes]:
    release = published
    response = Client().get(f"/published-figures/{release.public_id}.pdf")
    assert response.status_code == 200
    assert response["Content-Type"] == "application/pdf"
    return release, response.content


def test_the_report_is_in_three_languages_with_the_signed_release_attached(report):
    release, raw = report
    with pikepdf.Pdf.open(io.BytesIO(raw)) as document:
        attached = document.attachments[f"release-{release.public_id}.json"].get_file().read_bytes()
        languages = len(document.pages)
    assert attached == services.document_of(release)
    assert json.loads(attached)["statement"]["title"] == "2024"
    assert languages >= 3


def test_the_report_reads_in_english_and_carries_each_table(report, tmp_path):
    assert shutil.which("pdftotext"), (
        "pdftotext is missing: run scripts/setup-system (make test does)"
    )
    _release, raw = report
    path = tmp_path / "report.pdf"
    path.write_bytes(raw)
    text = subprocess.run(
        ["pdftotext", str(path), "-"], capture_output=True, text=True, check=True
    ).stdout
    assert "Reached a transit country, by country" in text
    assert "Cases closed, by reason" in text
    assert "fewer than 10" in text or "not shown" in text or "Every figure is counted" in text


def test_the_report_signature_is_valid_and_breaks_on_a_changed_byte(report, tmp_path):
    assert shutil.which("pdfsig"), "pdfsig is missing: run scripts/setup-system (make test does)"
    _release, raw = report
    good = tmp_path / "good.pdf"
    good.write_bytes(raw)
    out = subprocess.run(["pdfsig", str(good)], capture_output=True, text=True).stdout
    assert "Signature is Valid." in out
    changed = bytearray(raw)
    changed[200] ^= 1  # inside the signed range, which covers the whole file but the signature
    bad = tmp_path / "bad.pdf"
    bad.write_bytes(bytes(changed))
    out = subprocess.run(["pdfsig", str(bad)], capture_output=True, text=True).stdout
    assert "Signature is Valid." not in out
