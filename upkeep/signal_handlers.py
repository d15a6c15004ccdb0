"""Publishing a page is its owners confirming it: stamp `last_confirmed`."""

from typing import Any

from wagtail.signals import page_published

from core.pages import ContentPage


def _confirm_on_publish(sender: type, instance: Any, **kwargs: Any) -> None:
    if isinstance(instance, ContentPage):
        instance.confirm()


page_published.connect(_confirm_on_publish, dispatch_uid="confirm_on_publish")
