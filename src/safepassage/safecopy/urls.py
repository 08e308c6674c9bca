from django.urls import path

from safepassage.safecopy import views

app_name = "safecopy"

urlpatterns = [
    path("cases/<str:reference>/files/new/", views.case_file_new, name="case_file_new"),
    path("cases/<str:reference>/files/<uuid:file_id>/", views.case_file, name="case_file"),
    path(
        "cases/<str:reference>/files/<uuid:file_id>/original/",
        views.case_file_original,
        name="case_file_original",
    ),
    path(
        "cases/<str:reference>/files/<uuid:file_id>/make/",
        views.case_file_make,
        name="case_file_make",
    ),
]
