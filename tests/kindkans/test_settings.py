import os
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]


def start_django(**env):
    omgeving = {k: v for k, v in os.environ.items() if k not in {"SECRET_KEY", "DEBUG"}}
    omgeving.update(env, DJANGO_SETTINGS_MODULE="kindkans.settings")
    return subprocess.run(
        [sys.executable, "-c", "import django; django.setup()"],
        cwd=ROOT,
        env=omgeving,
        capture_output=True,
        text=True,
        check=False,
    )


def test_productie_zonder_secret_key_start_niet():
    resultaat = start_django(DEBUG="false")

    assert resultaat.returncode != 0
    assert "SECRET_KEY ontbreekt of is te kort" in resultaat.stderr


def test_productie_met_korte_secret_key_start_niet():
    resultaat = start_django(DEBUG="false", SECRET_KEY="kort")

    assert resultaat.returncode != 0
    assert "SECRET_KEY ontbreekt of is te kort" in resultaat.stderr


def test_productie_met_echte_secret_key_start():
    resultaat = start_django(
        DEBUG="false", SECRET_KEY="x" * 20 + "-echt-geheim-en-lang-genoeg-0123456789"
    )

    assert resultaat.returncode == 0, resultaat.stderr


def test_ingebedde_standaard_zonder_variabelen():
    from django.conf import settings

    assert settings.LANGUAGE_CODE == "nl"
    assert settings.TIME_ZONE == "Europe/Amsterdam"
    assert settings.USE_TZ is True
    assert settings.AUTH_USER_MODEL == "accounts.Gebruiker"


def test_content_security_policy_staat_alleen_eigen_bronnen_toe(client, db):
    response = client.get("/inloggen/")

    beleid = response["Content-Security-Policy"]
    assert "default-src 'self'" in beleid
    assert "script-src 'self'" in beleid
    assert "frame-ancestors 'none'" in beleid
    assert "unsafe-inline" not in beleid
