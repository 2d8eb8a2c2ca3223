"""Tests de atelier.comparaison_recherche (leçon 02), sur les vraies données et le vrai modèle e5."""
import hashlib
import math

import matplotlib

matplotlib.use("Agg")

import numpy as np
import pandas as pd
import pytest

from atelier import comparaison_recherche as cr
from atelier import data, recherche, statistiques, vecteurs_livres
from atelier.erreurs import EntreeInvalide


@pytest.fixture(autouse=True)
def _fermer_les_figures():
    yield
    import matplotlib.pyplot as plt

    plt.close("all")


def _evaluation_fictive() -> pd.DataFrame:
    """Deux méthodes, trois requêtes de deux types : assez pour vérifier les calculs à la main."""
    lignes = [
        ("a", "familier", "m1", 1.0, "A1"), ("a", "familier", "m2", math.nan, "B1"),
        ("b", "familier", "m1", 3.0, "A2"), ("b", "familier", "m2", 1.0, "B2"),
        ("c", "anglais", "m1", math.nan, ""), ("c", "anglais", "m2", 2.0, "B3"),
    ]
    return pd.DataFrame(lignes, columns=["requete", "type", "methode", "rang", "premier"])


def test_cle():
    assert cr.cle("  Éduc' SPÉ ") == "educ spe"
    assert cr.cle("Aide-soignante") == "aide soignante"


def test_comparer_cote_a_cote():
    t = cr.comparer(["infirmiere", "nounou"], k=3)
    assert list(t.columns) == list(recherche.METHODES)
    assert t.index.names == ["requête", "rang"] and len(t) == 6
    # La recherche exacte ne trouve rien sans l'accent ; la combinée trouve la nounou (fiche attendue : ✅).
    assert (t.loc["infirmiere", "exacte"] == cr.AUCUN).all()
    assert t.loc[("nounou", 1), "combinée"].startswith(cr.BON)
    # Une requête hors du jeu étiqueté n'est jamais marquée.
    libre = cr.comparer(["plombier chauffagiste"], k=2, methodes={"combinée": recherche.chercher_metiers})
    assert not libre["combinée"].str.startswith(cr.BON).any()


@pytest.mark.parametrize("requete", ["nounou", "dévelopeur web", "infirmiere", "DRH", "truck driver", "🙂"])
def test_detail_du_score_redonne_search_jobs(requete):
    d = cr.detail_du_score(requete, k=5)
    s = recherche.chercher_metiers(requete, k=5)
    assert d["appellation"].tolist() == s["appellation"].tolist()
    assert np.allclose(d["score"], s["score"], atol=1e-4)
    recompose = np.fmax(d["sens_e5"], d["passerelle"]) + d["mots"] + d["bonus"]
    assert np.allclose(recompose, d["score"], atol=1e-4)


def test_detail_du_score_vide():
    assert cr.detail_du_score("   ").empty


def test_intervalle_wilson_valeurs_connues():
    assert cr.intervalle_wilson is statistiques.intervalle_wilson     # un seul calcul, celui de scipy
    bas, haut = cr.intervalle_wilson(8, 10)
    assert round(bas, 4) == 0.4902 and round(haut, 4) == 0.9433
    assert cr.intervalle_wilson(0, 10)[0] == 0.0 and round(cr.intervalle_wilson(0, 10)[1], 4) == 0.2775
    assert cr.intervalle_wilson(10, 10)[1] == 1.0
    assert all(math.isnan(v) for v in cr.intervalle_wilson(0, 0))
    with pytest.raises(ValueError):
        cr.intervalle_wilson(11, 10)


def test_tableaux_sur_une_evaluation_fictive():
    ev = _evaluation_fictive()
    top1 = cr.tableau_des_taux(ev, "top1")
    assert list(top1.index) == ["familier", "anglais", "ensemble"]
    assert list(top1.columns) == ["requêtes", "m1", "m2"]
    assert top1["requêtes"].tolist() == [2, 1, 3]
    assert top1.loc["familier", "m1"] == 0.5 and top1.loc["ensemble", "m2"] == pytest.approx(1 / 3)
    top5 = cr.tableau_des_taux(ev, "top5")
    assert top5.loc["ensemble", "m1"] == pytest.approx(2 / 3) and top5.loc["ensemble", "m2"] == pytest.approx(2 / 3)
    # Mêmes chiffres que recherche.taux_de_reussite.
    ref = recherche.taux_de_reussite(ev)
    assert top5.loc["familier", "m2"] == ref.loc[("m2", "familier"), "top5"]
    with pytest.raises(ValueError):
        cr.tableau_des_taux(ev, "top3")

    iv = cr.intervalles(ev, "m1")
    assert iv.loc["ensemble", "requêtes"] == 3
    assert iv.loc["ensemble", "top-1 bas"] <= iv.loc["ensemble", "top-1"] <= iv.loc["ensemble", "top-1 haut"]
    assert (iv.loc["ensemble", "top-5 bas"], iv.loc["ensemble", "top-5 haut"]) == pytest.approx(cr.intervalle_wilson(2, 3))

    assert cr.duel(ev, "m1", "m2", "top1") == {"m1 seulement": 1, "m2 seulement": 1, "les deux": 0, "aucune": 1}
    g = cr.gagnees_par(ev, "m2", "m1", "top5")
    assert g["requête"].tolist() == ["c"] and g["premier résultat (m1)"].tolist() == [""]


def test_figure_des_taux_et_texte_alternatif():
    fig, alt = cr.figure_des_taux(_evaluation_fictive(), titre="Essai")
    assert len(fig.axes) == 2
    assert all(ax.get_ylabel() for ax in fig.axes) and fig.axes[1].get_xlabel() == "Type de requête"
    assert "Essai" in alt and "top-1, m1 : familier 0,50" in alt and "ensemble" in alt


def test_echecs():
    q = pd.DataFrame({"requete": ["a", "b", "c"], "type": ["familier", "familier", "anglais"],
                      "codes_rome_attendus": ["J1506", "J1506|K1303", "M1855"], "commentaire": ""})
    e = cr.echecs(_evaluation_fictive(), "m1", "top1", requetes=q)
    assert e["requête"].tolist() == ["b", "c"]
    assert e["rang du bon métier"].tolist() == [3, "au-delà de 5"]
    assert e["proposé en premier"].tolist() == ["A2", "(aucun résultat)"]
    assert " ou " in e["fiche attendue"].iloc[0]
    assert len(cr.echecs(_evaluation_fictive(), "m1", "top1", requetes=q, par_type=1)) == 2


def test_dans_le_lexique():
    r = cr.dans_le_lexique(["nounou", "NOUNOU ", "plombier", "dévelopeur web"])
    assert r.tolist() == [True, True, False, False]
    q = data.requetes_recherche()
    assert cr.dans_le_lexique(q).sum() > 0 and len(cr.dans_le_lexique(q)) == len(q)


def test_recherche_par_le_sens_sur_les_titres_e5():
    r = cr.chercher_dans_les_titres("aide-soignante", k=3)
    assert len(r) == 3 and r["appellation"].iloc[0] == "Aide-soignant / Aide-soignante"
    assert r["similarite"].is_monotonic_decreasing
    chercher = cr.recherche_semantique_avec()
    assert chercher("aide-soignante", k=3)["appellation"].tolist() == r["appellation"].tolist()
    q = data.requetes_recherche().iloc[:6]
    ev = cr.evaluer_sur_les_titres(q)
    assert list(ev.columns) == ["requete", "type", "methode", "rang", "premier"]
    assert len(ev) == 6 and (ev["methode"] == "multilingual-e5-small").all()


class _FauxModele:
    """Un moteur minuscule et déterministe : chaque texte devient un vecteur tiré de son empreinte."""

    class moteur:  # noqa: N801
        model_name = "faux"
        key = "faux-modele"

    def __init__(self):
        self.appels = []

    def encode(self, textes, prefixe="query", cache=False, progression=None):
        self.appels.append((len(textes), cache))
        v = np.array([np.random.default_rng(int(hashlib.md5(t.encode()).hexdigest()[:8], 16)).normal(size=8)
                      for t in textes], dtype=np.float32)
        return v / np.linalg.norm(v, axis=1, keepdims=True)


def test_autre_modele_et_cache_seulement_pour_les_intitules():
    faux = _FauxModele()
    q = data.requetes_recherche().iloc[:4]
    ev = cr.evaluer_sur_les_titres(q, faux)
    assert (ev["methode"] == "faux").all() and len(ev) == 4
    # Les intitulés du ROME peuvent aller en cache ; les requêtes, jamais.
    assert faux.appels[0] == (len(data.metiers()), True)
    assert all(cache is False for _, cache in faux.appels[1:])
    cr.chercher_dans_les_titres("mon texte", faux, k=2)
    assert faux.appels[-1] == (1, False)


def test_lexique_modifie_en_memoire(tmp_path):
    fichier = data.chemin("synonymes_metiers.csv")
    empreinte = hashlib.sha256(fichier.read_bytes()).hexdigest()
    cible = "Surveillant / Surveillante en milieu scolaire"
    avant = recherche.chercher_metiers("AED", k=1)["appellation"].iloc[0]
    assert avant != cible
    with cr.lexique_modifie({"AED": cible}):
        assert recherche.chercher_metiers("AED", k=1)["appellation"].iloc[0] == cible
    assert recherche.chercher_metiers("AED", k=1)["appellation"].iloc[0] == avant
    with cr.lexique_modifie(vider=True):
        assert "K1310" not in recherche.chercher_metiers("assmat", k=5)["code_rome"].tolist()
    assert "K1310" in recherche.chercher_metiers("assmat", k=5)["code_rome"].tolist()
    assert hashlib.sha256(fichier.read_bytes()).hexdigest() == empreinte
    # rien d'écrit sur le disque, hormis les copies partagées des vecteurs livrés (vecteurs_livres.dossier_partage)
    ecrits = [p for p in (tmp_path / "cache").rglob("*") if p.is_file() and vecteurs_livres.dossier_partage() not in p.parents]
    assert not ecrits


def test_lexique_modifie_refuse_un_intitule_inconnu():
    with pytest.raises(EntreeInvalide, match="intitulé exact"):
        with cr.lexique_modifie({"gratte-papier": "Secrétaire de mairie imaginaire"}):
            pass
    assert recherche.chercher_metiers("nounou", k=1)["code_rome"].iloc[0] in {"K1310", "K1303"}


def test_avant_apres():
    t = cr.avant_apres(["chauffeur SPL"], {"chauffeur SPL": "Conducteur / Conductrice de véhicules Super Lourds"}, k=2)
    assert list(t.columns) == ["sans vos synonymes", "avec vos synonymes"]
    assert not t.loc[("chauffeur SPL", 1), "sans vos synonymes"].startswith(cr.BON)
    assert t.loc[("chauffeur SPL", 1), "avec vos synonymes"].startswith(cr.BON)


def test_effet_du_lexique():
    q = data.requetes_recherche()
    q = q[q["requete"].isin(["nounou", "assmat", "infirmiere"])]
    ev = recherche.evaluer(q, {"combinée": recherche.chercher_metiers})
    effet = cr.effet_du_lexique(ev, q)
    assert set(effet["methode"]) == {"avec le lexique", "sans le lexique"}
    assert set(effet["requete"]) == {"nounou", "assmat"}          # « infirmiere » n'est pas un terme du lexique
    taux = cr.tableau_des_taux(effet, "top5")
    assert taux.loc["ensemble", "avec le lexique"] >= taux.loc["ensemble", "sans le lexique"]
    with pytest.raises(ValueError):
        cr.effet_du_lexique(ev.assign(methode="autre"), q)
