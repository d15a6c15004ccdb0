"""challenges 0006 on a database in the shape before it: free-text suppliers and products become register links where
they name a register product, and 'also mentioned' text otherwise; saved revisions change the same way."""

from __future__ import annotations

from typing import Any

import pytest
from django.db import connection
from django.db.migrations.executor import MigrationExecutor
from django.utils import timezone

BEFORE = [("challenges", "0005_text_limits"), ("marketplace", "0001_suppliers_products_register_groups")]
AFTER = [("challenges", "0006_case_study_products_from_the_register")]


def migrate(targets: list[tuple[str, str]]) -> Any:
    executor = MigrationExecutor(connection)
    executor.loader.build_graph()
    executor.migrate(targets)
    return executor.loader.project_state(targets).apps


def leaf_nodes() -> list[tuple[str, str]]:
    return MigrationExecutor(connection).loader.graph.leaf_nodes()


# serialized_rollback: the flush after this test then leaves out post_migrate's rows, which the next test restoring
# the serialized database (tests/collaboration/test_notifications_in_background.py) would insert a second time.
@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_free_text_becomes_register_links_or_also_mentioned() -> None:
    leaves = leaf_nodes()
    try:
        old = migrate(BEFORE)
        Supplier = old.get_model("marketplace", "Supplier")
        Product = old.get_model("marketplace", "Product")
        civic = Supplier.objects.create(name="Civic Routes Ltd")
        legacy = Supplier.objects.create(name="Legacy Municipal Systems plc")
        roundsight = Product.objects.create(name="RoundSight", supplier=civic)
        binmaster = Product.objects.create(name="BinMaster", supplier=legacy)
        # The same name from two suppliers: only a supplier named beside it can say which.
        tablet_civic = Product.objects.create(name="Crew Tablet", supplier=civic)
        Product.objects.create(name="Crew Tablet", supplier=legacy)

        ContentType = old.get_model("contenttypes", "ContentType")
        Locale = old.get_model("wagtailcore", "Locale")
        content_type, _ = ContentType.objects.get_or_create(app_label="challenges", model="casestudypage")
        locale = Locale.objects.first() or Locale.objects.create(language_code="en")
        CaseStudyPage = old.get_model("challenges", "CaseStudyPage")

        def study(number: int, **fields: Any) -> Any:
            return CaseStudyPage.objects.create(
                title=f"Study {number}",
                slug=f"study-{number}",
                path=f"9999{number:04d}",
                depth=2,
                content_type=content_type,
                locale=locale,
                problem="A problem.",
                **fields,
            )

        # The Leeds shape: free text that names no register product, and a linked product.
        leeds = study(1, suppliers="In-house digital team", products="GOV.UK Notify, in-cab crew tablets")
        CaseStudyPage.product_records.through.objects.create(casestudypage_id=leeds.pk, product_id=roundsight.pk)
        # Names of register products, in another case; the supplier is said twice (text and link).
        matched = study(2, suppliers="civic routes ltd, Local print supplier", products="roundsight, binmaster")
        # A shared name settled by the supplier named beside it; an unsettled one stays text.
        settled = study(3, suppliers="Civic Routes Ltd", products="Crew Tablet")
        unsettled = study(4, suppliers="", products="Crew Tablet")
        empty = study(5, suppliers="", products="")

        Revision = old.get_model("wagtailcore", "Revision")
        draft = Revision.objects.create(
            content_type=content_type,
            base_content_type=content_type,
            object_id=str(matched.pk),
            object_str="Study 2",
            created_at=timezone.now(),
            content={
                "title": "Study 2",
                "suppliers": "Civic Routes Ltd",
                "products": "BinMaster, Kiosk",
                "product_records": [],
            },
        )

        new = migrate(AFTER)
        pages = new.get_model("challenges", "CaseStudyPage").objects

        def facts(page: Any) -> tuple[set[str], str]:
            page = pages.get(pk=page.pk)
            return {p.name for p in page.product_records.all()}, page.also_mentioned

        assert facts(leeds) == ({"RoundSight"}, "In-house digital team, GOV.UK Notify, in-cab crew tablets")
        assert facts(matched) == ({"RoundSight", "BinMaster"}, "Local print supplier")
        assert facts(settled) == ({"Crew Tablet"}, "")
        assert pages.get(pk=settled.pk).product_records.get().pk == tablet_civic.pk
        assert facts(unsettled) == (set(), "Crew Tablet")
        assert facts(empty) == (set(), "")
        assert {f.name for f in new.get_model("challenges", "CaseStudyPage")._meta.get_fields()} >= {
            "also_mentioned",
            "product_records",
        }
        assert not {"suppliers", "products"} & {
            f.name for f in new.get_model("challenges", "CaseStudyPage")._meta.fields
        }

        content = new.get_model("wagtailcore", "Revision").objects.get(pk=draft.pk).content
        assert "suppliers" not in content and "products" not in content
        # The revision's own supplier is unmatched: its product link carries no Civic Routes product.
        assert (content["product_records"], content["also_mentioned"]) == ([binmaster.pk], "Civic Routes Ltd, Kiosk")
    finally:
        migrate(leaves)
