"""Wagtail and Django signals -> the index queue. Removal matters as much as addition."""

from __future__ import annotations

from django.db.models.signals import post_delete, post_save
from wagtail.models import Page, PageViewRestriction
from wagtail.signals import page_published, page_unpublished, post_page_move

from search.indexing import enqueue, enqueue_subtree
from search.models import IndexChange


def _published(sender, instance: Page, **kwargs) -> None:
    # A council's or centre's title and regions are part of its children's documents.
    enqueue_subtree(instance)


def _unpublished(sender, instance: Page, **kwargs) -> None:
    enqueue([instance.pk])


def _moved(sender, instance: Page, **kwargs) -> None:
    enqueue_subtree(instance)


def _deleted(sender, instance, **kwargs) -> None:
    if isinstance(instance, Page):
        enqueue([instance.pk], action=IndexChange.Action.REMOVE)


def _restriction_changed(sender, instance: PageViewRestriction, **kwargs) -> None:
    page = Page.objects.filter(pk=instance.page_id).first()
    if page is not None:  # when the page itself is being deleted, its own signal removes it
        enqueue_subtree(page)


def connect() -> None:
    page_published.connect(_published, dispatch_uid="search_page_published")
    page_unpublished.connect(_unpublished, dispatch_uid="search_page_unpublished")
    post_page_move.connect(_moved, dispatch_uid="search_page_moved")
    post_delete.connect(_deleted, dispatch_uid="search_page_deleted")
    post_save.connect(_restriction_changed, sender=PageViewRestriction, dispatch_uid="search_restriction_saved")
    post_delete.connect(_restriction_changed, sender=PageViewRestriction, dispatch_uid="search_restriction_deleted")
