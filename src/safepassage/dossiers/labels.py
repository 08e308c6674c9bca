"""The words of a dossier in the language of its reader (framework-free).

A dossier is written in its authority's language (French, German, English) or in Russian for
the man's own copy. Its headings and the names of the coded values it states are marked here
in English and translated in the documents catalogue (`safepassage.wording`, extracted by
`scripts/document-messages`), where a missing translation fails the catalogue's test.
"""

from __future__ import annotations

from safepassage.wording import Wording


def text(message: str) -> str:
    """Marks a document sentence for extraction; `Words` translates it in its language."""
    return message


LANGUAGES = ("fr", "de", "en", "ru")

_WORDS: dict[str, str] = {
    "title": text("Dossier"),
    "applicant_copy": text("Copy for the applicant"),
    "to": text("To"),
    "case": text("Case reference"),
    "issued": text("Made on"),
    "cover": text("Cover letter"),
    "identity": text("Identity"),
    "passport_spelling": text("Name as in passport"),
    "no_passport_spelling": text("no passport spelling recorded"),
    "cyrillic": text("Name in Cyrillic"),
    "born": text("Born"),
    "citizenship": text("Citizenship"),
    "confidential": text("Confidential note"),
    "service": text("Military service"),
    "no_service": text("no service period recorded"),
    "criminal": text("Criminal cases and wanted status"),
    "no_criminal": text("no criminal case recorded"),
    "wanted": text("Wanted"),
    "travel_ban": text("Travel ban"),
    "passport_withdrawn": text("Foreign passport withdrawn"),
    "pressure": text("Pressure on the family"),
    "no_pressure": text("no pressure on the family recorded"),
    "documents": text("Documents held"),
    "no_documents": text("no document recorded"),
    "transit": text("Risk in the transit country"),
    "transit_country": text("Country"),
    "certificate": text("PDF certificate, SHA-256"),
    "legal_stay_until": text("Legal stay until"),
    "risks": text("Risks recorded"),
    "no_risks": text("none recorded"),
    "summary": text("Summary"),
    "vetting": text("Vetting"),
    "attestation": text("Attestation"),
    "no_attestation": text("no valid attestation has been issued"),
    "interviews": text("Interviews held"),
    "interviewers": text("by interviewers"),
    "never_screened": text("This case was never screened against a watch list."),
    "screened_not_real": text("This case was screened only against sample or out-of-date lists."),
    "screened_on": text("Screened on"),
    "unreviewed": text("possible matches not reviewed"),
    "not_examined": text("Not examined by the vetters"),
    "no_vetting": text("no vetting has been recorded"),
    "evidence": text("Index of evidence"),
    "no_evidence": text("no evidence recorded"),
    "held_by_vetters": text("held by the vetters"),
    "annexes": text("Annexes (attached files)"),
    "no_annexes": text("no annex"),
    "identifiers": text("Identifiers"),
    "dossier_id": text("Dossier (id)"),
    "key_id": text("Ed25519 key id"),
    "signed_json": text("Signed attachment"),
    "verify_note": text(
        "The attached JSON file carries the same content, signed with the organisation's key; "
        "each annex's SHA-256 is listed above."
    ),
}

# Names of coded values: English, French, German, Russian.
_CODES: dict[str, str] = {
    "principal": text("applicant"),
    "spouse": text("spouse or partner"),
    "child": text("child"),
    "other": text("other"),
    "conscript": text("conscript"),
    "mobilised": text("mobilised"),
    "contract": text("contract soldier"),
    "officer": text("officer"),
    "reservist": text("reservist"),
    "pmc": text("private military company"),
    "none": text("not wanted"),
    "federal": text("federal"),
    "interstate": text("interstate (CIS)"),
    "international": text("international"),
    "unknown": text("unknown"),
    "yes": text("yes"),
    "no": text("no"),
    "suspected": text("suspected"),
    "opened": text("case opened"),
    "charged": text("charged"),
    "in_absentia": text("tried in absentia"),
    "convicted": text("convicted"),
    "closed": text("closed"),
    "search": text("search of a home"),
    "questioning": text("questioning of relatives"),
    "threat": text("threats"),
    "summons": text("summons"),
    "internal_passport": text("internal passport"),
    "foreign_passport": text("foreign passport"),
    "old_passport": text("earlier passport"),
    "military_id": text("military ID book"),
    "officer_id": text("officer's ID card"),
    "court_papers": text("court papers"),
    "civil_status": text("civil-status certificate"),
    "held": text("held"),
    "lost": text("lost"),
    "seized": text("seized or withdrawn"),
    "expired": text("expired"),
    "with_authority": text("with an authority"),
    "detained": text("detained"),
    "deportation_order": text("deportation order"),
    "family_pressure": text("pressure on the family"),
    "no_indication": text("no indication of excludable conduct"),
    "concerns": text("concerns"),
    "excluded": text("excluded"),
    "inconclusive": text("inconclusive"),
    "document_copy": text("document copy"),
    "photo_video": text("photo or video"),
    "interview_record": text("interview record"),
    "osint": text("open-source finding"),
    "third_party": text("third-party statement"),
    "unit_presence": text("unit presence at documented incidents"),
    "role_rank": text("role and rank"),
    "hierarchy": text("place in the hierarchy and effective control"),
    "knowledge": text("knowledge of crimes"),
    "voluntariness": text("voluntariness"),
    "screening_reviewed": text("screening results reviewed"),
    "infiltration": text("signs of infiltration"),
    "screening_result": text("screening result"),
}


class Words:
    """A dossier's words in one language."""

    def __init__(self, language: str) -> None:
        if language not in LANGUAGES:
            raise ValueError(f"dossiers are written in {LANGUAGES}, not {language!r}")
        self.language = language
        self._wording = Wording(language)

    def __getitem__(self, key: str) -> str:
        return self._wording.text(_WORDS[key])

    def code(self, value: object) -> str:
        """The name of a coded value; a value with no name here is shown as recorded."""
        text = str(value or "")
        english = _CODES.get(text)
        return self._wording.text(english) if english else text

    def day(self, value: str | None) -> str:
        return self._wording.day(value) if value else "—"


def every_key() -> list[str]:
    return [*_WORDS, *_CODES]
