"""Suppliers, products, each council's systems register and buying groups.

Register entries are private in part: the public may see which product a council uses, but contract
dates, costs, satisfaction and notes are for signed-in council members only (see marketplace/access.py).
"""

from __future__ import annotations

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.urls import reverse
from wagtail.admin.panels import FieldPanel
from wagtail.search import index

from core.text import CleanTextMixin


class Licence(models.TextChoices):
    PROPRIETARY = "proprietary", "Proprietary"
    OPEN_SOURCE = "open_source", "Open source"


class CostBand(models.TextChoices):
    """Annual cost bands; the bounds let a buying group add its members' spend together."""

    UNDER_50K = "under_50k", "Under £50,000"
    FROM_50K = "50k_100k", "£50,000 to £100,000"
    FROM_100K = "100k_250k", "£100,000 to £250,000"
    FROM_250K = "250k_500k", "£250,000 to £500,000"
    FROM_500K = "500k_1m", "£500,000 to £1 million"
    OVER_1M = "over_1m", "Over £1 million"


# Lower and upper bound in pounds a year; None means no upper bound.
COST_BAND_BOUNDS: dict[str, tuple[int, int | None]] = {
    CostBand.UNDER_50K: (0, 50_000),
    CostBand.FROM_50K: (50_000, 100_000),
    CostBand.FROM_100K: (100_000, 250_000),
    CostBand.FROM_250K: (250_000, 500_000),
    CostBand.FROM_500K: (500_000, 1_000_000),
    CostBand.OVER_1M: (1_000_000, None),
}


class Supplier(CleanTextMixin, index.Indexed, models.Model):
    name = models.CharField(max_length=200, unique=True)
    companies_house_number = models.CharField(
        max_length=8, blank=True, help_text="Optional. 8 characters, for example 01234567 or SC123456."
    )
    website = models.URLField(blank=True)

    panels = [FieldPanel("name"), FieldPanel("companies_house_number"), FieldPanel("website")]
    search_fields = [index.SearchField("name"), index.AutocompleteField("name")]

    class Meta:
        ordering = ["name"]

    def __str__(self) -> str:
        return self.name


class Product(CleanTextMixin, index.Indexed, models.Model):
    name = models.CharField(max_length=200)
    supplier = models.ForeignKey(Supplier, on_delete=models.PROTECT, related_name="products")
    service_areas = models.ManyToManyField("councils.ServiceArea", blank=True, related_name="products")
    open_apis = models.BooleanField(
        "offers open APIs or open standards support",
        default=False,
        help_text="Documented APIs or open data standards other systems can use without extra licences.",
    )
    licence = models.CharField(max_length=20, choices=Licence.choices, default=Licence.PROPRIETARY)
    description = models.TextField(blank=True)
    supported_patterns = models.ManyToManyField(
        "patterns.PatternPage",
        blank=True,
        related_name="supporting_products",
        help_text="Patterns and standards this product meets.",
    )

    panels = [
        FieldPanel("name"),
        FieldPanel("supplier"),
        FieldPanel("service_areas"),
        FieldPanel("open_apis"),
        FieldPanel("licence"),
        FieldPanel("description"),
        FieldPanel("supported_patterns"),
    ]
    search_fields = [index.SearchField("name"), index.AutocompleteField("name")]

    class Meta:
        ordering = ["name"]
        constraints = [models.UniqueConstraint(fields=["supplier", "name"], name="marketplace_product_unique_name")]

    def __str__(self) -> str:
        return f"{self.name} ({self.supplier.name})"

    def get_absolute_url(self) -> str:
        return reverse("marketplace:product", args=[self.pk])


class CouncilSystem(CleanTextMixin, models.Model):
    """One line of a council's systems register: the product it runs for one service area."""

    council = models.ForeignKey("councils.CouncilPage", on_delete=models.CASCADE, related_name="systems")
    service_area = models.ForeignKey("councils.ServiceArea", on_delete=models.PROTECT, related_name="council_systems")
    product = models.ForeignKey(Product, on_delete=models.PROTECT, related_name="council_systems")
    # Private from here down: only signed-in council members see these.
    contract_start = models.DateField(null=True, blank=True)
    contract_end = models.DateField(null=True, blank=True)
    annual_cost_band = models.CharField(max_length=20, choices=CostBand.choices, blank=True)
    satisfaction = models.PositiveSmallIntegerField(
        null=True,
        blank=True,
        validators=[MinValueValidator(1), MaxValueValidator(5)],
        help_text="1 (very dissatisfied) to 5 (very satisfied).",
    )
    integrates_via_open_api = models.BooleanField(default=False)
    notes = models.TextField(blank=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ["council__title", "service_area__name"]
        constraints = [
            models.UniqueConstraint(fields=["council", "service_area"], name="marketplace_one_system_per_area"),
        ]

    def __str__(self) -> str:
        return f"{self.council}, {self.service_area}: {self.product.name}"

    def clean(self) -> None:
        if self.contract_start and self.contract_end and self.contract_end < self.contract_start:
            raise ValidationError({"contract_end": "Contract end date must be after the start date."})


class BuyingGroup(CleanTextMixin, models.Model):
    """Councils planning to buy together for one service area."""

    name = models.CharField(max_length=200)
    service_area = models.ForeignKey("councils.ServiceArea", on_delete=models.PROTECT, related_name="buying_groups")
    started_by = models.ForeignKey("councils.CouncilPage", on_delete=models.CASCADE, related_name="started_groups")
    pattern = models.ForeignKey(
        "patterns.PatternPage",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="buying_groups",
        help_text="Optional. A pattern or standard the purchase must meet.",
    )
    target_contract_date = models.DateField(help_text="When the group aims to have a new contract in place.")
    description = models.TextField(blank=True)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["target_contract_date", "name"]

    def __str__(self) -> str:
        return self.name

    def get_absolute_url(self) -> str:
        return reverse("marketplace:group", args=[self.pk])


class BuyingGroupMember(models.Model):
    group = models.ForeignKey(BuyingGroup, on_delete=models.CASCADE, related_name="members")
    council = models.ForeignKey("councils.CouncilPage", on_delete=models.CASCADE, related_name="buying_group_members")
    current_contract_end = models.DateField(null=True, blank=True)
    joined_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+")
    joined_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["joined_at", "pk"]
        constraints = [models.UniqueConstraint(fields=["group", "council"], name="marketplace_join_group_once")]

    def __str__(self) -> str:
        return f"{self.council} in {self.group}"
