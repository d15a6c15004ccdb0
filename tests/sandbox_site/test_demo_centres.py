"""Demo regional centres: a step that needs one the demo has not made says which."""

from __future__ import annotations

import pytest

from sandbox_site.demo import centres
from sandbox_site.demo.base import DemoContext
from sandbox_site.models import HomePage


def test_a_centre_the_demo_has_not_made_is_named(home: HomePage) -> None:
    demo = DemoContext(home=home, write=lambda _: None)
    with pytest.raises(LookupError, match="'no-such-centre' has not been made yet"):
        centres.centre(demo, "no-such-centre")
