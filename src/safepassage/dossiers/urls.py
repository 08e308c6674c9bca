from django.urls import path

from safepassage.dossiers import views

app_name = "dossiers"

urlpatterns = [
    path("dossiers/cases/<str:reference>/", views.case_dossiers, name="case"),
    path("dossiers/cases/<str:reference>/<uuid:dossier_id>.pdf", views.download, name="download"),
    path("dossiers/cases/<str:reference>/submit/", views.submit, name="submit"),
    path("dossiers/cases/<str:reference>/submissions/<int:pk>/", views.event, name="event"),
    path("dossiers/authorities/", views.authorities, name="authorities"),
    path("dossiers/authorities/<slug:code>/", views.authority_edit, name="authority_edit"),
    path("dossiers/authorities/<slug:code>/rules/<int:pk>/", views.rule_edit, name="rule_edit"),
    path("dossiers/stay-rules/", views.stay_rules, name="stay_rules"),
    path("dossiers/stay-rules/<str:country>/", views.stay_rule_edit, name="stay_rule_edit"),
]
