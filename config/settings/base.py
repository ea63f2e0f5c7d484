"""Settings shared by every environment. Values come from the environment (django-environ);
a malformed value fails loudly at start-up."""

from datetime import timedelta
from pathlib import Path

import environ

BASE_DIR = Path(__file__).resolve().parent.parent.parent
env = environ.Env()
environ.Env.read_env(BASE_DIR / ".env", overwrite=False)

SECRET_KEY = env("SECRET_KEY", default="dev-only-insecure-key-change-me")
DEBUG = env.bool("DEBUG", default=False)
ALLOWED_HOSTS = env.list("ALLOWED_HOSTS", default=["127.0.0.1", "localhost", "testserver"])

INSTALLED_APPS = [
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.staticfiles",
    "django.contrib.humanize",
    "rest_framework",
    "knox",
    "drf_spectacular",
    "drf_spectacular_sidecar",
    "django_filters",
    "django_celery_beat",
    "allauth",
    "allauth.account",
    "allauth.mfa",
    "core",
    "complexes",
    "residents",
    "council",
    "elections",
    "fees",
    "repairs",
    "disclosure",
]

MIDDLEWARE = [
    # /healthz and /readyz answer before anything else (no host check, redirect or login).
    "core.health.HealthCheckMiddleware",
    "core.logs.RequestContextMiddleware",
    "django.middleware.security.SecurityMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "core.i18n.ChosenLanguageMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "allauth.account.middleware.AccountMiddleware",
    "core.mfa.RequireManagerMFAMiddleware",
    "csp.middleware.CSPMiddleware",
    "core.security.PermissionsPolicyMiddleware",
]

ROOT_URLCONF = "config.urls"
WSGI_APPLICATION = "config.wsgi.application"

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
                "core.context_processors.portal",
            ],
        },
    },
]

# The embedded default is a SQLite file; production and CI set DATABASE_URL to PostgreSQL.
DATABASES = {"default": env.db("DATABASE_URL", default=f"sqlite:///{BASE_DIR / 'db.sqlite3'}")}
DATABASES["default"]["CONN_MAX_AGE"] = env.int("CONN_MAX_AGE", default=0)
DATABASES["default"]["ATOMIC_REQUESTS"] = False
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

AUTH_USER_MODEL = "core.User"
AUTHENTICATION_BACKENDS = [
    "django.contrib.auth.backends.ModelBackend",
    "allauth.account.auth_backends.AuthenticationBackend",
]
AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator"},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]
LOGIN_URL = "account_login"
LOGIN_REDIRECT_URL = "home"

# django-allauth: login by email only.
ACCOUNT_LOGIN_METHODS = {"email"}
ACCOUNT_SIGNUP_FIELDS = ["email*", "password1*", "password2*"]
ACCOUNT_USER_MODEL_USERNAME_FIELD = None
ACCOUNT_EMAIL_VERIFICATION = env("ACCOUNT_EMAIL_VERIFICATION", default="optional")
ACCOUNT_UNIQUE_EMAIL = True
ACCOUNT_LOGOUT_ON_GET = False
ACCOUNT_SESSION_REMEMBER = None
ACCOUNT_EMAIL_SUBJECT_PREFIX = "[공동주택 관리 포털] "
MFA_SUPPORTED_TYPES = ["totp", "recovery_codes"]
MFA_TOTP_ISSUER = "공동주택 관리 포털"
# Office managers must have TOTP set up before they can use the portal (production: True).
REQUIRE_MFA_FOR_MANAGERS = env.bool("REQUIRE_MFA_FOR_MANAGERS", default=False)

LANGUAGE_CODE = "ko"
LANGUAGES = [("ko", "한국어"), ("en", "English")]
LOCALE_PATHS = [BASE_DIR / "locale"]
TIME_ZONE = "Asia/Seoul"
USE_I18N = True
USE_TZ = True

STATIC_URL = "static/"
STATIC_ROOT = Path(env("STATIC_ROOT", default=str(BASE_DIR / "staticfiles")))
# core/static/ is found as an app directory (listing it again collected it twice).
# Uploaded files go through Django's storage API, so an S3-compatible backend can replace the
# local disk without code changes (set STORAGES["default"] in production).
MEDIA_ROOT = Path(env("MEDIA_ROOT", default=str(BASE_DIR / "media")))
# Uploads are never served from this URL (no route serves /media/): views check access first.
MEDIA_URL = "/media/"
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
}
FILE_UPLOAD_MAX_MEMORY_SIZE = 5 * 1024 * 1024
DATA_UPLOAD_MAX_MEMORY_SIZE = 10 * 1024 * 1024

# Mail: EMAIL_URL, e.g. smtp+tls://user:password@smtp.example.org:587 (django-environ; smtps://
# for implicit TLS, consolemail:// prints). The embedded default prints mail to the console.
_email = env.email_url("EMAIL_URL", default="consolemail://")
# consolemail:// prints mail without its secrets (voting codes): core.emails.ConsoleBackend.
if _email["EMAIL_BACKEND"] == "django.core.mail.backends.console.EmailBackend":
    _email["EMAIL_BACKEND"] = "core.emails.ConsoleBackend"
vars().update(_email)
EMAIL_TIMEOUT = env.int("EMAIL_TIMEOUT", default=30)
DEFAULT_FROM_EMAIL = env("DEFAULT_FROM_EMAIL", default="portal@localhost")
SERVER_EMAIL = DEFAULT_FROM_EMAIL
# The address residents use; every link in a message starts with it (core/links.py).
SITE_URL = env("SITE_URL", default="http://127.0.0.1:8000").rstrip("/")


REST_FRAMEWORK = {
    "DEFAULT_AUTHENTICATION_CLASSES": [
        "rest_framework.authentication.SessionAuthentication",
        "knox.auth.TokenAuthentication",
    ],
    "DEFAULT_PERMISSION_CLASSES": [
        "rest_framework.permissions.IsAuthenticated",
        "core.mfa.ManagerMFARequired",
    ],
    "DEFAULT_PAGINATION_CLASS": "rest_framework.pagination.PageNumberPagination",
    "PAGE_SIZE": 50,
    "DEFAULT_SCHEMA_CLASS": "drf_spectacular.openapi.AutoSchema",
    "EXCEPTION_HANDLER": "core.api.exception_handler",
    "DEFAULT_FILTER_BACKENDS": ["django_filters.rest_framework.DjangoFilterBackend"],
    "DEFAULT_THROTTLE_RATES": {"auth": "30/min"},
}
SPECTACULAR_SETTINGS = {
    "TITLE": "공동주택 관리 포털 API",
    "DESCRIPTION": "REST API of the apartment-complex portal. Every tenant resource lives under "
    '/api/v1/complexes/<slug>/. Errors are {"message", "extra"}.',
    "VERSION": "1",
    "SERVE_INCLUDE_SCHEMA": False,
    "COMPONENT_SPLIT_REQUEST": True,
    # Swagger UI served from our own static files: the docs page works without internet.
    "SWAGGER_UI_DIST": "SIDECAR",
    "SWAGGER_UI_FAVICON_HREF": "SIDECAR",
    # Distinct names for choice sets whose field names collide across apps ("status", "kind").
    "ENUM_NAME_OVERRIDES": {
        "PublicationStatusEnum": "disclosure.duties.STATUS_CHOICES",
        "BillingRunStatusEnum": "fees.models.RunStatus",
        "CandidateStatusEnum": "elections.models.Candidate.Status",
        "VoteKindEnum": "elections.models.VoteKind",
        "DisputeStepEnum": "residents.models.DisputeStep",
        "ChargeItemEnum": "fees.items.ITEM_CHOICES",
        "PetitionKindEnum": "residents.petitions.models.PetitionKind",
        "PetitionCountRuleEnum": "residents.petitions.models.CountRule",
        "PetitionStatusEnum": "residents.petitions.models.PetitionStatus",
        "CouncilOfficeEnum": "council.models.Office",
        "RecallOfficeEnum": "elections.models.Recall.Office",
        "SuspensionReasonEnum": "council.models.SuspensionReason",
        "CandidateDocumentKindEnum": "elections.models.CandidateDocument.Kind",
    },
}

# Celery: the broker is CELERY_BROKER_URL (production: RabbitMQ, amqp://…), else REDIS_URL;
# with neither (the embedded default) tasks run eagerly in-process.
REDIS_URL = env("REDIS_URL", default="")
CELERY_BROKER_URL = env("CELERY_BROKER_URL", default="") or REDIS_URL or "memory://localhost/"
CELERY_RESULT_BACKEND = None
CELERY_TASK_ALWAYS_EAGER = CELERY_BROKER_URL.startswith("memory://")
CELERY_BROKER_CONNECTION_RETRY_ON_STARTUP = True
CELERY_TASK_DEFAULT_QUEUE = env("CELERY_QUEUE", default="celery")
# No task runs unbounded: a stuck one is interrupted (soft limit) and then killed.
CELERY_TASK_SOFT_TIME_LIMIT = env.int("CELERY_TASK_SOFT_TIME_LIMIT", default=600)
CELERY_TASK_TIME_LIMIT = env.int("CELERY_TASK_TIME_LIMIT", default=660)
# Beat keeps its schedule in the database (django-celery-beat): no schedule file to write, and
# the admin can pause a periodic task. The schedule itself is declared in config/celery.py.
CELERY_BEAT_SCHEDULER = "django_celery_beat.schedulers:DatabaseScheduler"
CELERY_TASK_EAGER_PROPAGATES = True
CELERY_TIMEZONE = TIME_ZONE
CELERY_TASK_ACKS_LATE = True
CELERY_WORKER_PREFETCH_MULTIPLIER = 1

CACHES = (
    {"default": {"BACKEND": "core.cache.SharedClientRedisCache", "LOCATION": REDIS_URL}}
    if REDIS_URL
    else {"default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"}}
)
# Deployments sharing one Redis keep their keys apart.
CACHES["default"]["KEY_PREFIX"] = env("CACHE_KEY_PREFIX", default="")

# Processes rendering a combined PDF (core/pdf.py); 0: one per core.
PDF_WORKERS = env.int("PDF_WORKERS", default=0)

# Sessions are read on every request: from Redis when there is one (written through to the db).
SESSION_ENGINE = f"django.contrib.sessions.backends.{'cached_db' if REDIS_URL else 'db'}"

# LOG_FORMAT=json (production's default): one JSON object a line with the request id and the
# complex slug (core/logs.py); text otherwise.
LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "formatters": {
        "json": {"()": "core.logs.JSONFormatter"},
        "text": {"format": "%(asctime)s %(levelname)s %(name)s: %(message)s"},
    },
    "filters": {"redact_secret_paths": {"()": "core.logs.RedactSecretPaths"}},
    "handlers": {
        "console": {
            "class": "logging.StreamHandler",
            "formatter": env("LOG_FORMAT", default="text"),
            "filters": ["redact_secret_paths"],
        }
    },
    "root": {"handlers": ["console"], "level": env("LOG_LEVEL", default="WARNING")},
}

# Every way in obeys the site's login (allauth): API tokens (core/api_tokens.py), the admin
# (config/urls.py), and one notion of the client's address for every rate limit.
# Reverse proxies in front of the app that append to X-Forwarded-For; 0: the socket's address.
TRUSTED_PROXY_COUNT = env.int("TRUSTED_PROXY_COUNT", default=0)
REST_FRAMEWORK["NUM_PROXIES"] = TRUSTED_PROXY_COUNT  # DRF throttles
ACCOUNT_ADAPTER = "core.accounts.AccountAdapter"  # allauth's rate limits: core.net.client_ip
ACCOUNT_FORMS = {"signup": "core.accounts.SignupForm"}  # never says "already registered"
# Paper join codes (issue 12): days a printed code stays valid, and how many codes one client
# and one account may try (allauth's rate limits, counted per client address and per account).
JOIN_CODE_DAYS = env.int("JOIN_CODE_DAYS", default=30)
ACCOUNT_RATE_LIMITS = {"join_code": env("JOIN_CODE_RATE_LIMIT", default="10/h/ip,10/h/user")}
# API tokens (django-rest-knox): stored hashed, a fixed lifetime, revoked on logout and on any
# password change (core/api_tokens.py).
REST_KNOX = {
    "TOKEN_TTL": timedelta(hours=env.int("API_TOKEN_TTL_HOURS", default=10)),
    "AUTO_REFRESH": False,
}
# Content-Security-Policy (django-csp): scripts and styles from our own files only, no inline.
CONTENT_SECURITY_POLICY = {
    "DIRECTIVES": {
        "default-src": ["'self'"],
        "script-src": ["'self'"],
        "style-src": ["'self'"],
        "img-src": ["'self'", "data:"],
        "font-src": ["'self'"],
        "connect-src": ["'self'"],
        "object-src": ["'none'"],
        "base-uri": ["'none'"],
        "form-action": ["'self'"],
        "frame-ancestors": ["'none'"],
    }
}
# Browser features no page of the portal uses (core.security.PermissionsPolicyMiddleware).
PERMISSIONS_POLICY = "camera=(), microphone=(), geolocation=(), payment=(), usb=()"
# Elections: the key that seals electronic ballots until counting (elections/sealing.py). Kept
# outside the database and its backups; empty → derived from SECRET_KEY. Never change it while a
# vote is open (its sealed ballots would not open until the old key is back).
BALLOT_SEAL_KEY = env("BALLOT_SEAL_KEY", default="")

# Demo logins and seed_demo are refused when this is False (production).
DEMO_DATA_ALLOWED = True
