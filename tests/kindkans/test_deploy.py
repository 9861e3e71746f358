import os
import subprocess
import sys
from pathlib import Path

import pytest
from django.test import Client

ROOT = Path(__file__).resolve().parents[2]

# The environment of docker-compose's web service, as far as the settings read it.
PRODUCTIE = {
    "DEBUG": "false",
    "SECRET_KEY": "kK7-vQ2_xR9pL4mN8sT1wY6zB3cF5hJ0gD7aE2uI9oP4qW8rX1yZ6nM3bV5tC0lHs",
    "ALLOWED_HOSTS": "kindkans.voorbeeld.nl",
    "CSRF_TRUSTED_ORIGINS": "https://kindkans.voorbeeld.nl",
    "SECURE_SSL_REDIRECT": "true",
    "SECURE_HSTS_SECONDS": "31536000",
    "SECURE_HSTS_PRELOAD": "true",
    "KINDKANS_PROXY_AANTAL": "1",
    "CACHE_URL": "redis://redis:6379/1",
}


def manage(*args, **env):
    # Nothing of the calling environment that the settings read (never a DATABASE_URL).
    omgeving = {
        k: v
        for k, v in os.environ.items()
        if k in {"PATH", "HOME", "LANG", "LC_ALL", "SYSTEMROOT", "TMPDIR"}
    }
    omgeving.update(env, DJANGO_SETTINGS_MODULE="kindkans.settings")
    return subprocess.run(
        [sys.executable, "manage.py", *args],
        cwd=ROOT,
        env=omgeving,
        capture_output=True,
        text=True,
        check=False,
    )


def test_check_deploy_met_productie_instellingen_geeft_geen_waarschuwing():
    resultaat = manage("check", "--deploy", "--fail-level", "WARNING", **PRODUCTIE)

    uitvoer = resultaat.stdout + resultaat.stderr
    assert resultaat.returncode == 0, uitvoer
    assert "System check identified no issues" in uitvoer
    assert "WARNINGS" not in uitvoer
    assert "ERRORS" not in uitvoer


def test_productie_zonder_gedeelde_cache_is_een_fout():
    # Each gunicorn worker would count failed logins apart.
    zonder_cache = {k: v for k, v in PRODUCTIE.items() if k != "CACHE_URL"}

    resultaat = manage("check", "--deploy", **zonder_cache)

    assert resultaat.returncode != 0
    assert "django_ratelimit.E003" in resultaat.stderr


@pytest.mark.django_db
def test_permissions_policy_verbiedt_camera_microfoon_locatie_en_betalen(client):
    response = client.get("/inloggen/")

    beleid = response["Permissions-Policy"]
    for onderdeel in ("camera=()", "microphone=()", "geolocation=()", "payment=()", "usb=()"):
        assert onderdeel in beleid


@pytest.mark.django_db
def test_https_doorsturen_en_hsts_als_aangezet(settings):
    settings.SECURE_SSL_REDIRECT = True
    settings.SECURE_HSTS_SECONDS = 31536000
    settings.SECURE_HSTS_INCLUDE_SUBDOMAINS = True
    settings.SECURE_HSTS_PRELOAD = True
    client = Client()

    http = client.get("/inloggen/")
    assert http.status_code == 301
    assert http["Location"] == "https://testserver/inloggen/"
    https = client.get("/inloggen/", secure=True)
    assert https.status_code == 200
    assert https["Strict-Transport-Security"] == "max-age=31536000; includeSubDomains; preload"


@pytest.mark.django_db
def test_gezondheidscontrole_werkt_over_http_zonder_inloggen(settings):
    settings.SECURE_SSL_REDIRECT = True

    response = Client().get("/gezond/")

    assert response.status_code == 200
    assert response.content == b"ok"


def test_het_basisimage_is_vastgepind_op_een_python_311_patchversie():
    # A floating tag (python:3.11-slim) would change under the same name between two builds.
    (basis,) = [
        regel.split()[1]
        for regel in (ROOT / "Dockerfile").read_text().splitlines()
        if regel.startswith("FROM ")
    ]

    assert basis == "python:3.11.14-slim-bookworm"
