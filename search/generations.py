"""Index generations: the label every in-process cache keeps to know whether it is current."""

from __future__ import annotations

import secrets


def new_generation() -> int:
    """A fresh generation for a write, called inside the write's transaction.

    Random rather than a counter: a rolled-back write must never leave a number that a later, different write could
    reuse (a cache labelled with it would then look current). From the operating system's entropy, never the `random`
    module, which anything may seed: Hypothesis seeds it for every example, so the same "random" generations came back
    after each rollback and caches kept answering for data that was gone.
    """
    return secrets.randbits(62) + 1
