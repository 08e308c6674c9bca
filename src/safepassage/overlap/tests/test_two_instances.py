"""Two organisations, two instances: a run of shared-case discovery by partner messages, the
second instance driven only through its own commands. What each side learns, what is refused,
and that a name on one side appears nowhere on the other."""

from __future__ import annotations

import logging
import re
from pathlib import Path
from typing import Any

import pytest
import trustme
from django.conf import settings
from tests.test_s1_canaries import _database_bytes, _forms

from safepassage.audit.models import AuditEntry
from safepassage.cases import services as case_services
from safepassage.cases.models import Person, PersonKind
from safepassage.overlap import protocol
from safepassage.overlap import services as overlap
from safepassage.overlap.models import Match, Run, State
from safepassage.overlap.tokens import person_tokens
from safepassage.partners import envelope, inbox
from safepassage.partners import services as partner_services
from safepassage.partners.services import Refused
from safepassage.partners.tests.conftest import vault_of
from safepassage.partners.tests.instance import Instance
from safepassage.partners.tests.test_two_instances import _exchange_cards
from safepassage.testing import PASSWORD

pytestmark = [pytest.mark.slow, pytest.mark.django_db]

CANARY_NAME = "Канарейкин Аристарх Филимонович"
CANARY_BIRTH = "1977-07-07"
# Ours (name, birth) and theirs: the same three people written differently; one stranger each.
OURS = [
    ("Жуков Евгений Петрович", "1990-05-17"),
    ("Хрущёв Фёдор Юрьевич", "1985-02-11"),
    ("Tsoi Viktor", "1962-06-21"),
    ("Иванов Сергей Петрович", "1990-03-04"),
]
THEIRS = [
    ("Evgenii Zhukov", "1990-05-17"),
    ("KHROUCHTCHEV Fedor", "1985"),
    ("Цой Виктор Робертович", "1962-06-21"),
    ("Ivanov Sergei", "1991-03-04"),
    (CANARY_NAME, CANARY_BIRTH),
]


@pytest.fixture(scope="module")
def beta(tmp_path_factory: Any) -> Any:
    instance = Instance(tmp_path_factory.mktemp("beta"), "Beta Legal")
    try:
        instance.setup()
        table = tmp_path_factory.mktemp("table") / "people.csv"
        rows = "\n".join(f"{name},{birth}" for name, birth in THEIRS)
        table.write_text(f"name,birth date\n{rows}\n", encoding="utf-8")
        instance.run(
            "cases_import", str(table), "--as", instance.staff["coordinator"], password=PASSWORD
        )
        yield instance
    finally:
        instance.drop()


def _as(beta: Instance, *args: str, check: bool = True) -> str:
    return beta.run(
        "overlap", "--as", beta.staff["coordinator"], *args, password=PASSWORD, check=check
    )


def _our_cases(coordinator: Any) -> dict[str, str]:
    """Our people as cases; the case reference of each name."""
    out = {}
    for name, birth in OURS:
        access = case_services.create_case(coordinator, name)
        principal = Person.objects.get(case=access.case, kind=PersonKind.PRINCIPAL)
        case_services.save_row(access, principal, {"birth_date": birth})
        out[name] = access.case.reference
    return out


def _run_id(text: str) -> str:
    found = re.search(r"\b([0-9a-f]{32})\b", text)
    assert found, text
    return found.group(1)


def _opened(path: Path, coordinator: Any, partner: Any) -> dict[str, bytes]:
    """A message to us, opened with our exchange identity (what it carries, in the clear)."""
    identities = partner_services.identities(coordinator.organisation_id)
    with path.open("rb") as source:
        reader = envelope.Reader(source, identities, inbox.folder("spool"), 10**9)
    with reader:
        reader.verify(bytes(partner.signing_key))
        return {entry.name: b"".join(chunks) for entry, chunks in reader.parts()}


def _everything_here(tmp_path: Path) -> bytes:
    blob = _database_bytes()
    for folder in (Path(settings.DATA_DIR), tmp_path):
        for path in folder.rglob("*"):
            if path.is_file():
                blob += path.read_bytes()
    return blob


def _run_through(beta: Instance, coordinator: Any, tmp_path: Path, mode: str) -> dict[str, Any]:
    """A whole run started here: request, their consent and reply, our result to them."""
    partner = _exchange_cards(beta, coordinator, tmp_path)
    references = _our_cases(coordinator)
    run = overlap.start(coordinator, vault_of(coordinator), partner, mode)
    request = tmp_path / "request.age"
    request.write_bytes(overlap.outgoing(coordinator, run))
    asked = _as(beta, "receive", str(request))
    assert "waits for a coordinator's consent" in asked
    assert run.run_id in asked
    reply = tmp_path / "reply.age"
    _as(beta, "consent", run.run_id[:8], "--out", str(reply))
    assert isinstance(inbox.receive(reply), Run)
    run.refresh_from_db()
    result = tmp_path / "result.age"
    result.write_bytes(overlap.outgoing(coordinator, run))
    shown = _as(beta, "receive", str(result))
    return {
        "partner": partner,
        "references": references,
        "run": run,
        "reply": reply,
        "shown": shown,
    }


def test_a_run_finds_the_shared_cases_and_the_partner_learns_only_the_count(
    rules, coordinator, beta, tmp_path
):
    done = _run_through(beta, coordinator, tmp_path, "count")
    run, references = done["run"], done["references"]
    assert run.state == State.DONE
    assert run.sealed is None  # the run's secret and map are gone
    matched = {m.case.reference for m in Match.objects.filter(run=run)}
    assert matched == {references[n] for n, _b in OURS[:3]}
    # The responder learns the count only, from our last message.
    assert "their_count=3" in done["shown"]
    assert "matched_cases" not in done["shown"]
    # A replayed reply is refused.
    with pytest.raises(Refused) as caught:
        inbox.receive(done["reply"])
    assert caught.value.code == "replayed"
    # Both sides audited the run.
    ours = set(
        AuditEntry.objects.filter(action__startswith="overlap.").values_list("action", flat=True)
    )
    assert {"overlap.started", "overlap.finished", "overlap.message_taken"} <= ours
    assert AuditEntry.objects.filter(action="case.overlap_read").count() == len(OURS)
    printed = beta.run(
        "shell",
        "-c",
        "from safepassage.audit.models import AuditEntry as A; "
        "print(sorted(set(A.objects.filter(action__startswith='overlap.')"
        ".values_list('action', flat=True))))",
    )
    for action in ("overlap.asked", "overlap.consented", "overlap.finished"):
        assert action in printed, printed


@pytest.mark.django_db(transaction=True)
def test_a_name_on_their_side_appears_nowhere_on_ours(rules, coordinator, beta, tmp_path, caplog):
    caplog.set_level(logging.DEBUG)
    done = _run_through(beta, coordinator, tmp_path, "count")
    reply_parts = _opened(done["reply"], coordinator, done["partner"])
    blob = _everything_here(tmp_path) + b"".join(reply_parts.values())
    logs = caplog.text.encode()
    for text in (CANARY_NAME, *CANARY_NAME.split(), "Kanareikin", "Kanarejkin"):
        for form in _forms(text):
            assert form not in blob, text
            assert form not in logs, text
    # Their points cannot be tested against a guessed name without their run's key.
    points = set(protocol.unpack(reply_parts["points.bin"]))
    guesses = {protocol.hash_to_point(t) for t in person_tokens([CANARY_NAME], CANARY_BIRTH)}
    assert guesses
    assert not guesses & points
    # Not even a name both sides hold is visible in the clear.
    ours = {protocol.hash_to_point(t) for t in person_tokens(["Evgenii Zhukov"], "1990-05-17")}
    assert not ours & points
    assert not ours & set(protocol.unpack(reply_parts["doubled.bin"]))


def test_both_learn_their_matches_in_the_mutual_mode(rules, coordinator, beta, tmp_path):
    partner = _exchange_cards(beta, coordinator, tmp_path)
    _our_cases(coordinator)
    run = overlap.start(coordinator, vault_of(coordinator), partner, "mutual")
    request = tmp_path / "request.age"
    request.write_bytes(overlap.outgoing(coordinator, run))
    run_id = _run_id(_as(beta, "receive", str(request)))
    reply = tmp_path / "reply.age"
    _as(beta, "consent", run_id, "--out", str(reply))
    inbox.receive(reply)
    run.refresh_from_db()
    assert run.matched_cases == 3
    result = tmp_path / "result.age"
    result.write_bytes(overlap.outgoing(coordinator, run))
    shown = _as(beta, "receive", str(result))
    assert "matched_cases=3" in shown
    listed = _as(beta, "show", run_id)
    assert listed.count("matched: ") == 3


def test_a_request_nobody_consented_to_gets_no_answer(rules, coordinator, beta, tmp_path):
    partner = _exchange_cards(beta, coordinator, tmp_path)
    _our_cases(coordinator)
    run = overlap.start(coordinator, vault_of(coordinator), partner, "count")
    request = tmp_path / "request.age"
    request.write_bytes(overlap.outgoing(coordinator, run))
    run_id = _run_id(_as(beta, "receive", str(request)))
    # Received twice: the second is a replay.
    again = _as(beta, "receive", str(request), check=False)
    assert "already received" in again
    # Nothing goes back before a coordinator consents; declining destroys their set.
    refused = _as(beta, "message", run_id, "--out", str(tmp_path / "x.age"), check=False)
    assert "Nothing waits to be sent" in refused
    _as(beta, "decline", run_id)
    after = _as(beta, "consent", run_id, "--out", str(tmp_path / "y.age"), check=False)
    assert "not waiting for consent" in after
    run.refresh_from_db()
    assert run.state == State.SENT
    assert not Match.objects.filter(run=run).exists()


def test_a_reply_to_a_run_we_never_started_is_refused(rules, coordinator, partner, party):
    _manifest, data = party.message(
        *_us(coordinator),
        [envelope.part_from_bytes("points.bin", b"")],
        kind=overlap.REPLY,
        about={"run": "0" * 32, "size": 0, "people": 0, "cases": 0},
    )
    path = Path(settings.DATA_DIR) / "forged.age"
    path.write_bytes(data)
    with pytest.raises(Refused) as caught:
        inbox.receive(path)
    assert caught.value.code == "unknown_run"
    assert not Run.objects.exists()


def _us(coordinator: Any) -> tuple[bytes, str]:
    from safepassage.partners.tests.conftest import us

    return us(coordinator.organisation)


def test_a_set_far_larger_than_our_people_is_refused(rules, coordinator, partner, party):
    _our_cases(coordinator)
    points = protocol.blind(protocol.new_secret(), [f"t1|g1|n{i}|1990-01" for i in range(2100)])
    _manifest, data = party.message(
        *_us(coordinator),
        [envelope.part_from_bytes("points.bin", protocol.pack(points))],
        kind=overlap.REQUEST,
        about={"run": "1" * 32, "mode": "count", "size": 2100, "people": 2100, "cases": 2100},
    )
    path = Path(settings.DATA_DIR) / "fishing.age"
    path.write_bytes(data)
    with pytest.raises(Refused) as caught:
        inbox.receive(path)
    assert caught.value.code == "oversize"
    assert not Run.objects.exists()


def test_runs_with_one_partner_are_rate_limited(rules, coordinator, partner):
    _our_cases(coordinator)
    for _n in range(overlap.RUNS_PER_PARTNER):
        overlap.start(coordinator, vault_of(coordinator), partner, "count")
    with pytest.raises(overlap.OverlapError):
        overlap.start(coordinator, vault_of(coordinator), partner, "count")


def test_only_a_coordinator_starts_a_run(rules, caseworker, coordinator, partner):
    with pytest.raises(overlap.OverlapError):
        overlap.start(caseworker, vault_of(caseworker), partner, "count")
    assert not Run.objects.exists()


OUR_CANARY = "Канарейкина Олимпиада Серафимовна"


def test_a_request_goes_to_their_inbox_by_https_and_our_names_stay_here(
    rules, coordinator, beta, tmp_path, monkeypatch
):
    authority = trustme.CA()
    ca_file = tmp_path / "ca.pem"
    authority.cert_pem.write_to_path(str(ca_file))
    monkeypatch.setenv("SSL_CERT_FILE", str(ca_file))  # our client trusts this test authority
    base = beta.serve_https(authority.issue_cert("127.0.0.1"))
    try:
        beta.run(
            "partners", "--as", beta.staff["coordinator"], "set-inbox",
            f"{base}/partners/inbox/", password=PASSWORD,
        )  # fmt: skip
        partner = _exchange_cards(beta, coordinator, tmp_path)
        _our_cases(coordinator)
        canary = case_services.create_case(coordinator, OUR_CANARY)
        principal = Person.objects.get(case=canary.case, kind=PersonKind.PRINCIPAL)
        case_services.save_row(canary, principal, {"birth_date": "1981-01-02"})
        run = overlap.start(coordinator, vault_of(coordinator), partner, "count")
        overlap.deliver(coordinator, run)
        listed = beta.run("overlap", "list")
        assert f"{run.run_id} responder count asked" in listed
        reply = tmp_path / "reply.age"
        _as(beta, "consent", run.run_id, "--out", str(reply))
        inbox.receive(reply)
        run.refresh_from_db()
        assert run.matched_cases == 3
        # Our canary reached them only as blinded points: nowhere in their database or files.
        theirs = beta.raw_database() + b"".join(
            p.read_bytes() for p in beta.data.rglob("*") if p.is_file()
        )
        for text in (OUR_CANARY, *OUR_CANARY.split(), "Kanareikina", "Olimpiada"):
            for form in _forms(text):
                assert form not in theirs, text
    finally:
        beta.stop()
