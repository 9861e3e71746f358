#!/usr/bin/env bash
# Back up the portal: the PostgreSQL database (pg_dump, custom format) and the uploaded files
# (MEDIA_ROOT: the bijlagen) into one new folder <BACKUP_DIR>/kindkans-<date>-<time>/ holding
#
#   database.dump   pg_dump -Fc: restore with scripts/restore.sh (pg_restore)
#   media.tar       the contents of MEDIA_ROOT
#   SHA256SUMS      the checksums of both (sha256sum -c)
#
#   scripts/backup.sh                                    # docker-compose layout
#   BACKUP_VIA=host DATABASE_URL=postgres://… MEDIA_ROOT=/srv/kindkans/media scripts/backup.sh
#
# BACKUP_DIR (default backups/ in the repository) is where the folder goes; see
# scripts/_backup_gemeen.sh for BACKUP_VIA and COMPOSE. The folder is made under a temporary
# name and renamed only when everything is written, so a folder with the final name is complete.
# A backup holds personal data of children: it is readable by its owner only (umask 077) and
# belongs on encrypted storage, never in git or an image (.gitignore, .dockerignore).
#
# With bijlagen in object storage (STORAGE_BACKEND) media.tar holds only what is on disk; back up
# the bucket with that storage's own means.
set -euo pipefail
umask 077

ROOT="$(cd "$(dirname "$0")/.." && pwd)"
# shellcheck source=scripts/_backup_gemeen.sh
. "$ROOT/scripts/_backup_gemeen.sh"
controleer_via

# Relative paths are taken from where the script is called; the work happens in the repository.
BACKUP_DIR="$(realpath -m "${BACKUP_DIR:-$ROOT/backups}")"
if [ "$BACKUP_VIA" = host ]; then
  DB_URL="$(libpq_url)"
  MEDIA="$(media_map)"
fi
cd "$ROOT"

mkdir -p "$BACKUP_DIR"
NAAM="kindkans-$(date +%Y%m%d-%H%M%S)"
DOEL="$BACKUP_DIR/$NAAM"
[ ! -e "$DOEL" ] || fout "$DOEL bestaat al."
BEZIG="$BACKUP_DIR/.$NAAM.onvolledig"
mkdir "$BEZIG"
# A failed run leaves nothing that looks like a backup.
trap 'rm -rf "$BEZIG"' EXIT

# The database first, then the files: a bijlage's file is written before its row is committed,
# so every bijlage in the dump has its file in the tar (a file newer than the dump is harmless).
echo "Database → $DOEL/$DUMP_NAAM"
if [ "$BACKUP_VIA" = compose ]; then
  $COMPOSE exec -T db pg_dump --username="$COMPOSE_DB_GEBRUIKER" --dbname="$COMPOSE_DB_NAAM" \
    --format=custom >"$BEZIG/$DUMP_NAAM"
else
  pg_dump --dbname="$DB_URL" --format=custom --file="$BEZIG/$DUMP_NAAM"
fi

echo "Bijlagen (MEDIA_ROOT) → $DOEL/$MEDIA_NAAM"
if [ "$BACKUP_VIA" = compose ]; then
  # A one-off container of the web image with the media volume: works whether web runs or not.
  $COMPOSE run --rm --no-deps -T web tar -C "$COMPOSE_MEDIA" -cf - . >"$BEZIG/$MEDIA_NAAM"
elif [ -d "$MEDIA" ]; then
  tar -C "$MEDIA" -cf "$BEZIG/$MEDIA_NAAM" .
else
  echo "Let op: $MEDIA bestaat niet; media.tar is leeg." >&2
  tar -cf "$BEZIG/$MEDIA_NAAM" -T /dev/null
fi
# Both files must be readable before the backup counts.
if [ "$BACKUP_VIA" = compose ]; then
  $COMPOSE exec -T db pg_restore --list <"$BEZIG/$DUMP_NAAM" >/dev/null
else
  pg_restore --list "$BEZIG/$DUMP_NAAM" >/dev/null
fi || fout "pg_restore kan de dump niet lezen."
tar -tf "$BEZIG/$MEDIA_NAAM" >/dev/null || fout "media.tar is onleesbaar."

(cd "$BEZIG" && sha256sum "$DUMP_NAAM" "$MEDIA_NAAM" >"$CONTROLE_NAAM")
mv "$BEZIG" "$DOEL"
trap - EXIT

echo "Backup klaar: $DOEL"
(cd "$DOEL" && du -h "$DUMP_NAAM" "$MEDIA_NAAM")
