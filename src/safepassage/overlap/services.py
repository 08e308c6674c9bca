"""Shared-case discovery with a partner: starting a run, consenting to a partner's request,
taking the partner's messages, and what the matches say on a case.

A run needs a coordinator on each side: ours starts it (or consents to the partner's request)
with their own keys, which open the cases they hold; the tokens of every person of those cases
(`tokens`) are made in memory and blinded (`protocol`) under a scalar fresh for the run. The
messages travel as signed, age-encrypted partner messages (`partners.envelope`), by file or to
the partner's inbox; `partners.inbox` checks sender, signature, recipient, time and replay
before our handlers run. Every step, and every refusal, is audited on both sides.
"""

from __future__ import annotations

import base64
import io
import json
import os
import uuid
from collections import defaultdict
from dataclasses import dataclass
from datetime import timedelta
from pathlib import Path
from typing import Any

from django.conf import settings
from django.db import transaction
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.translation import gettext as _

from safepassage.audit.services import record
from safepassage.cases.listing import people_names
from safepassage.crypto import aead
from safepassage.overlap import protocol, tokens
from safepassage.overlap.models import Match, Mode, Run, Side, State
from safepassage.partners import envelope, inbox
from safepassage.partners import services as partner_services
from safepassage.partners.models import Message, Partner
from safepassage.partners.services import PartnerError
from safepassage.screening import engine
from safepassage.vault.keys import key_folder
from safepassage.vault.session import VaultSession

REQUEST, REPLY, RESULT = "overlap-request", "overlap-reply", "overlap-result"
# At most this many runs with one partner (either side asking) in RATE_DAYS.
RUNS_PER_PARTNER = 3
RATE_DAYS = 30
MESSAGE_DAYS = 14
WORKERS = max(1, min(2, os.cpu_count() or 1))


class OverlapError(Exception):
    """A step of a run the rules do not allow; the text names what is wrong."""


@dataclass(frozen=True)
class OwnSet:
    """Our tokens, each with the cases (and how many people) it stands for."""

    tokens: list[str]
    cases: dict[str, list[int]]
    people: int
    case_count: int
    without_birth: int


def own_set(staff: Any, vault: VaultSession | None) -> OwnSet:
    """The tokens of every person of the cases the coordinator holds; never stored, and nothing
    of their names left in the screening engine's memos afterwards."""
    found: dict[str, list[int]] = defaultdict(list)
    people = without = 0
    cases: set[int] = set()
    with engine.forgetting():
        for person in people_names(staff, vault, "case.overlap_read"):
            cases.add(person.case_id)
            people += 1
            made = tokens.person_tokens(person.names, person.birth_date)
            if not made:
                without += 1
            for token in made:
                if person.case_id not in found[token]:
                    found[token].append(person.case_id)
    return OwnSet(list(found), dict(found), people, len(cases), without)


# -- the run's sealed state --------------------------------------------------------------------


def _seal(run: Run, state: dict[str, Any]) -> None:
    folder = key_folder()
    try:
        key = folder.job_key(run.job_name)
    except Exception:
        key = folder.create_job_key(run.job_name)
    raw = json.dumps(state, separators=(",", ":")).encode()
    run.sealed = aead.encrypt(key, raw, aead.associated_data("overlap-run", run.job_name))


def _unseal(run: Run) -> dict[str, Any]:
    if not run.sealed:
        raise OverlapError(_("This run's state is gone: it has ended."))
    key = key_folder().job_key(run.job_name)
    raw = aead.decrypt(key, bytes(run.sealed), aead.associated_data("overlap-run", run.job_name))
    state: dict[str, Any] = json.loads(raw)
    return state


def _end(run: Run, state: str) -> None:
    """The run ends: its key and sealed state destroyed, whatever the outcome."""
    run.state = state
    run.sealed = None
    run.finished_at = timezone.now()
    name = run.job_name
    transaction.on_commit(lambda: key_folder().destroy_job_key(name))


def _b64(raw: bytes) -> str:
    return base64.b64encode(raw).decode()


def _unb64(text: str) -> bytes:
    return base64.b64decode(text)


# -- messages ----------------------------------------------------------------------------------


def _message(
    run: Run, kind: str, about: dict[str, Any], parts: dict[str, bytes]
) -> tuple[Message, bytes]:
    """A signed message to the run's partner, encrypted to it, recorded as sent."""
    out = io.BytesIO()
    sealed = partner_services.seal_message(
        run.organisation,
        run.partner,
        kind,
        {"run": run.run_id, **about},
        [envelope.part_from_bytes(name, raw) for name, raw in parts.items()],
        out,
        days=MESSAGE_DAYS,
    )
    message = partner_services.record_sent(run.partner, kind, sealed)
    run.outgoing = out.getvalue()
    run.outgoing_kind = kind
    return message, out.getvalue()


def _parts(reader: envelope.Reader, limit: int) -> dict[str, bytes]:
    return {entry.name: reader.read_part(entry, chunks, limit) for entry, chunks in reader.parts()}


def _run_id(about: dict[str, Any]) -> str:
    run_id = about.get("run")
    if not isinstance(run_id, str) or not envelope.MESSAGE_ID.match(run_id):
        raise envelope.MessageError("malformed", "no run id")
    return run_id


def _count(about: dict[str, Any], name: str) -> int:
    value = about.get(name)
    if not isinstance(value, int) or isinstance(value, bool) or value < 0:
        raise envelope.MessageError("malformed", f"no {name}")
    return value


def _points(parts: dict[str, bytes], name: str) -> list[bytes]:
    try:
        return protocol.unpack(parts[name])
    except (KeyError, protocol.ProtocolError):
        raise envelope.MessageError("malformed", f"no readable {name}") from None


def _part_limit() -> int:
    return int(settings.PARTNER_BUNDLE_MAX_BYTES)


def _audit(action: str, run: Run, staff: Any = None, **details: Any) -> None:
    record(
        f"overlap.{action}",
        actor=staff,
        target_type="partner",
        target_ref=run.partner.key_id,
        details={"run": run.run_id, **details},
    )


# -- the rules ---------------------------------------------------------------------------------


def _recent_runs(partner: Partner) -> int:
    since = timezone.now() - timedelta(days=RATE_DAYS)
    return Run.objects.filter(partner=partner, started_at__gte=since).count()


def _check_partner(partner: Partner, organisation_id: int) -> None:
    if partner.organisation_id != organisation_id:
        raise OverlapError(_("No such partner."))
    if not partner.can_exchange:
        raise OverlapError(
            _("Compare this partner's fingerprint words with them before a run with them.")
        )
    if _recent_runs(partner) >= RUNS_PER_PARTNER:
        raise OverlapError(
            _("%(name)s already had %(n)s runs with us in the last %(days)s days: wait.")
            % {"name": partner.name, "n": RUNS_PER_PARTNER, "days": RATE_DAYS}
        )


def _require(staff: Any) -> None:
    try:
        partner_services.require_exchange(staff)
    except PartnerError as exc:
        raise OverlapError(str(exc)) from None


def _mapping(own: OwnSet, order: list[int]) -> list[list[int]]:
    return [own.cases[own.tokens[i]] for i in order]


def _write_matches(run: Run, mapping: list[list[int]], hits: set[int]) -> int:
    """A match per case of ours that a matched token stands for (how many tokens matched)."""
    per_case: dict[int, int] = defaultdict(int)
    for position in hits:
        for case_id in mapping[position]:
            per_case[case_id] += 1
    Match.objects.bulk_create(
        [
            Match(run=run, case_id=case_id, partner=run.partner, tokens=min(count, 32767))
            for case_id, count in per_case.items()
        ]
    )
    return len(per_case)


def end_expired() -> int:
    """Runs that waited longer than a message lives end: their keys and state are destroyed
    (no answer can arrive any more: the partner channel refuses expired messages)."""
    since = timezone.now() - timedelta(days=MESSAGE_DAYS)
    waiting = Run.objects.filter(
        started_at__lt=since, state__in=[State.SENT, State.ASKED, State.ANSWERED]
    ).select_related("partner")
    ended = 0
    for run in waiting:
        with transaction.atomic():
            _end(run, State.EXPIRED)
            run.outgoing, run.outgoing_kind = None, ""
            run.save()
            _audit("expired", run)
        ended += 1
    return ended


# -- starting a run (the initiator) ------------------------------------------------------------


def start(staff: Any, vault: VaultSession | None, partner: Partner, mode: str) -> Run:
    """Our coordinator asks a partner for a run: our blinded set goes in the request."""
    _require(staff)
    if mode not in Mode.values:
        raise OverlapError(_("Choose who learns which cases match."))
    _check_partner(partner, staff.organisation_id)
    end_expired()
    own = own_set(staff, vault)
    if not own.tokens:
        raise OverlapError(_("None of your cases has a person with a name and a birth year."))
    secret = protocol.new_secret()
    order = protocol.shuffled(len(own.tokens))
    blinded = protocol.blind(secret, [own.tokens[i] for i in order], WORKERS)
    with transaction.atomic():
        run = Run(
            organisation_id=staff.organisation_id,
            partner=partner,
            side=Side.INITIATOR,
            run_id=uuid.uuid4().hex,
            mode=mode,
            state=State.SENT,
            our_size=len(own.tokens),
            our_people=own.people,
            our_cases=own.case_count,
            started_by=staff,
        )
        _seal(
            run,
            {
                "secret": _b64(secret),
                "cases": _mapping(own, order),
            },
        )
        message, _raw = _message(
            run,
            REQUEST,
            {"mode": mode, "size": len(blinded), "people": own.people, "cases": own.case_count},
            {"points.bin": protocol.pack(blinded)},
        )
        run.save()
        _audit(
            "started",
            run,
            staff,
            mode=mode,
            size=run.our_size,
            cases=run.our_cases,
            message=message.message_id,
        )
    return run


# -- a partner's request (the responder) -------------------------------------------------------


def take_request(reader: envelope.Reader, partner: Partner, path: Path, via: str) -> Run:
    """A partner asks for a run: kept (blinded, under a key of its own) for our consent."""
    about = reader.manifest.about
    run_id = _run_id(about)
    mode = about.get("mode")
    if mode not in Mode.values:
        raise envelope.MessageError("malformed", "no mode")
    people, cases = _count(about, "people"), _count(about, "cases")
    points = _points(_parts(reader, _part_limit()), "points.bin")
    if len(points) != _count(about, "size") or len(points) > people * tokens.MAX_PER_PERSON:
        raise envelope.MessageError("malformed", "the set does not fit its people")
    if Run.objects.filter(partner=partner, side=Side.RESPONDER, run_id=run_id).exists():
        raise envelope.MessageError("replayed", "this run was asked before")
    if _recent_runs(partner) >= RUNS_PER_PARTNER:
        raise envelope.MessageError("rate_limited", "too many runs with this partner")
    from safepassage.cases.models import Person

    ours = Person.objects.filter(case__organisation_id=partner.organisation_id).count()
    try:
        protocol.check_size(people, ours)
    except protocol.ProtocolError as exc:
        raise envelope.MessageError(exc.code, str(exc)) from None
    with transaction.atomic():
        inbox.message_row(reader.manifest, partner, reader, via)
        run = Run(
            organisation_id=partner.organisation_id,
            partner=partner,
            side=Side.RESPONDER,
            run_id=run_id,
            mode=mode,
            state=State.ASKED,
            their_size=len(points),
            their_people=people,
            their_cases=cases,
        )
        _seal(run, {"request": _b64(protocol.pack(points))})
        run.save()
        _audit("asked", run, mode=mode, size=len(points), via=via)
    return run


def consent(staff: Any, vault: VaultSession | None, run: Run) -> Run:
    """Our coordinator consents to a partner's request: the reply is made and kept to send."""
    _require(staff)
    if run.organisation_id != staff.organisation_id or run.side != Side.RESPONDER:
        raise OverlapError(_("No such request."))
    if run.state != State.ASKED:
        raise OverlapError(_("This request is not waiting for consent."))
    if not run.partner.can_exchange:
        raise OverlapError(_("This partner was revoked: nothing more goes to it."))
    request = protocol.unpack(_unb64(_unseal(run)["request"]))
    own = own_set(staff, vault)
    secret = protocol.new_secret()
    try:
        reply = protocol.respond(secret, request, own.tokens, consented=True, workers=WORKERS)
    except protocol.ProtocolError as exc:
        with transaction.atomic():
            _end(run, State.DECLINED)
            run.save()
            _audit("refused", run, staff, reason=exc.code)
        raise OverlapError(
            _("Refused: their set is far larger than ours, which no organisation like ours has.")
        ) from None
    with transaction.atomic():
        run.our_size, run.our_people, run.our_cases = len(own.tokens), own.people, own.case_count
        run.consented_at, run.consented_by = timezone.now(), staff
        run.state = State.ANSWERED
        _seal(
            run,
            {
                "digests": [_b64(protocol.digest(p)) for p in reply.doubled]
                if run.mode == Mode.MUTUAL
                else [],
                "cases": _mapping(own, reply.order),
            },
        )
        message, _raw = _message(
            run,
            REPLY,
            {"size": len(reply.ours), "people": own.people, "cases": own.case_count},
            {
                "doubled.bin": protocol.pack(reply.doubled),
                "points.bin": protocol.pack(reply.ours),
            },
        )
        run.save()
        _audit("consented", run, staff, size=run.our_size, message=message.message_id)
    return run


def decline(staff: Any, run: Run) -> None:
    """Our coordinator declines a partner's request: its blinded set and key are destroyed."""
    _require(staff)
    if run.organisation_id != staff.organisation_id or run.state != State.ASKED:
        raise OverlapError(_("This request is not waiting for consent."))
    with transaction.atomic():
        _end(run, State.DECLINED)
        run.save()
        _audit("declined", run, staff)


# -- the partner's reply (initiator) and result (responder) ------------------------------------


def _still_waiting(run: Run, state: str) -> None:
    """Inside the writing transaction: the run still waits (a second copy of the same answer,
    taken in at the same moment, finds it done)."""
    if not Run.objects.select_for_update().filter(pk=run.pk, state=state).exists():
        raise envelope.MessageError("unknown_run", "the run was answered meanwhile")


def _waiting(partner: Partner, side: str, about: dict[str, Any], state: str) -> Run:
    run = Run.objects.filter(partner=partner, side=side, run_id=_run_id(about), state=state).first()
    if run is None:
        # Unknown, already answered (a replay) or ended: nothing is computed.
        raise envelope.MessageError("unknown_run", "no run waits for this")
    return run


def take_reply(reader: envelope.Reader, partner: Partner, path: Path, via: str) -> Run:
    """The partner consented and answered: we learn which of our cases they also know."""
    run = _waiting(partner, Side.INITIATOR, reader.manifest.about, State.SENT)
    about = reader.manifest.about
    parts = _parts(reader, _part_limit())
    doubled, theirs = _points(parts, "doubled.bin"), _points(parts, "points.bin")
    if len(doubled) != run.our_size or len(theirs) != _count(about, "size"):
        raise envelope.MessageError("malformed", "the reply does not fit our request")
    try:
        protocol.check_size(len(theirs), run.our_size)
        state = _unseal(run)
        hits, digests = protocol.matched_positions(
            _unb64(state["secret"]), doubled, theirs, WORKERS
        )
    except protocol.ProtocolError as exc:
        raise envelope.MessageError(exc.code, str(exc)) from None
    with transaction.atomic():
        _still_waiting(run, State.SENT)
        inbox.message_row(reader.manifest, partner, reader, via)
        run.their_size = len(theirs)
        run.their_people, run.their_cases = _count(about, "people"), _count(about, "cases")
        run.matched_cases = _write_matches(run, state["cases"], hits)
        result = {"matches": run.matched_cases}
        parts_out = (
            {"digests.bin": protocol.pack(digests, protocol.DIGEST)}
            if run.mode == Mode.MUTUAL
            else {}
        )
        _message(run, RESULT, result, parts_out)
        _end(run, State.DONE)
        run.save()
        _audit("finished", run, matched_cases=run.matched_cases, via=via)
    return run


def take_result(reader: envelope.Reader, partner: Partner, path: Path, via: str) -> Run:
    """The partner's last message: the count, and in the mutual mode our own matches."""
    run = _waiting(partner, Side.RESPONDER, reader.manifest.about, State.ANSWERED)
    about = reader.manifest.about
    parts = _parts(reader, _part_limit())
    state = _unseal(run)
    hits: set[int] = set()
    if run.mode == Mode.MUTUAL:
        try:
            digests = protocol.unpack(parts["digests.bin"], protocol.DIGEST)
        except (KeyError, protocol.ProtocolError):
            raise envelope.MessageError("malformed", "no digests") from None
        if len(digests) != run.our_size:
            raise envelope.MessageError("malformed", "the result does not fit our reply")
        known = {_unb64(d) for d in state["digests"]}
        hits = {i for i, d in enumerate(digests) if d in known}
    with transaction.atomic():
        _still_waiting(run, State.ANSWERED)
        inbox.message_row(reader.manifest, partner, reader, via)
        run.their_count = _count(about, "matches")
        if run.mode == Mode.MUTUAL:
            run.matched_cases = _write_matches(run, state["cases"], hits)
        run.outgoing, run.outgoing_kind = None, ""
        _end(run, State.DONE)
        run.save()
        _audit(
            "finished",
            run,
            their_count=run.their_count,
            matched_cases=run.matched_cases,
            via=via,
        )
    return run


# -- sending what is ours to send --------------------------------------------------------------


def outgoing(staff: Any, run: Run) -> bytes:
    """The message waiting to go to the partner (to carry as a file)."""
    _require(staff)
    if run.organisation_id != staff.organisation_id or not run.outgoing:
        raise OverlapError(_("Nothing waits to be sent for this run."))
    with transaction.atomic():
        _audit("message_taken", run, staff, kind=run.outgoing_kind)
    return bytes(run.outgoing)


def deliver(staff: Any, run: Run) -> None:
    """Post the waiting message to the partner's inbox."""
    from safepassage.partners import channel, inbox

    raw = outgoing(staff, run)
    if not run.partner.inbox_url:
        raise OverlapError(_("This partner has no inbox: send a file instead."))
    path = inbox.folder("outbox") / f"{uuid.uuid4().hex}.age"
    try:
        path.write_bytes(raw)
        try:
            channel.deliver(run.partner, path)
        except PartnerError as exc:
            raise OverlapError(str(exc)) from None
    finally:
        path.unlink(missing_ok=True)
    with transaction.atomic():
        _audit("delivered", run, staff, kind=run.outgoing_kind)


# -- what a match says -------------------------------------------------------------------------


def matches_of(case: Any) -> list[Match]:
    return list(Match.objects.filter(case=case).select_related("partner", "asked_by"))


def mark_asked(staff: Any, match: Match) -> None:
    """We asked the partner, through the hand-over, what became of the person."""
    if match.asked_at is not None:
        return
    with transaction.atomic():
        match.asked_at, match.asked_by = timezone.now(), staff
        match.save(update_fields=["asked_at", "asked_by"])
        record(
            "overlap.outcome_asked",
            actor=staff,
            target_type="case",
            target_ref=match.case.reference,
            details={"partner": match.partner.key_id},
        )


def checklist_notes(case: Any) -> list[str]:
    """Lines under the vetting checklist: which partners know someone matching the case."""
    out = []
    for match in matches_of(case):
        line = _("Known to partner %(name)s (found %(day)s).") % {
            "name": match.partner.name,
            "day": date_format(match.found_at, "DATE_FORMAT"),
        }
        if match.asked_at:
            line += " " + _("Outcome asked on %(day)s.") % {
                "day": date_format(match.asked_at, "DATE_FORMAT")
            }
        else:
            line += " " + _("Outcome not asked yet.")
        out.append(line)
    return out
