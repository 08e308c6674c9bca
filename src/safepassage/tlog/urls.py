"""The public log under /tlog/ (so its origin is "<host>/tlog") and the witness endpoint."""

from django.urls import path

from safepassage.tlog import views

app_name = "tlog"

urlpatterns = [
    path("tlog/checkpoint", views.checkpoint, name="checkpoint"),
    path("tlog/tile/<path:rest>", views.tile, name="tile"),
    path("tlog/witness/add-checkpoint", views.add_checkpoint, name="add_checkpoint"),
]
