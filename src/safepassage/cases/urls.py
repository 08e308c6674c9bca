from django.urls import include, path

from safepassage.cases import views

app_name = "cases"

urlpatterns = [
    path("today/", views.today, name="today"),
    path("cases/", views.case_list, name="list"),
    path("cases/new/", views.case_create, name="create"),
    path("cases/<str:reference>/", views.case_detail, name="detail"),
    path("cases/<str:reference>/edit/", views.case_edit, name="edit"),
    path("cases/<str:reference>/stage/", views.stage, name="stage"),
    path("cases/<str:reference>/check-in/", views.checkin, name="checkin"),
    path("cases/<str:reference>/access/", views.case_access, name="access"),
    path("cases/<str:reference>/access/assign/", views.assign, name="assign"),
    path("cases/<str:reference>/access/<int:staff_pk>/remove/", views.unassign, name="unassign"),
    path("cases/<str:reference>/delete/", views.delete, name="delete"),
    path("cases/<str:reference>/tasks/<int:pk>/done/", views.task_done, name="task_done"),
    path("cases/<str:reference>/<str:kind>/new/", views.row_edit, name="row_new"),
    path("cases/<str:reference>/<str:kind>/<int:pk>/", views.row_edit, name="row_edit"),
    path("cases/<str:reference>/<str:kind>/<int:pk>/delete/", views.row_delete, name="row_delete"),
    path("", include("safepassage.cases.urls_transfer")),
]
