"""Actions on shared challenges: councils registering and withdrawing interest ("we have this challenge too")."""

from __future__ import annotations

from dataclasses import dataclass, field

from django.conf import settings
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import IntegrityError, transaction
from django.db.models import QuerySet

from challenges.models import ChallengeInterest, ChallengePage, InterestRole
from core.links import page_url
from core.mail import send_email
from councils.membership import AnyUser, council_for, is_member, staff_emails
from councils.models import CouncilPage


class InterestError(ValueError):
    """An interest change that cannot be made; the message is shown to the user."""


@dataclass(frozen=True)
class Pledge:
    staff_days: int | None = None
    money: int | None = None
    data: bool = False
    test_users: bool = False


@dataclass(frozen=True)
class InterestSummary:
    """What the challenge page shows: interested councils by role, and whether there are enough to bid for funding."""

    by_role: list[tuple[str, list[ChallengeInterest]]] = field(default_factory=list)
    count: int = 0
    funding_minimum: int = 3

    @property
    def enough_for_funding(self) -> bool:
        return self.count >= self.funding_minimum

    @property
    def still_needed(self) -> int:
        return max(self.funding_minimum - self.count, 0)


def _challenge_is_public(challenge: ChallengePage) -> bool:
    return ChallengePage.objects.live().public().filter(pk=challenge.pk).exists()


def owner_of(challenge: ChallengePage) -> CouncilPage | None:
    """The council that published the challenge (its parent page)."""
    return CouncilPage.objects.ancestor_of(challenge).first()


def own_challenge_message(council: CouncilPage) -> str:
    return (
        f"{council.title} published this challenge, so it cannot register interest in it. "
        "Other councils that have the same challenge can register theirs."
    )


def register_interest(
    user: AnyUser,
    challenge: ChallengePage,
    role: str,
    pledge: Pledge | None = None,
    note: str = "",
) -> ChallengeInterest:
    """Register the user's council's interest in a live, public challenge, and tell the challenge's owners."""
    council = council_for(user)
    if council is None or not user.is_authenticated:
        raise PermissionDenied("Only members of a council can register interest.")
    if role not in InterestRole.values:
        raise InterestError("Choose a role.")
    if not _challenge_is_public(challenge):
        raise InterestError("This challenge is not published.")
    if owner_of(challenge) == council:
        raise InterestError(own_challenge_message(council))
    pledge = pledge or Pledge()
    interest = ChallengeInterest(
        challenge=challenge,
        council=council,
        role=role,
        pledge_staff_days=pledge.staff_days,
        pledge_money=pledge.money,
        pledge_data=pledge.data,
        pledge_test_users=pledge.test_users,
        note=note.strip(),
        registered_by=user,
    )
    try:
        interest.full_clean(validate_unique=False, validate_constraints=False)  # the database checks those below
    except ValidationError as error:
        raise InterestError(error.messages[0]) from None
    try:
        with transaction.atomic():
            interest.save()
            # Queued in the same transaction: the owners hear of exactly the interest that was saved.
            notify_owners(interest)
    except IntegrityError:
        raise InterestError(f"{council.title} has already registered interest in this challenge.") from None
    return interest


def withdraw_interest(user: AnyUser, interest: ChallengeInterest) -> None:
    """Only a member of the interested council (or a site admin) may withdraw its interest."""
    if not (user.is_authenticated and (user.is_superuser or is_member(user, interest.council))):
        raise PermissionDenied("You can only withdraw your own council's interest.")
    interest.delete()


def notify_owners(interest: ChallengeInterest) -> int:
    """Queue an email to the owning council's editors and members (the worker sends it). Returns how many
    addresses it is for."""
    challenge = interest.challenge
    owner = owner_of(challenge)
    if owner is None:
        return 0
    recipients = staff_emails(owner)
    if not recipients:
        return 0
    count = ChallengeInterest.objects.filter(challenge=challenge).exclude(council=owner).count()
    pledges = ", ".join(interest.pledges) or "none"
    send_email.enqueue(
        subject=f"{interest.council.title} is interested in '{challenge.title}'",
        body=(
            f"{interest.council.title} has registered interest in your shared challenge '{challenge.title}'.\n\n"
            f"Role: {interest.get_role_display()}\nPledge: {pledges}\n"
            + (f"Note: {interest.note}\n" if interest.note else "")
            + f"\n{count} council{'s' if count != 1 else ''} now interested in total.\n"
            f"{page_url(challenge)}\n"
        ),
        to=recipients,
    )
    return len(recipients)


def interest_summary(challenge: ChallengePage) -> InterestSummary:
    """Interest from councils other than the publisher (an interest the publisher registered before that was
    refused does not count towards the funding threshold)."""
    owner = owner_of(challenge)
    interests = list(
        ChallengeInterest.objects.filter(challenge=challenge)
        .exclude(council=owner)
        .select_related("council", "registered_by")
        .order_by("council__title")
    )
    by_role = [
        (label, [i for i in interests if i.role == value])
        for value, label in InterestRole.choices
        if any(i.role == value for i in interests)
    ]
    return InterestSummary(
        by_role=by_role, count=len(interests), funding_minimum=settings.COLLABORATIVE_FUNDING_MIN_COUNCILS
    )


def most_interested(limit: int = 5, owner: CouncilPage | None = None) -> QuerySet[ChallengePage]:
    """Live, public challenges with the most councils interested (optionally only one council's own)."""
    challenges = ChallengePage.objects.live().public()
    if owner is not None:
        challenges = challenges.descendant_of(owner)
    return (
        challenges.annotate(interest_count=ChallengePage.partner_count())
        .filter(interest_count__gt=0)
        .order_by("-interest_count", "title")[:limit]
    )
