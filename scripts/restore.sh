#!/usr/bin/env bash
# Restore a backup of scripts/backup.sh: the database with pg_restore (--clean --if-exists
# --no-owner, in one transaction) and MEDIA_ROOT from media.tar. What is there now is replaced.
#
#   scripts/restore.sh --controleer backups/kindkans-20261130-020000  # only checks: exit 0
#   scripts/restore.sh --ja backups/kindkans-20261130-020000          # restores
#   KINDKANS_HERSTEL_BEVESTIGD=ja scripts/restore.sh backups/…        # the same, for automation
#
# Without --ja or --controleer it checks too but exits 2 ("not restored"), so that automation
# that forgot the confirmation does not count the run as a restore. `make restore MAP=…` passes
# --controleer, `make restore MAP=… BEVESTIG=ja` passes --ja.
#
# Same variables as scripts/backup.sh (BACKUP_VIA, COMPOSE; DATABASE_URL and MEDIA_ROOT for host).
# The checksums in SHA256SUMS are verified before anything is touched. docker-compose layout:
# web, worker and beat are stopped during the restore and started again afterwards. Host layout:
# stop the portal (gunicorn, worker, beat) yourself first; the restore waits for their locks.
#
# Restore with the code (migrations) of the backup's time, then run `manage.py migrate`: the
# dump's tables are dropped and made again, a table the dump does not have is left alone.
set -euo pipefail

ROOT="$(cd "$(dirname "$0")/.." && pwd)"
# shellcheck source=scripts/_backup_gemeen.sh
. "$ROOT/scripts/_backup_gemeen.sh"
controleer_via

BEVESTIGD="${KINDKANS_HERSTEL_BEVESTIGD:-}"
JA=""
CONTROLEER=""
MAP=""
for argument in "$@"; do
  case "$argument" in
    --ja) JA="ja" BEVESTIGD="ja" ;;
    --controleer) CONTROLEER="ja" ;;
    -*) fout "onbekende optie $argument (alleen --ja of --controleer)." ;;
    *)
      [ -z "$MAP" ] || fout "geef één backupmap."
      MAP="$argument"
      ;;
  esac
done
[ -n "$MAP" ] || fout "gebruik: $0 [--ja | --controleer] <backupmap>"
# --controleer only checks, also when KINDKANS_HERSTEL_BEVESTIGD=ja is set.
[ -z "$CONTROLEER" ] || [ -z "$JA" ] || fout "--controleer en --ja samen: kies er één."
[ -d "$MAP" ] || fout "$MAP is geen map."
MAP="$(realpath "$MAP")"
if [ "$BACKUP_VIA" = host ]; then
  DB_URL="$(libpq_url)"
  MEDIA="$(media_map)"
fi
cd "$ROOT"

for bestand in "$CONTROLE_NAAM" "$DUMP_NAAM" "$MEDIA_NAAM"; do
  [ -f "$MAP/$bestand" ] || fout "$MAP/$bestand ontbreekt: geen volledige backup."
done
# Both files, and exactly these, must be listed.
[ "$(awk '{print $2}' "$MAP/$CONTROLE_NAAM" | sed 's/^\*//' | sort | tr '\n' ' ')" = \
  "$DUMP_NAAM $MEDIA_NAAM " ] || fout "$CONTROLE_NAAM noemt niet precies $DUMP_NAAM en $MEDIA_NAAM."
(cd "$MAP" && sha256sum --check --quiet "$CONTROLE_NAAM") \
  || fout "de controlesom klopt niet: de backup is beschadigd of gewijzigd; er is niets hersteld."
echo "Controlesommen kloppen: $MAP"

if [ "$BACKUP_VIA" = compose ]; then
  WAT="de database '$COMPOSE_DB_NAAM' en het volume media van docker compose"
else
  WAT="de database van DATABASE_URL en $MEDIA"
fi
if [ -n "$CONTROLEER" ]; then
  echo "Alleen gecontroleerd; niets gewijzigd. Herstellen vervangt $WAT door deze backup:"
  echo "  make restore MAP=$MAP BEVESTIG=ja   (of: $0 --ja $MAP)"
  exit 0
fi
if [ "$BEVESTIGD" != "ja" ]; then
  echo "Herstel vervangt $WAT door deze backup." >&2
  echo "Niets gewijzigd. Bevestig met --ja (of KINDKANS_HERSTEL_BEVESTIGD=ja)." >&2
  exit 2
fi

BIJLAGEN_BEZIG=""
afgebroken() {
  echo "Herstel afgebroken." >&2
  if [ -n "$BIJLAGEN_BEZIG" ]; then
    echo "De database komt al uit de backup, de bijlagen mogelijk maar voor een deel:" \
      "herstel opnieuw met dezelfde backup ($0 --ja $MAP)." >&2
  fi
  if [ "$BACKUP_VIA" = compose ]; then
    echo "web, worker en beat staan stil: $COMPOSE start web worker beat" >&2
  fi
}
trap afgebroken EXIT

if [ "$BACKUP_VIA" = compose ]; then
  echo "web, worker en beat stoppen"
  $COMPOSE stop web worker beat
fi

echo "Database herstellen"
# One transaction: if anything fails, the database is as it was.
HERSTEL_OPTIES=(--clean --if-exists --no-owner --single-transaction --exit-on-error)
if [ "$BACKUP_VIA" = compose ]; then
  $COMPOSE exec -T db pg_restore --username="$COMPOSE_DB_GEBRUIKER" \
    --dbname="$COMPOSE_DB_NAAM" "${HERSTEL_OPTIES[@]}" <"$MAP/$DUMP_NAAM"
else
  pg_restore --dbname="$DB_URL" "${HERSTEL_OPTIES[@]}" "$MAP/$DUMP_NAAM"
fi

echo "Bijlagen herstellen"
# From here the database is the backup's: a failure now may leave the folder half filled.
BIJLAGEN_BEZIG="ja"
# The folder is emptied and filled from the tar: a file that came after the backup goes, as its
# row did. Only its contents: in compose the folder is a volume's mount point.
if [ "$BACKUP_VIA" = compose ]; then
  $COMPOSE run --rm --no-deps -T web sh -c \
    "find '$COMPOSE_MEDIA' -mindepth 1 -delete && tar -C '$COMPOSE_MEDIA' -xf -" <"$MAP/$MEDIA_NAAM"
else
  case "$MEDIA" in
    / | "$HOME" | "$ROOT") fout "MEDIA_ROOT $MEDIA leegmaken weiger ik." ;;
  esac
  mkdir -p "$MEDIA"
  find "$MEDIA" -mindepth 1 -delete
  tar -C "$MEDIA" -xf "$MAP/$MEDIA_NAAM"
fi

trap - EXIT
if [ "$BACKUP_VIA" = compose ]; then
  echo "web, worker en beat starten"
  $COMPOSE start web worker beat
fi
echo "Herstel klaar uit $MAP"
