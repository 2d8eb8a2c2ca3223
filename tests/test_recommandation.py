"""Tests de atelier.recommandation : les deux moteurs de recommandation, sur les vraies fiches ROME 4.0.

Les profils « cœur de métier » sont vérifiés à la main : pour chaque fiche testée, on a relu la liste de ses
compétences principales (`fiches_competences.csv`, colonne `principale`) ; une personne qui les a toutes doit
voir cette fiche parmi les trois premières.
"""
import numpy as np
import pandas as pd
import pytest

from atelier import data, recommandation, vecteurs_livres
from atelier.erreurs import EntreeInvalide

#: Fiches vérifiées à la main : code ROME → intitulé attendu.
FICHES_VERIFIEES = {
    "J1501": "Aide-soignant / Aide-soignante",
    "F1703": "Maçon / Maçonne",
    "K1303": "Garde d'enfant",
    "K1302": "Assistant / Assistante de vie dépendance",
    "N4105": "Conducteur-livreur / Conductrice-livreuse",
    "M1805": "Développeur / Développeuse informatique",
    "E1205": "Designer graphique",
    "D1106": "Vendeur / Vendeuse en épicerie",
}

#: Un extrait relu des compétences principales de J1501 (aide-soignant).
PRINCIPALES_J1501 = [
    "Réaliser ou contrôler les soins d'hygiène, de confort et apporter une aide au patient",
    "Assister l'infirmier lors de la réalisation de soins",
    "Surveiller l'état de santé général de la personne",
    "Accompagner le patient ou le résident pendant ses repas selon les besoins ou la prescription médicale",
]

PROFIL_MIXTE = [
    "Permis de conduire catégorie B",
    "Utilisation d'outillage manuel",
    "Etre à l'écoute, faire preuve d'empathie",
    "Procéder à l'encaissement",
]

COLONNES = ["code_rome", "intitule", "score", "domaine_professionnel", "grand_domaine", "rang"]


def principales(code_rome: str, libelles: bool = True) -> list[str]:
    m = recommandation.moteur()
    liens = m.liens[(m.liens["code_rome"] == code_rome) & m.liens["principale"]]
    codes = liens["code_ogr"].tolist()
    return [m.libelles[c] for c in codes] if libelles else codes


# --- le moteur transparent ------------------------------------------------------------------------------

@pytest.mark.parametrize("code_rome", sorted(FICHES_VERIFIEES))
def test_coeur_de_metier_dans_le_top_3(code_rome):
    intitule = data.fiches().set_index("code_rome").loc[code_rome, "intitule"]
    assert intitule == FICHES_VERIFIEES[code_rome]
    for profil in (principales(code_rome), principales(code_rome, libelles=False)):
        reco = recommandation.recommander(profil, k=3, methode="transparent")
        assert code_rome in reco["code_rome"].tolist(), reco


def test_extrait_relu_aide_soignant_en_tete():
    reco = recommandation.recommander(PRINCIPALES_J1501, k=3, methode="transparent")
    assert reco.loc[0, "code_rome"] == "J1501"


def test_format_de_sortie():
    reco = recommandation.recommander(PROFIL_MIXTE, k=7, methode="transparent")
    assert list(reco.columns) == COLONNES
    assert len(reco) == 7
    assert reco["rang"].tolist() == list(range(1, 8))
    assert reco["score"].is_monotonic_decreasing
    assert reco["code_rome"].is_unique
    assert ((reco["score"] >= 0) & (reco["score"] <= 1)).all()
    assert reco["code_rome"].isin(data.fiches()["code_rome"]).all()


def test_libelles_tolerants_et_doublons():
    """Casse, accents et espaces n'empêchent pas de reconnaître un libellé ; un doublon compte une fois."""
    libre = ["  etre a L'ECOUTE,   faire preuve d'empathie ", "Etre à l'écoute, faire preuve d'empathie",
             "Procéder à l'encaissement"]
    exact = ["Etre à l'écoute, faire preuve d'empathie", "Procéder à l'encaissement"]
    pd.testing.assert_frame_equal(recommandation.recommander(libre, methode="transparent"),
                                  recommandation.recommander(exact, methode="transparent"))


def test_une_seule_competence_en_texte():
    """Une chaîne seule est lue comme une liste d'une compétence."""
    pd.testing.assert_frame_equal(recommandation.recommander("Coder", methode="transparent"),
                                  recommandation.recommander(["Coder"], methode="transparent"))


def test_determinisme_transparent():
    a = recommandation.recommander(PROFIL_MIXTE, k=20, methode="transparent")
    b = recommandation.recommander(list(PROFIL_MIXTE), k=20, methode="transparent")
    pd.testing.assert_frame_equal(a, b)


def test_k_borne():
    n = len(data.fiches())
    assert len(recommandation.recommander(PROFIL_MIXTE, k=0, methode="transparent")) == 0
    assert len(recommandation.recommander(PROFIL_MIXTE, k=10**6, methode="transparent")) == n


def test_bonus_interets_ne_change_que_via_riasec():
    n = len(data.fiches())
    base = recommandation.recommander(PROFIL_MIXTE, k=n, methode="transparent").set_index("code_rome")
    avec = recommandation.recommander(PROFIL_MIXTE, k=n, methode="transparent", interets=["S", "a"]).set_index("code_rome")
    riasec = data.fiches().set_index("code_rome")["riasec_majeur"]
    concerne = riasec.reindex(base.index).isin({"S", "A"})
    assert concerne.any() and (~concerne).any()
    facteur = np.where(concerne, 1 + recommandation.BONUS_INTERET, 1.0)
    np.testing.assert_allclose(avec.loc[base.index, "score"].to_numpy(), base["score"].to_numpy() * facteur)
    # Entre fiches du même groupe (bonus ou pas), l'ordre ne bouge pas.
    for groupe in (concerne, ~concerne):
        codes = base.index[groupe.to_numpy()]
        ordre_avec = avec.loc[avec.index.isin(codes)].index.tolist()
        assert ordre_avec == codes.tolist()
    # Des lettres qui ne sont pas RIASEC ne changent rien.
    pd.testing.assert_frame_equal(
        recommandation.recommander(PROFIL_MIXTE, methode="transparent", interets=["Z", "?"]),
        recommandation.recommander(PROFIL_MIXTE, methode="transparent"))


def test_explain_transparent_coherent_avec_le_profil():
    profil = PRINCIPALES_J1501 + ["Permis de conduire catégorie B"]  # le permis n'est pas dans J1501
    exp = recommandation.expliquer(profil, "J1501", methode="transparent", k=50)
    detenues, manquantes = exp["detenues"], exp["manquantes"]
    assert set(detenues.columns) >= {"competence", "principale", "type"}
    assert set(detenues["competence"]) == set(PRINCIPALES_J1501)          # held = profil ∩ fiche
    assert set(detenues["competence"]) <= set(profil)
    assert not set(manquantes["competence"]) & set(profil)
    assert detenues["principale"].all()
    # Les principales d'abord.
    for tableau in (detenues, manquantes):
        drapeau = tableau["principale"].tolist()
        assert drapeau == sorted(drapeau, reverse=True)
    # Toutes les compétences de la fiche sont détenues ou manquantes (k assez grand).
    m = recommandation.moteur()
    n_liens = int((m.liens["code_rome"] == "J1501").sum())
    assert len(detenues) + len(recommandation.expliquer(profil, "J1501", methode="transparent", k=10**4)["manquantes"]) == n_liens


def test_explain_transparent_k_limite_les_manquantes():
    exp = recommandation.expliquer(["Coder"], "J1501", methode="transparent", k=5)
    assert len(exp["detenues"]) == 0
    assert len(exp["manquantes"]) == 5 and exp["manquantes"]["principale"].all()


def test_chercher_competences():
    res = recommandation.chercher_competences("permis de conduire")
    assert list(res.columns) == ["code_ogr", "libelle", "type", "n_fiches"]
    assert 0 < len(res) <= 10
    assert "Permis de conduire catégorie B" in res["libelle"].tolist()
    assert res["libelle"].str.lower().str.contains("permis de conduire").all()
    assert (res["n_fiches"] > 0).all() and res["n_fiches"].is_monotonic_decreasing
    # Sans accents ni casse, et k respecté.
    assert "Etre à l'écoute, faire preuve d'empathie" in recommandation.chercher_competences("ECOUTE", k=3)["libelle"].tolist()
    assert len(recommandation.chercher_competences("a", k=4)) == 4
    # Tout ce qui est trouvé est accepté tel quel par le moteur transparent.
    reco = recommandation.recommander(res["libelle"].tolist()[:3], methode="transparent", k=3)
    assert len(reco) == 3


@pytest.mark.parametrize("texte", ["", "   ", "zzzqqqxxx introuvable"])
def test_chercher_competences_sans_resultat(texte):
    res = recommandation.chercher_competences(texte)
    assert res.empty and list(res.columns) == ["code_ogr", "libelle", "type", "n_fiches"]


# --- les erreurs ----------------------------------------------------------------------------------------

def test_competence_inconnue_nommee_dans_le_message():
    with pytest.raises(EntreeInvalide, match="pas dans le ROME") as exc:
        recommandation.recommander(["Coder", "Jongler avec des licornes"], methode="transparent")
    assert "Jongler avec des licornes" in str(exc.value)
    assert "chercher_competences" in str(exc.value)
    with pytest.raises(EntreeInvalide, match="licornes"):
        recommandation.expliquer(["Jongler avec des licornes"], "J1501", methode="transparent")


@pytest.mark.parametrize("vide", [[], [""], ["  ", "\n"], "", ()])
def test_profil_vide(vide):
    with pytest.raises(EntreeInvalide, match="vide"):
        recommandation.recommander(vide, methode="transparent")


@pytest.mark.parametrize("methode", ["bm25", "Semantic", "", None, 3])
def test_mauvaise_methode(methode):
    with pytest.raises(EntreeInvalide, match="method"):
        recommandation.recommander(PROFIL_MIXTE, methode=methode)
    with pytest.raises(EntreeInvalide, match="method"):
        recommandation.expliquer(PROFIL_MIXTE, "J1501", methode=methode)


@pytest.mark.parametrize("code", ["Z9999", "j1501", "", None, "J1501 "])
def test_fiche_inconnue(code):
    with pytest.raises(EntreeInvalide, match="n'existe pas"):
        recommandation.expliquer(PROFIL_MIXTE, code, methode="transparent")


@pytest.mark.parametrize("mauvais", [42, None, 3.5])
def test_mauvais_type_de_profil_transparent(mauvais):
    with pytest.raises(EntreeInvalide, match="liste de compétences"):
        recommandation.recommander(mauvais, methode="transparent")


@pytest.mark.parametrize("mauvais", [["je soigne"], 42, None, {"texte": "je soigne"}])
def test_mauvais_type_de_profil_semantique(mauvais):
    with pytest.raises(EntreeInvalide, match="texte libre"):
        recommandation.recommander(mauvais, methode="semantique")


# --- défauts corrigés de recommandation.py (signalés par ces tests) ---

def test_explain_profil_vide():
    with pytest.raises(EntreeInvalide, match="vide"):
        recommandation.expliquer([], "J1501", methode="transparent")


def test_libelle_partage_par_deux_codes():
    libelle = "Application des directives de l'entreprise"   # code_ogr 480378 (D1508…) et 512518 (N1102…)
    for code_rome in ("D1508", "N1102"):
        exp = recommandation.expliquer([libelle], code_rome, methode="transparent")
        assert libelle in exp["detenues"]["competence"].tolist(), code_rome


# --- le moteur sémantique (il lui faut datasets/vecteurs_competences_e5.npz) ----------------------------

@pytest.fixture(scope="module")
def semantique():
    if not data.chemin(vecteurs_livres.VECTEURS_COMPETENCES).is_file():
        pytest.skip(f"datasets/{vecteurs_livres.VECTEURS_COMPETENCES} absent : lancez python scripts/build_datasets.py")
    return recommandation


SOIGNANTE = "je fais des soins d'hygiène aux patients, j'aide les infirmiers"


def test_semantique_aide_soignant_dans_le_top_10(semantique):
    # Limite connue, discutée au module 04 : le mot « infirmiers » attire les fiches d'infirmier devant J1501.
    reco = semantique.recommander(SOIGNANTE, k=10, methode="semantique")
    assert list(reco.columns) == COLONNES
    assert "J1501" in reco["code_rome"].tolist(), reco
    assert reco["score"].is_monotonic_decreasing


def test_semantique_deterministe(semantique):
    pd.testing.assert_frame_equal(semantique.recommander(SOIGNANTE, k=20, methode="semantique"),
                                  semantique.recommander(SOIGNANTE, k=20, methode="semantique"))


def test_semantique_ignore_les_espaces_superflus(semantique):
    a = semantique.recommander(SOIGNANTE, k=10, methode="semantique")
    b = semantique.recommander("  " + SOIGNANTE.replace(" ", "   ") + "\n", k=10, methode="semantique")
    assert a["code_rome"].tolist() == b["code_rome"].tolist()


def test_semantique_memoire_des_morceaux(semantique, monkeypatch, tmp_path):
    # Les morceaux déjà encodés ne sont pas ré-encodés ; le résultat est identique à un calcul « à froid » ;
    # et rien n'est écrit sur le disque (la mémoire est vive, le cache disque n'est pas utilisé).
    monkeypatch.setenv("ATELIER_CACHE_DIR", str(tmp_path))
    semantique.oublier_morceaux()
    froid = semantique.recommander("je suis maçon, j'ai mon permis B", k=10)
    demandes = []
    encode = semantique.embeddings.encode
    monkeypatch.setattr(semantique.embeddings, "encode",
                        lambda textes, **kw: demandes.append(list(textes)) or encode(textes, **kw))
    semantique.recommander("je suis maçonne, j'ai mon permis B", k=10)
    assert demandes == [["je suis maçonne"]]
    chaud = semantique.recommander("je suis maçon, j'ai mon permis B", k=10)
    assert demandes == [["je suis maçonne"]]
    pd.testing.assert_frame_equal(froid, chaud)
    assert list(tmp_path.iterdir()) == []
    monkeypatch.setattr(semantique, "MEMOIRE_MORCEAUX", 2)
    semantique.recommander("un, deux, trois", k=3)
    assert len(semantique._MEMOIRE) == 2


@pytest.mark.parametrize("texte", ["", "   ", "\n\t"])
def test_semantique_profil_vide(semantique, texte):
    with pytest.raises(EntreeInvalide, match="vide"):
        semantique.recommander(texte, methode="semantique")


ENTREES_DIFFICILES = {
    "long_10000": ("J'aime bricoler et réparer des vélos, " * 300)[:10_000],
    "long_sans_ponctuation": "soin " * 2_000,
    "emoji": "🔧🚗 j'adore bricoler 🛠️ et conduire 🚚 😀😀😀",
    "emoji_seuls": "😀🎨🔧" * 50,
    "html": "<script>alert('x')</script><b>Je soigne</b> les <i>personnes âgées</i> &amp; j'aime cuisiner",
    "ponctuation_seule": "... ,,, !!! ???",
    "mots_outils": "et et et mais puis",
    "caracteres_de_controle": "je\x00 soigne\x07 les\u200b patients\r\n",
    "chiffres": "0612345678 75011",
}


@pytest.mark.parametrize("nom", sorted(ENTREES_DIFFICILES))
def test_semantique_entrees_difficiles(semantique, nom):
    texte = ENTREES_DIFFICILES[nom]
    try:
        reco = semantique.recommander(texte, k=5, methode="semantique")
    except EntreeInvalide as exc:
        assert str(exc)  # un message clair, rien d'autre
        return
    assert len(reco) == 5 and list(reco.columns) == COLONNES
    assert np.isfinite(reco["score"]).all()
    try:
        exp = semantique.expliquer(texte, reco.loc[0, "code_rome"], methode="semantique")
    except EntreeInvalide:
        return
    assert set(exp) == {"detenues", "manquantes"}


def test_semantique_explain_morceaux_du_profil(semantique):
    exp = semantique.expliquer(SOIGNANTE, "J1501", methode="semantique", k=6)
    proches, loin = exp["detenues"], exp["manquantes"]
    assert list(proches.columns) == ["competence", "principale", "proximite", "morceau_proche"]
    assert 1 <= len(proches) <= 6 and len(loin) <= 6
    assert (proches["proximite"] >= semantique.SEUIL_PROCHE).all()
    assert not set(proches["competence"]) & set(loin["competence"])       # deux tableaux disjoints
    morceaux = semantique.morceaux(SOIGNANTE)
    assert morceaux == ["je fais des soins d'hygiène aux patients", "j'aide les infirmiers"]
    assert proches["morceau_proche"].isin(morceaux).all()
    assert all(m in SOIGNANTE for m in proches["morceau_proche"])
    assert proches["proximite"].is_monotonic_decreasing
    assert loin["principale"].all() and loin["proximite"].is_monotonic_increasing
    # Les compétences citées appartiennent bien à la fiche.
    fiche = set(principales("J1501")) | set(
        recommandation.expliquer(["Coder"], "J1501", methode="transparent", k=10**4)["manquantes"]["competence"])
    assert set(proches["competence"]) <= fiche and set(loin["competence"]) <= fiche
    # Les soins d'hygiène écrits mot pour mot sont reconnus parmi les plus proches.
    assert "Réaliser ou contrôler les soins d'hygiène, de confort et apporter une aide au patient" in set(
        proches["competence"])


def test_semantique_explain_fiche_inconnue(semantique):
    with pytest.raises(EntreeInvalide, match="n'existe pas"):
        semantique.expliquer(SOIGNANTE, "X0000", methode="semantique")
