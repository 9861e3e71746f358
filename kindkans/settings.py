"""Settings of the Kindkans portal, read from the environment in this one module.

With no variable set you get the embedded default: SQLite, Celery tasks run eagerly in-process,
mail to the console, DEBUG on and a dev-only secret key. Production sets DEBUG=false and must
then set a real SECRET_KEY.
"""

from datetime import timedelta
from pathlib import Path

import environ
from celery.schedules import crontab
from csp.constants import NONE, SELF
from django.core.exceptions import ImproperlyConfigured

BASE_DIR = Path(__file__).resolve().parent.parent

env = environ.Env()

# --- Core / security ---------------------------------------------------------------------------

DEBUG = env.bool("DEBUG", default=True)

DEV_SECRET_KEY = "django-insecure-kindkans-dev-only-never-use-in-production"  # noqa: S105
SECRET_KEY = env.str("SECRET_KEY", default=DEV_SECRET_KEY)
if not DEBUG and (SECRET_KEY == DEV_SECRET_KEY or len(SECRET_KEY) < 50):
    raise ImproperlyConfigured(
        "SECRET_KEY ontbreekt of is te kort: zet een geheime, willekeurige SECRET_KEY van minstens "
        "50 tekens in de omgeving wanneer DEBUG uit staat."
    )

ALLOWED_HOSTS = env.list("ALLOWED_HOSTS", default=["127.0.0.1", "localhost", "[::1]", "testserver"])
CSRF_TRUSTED_ORIGINS = env.list("CSRF_TRUSTED_ORIGINS", default=[])

# Absolute base of links in mails (no trailing slash).
SITE_URL = env.str("SITE_URL", default="http://127.0.0.1:8000").rstrip("/")
# Brand name used in the texts of the portal and the mails.
KINDKANS_MERKNAAM = env.str("KINDKANS_MERKNAAM", default="Kindkans")

SESSION_COOKIE_HTTPONLY = True
SECURE_CONTENT_TYPE_NOSNIFF = True
X_FRAME_OPTIONS = "DENY"
# Content-Security-Policy (django-csp): only our own scripts, styles, images and forms. The
# templates hold no inline script or style, so nothing needs 'unsafe-inline'.
CONTENT_SECURITY_POLICY = {
    "DIRECTIVES": {
        "default-src": [SELF],
        "script-src": [SELF],
        "style-src": [SELF],
        "img-src": [SELF, "data:"],
        "font-src": [SELF],
        "connect-src": [SELF],
        "form-action": [SELF],
        "frame-ancestors": [NONE],
        "base-uri": [SELF],
        "object-src": [NONE],
    }
}
if not DEBUG:
    SESSION_COOKIE_SECURE = env.bool("SESSION_COOKIE_SECURE", default=True)
    CSRF_COOKIE_SECURE = env.bool("CSRF_COOKIE_SECURE", default=True)
    SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
# Transport, switched on where TLS is in front (docker-compose does): http is redirected to
# https, and browsers are told to use only https (HSTS) for SECURE_HSTS_SECONDS. Preload only
# allows submitting the domain to the browsers' preload list; that step stays a decision.
SECURE_SSL_REDIRECT = env.bool("SECURE_SSL_REDIRECT", default=False)
# The container's own health check speaks plain http to gunicorn.
SECURE_REDIRECT_EXEMPT = [r"^gezond/$"]
SECURE_HSTS_SECONDS = env.int("SECURE_HSTS_SECONDS", default=0)
SECURE_HSTS_INCLUDE_SUBDOMAINS = env.bool("SECURE_HSTS_INCLUDE_SUBDOMAINS", default=True)
SECURE_HSTS_PRELOAD = env.bool("SECURE_HSTS_PRELOAD", default=False)
# Reverse proxies of our own in front of the portal (the TLS proxy: 1); they decide which
# X-Forwarded-For entry is the client address (accounts.clientadres). 0: REMOTE_ADDR.
KINDKANS_PROXY_AANTAL = env.int("KINDKANS_PROXY_AANTAL", default=0)
# Permissions-Policy (django-permissions-policy): the portal uses none of these browser
# features, so no page (or anything injected into one) may ask for them.
PERMISSIONS_POLICY = {
    feature: []
    for feature in (
        "accelerometer",
        "autoplay",
        "browsing-topics",
        "camera",
        "display-capture",
        "geolocation",
        "gyroscope",
        "hid",
        "idle-detection",
        "magnetometer",
        "microphone",
        "midi",
        "payment",
        "screen-wake-lock",
        "serial",
        "usb",
        "xr-spatial-tracking",
    )
}
# A refused CSRF check (form open too long, cookies off) gets a page saying what to do.
CSRF_FAILURE_VIEW = "kindkans.views.csrf_mislukt"

# --- Applications ------------------------------------------------------------------------------

INSTALLED_APPS = [
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.staticfiles",
    "guardian",
    "anymail",
    "django_filters",
    "pgtrigger",
    "axes",
    "csp",
    # Its counter limits failed logins per client address (accounts.limieten).
    "django_ratelimit",
    "django_otp",
    "django_otp.plugins.otp_totp",
    "django_otp.plugins.otp_static",
    "two_factor",
    "kindkans",
    "accounts",
    "leerlingen",
    "logboek",
    "notificaties",
    "hulpvragen",
    "formulieren",
    "overleg",
    # Ouders/verzorgers, toestemming, the parents' pages, de stem van de leerling.
    "ouders",
    "inzage",
    # The SWV overview: read-only aggregates over the apps above (top floor).
    "overzicht",
    # Mijn werk: Mijn acties, termijnen, herinneringen, the daily digest (top floor).
    "werk",
    # Above accounts and notificaties (it replaces accounts' Gebruiker admin, so after it).
    "accountbeheer",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "django_permissions_policy.PermissionsPolicyMiddleware",
    "csp.middleware.CSPMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    # Every request gets an id, kept in the access log (logboek).
    "logboek.middleware.RequestIdMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.locale.LocaleMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    # request.user.is_verified(): has this session passed the second factor?
    "django_otp.middleware.OTPMiddleware",
    # Every view needs a login unless it is marked @login_not_required.
    "django.contrib.auth.middleware.LoginRequiredMiddleware",
    # Idle and absolute session timeout; logs out before anything else looks at the person.
    "accounts.middleware.SessieTijdMiddleware",
    # Nothing but enrolment and logout before the second factor, also not the beheer.
    "accounts.middleware.TweeStapsMiddleware",
    # A logged-in person's pages are never kept in a (shared) browser's cache.
    "accounts.middleware.GeenCacheMiddleware",
    # Every view works inside the current omgeving of an active lidmaatschap.
    "accounts.middleware.OmgevingMiddleware",
    # After a person's POST their next page counts Mijn acties afresh (the menu keeps it 60 s).
    "werk.middleware.AantalActiesMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    # Every 404 (a refused object, a URL that matches nothing) gets the portal's Dutch 404 page,
    # also with DEBUG on.
    "kindkans.middleware.NietGevondenMiddleware",
    # Last, as django-axes asks: it turns a locked-out login into the lockout page.
    "axes.middleware.AxesMiddleware",
]

ROOT_URLCONF = "kindkans.urls"
WSGI_APPLICATION = "kindkans.wsgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [BASE_DIR / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "accounts.context_processors.omgeving",
                "notificaties.context_processors.meldingen",
                # The number of Mijn acties next to "Start" in the menu.
                "werk.context_processors.mijn_acties",
            ],
        },
    },
]

FORM_RENDERER = "kindkans.formulieren_weergave.KindkansRenderer"

# --- Database ----------------------------------------------------------------------------------

DATABASES = {
    "default": env.db("DATABASE_URL", default=f"sqlite:///{BASE_DIR / 'db.sqlite3'}"),
}
DATABASES["default"]["ATOMIC_REQUESTS"] = False
# A connection per worker thread, kept for CONN_MAX_AGE seconds and checked before reuse: a new
# PostgreSQL connection per request cost more than the list page's queries (bench/schaal).
DATABASES["default"]["CONN_MAX_AGE"] = env.int("CONN_MAX_AGE", default=60)
DATABASES["default"]["CONN_HEALTH_CHECKS"] = True
if DATABASES["default"]["ENGINE"] == "django.db.backends.postgresql":
    # The portal's queries are short: JIT compilation took longer than running them. Its data
    # is in memory or on SSD, so a random read costs about a sequential one: with the default
    # random_page_cost (4) the planner read all 30,000 hulpvragen of an omgeving to find an
    # IB/COO's 300 instead of looking those 300 up (9 ms → 1.3 ms, bench/schaal).
    DATABASES["default"].setdefault("OPTIONS", {})["options"] = "-c jit=off -c random_page_cost=1.1"
    # A choice list (ModelChoiceField) reads its rows in one go instead of through a
    # server-side cursor: three round trips fewer, and safe behind a transaction pooler.
    DATABASES["default"]["DISABLE_SERVER_SIDE_CURSORS"] = True
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

# --- Cache -------------------------------------------------------------------------------------

# Holds the count of failed logins per client address (accounts.limieten). The embedded default
# is memory per process; with several gunicorn workers each would count apart, so production
# sets CACHE_URL=redis://redis:6379/1.
CACHES = {"default": env.cache("CACHE_URL", default="locmemcache://")}
SILENCED_SYSTEM_CHECKS = []
if DATABASES["default"]["ENGINE"] == "django.db.backends.sqlite3":
    # The covering index recht_per_persoon is made without its INCLUDE column on SQLite; the
    # embedded default does not need it to be index-only.
    SILENCED_SYSTEM_CHECKS += ["models.W040"]
if CACHES["default"]["BACKEND"] == "django.core.cache.backends.locmem.LocMemCache" and DEBUG:
    # One development process: a per-process counter is the real count there.
    SILENCED_SYSTEM_CHECKS += ["django_ratelimit.E003", "django_ratelimit.W001"]
elif CACHES["default"]["BACKEND"] == "django.core.cache.backends.redis.RedisCache":
    # Django's own Redis backend is not on django-ratelimit's list, but its incr() is Redis'
    # atomic INCR, which is all the counter needs.
    SILENCED_SYSTEM_CHECKS += ["django_ratelimit.W001"]

# --- Authentication ----------------------------------------------------------------------------

AUTH_USER_MODEL = "accounts.Gebruiker"
AUTHENTICATION_BACKENDS = [
    "axes.backends.AxesStandaloneBackend",
    "django.contrib.auth.backends.ModelBackend",
    "guardian.backends.ObjectPermissionBackend",
]
LOGIN_URL = "accounts:login"
LOGIN_REDIRECT_URL = "start"
LOGOUT_REDIRECT_URL = "accounts:login"

# Two-factor login (django-two-factor-auth on django-otp) for every account, portal and beheer
# alike: TOTP with a QR code, 10 backup codes. No "remember this device": every login asks
# for the code. django-otp throttles wrong codes per device (1 s, 2 s, 4 s … after each failure).
TWO_FACTOR_REMEMBER_COOKIE_AGE = None
TWO_FACTOR_LOGIN_TIMEOUT = 10 * 60
TWO_FACTOR_QR_FACTORY = "qrcode.image.svg.SvgPathImage"
OTP_TOTP_ISSUER = KINDKANS_MERKNAAM
OTP_TOTP_THROTTLE_FACTOR = 1
OTP_STATIC_THROTTLE_FACTOR = 1
OTP_LOGIN_URL = LOGIN_URL

# Sessions: end when the browser closes, after SESSIE_INACTIEF_MINUTEN without a request and in
# any case SESSIE_MAXIMAAL_UREN after login (accounts.middleware.SessieTijdMiddleware). The
# page warns SESSIE_WAARSCHUWING_SECONDEN before the idle timeout.
SESSION_EXPIRE_AT_BROWSER_CLOSE = True
SESSIE_INACTIEF_MINUTEN = env.int("SESSIE_INACTIEF_MINUTEN", default=30)
SESSIE_MAXIMAAL_UREN = env.int("SESSIE_MAXIMAAL_UREN", default=12)
SESSIE_WAARSCHUWING_SECONDEN = env.int("SESSIE_WAARSCHUWING_SECONDEN", default=120)
# A parent's visit without an account (ouders): the link works once and the invitation runs
# OUDER_UITNODIGING_DAGEN (a round's invitation until its einddatum); the code by mail works
# OUDER_CODE_MINUTEN and is void after OUDER_MAX_FOUTE_CODES wrong tries; a visit lasts
# OUDER_BEZOEK_MINUTEN. Limits per invitation: ouders.links; per client address: ouders.ouderviews.
OUDER_UITNODIGING_DAGEN = env.int("OUDER_UITNODIGING_DAGEN", default=14)
OUDER_CODE_MINUTEN = env.int("OUDER_CODE_MINUTEN", default=15)
OUDER_MAX_FOUTE_CODES = env.int("OUDER_MAX_FOUTE_CODES", default=5)
OUDER_BEZOEK_MINUTEN = env.int("OUDER_BEZOEK_MINUTEN", default=60)
# The stored session row lives no longer than the absolute lifetime either.
SESSION_COOKIE_AGE = SESSIE_MAXIMAAL_UREN * 60 * 60
AUTH_PASSWORD_VALIDATORS = [
    {
        "NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator",
        "OPTIONS": {"user_attributes": ["email", "voornaam", "achternaam"]},
    },
    {
        "NAME": "accounts.wachtwoorden.MinimaleLengte",
        "OPTIONS": {"min_length": 12},
    },
    # Django's list of common passwords plus a Dutch one, also recognising "Welkom2024!".
    {"NAME": "accounts.wachtwoorden.VeelGebruikt"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]
PASSWORD_RESET_TIMEOUT = 60 * 60 * 24

# django-axes: after 5 wrong passwords for one e-mailadres from one client address, that
# combination waits 15 minutes (its defaults would lock an account for good after 3).
AXES_FAILURE_LIMIT = env.int("AXES_FAILURE_LIMIT", default=5)
AXES_COOLOFF_TIME = timedelta(minutes=env.int("AXES_COOLOFF_MINUTEN", default=15))
AXES_LOCKOUT_PARAMETERS = [["username", "ip_address"]]
AXES_RESET_ON_SUCCESS = True
# The e-mailadres is authenticate()'s "username" (posted as "username", or "auth-username" by
# the two-step login); counted case-insensitively, so "Rik@…" and "rik@…" are one account to
# axes as they are to the login.
AXES_USERNAME_FORM_FIELD = "username"
AXES_USERNAME_CALLABLE = "accounts.inlogpogingen.gebruikersnaam"
# The client address as the rate limits and logs see it (KINDKANS_PROXY_AANTAL).
AXES_CLIENT_IP_CALLABLE = "accounts.clientadres.client_adres"
# The lockout page says how long to wait (accounts/geblokkeerd.html).
AXES_LOCKOUT_CALLABLE = "accounts.limieten.axes_geblokkeerd"
# Against password spraying: this many failed logins from one client address, whatever the
# e-mailadressen, within the window block that address for AXES_COOLOFF_TIME (accounts.limieten).
INLOG_FOUTEN_PER_CLIENTADRES = env.int("INLOG_FOUTEN_PER_CLIENTADRES", default=30)
INLOG_FOUTEN_VENSTER_MINUTEN = env.int("INLOG_FOUTEN_VENSTER_MINUTEN", default=15)

# django-guardian: no anonymous user (nobody sees anything without logging in), and nobody is
# given model-wide permissions (see DESIGN.md §8).
ANONYMOUS_USER_NAME = None
GUARDIAN_RAISE_404 = True

# --- Mail --------------------------------------------------------------------------------------

DEFAULT_FROM_EMAIL = env.str("DEFAULT_FROM_EMAIL", default="Kindkans <noreply@kindkans.test>")
SERVER_EMAIL = env.str("SERVER_EMAIL", default=DEFAULT_FROM_EMAIL)
# console (embedded default), smtp (mail catcher, own relay) or an anymail ESP backend such as
# anymail.backends.postmark.EmailBackend; see README "Mail".
EMAIL_BACKEND = env.str("EMAIL_BACKEND", default="django.core.mail.backends.console.EmailBackend")
EMAIL_HOST = env.str("EMAIL_HOST", default="localhost")
EMAIL_PORT = env.int("EMAIL_PORT", default=25)
EMAIL_HOST_USER = env.str("EMAIL_HOST_USER", default="")
EMAIL_HOST_PASSWORD = env.str("EMAIL_HOST_PASSWORD", default="")
EMAIL_USE_TLS = env.bool("EMAIL_USE_TLS", default=False)
EMAIL_USE_SSL = env.bool("EMAIL_USE_SSL", default=False)
EMAIL_TIMEOUT = env.int("EMAIL_TIMEOUT", default=30)
ANYMAIL = {
    key.removeprefix("ANYMAIL_"): value
    for key, value in env.ENVIRON.items()
    if key.startswith("ANYMAIL_") and value
}

# --- Celery ------------------------------------------------------------------------------------

CELERY_BROKER_URL = env.str("CELERY_BROKER_URL", default="")
# Without a broker the embedded default runs every task in-process, right away.
CELERY_TASK_ALWAYS_EAGER = env.bool("CELERY_TASK_ALWAYS_EAGER", default=not CELERY_BROKER_URL)
# Eagerly, a retry runs at once (no countdown); it must be handled inside apply() rather than
# thrown at the caller, so the embedded default retries and then marks a mail "mislukt".
CELERY_TASK_EAGER_PROPAGATES = False
if not CELERY_BROKER_URL:
    CELERY_BROKER_URL = "memory://"
CELERY_RESULT_BACKEND = None
CELERY_TASK_IGNORE_RESULT = True
CELERY_TASK_ACKS_LATE = True
CELERY_WORKER_PREFETCH_MULTIPLIER = 1
CELERY_BROKER_CONNECTION_RETRY_ON_STARTUP = True
# A broker that refuses or hangs must not hold up a request: connecting, every socket read and
# write are bounded, and a lost connection is not retried in place (max_retries 0; the worker
# reconnects through its own loop, broker_connection_max_retries). Without these a frozen Redis
# kept a request waiting for half a minute.
_broker_timeout = env.float("CELERY_BROKER_TIMEOUT_SECONDEN", default=0.3)
CELERY_BROKER_CONNECTION_TIMEOUT = _broker_timeout
CELERY_BROKER_TRANSPORT_OPTIONS = {
    "socket_connect_timeout": _broker_timeout,
    "socket_timeout": _broker_timeout,
    "max_retries": 0,
}
# After the broker failed once, a web process stops trying for this long: the other mails of
# the same action (and of the next ones) wait for herstart_wachtende_notificaties at once.
NOTIFICATIE_BROKER_PAUZE_SECONDEN = env.float("NOTIFICATIE_BROKER_PAUZE_SECONDEN", default=10)
CELERY_TIMEZONE = "Europe/Amsterdam"
# The schedules are fixed, so they live here and exactly one `celery beat` runs them
# (no django-celery-beat: nothing to edit at run time, one table less).
CELERY_BEAT_SCHEDULE = {
    "herstart-wachtende-notificaties": {
        "task": "notificaties.tasks.herstart_wachtende_notificaties",
        "schedule": env.int("NOTIFICATIE_HERSTART_INTERVAL_SECONDEN", default=60),
    },
    "ruim-logboek-op": {
        "task": "logboek.tasks.ruim_logboek_op",
        "schedule": env.int("LOGBOEK_OPRUIM_INTERVAL_SECONDEN", default=24 * 3600),
    },
    "beeindig-verlopen-overlegrondes": {
        "task": "overleg.tasks.beeindig_verlopen_overlegrondes",
        # Hourly; requests check the date themselves, this only tidies the rows.
        "schedule": env.int("OVERLEG_OPRUIM_INTERVAL_SECONDEN", default=3600),
    },
    "verstuur-herinneringen": {
        "task": "werk.tasks.verstuur_herinneringen",
        # Hourly at minute 15 in the school day, Monday to Friday: the reminders whose day has
        # come (the task itself skips public holidays). Not at beat start: a beat restarted at
        # night would send them at night; the next run in school hours catches up.
        "schedule": crontab(minute=15, hour="7-17", day_of_week="mon-fri"),
    },
    "stuur-dagelijkse-overzichten": {
        "task": "werk.tasks.stuur_dagelijkse_overzichten",
        # Hourly at minute 5 (CELERY_TIMEZONE): the daily overviews whose hour has come.
        "schedule": crontab(minute=5),
    },
}

# --- Notificaties ------------------------------------------------------------------------------

# Attempts per mail before it is "mislukt"; the wait doubles after each failure.
NOTIFICATIE_MAX_POGINGEN = env.int("NOTIFICATIE_MAX_POGINGEN", default=5)
NOTIFICATIE_BACKOFF_SECONDEN = env.int("NOTIFICATIE_BACKOFF_SECONDEN", default=60)
# A mail still waiting this long after its turn is queued again by the periodic task.
NOTIFICATIE_HERSTART_NA_SECONDEN = env.int("NOTIFICATIE_HERSTART_NA_SECONDEN", default=120)
NOTIFICATIE_HERSTART_MAX = env.int("NOTIFICATIE_HERSTART_MAX", default=500)

# --- Portal ------------------------------------------------------------------------------------

# How long a confirmation of a leerling's basis- and schoolgegevens counts (default: 6 months).
LEERLING_CONTROLE_TERMIJN_DAGEN = env.int("LEERLING_CONTROLE_TERMIJN_DAGEN", default=183)
# Largest bijlage accepted (MB).
BIJLAGE_MAX_MB = env.int("BIJLAGE_MAX_MB", default=20)
# How many days the link in an invitation to a new account works (once).
UITNODIGING_GELDIG_DAGEN = env.int("UITNODIGING_GELDIG_DAGEN", default=7)

# --- Logboek ------------------------------------------------------------------------------------

# How long the access log keeps its rows (NEN 7513 asks for years; the SWV decides).
LOGBOEK_BEWAAR_JAREN = env.int("LOGBOEK_BEWAAR_JAREN", default=5)

# --- Files -------------------------------------------------------------------------------------

STATIC_URL = "static/"
STATIC_ROOT = env.path("STATIC_ROOT", default=BASE_DIR / "staticfiles")
STATICFILES_DIRS = [BASE_DIR / "static"]
# Uploads are never served as public URLs; a view checks access before it streams a file.
MEDIA_ROOT = env.path("MEDIA_ROOT", default=BASE_DIR / "media")
STORAGES = {
    # Bijlagen go through Django's storage API: another backend (e.g. django-storages' S3) is
    # a matter of STORAGE_BACKEND and that backend's own settings.
    "default": {
        "BACKEND": env.str("STORAGE_BACKEND", default="django.core.files.storage.FileSystemStorage")
    },
    "staticfiles": {
        "BACKEND": (
            "django.contrib.staticfiles.storage.StaticFilesStorage"
            if DEBUG
            else "whitenoise.storage.CompressedManifestStaticFilesStorage"
        )
    },
}

# --- I18n --------------------------------------------------------------------------------------

LANGUAGE_CODE = "nl"
LANGUAGES = [("nl", "Nederlands")]
TIME_ZONE = "Europe/Amsterdam"
USE_I18N = True
USE_TZ = True

# --- Logging -----------------------------------------------------------------------------------

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "handlers": {"console": {"class": "logging.StreamHandler"}},
    "root": {"handlers": ["console"], "level": env.str("LOG_LEVEL", default="INFO")},
    "loggers": {"django.db.backends": {"level": "INFO"}},
}
