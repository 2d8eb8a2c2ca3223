import os
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
SOURCES = ROOT.parent / "shared" / "sources"


@pytest.fixture(autouse=True)
def _cache_temporaire(tmp_path, monkeypatch):
    """Chaque test a son propre cache disque de vecteurs : aucun test ne dépend d'un autre."""
    monkeypatch.setenv("ATELIER_CACHE_DIR", str(tmp_path / "cache"))
    yield


@pytest.fixture(scope="session")
def sources() -> Path:
    if not (SOURCES / "rome-v4").is_dir():
        pytest.skip(f"sources ouvertes absentes ({SOURCES})")
    return SOURCES
