"""Les tableaux de bord « Des mots aux nombres » et « Mon profil, mes métiers », sans navigateur.

Les widgets sont pilotés comme le ferait la page (valeurs des cases, clics), et le HTML produit est lu : rien de
ce qui est tapé n'y entre sans être échappé, aucune erreur ne sort en trace de pile. Aucun nombre du modèle n'est
comparé à l'identique (les vecteurs bougent d'environ 1e-3 d'un processeur à l'autre).
"""
from __future__ import annotations

import pandas as pd
import pytest

from atelier.ui import messages, mots_nombres, profil

HOSTILE = "<img src=x onerror=alert(1)><script>alert(2)</script>"


# ── Des mots aux nombres ────────────────────────────────────────────────────────────────────────────────────

def test_verdict_lit_le_rang_en_mots():
    v = messages.NOMBRES_VERDICTS
    assert mots_nombres.verdict(1, 13_000) == v[0] and mots_nombres.verdict(10, 13_000) == v[0]
    assert mots_nombres.verdict(11, 13_000) == v[1] and mots_nombres.verdict(130, 13_000) == v[1]
    assert mots_nombres.verdict(131, 13_000) == v[2] and mots_nombres.verdict(1_300, 13_000) == v[2]
    assert mots_nombres.verdict(6_500, 13_000) == v[3]
    assert mots_nombres.verdict(6_501, 13_000) == v[4]


def test_nettoyer_coupe_et_retire_les_espaces():
    assert mots_nombres.nettoyer("  aide   soignante \n") == ("aide soignante", False)
    texte, coupe = mots_nombres.nettoyer("maçon " * 2000)
    assert coupe and len(texte) == mots_nombres.MAX_CARACTERES
    assert mots_nombres.nettoyer(None) == ("", False)


def test_voisins_et_echelle_echappes():
    voisins = pd.DataFrame({"rang": [1], "appellation": [HOSTILE], "score_centre": [0.05],
                            "grand_domaine": ["<b>Santé</b>"]})
    html = mots_nombres.rendre_voisins(HOSTILE, voisins)
    assert "<img" not in html and "<script" not in html and "<b>" not in html
    assert "&lt;img src=x" in html and "&lt;b&gt;Santé" in html
    assert "0,050" not in html                                  # pas de score à trois décimales sous un métier
    echelle = mots_nombres.rendre_echelle(0.9, {"n": 10_000, "moyenne": 0.87, "p5": 0.83, "p95": 0.91})
    assert "role='img'" in echelle and "aria-label='Échelle de similarité" in echelle and "0,90" in echelle


@pytest.fixture(scope="module")
def app_nombres():
    return mots_nombres.NombresApp(delai=0)


def comparer(app, a: str, b: str) -> None:
    app.texte_a.value, app.texte_b.value = a, b
    app.comparer()


def test_deux_intitules_tres_proches(app_nombres):
    comparer(app_nombres, "Aide-soignant / Aide-soignante", "Aide-soignant / Aide-soignante en gériatrie")
    app = app_nombres
    assert app.alerte.value == ""
    assert app.verdict.value == messages.NOMBRES_VERDICTS[0]     # le verdict en mots, sans nombre
    html = app.resultat.value
    # les voisins d'abord ; les trois lectures du module 01 (similarité brute face au hasard, rang, score centré)
    # derrière « Pour en savoir plus »
    assert html.index("nombres-voisins") < html.index("<details class='nombres-plus'>") < html.index("Similarité")
    assert "Similarité cosinus : 0," in html
    assert "face à 10\u202f000 paires" in html and "rang" in html and "Score centré : +" in html
    assert html.count("<li>") == 2 * mots_nombres.K_VOISINS
    r = app.dernier
    assert 0.9 < r["similarite"] <= 1.0
    assert r["depuis_a"]["rang"] <= 10 and r["depuis_a"]["score_centre"] > 0


def test_deux_metiers_eloignes_malgre_un_nombre_eleve(app_nombres):
    comparer(app_nombres, "Data scientist", "Aide-soignant / Aide-soignante")
    r = app_nombres.dernier
    assert r["similarite"] > 0.7                                 # le nombre brut « sonne » haut…
    assert r["verdict"] in messages.NOMBRES_VERDICTS[3:]         # …mais le rang dit « pas proches »
    assert "Ce n'est pas un pourcentage" in app_nombres.resultat.value.replace("&#x27;", "'")


def test_un_texte_libre_et_un_exemple(app_nombres):
    app_nombres.exemple.value = messages.NOMBRES_EXEMPLES[4]       # « nounou » ↔ « assistante maternelle »
    assert (app_nombres.texte_a.value, app_nombres.texte_b.value) == messages.NOMBRES_EXEMPLES[4]
    assert app_nombres.verdict.value and "nounou" in app_nombres.resultat.value
    app_nombres.exemple.value = None


def test_saisies_hostiles_vides_longues(app_nombres):
    app = app_nombres
    comparer(app, "", "plombier")
    assert app.alerte.value == messages.NOMBRES_VIDE and app.resultat.value == ""
    comparer(app, "🙂🚀", "plombier")
    assert "premier texte ne contient ni lettre ni chiffre" in app.alerte.value
    comparer(app, "plombier", "plombier")
    assert app.verdict.value == messages.NOMBRES_IDENTIQUES
    comparer(app, HOSTILE, "🙂 maçon")
    assert HOSTILE in app.echo.value                              # un Label : du texte, jamais du HTML
    assert "<img" not in app.resultat.value and "<script" not in app.resultat.value
    assert "&lt;img src=x onerror=alert(1)&gt;" in app.resultat.value
    comparer(app, "maçon " * 2000, "plombier")                    # 10 000 caractères
    assert app.alerte.value == messages.NOMBRES_TRONQUE.format(n=mots_nombres.MAX_CARACTERES)
    assert app.verdict.value and app.resultat.value


def test_une_erreur_donne_un_message_en_francais(app_nombres, monkeypatch):
    def panne(*_args, **_kwargs):
        raise RuntimeError("panne simulée")

    monkeypatch.setattr(mots_nombres.similarite, "comparer", panne)
    comparer(app_nombres, "boulanger", "pâtissier")
    assert app_nombres.alerte.value == messages.ERREUR_INATTENDUE
    assert app_nombres.resultat.value == "" and "Traceback" not in app_nombres.alerte.value


def test_les_reponses_du_pari_couvrent_les_cinq_verdicts():
    reponses = messages.NOMBRES_REPONSES_PARI
    assert len(mots_nombres.REPONSE_DU_VERDICT) == len(messages.NOMBRES_VERDICTS) == len(
        messages.NOMBRES_VERDICTS_COURTS)
    assert sorted(set(mots_nombres.REPONSE_DU_VERDICT)) == list(range(len(reponses)))   # chaque réponse sert
    assert list(mots_nombres.REPONSE_DU_VERDICT) == sorted(mots_nombres.REPONSE_DU_VERDICT)  # du plus proche au plus loin
    for i, court in enumerate(messages.NOMBRES_VERDICTS_COURTS):
        assert court in messages.NOMBRES_VERDICTS[i]                  # le mot court est celui du verdict affiché
    assert mots_nombres.retour_pari(reponses[0], 1) == "proches pour le modèle. Vous aviez vu juste"
    assert mots_nombres.retour_pari(reponses[1], 4).startswith("éloignés pour le modèle. Ce n'est pas ce que")
    assert mots_nombres.retour_pari(reponses[2], 3).endswith("Vous aviez vu juste")
    assert mots_nombres.retour_pari(reponses[0], None) == "identiques, donc très proches pour le modèle. Vous aviez vu juste"


def test_deviner_d_abord_dans_des_mots_aux_nombres():
    app = mots_nombres.NombresApp(delai=0)
    assert app.devine.case.description == messages.DEVINER
    assert app.devine.pari.layout.display == "none"                  # première vue : la question est cachée
    enfants = list(app.vue.children)
    assert enfants.index(app.devine.case) < enfants.index(app.devine.pari) < enfants.index(app.bouton)
    assert enfants.index(app.verdict) < enfants.index(app.devine.retour) < enfants.index(app.resultat)
    app.devine.case.value = True
    assert app.devine.pari.layout.display == "flex" and app.devine.question.layout.display == "flex"
    comparer(app, "Data scientist", "Aide-soignant / Aide-soignante")
    assert app.alerte.value == messages.NOMBRES_QUESTION_PARI           # on parie d'abord
    assert app.resultat.value == "" and app.verdict.value == "" and app.devine.retour.value == ""
    pari = messages.NOMBRES_REPONSES_PARI[0]                            # « proches » : un pari perdu
    app.devine.pari.value = pari
    vus = []
    for nom, w in (("resultat", app.resultat), ("retour", app.devine.retour), ("verdict", app.verdict)):
        w.observe(lambda _, nom=nom: vus.append(nom), names="value")
    app.comparer()
    assert vus == ["resultat", "retour", "verdict"]                     # le verdict part en dernier
    r = app.dernier
    assert r["indice_verdict"] >= 3 and r["verdict"] == messages.NOMBRES_VERDICTS[r["indice_verdict"]]
    court = messages.NOMBRES_VERDICTS_COURTS[r["indice_verdict"]]
    assert app.devine.retour.value == (f"Vous aviez répondu « {pari} » ; en réalité : {court} pour le modèle. "
                                       f"{messages.NOMBRES_PARI_RATE}.")
    app.devine.pari.value = messages.NOMBRES_REPONSES_PARI[2]           # le bon pari
    app.comparer()
    assert app.devine.retour.value.endswith("pour le modèle. Vous aviez vu juste.")
    comparer(app, "Aide-soignant / Aide-soignante", "Aide-soignant / Aide-soignante en gériatrie")
    assert app.verdict.value == messages.NOMBRES_VERDICTS[0]
    assert app.devine.retour.value.endswith("très proches pour le modèle. Ce n'est pas ce que vous aviez parié : "
                                            "regardez leurs voisins ci-dessous pour comprendre.")
    app.devine.case.value = False                                       # décocher efface l'ancien résultat
    assert app.resultat.value == "" and app.devine.retour.value == "" and app.verdict.value == ""
    comparer(app, "boulanger", "pâtissier")                             # sans pari : pas de retour
    assert app.verdict.value and app.devine.retour.value == ""


# ── Mon profil, mes métiers ─────────────────────────────────────────────────────────────────────────────────

def test_explication_echappee():
    expl = {"detenues": pd.DataFrame({"competence": [HOSTILE], "principale": [True], "proximite": [2.0],
                                      "morceau_proche": ["<b>moi</b>"]}),
            "manquantes": pd.DataFrame({"competence": ["<i>autre</i>"], "principale": [False], "proximite": [0.1]})}
    for methode in ("semantique", "transparent"):
        html = profil.rendre_explication(expl, methode)
        assert "<img" not in html and "<script" not in html and "<b>" not in html and "<i>" not in html
        assert "&lt;img src=x" in html and "&lt;i&gt;autre" in html
    assert "cœur de métier" in profil.rendre_explication(expl, "transparent")
    assert "proche de « &lt;b&gt;moi" in profil.rendre_explication(expl, "semantique")
    vide = {"detenues": expl["detenues"].iloc[:0], "manquantes": expl["manquantes"]}
    assert messages.PROFIL_AUCUNE_PROCHE.replace("'", "&#x27;") in profil.rendre_explication(vide, "semantique")
    reco = pd.DataFrame({"code_rome": ["X0000"], "intitule": [HOSTILE], "domaine_professionnel": ["<u>d</u>"]})
    html = profil.rendre_resultats(reco, [expl], "semantique")
    assert "<img" not in html and "<u>" not in html and "<details open>" in html and "<summary>" in html
    assert "&lt;script&gt;" in profil.rendre_morceaux([HOSTILE])


@pytest.fixture
def app_profil():
    return profil.ProfilApp(delai=0)


def test_une_phrase_des_metiers_et_leurs_raisons(app_profil):
    app = app_profil
    app.phrase.value = "J'aime cuisiner pour les autres, je suis à l'aise avec les enfants et j'ai mon permis B."
    app.voir()
    assert app.alerte.value == ""
    reco, explications, methode = app.dernier
    assert methode == "semantique" and len(reco) == profil.K_METIERS == len(explications)
    assert app.annonce.value.startswith(f"{profil.K_METIERS} métiers proposés ; le premier est « ")
    assert "coupé votre texte en 3 idées" in app.morceaux.value
    assert reco["intitule"].str.contains("Cuisin").any()
    html = app.resultats.value
    assert html.count("<details") == profil.K_METIERS and html.count("<details open>") == 1
    assert "proche de « J&#x27;aime cuisiner pour les autres »" in html   # le morceau qui a compté
    # les deux moteurs, côte à côte, sur la même personne ; « en commun » est compté, pas écrit d'avance
    assert set(app.derniers) == {"semantique", "transparent"}
    reco_t, expl_t = app.derniers["transparent"]
    assert len(reco_t) == profil.K_METIERS == len(expl_t) and "Moteur « transparent »" in app.autre.value
    n = len(set(reco["code_rome"]) & set(reco_t["code_rome"]))
    assert app.en_commun == set(reco["code_rome"]) & set(reco_t["code_rome"])
    assert app.commun.value.startswith(f"Métiers en commun : {n} sur {profil.K_METIERS}.")
    assert app.annonce.value.endswith(f"Métiers en commun avec l'autre moteur : {n} sur {profil.K_METIERS}.")
    assert (app.resultats.value + app.autre.value).count(messages.PROFIL_AUSSI.replace("'", "&#x27;")) == 2 * n
    # la traduction de la phrase pour le moteur transparent est montrée, idée par idée
    assert "« J&#x27;aime cuisiner pour les autres » →" in app.morceaux.value
    app.phrase.value += " J'aime le jardinage."
    assert app.etat.value == messages.PROFIL_PERIME


def test_en_commun_compte_et_verdict():
    a = pd.DataFrame({"code_rome": list("ABCDEFGH")})
    for autre, n, tranche in (("ABCDEFGH", 8, "beaucoup"), ("ABCDEFXY", 6, "beaucoup"), ("ABCDEXYZ", 5, "moitie"),
                              ("ABCSTXYZ", 3, "moitie"), ("ABRSTXYZ", 2, "peu"), ("QRSTUVWX", 0, "peu")):
        communs = profil.metiers_en_commun(a, pd.DataFrame({"code_rome": list(autre)}))
        assert len(communs) == n and profil.tranche(n) == tranche
        assert profil.rendre_commun(n).startswith(f"Métiers en commun : {n} sur 8. "
                                                  + messages.PROFIL_COMMUN_VERDICT[tranche])
    assert profil.reponses_pari() == ["Presque tous (6 à 8)", "Une partie (3 à 5)", "Peu ou aucun (0 à 2)"]
    # les tranches couvrent 0…k sans trou ni chevauchement, quel que soit k
    for k in range(1, 21):
        couverts = sorted(i for de, a_ in profil.tranches(k).values() for i in range(de, a_ + 1))
        assert couverts == list(range(k + 1)), k


def test_deviner_d_abord_dans_mon_profil(app_profil):
    app = app_profil
    app.phrase.value = "Je répare des vélos et j'aime le contact avec les clients."
    app.deviner.case.value = True
    assert app.deviner.pari.layout.display == "flex" and app.deviner.question.layout.display == "flex"
    app.voir()
    assert app.alerte.value == app.deviner.texte_question and app.resultats.value == ""
    app.deviner.pari.value = profil.reponses_pari()[2]
    app.voir()
    n = len(app.en_commun)
    assert app.deviner.retour.value == messages.DEVINER_RETOUR.format(
        pari=profil.reponses_pari()[2], reel=f"{n} sur {profil.K_METIERS} en commun")
    app.deviner.case.value = False                                  # décocher efface l'ancien résultat
    assert app.resultats.value == "" and app.deviner.retour.value == ""


def test_des_competences_choisies_dans_une_liste(app_profil):
    app = app_profil
    app.facon.value = "competences"
    assert app.boite_competences.layout.display == "flex" and app.boite_phrase.layout.display == "none"
    app.voir()
    assert app.alerte.value == messages.PROFIL_VIDE_COMPETENCES
    app.ajouter_competence()
    assert app.info.value == messages.PROFIL_CHOISIR
    app.chercher.value = "cuisine"
    assert len(app.trouvees.options) > 3 and "compétences trouvées" in app.info.value
    premier_libelle, premier_code = app.trouvees.options[0]
    app.trouvees.value = premier_code
    app.ajouter_competence()
    app.ajouter_competence()
    assert app.info.value == messages.PROFIL_DEJA.format(competence=premier_libelle)
    app.chercher.value = "enfant"
    app.trouvees.value = app.trouvees.options[0][1]
    app.ajouter_competence()
    assert [c for _, c in app.profil.options] == [c for _, c in app.choisies] and len(app.choisies) == 2
    app.voir()
    reco, explications, methode = app.dernier
    assert methode == "transparent" and len(reco) == profil.K_METIERS
    detenues = set(explications[0]["detenues"]["competence"])
    assert detenues and detenues <= {l for l, _ in app.choisies}   # le premier métier demande au moins l'une d'elles
    assert "Les compétences de votre profil que ce métier demande" in app.resultats.value
    # l'autre moteur lit les mêmes compétences, par leurs noms
    assert "Moteur « sémantique »" in app.autre.value and len(app.derniers["semantique"][0]) == profil.K_METIERS
    assert messages.PROFIL_LIBELLES.replace("'", "&#x27;") in app.morceaux.value
    assert app.commun.value.startswith(f"Métiers en commun : {len(app.en_commun)} sur {profil.K_METIERS}.")
    app.profil.value = premier_code
    app.retirer_competence()
    assert len(app.choisies) == 1 and app.info.value.startswith(f"« {premier_libelle} » retirée")
    assert app.etat.value == messages.PROFIL_PERIME


def test_profil_saisies_hostiles_vides_longues(app_profil, monkeypatch):
    app = app_profil
    app.voir()
    assert app.alerte.value == messages.PROFIL_VIDE_PHRASE
    app.phrase.value = "🙂🙂 !!"
    app.voir()
    assert app.alerte.value == messages.PROFIL_SANS_MOT
    app.phrase.value = HOSTILE + " je suis maçon 🙂"
    app.voir()
    assert app.alerte.value == "" and app.annonce.value
    assert "<img" not in app.morceaux.value + app.resultats.value
    assert "<script" not in app.morceaux.value + app.resultats.value
    app.phrase.value = "je répare des vélos, " * 500                  # 10 500 caractères
    app.voir()
    assert app.alerte.value == messages.PROFIL_TRONQUE.format(n=profil.MAX_CARACTERES) and app.resultats.value
    app.facon.value = "competences"
    app.chercher.value = HOSTILE
    assert app.trouvees.options == () and "Aucune compétence du répertoire" in app.info.value

    def panne(*_args, **_kwargs):
        raise RuntimeError("panne simulée")

    monkeypatch.setattr(profil.recommandation, "recommander", panne)
    app.facon.value = "phrase"
    app.phrase.value = "je suis patiente"
    app.voir()
    assert app.alerte.value == messages.ERREUR_INATTENDUE and app.resultats.value == ""
