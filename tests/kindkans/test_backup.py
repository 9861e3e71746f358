"""scripts/backup.sh and scripts/restore.sh for real, host layout, on a scratch PostgreSQL database.

Runs where the tests run on PostgreSQL with its client tools (CI always: there a skip is a
failure). The scratch database is a small table of its own, not the portal's schema: what is
tested is the scripts (dump, tar, checksums, confirmation, restore), in a few seconds.
"""

import os
import shutil
import subprocess
from pathlib import Path
from urllib.parse import quote

import psycopg2
import pytest
from django.db import connection

ROOT = Path(__file__).resolve().parents[2]
VEREIST = bool(os.environ.get("KINDKANS_TEST_VEREIST_POSTGRES"))


def _server():
    db = connection.settings_dict
    return {
        "host": db["HOST"] or "localhost",
        "port": db["PORT"] or "5432",
        "user": db["USER"],
        "password": db["PASSWORD"],
    }


def _beheer(sql):
    verbinding = psycopg2.connect(dbname="postgres", **_server())
    verbinding.autocommit = True
    try:
        with verbinding.cursor() as cursor:
            cursor.execute(sql)
    finally:
        verbinding.close()


@pytest.fixture
def proefdatabase():
    if connection.vendor != "postgresql" or not all(
        shutil.which(tool) for tool in ("pg_dump", "pg_restore", "sha256sum", "tar")
    ):
        if VEREIST:
            pytest.fail("CI moet deze test draaien op PostgreSQL met pg_dump en pg_restore")
        pytest.skip("alleen met PostgreSQL en de PostgreSQL-clientprogramma's")
    naam = f"kindkans_backup_test_{os.getpid()}"
    _beheer(f"DROP DATABASE IF EXISTS {naam}")
    _beheer(f"CREATE DATABASE {naam}")
    server = _server()
    inlog = quote(server["user"] or "", safe="")
    if server["password"]:
        inlog += ":" + quote(server["password"], safe="")
    url = f"postgres://{inlog}@{server['host']}:{server['port']}/{naam}"
    yield naam, url
    _beheer(f"DROP DATABASE IF EXISTS {naam} WITH (FORCE)")


def _sql(naam, sql):
    verbinding = psycopg2.connect(dbname=naam, **_server())
    verbinding.autocommit = True
    try:
        with verbinding.cursor() as cursor:
            cursor.execute(sql)
            return cursor.fetchall() if cursor.description else None
    finally:
        verbinding.close()


def _script(naam, env, *args):
    omgeving = {k: v for k, v in os.environ.items() if k != "KINDKANS_HERSTEL_BEVESTIGD"}
    omgeving.update(env)
    return subprocess.run(
        [str(ROOT / "scripts" / naam), *args],
        env=omgeving,
        capture_output=True,
        text=True,
        timeout=60,
        check=False,
    )


def _make_restore(env, *args):
    omgeving = {k: v for k, v in os.environ.items() if k != "KINDKANS_HERSTEL_BEVESTIGD"}
    omgeving.update(env)
    return subprocess.run(
        ["make", "--no-print-directory", "-s", "-C", str(ROOT), "restore", *args],
        env=omgeving,
        capture_output=True,
        text=True,
        timeout=60,
        check=False,
    )


def test_backup_en_herstel_brengen_database_en_bijlagen_terug(proefdatabase, tmp_path):
    naam, url = proefdatabase
    _sql(naam, "CREATE TABLE leerling (id int PRIMARY KEY, naam text NOT NULL)")
    _sql(naam, "INSERT INTO leerling VALUES (1, 'Daan'), (2, 'Lotte'), (3, 'Sem')")
    media = tmp_path / "media"
    (media / "bijlagen" / "1").mkdir(parents=True)
    (media / "bijlagen" / "1" / "verslag").write_bytes(b"%PDF-1.4 verslag")
    env = {
        "BACKUP_VIA": "host",
        "DATABASE_URL": url,
        "MEDIA_ROOT": str(media),
        "BACKUP_DIR": str(tmp_path / "backups"),
    }

    backup = _script("backup.sh", env)

    assert backup.returncode == 0, backup.stderr
    (map_,) = (tmp_path / "backups").iterdir()
    assert map_.name.startswith("kindkans-")
    assert sorted(p.name for p in map_.iterdir()) == ["SHA256SUMS", "database.dump", "media.tar"]

    # Afterwards: rows gone and changed, the bijlage gone, a new file.
    _sql(naam, "DELETE FROM leerling WHERE id > 1")
    _sql(naam, "UPDATE leerling SET naam = 'gewijzigd'")
    shutil.rmtree(media / "bijlagen")
    (media / "later.txt").write_text("na de backup")

    zonder_bevestiging = _script("restore.sh", env, str(map_))
    assert zonder_bevestiging.returncode == 2
    assert "Bevestig met --ja" in zonder_bevestiging.stderr
    assert _sql(naam, "SELECT naam FROM leerling") == [("gewijzigd",)]

    # `make restore MAP=…` without BEVESTIG=ja: only the check, and that succeeds. --controleer
    # wins over a confirmation in the environment.
    controle = _make_restore({**env, "KINDKANS_HERSTEL_BEVESTIGD": "ja"}, f"MAP={map_}")
    assert controle.returncode == 0, controle.stderr
    assert f"Controlesommen kloppen: {map_}" in controle.stdout
    assert "Alleen gecontroleerd; niets gewijzigd." in controle.stdout
    assert f"make restore MAP={map_} BEVESTIG=ja" in controle.stdout
    assert _sql(naam, "SELECT naam FROM leerling") == [("gewijzigd",)]
    assert (media / "later.txt").exists()
    beide = _script("restore.sh", env, "--ja", "--controleer", str(map_))
    assert beide.returncode == 1
    assert "--controleer en --ja samen" in beide.stderr

    kopie = tmp_path / "beschadigd"
    shutil.copytree(map_, kopie)
    with open(kopie / "database.dump", "ab") as dump:
        dump.write(b"x")
    beschadigd = _script("restore.sh", env, "--ja", str(kopie))
    assert beschadigd.returncode == 1
    assert "controlesom klopt niet" in beschadigd.stderr
    alleen_controle = _make_restore(env, f"MAP={kopie}")
    assert alleen_controle.returncode != 0
    assert "controlesom klopt niet" in alleen_controle.stderr
    assert _sql(naam, "SELECT naam FROM leerling") == [("gewijzigd",)]

    herstel = _script("restore.sh", env, "--ja", str(map_))

    assert herstel.returncode == 0, herstel.stderr
    assert _sql(naam, "SELECT id, naam FROM leerling ORDER BY id") == [
        (1, "Daan"),
        (2, "Lotte"),
        (3, "Sem"),
    ]
    assert (media / "bijlagen" / "1" / "verslag").read_bytes() == b"%PDF-1.4 verslag"
    assert not (media / "later.txt").exists()


def test_backup_weigert_een_database_die_geen_postgresql_is(tmp_path):
    resultaat = _script(
        "backup.sh",
        {
            "BACKUP_VIA": "host",
            "DATABASE_URL": "sqlite:///db.sqlite3",
            "BACKUP_DIR": str(tmp_path / "backups"),
        },
    )

    assert resultaat.returncode == 1
    assert "alleen PostgreSQL" in resultaat.stderr
    assert not (tmp_path / "backups").exists()
