# The app server's image, for compose.yaml: the project, its dependencies and its static
# files. Any number of containers from it can run side by side (they keep no state).
# It runs gunicorn alone: clients reach it through nginx (compose.yaml's nginx service,
# deploy/nginx.conf.template), which buffers requests that slow clients would otherwise
# make gunicorn's threads wait for.
FROM python:3.13-slim
ENV PYTHONDONTWRITEBYTECODE=1 PYTHONUNBUFFERED=1
WORKDIR /app
COPY . .
# libqrencode draws the QR code every chapter's results carry for print (explainer/qr.py):
# forty times faster than the pure-Python fallback.
RUN apt-get update && apt-get install -y --no-install-recommends libqrencode4 \
 && rm -rf /var/lib/apt/lists/* \
 && pip install --no-cache-dir . \
 && DJANGO_DEBUG=0 DJANGO_SECRET_KEY=build-only DJANGO_ALLOWED_HOSTS=build-only \
    python manage.py collectstatic --noinput -v0 \
 && DJANGO_DEBUG=0 DJANGO_SECRET_KEY=build-only DJANGO_ALLOWED_HOSTS=build-only \
    python manage.py compile_catalogues
USER nobody
EXPOSE 8000
CMD ["gunicorn", "explainer.wsgi", "-c", "explainer/gunicorn.conf.py"]
