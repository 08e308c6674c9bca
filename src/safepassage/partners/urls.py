from django.urls import path

from safepassage.partners import views, views_case, views_public

app_name = "partners"

urlpatterns = [
    path("partners/", views.home, name="home"),
    path("partners/card/", views.make_card, name="make_card"),
    path("partners/card.json", views.card_download, name="card"),
    path("partners/inbox-address/", views.set_inbox, name="set_inbox"),
    path("partners/rotate/", views.rotate, name="rotate"),
    path("partners/add/", views.add, name="add"),
    path("partners/receive/", views.receive, name="receive"),
    path("partners/<int:pk>/", views.detail, name="detail"),
    path("partners/<int:pk>/verify/", views.verify, name="verify"),
    path("partners/<int:pk>/revoke/", views.revoke, name="revoke"),
    path("partners/received/<int:pk>/", views.item, name="item"),
    path("partners/received/<int:pk>/import/", views.item_import, name="item_import"),
    path("partners/received/<int:pk>/decline/", views.item_decline, name="item_decline"),
    path("partners/received/<int:pk>/receipt.age", views.item_receipt, name="item_receipt"),
    path("partners/cases/<str:reference>/send/", views_case.send, name="send"),
    path("partners/cases/<str:reference>/consent/", views_case.consent, name="consent"),
    path(
        "partners/cases/<str:reference>/consent/<int:partner_pk>/withdraw/",
        views_case.consent_withdraw,
        name="consent_withdraw",
    ),
    path("partners/cases/<str:reference>/receipts/", views_case.receipts, name="receipts"),
    # The public inbox of partner servers (see views_public).
    path("partners/inbox/", views_public.inbox_post, name="inbox"),
    path(
        "partners/inbox/<str:message_id>/receipt/",
        views_public.inbox_receipt,
        name="inbox_receipt",
    ),
]
