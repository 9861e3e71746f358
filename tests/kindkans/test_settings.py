import json
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


def _database_instellingen(**env):
    omgeving = {k: v for k, v in os.environ.items() if k != "CONN_MAX_AGE"}
    omgeving.update(env, DJANGO_SETTINGS_MODULE="kindkans.settings")
    resultaat = subprocess.run(
        [
            sys.executable,
            "-c",
            "import django, json; django.setup(); from django.conf import settings; "
            "d = settings.DATABASES['default']; "
            "print(json.dumps([d['CONN_MAX_AGE'], d['CONN_HEALTH_CHECKS'], d.get('OPTIONS')]))",
        ],
        cwd=ROOT,
        env=omgeving,
        capture_output=True,
        text=True,
        check=True,
    )
    return json.loads(resultaat.stdout)


def test_postgresql_houdt_verbindingen_vast_met_controle_en_zonder_jit():
    assert _database_instellingen(DATABASE_URL="postgres://postgres@127.0.0.1:5432/kindkans") == [
        60,
        True,
        {"options": "-c jit=off -c random_page_cost=1.1"},
    ]
    assert (
        _database_instellingen(
            DATABASE_URL="postgres://postgres@127.0.0.1:5432/kindkans", CONN_MAX_AGE="0"
        )[0]
        == 0
    )


def test_sqlite_krijgt_geen_postgresql_opties(tmp_path):
    assert _database_instellingen(DATABASE_URL=f"sqlite:///{tmp_path}/x.sqlite3") == [
        60,
        True,
        {},
    ]
