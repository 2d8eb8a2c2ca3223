"""Le tableau de bord « Mon CV assisté » (atelier.ui.cv) : les marques, le métier visé, la note du robot, le jeu,
les saisies hostiles (message en français, page qui marche encore), aucun HTML tapé interprété, rien sur le disque.

Le petit modèle qui écrit est remplacé par un faux (rapide, sans hasard) sauf là où l'on teste le vrai ; les
vecteurs e5 sont les vrais (la vérification des lignes en dépend).
"""
from __future__ import annotations

import builtins
import re

import pandas as pd
import pytest

from atelier import cv_automatique
from atelier.erreurs import DonneesIndisponibles, EntreeInvalide
from atelier.ui import cv, messages

PHRASES = ("j'ai gardé les enfants de ma sœur tous les mercredis\n"
           "je les emmenais au parc et je préparais le goûter")
#: Une suite qui n'a rien à voir avec les phrases : la vérification doit marquer la ligne « inventé ».
INVENTEE = "piloter une flotte de camions-citernes et négocier les contrats pétroliers"


def faux_generateur(debut, n_mots=10, temperature=0.8, graine=0, **_):
    """Le faux modèle : une ligne sans rapport avec les phrases, puis les autres reprennent l'amorce."""
    return f"{debut} {INVENTEE}" if graine == 0 else f"{debut} des enfants"


def faux_mots_suivants(debut, k=10):
    return pd.DataFrame({"mot": ["clients", "patients", "<b>gras</b>", "personnes"],
                         "probabilite": [0.4, 0.2, 0.1, 0.05]})


@pytest.fixture
def app():
    return cv.CvApp(generateur=faux_generateur, mots_suivants=faux_mots_suivants)


def _texte(html: str) -> str:
    return re.sub(r"<[^>]+>", " ", html)


# ── les marques ─────────────────────────────────────────────────────────────────────────────────────────────

def test_les_lignes_sont_marquees(app):
    app.phrases.value = PHRASES
    app.ecrire()
    assert app.alerte.value == ""
    v = app.dernier["verification"]
    assert set(v["methode"]) == {"recherche", "generation"}
    # la ligne inventée par le faux modèle est marquée « inventé » ; les lignes trouvées par recherche, « appuyé »
    inventee = v[v["ligne"].str.contains("camions-citernes")]
    assert len(inventee) == 1 and not inventee["appuyee"].item()
    assert v.loc[v["methode"] == "recherche", "appuyee"].all()
    page = _texte(app.lignes.value)
    assert cv_automatique.APPUYE in page and cv_automatique.INVENTE in page
    assert "Aucune de vos phrases ne l" in app.lignes.value                  # la raison, en une phrase
    assert re.search(r"\d+ lignes de CV : \d+ appuyées sur vos phrases, [1-9]\d* inventées", app.lecture.value)
    # le métier visé : couvertes + manquantes = toutes ses compétences essentielles
    couv = app.dernier["couverture"]
    assert f"couvre {int(couv['couverte'].sum())} des {len(couv)} compétences" in _texte(app.couverture.value)
    # le robot : trois notes entières sur 100, jamais trois décimales
    robot = _texte(app.robot.value)
    assert set(app.dernier["scores"]) == {"simple", "recherche", "generation"}
    assert robot.count("sur 100") == 3 and not re.search(r"\d[,.]\d{3}", robot)


def test_controle_negatif_une_ligne_marquee_change_de_marque(app, monkeypatch):
    """Si la vérification disait tout « appuyé », la page ne montrerait plus « inventé » : le test ci-dessus le
    verrait."""
    vrai = cv_automatique.verifier_provenance

    def tout_appuye(lignes, phrases, seuil=cv_automatique.SEUIL_APPUI):
        return vrai(lignes, phrases, seuil=1.0)

    monkeypatch.setattr(cv_automatique, "verifier_provenance", tout_appuye)
    app.ecrire()
    assert cv_automatique.INVENTE not in _texte(app.lignes.value)


# ── le métier visé ──────────────────────────────────────────────────────────────────────────────────────────

@pytest.mark.parametrize("tape, code", [("Garde d'enfant (K1303)", "K1303"), ("k1303", "K1303"),
                                        ("garde d enfant", "K1303"), ("SERVEUR", "G1803"),
                                        ("  secrétaire ", "M1607")])
def test_trouver_metier(tape, code):
    assert cv.trouver_metier(tape)[0] == code


@pytest.mark.parametrize("tape", ["", "   ", "astronaute de la lune", "Z9999", "<script>alert(1)</script>", "🙂"])
def test_metier_inconnu_message_clair(app, tape):
    with pytest.raises(EntreeInvalide):
        cv.trouver_metier(tape)
    app.metier.value = tape
    app.ecrire()
    assert app.alerte.value.startswith(("Métier introuvable", "Choisissez d'abord"))
    assert app.lignes.value == "" and app.robot.value == ""


# ── les saisies hostiles : un message en français, la page marche encore ─────────────────────────────────────

@pytest.mark.parametrize("texte, attendu", [
    ("", "aucune phrase"), ("   \n  ", "aucune phrase"), ("a" * 10_000, "trop long"),
    ("🙂🎉👍", "aucune phrase"), ("<script>alert(1)</script> je tenais la caisse", "du code"),
    ("I worked at the market and I was a cashier with my friends", "pas écrites en français"),
])
def test_saisie_hostile_puis_la_page_marche(app, texte, attendu):
    app.phrases.value = texte
    app.ecrire()
    assert app.alerte.value.startswith("Vos phrases :") and attendu in app.alerte.value
    assert "Traceback" not in app.alerte.value and app.lignes.value == ""
    app.phrases.value = "je tenais la caisse au marché le samedi"
    app.ecrire()
    assert app.alerte.value == "" and cv_automatique.APPUYE in app.lignes.value


def test_emoji_au_milieu_des_phrases(app):
    app.phrases.value = "je tenais la caisse au marché 🙂 le samedi"
    app.ecrire()
    assert app.alerte.value == "" and "🙂" not in app.lignes.value


def test_modele_absent_ou_abime(app, monkeypatch):
    """Poids absents ou abîmés : les lignes par recherche restent, un message en français le dit."""
    def casse(*_, **__):
        raise DonneesIndisponibles("le fichier « mini_transformeur.npz » est abîmé : relancez l'installation.")

    app._generateur = casse
    app.ecrire()
    assert app.alerte.value.startswith("Le petit modèle qui écrit n'est pas disponible")
    assert cv_automatique.APPUYE in app.lignes.value and messages.CV_TITRE_GENERATION not in app.lignes.value
    assert "sur 100" in app.robot.value
    app.pari.value = "clients"
    app.ecrire_suite()                      # le jeu le dit aussi, sans trace
    assert app.jeu_alerte.value.startswith("Oups") and "Traceback" not in app.jeu_alerte.value


def test_erreur_inattendue_sans_trace(app, monkeypatch):
    monkeypatch.setattr(cv_automatique, "couverture", lambda *a, **k: 1 / 0)
    app.ecrire()
    assert app.alerte.value == messages.ERREUR_INATTENDUE


# ── aucun HTML tapé n'est interprété ────────────────────────────────────────────────────────────────────────

def test_rien_de_tape_n_est_rendu_en_html(app):
    app.metier.value = "<img src=x onerror=alert(1)>"
    app.ecrire()
    assert "<img" in app.alerte.value                       # un Label : texte brut, affiché tel quel
    app.debut.value = "<script>alert(1)</script> Accueillir les"
    app.pari.value = "<b>clients</b>"
    app.jouer()
    assert "<b>" in app.jeu_retour.value                    # texte brut (Label)
    assert "&lt;b&gt;gras&lt;/b&gt;" in app.jeu_mots.value and "<b>gras" not in app.jeu_mots.value


def test_les_zones_html_echappent_les_lignes():
    v = pd.DataFrame({"ligne": ["<script>alert(1)</script>"], "methode": ["generation"], "appuyee": [False],
                      "phrase_proche": ["x"], "explication": ["<i>raison</i>"]})
    rendu = cv.rendre_lignes(v, pd.DataFrame(columns=["ligne", "phrase_source"]))
    assert "<script>" not in rendu and "&lt;script&gt;" in rendu and "<i>raison" not in rendu


# ── le jeu ──────────────────────────────────────────────────────────────────────────────────────────────────

def test_le_jeu_demande_de_deviner_d_abord(app):
    app.jouer()
    assert app.jeu_alerte.value == messages.CV_JEU_SANS_PARI and app.jeu_mots.value == ""
    app.pari.value = "Clients"
    app.jouer()
    assert app.jeu_retour.value.startswith("Votre mot « clients » est n° 1")
    assert "clients" in app.jeu_mots.value
    app.pari.value = "girafe"
    app.jouer()
    assert "n'est pas parmi" in app.jeu_retour.value


def test_la_temperature_change_les_chances():
    table = pd.DataFrame({"mot": ["a", "b", "c"], "probabilite": [0.5, 0.3, 0.1]})
    froid, normal, chaud = (cv.chances(table, t) for t in (0.2, 1.0, 2.0))
    assert normal["chance"].tolist() == pytest.approx([0.5, 0.3, 0.1])       # T = 1 : les probabilités du modèle
    assert normal.attrs["autres"] == pytest.approx(0.1)
    assert froid["chance"][0] > normal["chance"][0] > chaud["chance"][0]       # le premier mot perd à chaud
    assert chaud.attrs["autres"] > normal.attrs["autres"]
    for t in (froid, normal, chaud):
        assert t["chance"].sum() + t.attrs["autres"] == pytest.approx(1.0)


def test_le_vrai_jeu_et_la_vraie_suite():
    app = cv.CvApp()
    app.pari.value = "clients"
    app.jouer()
    assert app.jeu_alerte.value == "" and "n° 1" in app.jeu_retour.value      # « Accueillir les » → clients
    app.temperature.value = 0.2
    app.ecrire_suite()
    assert app.jeu_suite.value.startswith("Une suite écrite par le modèle (audace 0,2) : Accueillir les")
    app.debut.value = "x" * 10_000 + " 🙂 <b>"
    app.jouer()
    assert "Traceback" not in app.jeu_alerte.value + app.jeu_retour.value


# ── rien n'est écrit sur le disque ──────────────────────────────────────────────────────────────────────────

def test_rien_n_est_ecrit_sur_le_disque(tmp_path, monkeypatch):
    cache = tmp_path / "cache"
    monkeypatch.setenv("ATELIER_CACHE_DIR", str(cache))
    monkeypatch.chdir(tmp_path)
    ecrits = []
    vrai_open = builtins.open

    def espion(fichier, mode="r", *args, **kwargs):
        if any(c in str(mode) for c in "wax+"):
            ecrits.append(str(fichier))
        return vrai_open(fichier, mode, *args, **kwargs)

    monkeypatch.setattr(builtins, "open", espion)
    secret = "je promenais le chien de madame Zérafine tous les jeudis"
    app = cv.CvApp(generateur=faux_generateur)
    app.phrases.value = secret
    app.metier.value = "Zérafine inconnue"
    app.ecrire()
    app.metier.value = cv.libelle_metier("K1303")
    app.ecrire()
    app.debut.value, app.pari.value = "Zérafine promène", "chien"
    app.jouer()
    assert app.lignes.value
    # seules les copies décompressées des vecteurs livrés peuvent s'écrire, jamais un texte tapé
    assert all("vecteurs" in e for e in ecrits), ecrits
    fichiers = [p for p in tmp_path.rglob("*") if p.is_file()]
    assert not any(b"Z\xc3\xa9rafine" in p.read_bytes() for p in fichiers), fichiers


def test_controle_negatif_l_espion_voit_une_ecriture(tmp_path, monkeypatch):
    ecrits = []
    vrai_open = builtins.open
    monkeypatch.setattr(builtins, "open", lambda f, mode="r", *a, **k: (
        ecrits.append(str(f)) if "w" in mode else None) or vrai_open(f, mode, *a, **k))
    with open(tmp_path / "journal.txt", "w") as f:
        f.write("Zérafine")
    assert ecrits == [str(tmp_path / "journal.txt")]
