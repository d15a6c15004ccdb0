"""Collaboration demo data: councils interested in challenges, pattern adoption in every status, featured collections.

Deterministic (no randomness: councils are picked by a fixed ordering) and idempotent (a challenge or pattern that
already has interest or adoption records is left alone, so edits made in the demo survive a re-run).
"""

from __future__ import annotations

import datetime
import math

from django.contrib.auth import get_user_model
from django.utils import timezone

from challenges.models import ChallengeInterest, ChallengePage, InterestRole
from councils.models import CouncilPage
from demo.base import DemoContext
from demo.dates import days_ago
from experiments.models import CollectionPage
from patterns.dashboard import counted_councils
from patterns.models import AdoptionChange, AdoptionRecord, AdoptionStatus, PatternCriterion, PatternPage

# How many councils are interested in each challenge, in page order (0 shows an empty state; 3+ meets funding).
INTEREST_COUNTS = [5, 3, 2, 1, 4, 0, 6, 2]
ROLES = [InterestRole.LEAD, InterestRole.PARTNER, InterestRole.PARTNER, InterestRole.WOULD_ADOPT, InterestRole.OBSERVER]
NOTES = [
    "We have the same problem and a team ready to start in the spring.",
    "",
    "Our contact centre logs about 400 calls a month on this.",
    "We would adopt whatever is built if it runs on our case management system.",
    "",
]
# Share of councils that have adopted each pattern, in page order: some pass the 70% target, most do not.
ADOPTION_SHARES = [0.82, 0.74, 0.58, 0.71, 0.45, 0.33, 0.21, 0.76, 0.12, 0.05, 0.64]
CRITERIA = [
    "The service follows the pattern's user journey from start to finish",
    "The data behind it is published under an open licence",
    "Residents can use it without creating an account",
]
FEATURED_COLLECTIONS = 3
# Days before the load: adoption records start about three years back; an assessment is recent, or older than the
# two-year validity (shown as expired).
FIRST_STATUS_DAYS_AGO = 1027
ASSESSED_RECENTLY_DAYS_AGO = 243
ASSESSED_LONG_AGO_DAYS_AGO = 1248


def run(demo: DemoContext) -> None:
    interests = _interests()
    records = _adoptions()
    featured = _featured_collections()
    demo.write(
        f"  Collaboration: {interests} interest(s), {records} adoption record(s), {featured} featured collection(s)"
    )


def _councils_in_fixed_order() -> list[CouncilPage]:
    # Ordering by the reversed GSS code spreads picks across nations and regions without any randomness.
    return sorted(counted_councils(), key=lambda c: c.gss_code[::-1])


# Councils with demo sign-ins join a few challenges, so their editors can see and withdraw interest.
SIGN_IN_COUNCILS = ["Leeds", "City of Bristol"]


def _interests() -> int:
    signed_in = list(CouncilPage.objects.filter(short_name__in=SIGN_IN_COUNCILS).order_by("short_name"))
    councils = signed_in + [c for c in _councils_in_fixed_order()[:60] if c not in signed_in]
    created = 0
    challenges = list(ChallengePage.objects.live().public().order_by("path"))
    already = set(ChallengeInterest.objects.values_list("challenge_id", flat=True))
    for i, challenge in enumerate(challenges):
        if challenge.pk in already:
            continue
        owner = CouncilPage.objects.ancestor_of(challenge).first()
        # The signed-in councils lead every other list; the rest rotate through the fixed order.
        rotated = signed_in + councils[i * 7 % 50 :] + councils if i % 2 == 0 else councils[i * 7 % 50 :] + councils
        candidates = [c for c in rotated if owner is None or c.pk != owner.pk]
        picks = list(dict.fromkeys(candidates))[: INTEREST_COUNTS[i % len(INTEREST_COUNTS)]]
        for j, council in enumerate(picks):
            ChallengeInterest.objects.create(
                challenge=challenge,
                council=council,
                role=ROLES[j % len(ROLES)],
                pledge_staff_days=[10, None, 5, None, 20][j % 5],
                pledge_money=[None, 5000, None, None, 15000][j % 5],
                pledge_data=j % 2 == 0,
                pledge_test_users=j % 3 == 0,
                note=NOTES[(i + j) % len(NOTES)],
            )
            created += 1
    return created


def _adoptions() -> int:
    councils = _councils_in_fixed_order()
    curator = get_user_model().objects.filter(username="north-curator").first()
    today = timezone.localdate()
    first_status = days_ago(FIRST_STATUS_DAYS_AGO, today)
    created = 0
    for i, pattern in enumerate(PatternPage.objects.live().public().order_by("path")):
        if not pattern.criteria.exists():
            PatternCriterion.objects.bulk_create(
                PatternCriterion(pattern=pattern, text=text, sort_order=n) for n, text in enumerate(CRITERIA)
            )
        if AdoptionRecord.objects.filter(pattern=pattern).exists():
            continue
        # Rotate the order per pattern so each has a different set of adopters.
        start = (i * 37) % len(councils) if councils else 0
        ordered = councils[start:] + councils[:start]
        adopted = math.ceil(ADOPTION_SHARES[i % len(ADOPTION_SHARES)] * len(ordered))
        working_on = adopted + max(1, len(ordered) // 12)
        records = []
        for n, council in enumerate(ordered[:working_on]):
            status_date = first_status + datetime.timedelta(days=(n * 37 + i * 11) % 900)
            record = AdoptionRecord(pattern=pattern, council=council, status_date=status_date)
            if n >= adopted:
                record.status = AdoptionStatus.PLANNED if n % 2 else AdoptionStatus.IN_PROGRESS
            elif n % 5 == 0:
                record.status = AdoptionStatus.COMPLIANT
                record.assessed_on = days_ago(
                    ASSESSED_LONG_AGO_DAYS_AGO if n % 4 == 0 else ASSESSED_RECENTLY_DAYS_AGO, today
                )
                record.assessed_by = curator
            else:
                record.status = AdoptionStatus.ADOPTED
            if record.status in (AdoptionStatus.ADOPTED, AdoptionStatus.COMPLIANT):
                record.evidence_url = f"{council.website or 'https://www.example.gov.uk'}".rstrip("/") + "/services"
            records.append(record)
        AdoptionRecord.objects.bulk_create(records)
        saved = AdoptionRecord.objects.filter(pattern=pattern)
        AdoptionChange.objects.bulk_create(
            AdoptionChange(
                record=r,
                status=r.status,
                status_date=r.status_date,
                evidence_url=r.evidence_url,
                changed_by=r.assessed_by,
                note="Assessed as compliant" if r.assessed_on else "Recorded by the council (demo data)",
            )
            for r in saved
        )
        created += len(records)
    return created


def _featured_collections() -> int:
    if CollectionPage.objects.filter(featured=True).exists():
        return CollectionPage.objects.filter(featured=True).count()
    first = list(CollectionPage.objects.live().public().order_by("path").values_list("pk", flat=True))
    return CollectionPage.objects.filter(pk__in=first[:FEATURED_COLLECTIONS]).update(featured=True)
