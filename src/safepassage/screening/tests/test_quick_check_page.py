"""The quick check on the screening page: posted, never carried in an address, and a date that
does not exist is a form error, not a server error."""

from __future__ import annotations

import json

import pytest

from safepassage.screening import lists
from safepassage.testing import verified_client

pytestmark = pytest.mark.django_db

LIST = (
    json.dumps(
        {
            "id": "p-1",
            "schema": "Person",
            "caption": "Khrushchev Aleksandr Sergeevich",
            "properties": {
                "name": ["Khrushchev Aleksandr Sergeevich"],
                "birthDate": ["1980-03-14"],
            },
            "datasets": ["test_sanctions"],
        }
    )
    + "\n"
).encode()


@pytest.fixture
def client(vetter):
    lists.import_list([LIST], "Test sanctions")
    return verified_client(vetter)


def test_a_posted_name_is_checked_and_explained(client):
    response = client.post("/screening/", {"name": "Хрущёв Александр", "born": "1980-03"})
    assert response.status_code == 200
    page = response.content.decode()
    assert "p-1" in page
    assert "Khrushchev Aleksandr Sergeevich" in page
    # The explanation reads as a table of parts and a list of evidence, not as program data.
    assert "<td>Хрущёв</td><td>Khrushchev</td><td>surname</td>" in page
    assert "Birth date" in page
    assert "&#x27;score&#x27;" not in page
    assert "{&#x27;" not in page


def test_a_name_in_the_address_is_not_checked(client):
    response = client.get("/screening/", {"name": "Хрущёв Александр"})
    assert response.status_code == 200
    assert "p-1" not in response.content.decode()


@pytest.mark.parametrize("born", ["1990-13", "1990-02-30", "1990-00-10"])
def test_a_date_that_does_not_exist_is_a_form_error(client, born):
    response = client.post("/screening/", {"name": "Хрущёв Александр", "born": born})
    assert response.status_code == 200
    page = response.content.decode()
    assert "No such date" in page
    assert "p-1" not in page
