"""URLs of the application plus the probe views (for tests that sign in through the forms)."""

from safepassage.urls import urlpatterns as application
from tests.vaultprobe.views import urlpatterns as probe

urlpatterns = [*application, *probe]
