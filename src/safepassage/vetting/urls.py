from django.urls import path

from safepassage.vetting import attest_views, views, views_files

app_name = "vetting"

urlpatterns = [
    path("cases/<str:reference>/vetting/", views.home, name="home"),
    path("cases/<str:reference>/vetting/start/", views.start, name="start"),
    path("cases/<str:reference>/vetting/evidence/new/", views.evidence_new, name="evidence_new"),
    path(
        "cases/<str:reference>/vetting/evidence/<int:pk>/files/<uuid:file_id>/",
        views_files.evidence_file,
        name="evidence_file",
    ),
    path(
        "cases/<str:reference>/vetting/evidence/<int:pk>/files/<uuid:file_id>/original/",
        views_files.evidence_file_original,
        name="evidence_file_original",
    ),
    path(
        "cases/<str:reference>/vetting/evidence/<int:pk>/files/<uuid:file_id>/make/",
        views_files.evidence_file_make,
        name="evidence_file_make",
    ),
    path("cases/<str:reference>/vetting/interviews/", views.interview_new, name="interview_new"),
    path(
        "cases/<str:reference>/vetting/interviews/<int:interview>/claims/",
        views.claim_new,
        name="claim_new",
    ),
    path("cases/<str:reference>/vetting/checklist/", views.checklist, name="checklist"),
    path("cases/<str:reference>/vetting/declaration/", views.declare, name="declare"),
    path("cases/<str:reference>/vetting/conclusion/", views.conclude, name="conclude"),
    path("cases/<str:reference>/vetting/decision/", views.decide, name="decide"),
    path("cases/<str:reference>/attestations/", attest_views.attestations, name="attest"),
    path(
        "cases/<str:reference>/attestations/<uuid:pk>.<str:form>",
        attest_views.download,
        name="attestation_file",
    ),
]
