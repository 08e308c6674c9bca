from django.urls import path

from safepassage.reports import views

app_name = "reports"

urlpatterns = [
    path("figures/", views.dashboard, name="dashboard"),
    path("figures/chart/<slug:key>.svg", views.chart, name="chart"),
    path("figures/export.<str:fmt>", views.export, name="export"),
]
