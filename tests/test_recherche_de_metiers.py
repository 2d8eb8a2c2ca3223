import numpy as np
import pandas as pd
import pytest

from atelier import data, recherche, vecteurs_livres
from atelier.comparaison_recherche import cle


def test_colonnes_et_ordre():
    r = recherche.chercher_metiers("infirmiere", k=10)
    assert {"code_rome", "appellation", "score"} <= set(r.columns)
    assert len(r) == 10 and r["score"].is_monotonic_decreasing
    assert r["code_rome"].iloc[0] in {"J1506", "J1502", "J1511"} and "Infirm" in r["appellation"].iloc[0]


@pytest.mark.parametrize("requete, code", [
    ("dévelopeur web", "M1855"), ("nounou", "K1303"), ("nurse", "J1506"), ("aide soignante", "J1501"),
    ("cheffe de chantier", "F1202"), ("truck driver", "N4101"), ("DRH", "M1503"),
])
def test_requetes_typiques(requete, code):
    assert code in recherche.chercher_metiers(requete, k=5)["code_rome"].tolist()


@pytest.mark.parametrize("vide", ["", "   ", "\n\t", None])
def test_requete_vide(vide):
    r = recherche.chercher_metiers(vide)
    assert r.empty and {"code_rome", "appellation", "score"} <= set(r.columns)


@pytest.mark.parametrize("bizarre", ["🙂🚀", "<img src=x onerror=alert(1)>", "x" * 10_000, "'; DROP TABLE--", 42,
                                     "a", "12345", "\u202e\u0000"])
def test_entrees_bizarres_sans_exception(bizarre):
    r = recherche.chercher_metiers(bizarre, k=3)
    assert len(r) == 3 and np.isfinite(r["score"]).all()


def test_deterministe():
    pd.testing.assert_frame_equal(recherche.chercher_metiers("plombier"), recherche.chercher_metiers("plombier"))


def test_k_limites():
    assert recherche.chercher_metiers("maçon", k=0).empty
    assert len(recherche.chercher_metiers("maçon", k=13_120)) == 13_120
    assert len(recherche.chercher_metiers("maçon", k=-5)) == 0


def test_rien_n_est_ecrit_sur_le_disque(tmp_path):
    recherche.chercher_metiers("Je m'appelle Awa et je cherche un métier avec les animaux")
    assert not any(p.is_file() for p in (tmp_path / "cache").rglob("*"))


def test_methodes_de_comparaison():
    assert recherche.recherche_exacte("infirmiere").empty            # sans accent : la recherche exacte échoue
    assert not recherche.recherche_exacte("Infirmier").empty
    assert "J1506" in recherche.recherche_floue("infirmiere", k=10)["code_rome"].tolist()
    assert not recherche.recherche_semantique("infirmière").empty
    assert recherche.niveau(10) == "très proche" and recherche.niveau(0) == "lointain"


def test_qualite_sur_les_requetes_etiquetees():
    """Le seuil de l'issue : top-5 ≥ 0,97, top-1 ≥ 0,90, top-5 ≥ 0,93 sur le familier et l'anglais."""
    ev = recherche.evaluer(data.requetes_recherche(), {"combinée": recherche.chercher_metiers})
    taux = recherche.taux_de_reussite(ev).loc["combinée"]
    assert taux.loc["ensemble", "top5"] >= 0.97
    assert taux.loc["ensemble", "top1"] >= 0.90
    assert taux.loc["familier", "top5"] >= 0.93 and taux.loc["anglais", "top5"] >= 0.93


# ------------------------------------------------------------------ chercher : ce que les personnes disent


@pytest.mark.parametrize("requete, codes", [
    ("préparer les cocktails derrière le comptoir d'un bar", {"G1801"}),  # une description, sans le nom
    ("soigner les chiens et les chats malades", {"A1504", "A1501"}),
    ("répar lé voitur o garage", {"I1604"}),                               # écriture SMS (2ᵉ, marge 0,4)
    ("infirmiere", {"J1506"}),                                             # un titre reste un titre
    ("nounou", {"K1303", "K1310"}),
])
def test_chercher_comprend_descriptions_et_sms(requete, codes):
    assert codes & set(recherche.chercher(requete, k=5)["code_rome"])


def test_chercher_colonnes_et_parts():
    r = recherche.chercher("j'aime les animaux", k=8)
    assert list(r.columns) == recherche.COLONNES_FICHES and len(r) == 8
    assert r["code_rome"].is_unique and r["score"].is_monotonic_decreasing
    somme = r["part_titre"] + r["part_definition"] + r["part_competences"] + r["part_esco"]
    assert np.allclose(somme, r["score"], atol=1e-5)
    assert r["raison"].str.match(r"^(le titre ressemble|la fiche parle de|une description européenne \(ESCO\) "
                                 r"du métier ressemble) : « .+ »$").all()
    assert set(r["origine"]) <= {"titre", "fiche", "esco"}
    assert (r["competence"].ne("") == r["origine"].eq("fiche")).all()
    assert (r["metier_esco"].ne("") == r["origine"].eq("esco")).all()
    fiche = recherche.chercher("préparer les cocktails derrière le comptoir d'un bar", k=8)
    fiche = fiche[fiche["origine"] == "fiche"]
    assert len(fiche) >= 1   # ici, la 2ᵉ fiche vient de sa définition et de ses compétences
    assert [f"la fiche parle de : « {c} »" for c in fiche["competence"]] == fiche["raison"].tolist()


def test_chercher_dit_ce_qu_il_a_compris():
    r = recherche.chercher("jveu bossé ac lé animo")
    assert r.attrs["compris"] == "je veux travailler avec les animaux"
    assert ("animo", "animaux", "son") in [(f.ecrit, f.sens, f.raison) for f in r.attrs["remplacements"]]


def test_chercher_la_fiche_aide_quand_le_titre_ne_suffit_pas(monkeypatch):
    """Une description sans nom de métier : les textes de la fiche mettent le bon métier dans les 3 premiers
    (mesuré : 1er). Contrôle négatif : sans eux (leurs poids à 0, les titres seuls), il n'est pas dans les 10."""
    requete = "réparer les fuites d'eau et installer les lavabos"         # plombier : F1603
    assert "F1603" in set(recherche.chercher(requete, k=3)["code_rome"])
    monkeypatch.setattr(recherche, "POIDS", {"titre": 1.0, "definition": 0.0, "competences": 0.0, "esco": 0.0})
    assert "F1603" not in set(recherche.chercher(requete, k=10)["code_rome"])


def _sans_esco(monkeypatch):
    """Contrôle négatif : la part ESCO mise à zéro (les descriptions restent lues, pour la raison)."""
    monkeypatch.setattr(recherche, "_scores_esco",
                        lambda f, sens: (np.zeros(len(f.tableau), np.float32), f.esco_vecteurs @ sens))


ESCO_INSERTION = "conseiller en insertion professionnelle/conseillère en insertion professionnelle"


def test_chercher_description_esco_explique(monkeypatch):
    """Une description européenne (ESCO) reliée à la fiche fait venir le conseiller en insertion, et la raison la
    nomme. Mesuré : part ESCO 2,07 contre 1,59 pour la définition, titre 3,68 contre 4,75 pour les trois textes
    (marges ≥ 0,48, bien au-delà de l'écart entre processeurs)."""
    requete = "aider les chômeurs à retrouver un emploi"
    premier = recherche.chercher(requete, k=3).iloc[0]
    assert premier["code_rome"] == "K1801" and premier["origine"] == "esco"
    assert premier["metier_esco"] == ESCO_INSERTION and premier["part_esco"] > 1.0
    assert premier["raison"] == f"une description européenne (ESCO) du métier ressemble : « {ESCO_INSERTION} »"
    _sans_esco(monkeypatch)
    sans = recherche.chercher(requete, k=3)
    assert (sans["part_esco"] == 0).all() and "esco" not in set(sans["origine"])


def test_descriptions_esco_livrees_et_reliees():
    """Chaque description livrée est reliée à une fiche existante, par un lien « assez proche » au moins, et
    son vecteur est à sa place."""
    d = data.descriptions_esco()
    uris, vecteurs = vecteurs_livres.vecteurs_descriptions_esco()
    assert uris.tolist() == d["uri"].tolist() and vecteurs.shape == (len(d), 384)
    assert d["uri"].is_unique and d["code_rome"].isin(set(data.fiches()["code_rome"])).all()
    assert (d["score_lien"] >= recherche.SEUIL_PERTINENT).all() and d["description"].str.len().gt(50).all()
    assert np.allclose(np.linalg.norm(vecteurs, axis=1), 1.0, atol=1e-3)


@pytest.mark.parametrize("abimer", ["ordre", "fiche_inconnue"])
def test_descriptions_esco_abimees_message_clair(monkeypatch, abimer):
    """Une table des descriptions ESCO qui ne suit plus ses vecteurs, ou qui nomme une fiche inconnue : un
    message en français qui dit comment reconstruire, pas une erreur d'indice plus loin."""
    lire = data.lire_sans_garder

    def lire_abime(table):
        df = lire(table)
        if table is data.DESCRIPTIONS_ESCO:
            if abimer == "ordre":
                df = df.iloc[::-1].reset_index(drop=True)
            else:
                df.loc[0, "code_rome"] = "Z9999"
        return df

    monkeypatch.setattr(data, "lire_sans_garder", lire_abime)
    recherche._fiches.cache_clear()
    try:
        with pytest.raises(data.DonneesIndisponibles, match=r"build_datasets\.py --fiches"):
            recherche.chercher("boulanger")
    finally:
        monkeypatch.undo()
        recherche._fiches.cache_clear()
    assert len(recherche.chercher("boulanger", k=1)) == 1


def test_descriptions_esco_gagnent_sur_le_jeu_profane(monkeypatch):
    """Appariés sur les mêmes 233 requêtes : la part ESCO fait gagner des requêtes au top-5 sans en perdre
    beaucoup (mesuré : 7 gagnées, 0 perdue ; seuil 4 d'écart, un autre processeur déplace ≤ 1 requête).
    Contrôle négatif : sans elle, l'écart est nul par construction."""
    requetes = data.requetes_profanes()
    avec = recherche.evaluer(requetes, {"c": recherche.chercher}, par_fiche=True)
    _sans_esco(monkeypatch)
    sans = recherche.evaluer(requetes, {"c": recherche.chercher}, par_fiche=True)
    avec, sans = avec["rang"].le(5), sans["rang"].le(5)     # NaN (pas trouvée) : False
    gagnees, perdues = int((avec & ~sans).sum()), int((~avec & sans).sum())
    assert gagnees - perdues >= 4, (gagnees, perdues)


@pytest.mark.parametrize("vide", ["", "   ", None])
def test_chercher_vide(vide):
    r = recherche.chercher(vide)
    assert r.empty and list(r.columns) == recherche.COLONNES_FICHES


@pytest.mark.parametrize("bizarre", ["🙂🚀", "<img src=x onerror=alert(1)>", "x" * 10_000, 42, "\u202e\u0000"])
def test_chercher_entrees_bizarres(bizarre):
    r = recherche.chercher(bizarre, k=3)
    assert len(r) == 3 and np.isfinite(r["score"]).all()


def test_chercher_rien_sur_le_disque(tmp_path):
    recherche.chercher("Je m'appelle Awa, jveu bossé ac lé enfan")
    assert not any(p.is_file() for p in (tmp_path / "cache").rglob("*"))


def test_chercher_qualite_sur_les_trois_jeux():
    """Jeu de développement profane (réglages choisis dessus : optimiste), jeu de validation écrit à l'aveugle, et
    requêtes de titres (aucune perte) : un garde-fou contre une régression, pas l'objectif de l'issue 21.

    Seuils sous les valeurs mesurées (profanes : top-5 0,918, top-1 0,644 ; validation : 0,869 / 0,631 ; titres :
    top-5 0,996) de l'écart que laisse un autre processeur (une requête au plus par taux sous
    ATELIER_PERTURBATION 1:b et 1:ci, le 8 décembre 2026 ; deuxième passe de scripts/tester.sh), et de quelques
    requêtes de plus : le seuil de l'issue 21 (0,90 / 0,65) est affiché par la leçon et le banc, pas exigé ici."""
    def taux(requetes):
        return recherche.taux_de_reussite(recherche.evaluer(requetes, {"c": recherche.chercher})).loc[("c", "ensemble")]
    profanes, validation, titres = (taux(data.requetes_profanes()), taux(data.requetes_validation()),
                                    taux(data.requetes_recherche()))
    assert profanes["top5"] >= 0.88 and profanes["top1"] >= 0.60
    assert validation["top5"] >= 0.83 and validation["top1"] >= 0.58
    assert titres["top5"] >= 0.98


def test_le_tableau_de_bord_dit_pourquoi_en_mots_simples():
    """« Recherche de métiers » : une phrase par origine (nom, fiche, description européenne), jamais de HTML
    venu des données. Contrôle négatif : un libellé ESCO piégé reste du texte."""
    from atelier.ui import recherche as tableau

    r = recherche.chercher("aider les chômeurs à retrouver un emploi", k=5)
    html = tableau.rendre_resultats(r)
    assert f"ressemble à la description européenne du métier « {ESCO_INSERTION} »" in html
    for origine, attendu in [("titre", "son nom ressemble"), ("fiche", "sa fiche parle de"),
                             ("esco", "la description européenne du métier")]:
        ligne = r.iloc[0].copy()
        ligne["origine"] = origine
        assert tableau.raison(ligne).startswith("Pourquoi ce métier : ") and attendu in tableau.raison(ligne)
    piege = r.head(1).copy()
    piege.loc[piege.index[0], "metier_esco"] = "<img src=x onerror=alert(1)>"
    html = tableau.rendre_resultats(piege)
    assert "<img" not in html and "&lt;img src=x onerror=alert(1)&gt;" in html


def test_indice_lexical_comme_des_ensembles():
    # Les paires (mot, forme) en tableaux compacts donnent la même table que des ensembles de mots par forme,
    # chaque mot une fois par forme (« aide aide » : un mot compté deux fois allongerait ``r``).
    formes = ["Aide-soignant / Aide-soignante", "Aide à domicile", "Soignant de nuit", "aide aide"]
    r, c, pos = recherche._paires_mots_formes(formes)
    attendu = {(m, i) for i, f in enumerate(formes) for m in set(recherche._mots(f))}
    numero = {v: k for k, v in pos.items()}
    assert {(numero[int(a)], int(b)) for a, b in zip(r, c)} == attendu and len(r) == len(attendu)
    idx = recherche.index()
    assert idx.vocabulaire == sorted(idx.vocabulaire)
    i = idx.vocabulaire.index("soignant")
    colonnes = idx.mot_vers_forme.indices[idx.mot_vers_forme.indptr[i]:idx.mot_vers_forme.indptr[i + 1]]
    assert {idx.formes[j] for j in colonnes} == {f for f in idx.formes if "soignant" in recherche._mots(f)}


def test_similarites_relues_comme_recalculees():
    # chercher() relit les similarités du vecteur de la requête pour le texte réécrit au lieu de les recalculer :
    # mêmes scores (à l'arrondi du produit matriciel près), avec et sans passerelle.
    from atelier import embeddings
    idx = recherche.index()
    for texte in ("jveu travayé ché mcdo", "nurse", "réparer des vélos"):
        q = embeddings.encode(texte, prefixe="query")
        brute = idx.vecteurs @ q[0]
        for autre in ("je veux travailler chez restauration rapide", "nanny", "vélo"):
            relu, _ = recherche._scores_titres(idx, autre, q, brute)
            recalcule, _ = recherche._scores_titres(idx, autre, q)
            np.testing.assert_allclose(relu, recalcule, atol=1e-4)


def test_preparer_remplit_les_caches():
    recherche.preparer()
    assert recherche.index.cache_info().currsize == 1 and recherche._fiches.cache_info().currsize == 1
    assert not recherche.chercher("boulanger").empty


@pytest.mark.parametrize("jeu, types, doublon", [
    # les titres testent les accents : « infirmiere » et « infirmière » y sont deux requêtes
    (data.requetes_recherche, {"faute_de_frappe", "sans_accent", "forme_feminine", "familier", "abreviation",
                               "anglais"}, str.casefold),
    (data.requetes_profanes, {"description", "envie", "familier", "ess", "sms"}, cle),
    (data.requetes_validation, {"description", "envie", "familier", "ess", "sms"}, cle),
])
def test_jeux_etiquetes_bien_formes(jeu, types, doublon):
    # Chaque code attendu est une fiche du ROME livré, chaque type est connu, aucune requête en double (pour les
    # requêtes profanes : sans accents ni casse) : un code mal tapé compterait un échec qui n'en est pas un.
    requetes, fiches = jeu(), set(data.fiches()["code_rome"])
    codes = {c for liste in requetes["codes_rome_attendus"] for c in liste.split("|")}
    assert codes <= fiches, sorted(codes - fiches)
    assert set(requetes["type"]) == types
    assert not requetes["requete"].map(doublon).duplicated().any()
