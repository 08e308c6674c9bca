from django.urls import path

from safepassage.audit import views

app_name = "audit"

urlpatterns = [path("audit/", views.log, name="log")]
