"""Sending: only to a verified partner, only with his consent and within it, only the scope,
signed by us and readable by the partner alone."""

from __future__ import annotations

import io
import json
from datetime import timedelta

import pytest
from django.urls import reverse
from django.utils import timezone

from safepassage.audit.models import AuditEntry
from safepassage.partners import card as cards
from safepassage.partners import handover, services
from safepassage.partners import scope as scopes
from safepassage.partners.models import Handover, Message, Partner
from safepassage.partners.services import PartnerError
from safepassage.partners.tests.cases import everything_in, full_case
from safepassage.partners.tests.conftest import CANARY, Party
from safepassage.testing import verified_client
from safepassage.vault.keys import organisation_signer, rotate_signing_key

pytestmark = pytest.mark.django_db


def _send(access, partner, sections, **scope_args):
    out = io.BytesIO()
    sent = handover.send(access, partner, scopes.Scope(sections, **scope_args), out)
    return sent, out.getvalue()


def test_a_new_partner_is_unverified_until_the_words_match(coordinator, party):
    partner, outcome = services.add_partner(coordinator, party.card())
    assert (outcome, partner.status) == ("added", "unverified")
    with pytest.raises(PartnerError, match="not this card's fingerprint"):
        services.verify_partner(
            coordinator, partner, "benas dilol gezot fozom fural fadir dofen fulil lafes fedut"
        )
    partner.refresh_from_db()
    assert partner.status == "unverified"
    assert AuditEntry.objects.filter(action="partners.verification_failed").count() == 1
    services.verify_partner(coordinator, partner, " ".join(services.partner_words(partner)))
    partner.refresh_from_db()
    assert partner.status == "verified"


def test_a_card_endorsed_by_the_old_key_is_taken_without_new_words(coordinator, partner, party):
    successor = Party(party.name)
    card = successor.card(
        inbox="https://partner.example/partners/inbox/",
        when=timezone.now() + timedelta(seconds=5),
        previous_secret=bytes(party.signing),
        previous_public=party.public,
    )
    updated, outcome = services.add_partner(coordinator, card)
    assert outcome == "rotated"
    assert updated.pk == partner.pk
    assert updated.status == "verified"
    assert bytes(updated.signing_key) == successor.public
    assert Partner.objects.count() == 1
    # The old card, replayed, cannot take the keys back.
    with pytest.raises(PartnerError):
        services.add_partner(coordinator, party.card(when=timezone.now() - timedelta(days=1)))


def test_a_card_claiming_a_rotation_without_the_old_key_is_refused(coordinator, partner, party):
    impostor = Party(party.name)
    stranger = Party("Someone")
    card = impostor.card(previous_secret=bytes(stranger.signing), previous_public=party.public)
    with pytest.raises(PartnerError, match="previous key"):
        services.add_partner(coordinator, card)
    assert bytes(Partner.objects.get().signing_key) == party.public


def test_nothing_goes_to_an_unverified_or_revoked_partner(rules, coordinator, party, partner):
    access, _ids = full_case(coordinator)
    services.record_consent(access, partner, ["identity", "service"], "in_writing")
    services.revoke_partner(coordinator, partner, "ended")
    with pytest.raises(PartnerError, match="revoked"):
        _send(access, partner, ["identity"])
    other = Party("Unverified Org")
    unverified, _ = services.add_partner(coordinator, other.card())
    with pytest.raises(PartnerError, match="fingerprint"):
        _send(access, unverified, ["identity"])
    assert Message.objects.count() == 0
    assert Handover.objects.count() == 0


def test_nothing_goes_without_his_consent_or_beyond_it(rules, coordinator, partner):
    access, _ids = full_case(coordinator)
    with pytest.raises(PartnerError, match="not consented"):
        _send(access, partner, ["identity"])
    services.record_consent(access, partner, ["identity", "service"], "orally")
    with pytest.raises(PartnerError, match="does not cover"):
        _send(access, partner, ["identity", "service", "legal"])
    services.withdraw_consent(access, partner)
    with pytest.raises(PartnerError, match="not consented"):
        _send(access, partner, ["identity"])
    assert Message.objects.count() == 0
    actions = list(
        AuditEntry.objects.filter(action__startswith="partners.consent").values_list(
            "action", flat=True
        )
    )
    assert actions == ["partners.consent_recorded", "partners.consent_withdrawn"]


def test_the_bundle_holds_the_scope_and_nothing_else(rules, coordinator, partner, party, tmp_path):
    access, ids = full_case(coordinator)
    services.record_consent(
        access, partner, ["identity", "service", "files", "notes"], "in_writing"
    )
    sent, data = _send(
        access,
        partner,
        ["identity", "service", "files"],
        people=[ids["spouse"]],
        files=[ids["chosen_file"]],
    )
    assert CANARY.encode() not in data  # encrypted, of course
    parts = party.open(data, organisation_signer(access.case.organisation_id).public, tmp_path)
    plain = everything_in(parts)
    assert CANARY.encode() not in plain  # notes, pressure, the child, confidential, contact, file
    document = json.loads(parts["case.json"])
    rows = document["case"]["rows"]
    names = sorted(p["sealed"]["name_cyrillic"] for p in rows["person"])
    assert names == ["Иван Петров", "Мария Петрова"]
    assert rows["serviceperiod"][0]["sealed"] == {"unit_name": "в/ч 12345", "rank": "рядовой"}
    assert set(rows) == {"person", "serviceperiod"}
    assert document["case"]["sealed"] == {"left_on": "2024-01-05"}
    assert [f["name"] for f in document["files"]] == ["summons.txt"]
    assert parts["files/001.txt"] == "повестка: scan".encode()
    assert sent.handover.scope == ["files", "identity", "service"]
    entry = AuditEntry.objects.get(action="partners.handover_sent")
    assert partner.key_id in entry.details
    assert CANARY not in entry.details


def test_the_send_page_asks_for_a_fresh_sign_in(rules, coordinator, partner):
    access, _ids = full_case(coordinator)
    url = reverse("partners:send", args=[access.case.reference])
    response = verified_client(coordinator, fresh=False).get(url)
    assert response.status_code == 302
    assert "/reauth" in response["Location"]
    assert verified_client(coordinator).get(url).status_code == 200


def test_a_caseworker_on_the_case_cannot_send_it(rules, caseworker, coordinator, partner):
    access, _ids = full_case(caseworker)
    url = reverse("partners:send", args=[access.case.reference])
    assert verified_client(caseworker).get(url).status_code == 403
    with pytest.raises(PartnerError, match="coordinators"):
        services.record_consent(access, partner, ["identity"], "orally")


def test_the_send_page_downloads_a_bundle_for_the_partner(
    rules, coordinator, partner, party, tmp_path
):
    access, _ids = full_case(coordinator)
    services.record_consent(access, partner, ["identity", "legal"], "in_writing")
    response = verified_client(coordinator).post(
        reverse("partners:send", args=[access.case.reference]),
        {"partner": partner.pk, "sections": ["identity", "legal"], "via": "file"},
    )
    assert response.status_code == 200, response.content[:500]
    data = b"".join(response.streaming_content)  # type: ignore[attr-defined]
    parts = party.open(data, organisation_signer(access.case.organisation_id).public, tmp_path)
    rows = json.loads(parts["case.json"])["case"]["rows"]
    assert rows["criminalcase"][0]["sealed"]["article"] == "338"
    assert list((tmp_path.parent).glob("**/outbox/*.age")) == []  # the sent file is gone


def test_the_access_page_shows_which_partner_holds_what(rules, coordinator, partner):
    access, _ids = full_case(coordinator)
    services.record_consent(access, partner, ["identity", "legal"], "in_writing")
    _send(access, partner, ["identity", "legal"])
    page = verified_client(coordinator).get(reverse("cases:access", args=[access.case.reference]))
    text = page.content.decode()
    assert "Partner Legal Aid" in text
    assert "Legal exposure" in text
    assert "Identity" in text


@pytest.mark.parametrize(("reason", "endorsed"), [("routine", True), ("compromise", False)])
def test_after_our_key_is_rotated_our_card_carries_the_old_keys_endorsement(
    coordinator, reason, endorsed
):
    """Partners take our new card without comparing words again after a routine rotation,
    never after a compromise (then the old key vouches for nothing)."""
    old = organisation_signer(coordinator.organisation_id).public
    rotate_signing_key(coordinator.organisation_id, reason)
    card = cards.read_card(services.our_card(coordinator.organisation_id).to_json())
    assert card.signing_key != old
    if endorsed:
        assert card.previous_signing_key == old
        assert card.endorsement
    else:
        assert not card.previous_signing_key
        assert not card.endorsement
