"""Le modèle anglais all-MiniLM-L6-v2 calculé avec numpy (atelier.minilm) : mêmes morceaux et mêmes vecteurs que
sentence-transformers, sans PyTorch dans le processus. Le modèle est facultatif : sans lui, ces tests sont
sautés (et la leçon 02 le dit en français)."""
from __future__ import annotations

import subprocess
import sys

import numpy as np
import pytest

from atelier import data, embeddings, minilm, vecteurs_livres
from atelier.erreurs import ModeleIndisponible

pytestmark = pytest.mark.skipif(not minilm.disponible(), reason="modèle anglais facultatif non installé")

TEXTES = ["infirmière", "infirmiere", "plumber", "nounou", "", "🙂 <b>html</b> & co", "a " * 400,
          "Conducteur / Conductrice de véhicules Super Lourds"]


@pytest.fixture(scope="module")
def modele() -> minilm.MiniLM:
    return minilm.MiniLM()


def test_memes_vecteurs_et_memes_morceaux_que_sentence_transformers(modele):
    pytest.importorskip("sentence_transformers")
    from sentence_transformers import SentenceTransformer

    st = SentenceTransformer(str(minilm.dossier_modele()), device="cpu", local_files_only=True)
    textes = TEXTES + data.requetes_recherche()["requete"].head(100).tolist()
    nous = modele.encode(textes)
    eux = st.encode(textes, batch_size=64, normalize_embeddings=True, convert_to_numpy=True)
    assert nous.shape == eux.shape == (len(textes), 384)
    assert float((nous * eux).sum(axis=1).min()) >= 0.99999
    for t in TEXTES[:4]:
        assert modele.tokenize(t) == st.tokenizer.tokenize(t)


def test_un_poids_abime_change_les_vecteurs(modele):
    """Le calcul utilise vraiment les poids : un seul poids changé donne d'autres vecteurs."""
    avant = modele.encode(TEXTES[:3])
    poids = dict(modele.poids)
    nom = "encoder.layer.3.output.dense.weight"
    modele.poids[nom] = np.asarray(poids[nom]) * np.float32(1.5)
    try:
        apres = modele.encode(TEXTES[:3])
    finally:
        modele.poids[nom] = poids[nom]
    assert float((avant * apres).sum(axis=1).max()) < 0.9999
    np.testing.assert_allclose(modele.encode(TEXTES[:3]), avant, atol=1e-6)


def test_lots_et_ordre_sans_effet(modele):
    seul = np.vstack([modele.encode([t]) for t in TEXTES])
    np.testing.assert_allclose(modele.encode(TEXTES, taille_lot=3), seul, atol=1e-5)
    assert np.allclose(np.linalg.norm(seul, axis=1), 1.0, atol=1e-5)


def test_moteur_minilm_sans_pytorch():
    """Le moteur se charge et calcule sans torch ni sentence-transformers (absents chez les apprenants :
    requirements-anglais.txt) : ils ne sont pas chargés, et leur import est même rendu impossible."""
    code = ("import sys; from atelier import embeddings\n"
            "e = embeddings.modele('minilm'); v = e.encode(['nurse', 'infirmière'])\n"
            "assert v.shape == (2, 384)\n"
            "print(e.decrire()); print('torch' in sys.modules, 'sentence_transformers' in sys.modules)")
    sortie = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True).stdout
    assert "all-MiniLM-L6-v2" in sortie and "numpy" in sortie
    assert sortie.strip().splitlines()[-1] == "False False"
    bloque = "import sys; sys.modules.update(torch=None, sentence_transformers=None, transformers=None)\n"
    sortie = subprocess.run([sys.executable, "-c", bloque + code], capture_output=True, text=True, check=True).stdout
    assert "numpy" in sortie
    # Contrôle négatif : le blocage empêche bien d'importer torch.
    assert subprocess.run([sys.executable, "-c", bloque + "import torch"], capture_output=True).returncode == 1


def test_poids_projetes_en_lecture_seule(modele):
    w = modele.poids["embeddings.word_embeddings.weight"]
    assert w.shape == (30522, 384) and w.dtype == np.float32
    with pytest.raises(ValueError):
        w[0, 0] = 1.0


def test_moteur_absent_message_en_francais(monkeypatch):
    monkeypatch.setattr(minilm, "disponible", lambda: False)
    with pytest.raises(ModeleIndisponible, match="modèle anglais") as err:
        minilm.MoteurMiniLM()
    assert "tokenizers" in str(err.value) and "sans PyTorch" in str(err.value)
    assert "moteur inconnu" in str(pytest.raises(ModeleIndisponible, embeddings.modele, "inconnu").value)


# ------------------------------------------------------------------ vecteurs MiniLM livrés des intitulés (leçon 02)
def test_vecteurs_livres_des_intitules_conformes_au_modele():
    moteur = embeddings.modele("minilm")
    livres = vecteurs_livres.vecteurs_appellations(moteur.moteur.key)
    titres = data.metiers()["appellation"].tolist()
    assert livres is not None and livres.shape == (len(titres), 384) and not livres.flags.writeable
    assert np.allclose(np.linalg.norm(livres, axis=1), 1, atol=2e-3)
    choix = np.random.default_rng(0).choice(len(titres), size=8, replace=False)
    frais = moteur.encode([titres[i] for i in choix], cache=False)
    cosinus = np.sum(frais * livres[choix], axis=1)
    assert cosinus.min() >= 0.999                         # float16, et la dérive entre processeurs
    assert float(frais[0] @ livres[choix[1]]) < 0.99      # un autre intitulé ne passe pas


def test_la_comparaison_des_modeles_lit_les_vecteurs_livres(monkeypatch):
    from atelier import comparaison_recherche

    moteur = embeddings.modele("minilm")
    comparaison_recherche._vecteurs_titres.cache_clear()
    monkeypatch.setattr(moteur, "encode", lambda textes, **k: pytest.fail("13 120 intitulés recalculés"))
    try:
        assert comparaison_recherche._vecteurs_titres(moteur) is vecteurs_livres.vecteurs_appellations(moteur.moteur.key)
    finally:
        comparaison_recherche._vecteurs_titres.cache_clear()
