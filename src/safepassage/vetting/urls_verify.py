"""The public verification page and revocation list, and the coordinators' revocation form.

The page is not at /verify/ itself: that is the intake's page (in Russian) telling a person how to
check he is on the real site. Printed PDFs take the path from here (reverse), never a literal.
"""

from django.urls import path

from safepassage.vetting import verify_views

app_name = "verify"

urlpatterns = [
    path("verify/attestation/", verify_views.verify, name="page"),
    path("verify/revocations.json", verify_views.revocations, name="revocations"),
    path("vetting/attestations/<uuid:pk>/revoke/", verify_views.revoke, name="revoke"),
]
