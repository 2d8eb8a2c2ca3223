"""Chatbot FAQ dans Chromium : une animatrice colle les questions de sa structure (une par ligne), le robot y
répond ; elle garde l'export, recharge la page, le recolle : mêmes réponses. Rien n'en reste sur le disque (ni dans
le cache de l'atelier, ni dans le dépôt, journaux du serveur Voilà compris)."""
import time
import uuid
from pathlib import Path

from accessibilite import auditer
from actions import ouvrir, sans_trace

from atelier import embeddings
from tests.traces_disque import ROOT, cles_en_cache, contient, fichiers

NOTEBOOK = "chatbot_faq.ipynb"
OUVERTURE_MS = 90_000
REPONSE_MS = 20_000
HOSTILE = "<img src=x onerror=alert(1)><script>alert(2)</script>"


def attendre_texte(page, selecteur: str, morceau: str) -> None:
    page.wait_for_function(
        "([sel, txt]) => { const e = document.querySelector(sel); return e && e.innerText.includes(txt); }",
        arg=[selecteur, morceau], timeout=REPONSE_MS)


def reponse_du_robot(page, question: str, n: int) -> str:
    """Pose ``question`` (Entrée) et rend le texte de la ``n``-ième réponse du robot (sans la présentation)."""
    page.locator(".chat-saisie input").fill(question)
    page.locator(".chat-saisie input").press("Enter")
    selecteur = ".chat-conversation .chat-robot:not(.chat-presentation)"
    page.wait_for_function("([sel, n]) => document.querySelectorAll(sel).length === n", arg=[selecteur, n],
                           timeout=REPONSE_MS)
    return page.locator(selecteur).nth(n - 1).locator(".chat-texte").inner_text()


def test_questions_collees_exportees_puis_recollees(page, voila_url):
    """Coller, exporter (texte et fichier téléchargé), recharger la page, recoller : les mêmes réponses. Rien
    n'en reste sur le disque du serveur (le fichier téléchargé est fait par le navigateur, puis effacé)."""
    canari = f"canari{uuid.uuid4().hex}"
    question = f"Où est la salle {canari} ?"
    reponse = f"La salle {canari} est au deuxième étage, porte bleue."
    colle = "\n".join([f"{question} | {reponse} | {HOSTILE}",
                        "une ligne sans barre",
                        "Le local vélo ferme à quelle heure ? | À 19 h, sauf le samedi."])
    questions = [f"c'est où la salle {canari}", "le local vélo c'est jusqu'à quand", "vous ouvrez à quelle heure ?"]
    page.set_default_navigation_timeout(OUVERTURE_MS)
    ouvrir(page, voila_url, NOTEBOOK, ".chat-perso-texte textarea", delai_ms=OUVERTURE_MS)
    assert page.locator(".chat-perso-texte textarea").is_visible()              # visible d'emblée
    assert not page.locator(".chat-perso-export textarea").is_visible()         # rien à exporter encore
    page.locator("button.chat-perso-ajouter").click()
    attendre_texte(page, ".chat-perso-info", "Écrivez au moins une ligne")
    page.locator(".chat-perso-texte textarea").fill(colle)
    page.locator(".chat-perso-texte textarea").focus()
    page.keyboard.press("Tab")                                                  # au clavier : « Ajouter ces questions »
    page.keyboard.press("Enter")
    attendre_texte(page, ".chat-perso-info", "Questions ajoutées : 2")
    info = page.locator(".chat-perso-info").inner_text()
    assert "ligne 2 : il manque le « | »" in info and "restent dans la zone de texte" in info
    assert page.locator(".chat-perso-texte textarea").input_value() == "une ligne sans barre"   # pas perdue
    attendre_texte(page, ".chat-perso-liste", canari)
    attendre_texte(page, ".chat-reglage", "à 52 questions-réponses")
    avant = [reponse_du_robot(page, q, i) for i, q in enumerate(questions, start=1)]
    assert avant[:2] == [reponse, "À 19 h, sauf le samedi."]
    attendre_texte(page, ".chat-conversation .chat-repond", f"Qui contacter : {HOSTILE}")   # en texte
    # l'export : un texte à copier, et le même en fichier, fait par le navigateur
    page.locator(".chat-perso-export textarea").wait_for(state="visible", timeout=REPONSE_MS)
    # axe-core sur le panneau ouvert, export visible (les autres audits voient le chatbot sans lui)
    auditer(page, "chatbot FAQ (questions de votre structure, export visible)")
    export = page.locator(".chat-perso-export textarea").input_value()
    assert export.splitlines()[1:] == [f"{question} | {reponse} | {HOSTILE}",
                                      "Le local vélo ferme à quelle heure ? | À 19 h, sauf le samedi."]
    with page.expect_download() as attente:
        page.locator("a.chat-perso-lien").click()
    fichier = attente.value
    assert fichier.suggested_filename == "questions_de_ma_structure.txt"
    assert Path(fichier.path()).read_text(encoding="utf-8") == export
    fichier.delete()
    time.sleep(0.5)
    assert page.journal.dialogues == [] and page.locator('img[src="x"]').count() == 0
    page.screenshot(path="test-artifacts/chatbot_perso_1280x720.png", full_page=True)
    # la fois suivante : la page rechargée a tout oublié ; on recolle l'export
    page.reload(wait_until="domcontentloaded")
    page.wait_for_selector(".chat-perso-texte textarea", timeout=OUVERTURE_MS)
    attendre_texte(page, ".chat-reglage", "à 50 questions-réponses")
    page.locator(".chat-perso-texte textarea").fill(export)
    page.locator("button.chat-perso-ajouter").click()
    attendre_texte(page, ".chat-perso-info", "Questions ajoutées : 2")
    assert page.locator(".chat-perso-texte textarea").input_value() == ""
    apres = [reponse_du_robot(page, q, i) for i, q in enumerate(questions, start=1)]
    assert apres == avant
    assert page.locator(".chat-perso-export textarea").input_value() == export
    page.locator("button.chat-perso-retirer").click()
    attendre_texte(page, ".chat-perso-info", "ne connaît plus que la FAQ de la Passerelle")
    attendre_texte(page, ".chat-reglage", "à 50 questions-réponses")
    sans_trace(page)
    assert page.journal.requetes_externes == [] and page.journal.erreurs_js == []
    # rien sur le disque : cache de l'atelier, dépôt (dont test-artifacts/voila.log, le journal du serveur)
    aiguilles = [canari.encode(), canari.encode("utf-16-le")]
    assert not [p for p in fichiers(embeddings.cache_dir()) if contient(p, aiguilles)]
    assert not [p for p in fichiers(ROOT) if contient(p, aiguilles)]
    assert cles_en_cache([question, reponse, f"{question} {reponse}", questions[0]]) == []


def test_deviner_d_abord_dans_le_chatbot(page, voila_url):
    page.set_default_navigation_timeout(OUVERTURE_MS)
    ouvrir(page, voila_url, NOTEBOOK, ".chat-deviner input", delai_ms=OUVERTURE_MS)
    page.locator(".chat-deviner input[type='checkbox']").check()
    page.locator(".chat-saisie input").fill("vous ouvrez à quelle heure ?")
    page.locator(".chat-saisie input").press("Enter")
    attendre_texte(page, ".chat-alerte", "Avant d'envoyer")
    page.locator(".chat-pari label", has_text="Il va répondre").click()
    page.locator(".chat-saisie input").press("Enter")
    attendre_texte(page, ".chat-retour-pari", "Vous aviez répondu « Il va répondre » ; en réalité")
    sans_trace(page)
    assert page.journal.erreurs_js == []
