"""`manage.py check --deploy` with production settings and production environment variables is clean."""

from __future__ import annotations

import os
import secrets
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]


def run_check(**env: str) -> subprocess.CompletedProcess[str]:
    environment = {
        key: value
        for key, value in os.environ.items()
        if key not in {"DJANGO_ALLOW_ASYNC_UNSAFE", "SECRET_KEY", "ALLOWED_HOSTS", "WAGTAILADMIN_BASE_URL"}
    }
    environment.update(env)
    return subprocess.run(
        [sys.executable, "manage.py", "check", "--deploy", "--fail-level", "DEBUG"],
        cwd=ROOT,
        env=environment,
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )


def test_check_deploy_reports_nothing_with_production_settings() -> None:
    result = run_check(
        DJANGO_SETTINGS_MODULE="sandbox_site.settings.production",
        SECRET_KEY=secrets.token_urlsafe(50),
        ALLOWED_HOSTS="sandbox.example.gov.uk",
        WAGTAILADMIN_BASE_URL="https://sandbox.example.gov.uk",
    )
    assert result.returncode == 0, result.stdout + result.stderr
    assert "System check identified no issues (0 silenced)." in result.stdout, result.stdout + result.stderr


@pytest.mark.parametrize("missing", ["SECRET_KEY", "ALLOWED_HOSTS", "WAGTAILADMIN_BASE_URL"])
def test_production_settings_refuse_to_start_without_required_values(missing: str) -> None:
    env = {
        "DJANGO_SETTINGS_MODULE": "sandbox_site.settings.production",
        "SECRET_KEY": secrets.token_urlsafe(50),
        "ALLOWED_HOSTS": "sandbox.example.gov.uk",
        "WAGTAILADMIN_BASE_URL": "https://sandbox.example.gov.uk",
    }
    env.pop(missing)
    result = run_check(**env)
    assert result.returncode != 0
    assert missing in result.stderr
