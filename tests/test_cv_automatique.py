"""Tests de « Mon CV automatique » (module 09) : atelier.cv_automatique et atelier.cv_experience.

Les lignes « générées » viennent ici d'un faux générateur (une fonction donnée en paramètre) : le test de la
vérification ne dépend pas du petit modèle génératif. Aucune sortie de modèle n'est comparée au bit près : les
marges sont mesurées (voir chaque test), y compris sous ATELIER_PERTURBATION=1 (« un autre processeur »).
"""
import pandas as pd
import pytest

from atelier import cv_automatique as cv
from atelier import cv_experience as ce
from atelier.erreurs import AtelierErreur, EntreeInvalide

PHRASES = ["j'ai gardé les enfants de ma sœur tous les mercredis", "je tenais la caisse au marché",
           "j'aide ma grand-mère à faire ses courses"]
#: Une ligne qu'aucune phrase n'appuie (presse, communication) : mesuré, 63 % du ROME est plus proche de la phrase
#: la plus proche que cette ligne (avec ou sans ATELIER_PERTURBATION=1), pour un seuil de 0,75 %.
INVENTEE = "Rédiger des communiqués de presse et entretenir les relations avec les journalistes"

#: Mesuré sur la partie « test » des lignes étiquetées (144 lignes, seuil livré 0,75 %) : précision 0,936 (103 / 110),
#: rappel 0,786 (103 / 131), les mêmes sous ATELIER_PERTURBATION=1 ; bornes à deux lignes près.
PRECISION_MIN, RAPPEL_MIN = 0.91, 0.77


def faux_generateur(debut, n_mots=10, temperature=0.8, graine=0, **_):
    """Un « modèle » qui écrit toujours la même suite, quelle que soit l'amorce : ce qu'il affirme est inventé."""
    return f"{debut} des communiqués de presse et les relations avec les journalistes. Et la suite."


@pytest.fixture(scope="module")
def recherche():
    return cv.cv_par_recherche(PHRASES)


# ------------------------------------------------------------------------------------------ la provenance

def test_la_verification_attrape_une_ligne_inventee_et_garde_une_ligne_trouvee(recherche):
    verif = cv.verifier_provenance([INVENTEE, *recherche["ligne"]], PHRASES)
    invente, trouvees = verif.iloc[0], verif.iloc[1:]
    assert invente["marque"] == cv.INVENTE and not invente["appuyee"]
    # marges mesurées (avec et sans ATELIER_PERTURBATION=1) : la ligne inventée est à 63 % du répertoire,
    # chaque ligne trouvée à 0,07 % au plus ; le seuil (0,75 %) est loin des deux.
    assert invente["part"] > 3 * cv.SEUIL_APPUI
    assert (trouvees["marque"] == cv.APPUYE).all()
    assert (trouvees["part"] < cv.SEUIL_APPUI / 3).all(), trouvees[["ligne", "part"]]
    assert "sous" not in invente["explication"] and "Aucune de vos phrases" in invente["explication"]
    assert all(p in e for p, e in zip(trouvees["phrase_proche"], trouvees["explication"]))


def test_controle_negatif_sans_sa_phrase_une_ligne_trouvee_devient_inventee(recherche):
    # La même ligne, vérifiée sans la phrase d'où elle vient : la vérification doit la marquer (sinon elle ne
    # regarderait pas les phrases).
    ligne = recherche[recherche["phrase_source"] == PHRASES[1]].iloc[0]
    autres = [p for p in PHRASES if p != PHRASES[1]]
    assert cv.verifier_provenance([ligne["ligne"]], PHRASES)["appuyee"].iloc[0]
    sans = cv.verifier_provenance([ligne["ligne"]], autres)
    assert not sans["appuyee"].iloc[0] and sans["part"].iloc[0] > 3 * cv.SEUIL_APPUI


def test_controle_negatif_avec_sa_phrase_une_ligne_inventee_devient_appuyee():
    # À l'inverse : ajoutez la phrase qui dit la même chose, la ligne « inventée » est appuyée.
    avec = PHRASES + ["j'écrivais les communiqués de presse de l'association et j'appelais les journalistes"]
    verif = cv.verifier_provenance([INVENTEE], avec)
    assert verif["appuyee"].iloc[0] and verif["phrase_proche"].iloc[0] == avec[-1]


def test_les_lignes_generees_par_un_faux_modele_sont_marquees_inventees():
    gen = cv.cv_par_generation(PHRASES, "E1112", generateur=faux_generateur)
    assert len(gen) >= 3 and (gen["methode"] == "generation").all() and gen["phrase_source"].eq("").all()
    assert all(l.startswith(a[:1].upper() + a[1:]) for l, a in zip(gen["ligne"], gen["amorce"]))
    assert not gen["ligne"].str.contains("suite").any()          # coupée à la première fin de phrase
    verif = cv.verifier_provenance(gen, PHRASES)
    assert (verif["methode"] == "generation").all()
    assert (verif["marque"] == cv.INVENTE).mean() >= 0.5, verif[["ligne", "part"]]


def test_choisir_seuil():
    parts = [0.0, 0.001, 0.004, 0.02, 0.1, 0.3]
    inventees = [False, False, False, True, True, True]
    choix = cv.choisir_seuil(parts, inventees)
    assert choix["youden"] == 1 and 0.004 <= choix["seuil"] < 0.02
    with pytest.raises(EntreeInvalide):
        cv.choisir_seuil([0.1, 0.2], [True, True])


# ------------------------------------------------------------------------------------------ la recherche

def test_competences_appuyees_colonnes_et_rangs():
    t = cv.competences_appuyees(PHRASES, k=3)
    assert list(t.columns) == cv.COLONNES_COMPETENCES
    assert len(t) == 9 and t.groupby("phrase")["rang"].apply(list).map(lambda r: r == [1, 2, 3]).all()
    assert t.groupby("phrase")["code_ogr"].nunique().eq(3).all()
    assert t["similarite"].between(0.7, 1).all()
    # Garde d'enfant, caisse : les fiches attendues viennent en premier (vérifié à la main).
    premieres = t[t["rang"] == 1].set_index("phrase")["code_rome"]
    assert premieres[PHRASES[0]] == "K1303"
    assert premieres[PHRASES[1]] in {"D1505", "D1508"}


def test_cv_par_recherche_chaque_ligne_a_sa_phrase(recherche):
    assert list(recherche.columns) == cv.COLONNES_LIGNES
    assert (recherche["methode"] == "recherche").all() and recherche["ligne"].is_unique
    assert set(recherche["phrase_source"]) == set(PHRASES)


# ------------------------------------------------------------------------------------------ la couverture

def test_couverture_par_codes_et_par_phrases():
    coeur = cv.couverture([], "K1303")
    assert len(coeur) >= 6 and not coeur["couverte"].any()
    deux = coeur["code_ogr"].iloc[:2].tolist()
    par_codes = cv.couverture(deux, "K1303")
    assert set(par_codes.loc[par_codes["couverte"], "code_ogr"]) == set(deux)
    par_libelle = cv.couverture([coeur["competence"].iloc[0]], "K1303")
    assert par_libelle["couverte"].sum() >= 1
    enfants = cv.couverture(["je gardais les enfants, je leur préparais le repas et je les aidais pour les devoirs"],
                            "K1303")
    caisse = cv.couverture(["je tenais la caisse au marché"], "K1303")
    assert enfants["couverte"].sum() >= 2 and caisse["couverte"].sum() < enfants["couverte"].sum()
    assert list(enfants.columns) == ["competence", "code_ogr", "couverte", "ligne_proche", "part", "similarite"]
    assert enfants["couverte"].is_monotonic_decreasing                      # les couvertes d'abord


# ------------------------------------------------------------------------------------------ ce qui est tapé

@pytest.mark.parametrize("entree, attendu", [
    ("", "rien|aucune phrase"), (None, "rien écrit"), ("   \n  ", "aucune phrase"),
    ("a" * 10_000, "trop long"), (["je range"] * 5_000, "trop long"),
    ("😀🎉👍", "aucune phrase"), ("<script>alert('x')</script> je range", "code"),
    ("je <b>tenais</b> la caisse", "code"), ("I worked at the market and I was a cashier", "français"),
    ("Trabajé en el mercado con mi familia", "français"), ([1, 2], "texte"), (12, "liste"),
    (["phrase"] * 13, "12 au plus"),
])
def test_mauvaises_entrees_message_en_francais(entree, attendu):
    with pytest.raises(EntreeInvalide, match=attendu):
        cv.nettoyer_phrases(entree)


def test_emojis_retires_texte_coupe_en_phrases():
    assert cv.nettoyer_phrases("je tenais la caisse 😀 au marché. J'ai gardé des enfants !\nje range") == [
        "je tenais la caisse au marché.", "J'ai gardé des enfants !", "je range"]


def test_metier_inconnu():
    for code in ("Z9999", "", None, "<script>", "K1303" * 100):
        with pytest.raises(EntreeInvalide, match="n'existe pas dans le ROME"):
            cv.couverture(["je range"], code)
    with pytest.raises(EntreeInvalide, match="n'existe pas"):
        cv.cv_par_generation(PHRASES, "XXXXX", generateur=faux_generateur)
    assert cv.verifier_fiche(" k1303 ") == "K1303"


def test_les_erreurs_sont_des_erreurs_de_l_atelier():
    # Un tableau de bord les affiche par leur seul message (pas de trace de pile).
    with pytest.raises(AtelierErreur) as e:
        cv.verifier_provenance(["ligne"], "")
    assert e.value._render_traceback_()[0].startswith("⚠️ EntreeInvalide")


def test_rien_n_est_ecrit_sur_le_disque(tmp_path, monkeypatch):
    cache = tmp_path / "cache_vide"
    monkeypatch.setenv("ATELIER_CACHE_DIR", str(cache))
    secret = "je promenais le chien de madame Zérafine tous les jeudis"
    lignes = cv.cv_par_recherche([secret])
    cv.verifier_provenance(lignes, [secret])
    cv.couverture([secret], "A1501")
    ecrits = [p for p in cache.rglob("*") if p.is_file()] if cache.exists() else []
    # Seules les copies décompressées des vecteurs livrés peuvent apparaître (vecteurs/), jamais un cache de textes.
    assert all("vecteurs" in p.parts for p in ecrits), ecrits
    assert not any("Zérafine".encode() in p.read_bytes() for p in ecrits)


def test_generateur_absent_message_clair(monkeypatch):
    import builtins

    vrai_import = builtins.__import__

    def sans_generation(nom, *args, **kwargs):
        if nom == "atelier" and args and args[2] and "generation" in args[2]:
            raise ImportError("absent")
        return vrai_import(nom, *args, **kwargs)

    monkeypatch.setattr(builtins, "__import__", sans_generation)
    with pytest.raises(AtelierErreur, match="génératif"):
        cv.cv_par_generation(PHRASES, "K1303")


# ------------------------------------------------------------------------------------------ l'expérience

def test_experience_personas_et_son_resume():
    table = ce.personas()
    assert len(table) >= 20 and table["phrases"].map(len).ge(2).all()
    exp = ce.experience_personas(table.head(3), generateur=faux_generateur)
    assert list(exp.columns) == ["id", "code_rome", "profil", "score_simple", "score_recherche", "score_generation",
                                 "score_verifie", "n_generees", "n_inventees", "part_inventee"]
    assert len(exp) == 3 and exp[[c for c in exp if c.startswith("score_")]].stack().between(50, 100).all()
    resume = ce.resumer_experience(exp, n_bootstrap=200, n_permutations=200)
    assert len(resume) == len(ce.COMPARAISONS) + 1
    assert list(resume.columns) == ["b", "a", "n", "moyenne", "ic_bas", "ic_haut", "p", "n_gagne", "phrase"]
    d = resume.iloc[:-1]
    assert (d["ic_bas"] <= d["moyenne"] + 1e-9).all() and (d["moyenne"] <= d["ic_haut"] + 1e-9).all()
    assert resume.iloc[-1]["b"] == "inventees" and 0 <= resume.iloc[-1]["moyenne"] <= 1
    conclusions = ce.conclusions(exp, resume)
    assert len(conclusions) == 3 and [c.split(" :")[0] for c in conclusions] == [
        "Qui gagne", "Qui perd sans outil", "Ce que risque une personne honnête"]
    rangs = ce.rangs_offre_06(pd.concat([exp, exp.head(1).assign(id="C99", code_rome="E1112")]))
    assert list(rangs["id"]) == ["C99"] and rangs.filter(like="rang_").iloc[0].between(1, 41).all()


def test_recruteur_du_module_06_pour_e1112():
    from atelier.recrutement import tri

    texte = "Chargée de communication : réseaux sociaux, communiqués de presse, Canva."
    assert ce.scores_recruteur([texte], "E1112")[0] == pytest.approx(tri.scores_textes([texte], atelier=False)[0])
    assert ce.offre_fiche("E1112") == tri.offre()
    assert "Compétences attendues" in ce.offre_fiche("K1303")
    # une offre de garde d'enfant préfère un CV de garde d'enfant à un CV de communication (écart mesuré ≈ 5 points)
    s = ce.scores_recruteur(["Garde d'enfants à domicile, repas, devoirs, activités d'éveil", texte], "K1303")
    assert s[0] > s[1] + 1


# ------------------------------------------------------------------------------------------ les lignes étiquetées

def test_lignes_etiquetees_bien_formees():
    t = ce.lignes_etiquetees()
    assert len(t) >= 100 and t["id"].is_unique
    assert set(t["etiquette"]) == set(ce.ETIQUETTES) and set(t["split"]) == set(ce.SPLITS)
    assert t.groupby("split")["inventee"].nunique().eq(2).all()          # les deux sortes dans chaque partie
    assert t["raison"].str.len().gt(5).all()
    # la partie suit le persona : aucune phrase de « test » n'a servi au choix du seuil
    assert t.groupby("persona")["split"].nunique().eq(1).all()
    with pytest.raises(EntreeInvalide):
        ce.lignes_etiquetees("tout")


def test_la_verification_mesuree_sur_la_partie_test():
    test = ce.lignes_etiquetees("test")
    m = ce.mesurer_provenance(test)
    # Mesuré (voir benchmarks/README.md) : précision et rappel de « inventé » sur la partie tenue à l'écart ;
    # bornes à deux lignes près de la mesure, qui tiennent aussi sous ATELIER_PERTURBATION=1.
    assert m["precision"] >= PRECISION_MIN and m["rappel"] >= RAPPEL_MIN, m
    assert m["precision_ic"][0] <= m["precision"] <= m["precision_ic"][1]
    # Contrôle négatif : avec un seuil qui accepte tout, la mesure voit que rien n'est attrapé.
    assert ce.mesurer_provenance(test, seuil=1.0)["rappel"] == 0
    assert "lignes inventées" in ce.phrase_mesure(m)
