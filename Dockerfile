# Pobratymy dashboard: the bundled data, read-only unless an admin password is set.
#   docker build -t pobratymy .
#   docker run --rm -p 8501:8501 --read-only --tmpfs /tmp pobratymy          # read-only, bundled data
# Editing (import / place fixes) needs POBRATYMY_ADMIN_PASSWORD and a writable data volume; see README.
FROM python:3.11-slim

ENV PYTHONDONTWRITEBYTECODE=1 \
    PYTHONUNBUFFERED=1 \
    PIP_NO_CACHE_DIR=1 \
    PIP_DISABLE_PIP_VERSION_CHECK=1 \
    STREAMLIT_BROWSER_GATHER_USAGE_STATS=false \
    STREAMLIT_SERVER_HEADLESS=true \
    POBRATYMY_GEO_INDEX=/app/geo/.index/gazetteer.sqlite \
    POBRATYMY_DATA=/app/data/partnerships.csv \
    POBRATYMY_ONLINE_GEOCODER=0

RUN groupadd --system --gid 10001 app \
 && useradd --system --uid 10001 --gid app --home-dir /home/app --create-home --shell /usr/sbin/nologin app

WORKDIR /app
COPY requirements.txt ./
RUN pip install -r requirements.txt

# code and configuration (root-owned: the app user cannot change them); see .dockerignore for what stays out
COPY dashboard.py pyproject.toml ./
COPY .streamlit/config.toml .streamlit/config.toml
COPY pobratymy/ pobratymy/
COPY geo/ geo/
COPY pages/ pages/
# build-time work, so nothing is written at run time: Leaflet and the basemap into ./static, and the
# offline gazetteer index (about a minute)
RUN python -c "from geo.assets import ensure_static; ensure_static('static')" \
 && python -c "from geo.gazetteer import Gazetteer; Gazetteer.open()" \
 && chmod -R a+rX static geo/.index
# the bundled data; owned by the app user only so that a mounted volume seeded from it can be edited
COPY --chown=app:app data/ data/

USER app
EXPOSE 8501
HEALTHCHECK --interval=30s --timeout=5s --start-period=40s --retries=3 \
  CMD ["python", "-c", "import sys, urllib.request; sys.exit(0 if urllib.request.urlopen('http://localhost:8501/_stcore/health', timeout=4).status == 200 else 1)"]
CMD ["python", "-m", "streamlit", "run", "dashboard.py", "--server.port=8501", "--server.address=0.0.0.0"]
