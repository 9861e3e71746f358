# syntax=docker/dockerfile:1
# The Kindkans portal: one image for the web (gunicorn), the Celery worker and Celery beat.
# docker-compose.yml builds it and supplies the runtime environment (see README "Production").
# The base image is pinned to an exact Python patch release on an exact Debian release (a floating
# tag like python:3.11-slim changes under the same name); raise it on purpose, within the 3.11 of
# pyproject.toml's requires-python.
FROM python:3.11.14-slim-bookworm

ENV PYTHONDONTWRITEBYTECODE=1 \
    PYTHONUNBUFFERED=1 \
    PIP_NO_CACHE_DIR=1 \
    PIP_DISABLE_PIP_VERSION_CHECK=1

# An unprivileged user runs every process; the code in /app stays owned by root, read-only to it.
RUN groupadd --system --gid 10001 kindkans \
    && useradd --system --uid 10001 --gid kindkans --home-dir /app --no-create-home \
        --shell /usr/sbin/nologin kindkans

# Dependencies first, in their own layer, so a code change does not reinstall them. The pins
# live in pyproject.toml; `packages = []` there means `pip install .` installs only the
# dependencies (psycopg2-binary and the rest ship wheels: no compiler or libpq-dev needed). It is
# built outside /app so no *.egg-info is left next to the code.
COPY pyproject.toml /tmp/build/pyproject.toml
RUN pip install /tmp/build && rm -rf /tmp/build

WORKDIR /app
COPY . /app

# Runtime defaults. DEBUG is off, so the settings refuse to start without a real SECRET_KEY of at
# least 50 characters: the image carries none, the runtime environment must supply it.
ENV DEBUG=false \
    STATIC_ROOT=/app/staticfiles \
    MEDIA_ROOT=/data/media \
    WEB_CONCURRENCY=3

# Collect the static files (whitenoise's compressed manifest storage, because DEBUG is off) into
# the image. Importing the settings needs a SECRET_KEY: this throwaway key exists only in the
# environment of this one RUN step (not an ENV, so it never reaches a running container);
# collectstatic signs nothing with it.
RUN SECRET_KEY=build-only-throwaway-key-for-collectstatic-never-used-at-runtime-0000 \
    python manage.py collectstatic --noinput

# Uploads live on a volume. The directory is created and chowned before VOLUME so that a fresh
# named volume mounted here starts out owned by the unprivileged user.
RUN mkdir -p /data/media && chown kindkans:kindkans /data/media
VOLUME ["/data/media"]

USER kindkans

EXPOSE 8000

# gunicorn reads its worker count from WEB_CONCURRENCY (3 above; roughly 2 x CPU cores + 1 is the
# usual rule). The heartbeat file goes to /dev/shm (memory) instead of the disk-backed /tmp.
CMD ["gunicorn", "kindkans.wsgi:application", \
     "--bind", "0.0.0.0:8000", \
     "--worker-tmp-dir", "/dev/shm", \
     "--access-logfile", "-"]
