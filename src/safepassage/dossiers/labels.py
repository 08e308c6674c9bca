"""The words of a dossier in the language of its reader (framework-free).

A dossier is written in its authority's language (French, German, English) or in Russian for
the man's own copy. Its headings and the names of the coded values it states are kept here, in
all four languages at once, so a missing translation is a missing key that a test finds; dates
in words come from the documents catalogue (`safepassage.wording`).
"""

from __future__ import annotations

from safepassage.wording import Wording

LANGUAGES = ("fr", "de", "en", "ru")

# Each entry: English, French, German, Russian.
_WORDS: dict[str, tuple[str, str, str, str]] = {
    "title": ("Dossier", "Dossier", "Dossier", "Досье"),
    "applicant_copy": (
        "Copy for the applicant",
        "Exemplaire du demandeur",
        "Exemplar für den Antragsteller",
        "Экземпляр заявителя",
    ),
    "to": ("To", "Destinataire", "Empfänger", "Получатель"),
    "case": ("Case reference", "Référence du dossier", "Aktenzeichen", "Номер дела"),
    "issued": ("Made on", "Établi le", "Erstellt am", "Составлено"),
    "cover": ("Cover letter", "Lettre d'accompagnement", "Anschreiben", "Сопроводительное письмо"),
    "identity": ("Identity", "Identité", "Identität", "Личность"),
    "passport_spelling": (
        "Name as in passport",
        "Nom tel qu'écrit dans le passeport",
        "Name laut Reisepass",
        "Имя как в паспорте",
    ),
    "no_passport_spelling": (
        "no passport spelling recorded",
        "aucune graphie de passeport enregistrée",
        "keine Schreibweise aus einem Reisepass erfasst",
        "написание из паспорта не записано",
    ),
    "cyrillic": (
        "Name in Cyrillic",
        "Nom en cyrillique",
        "Name in kyrillischer Schrift",
        "Имя кириллицей",
    ),
    "born": ("Born", "Né(e)", "Geboren", "Дата рождения"),
    "citizenship": ("Citizenship", "Nationalité", "Staatsangehörigkeit", "Гражданство"),
    "confidential": (
        "Confidential note",
        "Note confidentielle",
        "Vertraulicher Vermerk",
        "Конфиденциальная заметка",
    ),
    "service": ("Military service", "Service militaire", "Militärdienst", "Военная служба"),
    "no_service": (
        "no service period recorded",
        "aucune période de service enregistrée",
        "keine Dienstzeit erfasst",
        "периоды службы не записаны",
    ),
    "criminal": (
        "Criminal cases and wanted status",
        "Poursuites pénales et recherche",
        "Strafverfahren und Fahndung",
        "Уголовные дела и розыск",
    ),
    "no_criminal": (
        "no criminal case recorded",
        "aucune poursuite pénale enregistrée",
        "kein Strafverfahren erfasst",
        "уголовные дела не записаны",
    ),
    "wanted": ("Wanted", "Recherché", "Gesucht", "Розыск"),
    "travel_ban": ("Travel ban", "Interdiction de sortie", "Ausreiseverbot", "Запрет на выезд"),
    "passport_withdrawn": (
        "Foreign passport withdrawn",
        "Passeport retiré",
        "Reisepass eingezogen",
        "Загранпаспорт изъят",
    ),
    "pressure": (
        "Pressure on the family",
        "Pressions sur la famille",
        "Druck auf die Familie",
        "Давление на семью",
    ),
    "no_pressure": (
        "no pressure on the family recorded",
        "aucune pression sur la famille enregistrée",
        "kein Druck auf die Familie erfasst",
        "давление на семью не записано",
    ),
    "documents": (
        "Documents held",
        "Documents détenus",
        "Vorhandene Dokumente",
        "Имеющиеся документы",
    ),
    "no_documents": (
        "no document recorded",
        "aucun document enregistré",
        "kein Dokument erfasst",
        "документы не записаны",
    ),
    "transit": (
        "Risk in the transit country",
        "Risque dans le pays de transit",
        "Gefahr im Transitland",
        "Риск в стране транзита",
    ),
    "transit_country": ("Country", "Pays", "Land", "Страна"),
    "certificate": (
        "PDF certificate, SHA-256",
        "Certificat PDF, SHA-256",
        "PDF-Zertifikat, SHA-256",
        "Сертификат PDF, SHA-256",
    ),
    "legal_stay_until": (
        "Legal stay until",
        "Séjour légal jusqu'au",
        "Legaler Aufenthalt bis",
        "Законное пребывание до",
    ),
    "risks": ("Risks recorded", "Risques enregistrés", "Erfasste Gefahren", "Записанные риски"),
    "no_risks": ("none recorded", "aucun enregistré", "keine erfasst", "не записаны"),
    "summary": ("Summary", "Résumé", "Zusammenfassung", "Краткое изложение"),
    "vetting": ("Vetting", "Vérification", "Überprüfung", "Проверка"),
    "attestation": ("Attestation", "Attestation", "Bescheinigung", "Аттестация"),
    "no_attestation": (
        "no valid attestation has been issued",
        "aucune attestation valide n'a été délivrée",
        "keine gültige Bescheinigung ausgestellt",
        "действующая аттестация не выдана",
    ),
    "interviews": (
        "Interviews held",
        "Entretiens menés",
        "Geführte Gespräche",
        "Проведено собеседований",
    ),
    "interviewers": (
        "by interviewers",
        "par des intervieweurs",
        "von Interviewern",
        "интервьюеров",
    ),
    "never_screened": (
        "This case was never screened against a watch list.",
        "Ce dossier n'a jamais été comparé à une liste de surveillance.",
        "Dieser Fall wurde nie mit einer Beobachtungsliste abgeglichen.",
        "Это дело ни разу не проверялось по спискам.",
    ),
    "screened_not_real": (
        "This case was screened only against sample or out-of-date lists.",
        "Ce dossier n'a été comparé qu'à des listes d'exemple ou périmées.",
        "Dieser Fall wurde nur mit Beispiel- oder veralteten Listen abgeglichen.",
        "Это дело проверялось только по образцам или устаревшим спискам.",
    ),
    "screened_on": (
        "Screened on",
        "Comparé aux listes le",
        "Abgeglichen am",
        "Проверено по спискам",
    ),
    "unreviewed": (
        "possible matches not reviewed",
        "correspondances possibles non examinées",
        "mögliche Treffer nicht geprüft",
        "возможных совпадений не рассмотрено",
    ),
    "not_examined": (
        "Not examined by the vetters",
        "Non examiné par les vérificateurs",
        "Von den Prüfern nicht untersucht",
        "Не проверено",
    ),
    "no_vetting": (
        "no vetting has been recorded",
        "aucune vérification n'a été enregistrée",
        "keine Überprüfung erfasst",
        "проверка не записана",
    ),
    "evidence": (
        "Index of evidence",
        "Index des preuves",
        "Beweisverzeichnis",
        "Перечень доказательств",
    ),
    "no_evidence": (
        "no evidence recorded",
        "aucune preuve enregistrée",
        "keine Beweise erfasst",
        "доказательства не записаны",
    ),
    "held_by_vetters": (
        "held by the vetters",
        "détenu par les vérificateurs",
        "bei den Prüfern",
        "хранится у проверяющих",
    ),
    "annexes": (
        "Annexes (attached files)",
        "Annexes (fichiers joints)",
        "Anlagen (angehängte Dateien)",
        "Приложения (вложенные файлы)",
    ),
    "no_annexes": ("no annex", "aucune annexe", "keine Anlage", "приложений нет"),
    "identifiers": ("Identifiers", "Identifiants", "Kennungen", "Идентификаторы"),
    "dossier_id": ("Dossier (id)", "Dossier (id)", "Dossier (ID)", "Досье (id)"),
    "key_id": ("Ed25519 key id", "Clé Ed25519 (id)", "Ed25519-Schlüssel (ID)", "Ключ Ed25519 (id)"),
    "signed_json": (
        "Signed attachment",
        "Pièce jointe signée",
        "Signierte Anlage",
        "Подписанное вложение",
    ),
    "verify_note": (
        "The attached JSON file carries the same content, signed with the organisation's key; "
        "each annex's SHA-256 is listed above.",
        "Le fichier JSON joint reprend le même contenu, signé avec la clé de l'organisation ; "
        "l'empreinte SHA-256 de chaque annexe figure ci-dessus.",
        "Die angehängte JSON-Datei enthält denselben Inhalt, signiert mit dem Schlüssel der "
        "Organisation; der SHA-256 jeder Anlage steht oben.",
        "Вложенный файл JSON содержит то же самое, подписанное ключом организации; "
        "SHA-256 каждого приложения указан выше.",
    ),
}

# Names of coded values: English, French, German, Russian.
_CODES: dict[str, tuple[str, str, str, str]] = {
    "principal": ("applicant", "demandeur", "Antragsteller", "заявитель"),
    "spouse": ("spouse or partner", "conjoint(e)", "Ehe- oder Lebenspartner(in)", "супруг(а)"),
    "child": ("child", "enfant", "Kind", "ребёнок"),
    "other": ("other", "autre", "Sonstiges", "другое"),
    "conscript": ("conscript", "appelé", "Wehrpflichtiger", "срочник"),
    "mobilised": ("mobilised", "mobilisé", "mobilisiert", "мобилизованный"),
    "contract": ("contract soldier", "militaire sous contrat", "Zeitsoldat", "контрактник"),
    "officer": ("officer", "officier", "Offizier", "офицер"),
    "reservist": ("reservist", "réserviste", "Reservist", "резервист"),
    "pmc": ("private military company", "société militaire privée", "private Militärfirma", "ЧВК"),
    "none": ("not wanted", "non recherché", "nicht gesucht", "не в розыске"),
    "federal": ("federal", "fédéral", "föderal", "федеральный"),
    "interstate": (
        "interstate (CIS)",
        "inter-États (CEI)",
        "zwischenstaatlich (GUS)",
        "межгосударственный (СНГ)",
    ),
    "international": ("international", "international", "international", "международный"),
    "unknown": ("unknown", "inconnu", "unbekannt", "неизвестно"),
    "yes": ("yes", "oui", "ja", "да"),
    "no": ("no", "non", "nein", "нет"),
    "suspected": ("suspected", "soupçonné", "verdächtigt", "подозревается"),
    "opened": ("case opened", "procédure ouverte", "Verfahren eröffnet", "дело возбуждено"),
    "charged": ("charged", "mis en examen", "angeklagt", "обвиняется"),
    "in_absentia": (
        "tried in absentia",
        "jugé par contumace",
        "in Abwesenheit verurteilt",
        "осуждён заочно",
    ),
    "convicted": ("convicted", "condamné", "verurteilt", "осуждён"),
    "closed": ("closed", "classé", "eingestellt", "закрыто"),
    "search": ("search of a home", "perquisition au domicile", "Hausdurchsuchung", "обыск дома"),
    "questioning": (
        "questioning of relatives",
        "interrogatoire de proches",
        "Befragung von Angehörigen",
        "допрос родственников",
    ),
    "threat": ("threats", "menaces", "Drohungen", "угрозы"),
    "summons": ("summons", "convocation", "Vorladung", "повестка"),
    "internal_passport": (
        "internal passport",
        "passeport intérieur",
        "Inlandspass",
        "внутренний паспорт",
    ),
    "foreign_passport": (
        "foreign passport",
        "passeport international",
        "Reisepass",
        "загранпаспорт",
    ),
    "old_passport": (
        "earlier passport",
        "ancien passeport",
        "früherer Reisepass",
        "прежний паспорт",
    ),
    "military_id": ("military ID book", "livret militaire", "Wehrpass", "военный билет"),
    "officer_id": (
        "officer's ID card",
        "carte d'officier",
        "Offiziersausweis",
        "удостоверение офицера",
    ),
    "court_papers": (
        "court papers",
        "pièces judiciaires",
        "Gerichtsunterlagen",
        "судебные документы",
    ),
    "civil_status": (
        "civil-status certificate",
        "acte d'état civil",
        "Personenstandsurkunde",
        "свидетельство ЗАГС",
    ),
    "held": ("held", "détenu", "vorhanden", "на руках"),
    "lost": ("lost", "perdu", "verloren", "утерян"),
    "seized": ("seized or withdrawn", "saisi ou retiré", "beschlagnahmt oder eingezogen", "изъят"),
    "expired": ("expired", "expiré", "abgelaufen", "просрочен"),
    "with_authority": (
        "with an authority",
        "auprès d'une autorité",
        "bei einer Behörde",
        "у властей",
    ),
    "detained": ("detained", "détenu", "inhaftiert", "задержан"),
    "deportation_order": (
        "deportation order",
        "mesure d'expulsion",
        "Abschiebungsanordnung",
        "решение о выдворении",
    ),
    "family_pressure": (
        "pressure on the family",
        "pressions sur la famille",
        "Druck auf die Familie",
        "давление на семью",
    ),
    "no_indication": (
        "no indication of excludable conduct",
        "aucun indice d'un comportement justifiant l'exclusion",
        "kein Hinweis auf ein Ausschlussverhalten",
        "признаков поведения, исключающего защиту, нет",
    ),
    "concerns": ("concerns", "réserves", "Bedenken", "есть сомнения"),
    "excluded": ("excluded", "exclu", "ausgeschlossen", "исключён"),
    "inconclusive": ("inconclusive", "non concluant", "nicht eindeutig", "без вывода"),
    "document_copy": ("document copy", "copie de document", "Dokumentenkopie", "копия документа"),
    "photo_video": ("photo or video", "photo ou vidéo", "Foto oder Video", "фото или видео"),
    "interview_record": (
        "interview record",
        "compte rendu d'entretien",
        "Gesprächsprotokoll",
        "запись собеседования",
    ),
    "osint": ("open-source finding", "source ouverte", "offene Quelle", "открытый источник"),
    "third_party": (
        "third-party statement",
        "déclaration d'un tiers",
        "Erklärung Dritter",
        "заявление третьего лица",
    ),
    "unit_presence": (
        "unit presence at documented incidents",
        "présence de l'unité lors d'incidents documentés",
        "Anwesenheit der Einheit bei dokumentierten Vorfällen",
        "присутствие части при задокументированных инцидентах",
    ),
    "role_rank": (
        "role and rank",
        "fonction et grade",
        "Funktion und Dienstgrad",
        "должность и звание",
    ),
    "hierarchy": (
        "place in the hierarchy and effective control",
        "place dans la hiérarchie et contrôle effectif",
        "Stellung in der Hierarchie und tatsächliche Kontrolle",
        "место в иерархии и фактический контроль",
    ),
    "knowledge": (
        "knowledge of crimes",
        "connaissance de crimes",
        "Kenntnis von Verbrechen",
        "осведомлённость о преступлениях",
    ),
    "voluntariness": ("voluntariness", "caractère volontaire", "Freiwilligkeit", "добровольность"),
    "screening_reviewed": (
        "screening results reviewed",
        "résultats du criblage examinés",
        "Abgleichergebnisse geprüft",
        "результаты проверки по спискам рассмотрены",
    ),
    "infiltration": (
        "signs of infiltration",
        "signes d'infiltration",
        "Anzeichen einer Unterwanderung",
        "признаки внедрения",
    ),
    "screening_result": (
        "screening result",
        "résultat de criblage",
        "Abgleichergebnis",
        "результат проверки",
    ),
}

_INDEX = {"en": 0, "fr": 1, "de": 2, "ru": 3}


class Words:
    """A dossier's words in one language."""

    def __init__(self, language: str) -> None:
        if language not in _INDEX:
            raise ValueError(f"dossiers are written in {LANGUAGES}, not {language!r}")
        self.language = language
        self._wording = Wording(language)

    def __getitem__(self, key: str) -> str:
        return _WORDS[key][_INDEX[self.language]]

    def code(self, value: object) -> str:
        """The name of a coded value; a value with no name here is shown as recorded."""
        text = str(value or "")
        names = _CODES.get(text)
        return names[_INDEX[self.language]] if names else text

    def day(self, value: str | None) -> str:
        return self._wording.day(value) if value else "—"


def every_key() -> list[str]:
    return [*_WORDS, *_CODES]
