"""Factories for suppliers, products and council systems register entries."""

from __future__ import annotations

import datetime

import factory

from marketplace.models import CostBand, CouncilSystem, Licence, Product, Supplier


class SupplierFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Supplier
        django_get_or_create = ("name",)

    name = factory.Sequence(lambda n: f"Supplier {n} Ltd")
    website = "https://supplier.example"


class ProductFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Product

    name = factory.Sequence(lambda n: f"Product {n}")
    supplier = factory.SubFactory(SupplierFactory)
    open_apis = True
    licence = Licence.PROPRIETARY


class CouncilSystemFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = CouncilSystem

    product = factory.SubFactory(ProductFactory)
    contract_start = datetime.date(2022, 4, 1)
    contract_end = factory.LazyFunction(lambda: datetime.date.today() + datetime.timedelta(days=200))
    annual_cost_band = CostBand.FROM_100K
    satisfaction = 3
    integrates_via_open_api = False
