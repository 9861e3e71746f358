#!/usr/bin/env bash
# A stand-in for `docker compose` in tests/kindkans/test_backup_compose.py: it emulates exactly
# the calls of scripts/backup.sh and scripts/restore.sh (BACKUP_VIA=compose) on this host, against
# a local PostgreSQL and a folder instead of containers. Anything else fails (exit 2).
#
#   exec -T db pg_dump|pg_restore ARG…   runs the local tool through pipes; --username=kindkans and
#                                        --dbname=kindkans become NEP_COMPOSE_DB_USER and
#                                        NEP_COMPOSE_DB (other users, databases or hosts fail)
#   run --rm --no-deps -T web CMD ARG…   runs CMD locally with /data/media in every argument
#                                        replaced by NEP_COMPOSE_MEDIA
#   stop|start web worker beat           does nothing
#
# Every call is appended as one line ("$*") to NEP_COMPOSE_LOG. A container sees no host paths:
# an argument naming NEP_COMPOSE_HOST (the test's tmp_path) fails. The server is PGHOST, PGPORT
# (and PGPASSWORD) as libpq reads them.
set -euo pipefail

: "${NEP_COMPOSE_LOG:?}" "${NEP_COMPOSE_DB:?}" "${NEP_COMPOSE_DB_USER:?}"
: "${NEP_COMPOSE_MEDIA:?}" "${NEP_COMPOSE_HOST:?}"

printf '%s\n' "$*" >>"$NEP_COMPOSE_LOG"

fout() {
  echo "nep_compose: $*" >&2
  exit 2
}

geen_hostpaden() {
  local argument
  for argument in "$@"; do
    case "$argument" in
      *"$NEP_COMPOSE_HOST"*) fout "een container ziet geen pad van de host: $argument" ;;
    esac
  done
}

case "${1:-}" in
  exec)
    [ "${2:-}" = -T ] && [ "${3:-}" = db ] || fout "verwacht exec -T db …, niet: $*"
    shift 3
    case "${1:-}" in
      pg_dump | pg_restore) ;;
      *) fout "in db alleen pg_dump of pg_restore, niet: ${1:-}" ;;
    esac
    geen_hostpaden "$@"
    argumenten=()
    for argument in "$@"; do
      case "$argument" in
        --username=kindkans) argumenten+=("--username=$NEP_COMPOSE_DB_USER") ;;
        --dbname=kindkans) argumenten+=("--dbname=$NEP_COMPOSE_DB") ;;
        --username* | --dbname* | --host* | --port* | -[Udhp]*)
          fout "in de db-container alleen --username=kindkans en --dbname=kindkans: $argument"
          ;;
        *) argumenten+=("$argument") ;;
      esac
    done
    # `exec` runs as root in the container: without --username/--dbname libpq would ask for a
    # role and database "root", which do not exist.
    export PGUSER=nep_compose_geen_rol PGDATABASE=nep_compose_geen_database
    # Through docker, stdout (and pg_restore's stdin) is a pipe, not a seekable file: a dump
    # written to a pipe has no data offsets and must be read as a stream.
    if [ "$1" = pg_restore ]; then
      { cat || :; } | "${argumenten[@]}" | cat
    else
      "${argumenten[@]}" | cat
    fi
    ;;
  run)
    [ "${2:-}" = --rm ] && [ "${3:-}" = --no-deps ] && [ "${4:-}" = -T ] && [ "${5:-}" = web ] \
      || fout "verwacht run --rm --no-deps -T web …, niet: $*"
    shift 5
    [ $# -gt 0 ] || fout "run zonder commando"
    geen_hostpaden "$@"
    argumenten=()
    for argument in "$@"; do
      argumenten+=("${argument//\/data\/media/$NEP_COMPOSE_MEDIA}")
    done
    exec "${argumenten[@]}"
    ;;
  stop | start)
    [ "${*:2}" = "web worker beat" ] || fout "verwacht $1 web worker beat, niet: $*"
    ;;
  *) fout "onbekende aanroep: $*" ;;
esac
