"""Production: every secret comes from the environment, with no default."""

from django.core.exceptions import ImproperlyConfigured

from .base import *

SECRET_KEY = env("SECRET_KEY")  # no default: refuse to start without it
if len(SECRET_KEY) < 50 or SECRET_KEY.startswith("dev-only") or len(set(SECRET_KEY)) < 5:
    raise ImproperlyConfigured("SECRET_KEY must be a real secret of at least 50 characters.")
DEBUG = False
ALLOWED_HOSTS = env.list("ALLOWED_HOSTS")
DATABASES = {"default": env.db("DATABASE_URL")}
DATABASES["default"]["CONN_MAX_AGE"] = env.int("CONN_MAX_AGE", default=60)
DATABASES["default"]["CONN_HEALTH_CHECKS"] = True

SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
SECURE_SSL_REDIRECT = env.bool("SECURE_SSL_REDIRECT", default=True)
SESSION_COOKIE_SECURE = True
CSRF_COOKIE_SECURE = True
SECURE_HSTS_SECONDS = env.int("SECURE_HSTS_SECONDS", default=31536000)
SECURE_HSTS_INCLUDE_SUBDOMAINS = True
SECURE_HSTS_PRELOAD = True
CSRF_TRUSTED_ORIGINS = env.list("CSRF_TRUSTED_ORIGINS", default=[])
ACCOUNT_EMAIL_VERIFICATION = "mandatory"
REQUIRE_MFA_FOR_MANAGERS = True
DEMO_DATA_ALLOWED = False
LOGGING["root"]["level"] = env("LOG_LEVEL", default="INFO")

# --- Deployment (README "Production"): mail, links, static files, broker, logs, errors. ---
# Mail goes where EMAIL_URL says (no default: never silently to localhost:25).
vars().update(env.email_url("EMAIL_URL"))
# Links in messages are absolute (core/links.py), on the site's https:// address.
SITE_URL = env("SITE_URL").rstrip("/")
if not SITE_URL.startswith("https://") or "/" in SITE_URL.removeprefix("https://"):
    raise ImproperlyConfigured(
        "SITE_URL must be the site's https:// address, e.g. https://portal.example.org"
    )
ACCOUNT_DEFAULT_HTTP_PROTOCOL = "https"
# Static files: served by WhiteNoise from STATIC_ROOT (collectstatic runs in the image),
# compressed, with content-hashed names cached for a year.
STORAGES["staticfiles"] = {"BACKEND": "whitenoise.storage.CompressedManifestStaticFilesStorage"}
# A durable broker is required: tasks never run in the web process in production.
CELERY_BROKER_URL = env("CELERY_BROKER_URL")
CELERY_TASK_ALWAYS_EAGER = False
LOGGING["handlers"]["console"]["formatter"] = env("LOG_FORMAT", default="json")
# Errors (web and worker) go to Sentry when SENTRY_DSN is set. No personal data leaves: no
# users, request bodies, task arguments or local variables (a mail being sent holds a voting
# code; a request body, a ballot).
if SENTRY_DSN := env("SENTRY_DSN", default=""):
    import sentry_sdk

    sentry_sdk.init(
        dsn=SENTRY_DSN,
        environment=env("SENTRY_ENVIRONMENT", default="production"),
        release=env("SENTRY_RELEASE", default=None),
        send_default_pii=False,
        include_local_variables=False,
        max_request_body_size="never",
        traces_sample_rate=env.float("SENTRY_TRACES_SAMPLE_RATE", default=0.0),
    )
