"""The site root is the public intake (Russian at /, English at /en/); triage under /intake/."""

from django.urls import include, path

from safepassage.intake import views, views_files, views_staff

app_name = "intake"

# The same public pages in each language; the namespace ("ru" or "en") chooses the language.
public = [
    path("", views.landing, name="landing"),
    path("write/", views.write, name="write"),
    path("follow-up/", views.follow_up, name="follow_up"),
    path("thread/", views.thread, name="thread"),
    path("leave/", views.leave, name="leave"),
    path("help/<slug:slug>/", views.page, name="page"),
    path("verify/", views.verify, name="verify"),
]

urlpatterns = [
    path("", include((public, "ru"))),
    path("en/", include((public, "en"))),
    path("intake/triage/", views_staff.queue, name="triage"),
    path("intake/triage/<int:pk>/", views_staff.detail, name="triage_thread"),
    path("intake/triage/<int:pk>/reply/", views_staff.reply, name="triage_reply"),
    path("intake/triage/<int:pk>/read/", views_staff.read, name="triage_read"),
    path("intake/triage/<int:pk>/abuse/", views_staff.abuse, name="triage_abuse"),
    path("intake/triage/<int:pk>/case/", views_staff.to_case, name="triage_case"),
    path("intake/triage/<int:pk>/attach/", views_staff.attach, name="triage_attach"),
    path(
        "intake/triage/<int:pk>/files/<uuid:file_id>/",
        views_files.attachment,
        name="triage_file",
    ),
    path(
        "intake/triage/<int:pk>/files/<uuid:file_id>/original/",
        views_files.attachment_original,
        name="triage_file_original",
    ),
    path(
        "intake/triage/<int:pk>/files/<uuid:file_id>/make/",
        views_files.attachment_make,
        name="triage_file_make",
    ),
    path("intake/outreach/", views_staff.outreach_list, name="outreach"),
    path(
        "intake/outreach/<slug:slug>/<str:language>/",
        views_staff.outreach_edit,
        name="outreach_edit",
    ),
]
