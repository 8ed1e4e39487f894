"""Paths and settings, read from the environment once at the edge and passed down as values."""

from __future__ import annotations

import os
from dataclasses import dataclass
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
DATA_DIR = ROOT / "data"
DEFAULT_DATA = DATA_DIR / "partnerships.csv"
DEFAULT_PLACES = DATA_DIR / "places.csv"
DEFAULT_OVERRIDES = DATA_DIR / "places_overrides.csv"
SOURCES_DIR = DATA_DIR / "sources"
GEO_DATA_DIR = ROOT / "geo" / "data"

ENV_DATA = "POBRATYMY_DATA"
ENV_ONLINE = "POBRATYMY_ONLINE_GEOCODER"
ENV_ADMIN_PASSWORD = "POBRATYMY_ADMIN_PASSWORD"
ENV_CHROMIUM = "POBRATYMY_CHROMIUM"  # read by pobratymy.exporting.chromium_executable
ENV_GEO_INDEX = "POBRATYMY_GEO_INDEX"  # read by geo.gazetteer (geo.gazetteer.ENV_INDEX)

#: Settings declared once as data: name -> (default, meaning). README is checked against this.
SETTINGS: dict[str, tuple[str, str]] = {
    ENV_DATA: (str(DEFAULT_DATA.relative_to(ROOT)), "path of the partnerships CSV the app and every command use"),
    ENV_ONLINE: ("0", "1 lets `geocode` and import ask Nominatim for places the offline gazetteer lacks"),
    ENV_ADMIN_PASSWORD: ("", "password that unlocks saving in the app (or `admin_password` in st.secrets)"),
    ENV_CHROMIUM: ("", "Chromium executable for PNG exports (else /usr/bin/chromium, then `chromium` on PATH)"),
    ENV_GEO_INDEX: ("", "file of the offline place index (SQLite), built there on first use; default "
                        "`geo/.index/gazetteer-v<N>.sqlite`, or `~/.cache/pobratymy/` when `geo/` is read-only"),
}


@dataclass(frozen=True, slots=True)
class Settings:
    data_path: Path
    places_path: Path
    overrides_path: Path
    online_geocoder: bool = False

    @classmethod
    def from_env(cls, env: os._Environ | dict | None = None) -> Settings:
        env = os.environ if env is None else env
        data = Path(env.get(ENV_DATA) or DEFAULT_DATA)
        return cls(
            data_path=data,
            places_path=DEFAULT_PLACES,
            overrides_path=DEFAULT_OVERRIDES,
            online_geocoder=str(env.get(ENV_ONLINE, "")).strip().lower() in {"1", "true", "yes", "on"},
        )


def data_path(env=None) -> Path:
    """The partnerships CSV: ``$POBRATYMY_DATA`` or ``data/partnerships.csv``."""
    return Settings.from_env(env).data_path
