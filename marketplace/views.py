"""Marketplace pages. Private register details are shown only where marketplace.access allows."""

from __future__ import annotations

from collections.abc import Callable
from functools import wraps

from django.contrib import messages
from django.contrib.auth.views import redirect_to_login
from django.core.exceptions import PermissionDenied
from django.db.models import Count
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.views.decorators.http import require_POST

from councils.membership import council_for
from councils.models import CouncilPage, ServiceArea
from marketplace import access, services
from marketplace.forms import CouncilSystemForm, EndingForm, JoinGroupForm, StartGroupForm
from marketplace.models import BuyingGroup, CouncilSystem, Product
from marketplace.timeline import build_timeline

View = Callable[..., HttpResponse]


def members_only(check: Callable[..., bool] = access.can_see_private) -> Callable[[View], View]:
    """Anonymous visitors are sent to sign in; signed-in people without access get a 403."""

    def decorator(view: View) -> View:
        @wraps(view)
        def wrapped(request: HttpRequest, *args: object, **kwargs: object) -> HttpResponse:
            if not request.user.is_authenticated:
                return redirect_to_login(request.get_full_path())
            if not check(request.user):
                raise PermissionDenied("Only signed-in council members can see this.")
            return view(request, *args, **kwargs)

        return wrapped

    return decorator


def landing(request: HttpRequest) -> HttpResponse:
    """What the marketplace holds and where each part is; the private parts say who may see them."""
    council = council_for(request.user)
    context = {
        "council": council,
        "products": Product.objects.count(),
        "suppliers": Product.objects.values("supplier").distinct().count(),
        "signed_in": request.user.is_authenticated,
    }
    return render(request, "marketplace/landing.html", context)


def product_list(request: HttpRequest) -> HttpResponse:
    products = Product.objects.select_related("supplier").annotate(
        councils=Count("council_systems__council", distinct=True)
    )
    return render(request, "marketplace/product_list.html", {"products": products})


def product_detail(request: HttpRequest, pk: int) -> HttpResponse:
    product = get_object_or_404(Product.objects.select_related("supplier"), pk=pk)
    context = {
        "product": product,
        "usage": services.product_usage(product, show_private=access.can_see_private(request.user)),
        "case_studies": services.case_studies_using(product),
        "patterns": services.patterns_supported(product),
        "service_areas": product.service_areas.all(),
        "show_private": access.can_see_private(request.user),
        "min_councils": access.MIN_COUNCILS_FOR_PUBLIC_FIGURES,
    }
    return render(request, "marketplace/product_detail.html", context)


def council_register(request: HttpRequest, gss_code: str) -> HttpResponse:
    council = get_object_or_404(CouncilPage.objects.live().public(), gss_code=gss_code)
    systems = council.systems.select_related("service_area", "product", "product__supplier")
    context = {
        "council": council,
        "systems": systems,
        "show_private": access.can_see_private(request.user),
        "can_edit": access.can_edit_register(request.user, council),
    }
    return render(request, "marketplace/council_register.html", context)


def _editable_council(request: HttpRequest, council: CouncilPage) -> None:
    if not access.can_edit_register(request.user, council):
        raise PermissionDenied("Only this council's editors can change its systems register.")


def register_add(request: HttpRequest, gss_code: str) -> HttpResponse:
    if not request.user.is_authenticated:
        return redirect_to_login(request.get_full_path())
    council = get_object_or_404(CouncilPage, gss_code=gss_code)
    _editable_council(request, council)
    form = CouncilSystemForm(request.POST or None, council=council)
    if request.method == "POST" and form.is_valid():
        form.save()
        messages.success(request, "System added to the register.")
        return redirect("marketplace:council_register", gss_code=council.gss_code)
    context = {"form": form, "council": council, "adding": True}
    return render(request, "marketplace/register_form.html", context, status=400 if form.errors else 200)


def register_edit(request: HttpRequest, pk: int) -> HttpResponse:
    if not request.user.is_authenticated:
        return redirect_to_login(request.get_full_path())
    system = get_object_or_404(CouncilSystem.objects.select_related("council"), pk=pk)
    _editable_council(request, system.council)
    form = CouncilSystemForm(request.POST or None, instance=system, council=system.council)
    if request.method == "POST" and form.is_valid():
        form.save()
        messages.success(request, "Register entry updated.")
        return redirect("marketplace:council_register", gss_code=system.council.gss_code)
    context = {"form": form, "council": system.council, "system": system, "adding": False}
    return render(request, "marketplace/register_form.html", context, status=400 if form.errors else 200)


def register_delete(request: HttpRequest, pk: int) -> HttpResponse:
    if not request.user.is_authenticated:
        return redirect_to_login(request.get_full_path())
    system = get_object_or_404(CouncilSystem.objects.select_related("council", "service_area", "product"), pk=pk)
    _editable_council(request, system.council)
    if request.method == "POST":
        system.delete()
        messages.success(request, "Register entry removed.")
        return redirect("marketplace:council_register", gss_code=system.council.gss_code)
    return render(request, "marketplace/register_delete.html", {"system": system, "council": system.council})


@members_only()
def contracts_ending(request: HttpRequest) -> HttpResponse:
    form = EndingForm(request.GET or None)
    report = timeline = None
    if form.is_bound and form.is_valid():
        months = form.cleaned_data["months"] or services.DEFAULT_WINDOW_MONTHS
        report = services.contracts_ending(form.cleaned_data["service_area"], months)
        items = [(s.council.title, s.product.name, s.contract_end) for s in report.systems if s.contract_end]
        timeline = build_timeline(items, report.window_start, report.window_end)
    status = 400 if form.is_bound and not form.is_valid() else 200
    context = {"form": form, "report": report, "timeline": timeline, "service_areas": ServiceArea.objects.all()}
    return render(request, "marketplace/contracts_ending.html", context, status=status)


@members_only(access.can_see_buying_groups)
def group_list(request: HttpRequest) -> HttpResponse:
    groups = services.visible_groups(request.user).annotate(member_count=Count("members", distinct=True))
    context = {
        "groups": groups,
        "can_start": council_for(request.user) is not None,
        "curator_regions": access.curator_regions(request.user),
    }
    return render(request, "marketplace/group_list.html", context)


@members_only(lambda user: council_for(user) is not None)
def group_start(request: HttpRequest) -> HttpResponse:
    form = StartGroupForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        group = services.start_buying_group(
            request.user,
            name=data["name"],
            service_area=data["service_area"],
            target_contract_date=data["target_contract_date"],
            pattern=data["pattern"],
            description=data["description"],
            current_contract_end=data["current_contract_end"],
        )
        messages.success(request, "Buying group started. Your council is its first member.")
        return redirect(group)
    return render(request, "marketplace/group_start.html", {"form": form}, status=400 if form.errors else 200)


def _group_page(
    request: HttpRequest, group: BuyingGroup, form: JoinGroupForm, status: int = 200, error: str = ""
) -> HttpResponse:
    council = council_for(request.user)
    context = {
        "group": group,
        "summary": services.group_summary(group),
        "council": council,
        "is_member": council is not None and group.members.filter(council=council).exists(),
        "form": form,
        "error": error,
    }
    return render(request, "marketplace/group_detail.html", context, status=status)


@members_only(access.can_see_buying_groups)
def group_detail(request: HttpRequest, pk: int) -> HttpResponse:
    return _group_page(request, get_object_or_404(services.visible_groups(request.user), pk=pk), JoinGroupForm())


@require_POST
@members_only(lambda user: council_for(user) is not None)
def group_join(request: HttpRequest, pk: int) -> HttpResponse:
    group = get_object_or_404(BuyingGroup, pk=pk)
    form = JoinGroupForm(request.POST)
    if not form.is_valid():
        return _group_page(request, group, form, status=400)
    try:
        services.join_buying_group(request.user, group, form.cleaned_data["current_contract_end"])
    except services.BuyingGroupError as error:
        return _group_page(request, group, form, status=409, error=str(error))
    messages.success(request, "Your council has joined the buying group.")
    return redirect(group)
