"""Actors of the intake tests: an organisation whose intake key is kept for the test, triage
staff who hold it, and staff who do not."""

from __future__ import annotations

import io
from collections.abc import Callable
from typing import Any

import pytest
from django.test import Client
from PIL import Image

from safepassage.accounts import services as account_services
from safepassage.core.roles import Role
from safepassage.vault import intake


@pytest.fixture
def organisation_keys(db: Any) -> Any:
    return account_services.create_organisation("Test organisation", ["Desk"])


@pytest.fixture
def organisation(organisation_keys: Any) -> Any:
    return organisation_keys[0]


@pytest.fixture
def grant(organisation_keys: Any) -> Callable[[Any], Any]:
    def give(staff: Any) -> Any:
        intake.grant_intake_key(organisation_keys[1].intake_secret, staff.pk)
        return staff

    return give


@pytest.fixture
def triager(make_staff: Callable[..., Any], grant: Callable[[Any], Any]) -> Any:
    """A caseworker with the intake duty and the intake key."""
    return grant(make_staff(Role.CASEWORKER))


@pytest.fixture
def coordinator_with_key(make_staff: Callable[..., Any], grant: Callable[[Any], Any]) -> Any:
    return grant(make_staff(Role.COORDINATOR))


def jpeg_with_gps(colour: tuple[int, int, int] = (200, 30, 30)) -> bytes:
    image = Image.new("RGB", (64, 48), colour)
    exif = Image.Exif()
    exif[0x010F] = "CameraMaker"
    gps = exif.get_ifd(0x8825)
    gps[1] = "N"
    gps[2] = (43.0, 14.0, 30.0)
    gps[3] = "E"
    gps[4] = (76.0, 53.0, 10.0)
    out = io.BytesIO()
    image.save(out, format="JPEG", exif=exif)
    return out.getvalue()


def upload(name: str, data: bytes) -> io.BytesIO:
    handle = io.BytesIO(data)
    handle.name = name
    return handle


def form(text: str = "Меня мобилизовали, нужна помощь", **extra: Any) -> dict[str, Any]:
    return {
        "who": "self",
        "situation": "mobilised",
        "country": "",
        "urgency": "days",
        "reply_via": "site",
        "handle": "",
        "text": text,
        **extra,
    }


def send(client: Client | None = None, lang: str = "", **extra: Any) -> Any:
    """Post the write form as a browser on this site would."""
    client = client or Client()
    files = extra.pop("files", None)
    data = form(**extra)
    if files is not None:
        data["files"] = files
    return client.post(f"/{lang}write/", data, HTTP_SEC_FETCH_SITE="same-origin")


def codename_of(response: Any) -> str:
    import re

    words = re.findall(r"<li>([a-z]+)</li>", response.content.decode())
    return " ".join(words)
