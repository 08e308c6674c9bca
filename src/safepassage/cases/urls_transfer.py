"""Moving cases in and out. Included into the `cases` namespace by cases/urls.py; the paths
live under transfer/ so they cannot be taken for a case reference (cases/<reference>/)."""

from django.urls import path

from safepassage.cases import views_transfer

urlpatterns = [
    path("transfer/import/", views_transfer.import_upload, name="import_upload"),
    path("transfer/import/<int:pk>/", views_transfer.import_map, name="import_map"),
    path("transfer/import/<int:pk>/cancel/", views_transfer.import_cancel, name="import_cancel"),
    path("transfer/export/", views_transfer.export, name="export"),
    path("transfer/bundle/", views_transfer.import_bundle, name="import_bundle"),
]
