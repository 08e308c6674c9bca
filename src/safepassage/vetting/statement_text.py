"""An attestation's statement in words, in one language: the lines of its PDF.

It says what the signed statement says and no more: each line is read from the statement, and
what was not done (no screening, items not examined, results not reviewed) is said plainly.
The sentences are in the documents catalogue (`safepassage.wording`), in the recipient's
language; English always follows another language.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from safepassage.wording import Wording

# (style, label, text): style is heading, subheading, field or paragraph; only fields have a
# label.
Line = tuple[str, str, str]


def languages_of(statement: Mapping[str, Any]) -> list[str]:
    """The recipient's language, then English."""
    language = statement["recipient"]["language"]
    return [language] if language == "en" else [language, "en"]


def conclusion(w: Wording, code: str) -> str:
    return {
        "no_indication": w.text(
            "No indication of conduct falling under the exclusion clauses (Article 1F of the "
            "Refugee Convention), in particular war crimes."
        ),
        "concerns": w.text(
            "Concerns were found; the checks do not allow the conclusion that there was no "
            "conduct falling under the exclusion clauses."
        ),
        "excluded": w.text(
            "Serious indications of conduct falling under the exclusion clauses were established."
        ),
        "inconclusive": w.text("The checks were inconclusive."),
    }[code]


def checklist_item(w: Wording, code: str) -> str:
    return {
        "unit_presence": w.text("unit presence at documented incidents"),
        "role_rank": w.text("role and rank"),
        "hierarchy": w.text("place in the hierarchy and effective control"),
        "knowledge": w.text("knowledge of crimes"),
        "voluntariness": w.text("voluntariness"),
        "screening_reviewed": w.text("screening results reviewed"),
        "infiltration": w.text("signs of infiltration"),
    }[code]


def evidence_kind(w: Wording, code: str) -> str:
    return {
        "document_copy": w.text("copies of documents"),
        "photo_video": w.text("photos or videos"),
        "interview_record": w.text("interview records"),
        "osint": w.text("open-source findings"),
        "third_party": w.text("third-party statements"),
        "screening_result": w.text("screening results"),
    }[code]


def passport_document(w: Wording, code: str) -> str:
    return {
        "foreign_passport": w.text("foreign passport"),
        "old_passport": w.text("earlier passport"),
    }[code]


def _field(w: Wording, label: str, value: str) -> Line:
    return ("field", label, value)


def _note(text: str) -> Line:
    """A field line without a label of its own (it follows the one above)."""
    return ("field", "", text)


def as_text(w: Wording, line: Line) -> str:
    _style, label, text = line
    return w.text("{label}: {value}", label=label, value=text) if label else text


def name_lines(w: Wording, name: Mapping[str, Any]) -> list[Line]:
    label = w.text("Name as in the passport")
    if name["passport"]:
        shown = w.text(
            "{spelling} (as recorded from his {document})",
            spelling=name["passport"],
            document=passport_document(w, name["passport_document"]),
        )
    else:
        shown = w.text("no spelling from a passport is recorded")
    lines = [_field(w, label, shown)]
    if name["cyrillic"]:
        lines.append(
            _field(w, w.text("Name in Cyrillic, as recorded by the organisation"), name["cyrillic"])
        )
    return lines


def _list_text(w: Wording, item: Mapping[str, Any]) -> str:
    text = w.text(
        "{name}, version {version}, {entries}",
        name=item["name"],
        version=item["version"],
        entries=w.plural("{n} entry", "{n} entries", item["entries"]),
    )
    if item["imported_on"]:
        text += w.text(", dated {day}", day=w.day(item["imported_on"]))
    if item["sample"]:
        text += w.text(" (sample data, not a real list)")
    elif item["out_of_date"]:
        text += w.text(" (out of date when searched)")
    return text


def screening_lines(w: Wording, screening: Mapping[str, Any]) -> list[Line]:
    label = w.text("Screening against watch lists")
    if screening["ran_on"] is None:
        return [_field(w, label, w.text("not done: the case was never screened."))]
    searched = w.join([_list_text(w, item) for item in screening["lists"]])
    if screening["done"]:
        value = w.text(
            "done on {day}, in: {lists}.", day=w.day(screening["ran_on"]), lists=searched
        )
    elif screening["lists"]:
        value = w.text(
            "not done against a real, current list. On {day} the case was searched only in: "
            "{lists}.",
            day=w.day(screening["ran_on"]),
            lists=searched,
        )
    else:
        value = w.text(
            "not done: on {day} no watch list was available to search.",
            day=w.day(screening["ran_on"]),
        )
    lines = [_field(w, label, value)]
    if screening["lists_changed_since"]:
        lines.append(
            _note(w.text("A list changed after this screening; it was not run again since."))
        )
    matches, unreviewed = screening["possible_matches"], screening["unreviewed"]
    if screening["ran_on"] and screening["lists"]:
        if matches == 0:
            lines.append(_note(w.text("No possible match reached the alert threshold.")))
        else:
            lines.append(
                _note(
                    w.plural(
                        "{n} possible match reached the alert threshold; {unreviewed}.",
                        "{n} possible matches reached the alert threshold; {unreviewed}.",
                        matches,
                        unreviewed=w.plural(
                            "{n} of them is not reviewed",
                            "{n} of them are not reviewed",
                            unreviewed,
                        )
                        if unreviewed
                        else w.text("each was reviewed by a person"),
                    ),
                )
            )
    incidents = screening["incident_lists"]
    label = w.text("Service checked against documented incidents")
    if incidents:
        value = w.join(
            [
                w.text(
                    "{name}, {records}{sample}",
                    name=item["name"],
                    records=w.plural("{n} record", "{n} records", item["records"]),
                    sample=w.text(" (sample data, not a real list)") if item["sample"] else "",
                )
                for item in incidents
            ]
        )
        lines.append(_field(w, label, value + "."))
    else:
        lines.append(_field(w, label, w.text("not done.")))
    return lines


def method_lines(
    w: Wording, method: Mapping[str, Any], examined: list[str], not_examined: list[str]
) -> list[Line]:
    """How the person was checked: interviews, conclusions, evidence, screening, checklist."""
    interviews = method["interviews"]
    evidence = method["evidence"]
    if interviews["held"]:
        held = w.text(
            "{held}, by {interviewers}",
            held=w.plural("{n} interview held", "{n} interviews held", interviews["held"]),
            interviewers=w.plural(
                "{n} vetter", "{n} different vetters", interviews["interviewers"]
            ),
        )
    else:
        held = w.text("none held")
    if evidence["items"]:
        kinds = w.join(
            [
                w.text("{kind}: {n}", kind=evidence_kind(w, kind), n=count)
                for kind, count in evidence["kinds"].items()
            ]
        )
        evidence_text = w.text(
            "{items} ({kinds})",
            items=w.plural("{n} item", "{n} items", evidence["items"]),
            kinds=kinds,
        )
    else:
        evidence_text = w.text("none recorded")
    lines = [
        _field(w, w.text("Interviews"), held + "."),
        _field(
            w,
            w.text("Decision"),
            w.plural(
                "rests on {n} independent conclusion.",
                "rests on {n} independent conclusions.",
                method["assessors"],
            ),
        ),
        _field(w, w.text("Evidence examined"), evidence_text + "."),
    ]
    lines += screening_lines(w, method["screening"])
    examined_items = [checklist_item(w, code) for code in examined]
    missing = [checklist_item(w, code) for code in not_examined]
    lines.append(
        _field(
            w,
            w.text("Points examined by the vetters"),
            (w.join(examined_items) + ".") if examined_items else w.text("none."),
        )
    )
    if missing:
        lines.append(_field(w, w.text("Not examined"), w.join(missing) + "."))
    return lines


def section(
    w: Wording, statement: Mapping[str, Any], *, where: str, attachment: str, revocations: str
) -> list[Line]:
    """One language's part of the attestation."""
    lines: list[Line] = [
        ("heading", "", w.name),
        (
            "paragraph",
            "",
            w.text(
                "{org} attests that it has checked the person named below by the method stated, "
                "and has reached the following conclusion.",
                org=statement["issuer"]["organisation"],
            ),
        ),
        _field(w, w.text("Recipient"), statement["recipient"]["name"]),
        _field(w, w.text("Case reference"), statement["subject"]["reference"]),
    ]
    if "name" in statement["subject"]:
        lines += name_lines(w, statement["subject"]["name"])
    lines.append(_field(w, w.text("Conclusion"), conclusion(w, statement["conclusion"])))
    lines.append(("subheading", "", w.text("How the person was checked")))
    lines += method_lines(w, statement["method"], statement["examined"], statement["not_examined"])
    lines += [
        _field(w, w.text("Date of the decision"), w.day(statement["decided_on"])),
        _field(w, w.text("Date of issue"), w.day(statement["issued_on"])),
        _field(w, w.text("Valid until"), w.day(statement["valid_until"])),
        ("subheading", "", w.text("How to verify this attestation")),
        (
            "paragraph",
            "",
            w.text(
                "Upload this PDF, or the file {file} attached to it, on the organisation's "
                "verification page ({where}). It tells whether the attestation is authentic, "
                "unchanged, in force and not revoked.",
                file=attachment,
                where=where,
            ),
        ),
        (
            "paragraph",
            "",
            w.text(
                "Any PDF reader shows the PAdES signature: the certificate must have the SHA-256 "
                "fingerprint given below and published on the verification page."
            ),
        ),
        (
            "paragraph",
            "",
            w.text(
                "Offline, with the published public key and the revocation list ({revocations}): "
                "safepassage attest verify FILE --public-key KEY --revocations revocations.json",
                revocations=revocations,
            ),
        ),
    ]
    return lines
