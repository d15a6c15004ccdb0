"""Register and catalogue changes -> the search index queue (the same durable outbox as pages, after commit)."""

from __future__ import annotations

from django.db.models import QuerySet
from django.db.models.signals import post_delete, post_save, pre_delete

from marketplace.models import CouncilSystem, Product, Supplier
from marketplace.search_documents import doc_id
from search.indexing import enqueue, enqueue_documents
from search.models import IndexChange


def _system_saved(sender, instance: CouncilSystem, **kwargs) -> None:
    enqueue_documents([doc_id(instance.pk)])


def _system_deleted(sender, instance: CouncilSystem, **kwargs) -> None:
    enqueue_documents([doc_id(instance.pk)], action=IndexChange.Action.REMOVE)


def _products_changed(products: QuerySet[Product]) -> None:
    # Names are in the register lines' documents and in the documents of case studies linked to the products.
    lines = CouncilSystem.objects.filter(product__in=products).values_list("pk", flat=True)
    enqueue_documents(doc_id(pk) for pk in lines)
    enqueue(products.exclude(case_studies=None).values_list("case_studies", flat=True))


def _product_saved(sender, instance: Product, **kwargs) -> None:
    _products_changed(Product.objects.filter(pk=instance.pk))


def _product_deleting(sender, instance: Product, **kwargs) -> None:
    # Before the delete: afterwards the case-study links are gone. Lines PROTECT their product, so none remain.
    _products_changed(Product.objects.filter(pk=instance.pk))


def _supplier_saved(sender, instance: Supplier, **kwargs) -> None:
    _products_changed(Product.objects.filter(supplier=instance))


def connect() -> None:
    post_save.connect(_system_saved, sender=CouncilSystem, dispatch_uid="marketplace_system_saved")
    post_delete.connect(_system_deleted, sender=CouncilSystem, dispatch_uid="marketplace_system_deleted")
    post_save.connect(_product_saved, sender=Product, dispatch_uid="marketplace_product_saved")
    pre_delete.connect(_product_deleting, sender=Product, dispatch_uid="marketplace_product_deleting")
    post_save.connect(_supplier_saved, sender=Supplier, dispatch_uid="marketplace_supplier_saved")
