"""Le tableau de bord « Chatbot FAQ », utilisé comme une personne le ferait, dans Chromium."""
import time

import pytest

from actions import ouvrir, sans_trace

NOTEBOOK = "chatbot_faq.ipynb"
SAISIE = ".chat-saisie input"
BOUTON = "button.chat-envoyer"
NOUVELLE = "button.chat-nouvelle"
FIL = ".chat-conversation"
ALERTE = ".chat-alerte"
OUVERTURE_MS = 90_000      # la première ouverture charge le modèle et encode la FAQ (cache disque ensuite)
REPONSE_MS = 20_000


def ouvrir_chatbot(page, voila_url) -> float:
    """Ouvre le tableau de bord ; Voilà exécute le notebook avant d'envoyer la page : la première fois, le
    modèle se charge et la FAQ s'encode (une vingtaine de secondes), d'où un délai de navigation allongé."""
    page.set_default_navigation_timeout(OUVERTURE_MS)
    return ouvrir(page, voila_url, NOTEBOOK, SAISIE, delai_ms=OUVERTURE_MS)


def nombre(page, selecteur: str) -> int:
    return page.locator(f"{FIL} {selecteur}").count()


def attendre_reponses(page, n: int) -> None:
    """Attend que le fil contienne ``n`` réponses du robot (présentation non comprise)."""
    page.wait_for_function(
        "([sel, n]) => document.querySelectorAll(sel + ' .chat-robot:not(.chat-presentation)').length === n",
        arg=[FIL, n], timeout=REPONSE_MS)


def derniere_reponse(page) -> str:
    return page.locator(f"{FIL} .chat-robot").last.inner_text()


def attendre_texte(page, selecteur: str, morceau: str) -> None:
    page.wait_for_function(
        "([sel, txt]) => { const e = document.querySelector(sel); return e && e.innerText.includes(txt); }",
        arg=[selecteur, morceau], timeout=REPONSE_MS)


def test_au_clavier_une_question_avec_des_fautes(page, voila_url):
    duree = ouvrir_chatbot(page, voila_url)
    print(f"tableau de bord utilisable en {duree:.1f} s")
    # le premier message dit que c'est un robot et que rien n'est gardé
    presentation = page.locator(f"{FIL} .chat-presentation").inner_text()
    assert "Je suis un robot, pas une personne" in presentation
    assert "Rien n'est enregistré : votre texte reste en mémoire" in presentation     # la phrase unique
    # on atteint la zone de saisie avec Tab, on tape, on valide avec Entrée
    for _ in range(15):
        page.keyboard.press("Tab")
        if page.evaluate("document.activeElement && document.activeElement.closest('.chat-saisie') !== null"):
            break
    else:
        pytest.fail("la zone de saisie n'est pas atteignable avec la touche Tab")
    question = "vous pretez des tablete ?"
    page.keyboard.type(question, delay=25)
    page.keyboard.press("Enter")
    attendre_reponses(page, 1)
    assert page.locator(f"{FIL} .chat-personne").last.inner_text().endswith(question)
    reponse = derniere_reponse(page)
    assert "nous prêtons des tablettes" in reponse
    assert "Qui contacter : L'accueil de la Passerelle" in reponse
    assert "Confiance : " in reponse and "Pour en savoir plus" in reponse   # le score, replié dessous
    assert "sur 100" not in reponse
    assert "Réponse automatique d'un robot" in reponse          # la mention « robot » à chaque réponse
    assert page.locator(SAISIE).input_value() == ""             # la zone est vidée, prête pour la suite
    # une deuxième question, toujours au clavier (le curseur est resté dans la zone)
    page.keyboard.type("comment je m actualise sur france travaille", delay=10)
    page.keyboard.press("Enter")
    attendre_reponses(page, 2)
    assert "actualisation" in derniere_reponse(page)
    page.screenshot(path="test-artifacts/chatbot_1280x720.png", full_page=True)
    sans_trace(page)
    assert page.journal.requetes_externes == [] and page.journal.erreurs_js == []


def test_hors_sujet_je_ne_sais_pas_puis_nouvelle_conversation(page, voila_url):
    ouvrir_chatbot(page, voila_url)
    page.locator(SAISIE).fill("Quelle est la recette de la tarte aux pommes ?")
    page.locator(BOUTON).click()
    attendre_reponses(page, 1)
    reponse = derniere_reponse(page)
    assert "Je ne sais pas, voici qui contacter" in reponse
    assert "accueil@passerelle.example" in reponse
    assert "Confiance : faible" in reponse
    assert nombre(page, ".chat-sait-pas") == 1
    page.locator(NOUVELLE).click()
    page.wait_for_function("(sel) => document.querySelectorAll(sel + ' .chat-bulle').length === 1", arg=FIL)
    assert nombre(page, ".chat-presentation") == 1                 # seul le message d'accueil reste
    assert "tarte aux pommes" not in page.inner_text("body")
    sans_trace(page)
    assert page.journal.requetes_externes == []


def test_html_et_script_affiches_comme_du_texte(page, voila_url):
    ouvrir_chatbot(page, voila_url)
    for i, charge in enumerate(("<script>alert(1)</script>", "<img src=x onerror=alert(2)> wifi ?"), start=1):
        page.locator(SAISIE).fill(charge)
        page.locator(SAISIE).press("Enter")
        attendre_reponses(page, i)
        assert page.locator(f"{FIL} .chat-personne").last.inner_text().endswith(charge)   # visible, en texte
    time.sleep(0.5)
    assert page.journal.dialogues == []
    assert page.locator(f'{FIL} img[src="x"]').count() == 0
    assert page.locator(f"{FIL} script").count() == 0
    sans_trace(page)
    assert page.journal.erreurs_js == []


def test_saisies_vides_longues_et_emojis(page, voila_url):
    ouvrir_chatbot(page, voila_url)
    page.locator(BOUTON).click()                                   # rien d'écrit
    attendre_texte(page, ALERTE, "Écrivez une question avant d'envoyer")
    page.locator(SAISIE).fill("🙂🙂🙂")
    page.locator(BOUTON).click()
    attendre_texte(page, ALERTE, "ni lettre ni chiffre")
    assert nombre(page, ".chat-personne") == 0                      # aucune bulle pour une saisie refusée
    page.locator(SAISIE).fill("🙂 code wifi ?")
    page.locator(BOUTON).click()
    attendre_reponses(page, 1)                                     # un émoji dans une vraie question : pas de souci
    page.locator(SAISIE).fill("wifi " * 2000)                      # 10 000 caractères
    debut = time.perf_counter()
    page.locator(BOUTON).click()
    attendre_reponses(page, 2)
    print(f"réponse à 10 000 caractères en {time.perf_counter() - debut:.1f} s")
    attendre_texte(page, ALERTE, "seuls ses 500 premiers caractères ont été lus")
    bulle = page.locator(f"{FIL} .chat-personne").last.inner_text()
    assert len(bulle) < 600 and bulle.endswith("…")
    sans_trace(page)
    assert page.journal.dialogues == [] and page.journal.requetes_externes == [] and page.journal.erreurs_js == []
