"""A case study's suppliers and products come from its linked register products only.

The free-text "suppliers" and "products" fields go. Each free-text product name that names exactly one register
product (ignoring case; a supplier named beside it settles a name two suppliers share) becomes a link; each
free-text supplier already behind a linked product is dropped as said twice. Everything else is kept, word for word,
in "also mentioned": shown on the page under that label, never a search facet. Nothing is added to the register,
because free text does not say which supplier makes which product.

Saved revisions (drafts, and the copy the editor opens) get the same change, so publishing one later neither loses
the text nor brings the old fields back.
"""

from __future__ import annotations

from typing import Any

import modelcluster.fields
from django.db import migrations, models


def names(text: str | None) -> list[str]:
    return [part.strip() for part in (text or "").split(",") if part.strip()]


class Register:
    """The register's products by lower-cased name: [(product id, supplier name)]."""

    def __init__(self, apps: Any) -> None:
        self.by_name: dict[str, list[tuple[int, str]]] = {}
        self.supplier_of: dict[int, str] = {}
        for pk, name, supplier in apps.get_model("marketplace", "Product").objects.values_list(
            "pk", "name", "supplier__name"
        ):
            self.by_name.setdefault(name.strip().casefold(), []).append((pk, supplier))
            self.supplier_of[pk] = supplier

    def convert(self, suppliers: str, products: str, linked: list[int]) -> tuple[list[int], str]:
        """(linked product ids, also-mentioned text) for one page's old fields and links."""
        linked = [pk for pk in dict.fromkeys(linked) if pk in self.supplier_of]
        named_suppliers = {s.casefold() for s in names(suppliers)}
        unmatched_products = []
        for name in names(products):
            candidates = self.by_name.get(name.casefold(), [])
            if len(candidates) > 1:
                candidates = [c for c in candidates if c[1].casefold() in named_suppliers]
            if len(candidates) == 1:
                if candidates[0][0] not in linked:
                    linked.append(candidates[0][0])
            else:
                unmatched_products.append(name)
        linked_suppliers = {self.supplier_of[pk].casefold() for pk in linked}
        unmatched_suppliers = [s for s in names(suppliers) if s.casefold() not in linked_suppliers]
        also = list(dict.fromkeys(unmatched_suppliers + unmatched_products))
        return linked, ", ".join(also)[:1000]


def forwards(apps: Any, schema_editor: Any) -> None:
    register = Register(apps)
    CaseStudyPage = apps.get_model("challenges", "CaseStudyPage")
    through = CaseStudyPage.product_records.through
    for page in CaseStudyPage.objects.all().iterator():
        current = list(through.objects.filter(casestudypage_id=page.pk).values_list("product_id", flat=True))
        linked, also = register.convert(page.suppliers, page.products, current)
        through.objects.bulk_create(
            [through(casestudypage_id=page.pk, product_id=pk) for pk in linked if pk not in current]
        )
        CaseStudyPage.objects.filter(pk=page.pk).update(also_mentioned=also)

    content_type = (
        apps.get_model("contenttypes", "ContentType")
        .objects.filter(app_label="challenges", model="casestudypage")
        .first()
    )
    if content_type is None:
        return
    Revision = apps.get_model("wagtailcore", "Revision")
    for revision in Revision.objects.filter(content_type=content_type).iterator():
        content = dict(revision.content or {})
        if "suppliers" not in content and "products" not in content:
            continue
        linked, also = register.convert(
            content.pop("suppliers", ""), content.pop("products", ""), list(content.get("product_records") or [])
        )
        content["product_records"] = linked
        content["also_mentioned"] = also
        Revision.objects.filter(pk=revision.pk).update(content=content)


class Migration(migrations.Migration):
    dependencies = [
        ("challenges", "0005_text_limits"),
        ("marketplace", "0001_suppliers_products_register_groups"),
        ("wagtailcore", "0098_apitoken"),
        ("contenttypes", "0002_remove_content_type_name"),
    ]

    operations = [
        migrations.AddField(
            model_name="casestudypage",
            name="also_mentioned",
            field=models.CharField(
                blank=True,
                help_text="Optional. Other help named in the write-up that is not in the marketplace register, such "
                "as an in-house team, separated by commas. Shown on the page as 'Also mentioned'; not used by search "
                "filters.",
                max_length=1000,
            ),
        ),
        # Going back leaves the old fields empty: which names were suppliers and which products is not kept.
        migrations.RunPython(forwards, migrations.RunPython.noop),
        migrations.RemoveField(model_name="casestudypage", name="suppliers"),
        migrations.RemoveField(model_name="casestudypage", name="products"),
        migrations.AlterField(
            model_name="casestudypage",
            name="product_records",
            field=modelcluster.fields.ParentalManyToManyField(
                blank=True,
                help_text="Products used, from the marketplace register. Their suppliers are shown with them, the "
                "product's page lists this case study, and search can filter by them.",
                related_name="case_studies",
                to="marketplace.product",
                verbose_name="products",
            ),
        ),
    ]
