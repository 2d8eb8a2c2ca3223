"""Chatbot FAQ dans Chromium : une animatrice ajoute la question de sa structure, le robot y répond, et rien
n'en reste sur le disque (ni dans le cache de l'atelier, ni dans le dépôt, journaux du serveur Voilà compris)."""
import importlib.util
import time
import uuid
from pathlib import Path

from conftest import ouvrir, sans_trace

from atelier import embeddings


def _traces():
    """Les outils de recherche du canari, pris dans ``tests/test_chatbot_perso.py`` (un seul exemplaire)."""
    chemin = Path(__file__).resolve().parents[1] / "test_chatbot_perso.py"
    spec = importlib.util.spec_from_file_location("atelier_tests_traces_chatbot", chemin)
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


traces = _traces()
ROOT, cles_en_cache, contient, fichiers = traces.ROOT, traces.cles_en_cache, traces.contient, traces.fichiers

NOTEBOOK = "chatbot_faq.ipynb"
OUVERTURE_MS = 90_000
REPONSE_MS = 20_000
HOSTILE = "<img src=x onerror=alert(1)><script>alert(2)</script>"


def attendre_texte(page, selecteur: str, morceau: str) -> None:
    page.wait_for_function(
        "([sel, txt]) => { const e = document.querySelector(sel); return e && e.innerText.includes(txt); }",
        arg=[selecteur, morceau], timeout=REPONSE_MS)


def test_une_question_de_ma_structure_en_memoire_seulement(page, voila_url):
    canari = f"canari{uuid.uuid4().hex}"
    question = f"Où est la salle {canari} ?"
    reponse = f"La salle {canari} est au deuxième étage, porte bleue."
    page.set_default_navigation_timeout(OUVERTURE_MS)
    ouvrir(page, voila_url, NOTEBOOK, ".chat-perso-ouvrir input", delai_ms=OUVERTURE_MS)
    assert not page.locator(".chat-perso-question input").is_visible()          # replié au départ
    page.locator(".chat-perso-ouvrir input").focus()
    page.keyboard.press("Space")                                                # au clavier
    page.locator(".chat-perso-question input").wait_for(state="visible", timeout=REPONSE_MS)
    page.locator(".chat-perso-ajouter").click()
    attendre_texte(page, ".chat-perso-info", "Écrivez une question et sa réponse")
    page.locator(".chat-perso-question input").fill(question)
    page.locator(".chat-perso-reponse textarea").fill(reponse)
    page.locator(".chat-perso-contact input").fill(HOSTILE)
    page.locator(".chat-perso-ajouter").click()
    attendre_texte(page, ".chat-perso-info", "Question ajoutée")
    attendre_texte(page, ".chat-perso-liste", canari)
    attendre_texte(page, ".chat-reglage", "à 51 questions-réponses")
    page.locator(".chat-saisie input").fill(f"c'est où la salle {canari}")
    page.locator(".chat-saisie input").press("Enter")
    attendre_texte(page, ".chat-conversation .chat-repond", reponse)
    attendre_texte(page, ".chat-conversation .chat-repond", f"Qui contacter : {HOSTILE}")   # en texte
    time.sleep(0.5)
    assert page.journal.dialogues == [] and page.locator('img[src="x"]').count() == 0
    page.screenshot(path="test-artifacts/chatbot_perso_1280x720.png", full_page=True)
    page.locator(".chat-perso-retirer").click()
    attendre_texte(page, ".chat-perso-info", "ne connaît plus que la FAQ de la Passerelle")
    attendre_texte(page, ".chat-reglage", "à 50 questions-réponses")
    sans_trace(page)
    assert page.journal.requetes_externes == [] and page.journal.erreurs_js == []
    # rien sur le disque : cache de l'atelier, dépôt (dont test-artifacts/voila.log, le journal du serveur)
    aiguilles = [canari.encode(), canari.encode("utf-16-le")]
    assert not [p for p in fichiers(embeddings.cache_dir()) if contient(p, aiguilles)]
    assert not [p for p in fichiers(ROOT) if contient(p, aiguilles)]
    assert cles_en_cache([question, reponse, f"{question} {reponse}", f"c'est où la salle {canari}"]) == []
