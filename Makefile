# The project's vocabulary: make run, make test, make lint, make bench.
PY ?= $(shell command -v python3.11 || command -v python3)
VENV := .venv
BIN := $(VENV)/bin
HOST ?= 127.0.0.1:8000

.PHONY: install run test lint format migrations-check vendor-css clean bench backup restore \
	screenshots

$(BIN)/.geinstalleerd: pyproject.toml
	test -x $(BIN)/python || $(PY) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -e ".[dev]"
	touch $@

install: $(BIN)/.geinstalleerd

## The portal with demo data on the embedded default (SQLite, eager Celery, console mail).
run: install
	$(BIN)/python manage.py migrate --noinput
	$(BIN)/python manage.py demodata
	$(BIN)/python manage.py runserver $(HOST)

## The whole test suite (SQLite unless DATABASE_URL points elsewhere; CI sets PostgreSQL).
test: install
	$(BIN)/pytest $(PYTEST_ARGS)

## Regenerate the README's screenshots in docs/screenshots/ with the browser tests that take them
## (a plain test run writes its screenshots to a temporary folder and leaves docs/ alone).
screenshots: install
	KINDKANS_SCHERMAFDRUKKEN=docs/screenshots $(BIN)/pytest -q -p no:cacheprovider \
		tests/e2e/test_werkinstructie.py tests/e2e/test_tweestaps.py tests/e2e/test_ouders.py

lint: install
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .

format: install
	$(BIN)/ruff format .
	$(BIN)/ruff check --fix .

migrations-check: install
	$(BIN)/python manage.py makemigrations --check --dry-run

## Refresh the NL Design System CSS in static/vendor/nlds (needs npm).
vendor-css:
	rm -rf /tmp/kindkans-nlds && mkdir -p /tmp/kindkans-nlds
	cd /tmp/kindkans-nlds && npm pack --silent @utrecht/component-library-css@9.0.4 \
		@nl-design-system-unstable/voorbeeld-design-tokens@7.4.1 && for f in *.tgz; do tar xzf $$f; mv package $${f%.tgz}; done
	cp /tmp/kindkans-nlds/utrecht-component-library-css-9.0.4/dist/index.css static/vendor/nlds/utrecht-components.css
	cp /tmp/kindkans-nlds/utrecht-component-library-css-9.0.4/dist/html.css static/vendor/nlds/utrecht-html.css
	cp /tmp/kindkans-nlds/nl-design-system-unstable-voorbeeld-design-tokens-7.4.1/dist/theme.css static/vendor/nlds/voorbeeld-theme.css

clean:
	rm -rf $(VENV) db.sqlite3 .pytest_cache .ruff_cache

## Benchmarks: ratios measured in one run (see bench/).
bench: install
	$(BIN)/python bench/hulpvragenlijst.py
	@echo "bench/logboek.py needs PostgreSQL: DATABASE_URL=postgres://…/kindkans_bench $(BIN)/python bench/logboek.py"
	@echo "bench/schaal/ (a small and a 1M installation, PostgreSQL): see README, Scale"

## Backup of database (pg_dump -Fc) and uploads into backups/kindkans-<date>-<time>/ with
## checksums. BACKUP_VIA=compose (default: docker-compose.yml) or host (DATABASE_URL, MEDIA_ROOT).
backup:
	scripts/backup.sh

## Restore one backup folder; without BEVESTIG=ja it only verifies the checksums (and succeeds).
## make restore MAP=backups/kindkans-20261130-020000 BEVESTIG=ja
restore:
	scripts/restore.sh $(if $(filter ja,$(BEVESTIG)),--ja,--controleer) "$(MAP)"
