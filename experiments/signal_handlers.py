"""Every regional centre gets its curators group as soon as the centre exists."""

from typing import Any

from django.db.models.signals import post_save

from experiments.models import RegionalCentrePage
from experiments.services import ensure_curators_group


def _centre_saved(sender: type, instance: RegionalCentrePage, created: bool, raw: bool = False, **kwargs: Any) -> None:
    if created and not raw:
        ensure_curators_group(instance)


post_save.connect(_centre_saved, sender=RegionalCentrePage, dispatch_uid="centre_curators_group")
