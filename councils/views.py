"""Council membership, managed by that council's editors and by site admins."""

from __future__ import annotations

from django import forms
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.contrib.auth.models import User
from django.core.exceptions import PermissionDenied
from django.db.models import Q
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.views.decorators.http import require_http_methods, require_POST

from councils import membership
from councils.models import CouncilMembership, CouncilPage


class AddMemberForm(forms.Form):
    user = forms.CharField(
        label="Username or email address",
        max_length=254,
        help_text="They must already have an account on this site.",
    )

    def clean_user(self) -> User:
        value = self.cleaned_data["user"].strip()
        matches = list(User.objects.filter(Q(username__iexact=value) | Q(email__iexact=value), is_active=True)[:2])
        if len(matches) != 1:
            raise forms.ValidationError("Enter the username or email address of one existing account")
        return matches[0]


def _managed_council(request: HttpRequest, gss_code: str) -> CouncilPage:
    council = get_object_or_404(CouncilPage, gss_code=gss_code)
    if not membership.can_manage_members(request.user, council):
        raise PermissionDenied("Only this council's editors and site administrators can manage its members.")
    return council


@login_required
@require_http_methods(["GET", "POST"])
def members(request: HttpRequest, gss_code: str) -> HttpResponse:
    council = _managed_council(request, gss_code)
    form = AddMemberForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            membership.add_member(request.user, council, form.cleaned_data["user"])
        except membership.MembershipError as error:
            form.add_error("user", str(error))
        else:
            messages.success(request, f"{form.cleaned_data['user'].get_username()} is now a member of {council.title}.")
            return redirect("council_members", gss_code=council.gss_code)
    return render(
        request,
        "councils/members.html",
        {
            "council": council,
            "memberships": CouncilMembership.objects.filter(council=council).select_related("user"),
            "form": form,
        },
        status=400 if request.method == "POST" else 200,
    )


@login_required
@require_POST
def remove_member(request: HttpRequest, gss_code: str, user_id: int) -> HttpResponse:
    council = _managed_council(request, gss_code)
    user = get_object_or_404(User, pk=user_id)
    try:
        membership.remove_member(request.user, council, user)
    except membership.MembershipError as error:
        messages.error(request, str(error))
    else:
        messages.success(request, f"{user.get_username()} is no longer a member of {council.title}.")
    return redirect("council_members", gss_code=council.gss_code)
