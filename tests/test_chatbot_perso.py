"""Chatbot FAQ : les questions qu'une structure colle pour sa séance (une par ligne, « question | réponse |
contact ») restent en mémoire, jamais sur le disque ; les lignes fautives sont dites avec leur numéro et gardées ;
l'export se recolle la fois suivante et redonne les mêmes réponses.

Le test ajoute une question-réponse portant un « canari » (une chaîne tirée au hasard à chaque lancement, qui
n'existe donc dans aucun fichier), la pose au robot, puis cherche le canari dans le cache de l'atelier et dans
tout le dépôt : octets bruts, et empreintes SHA-256 sous lesquelles le cache range les textes encodés.
"""
from __future__ import annotations

import re
import uuid
from urllib.parse import unquote

import pytest

from atelier import embeddings, faq
from atelier.ui import chatbot, messages
from tests.traces_disque import ROOT, cles_en_cache, contient, fichiers


@pytest.fixture
def app():
    return chatbot.ChatbotApp(delai=0)


def test_une_question_ajoutee_repond_et_ne_touche_jamais_le_disque(app):
    canari = f"canari{uuid.uuid4().hex}"
    question = f"Où se trouve la salle {canari} ?"
    reponse = f"La salle {canari} est au deuxième étage, porte bleue."
    n_avant = len(faq.base_par_defaut())
    assert app.perso.layout.display != "none"                     # visible d'emblée, plus derrière une case
    app.perso_texte.value = f"{question} | {reponse} | Bernadette"
    app.ajouter_lignes()
    assert app.perso_info.value.startswith("Questions ajoutées : 1") and app.perso_texte.value == ""
    assert canari in app.perso_liste.value and f"à {n_avant + 1} questions-réponses" in app.reglage.value
    app.envoyer(f"c'est où la salle {canari}")
    robot = app.tours[-1][1]
    assert not robot.sait_pas and robot.id == "M01" and robot.texte == reponse and robot.contact == "Bernadette"
    assert canari in app.fil.value
    # la FAQ de l'atelier, partagée par tout le noyau, n'a pas bougé
    assert len(faq.base_par_defaut()) == n_avant and faq.base_par_defaut().ajoutees().empty
    # rien sur le disque : ni le texte, ni l'empreinte d'un texte encodé
    aiguilles = [canari.encode(), canari.encode("utf-16-le")]
    assert not [p for p in fichiers(embeddings.cache_dir()) if contient(p, aiguilles)]
    assert not [p for p in fichiers(ROOT) if contient(p, aiguilles)]
    encodes = [question, reponse, f"{question} {reponse}", f"c'est où la salle {canari}"]
    assert cles_en_cache(encodes) == []
    # « Retirer » : le robot ne la connaît plus, et il n'y a plus rien à exporter
    app.retirer_questions()
    assert app.perso_info.value == messages.CHAT_PERSO_RETIREES and app.perso_liste.value == ""
    assert app.perso_export.value == "" and app.perso_garder.layout.display == "none"
    app.envoyer(f"c'est où la salle {canari}")
    assert app.tours[-1][1].id != "M01"


COLLE = """Le local vélo ferme à quelle heure ? | À 19 h. | l'accueil
une ligne sans barre
| une réponse sans question

Où est la salle bleue ? | Au deuxième étage.
a | b | c | d
🙂 | une réponse
une question sans réponse ? |
# une ligne de commentaire, sautée
Y a-t-il un atelier mémoire le mardi ? | Oui, de 14 h à 16 h, sur inscription. | Karim, 01 23 45 67 89
"""


def test_un_collage_les_lignes_fautives_gardees_avec_leur_numero(app):
    app.perso_texte.value = COLLE
    app.ajouter_lignes()
    info = app.perso_info.value
    assert info.startswith("Questions ajoutées : 3 (en tout sur cette page : 3).")
    for numero, raison in ((2, messages.CHAT_PERSO_SANS_BARRE), (3, messages.CHAT_PERSO_SANS_QUESTION),
                           (6, messages.CHAT_PERSO_TROP_BARRES), (7, messages.CHAT_PERSO_SANS_MOT),
                           (8, messages.CHAT_PERSO_SANS_REPONSE)):
        assert messages.CHAT_PERSO_LIGNE.format(numero=numero, raison=raison) in info
    assert "ligne 1 " not in info and "ligne 9 " not in info and messages.CHAT_PERSO_A_CORRIGER in info
    # les lignes fautives ne sont pas perdues : elles restent dans la zone, dans leur ordre, pour être corrigées
    assert app.perso_texte.value.splitlines() == ["une ligne sans barre", "| une réponse sans question",
                                                 "a | b | c | d", "🙂 | une réponse", "une question sans réponse ? |"]
    assert [q for q, _, _ in app.perso_lignes] == ["Le local vélo ferme à quelle heure ?", "Où est la salle bleue ?",
                                                   "Y a-t-il un atelier mémoire le mardi ?"]
    assert app.perso_lignes[1][2] == "" and app.base.ajoutees()["contact"].iloc[1] == faq.CONTACT_ACCUEIL


def test_l_export_se_recolle_et_redonne_les_memes_reponses(app):
    app.ajouter_lignes(COLLE)
    export = app.perso_export.value
    assert app.perso_garder.layout.display == "flex"
    assert export.splitlines() == [messages.CHAT_PERSO_EXPORT_ENTETE,
                                   "Le local vélo ferme à quelle heure ? | À 19 h. | l'accueil",
                                   "Où est la salle bleue ? | Au deuxième étage.",
                                   "Y a-t-il un atelier mémoire le mardi ? | Oui, de 14 h à 16 h, sur inscription. "
                                   "| Karim, 01 23 45 67 89"]
    # le lien de téléchargement porte le même texte, encodé pour une adresse (rien n'est écrit sur le serveur)
    lien = app.perso_lien.value
    adresse = re.search(r"href='data:text/plain;charset=utf-8,([^']*)'", lien).group(1)
    assert unquote(adresse) == export and f"download='{messages.CHAT_PERSO_FICHIER}'" in lien
    questions = ["le local vélo c'est jusqu'à quand", "la salle bleue c'est où", "atelier mémoire mardi ?",
                 "vous ouvrez à quelle heure ?"]
    avant = [app.base.repondre(q, app.seuil) for q in questions]
    # la fois suivante : une page neuve, on recolle l'export
    autre = chatbot.ChatbotApp(delai=0)
    autre.perso_texte.value = export
    autre.ajouter_lignes()
    assert autre.perso_info.value == messages.CHAT_PERSO_AJOUTEES.format(n=3, total=3)
    assert autre.perso_export.value == export and autre.perso_texte.value == ""
    apres = [autre.base.repondre(q, autre.seuil) for q in questions]
    assert [(r.id, r.texte, r.contact, r.sait_pas) for r in apres] == [(r.id, r.texte, r.contact, r.sait_pas)
                                                                      for r in avant]
    assert [r.id for r in apres[:3]] == ["M01", "M02", "M03"]
    # recoller deux fois ne double rien
    autre.ajouter_lignes(export)
    assert len(autre.perso_lignes) == 3 and messages.CHAT_PERSO_DOUBLE in autre.perso_info.value
    assert autre.perso_texte.value == ""


def test_controle_negatif_un_export_abime_ne_redonne_pas_les_memes_reponses(app):
    """Le contrôle du test précédent attrape un export qui perd un morceau (ici le contact de la ligne 1)."""
    app.ajouter_lignes(COLLE)
    abime = app.perso_export.value.replace(" | l'accueil", "")
    autre = chatbot.ChatbotApp(delai=0)
    autre.ajouter_lignes(abime)
    q = "le local vélo c'est jusqu'à quand"
    assert app.base.repondre(q, app.seuil).contact != autre.base.repondre(q, autre.seuil).contact


def test_ajouts_hostiles_vides_longs_et_limites(app, monkeypatch):
    app.ajouter_lignes("")
    assert app.perso_info.value == messages.CHAT_PERSO_VIDE
    app.ajouter_question("une question ?", "   ")
    assert messages.CHAT_PERSO_SANS_REPONSE in app.perso_info.value
    app.ajouter_question("🙂🙂", "une réponse")
    assert messages.CHAT_PERSO_SANS_MOT in app.perso_info.value
    hostile = "<img src=x onerror=alert(1)><script>alert(2)</script>"
    app.ajouter_question(hostile + " horaires du jardin ?", hostile + " de 9 h à 12 h", hostile)
    assert "<img" not in app.perso_liste.value and "<script" not in app.perso_liste.value
    assert "&lt;img src=x" in app.perso_liste.value
    assert "<img" not in app.perso_lien.value and "<script" not in app.perso_lien.value
    assert hostile in app.perso_export.value                       # en texte, dans une zone de texte
    app.envoyer(hostile + " horaires du jardin ?")
    assert "<img" not in app.fil.value and "<script" not in app.fil.value
    app.ajouter_question("jardin " * 1500, "réponse " * 1500, "contact " * 100)     # 10 000 caractères et plus
    ajoutees = app.base.ajoutees()
    assert len(ajoutees) == 2 and "Certains textes étaient longs" in app.perso_info.value
    assert len(ajoutees["question"].iloc[-1]) <= faq.MAX_CARACTERES
    assert len(ajoutees["reponse"].iloc[-1]) <= chatbot.MAX_REPONSE
    assert len(ajoutees["contact"].iloc[-1]) <= chatbot.MAX_CONTACT
    # un collage de 10 000 lignes : seules les MAX_LIGNES premières sont lues, et le message le dit
    app.retirer_questions()
    app.ajouter_lignes("\n".join(f"question {i} ? | réponse {i}" for i in range(10_000)))
    assert len(app.perso_lignes) == chatbot.MAX_AJOUTS
    assert messages.CHAT_PERSO_TROP_LIGNES.format(n=chatbot.MAX_LIGNES) in app.perso_info.value
    assert messages.CHAT_PERSO_PLEIN.format(n=chatbot.MAX_AJOUTS) in app.perso_info.value
    # les lignes au-delà du maximum ne sont pas perdues : elles restent dans la zone
    assert app.perso_texte.value.splitlines()[0] == f"question {chatbot.MAX_AJOUTS} ? | réponse {chatbot.MAX_AJOUTS}"

    def panne(*_args, **_kwargs):
        raise RuntimeError("panne simulée")

    app.retirer_questions()
    monkeypatch.setattr(faq.BaseFAQ, "ajouter", panne)
    app.ajouter_question("une question ?", "une réponse")
    assert app.perso_info.value == messages.ERREUR_INATTENDUE


def test_deviner_d_abord_dans_le_chatbot(app):
    app.deviner.case.value = True
    assert app.deviner.pari.layout.display == "flex"
    app.envoyer("vous ouvrez à quelle heure ?")
    assert app.alerte.value == messages.CHAT_QUESTION_PARI and app.tours == []      # il faut parier d'abord
    app.deviner.pari.value = messages.CHAT_REPONSES_PARI[0]
    app.envoyer("vous ouvrez à quelle heure ?")
    robot = app.tours[-1][1]
    reel = messages.CHAT_PARI_SAIT_PAS if robot.sait_pas else messages.CHAT_PARI_REPOND
    assert app.deviner.retour.value == messages.DEVINER_RETOUR.format(pari=messages.CHAT_REPONSES_PARI[0], reel=reel)
    assert app.deviner.pari.value is None                          # une nouvelle question, un nouveau pari
    app.deviner.pari.value = messages.CHAT_REPONSES_PARI[1]
    app.envoyer("quelle est la capitale de la Mongolie ?")
    assert app.tours[-1][1].sait_pas and app.deviner.retour.value.endswith(messages.CHAT_PARI_SAIT_PAS + ".")
    app.deviner.case.value = False
    app.envoyer("y a le wifi ?")
    assert app.deviner.retour.value == "" and len(app.tours) == 6


def test_ajoutees_ne_liste_que_les_ajouts():
    base = faq.base_par_defaut().copie()
    assert base.ajoutees().empty
    id_ = base.ajouter("Le local vélo ferme à quelle heure ?", "À 19 h.")
    assert id_ == "M01" and base.ajoutees()["id"].tolist() == ["M01"]
    assert base.ajoutees()["categorie"].tolist() == ["Ma structure"]
