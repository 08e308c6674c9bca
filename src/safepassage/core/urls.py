from django.urls import path

from safepassage.core import views

app_name = "core"

urlpatterns = [
    path("start/", views.home, name="home"),
    path("language/", views.language, name="language"),
]
