from django.urls import path

from safepassage.reports import views, views_public, views_releases

app_name = "reports"

urlpatterns = [
    path("figures/", views.dashboard, name="dashboard"),
    path("figures/chart/<slug:key>.svg", views.chart, name="chart"),
    path("figures/export.<str:fmt>", views.export, name="export"),
    path("figures/releases/", views_releases.releases, name="releases"),
    path("figures/releases/<slug:public_id>/", views_releases.release, name="release"),
    path("figures/releases/<slug:public_id>/publish/", views_releases.publish, name="publish"),
    # Public: the frozen, signed releases.
    path("published-figures/", views_public.releases, name="public_releases"),
    path(
        "published-figures/<slug:public_id>/<str:language>/",
        views_public.release,
        name="public_release",
    ),
    path(
        "published-figures/<slug:public_id>/<str:language>/<slug:key>.svg",
        views_public.release_chart,
        name="public_chart",
    ),
    path("published-figures/<slug:public_id>.json", views_public.release_json, name="public_json"),
    path("published-figures/<slug:public_id>.csv", views_public.release_csv, name="public_csv"),
    path("published-figures/<slug:public_id>.pdf", views_public.release_pdf, name="public_pdf"),
]
