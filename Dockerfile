# The production image: the portal under gunicorn; the same image runs the Celery worker and beat.
FROM node:20-bookworm-slim AS assets
WORKDIR /app
COPY package.json package-lock.json ./
RUN npm ci --no-audit --no-fund --loglevel=error

FROM python:3.11-slim-bookworm
ENV PYTHONDONTWRITEBYTECODE=1 PYTHONUNBUFFERED=1 DJANGO_SETTINGS_MODULE=send_portal.settings.production
WORKDIR /app
COPY requirements.txt ./
RUN pip install --no-cache-dir -r requirements.txt
COPY --from=assets /app/node_modules ./node_modules
COPY . .
RUN SECRET_KEY=build-only-collectstatic-key-not-used-at-run-time-0123456789abcdef \
    python manage.py collectstatic --no-input -v0
# /app/media: the SEN2 files, the named volume `media` shared by web and worker in compose.
RUN useradd --system --uid 1000 portal && mkdir -p /app/media && chown portal /app/media
USER portal
EXPOSE 8000
# gunicorn binds 0.0.0.0:$PORT and starts $WEB_CONCURRENCY workers (docker-compose.yml sets both).
ENV PORT=8000 WEB_CONCURRENCY=3
CMD ["gunicorn", "send_portal.wsgi:application", "--access-logfile", "-"]
