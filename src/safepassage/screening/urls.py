from django.urls import path

from safepassage.screening import views

app_name = "screening"

urlpatterns = [
    path("screening/", views.home, name="home"),
    path("screening/lists/", views.upload, name="upload"),
    path("screening/pending/", views.rescreen, name="rescreen"),
    path("cases/<str:reference>/screening/", views.case_screening, name="case"),
    path("cases/<str:reference>/screening/<int:pk>/review/", views.review, name="review"),
]
