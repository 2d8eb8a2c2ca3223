"""La carte des métiers, sur les vraies données de datasets/ : les mesures (atelier.cartographie) et les figures
(atelier.dessin_carte), et la séparation des deux (les mesures ne dessinent pas).

Les calculs UMAP en direct restent petits (300 lignes). Le premier calcul d'un processus compile le code
d'UMAP (numba) : comptez 20 à 40 secondes pour le premier test qui en fait un, quelques secondes ensuite.
"""
from __future__ import annotations

import ast
import subprocess
import sys
from pathlib import Path

import matplotlib

matplotlib.use("Agg")

import matplotlib.pyplot as plt  # noqa: E402
import numpy as np  # noqa: E402
import pandas as pd  # noqa: E402
import pytest  # noqa: E402

from atelier import data, cartographie, dessin_carte, vecteurs_livres  # noqa: E402
from atelier.erreurs import EntreeInvalide  # noqa: E402


@pytest.fixture(scope="module")
def carte() -> pd.DataFrame:
    return cartographie.carte()


@pytest.fixture(scope="module")
def vecteurs() -> np.ndarray:
    return vecteurs_livres.vecteurs_metiers()


@pytest.fixture(scope="module")
def petit() -> pd.DataFrame:
    return cartographie.sous_ensemble(300, graine=1)


@pytest.fixture(scope="module")
def projection(petit) -> np.ndarray:
    """Un seul petit calcul UMAP pour tout le module (le premier compile : c'est lui qui est lent)."""
    return cartographie.projeter(cartographie.vecteurs_de(petit), n_neighbors=10, min_dist=0.1, graine=42)


def _fermer(fig) -> None:
    plt.close(fig)


# ── la carte livrée ──

def test_carte_livree_complete_et_alignee(carte, vecteurs):
    assert len(carte) == 13_120
    assert carte[["x", "y"]].notna().all().all()
    assert carte["grand_domaine"].nunique() == 14
    # l'index de la carte est la ligne de l'appellation dans metiers() et vecteurs_metiers()
    assert (carte["appellation"].to_numpy() == data.metiers()["appellation"].to_numpy()).all()
    assert np.allclose(cartographie.vecteurs_de(carte.iloc[[5, 7]]), vecteurs[[5, 7]])


def test_parametres_affichables():
    params = cartographie.parametres()
    assert params["metric"] == "cosine" and "random_state" in params
    ligne = cartographie.legende_parametres(params, 13_120)
    assert "graine 42" in ligne and "15 voisins" in ligne and "min_dist 0,1" in ligne and "13\u202f120" in ligne


def test_styles_domaines_couleur_et_forme_uniques():
    styles = dessin_carte.styles_domaines()
    assert list(styles) == list("ABCDEFGHIJKLMN")
    couples = {(s.couleur, s.marqueur) for s in styles.values()}
    assert len(couples) == 14
    # deux domaines de même couleur n'ont jamais la même forme, dans les deux moteurs de dessin
    assert len({(s.couleur, s.marqueur_bqplot) for s in styles.values()}) == 14
    assert "#F0E442" not in {s.couleur for s in styles.values()}   # jaune peu lisible sur blanc


# ── l'échantillon ──

def test_sous_ensemble_stratifie_et_reproductible(carte):
    a = cartographie.sous_ensemble(3000, graine=0)
    b = cartographie.sous_ensemble(3000, graine=0)
    c = cartographie.sous_ensemble(3000, graine=1)
    assert len(a) == 3000 and a.index.is_unique
    assert a.index.equals(b.index) and not a.index.equals(c.index)
    part_ech = a["code_grand_domaine"].value_counts(normalize=True).sort_index()
    part_tout = carte["code_grand_domaine"].value_counts(normalize=True).sort_index()
    assert (part_ech - part_tout).abs().max() < 0.01
    assert a["code_grand_domaine"].nunique() == 14


@pytest.mark.parametrize("n", [5, 4096, 13_120, "beaucoup"])
def test_sous_ensemble_refuse_les_tailles_hors_limites(n):
    with pytest.raises(EntreeInvalide):
        cartographie.sous_ensemble(n)


# ── UMAP en direct ──

def test_projeter_petit_echantillon(petit, projection):
    assert projection.shape == (300, 2) and projection.dtype == np.float32
    assert np.isfinite(projection).all()
    # même calcul → même résultat (repris en mémoire, et identique)
    again = cartographie.projeter(cartographie.vecteurs_de(petit), n_neighbors=10, min_dist=0.1, graine=42)
    assert np.array_equal(again, projection)


def test_projeter_garde_les_voisinages_bien_mieux_que_le_hasard(petit, projection):
    v = cartographie.vecteurs_de(petit)
    part = cartographie.voisinage_preserve(v, projection, k=10).mean()
    assert part > 10 * cartographie.part_au_hasard(len(petit), 10)
    assert part > 0.25


@pytest.mark.parametrize("kwargs", [{"n_neighbors": 1}, {"n_neighbors": 300}, {"min_dist": 1.5},
                                    {"min_dist": -0.1}, {"graine": "graine"}])
def test_projeter_refuse_les_mauvais_reglages(petit, kwargs):
    with pytest.raises(EntreeInvalide):
        cartographie.projeter(cartographie.vecteurs_de(petit), **kwargs)


def test_projeter_refuse_trop_de_lignes(vecteurs):
    with pytest.raises(EntreeInvalide, match="sous_ensemble"):
        cartographie.projeter(vecteurs[:4_001])


# ── ce que la carte garde ──

def test_voisinage_preserve_au_hasard():
    rng = np.random.default_rng(0)
    hd = rng.normal(size=(200, 8)).astype(np.float32)
    part = cartographie.voisinage_preserve(hd, rng.normal(size=(200, 2)), k=5)
    assert part.shape == (200,) and ((part >= 0) & (part <= 1)).all()
    assert part.mean() < 0.15                       # une carte au hasard ne garde presque rien
    assert cartographie.part_au_hasard(201, 10) == pytest.approx(0.05)


def test_voisinage_preserve_identite_vaut_un():
    rng = np.random.default_rng(1)
    angles = np.sort(rng.uniform(0, np.pi / 2, 100))
    plan = np.c_[np.cos(angles), np.sin(angles)]
    # sur un quart de cercle, cosinus et distance du plan rangent les voisins pareil
    assert cartographie.voisinage_preserve(plan, plan, k=5).mean() == pytest.approx(1.0)


def test_voisinage_preserve_refuse_les_tailles_differentes(vecteurs):
    with pytest.raises(EntreeInvalide):
        cartographie.voisinage_preserve(vecteurs[:10], np.zeros((9, 2)))
    with pytest.raises(EntreeInvalide):
        cartographie.voisinage_preserve(vecteurs[:10], np.zeros((10, 2)), k=10)


def test_carte_livree_garde_un_tiers_des_voisins(carte, vecteurs):
    part = cartographie.voisinage_preserve(vecteurs, carte[["x", "y"]].to_numpy(), k=10).mean()
    assert 0.2 < part < 0.6
    assert part > 100 * cartographie.part_au_hasard(len(carte))


def test_voisins_d_un_metier(carte, vecteurs):
    v = cartographie.voisins_d_un_metier(carte, vecteurs, "Boulanger / Boulangère")
    assert len(v) == 10 and list(v["rang"]) == list(range(1, 11))
    assert v["similarite"].is_monotonic_decreasing
    assert "Boulanger / Boulangère" not in set(v["appellation"])
    assert v["appellation"].str.contains("oulang").sum() >= 5
    with pytest.raises(EntreeInvalide):
        cartographie.voisins_d_un_metier(carte, vecteurs, "Boulanger")


def test_part_voisins_meme_domaine(carte, vecteurs):
    p = cartographie.part_voisins_meme_domaine(carte, vecteurs)
    assert p.shape == (len(carte),) and 0.3 < p.mean() < 0.95


# ── ce que la carte invente ──

def test_domaines_paires(carte, vecteurs):
    paires = cartographie.domaines_paires(carte, vecteurs)
    assert len(paires) == 14 * 13 // 2
    assert sorted(paires["rang_carte"]) == list(range(1, 92))
    assert paires["rang_carte"].is_monotonic_increasing
    assert ((paires["cosinus_moyen"] > 0) & (paires["cosinus_moyen"] < 1)).all()
    # la moyenne des cosinus par le produit des moyennes = la moyenne calculée paire par paire
    a = cartographie.vecteurs_de(carte[carte["code_grand_domaine"] == "J"])
    b = cartographie.vecteurs_de(carte[carte["code_grand_domaine"] == "C"])
    ligne = paires[(paires["code_a"] == "C") & (paires["code_b"] == "J")].iloc[0]
    assert ligne["cosinus_moyen"] == pytest.approx(float((a @ b.T).mean()), abs=1e-5)
    rho = cartographie.accord_global(paires)
    assert -1 <= rho <= 1


def test_etalement_domaines(carte, vecteurs):
    e = cartographie.etalement_domaines(carte, vecteurs)
    assert len(e) == 14 and e["n_intitules"].sum() == len(carte)
    assert e["surface_2d"].is_monotonic_decreasing and (e["surface_2d"] > 0).all()
    assert ((e["cosinus_interne"] > 0) & (e["cosinus_interne"] < 1)).all()


# ── vos mots sur la carte ──

def test_placer_des_mots(carte):
    mots = cartographie.placer(["boulangerie", "aide à domicile"])
    assert list(mots["texte"]) == ["boulangerie", "aide à domicile"]
    assert mots.loc[0, "plus_proche"] == "Boulanger / Boulangère"
    assert mots.loc[1, "plus_proche"] == "Aide à domicile"
    xmin, ymin = carte[["x", "y"]].min()
    xmax, ymax = carte[["x", "y"]].max()
    assert mots["x"].between(xmin, xmax).all() and mots["y"].between(ymin, ymax).all()
    # « boulangerie » : ses voisins sont regroupés, la position est proche de celle de « Boulanger »
    boulanger = carte.loc[carte["appellation"] == "Boulanger / Boulangère", ["x", "y"]].to_numpy()[0]
    assert np.linalg.norm(mots.loc[0, ["x", "y"]].to_numpy(float) - boulanger) < 1.0
    assert (mots["dispersion"] >= 0).all()


def test_placer_n_ecrit_rien_sur_le_disque(tmp_path, monkeypatch):
    from atelier import embeddings

    cache = tmp_path / "cache-vide"
    monkeypatch.setenv("ATELIER_CACHE_DIR", str(cache))
    embeddings.modele.cache_clear()
    try:
        cartographie.placer("un texte très personnel")
    finally:
        embeddings.modele.cache_clear()
    assert not cache.exists() or not any(cache.rglob("*.sqlite"))


@pytest.mark.parametrize("texte", ["", "   ", [], [" ", ""], ",,,"])
def test_placer_refuse_le_vide(texte):
    with pytest.raises(EntreeInvalide):
        cartographie.placer(texte)


def test_placer_entrees_difficiles():
    mots = cartographie.placer(["😀", "<img src=x onerror=alert(1)>", "x" * 10_000])
    assert len(mots) == 3
    assert mots.loc[1, "texte"] == "<img src=x onerror=alert(1)>"
    assert len(mots.loc[2, "texte"]) == cartographie.MAX_CARACTERES_MOT


def test_nettoyer_mots():
    assert cartographie.nettoyer_mots("boulangerie, aide à domicile ;  nounou\nboulangerie") == [
        "boulangerie", "aide à domicile", "nounou"]
    assert len(cartographie.nettoyer_mots([f"mot {i}" for i in range(50)])) == cartographie.MAX_MOTS


# ── les figures ──

def test_tracer_carte_complete(carte):
    fig, alt = dessin_carte.tracer_carte(carte, titre="Essai", parametres=cartographie.parametres())
    ax = fig.axes[0]
    assert ax.get_title() == "Essai"
    assert ax.get_xlabel() == "UMAP 1" and ax.get_ylabel() == "UMAP 2"
    textes = " ".join(t.get_text() for t in ax.texts)
    assert "graine 42" in textes and "sans unité" in textes
    legende = fig.legends[0]
    assert len(legende.get_texts()) == 14
    assert legende.get_texts()[9].get_text().startswith("J — Santé")
    assert "13\u202f120 intitulés" in alt and "Santé (J)" in alt and "ni unité ni sens" in alt
    _fermer(fig)


def test_tracer_carte_domaine_surlignage_et_mots(carte):
    mots = cartographie.placer(["boulangerie"])
    fig, alt = dessin_carte.tracer_carte(carte, titre="Santé", parametres=cartographie.parametres(), domaine="J",
                                         surligner=[599], mots=mots)
    assert "Seul le domaine Santé" in alt and "Aide à domicile" in alt and "« boulangerie »" in alt
    _fermer(fig)
    with pytest.raises(EntreeInvalide):
        dessin_carte.tracer_carte(carte, domaine="Z")


def test_tracer_comparaison(petit, projection):
    autre = cartographie.projeter(cartographie.vecteurs_de(petit), n_neighbors=10, min_dist=0.1, graine=7)
    fig, alt = dessin_carte.tracer_comparaison(petit, projection, autre,
                                               cartographie.parametres_projection(10, 0.1, 42),
                                               cartographie.parametres_projection(10, 0.1, 7), "Graine 42", "Graine 7")
    titres = [ax.get_title() for ax in fig.axes]
    assert titres == ["Graine 42", "Graine 7"]
    assert "graine 42" in alt and "graine 7" in alt and "% des 10 plus proches voisins" in alt
    commun = cartographie.voisinage_commun(projection, autre, k=10)
    assert 0 < commun.mean() < 1
    _fermer(fig)


def test_decrire_carte(carte):
    texte = dessin_carte.decrire_carte(carte)
    assert texte.count(";") == 13 and "Industrie (H)" in texte


# ── mesurer d'un côté, dessiner de l'autre ──

SOURCES = Path(__file__).resolve().parents[1] / "src" / "atelier"
#: Ce qu'un module de mesure n'importe pas : les bibliothèques de dessin et le module des figures.
DESSIN = ("matplotlib", "bqplot", "ipywidgets", "atelier.dessin_carte")


def imports_de_dessin(source: str) -> list[str]:
    """Les imports de dessin d'un code source (en tête de fichier ou cachés dans une fonction)."""
    trouves = []
    for noeud in ast.walk(ast.parse(source)):
        if isinstance(noeud, ast.Import):
            noms = [a.name for a in noeud.names]
        elif isinstance(noeud, ast.ImportFrom) and noeud.module:
            noms = [noeud.module] + [f"{noeud.module}.{a.name}" for a in noeud.names]
        else:
            continue
        trouves += [n for n in noms if any(n == d or n.startswith(d + ".") for d in DESSIN)]
    return trouves


def test_les_mesures_ne_dessinent_pas():
    assert imports_de_dessin((SOURCES / "cartographie.py").read_text(encoding="utf-8")) == []
    assert not [nom for nom in vars(cartographie) if nom.startswith("tracer") or nom == "styles_domaines"]


def test_le_controle_voit_un_dessin_dans_les_mesures():
    """Contrôle négatif : un import de matplotlib, même caché dans une fonction, ou du module des figures, est vu."""
    assert imports_de_dessin("def f():\n    import matplotlib.pyplot as plt\n") == ["matplotlib.pyplot"]
    assert imports_de_dessin("from atelier import dessin_carte\n") == ["atelier.dessin_carte"]
    assert imports_de_dessin("from atelier import data, embeddings\n") == []


def test_le_dessin_n_importe_matplotlib_qu_au_premier_dessin():
    """Un tableau de bord qui dessine avec bqplot (styles_domaines) ne charge pas matplotlib."""
    code = ("import sys\nfrom atelier import dessin_carte\ndessin_carte.styles_domaines()\n"
            "print('matplotlib' in sys.modules)")
    sortie = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True).stdout
    assert sortie.strip() == "False"
