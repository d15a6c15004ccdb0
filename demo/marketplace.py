"""Marketplace demo: fictional suppliers and products, systems registers for 44 councils, two buying groups.

Every supplier and product name is invented. Contract dates are set relative to the day the demo is first loaded,
so "contracts ending soon" always has data; existing entries are never changed (idempotent).
"""

from __future__ import annotations

import datetime
import random

from django.utils import timezone

from challenges.models import CaseStudyPage
from demo.base import DemoContext
from marketplace.models import BuyingGroup, BuyingGroupMember, CostBand, CouncilSystem, Licence, Product, Supplier
from marketplace.services import add_months
from patterns.models import PatternPage

OPEN, PROPRIETARY = Licence.OPEN_SOURCE, Licence.PROPRIETARY
# supplier: (Companies House number, website)
SUPPLIERS = {
    "Legacy Municipal Systems plc": ("09990001", "https://legacy-municipal.example"),
    "Civic Routes Ltd": ("09990002", "https://civic-routes.example"),
    "Open Waste Co-operative": ("", "https://openwaste.example"),
    "Tenancy Tech Ltd": ("09990004", "https://tenancy-tech.example"),
    "Open Housing Commons CIC": ("", "https://openhousing.example"),
    "Clearwater Public Software Ltd": ("SC999005", "https://clearwater.example"),
    "Carewise Systems Ltd": ("09990006", "https://carewise.example"),
    "Bright Path Digital Ltd": ("09990007", "https://brightpath.example"),
    "Open Civic Tools CIC": ("", "https://opencivictools.example"),
}
# (product, supplier, service area, open APIs, licence, weight: how common it is)
PRODUCTS = [
    ("BinMaster Enterprise", "Legacy Municipal Systems plc", "Waste and recycling", False, PROPRIETARY, 5),
    ("RoundSight", "Civic Routes Ltd", "Waste and recycling", True, PROPRIETARY, 3),
    ("OpenWaste", "Open Waste Co-operative", "Waste and recycling", True, OPEN, 1),
    ("Housing Suite 9", "Legacy Municipal Systems plc", "Housing", False, PROPRIETARY, 5),
    ("HomeLedger", "Tenancy Tech Ltd", "Housing", True, PROPRIETARY, 3),
    ("OpenHousing", "Open Housing Commons CIC", "Housing", True, OPEN, 1),
    ("RevBen Pro", "Legacy Municipal Systems plc", "Council tax and benefits", False, PROPRIETARY, 6),
    ("ClearRevenues", "Clearwater Public Software Ltd", "Council tax and benefits", True, PROPRIETARY, 2),
    ("CareRecord One", "Carewise Systems Ltd", "Adult social care", False, PROPRIETARY, 5),
    ("CommunityCare Cloud", "Clearwater Public Software Ltd", "Adult social care", True, PROPRIETARY, 2),
    ("ChildView", "Carewise Systems Ltd", "Children's services and SEND", False, PROPRIETARY, 4),
    ("SEND Connect", "Bright Path Digital Ltd", "Children's services and SEND", True, PROPRIETARY, 2),
    ("Planning Office 7", "Legacy Municipal Systems plc", "Planning and building control", False, PROPRIETARY, 4),
    ("PlanCheck", "Bright Path Digital Ltd", "Planning and building control", True, PROPRIETARY, 2),
    ("ContactHub CRM", "Legacy Municipal Systems plc", "Customer contact", False, PROPRIETARY, 4),
    ("FormFlow", "Clearwater Public Software Ltd", "Customer contact", True, PROPRIETARY, 2),
    ("StreetReport", "Open Civic Tools CIC", "Customer contact", True, OPEN, 2),
]
COUNCILS = [
    "Leeds",
    "Bradford",
    "Sheffield",
    "Wakefield",
    "Kirklees",
    "Calderdale",
    "York",
    "Kingston upon Hull",
    "City of Bristol",
    "Bath and North East Somerset",
    "Cornwall",
    "Devon",
    "Plymouth",
    "Southwark",
    "Hackney",
    "Lambeth",
    "Camden",
    "Tower Hamlets",
    "Greenwich",
    "Kent",
    "Surrey",
    "Hampshire",
    "Brighton and Hove",
    "Birmingham",
    "Coventry",
    "Wolverhampton",
    "Nottingham",
    "Derby",
    "Leicester",
    "Manchester",
    "Stockport",
    "Wigan",
    "Liverpool",
    "Newcastle upon Tyne",
    "Sunderland",
    "Norfolk",
    "Suffolk",
    "Cambridgeshire",
    "Cardiff",
    "Swansea",
    "Gwynedd",
    "City of Edinburgh",
    "Glasgow City",
    "Belfast",
]
# (council, case study slug, product): case studies already name these products in free text.
CASE_STUDY_PRODUCTS = [
    ("Leeds", "bin-collection-text-alerts", "RoundSight"),
    ("Hackney", "open-source-waste-platform", "OpenWaste"),
    ("Southwark", "damp-mould-triage", "HomeLedger"),
    ("Birmingham", "automatic-council-tax-reduction", "ClearRevenues"),
    ("Nottingham", "report-a-pothole", "StreetReport"),
    ("Kent", "planning-validation-checks", "PlanCheck"),
    ("Cardiff", "welsh-first-forms", "FormFlow"),
]
PRODUCT_PATTERNS = [
    ("RoundSight", "proactive-bin-collection-alerts"),
    ("OpenWaste", "proactive-bin-collection-alerts"),
    ("StreetReport", "report-a-problem-on-a-map"),
    ("HomeLedger", "damp-and-mould-risk-triage"),
]
BANDS_BY_SIZE = {
    "big": [CostBand.FROM_250K, CostBand.FROM_500K, CostBand.OVER_1M],
    "small": [CostBand.UNDER_50K, CostBand.FROM_50K, CostBand.FROM_100K],
}
BIG_TYPES = {"county", "metropolitan district", "unitary (Scotland)"}


def _catalogue() -> dict[str, Product]:
    suppliers = {}
    for name, (number, website) in SUPPLIERS.items():
        suppliers[name], _ = Supplier.objects.get_or_create(
            name=name, defaults={"companies_house_number": number, "website": website}
        )
    products = {}
    for name, supplier, _, open_apis, licence, _ in PRODUCTS:
        products[name], _ = Product.objects.get_or_create(
            name=name,
            supplier=suppliers[supplier],
            defaults={
                "open_apis": open_apis,
                "licence": licence,
                "description": f"Demo product (invented) from {supplier}.",
            },
        )
    return products


def _registers(demo: DemoContext, products: dict[str, Product], today: datetime.date) -> int:
    rng = random.Random(7)  # same register every time the demo is built
    areas = sorted({area for _, _, area, *_ in PRODUCTS})
    created = 0
    for short_name in COUNCILS:
        council = demo.council(short_name)
        size = "big" if council.council_type in BIG_TYPES else "small"
        for area_name in rng.sample(areas, k=rng.randint(4, len(areas))):
            options = [p for p in PRODUCTS if p[2] == area_name]
            choice = rng.choices(options, weights=[p[5] for p in options])[0]
            product = products[choice[0]]
            end = add_months(today, rng.randint(1, 36))
            _, made = CouncilSystem.objects.get_or_create(
                council=council,
                service_area=demo.service_area(area_name),
                defaults={
                    "product": product,
                    "contract_start": add_months(end, -12 * rng.randint(3, 7)),
                    "contract_end": end,
                    "annual_cost_band": rng.choice(BANDS_BY_SIZE[size]),
                    "satisfaction": rng.choice([1, 2, 2, 3, 3, 3, 4, 4, 5]) if rng.random() > 0.1 else None,
                    "integrates_via_open_api": product.open_apis and rng.random() < 0.7,
                    "notes": rng.choice(["", "", "Extension option of two years.", "Exit plan drafted."]),
                },
            )
            created += made
            product.service_areas.add(demo.service_area(area_name))
    return created


def _links(demo: DemoContext, products: dict[str, Product]) -> None:
    through = CaseStudyPage.product_records.through
    for council, slug, product in CASE_STUDY_PRODUCTS:
        study = demo.find(CaseStudyPage, demo.council(council), slug)
        if study is not None:
            through.objects.get_or_create(casestudypage_id=study.pk, product_id=products[product].pk)
    for product, slug in PRODUCT_PATTERNS:
        pattern = PatternPage.objects.filter(slug=slug).first()
        if pattern is not None:
            products[product].supported_patterns.add(pattern)


def _group(demo: DemoContext, name: str, area: str, starter: str, others: list[str], **fields: object) -> None:
    if BuyingGroup.objects.filter(name=name).exists():
        return
    group = BuyingGroup.objects.create(
        name=name, service_area=demo.service_area(area), started_by=demo.council(starter), **fields
    )
    for short_name in [starter, *others]:
        council = demo.council(short_name)
        system = CouncilSystem.objects.filter(council=council, service_area=group.service_area).first()
        BuyingGroupMember.objects.create(
            group=group, council=council, current_contract_end=system.contract_end if system else None
        )


def run(demo: DemoContext) -> None:
    today = timezone.localdate()
    products = _catalogue()
    created = _registers(demo, products, today)
    _links(demo, products)
    _group(
        demo,
        "Yorkshire waste systems",
        "Waste and recycling",
        "Leeds",
        ["Bradford", "Wakefield", "Kirklees", "York"],
        target_contract_date=add_months(today, 24),
        pattern=PatternPage.objects.filter(slug="proactive-bin-collection-alerts").first(),
        description="Replacing in-cab and back-office waste systems together, with open APIs as a requirement.",
    )
    _group(
        demo,
        "London housing management on open standards",
        "Housing",
        "Southwark",
        ["Lambeth", "Hackney", "Camden"],
        target_contract_date=add_months(today, 30),
        pattern=PatternPage.objects.filter(slug="damp-and-mould-risk-triage").first(),
        description="A joint procurement for housing management systems that meet the damp and mould pattern.",
    )
    _group(
        demo,
        "Welsh revenues and benefits",
        "Council tax and benefits",
        "Cardiff",
        ["Swansea", "Gwynedd"],
        target_contract_date=add_months(today, 18),
    )
    demo.write(
        f"  Marketplace: {len(products)} products, {created} register entries created, "
        f"{BuyingGroup.objects.count()} buying groups"
    )
