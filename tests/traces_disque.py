"""Chercher sur le disque la trace d'un texte qu'une personne a tapé (tests de confidentialité) : dans les fichiers
du dépôt ou du cache (octets bruts), et parmi les empreintes sous lesquelles le cache de vecteurs range les textes.

Partagé par ``tests/test_chatbot_perso.py`` et ``tests/browser/test_chatbot_structure.py``.
"""
from __future__ import annotations

import sqlite3
from pathlib import Path

from atelier import embeddings

ROOT = Path(__file__).resolve().parents[1]
#: Ce qui n'est pas le dépôt lui-même : l'environnement, les paquets npm, l'historique git (déjà compressé).
HORS_DEPOT = {".venv", "node_modules", ".git"}


def fichiers(racine: Path):
    """Les fichiers sous ``racine`` (liens symboliques et :data:`HORS_DEPOT` exclus)."""
    for chemin in racine.rglob("*"):
        if any(p in HORS_DEPOT for p in chemin.relative_to(racine).parts):
            continue
        if chemin.is_file() and not chemin.is_symlink():
            yield chemin


def contient(chemin: Path, aiguilles: list[bytes]) -> bool:
    """Le fichier contient-il l'une des ``aiguilles`` (octets) ? Un fichier illisible : non."""
    try:
        contenu = chemin.read_bytes()
    except OSError:
        return False
    return any(a in contenu for a in aiguilles)


def cles_en_cache(textes: list[str]) -> list[str]:
    """Les empreintes (clés du cache disque) de ces textes trouvées dans un fichier SQLite du cache."""
    cles = {embeddings.CacheDisque.key(kind, t) for t in textes for kind in ("query", "passage")}
    trouvees = []
    for base in embeddings.cache_dir().rglob("*.sqlite"):
        with sqlite3.connect(f"file:{base}?mode=ro", uri=True) as db:
            try:
                lignes = db.execute(f"SELECT key FROM vec WHERE key IN ({','.join('?' * len(cles))})", sorted(cles))
                trouvees += [k for (k,) in lignes]
            except sqlite3.Error:
                continue
    return trouvees
