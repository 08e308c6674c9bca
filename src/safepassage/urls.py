from django.urls import include, path

urlpatterns = [
    path("", include("safepassage.intake.urls")),
    path("", include("safepassage.core.urls")),
    path("", include("safepassage.accounts.urls")),
    path("", include("safepassage.audit.urls")),
    path("", include("safepassage.vetting.urls")),
    path("", include("safepassage.screening.urls")),
    path("", include("safepassage.vetting.urls_verify")),
    path("", include("safepassage.partners.urls")),
    path("", include("safepassage.overlap.urls")),
    path("", include("safepassage.dossiers.urls")),
    path("", include("safepassage.reports.urls")),
    path("", include("safepassage.safecopy.urls")),
    path("", include("safepassage.cases.urls")),
    path("", include("safepassage.ops.urls")),
    path("", include("safepassage.tlog.urls")),
]

# A page a role may not use explains who may, and the way there.
handler403 = "safepassage.core.views.forbidden"
