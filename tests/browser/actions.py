"""Ce que les tests dans Chromium partagent : lancer un serveur local, ouvrir un tableau de bord, vérifier qu'aucune
trace de pile n'est visible, et ce que chaque tableau de bord fait faire à une personne (premier résultat, saisie
hostile). Un test importe d'ici (``from actions import ouvrir, TABLEAUX``), jamais d'un autre fichier de test ;
les fixtures (serveur Voilà de la session, navigateur, page) sont dans ``conftest.py``, l'audit axe-core dans
``accessibilite.py``.
"""
from __future__ import annotations

import os
import socket
import subprocess
import time
import urllib.request
from pathlib import Path

import pytest

from accessibilite import texte_change, texte_de, texte_present

ROOT = Path(__file__).resolve().parents[2]
DASHBOARDS = ROOT / "notebooks" / "dashboards"
CHROMIUM = os.environ.get("ATELIER_CHROMIUM", "/usr/bin/chromium")
CHROMIUM_ARGS = ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update",
                 "--disable-sync", "--no-first-run", "--disable-quic"]
ARTEFACTS = ROOT / "test-artifacts"


def port_libre() -> int:
    """Un port TCP libre sur 127.0.0.1."""
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def serveur(nom: str, cmd: list[str], chemin_sonde: str, port: int, env: dict | None = None):
    """Lance un serveur local (Voilà, JupyterLab), attend qu'il réponde, rend son adresse, puis l'arrête."""
    ARTEFACTS.mkdir(exist_ok=True)
    log = open(ARTEFACTS / f"{nom}.log", "w")
    proc = subprocess.Popen(cmd, cwd=ROOT, stdout=log, stderr=subprocess.STDOUT, env={**os.environ, **(env or {})})
    base = f"http://127.0.0.1:{port}"
    try:
        for _ in range(160):
            try:
                urllib.request.urlopen(base + chemin_sonde, timeout=1)
                break
            except OSError:
                if proc.poll() is not None:
                    pytest.fail(f"{nom} s'est arrêté au démarrage ; voir {ARTEFACTS / (nom + '.log')}")
                time.sleep(0.25)
        else:
            pytest.fail(f"{nom} n'a pas répondu en 40 s")
        yield base
    finally:
        proc.terminate()
        try:
            proc.wait(timeout=15)
        except subprocess.TimeoutExpired:
            proc.kill()
        log.close()


def ouvrir(page, voila_url: str, notebook: str, attendre: str, delai_ms: int = 30_000) -> float:
    """Ouvre ``dashboards/<notebook>`` et attend le sélecteur ``attendre`` ; renvoie la durée en secondes."""
    debut = time.perf_counter()
    page.goto(f"{voila_url}/voila/render/{notebook}", wait_until="domcontentloaded")
    page.wait_for_selector(attendre, timeout=delai_ms)
    return time.perf_counter() - debut


def sans_trace(page) -> None:
    """Aucune trace de pile Python visible sur la page."""
    texte = page.inner_text("body")
    for motif in ("Traceback", "Error:", "Exception", "File \""):
        assert motif not in texte, f"« {motif} » visible sur la page"


#: Du HTML tapé dans un champ : il doit s'afficher en texte, sans rien exécuter.
HOSTILE = "<img src=x onerror=alert(1)><script>alert(2)</script>"
#: Délai d'un calcul dans un tableau de bord (le premier charge le modèle et les vecteurs).
CALCUL_MS = 90_000


def attendre(page, js: str, arg=None, delai_ms: int = CALCUL_MS) -> None:
    page.wait_for_function(js, arg=arg, timeout=delai_ms)


# ── Ce que chaque tableau de bord fait faire : (ouvrir, premier résultat, saisie hostile) ──────────────────
# Chaque action attend ce que le noyau met à jour en dernier (les messages des widgets arrivent dans l'ordre) :
# l'audit et les vérifications qui suivent voient la page entière, jamais un ancien résultat. TABLEAUX (en bas) :
# pour chaque tableau de bord, ce qu'on attend à l'ouverture, puis ces deux actions.

def recherche_premier(page):
    page.locator(".atelier-saisie input").fill("infirmiere")
    texte_present(page, ".atelier-echo", "Résultats pour : infirmiere")
    texte_present(page, ".atelier-lecteur-seul", "métiers trouvés.")


def recherche_hostile(page):
    page.locator(".atelier-saisie input").fill(HOSTILE)
    texte_present(page, ".atelier-echo", "<img src=x")     # la ligne part après les résultats de cette requête


def carte_premier(page):
    attendre(page, "() => document.querySelectorAll('.atelier-carte-figure path.dot').length >= 13120")
    page.locator(".atelier-saisie input").fill("infirmiere")
    texte_present(page, ".atelier-info", "entouré")


def carte_hostile(page):
    avant = texte_de(page, ".atelier-info")
    page.locator(".atelier-saisie input").fill(HOSTILE)
    texte_present(page, ".atelier-echo", "<img src=x")
    texte_change(page, ".atelier-info", avant, "entouré")


def sonde_premier(page):
    page.locator("button.sonde-comparer").click()
    attendre(page, "() => document.querySelectorAll('.sonde-listes-zone .sonde-b li').length === 10")


def sonde_hostile(page):
    page.wait_for_function("() => document.querySelectorAll('.sonde-persona select option').length > 30")
    avant = texte_de(page, ".sonde-listes-zone")
    dernier = page.locator(".sonde-persona select option").count() - 1
    page.locator(".sonde-persona select").select_option(index=dernier)      # « Mon propre texte »
    page.locator(".sonde-texte-a textarea").fill(HOSTILE + " je suis maçon")
    page.locator(".sonde-texte-b textarea").fill(HOSTILE + " je suis maçonne")
    page.locator("button.sonde-comparer").click()
    texte_change(page, ".sonde-listes-zone", avant)          # pas les listes du premier résultat
    attendre(page, "() => document.querySelectorAll('.sonde-listes-zone .sonde-b li').length === 10")


def recruteur_premier(page):
    page.locator("button.recruteur-essayer").click()
    attendre(page, "() => document.querySelectorAll('.recruteur-cartes .recruteur-carte').length === 2")


def recruteur_hostile(page):
    page.locator(".recruteur-prenom input").fill("<img src=x onerror=alert(1)>")    # un prénom : 40 caractères au plus
    page.locator("button.recruteur-essayer").click()
    texte_present(page, ".recruteur-alerte", "que des lettres")


def chatbot_premier(page):
    page.locator(".chat-saisie input").fill("vous ouvrez à quelle heure ?")
    page.locator(".chat-saisie input").press("Enter")
    attendre(page, "() => document.querySelectorAll('.chat-conversation .chat-robot:not(.chat-presentation)').length === 1")
    texte_present(page, ".atelier-lecteur-seul", "Le robot répond")      # l'annonce part après la réponse


def chatbot_hostile(page):
    page.locator(".chat-saisie input").fill(HOSTILE + " wifi ?")
    page.locator(".chat-saisie input").press("Enter")
    attendre(page, "() => document.querySelectorAll('.chat-conversation .chat-robot:not(.chat-presentation)').length === 2")


def diagnostic_premier(page):
    page.locator(".diag-radio-Q01 .widget-radio-box label").first.click()
    page.locator("button.diag-voir").click()
    attendre(page, "() => { const i = document.querySelector('.diag-figure img.diag-image');"
                   " return i && i.complete && i.naturalWidth > 0; }")


def diagnostic_hostile(page):
    page.locator(".diag-nom input").fill(HOSTILE)
    page.locator("button.diag-voir").click()
    texte_present(page, ".diag-nom-affiche", "<img src=x")


def nombres_premier(page):
    page.locator(".nombres-a input").fill("infirmière")
    page.locator(".nombres-b input").fill("aide-soignant")
    page.locator("button.nombres-comparer").click()
    texte_present(page, ".nombres-verdict", "Pour le modèle")


def nombres_hostile(page):
    page.locator(".nombres-a input").fill(HOSTILE)
    page.locator("button.nombres-comparer").click()
    texte_present(page, ".nombres-echo", "<img src=x")      # le verdict est effacé avant, et repart en dernier
    texte_present(page, ".nombres-verdict", "Pour le modèle")


def profil_premier(page):
    page.locator(".profil-phrase textarea").fill("je suis patient, j'aime m'occuper des personnes âgées")
    page.locator("button.profil-voir").click()
    attendre(page, "() => document.querySelectorAll('.profil-resultats-zone ol.profil-metiers > li').length === 8")
    texte_present(page, ".atelier-lecteur-seul", "métiers proposés ; le premier est")


def profil_hostile(page):
    page.locator(".profil-phrase textarea").fill(HOSTILE + " je suis maçon")
    page.locator("button.profil-voir").click()
    texte_present(page, ".profil-morceaux-zone", "<img src=x")    # l'annonce est effacée avant, et repart en dernier
    texte_present(page, ".atelier-lecteur-seul", "métiers proposés ; le premier est")


def cv_premier(page):
    page.locator("button.cv-ecrire").click()
    texte_present(page, ".cv-lecture", "lignes de CV")        # l'annonce part après les lignes, le métier et le robot


def cv_hostile(page):
    page.locator(".cv-phrases textarea").fill(HOSTILE + " je tenais la caisse")
    page.locator("button.cv-ecrire").click()
    texte_present(page, ".cv-alerte", "du code")
    page.locator(".cv-jeu-pari input").fill(HOSTILE)
    page.locator("button.cv-jeu-voir").click()
    texte_present(page, ".cv-jeu-retour", "<img src=x")


TABLEAUX = {
    "des_mots_aux_nombres": (".nombres-a input", nombres_premier, nombres_hostile),
    "mon_profil_mes_metiers": (".profil-phrase textarea", profil_premier, profil_hostile),
    "recherche_de_metiers": (".atelier-saisie input", recherche_premier, recherche_hostile),
    "carte_des_metiers": (".atelier-saisie input", carte_premier, carte_hostile),
    "sonde_de_biais": ("button.sonde-comparer", sonde_premier, sonde_hostile),
    "recruteur_robot": ("button.recruteur-essayer", recruteur_premier, recruteur_hostile),
    "chatbot_faq": (".chat-saisie input", chatbot_premier, chatbot_hostile),
    "diagnostic_ia": ("button.diag-voir", diagnostic_premier, diagnostic_hostile),
    "mon_cv_assiste": ("button.cv-ecrire", cv_premier, cv_hostile),
}
