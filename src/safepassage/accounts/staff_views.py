"""Coordinators manage staff: invitations, roles, unlocking, deactivation, second-factor reset."""

from __future__ import annotations

from django.contrib import messages
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from safepassage.accounts import services
from safepassage.accounts.decorators import fresh_auth_required, staff_of
from safepassage.accounts.forms import InviteForm, RoleForm
from safepassage.accounts.models import Invitation, Staff
from safepassage.core.access import requires
from safepassage.core.roles import Perm
from safepassage.vault import intake
from safepassage.vault import session as vault_session
from safepassage.vault.objects import NoAccess


def _intake_key_if_held(request: HttpRequest) -> bytes | None:
    """The intake key when the inviting coordinator holds it, so it can go with the invitation."""
    try:
        return intake.open_intake_key(vault_session.current(request))
    except NoAccess:
        return None


def _member(request: HttpRequest, pk: int) -> Staff:
    """A staff member of the coordinator's own organisation, or 404."""
    return get_object_or_404(Staff, pk=pk, organisation_id=staff_of(request).organisation_id)


@requires(Perm.MANAGE_STAFF)
@require_GET
def staff_list(request: HttpRequest) -> HttpResponse:
    me = staff_of(request)
    return render(
        request,
        "accounts/staff_list.html",
        {
            "members": Staff.objects.filter(organisation_id=me.organisation_id).order_by(
                "display_name"
            ),
            "invitations": Invitation.objects.filter(
                organisation_id=me.organisation_id,
                used_at__isnull=True,
                revoked_at__isnull=True,
                expires_at__gt=timezone.now(),
            ).order_by("-created_at"),
            "form": InviteForm(me.organisation_id),
            "now": timezone.now(),
        },
    )


@requires(Perm.MANAGE_STAFF)
@require_http_methods(["GET", "POST"])
@fresh_auth_required
def staff_invite(request: HttpRequest) -> HttpResponse:
    me = staff_of(request)
    form = InviteForm(me.organisation_id, request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            invitation, token = services.invite(
                me,
                form.cleaned_data["email"],
                form.cleaned_data["role"],
                form.cleaned_data["team"],
                intake_private=_intake_key_if_held(request),
            )
        except services.ActionRefused as exc:
            form.add_error(None, str(exc))
        else:
            link = request.build_absolute_uri(reverse("accounts:accept_invitation", args=[token]))
            return render(
                request,
                "accounts/invitation_created.html",
                {"invitation": invitation, "link": link},
            )
    return render(request, "accounts/staff_invite.html", {"form": form})


@requires(Perm.MANAGE_STAFF)
@require_POST
def invitation_revoke(request: HttpRequest, pk: int) -> HttpResponse:
    invitation = get_object_or_404(
        Invitation, pk=pk, organisation_id=staff_of(request).organisation_id, used_at__isnull=True
    )
    services.revoke_invitation(staff_of(request), invitation)
    messages.success(request, _("The invitation was revoked."))
    return redirect("accounts:staff_list")


@requires(Perm.MANAGE_STAFF)
@require_GET
def staff_detail(request: HttpRequest, pk: int) -> HttpResponse:
    member = _member(request, pk)
    return render(
        request,
        "accounts/staff_detail.html",
        {
            "member": member,
            "role_form": RoleForm(initial={"role": member.role}),
            "locked": bool(member.locked_until and member.locked_until > timezone.now()),
        },
    )


@requires(Perm.MANAGE_STAFF)
@require_POST
@fresh_auth_required
def staff_role(request: HttpRequest, pk: int) -> HttpResponse:
    member = _member(request, pk)
    form = RoleForm(request.POST)
    if not form.is_valid():
        messages.error(request, _("Choose one of the listed roles."))
    else:
        try:
            services.change_role(staff_of(request), member, form.cleaned_data["role"])
        except services.ActionRefused as exc:
            messages.error(request, str(exc))
        else:
            messages.success(request, _("The role was changed."))
    return redirect("accounts:staff_detail", pk=member.pk)


@requires(Perm.MANAGE_STAFF)
@require_POST
def staff_unlock(request: HttpRequest, pk: int) -> HttpResponse:
    member = _member(request, pk)
    services.unlock(staff_of(request), member)
    messages.success(request, _("The account was unlocked."))
    return redirect("accounts:staff_detail", pk=member.pk)


@requires(Perm.MANAGE_STAFF)
@require_POST
@fresh_auth_required
def staff_deactivate(request: HttpRequest, pk: int) -> HttpResponse:
    member = _member(request, pk)
    try:
        services.deactivate(staff_of(request), member)
    except services.ActionRefused as exc:
        messages.error(request, str(exc))
    else:
        messages.success(request, _("The account was deactivated and its sessions ended."))
    return redirect("accounts:staff_detail", pk=member.pk)


@requires(Perm.MANAGE_STAFF)
@require_POST
@fresh_auth_required
def staff_reset_second_factor(request: HttpRequest, pk: int) -> HttpResponse:
    member = _member(request, pk)
    services.reset_second_factor(staff_of(request), member)
    messages.success(request, _("Second factors removed; they will enrol again at next sign-in."))
    return redirect("accounts:staff_detail", pk=member.pk)
