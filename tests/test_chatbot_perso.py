"""Chatbot FAQ : les questions qu'une structure ajoute pour sa séance restent en mémoire, jamais sur le disque.

Le test ajoute une question-réponse portant un « canari » (une chaîne tirée au hasard à chaque lancement, qui
n'existe donc dans aucun fichier), la pose au robot, puis cherche le canari dans le cache de l'atelier et dans
tout le dépôt : octets bruts, et empreintes SHA-256 sous lesquelles le cache range les textes encodés.
"""
from __future__ import annotations

import sqlite3
import uuid
from pathlib import Path

import pytest

from atelier import embeddings, faq
from atelier.ui import chatbot, messages

ROOT = Path(__file__).resolve().parents[1]
#: Ce qui n'est pas le dépôt lui-même : l'environnement, les paquets npm, l'historique git (déjà compressé).
HORS_DEPOT = {".venv", "node_modules", ".git"}


def fichiers(racine: Path):
    for chemin in racine.rglob("*"):
        if any(p in HORS_DEPOT for p in chemin.relative_to(racine).parts):
            continue
        if chemin.is_file() and not chemin.is_symlink():
            yield chemin


def contient(chemin: Path, aiguilles: list[bytes]) -> bool:
    try:
        contenu = chemin.read_bytes()
    except OSError:
        return False
    return any(a in contenu for a in aiguilles)


def cles_en_cache(textes: list[str]) -> list[str]:
    """Les empreintes (clés du cache disque) de ces textes trouvées dans un fichier SQLite du cache."""
    cles = {embeddings.CacheDisque.key(kind, t) for t in textes for kind in ("query", "passage")}
    trouvees = []
    for base in embeddings.cache_dir().rglob("*.sqlite"):
        with sqlite3.connect(f"file:{base}?mode=ro", uri=True) as db:
            try:
                lignes = db.execute(f"SELECT key FROM vec WHERE key IN ({','.join('?' * len(cles))})", sorted(cles))
                trouvees += [k for (k,) in lignes]
            except sqlite3.Error:
                continue
    return trouvees


@pytest.fixture
def app():
    return chatbot.ChatbotApp(delai=0)


def test_une_question_ajoutee_repond_et_ne_touche_jamais_le_disque(app):
    canari = f"canari{uuid.uuid4().hex}"
    question = f"Où se trouve la salle {canari} ?"
    reponse = f"La salle {canari} est au deuxième étage, porte bleue."
    n_avant = len(faq.base_par_defaut())
    app.perso_ouvrir.value = True
    assert app.perso.layout.display == "flex"
    app.perso_question.value, app.perso_reponse.value, app.perso_contact.value = question, reponse, "Bernadette"
    app.ajouter_question()
    assert app.perso_info.value.startswith("Question ajoutée") and app.perso_question.value == ""
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
    # « Retirer » : le robot ne la connaît plus
    app.retirer_questions()
    assert app.perso_info.value == messages.CHAT_PERSO_RETIREES and app.perso_liste.value == ""
    app.envoyer(f"c'est où la salle {canari}")
    assert app.tours[-1][1].id != "M01"


def test_ajouts_hostiles_vides_longs_et_limites(app, monkeypatch):
    app.ajouter_question("", "une réponse")
    assert app.perso_info.value == messages.CHAT_PERSO_VIDE
    app.ajouter_question("une question ?", "   ")
    assert app.perso_info.value == messages.CHAT_PERSO_VIDE
    app.ajouter_question("🙂🙂", "une réponse")
    assert app.perso_info.value == messages.CHAT_PERSO_VIDE
    hostile = "<img src=x onerror=alert(1)><script>alert(2)</script>"
    app.ajouter_question(hostile + " horaires du jardin ?", hostile + " de 9 h à 12 h", hostile)
    assert "<img" not in app.perso_liste.value and "<script" not in app.perso_liste.value
    assert "&lt;img src=x" in app.perso_liste.value
    app.envoyer(hostile + " horaires du jardin ?")
    assert "<img" not in app.fil.value and "<script" not in app.fil.value
    app.ajouter_question("jardin " * 1500, "réponse " * 1500, "contact " * 100)     # 10 000 caractères et plus
    ajoutees = app.base.ajoutees()
    assert len(ajoutees) == 2 and "Certains textes étaient longs" in app.perso_info.value
    assert len(ajoutees["question"].iloc[-1]) <= faq.MAX_CARACTERES
    assert len(ajoutees["reponse"].iloc[-1]) <= chatbot.MAX_REPONSE
    assert len(ajoutees["contact"].iloc[-1]) <= chatbot.MAX_CONTACT
    monkeypatch.setattr(chatbot, "MAX_AJOUTS", 2)
    app.ajouter_question("encore une ?", "oui")
    assert app.perso_info.value == messages.CHAT_PERSO_MAX.format(n=2) and len(app.base.ajoutees()) == 2

    def panne(*_args, **_kwargs):
        raise RuntimeError("panne simulée")

    monkeypatch.setattr(chatbot, "MAX_AJOUTS", 50)
    monkeypatch.setattr(faq.BaseFAQ, "ajouter", panne)
    app.ajouter_question("une question ?", "une réponse")
    assert app.perso_info.value == messages.ERREUR_INATTENDUE


def test_ajoutees_ne_liste_que_les_ajouts():
    base = faq.base_par_defaut().copie()
    assert base.ajoutees().empty
    id_ = base.ajouter("Le local vélo ferme à quelle heure ?", "À 19 h.")
    assert id_ == "M01" and base.ajoutees()["id"].tolist() == ["M01"]
    assert base.ajoutees()["categorie"].tolist() == ["Ma structure"]
