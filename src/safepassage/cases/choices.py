"""The codes a case's coded fields take, with their names in the reader's language: one home
for forms, pages and imports."""

from __future__ import annotations

from django.utils.translation import gettext_lazy as _

CATEGORY_CHOICES = [
    ("", "—"),
    ("conscript", _("Conscript")),
    ("mobilised", _("Mobilised")),
    ("contract", _("Contract soldier")),
    ("officer", _("Officer")),
    ("reservist", _("Reservist")),
    ("pmc", _("Private military company")),
]
WANTED_CHOICES = [
    ("", "—"),
    ("none", _("Not wanted")),
    ("federal", _("Federal")),
    ("interstate", _("Interstate (CIS)")),
    ("international", _("International")),
    ("unknown", _("Unknown")),
]
YES_NO_UNKNOWN = [("", "—"), ("yes", _("Yes")), ("no", _("No")), ("unknown", _("Unknown"))]
CRIMINAL_STATUS = [
    ("", "—"),
    ("suspected", _("Suspected")),
    ("opened", _("Case opened")),
    ("charged", _("Charged")),
    ("in_absentia", _("Tried in absentia")),
    ("convicted", _("Convicted")),
    ("closed", _("Closed")),
    ("unknown", _("Unknown")),
]
PRESSURE_KINDS = [
    ("search", _("Search of a home")),
    ("questioning", _("Questioning of relatives")),
    ("threat", _("Threats")),
    ("summons", _("Summons delivered to family")),
    ("other", _("Other")),
]
DOCUMENT_TYPES = [
    ("internal_passport", _("Internal passport")),
    ("foreign_passport", _("Foreign passport")),
    ("military_id", _("Military ID book")),
    ("officer_id", _("Officer's ID card")),
    ("summons", _("Summons")),
    ("court_papers", _("Court papers")),
    ("civil_status", _("Civil-status certificate")),
    ("other", _("Other")),
]
DOCUMENT_STATES = [
    ("held", _("Held")),
    ("lost", _("Lost")),
    ("seized", _("Seized or withdrawn")),
    ("expired", _("Expired")),
    ("with_authority", _("With an authority")),
]
ROUTES = [
    ("", "—"),
    ("asylum_visa", _("Visa for asylum")),
    ("humanitarian_visa", _("Humanitarian visa")),
    ("admission_programme", _("National admission programme")),
    ("asylum_on_arrival", _("Asylum on arrival")),
    ("resettlement", _("Resettlement")),
]

CONTACT_CHANNELS = [
    ("site", _("Through this site")),
    ("signal", _("Signal")),
    ("other", _("Other")),
]
