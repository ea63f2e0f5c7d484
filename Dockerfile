FROM python:3.11-slim-bookworm
RUN apt-get update && apt-get install -y --no-install-recommends \
      fonts-nanum libharfbuzz-subset0 libpango-1.0-0 libpangoft2-1.0-0 postgresql-client \
    && rm -rf /var/lib/apt/lists/*
WORKDIR /app
COPY pyproject.toml ./
RUN pip install --no-cache-dir .
COPY . .
# Static files are part of the image: compressed, with content-hashed names, served by WhiteNoise.
# The settings need values to load; none of these is used by collectstatic.
RUN DJANGO_SETTINGS_MODULE=config.settings.production \
    SECRET_KEY=collectstatic-at-build-time-only-not-a-secret-0123456789abcdef \
    ALLOWED_HOSTS=localhost DATABASE_URL=sqlite:////tmp/unused.sqlite3 \
    SITE_URL=https://build.invalid EMAIL_URL=consolemail:// CELERY_BROKER_URL=memory:// \
    python manage.py collectstatic --noinput
RUN useradd --system portal && mkdir -p /data/media && chown portal /data/media
USER portal
EXPOSE 8000
