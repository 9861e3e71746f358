"""scripts/backup.sh and scripts/restore.sh in the docker-compose layout (BACKUP_VIA=compose).

No Docker here: COMPOSE is tests/kindkans/nep_compose.sh, which runs the scripts' `exec -T db`
calls (pg_dump, pg_restore) against a scratch database on the test PostgreSQL, their
`run --rm --no-deps -T web` calls with a folder standing in for the media volume, and logs every
call (stop and start included). Same skip rules as tests/kindkans/test_backup.py.
"""

import os
import shutil
import subprocess
import tarfile
from pathlib import Path

import pytest
from django.db import connection

from tests.kindkans.test_backup import VEREIST, _beheer, _script, _server, _sql

NEP_COMPOSE = Path(__file__).with_name("nep_compose.sh")
STOP = "stop web worker beat"
START = "start web worker beat"


@pytest.fixture
def compose(tmp_path):
    """The scratch database, the media folder, the call log and the scripts' environment."""
    if connection.vendor != "postgresql" or not all(
        shutil.which(tool) for tool in ("pg_dump", "pg_restore", "sha256sum", "tar", "bash")
    ):
        if VEREIST:
            pytest.fail("CI moet deze test draaien op PostgreSQL met pg_dump en pg_restore")
        pytest.skip("alleen met PostgreSQL en de PostgreSQL-clientprogramma's")
    naam = f"kindkans_backup_compose_test_{os.getpid()}"
    _beheer(f"DROP DATABASE IF EXISTS {naam}")
    _beheer(f"CREATE DATABASE {naam}")
    server = _server()
    media = tmp_path / "volume-media"
    media.mkdir()
    log = tmp_path / "compose.log"
    log.touch()
    env = {
        "BACKUP_VIA": "compose",
        # Split into words by the scripts, as "docker compose -p kindkans" would be.
        "COMPOSE": f"bash {NEP_COMPOSE}",
        "BACKUP_DIR": str(tmp_path / "backups"),
        # The compose layout must use neither of these.
        "DATABASE_URL": "sqlite:///niet-gebruikt.sqlite3",
        "MEDIA_ROOT": str(tmp_path / "niet-gebruikt"),
        "NEP_COMPOSE_LOG": str(log),
        "NEP_COMPOSE_DB": naam,
        "NEP_COMPOSE_DB_USER": server["user"] or "postgres",
        "NEP_COMPOSE_MEDIA": str(media),
        "NEP_COMPOSE_HOST": str(tmp_path),
        "PGHOST": server["host"],
        "PGPORT": str(server["port"]),
        "PGPASSWORD": server["password"] or "",
    }
    yield naam, media, log, env
    _beheer(f"DROP DATABASE IF EXISTS {naam} WITH (FORCE)")


def _bestanden(map_):
    return {
        str(pad.relative_to(map_)): pad.read_bytes()
        for pad in sorted(map_.rglob("*"))
        if pad.is_file()
    }


def _aanroepen(log):
    """The compose calls since the last look, emptying the log."""
    regels = log.read_text().splitlines()
    log.write_text("")
    return regels


def test_backup_en_herstel_via_compose(compose, tmp_path):
    naam, media, log, env = compose
    _sql(naam, "CREATE TABLE leerling (id int PRIMARY KEY, naam text NOT NULL)")
    _sql(naam, "INSERT INTO leerling VALUES (1, 'Daan'), (2, 'Lotte'), (3, 'Sem')")
    (media / "bijlagen" / "1").mkdir(parents=True)
    (media / "bijlagen" / "1" / "verslag").write_bytes(b"%PDF-1.4 verslag")
    (media / "bijlagen" / "2").mkdir()
    (media / "bijlagen" / "2" / "foto met spatie.jpg").write_bytes(b"\xff\xd8 foto")
    origineel = _bestanden(media)

    backup = _script("backup.sh", env)

    assert backup.returncode == 0, backup.stderr
    (map_,) = (tmp_path / "backups").iterdir()
    assert map_.name.startswith("kindkans-")
    assert sorted(p.name for p in map_.iterdir()) == ["SHA256SUMS", "database.dump", "media.tar"]
    controle = subprocess.run(
        ["sha256sum", "--check", "--strict", "SHA256SUMS"],
        cwd=map_,
        capture_output=True,
        text=True,
        check=False,
    )
    assert controle.returncode == 0, controle.stdout + controle.stderr
    inhoud = subprocess.run(
        ["pg_restore", "--list", str(map_ / "database.dump")],
        capture_output=True,
        text=True,
        check=True,
    ).stdout
    assert "TABLE DATA public leerling" in inhoud
    with tarfile.open(map_ / "media.tar") as tar:
        assert {
            lid.name.removeprefix("./"): tar.extractfile(lid).read()
            for lid in tar.getmembers()
            if lid.isfile()
        } == origineel
    aanroepen = _aanroepen(log)
    assert aanroepen[0].startswith("exec -T db pg_dump --username=kindkans --dbname=kindkans")
    assert any(a.startswith("run --rm --no-deps -T web tar -C /data/media") for a in aanroepen)
    # A backup leaves the portal running.
    assert STOP not in aanroepen and START not in aanroepen

    # Afterwards: rows gone and changed, a bijlage changed, a new file.
    _sql(naam, "DELETE FROM leerling WHERE id > 1")
    _sql(naam, "UPDATE leerling SET naam = 'gewijzigd'")
    (media / "bijlagen" / "1" / "verslag").write_bytes(b"overschreven")
    (media / "later.txt").write_text("na de backup")
    gewijzigd = _bestanden(media)

    alleen_controle = _script("restore.sh", env, "--controleer", str(map_))
    assert alleen_controle.returncode == 0, alleen_controle.stderr
    assert f"Controlesommen kloppen: {map_}" in alleen_controle.stdout
    assert "Alleen gecontroleerd; niets gewijzigd." in alleen_controle.stdout
    assert _sql(naam, "SELECT naam FROM leerling") == [("gewijzigd",)]
    assert _bestanden(media) == gewijzigd
    assert _aanroepen(log) == []

    kopie = tmp_path / "beschadigd"
    shutil.copytree(map_, kopie)
    with open(kopie / "database.dump", "ab") as dump:
        dump.write(b"x")
    beschadigd = _script("restore.sh", env, "--ja", str(kopie))
    assert beschadigd.returncode == 1
    assert "controlesom klopt niet" in beschadigd.stderr
    assert _sql(naam, "SELECT naam FROM leerling") == [("gewijzigd",)]
    assert _bestanden(media) == gewijzigd
    # Nothing touched, web/worker/beat not stopped.
    assert _aanroepen(log) == []

    herstel = _script("restore.sh", env, "--ja", str(map_))

    assert herstel.returncode == 0, herstel.stderr
    assert _sql(naam, "SELECT id, naam FROM leerling ORDER BY id") == [
        (1, "Daan"),
        (2, "Lotte"),
        (3, "Sem"),
    ]
    assert _bestanden(media) == origineel
    assert not (media / "later.txt").exists()
    aanroepen = _aanroepen(log)
    # Stopped before the database and the files are replaced, started again after both.
    assert aanroepen[0] == STOP
    assert aanroepen[1].startswith("exec -T db pg_restore --username=kindkans --dbname=kindkans")
    assert aanroepen[2].startswith("run --rm --no-deps -T web sh -c")
    assert aanroepen[3:] == [START]


def backup_van_daan(compose, tmp_path):
    """A backup through compose of one row and one file; the call log emptied afterwards."""
    naam, media, log, env = compose
    _sql(naam, "CREATE TABLE leerling (id int PRIMARY KEY, naam text NOT NULL)")
    _sql(naam, "INSERT INTO leerling VALUES (1, 'Daan')")
    (media / "verslag").write_bytes(b"%PDF-1.4 verslag")
    backup = _script("backup.sh", env)
    assert backup.returncode == 0, backup.stderr
    (map_,) = (tmp_path / "backups").iterdir()
    _aanroepen(log)
    return map_


def vervang_met_kloppende_som(map_, bestand, inhoud):
    """Damage a file of the backup and write checksums that match the damage."""
    (map_ / bestand).write_bytes(inhoud)
    sommen = subprocess.run(
        ["sha256sum", "database.dump", "media.tar"], cwd=map_, capture_output=True, check=True
    )
    (map_ / "SHA256SUMS").write_bytes(sommen.stdout)


def test_mislukt_herstel_via_compose_laat_de_diensten_stil(compose, tmp_path):
    naam, media, log, env = compose
    map_ = backup_van_daan(compose, tmp_path)
    # A dump pg_restore cannot read, with checksums that match it.
    vervang_met_kloppende_som(map_, "database.dump", b"PGDMP geen echte dump")
    (media / "later.txt").write_text("na de backup")
    gewijzigd = _bestanden(media)

    herstel = _script("restore.sh", env, "--ja", str(map_))

    assert herstel.returncode != 0
    assert "Herstel afgebroken" in herstel.stderr
    assert _sql(naam, "SELECT id, naam FROM leerling") == [(1, "Daan")]
    assert _bestanden(media) == gewijzigd
    aanroepen = _aanroepen(log)
    assert aanroepen[0] == STOP
    assert START not in aanroepen
    assert "bijlagen mogelijk maar voor een deel" not in herstel.stderr


def test_mislukte_bijlagen_zegt_dat_ze_onvolledig_kunnen_zijn(compose, tmp_path):
    naam, media, log, env = compose
    map_ = backup_van_daan(compose, tmp_path)
    # A media.tar that tar cannot read, with checksums that match it: the database is restored
    # first, then the files fail.
    vervang_met_kloppende_som(map_, "media.tar", b"geen tar")

    herstel = _script("restore.sh", env, "--ja", str(map_))

    assert herstel.returncode != 0
    assert "De database komt al uit de backup, de bijlagen mogelijk maar voor een deel" in (
        herstel.stderr
    )
    assert "web, worker en beat staan stil" in herstel.stderr
    assert START not in _aanroepen(log)
