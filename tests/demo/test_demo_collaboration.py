"""The collaboration demo step fills every feature and is idempotent."""

from __future__ import annotations

from challenges.models import ChallengeInterest
from demo import collaboration
from demo.base import DemoContext
from patterns.dashboard import build_dashboard
from patterns.models import AdoptionRecord, AdoptionStatus
from tests.factories import content as make


def test_demo_step_covers_every_status_and_is_idempotent(home, councils, yorkshire_centre):
    leeds = councils["Leeds"]
    for n in range(4):
        make.challenge(leeds, f"Demo challenge {n}")
    for share in collaboration.ADOPTION_SHARES[:3]:
        make.pattern(f"Demo pattern {share}")
    make.collection(yorkshire_centre, "Demo collection", [])
    demo = DemoContext(home=home, write=lambda line: None)

    collaboration.run(demo)
    snapshot = (
        list(ChallengeInterest.objects.order_by("pk").values_list("challenge_id", "council_id", "role")),
        list(AdoptionRecord.objects.order_by("pk").values_list("pattern_id", "council_id", "status")),
    )
    assert ChallengeInterest.objects.exists()
    assert set(AdoptionRecord.objects.values_list("status", flat=True)) == set(AdoptionStatus.values)
    shares = [item.national.meets_target for item in build_dashboard().patterns]
    assert True in shares and False in shares  # some patterns pass 70%, some do not

    collaboration.run(demo)
    assert snapshot == (
        list(ChallengeInterest.objects.order_by("pk").values_list("challenge_id", "council_id", "role")),
        list(AdoptionRecord.objects.order_by("pk").values_list("pattern_id", "council_id", "status")),
    )
