"""Audit d'accessibilité axe-core de chaque tableau de bord, de chaque diaporama du kit et des fiches.

Chaque tableau de bord est audité deux fois : après son premier résultat, puis après une saisie hostile (du
HTML tapé dans un champ). Le test échoue sur toute violation grave ou critique ; les autres sont listées dans
sa sortie (``pytest -s``) et dans ``test-artifacts/axe.jsonl``. Voir :mod:`accessibilite`.

On vérifie aussi ce qu'un lecteur d'écran reçoit : la langue de la page, des titres dans l'ordre, une
étiquette en français pour chaque commande, et une zone « vivante » (``aria-live``) qui annonce le résultat.
"""
from __future__ import annotations

import importlib.util
import subprocess
import sys
import time
from pathlib import Path

import pytest

from accessibilite import auditer, texte_change, texte_de, texte_present
from conftest import ARTEFACTS, CHROMIUM, ouvrir

pytestmark = pytest.mark.browser

ROOT = Path(__file__).resolve().parents[2]
SCRIPT = ROOT / "scripts" / "construire_kit.py"
HOSTILE = "<img src=x onerror=alert(1)><script>alert(2)</script>"
CALCUL_MS = 90_000


def _charger_kit():
    if "construire_kit" in sys.modules:
        return sys.modules["construire_kit"]
    spec = importlib.util.spec_from_file_location("construire_kit", SCRIPT)
    module = importlib.util.module_from_spec(spec)
    sys.modules[spec.name] = module
    spec.loader.exec_module(module)
    return module


kit = _charger_kit()
DECKS = kit.diaporamas()
FICHES = kit.fiches()


def attendre(page, js: str, arg=None, delai_ms: int = CALCUL_MS) -> None:
    page.wait_for_function(js, arg=arg, timeout=delai_ms)


# ── Ce que chaque tableau de bord fait faire : (ouvrir, premier résultat, saisie hostile) ──────────────────
# Chaque action attend ce que le noyau met à jour en dernier (les messages des widgets arrivent dans l'ordre) :
# l'audit et les vérifications qui suivent voient la page entière, jamais un ancien résultat.

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


TABLEAUX = {
    "des_mots_aux_nombres": (".nombres-a input", nombres_premier, nombres_hostile),
    "mon_profil_mes_metiers": (".profil-phrase textarea", profil_premier, profil_hostile),
    "recherche_de_metiers": (".atelier-saisie input", recherche_premier, recherche_hostile),
    "carte_des_metiers": (".atelier-saisie input", carte_premier, carte_hostile),
    "sonde_de_biais": ("button.sonde-comparer", sonde_premier, sonde_hostile),
    "recruteur_robot": ("button.recruteur-essayer", recruteur_premier, recruteur_hostile),
    "chatbot_faq": (".chat-saisie input", chatbot_premier, chatbot_hostile),
    "diagnostic_ia": ("button.diag-voir", diagnostic_premier, diagnostic_hostile),
}

#: La zone vivante de chaque tableau de bord et ce qu'elle doit annoncer après le premier résultat.
ANNONCES = {
    "des_mots_aux_nombres": "Pour le modèle, ces deux textes sont",
    "mon_profil_mes_metiers": "métiers proposés ; le premier est",
    "recherche_de_metiers": "métiers trouvés.",
    "carte_des_metiers": "métiers entourés",
    "sonde_de_biais": "métiers sur 10 sont dans les deux listes",
    "recruteur_robot": "le score passe de",
    "chatbot_faq": "Le robot répond :",
    "diagnostic_ia": "questions sur 17",
}


def lecteur_d_ecran(page) -> dict:
    """Ce qu'un lecteur d'écran reçoit : langue, titres, commandes sans nom, zones vivantes."""
    return page.evaluate("""() => {
      const visible = e => !!(e.offsetWidth || e.offsetHeight || e.getClientRects().length)
                           && getComputedStyle(e).visibility !== 'hidden';
      const nom = e => {
        if (e.getAttribute('aria-label')) return e.getAttribute('aria-label');
        if (e.getAttribute('aria-labelledby'))
          return e.getAttribute('aria-labelledby').split(/\\s+/).map(i => (document.getElementById(i) || {}).textContent || '').join(' ');
        if (e.labels && e.labels.length) return Array.from(e.labels).map(l => l.textContent).join(' ');
        if (e.tagName === 'BUTTON') return e.textContent || e.title;
        return e.title || '';
      };
      const commandes = Array.from(document.querySelectorAll(
          'input, select, textarea, button, [role=radiogroup], [role=group]'))
        .filter(visible).filter(e => e.type !== 'hidden');
      return {
        langue: document.documentElement.lang,
        titres: Array.from(document.querySelectorAll('h1, h2, h3, h4, h5, h6')).filter(visible)
                     .map(h => Number(h.tagName[1])),
        sans_nom: commandes.filter(e => !nom(e).trim()).map(e => e.outerHTML.slice(0, 120)),
        vivantes: Array.from(document.querySelectorAll('[aria-live], [role=status], [role=log]'))
                     .map(e => e.textContent.replace(/\\s+/g, ' ').trim()),
      };
    }""")


@pytest.mark.parametrize("nom", list(TABLEAUX))
def test_tableau_de_bord_sans_violation_grave(page, voila_url, nom):
    attente, premier, hostile = TABLEAUX[nom]
    page.set_default_navigation_timeout(CALCUL_MS)
    ouvrir(page, voila_url, f"{nom}.ipynb", attente, delai_ms=CALCUL_MS)
    premier(page)
    time.sleep(0.3)
    auditer(page, f"{nom} (premier résultat)")
    lu = lecteur_d_ecran(page)
    assert lu["langue"] == "fr", f"langue de la page : {lu['langue']!r}"
    assert lu["titres"] and lu["titres"][0] == 1, f"la page doit commencer par un titre de niveau 1 : {lu['titres']}"
    sauts = [(a, b) for a, b in zip(lu["titres"], lu["titres"][1:]) if b > a + 1]
    assert not sauts, f"titres qui sautent un niveau : {sauts} dans {lu['titres']}"
    assert not lu["sans_nom"], f"commandes sans étiquette : {lu['sans_nom']}"
    assert any(ANNONCES[nom] in v.replace("\xa0", " ") for v in lu["vivantes"]), (
        f"aucune zone aria-live n'annonce « {ANNONCES[nom]} » : {lu['vivantes']}")
    hostile(page)
    time.sleep(0.3)
    auditer(page, f"{nom} (saisie hostile)")
    assert page.journal.dialogues == [] and page.locator('img[src="x"]').count() == 0
    assert page.journal.requetes_externes == []


# ── Le kit : diaporamas, fiches, sommaire ────────────────────────────────────────────────────────────────

@pytest.fixture(scope="module")
def kit_construit(tmp_path_factory):
    """Le kit construit sans les PDF (plus rapide), dans un dossier temporaire."""
    if not Path(CHROMIUM).exists():
        pytest.fail(f"Chromium est introuvable ({CHROMIUM}) : lancez bash scripts/tester.sh, qui l'installe.")
    sortie = tmp_path_factory.mktemp("kit_a11y")
    fini = subprocess.run([sys.executable, str(SCRIPT), "--sans-pdf", "--sortie", str(sortie)], cwd=ROOT,
                          capture_output=True, text=True, timeout=300)
    ARTEFACTS.mkdir(exist_ok=True)
    (ARTEFACTS / "construire_kit_a11y.log").write_text(fini.stdout + fini.stderr, encoding="utf-8")
    assert fini.returncode == 0, (fini.stdout + fini.stderr)[-3000:]
    return sortie


@pytest.mark.parametrize("deck", DECKS, ids=[d.nom for d in DECKS])
def test_diaporama_sans_violation_grave(kit_construit, page, deck):
    page.goto((kit_construit / "diaporamas" / f"{deck.nom}.html").as_uri(), wait_until="load")
    page.wait_for_function("window.Reveal && Reveal.isReady()", timeout=15_000)
    assert page.evaluate("document.documentElement.lang") == "fr"
    for i in range(len(deck.diapos)):
        page.evaluate(f"Reveal.slide({i})")
        time.sleep(0.05)
        auditer(page, f"diaporama {deck.nom} ({i + 1}/{len(deck.diapos)})")


@pytest.mark.parametrize("chemin", ["index.html", "fiches/00_demarrer.html", "fiches/00_demarrer_falc.html",
                                    "plans/00_demarrer.html"])
def test_page_du_kit_sans_violation_grave(kit_construit, page, chemin):
    page.goto((kit_construit / chemin).as_uri(), wait_until="load")
    assert page.evaluate("document.documentElement.lang") == "fr"
    auditer(page, chemin)
