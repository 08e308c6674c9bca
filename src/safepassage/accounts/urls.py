from django.urls import path

from safepassage.accounts import staff_views, views

app_name = "accounts"

urlpatterns = [
    path("signin/", views.signin, name="signin"),
    path("signin/second-factor/", views.second_factor, name="second_factor"),
    path("signin/enrol/", views.enrol, name="enrol"),
    path("signin/recover/", views.recover, name="recover"),
    path("signin/passkey/options/", views.passkey_signin_options, name="passkey_signin_options"),
    path("signin/passkey/", views.passkey_signin, name="passkey_signin"),
    path("signout/", views.signout, name="signout"),
    path("signout/everywhere/", views.signout_everywhere, name="signout_everywhere"),
    path("reauth/", views.reauth, name="reauth"),
    path("invitation/<str:token>/", views.accept_invitation, name="accept_invitation"),
    path("account/", views.security, name="security"),
    path("account/password/", views.password_change, name="password_change"),
    path("account/recovery-codes/", views.recovery_codes_renew, name="recovery_codes_renew"),
    path("account/devices/<str:kind>/<int:pk>/remove/", views.device_remove, name="device_remove"),
    path("account/passkeys/options/", views.passkey_register_options, name="passkey_options"),
    path("account/passkeys/", views.passkey_register, name="passkey_register"),
    path("staff/", staff_views.staff_list, name="staff_list"),
    path("staff/invite/", staff_views.staff_invite, name="staff_invite"),
    path(
        "staff/invitations/<int:pk>/revoke/",
        staff_views.invitation_revoke,
        name="invitation_revoke",
    ),
    path("staff/<int:pk>/", staff_views.staff_detail, name="staff_detail"),
    path("staff/<int:pk>/role/", staff_views.staff_role, name="staff_role"),
    path("staff/<int:pk>/unlock/", staff_views.staff_unlock, name="staff_unlock"),
    path("staff/<int:pk>/deactivate/", staff_views.staff_deactivate, name="staff_deactivate"),
    path(
        "staff/<int:pk>/reset-second-factor/",
        staff_views.staff_reset_second_factor,
        name="staff_reset_second_factor",
    ),
]
