"""L'interrupteur ATELIER_PERTURBATION : « un autre processeur », de la taille mesurée, et seulement en test."""
import numpy as np
import pytest

from atelier import embeddings
from atelier.erreurs import EntreeInvalide

TEXTES = ["Infirmier / Infirmière", "Maçon / Maçonne", "je cherche un travail avec des enfants"]


@pytest.fixture
def e5():
    return embeddings.modele()


@pytest.fixture
def sans_perturbation(e5, monkeypatch):
    monkeypatch.delenv("ATELIER_PERTURBATION", raising=False)
    return e5.encode(TEXTES)


def test_lecture_de_l_interrupteur(monkeypatch):
    for valeur, attendu in [("", (0.0, "")), ("0", (0.0, "")), ("1", (1e-3, "a")), ("2e-3", (2e-3, "a")),
                            ("1:b", (1e-3, "b"))]:
        monkeypatch.setenv("ATELIER_PERTURBATION", valeur)
        assert embeddings.perturbation() == attendu
    for faux in ("oui", "0.5"):
        monkeypatch.setenv("ATELIER_PERTURBATION", faux)
        with pytest.raises(EntreeInvalide, match="ATELIER_PERTURBATION"):
            embeddings.perturbation()


def test_de_la_taille_mesuree_entre_deux_processeurs(e5, sans_perturbation, monkeypatch):
    # Mesuré entre deux processeurs : écart max ≈ 1,1e-3 par composante, cosinus ≈ 0,99998.
    monkeypatch.setenv("ATELIER_PERTURBATION", "1")
    v = e5.encode(TEXTES)
    assert np.allclose(np.linalg.norm(v, axis=1), 1, atol=1e-5)
    ecart = np.abs(v - sans_perturbation).max(axis=1)
    cosinus = (v * sans_perturbation).sum(axis=1)
    assert ((ecart > 5e-4) & (ecart < 2e-3)).all(), ecart
    assert ((cosinus > 0.9998) & (cosinus < 0.99999)).all(), cosinus


def test_deterministe_par_texte_et_par_graine(e5, monkeypatch):
    monkeypatch.setenv("ATELIER_PERTURBATION", "1:b")
    a = e5.encode(TEXTES)
    b = e5.encode(list(reversed(TEXTES)))[::-1]          # même texte, même vecteur, quel que soit le lot
    assert np.array_equal(a, b)
    monkeypatch.setenv("ATELIER_PERTURBATION", "1:c")
    assert not np.allclose(e5.encode(TEXTES), a, atol=1e-5)   # une autre « machine »


def test_cache_disque_separe(e5, sans_perturbation, monkeypatch):
    vrai = e5.cache.path
    monkeypatch.setenv("ATELIER_PERTURBATION", "1")
    assert e5.cache.path != vrai and "perturbe" in e5.cache.path.name
    e5.encode(TEXTES, cache=True)
    monkeypatch.delenv("ATELIER_PERTURBATION")
    assert np.array_equal(e5.encode(TEXTES, cache=True), sans_perturbation)   # le vrai cache n'a rien reçu


def test_vecteurs_livres_non_perturbes(e5, monkeypatch):
    from atelier import recrutement, vecteurs_livres

    livres = vecteurs_livres.vecteurs_lecons(e5.moteur.key)
    if not livres:
        pytest.skip("datasets/vecteurs_lecons_e5.npz absent")
    texte = recrutement.offre()
    monkeypatch.setenv("ATELIER_PERTURBATION", "1")
    v = e5.encode([texte], cache=True)[0]
    assert np.array_equal(v, livres[embeddings.CacheDisque.key("query", texte)])
