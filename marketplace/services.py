"""Operations on the marketplace: reports over the register and buying groups.

Views, the import command, the demo and tests all call these functions.
"""

from __future__ import annotations

import calendar
import dataclasses
import datetime
from collections import defaultdict
from dataclasses import dataclass

from django.contrib.auth.models import User
from django.core.exceptions import PermissionDenied
from django.db import IntegrityError, transaction
from django.db.models import Avg, Q, QuerySet
from django.utils import timezone
from wagtail.models import Page

from core.links import absolute_url
from core.mail import send_email
from councils.membership import AnyUser, council_for, staff_emails
from councils.models import CouncilPage, Region, ServiceArea
from marketplace import access
from marketplace.models import COST_BAND_BOUNDS, BuyingGroup, BuyingGroupMember, CouncilSystem, Product

DEFAULT_WINDOW_MONTHS = 18
MAX_WINDOW_MONTHS = 60


class BuyingGroupError(ValueError):
    """A buying group change that cannot be made (shown to the user as a plain message)."""


def add_months(day: datetime.date, months: int) -> datetime.date:
    month_index = day.month - 1 + months
    year, month = day.year + month_index // 12, month_index % 12 + 1
    # Clamp the day: 31 January plus one month is the end of February.
    return datetime.date(year, month, min(day.day, calendar.monthrange(year, month)[1]))


def months_between(start: datetime.date, end: datetime.date) -> int:
    return (end.year - start.year) * 12 + end.month - start.month


# --- Product page -------------------------------------------------------------------------------------------------


@dataclass(frozen=True)
class ProductUsage:
    by_service_area: list[tuple[ServiceArea, list[CouncilSystem]]]
    council_count: int
    average_satisfaction: float | None  # None when not rated, or withheld from the public
    rated_by: int  # councils that rated it (0 when withheld)
    rating_withheld: bool = False  # too few councils have rated it to show the public an average


def product_usage(product: Product, *, show_private: bool = False) -> ProductUsage:
    """Who uses the product. Satisfaction is private: the public gets its average only from enough councils."""
    systems = list(
        product.council_systems.select_related("council", "council__region", "service_area").order_by(
            "service_area__name", "council__title"
        )
    )
    grouped: dict[ServiceArea, list[CouncilSystem]] = defaultdict(list)
    for system in systems:
        grouped[system.service_area].append(system)
    rated = product.council_systems.filter(satisfaction__isnull=False)
    rated_by = rated.values("council").distinct().count()
    usage = ProductUsage(
        by_service_area=list(grouped.items()),
        council_count=len({s.council_id for s in systems}),
        average_satisfaction=None,
        rated_by=0,
    )
    if not show_private and rated_by < access.MIN_COUNCILS_FOR_PUBLIC_FIGURES:
        # The same answer for none, one and two councils: even "rated by 1" would say one council has a rating.
        return dataclasses.replace(usage, rating_withheld=True)
    average = rated.aggregate(avg=Avg("satisfaction"))["avg"]
    if average is None:
        return usage
    return dataclasses.replace(usage, average_satisfaction=round(float(average), 1), rated_by=rated_by)


def case_studies_using(product: Product) -> QuerySet:
    """Live, public case studies linked to the product (drafts and private pages stay hidden)."""
    return product.case_studies.live().public().order_by("-first_published_at")


def patterns_supported(product: Product) -> QuerySet:
    # The manager is PatternPage's PageManager (live, public), which the stubs cannot see: Wagtail ships no types.
    return product.supported_patterns.live().public().order_by("title")  # type: ignore[attr-defined]


# --- Contracts ending soon ----------------------------------------------------------------------------------------


@dataclass(frozen=True)
class EndingReport:
    service_area: ServiceArea
    window_start: datetime.date
    window_end: datetime.date
    months: int
    systems: list[CouncilSystem]
    by_region: list[tuple[Region, list[CouncilSystem]]]
    by_product: list[tuple[Product, list[CouncilSystem]]]


def contracts_ending(
    service_area: ServiceArea, months: int = DEFAULT_WINDOW_MONTHS, today: datetime.date | None = None
) -> EndingReport:
    """Councils whose contract for this service area ends from today to `months` ahead, soonest first."""
    if not 1 <= months <= MAX_WINDOW_MONTHS:
        raise ValueError(f"The window must be between 1 and {MAX_WINDOW_MONTHS} months.")
    start = today or timezone.localdate()
    end = add_months(start, months)
    systems = list(
        CouncilSystem.objects.filter(service_area=service_area, contract_end__gte=start, contract_end__lte=end)
        .select_related("council", "council__region", "product", "product__supplier")
        .order_by("contract_end", "council__title")
    )
    by_region: dict[Region, list[CouncilSystem]] = defaultdict(list)
    by_product: dict[Product, list[CouncilSystem]] = defaultdict(list)
    for system in systems:
        by_region[system.council.region].append(system)
        by_product[system.product].append(system)
    return EndingReport(
        service_area=service_area,
        window_start=start,
        window_end=end,
        months=months,
        systems=systems,
        by_region=sorted(by_region.items(), key=lambda item: item[0].name),
        by_product=sorted(by_product.items(), key=lambda item: (-len(item[1]), item[0].name)),
    )


# --- Buying groups ------------------------------------------------------------------------------------------------


def visible_groups(user: AnyUser) -> QuerySet[BuyingGroup]:
    """Council members see every group (so they can find one to join); curators see their regions' groups."""
    groups = BuyingGroup.objects.select_related("service_area", "started_by", "pattern")
    if access.can_see_private(user):
        return groups
    regions = access.curator_regions(user)
    return groups.filter(Q(started_by__region__in=regions) | Q(members__council__region__in=regions)).distinct()


def _acting_member(user: AnyUser) -> tuple[User, CouncilPage]:
    """The signed-in council member and their council: only they may start or join a buying group."""
    council = council_for(user)
    if council is None or not user.is_authenticated:
        raise PermissionDenied("Only signed-in council members can start or join a buying group.")
    return user, council


def _current_contract_end(council: CouncilPage, service_area: ServiceArea) -> datetime.date | None:
    system = CouncilSystem.objects.filter(council=council, service_area=service_area).first()
    return system.contract_end if system else None


@transaction.atomic
def start_buying_group(
    user: AnyUser,
    *,
    name: str,
    service_area: ServiceArea,
    target_contract_date: datetime.date,
    pattern: Page | None = None,
    description: str = "",
    current_contract_end: datetime.date | None = None,
) -> BuyingGroup:
    """The user's council starts a group and is its first member."""
    signed_in, council = _acting_member(user)
    group = BuyingGroup.objects.create(
        name=name,
        service_area=service_area,
        started_by=council,
        pattern=pattern,
        target_contract_date=target_contract_date,
        description=description,
    )
    BuyingGroupMember.objects.create(
        group=group,
        council=council,
        current_contract_end=current_contract_end or _current_contract_end(council, service_area),
        joined_by=signed_in,
    )
    return group


def join_buying_group(
    user: AnyUser, group: BuyingGroup, current_contract_end: datetime.date | None = None
) -> BuyingGroupMember:
    """The user's council joins the group, once; the other members are told by email."""
    signed_in, council = _acting_member(user)
    if group.members.filter(council=council).exists():
        raise BuyingGroupError(f"{council.title} is already a member of this buying group.")
    try:
        with transaction.atomic():
            member = BuyingGroupMember.objects.create(
                group=group,
                council=council,
                current_contract_end=current_contract_end or _current_contract_end(council, group.service_area),
                joined_by=signed_in,
            )
            # Queued in the same transaction as the membership it reports.
            notify_members_of_join(member)
    except IntegrityError as error:  # two people from one council joining at the same moment
        raise BuyingGroupError(f"{council.title} is already a member of this buying group.") from error
    return member


def member_contact_emails(member: BuyingGroupMember) -> list[str]:
    """Whoever joined for the council; failing that, the council's staff."""
    if member.joined_by and member.joined_by.email and member.joined_by.is_active:
        return [member.joined_by.email]
    return staff_emails(member.council)


def notify_members_of_join(new_member: BuyingGroupMember) -> int:
    group = new_member.group
    others = group.members.exclude(pk=new_member.pk).select_related("council", "joined_by")
    recipients = sorted({email for member in others for email in member_contact_emails(member)})
    if not recipients:
        return 0
    subject = f"{new_member.council.title} joined the buying group: {group.name}"
    body = (
        f"{new_member.council.title} has joined the buying group '{group.name}' "
        f"for {group.service_area.name}.\n\n"
        f"The group now has {group.members.count()} member councils.\n"
        f"See the group: {absolute_url(group.get_absolute_url())}\n"
    )
    # One message (and one task, retried on its own) per recipient, so no member sees another's address.
    for email in recipients:
        send_email.enqueue(subject=subject, body=body, to=[email])
    return len(recipients)


@dataclass(frozen=True)
class GroupSummary:
    members: list[BuyingGroupMember]
    spend_low: int
    spend_high: int | None  # None: at least one member is in the open-ended top band
    spend_unknown: int  # members with no cost band recorded
    earliest_end: datetime.date | None
    latest_end: datetime.date | None
    end_spread_months: int | None

    @property
    def spend_label(self) -> str:
        if self.spend_unknown == len(self.members):
            return "Not known"
        if self.spend_high is None:
            return f"£{self.spend_low:,} or more a year"
        return f"£{self.spend_low:,} to £{self.spend_high:,} a year"


def group_summary(group: BuyingGroup) -> GroupSummary:
    members = list(group.members.select_related("council", "council__region").order_by("current_contract_end"))
    bands = dict(
        CouncilSystem.objects.filter(
            service_area=group.service_area, council__in=[m.council_id for m in members]
        ).values_list("council_id", "annual_cost_band")
    )
    low, unknown = 0, 0
    high: int | None = 0
    for member in members:
        band = bands.get(member.council_id) or ""
        if band not in COST_BAND_BOUNDS:
            unknown += 1
            continue
        band_low, band_high = COST_BAND_BOUNDS[band]
        low += band_low
        high = None if high is None or band_high is None else high + band_high
    ends = sorted(m.current_contract_end for m in members if m.current_contract_end)
    return GroupSummary(
        members=members,
        spend_low=low,
        spend_high=high,
        spend_unknown=unknown,
        earliest_end=ends[0] if ends else None,
        latest_end=ends[-1] if ends else None,
        end_spread_months=months_between(ends[0], ends[-1]) if ends else None,
    )
