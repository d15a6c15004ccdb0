"""Every text field of every project model refuses control characters at the model layer.

The walk covers models added later too: a new model or text field without `CleanTextMixin` fails here.
"""

from __future__ import annotations

from pathlib import Path

import pytest
from django.apps import apps
from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models

from marketplace.models import CouncilSystem, Product, Supplier

# The engine's own records: built from documents of pages that passed the rule already, or from query words (letters
# and digits only). The curators' glossary is not among them: it carries the rule.
ENGINE_RECORDS = {
    "search.SearchEntry", "search.SearchFacet", "search.SearchTerm", "search.IndexChange", "search.Embedding",
    "search.DocumentVector", "search.VectorChange", "search.DailySearchTerm",
}  # fmt: skip


def _project_text_fields() -> list[tuple[type[models.Model], models.Field]]:
    root = Path(settings.BASE_DIR).resolve()
    found = []
    for config in apps.get_app_configs():
        path = Path(config.path).resolve()
        if not path.is_relative_to(root) or "site-packages" in path.parts:  # installed apps may live in ./.venv
            continue
        for model in config.get_models():
            if model._meta.label in ENGINE_RECORDS:
                continue
            found += [
                (model, field)
                for field in model._meta.concrete_fields
                if isinstance(field, models.CharField | models.TextField)
            ]
    return found


TEXT_FIELDS = _project_text_fields()


def test_the_walk_finds_the_inline_and_marketplace_models() -> None:
    labels = {f"{model._meta.label}.{field.name}" for model, field in TEXT_FIELDS}
    assert {
        "challenges.ReusableOutput.title",
        "patterns.PatternCriterion.text",
        "experiments.CollectionItem.note",
        "marketplace.Supplier.name",
        "marketplace.CouncilSystem.notes",
        "marketplace.BuyingGroup.description",
        "following.SavedSearch.name",
    } <= labels


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("model", "field"), TEXT_FIELDS, ids=[f"{model._meta.label}.{field.name}" for model, field in TEXT_FIELDS]
)
def test_every_text_field_refuses_a_control_character(model: type[models.Model], field: models.Field) -> None:
    instance = model()
    setattr(instance, field.attname, "a\x00b")  # the one PostgreSQL cannot store
    with pytest.raises(ValidationError) as error:
        instance.full_clean()
    assert [e.code for e in error.value.error_dict[field.name]] == ["control_character"]


@pytest.mark.django_db
def test_pasted_line_breaks_become_whitespace_in_records_too() -> None:
    supplier = Supplier(name="Bins\x0bR Us")
    system = CouncilSystem(notes="Renewal\x0cunder review")
    for record in (supplier, system):
        try:
            record.full_clean()
        except ValidationError as error:
            assert "name" not in error.error_dict and "notes" not in error.error_dict
    assert (supplier.name, system.notes) == ("Bins R Us", "Renewal\nunder review")


@pytest.mark.django_db
def test_the_control_character_message_comes_before_djangos_own() -> None:
    supplier = Supplier(name="Bins R Us", website="https://example.com/\x01")
    product = Product(name="Collect", licence="open\x00source")
    with pytest.raises(ValidationError) as supplier_error:
        supplier.full_clean()
    with pytest.raises(ValidationError) as product_error:
        product.full_clean()
    website, licence = supplier_error.value.message_dict["website"], product_error.value.message_dict["licence"]
    assert website == ["Website must not contain control characters: remove U+0001"]
    assert licence == ["Licence must not contain a null character (U+0000)"]
