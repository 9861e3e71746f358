# shellcheck shell=bash disable=SC2034  # sourced: the names are used by the two scripts
# Shared by scripts/backup.sh and scripts/restore.sh (sourced, not run): the layout switch and
# the names inside a backup folder.
#
#   BACKUP_VIA=compose (default)  docker-compose.yml on this host: pg_dump/pg_restore run in the
#                                 db container, the uploads are read from and written to the
#                                 `media` volume through a one-off web container. Run from the
#                                 repository (compose reads .env there for SECRET_KEY and
#                                 POSTGRES_PASSWORD).
#   BACKUP_VIA=host               the portal runs on this host without containers: DATABASE_URL
#                                 (PostgreSQL) and MEDIA_ROOT as the portal has them; needs the
#                                 PostgreSQL client tools of at least the server's major version.
#   COMPOSE                       the compose command (default "docker compose"; e.g.
#                                 "docker compose -f docker-compose.yml -p kindkans").

BACKUP_VIA="${BACKUP_VIA:-compose}"
COMPOSE="${COMPOSE:-docker compose}"
DUMP_NAAM="database.dump"
MEDIA_NAAM="media.tar"
CONTROLE_NAAM="SHA256SUMS"
# Inside the containers of docker-compose.yml.
COMPOSE_DB_GEBRUIKER="kindkans"
COMPOSE_DB_NAAM="kindkans"
COMPOSE_MEDIA="/data/media"

fout() {
  echo "$(basename "$0"): $*" >&2
  exit 1
}

controleer_via() {
  case "$BACKUP_VIA" in
    compose | host) ;;
    *) fout "BACKUP_VIA moet 'compose' of 'host' zijn, niet '$BACKUP_VIA'." ;;
  esac
}

# DATABASE_URL as libpq takes it: django-environ also knows postgres://, pgsql://, psql:// and
# postgis:// for the same server; libpq wants postgresql:// (or postgres://).
libpq_url() {
  local url="${DATABASE_URL:-}"
  [ -n "$url" ] || fout "DATABASE_URL ontbreekt (BACKUP_VIA=host): zet de PostgreSQL-URL van het portaal."
  case "$url" in
    postgresql://* | postgres://*) echo "$url" ;;
    pgsql://* | psql://* | postgis://*) echo "postgresql://${url#*://}" ;;
    *) fout "DATABASE_URL is geen PostgreSQL-URL; backup en herstel kennen alleen PostgreSQL." ;;
  esac
}

# MEDIA_ROOT as the settings default it (media/ next to manage.py), as an absolute path taken
# from where the script was called.
media_map() {
  realpath -m "${MEDIA_ROOT:-$ROOT/media}"
}
