from django.urls import path

from safepassage.overlap import views

app_name = "overlap"

urlpatterns = [
    path("overlap/", views.home, name="home"),
    path("overlap/start/", views.start, name="start"),
    path("overlap/<int:pk>/", views.run, name="run"),
    path("overlap/<int:pk>/consent/", views.consent, name="consent"),
    path("overlap/<int:pk>/decline/", views.decline, name="decline"),
    path("overlap/<int:pk>/message.age", views.message, name="message"),
    path("overlap/<int:pk>/deliver/", views.deliver, name="deliver"),
    path("overlap/cases/<str:reference>/<int:pk>/asked/", views.asked, name="asked"),
]
