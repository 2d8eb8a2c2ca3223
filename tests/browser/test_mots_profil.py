"""Les tableaux de bord « Des mots aux nombres » et « Mon profil, mes métiers », utilisés comme une personne le
ferait, dans Chromium : au clavier, avec des saisies hostiles, sur un écran de téléphone."""
import time

import pytest

from actions import ouvrir, sans_trace

NOMBRES = "des_mots_aux_nombres.ipynb"
PROFIL = "mon_profil_mes_metiers.ipynb"
HOSTILE = "<img src=x onerror=alert(1)><script>alert(2)</script>"
OUVERTURE_MS = 90_000          # la première ouverture démarre un noyau et charge le modèle
CALCUL_MS = 30_000


def ouvrir_tableau(page, voila_url, notebook: str, attendre: str) -> float:
    page.set_default_navigation_timeout(OUVERTURE_MS)
    return ouvrir(page, voila_url, notebook, attendre, delai_ms=OUVERTURE_MS)


def attendre_texte(page, selecteur: str, morceau: str, delai_ms: int = CALCUL_MS) -> None:
    page.wait_for_function(
        """([sel, txt]) => Array.from(document.querySelectorAll(sel)).some(e =>
             e.innerText.replace(/[\\u00a0\\u202f]/g, ' ').includes(txt))""",
        arg=[selecteur, morceau], timeout=delai_ms)


def tabuler_jusqu_a(page, selecteur: str, essais: int = 20) -> None:
    for _ in range(essais):
        page.keyboard.press("Tab")
        if page.evaluate("(s) => document.activeElement && document.activeElement.closest(s) !== null", selecteur):
            return
    pytest.fail(f"« {selecteur} » n'est pas atteignable avec la touche Tab")


def propre(page) -> None:
    sans_trace(page)
    assert page.journal.dialogues == [] and page.locator('img[src="x"]').count() == 0
    assert page.journal.requetes_externes == [] and page.journal.erreurs_js == []


# ── Des mots aux nombres ────────────────────────────────────────────────────────────────────────────────────

def test_nombres_au_clavier(page, voila_url):
    duree = ouvrir_tableau(page, voila_url, NOMBRES, ".nombres-a input")
    print(f"tableau de bord utilisable en {duree:.1f} s")
    tabuler_jusqu_a(page, ".nombres-a")
    page.keyboard.type("aide-soignante", delay=20)
    page.keyboard.press("Tab")
    page.keyboard.type("auxiliaire de puériculture", delay=20)
    page.keyboard.press("Enter")
    attendre_texte(page, ".nombres-verdict", "Pour le modèle, ces deux textes sont")
    attendre_texte(page, ".nombres-resultat-zone", "Les métiers les plus proches de « auxiliaire de puériculture »")
    # le verdict en mots et les voisins d'abord ; les nombres derrière « Pour en savoir plus », fermé
    assert "Similarité cosinus" not in page.locator(".nombres-resultat-zone").inner_text()
    page.locator(".nombres-plus > summary").click()
    resultat = page.locator(".nombres-resultat-zone").inner_text().replace("\u202f", " ")
    for attendu in ("Similarité cosinus : 0,", "Ce n'est pas un pourcentage", "10 000 paires", "au rang",
                    "Score centré :", "Les métiers les plus proches de « aide-soignante »",
                    "Les métiers les plus proches de « auxiliaire de puériculture »"):
        assert attendu in resultat, attendu
    assert page.locator(".nombres-resultat-zone li").count() == 10
    assert page.locator(".nombres-echelle[role='img']").get_attribute("aria-label").startswith("Échelle")
    page.screenshot(path="test-artifacts/des_mots_aux_nombres_1280x720.png", full_page=True)
    propre(page)


def test_nombres_saisies_hostiles_vides_longues(page, voila_url):
    ouvrir_tableau(page, voila_url, NOMBRES, ".nombres-a input")
    page.locator("button.nombres-comparer").click()
    attendre_texte(page, ".nombres-alerte", "Écrivez un mot ou un métier dans chacune des deux cases")
    page.locator(".nombres-a input").fill("🙂🚀")
    page.locator(".nombres-b input").fill("plombier")
    page.locator("button.nombres-comparer").click()
    attendre_texte(page, ".nombres-alerte", "ne contient ni lettre ni chiffre")
    page.locator(".nombres-a input").fill(HOSTILE)
    page.locator(".nombres-b input").fill("🙂 maçon")
    page.locator("button.nombres-comparer").click()
    attendre_texte(page, ".nombres-echo", HOSTILE)                 # affiché tel quel, en texte
    attendre_texte(page, ".nombres-resultat-zone", "Les métiers les plus proches de « <img src=x")
    time.sleep(0.5)
    assert page.locator(".nombres-resultat-zone script").count() == 0
    page.locator(".nombres-a input").fill("maçon " * 2000)         # 10 000 caractères
    page.locator("button.nombres-comparer").click()
    attendre_texte(page, ".nombres-alerte", "seuls ses 200 premiers caractères")
    attendre_texte(page, ".nombres-verdict", "Pour le modèle")
    propre(page)


def test_nombres_deviner_d_abord_au_clavier(page, voila_url):
    """Comme l'exercice 1 du module 01 (« pariez avant de voir ») : on parie, au clavier, puis la page dit si le
    pari était juste. « Data scientist » et « Aide-soignant » : éloignés pour le modèle, malgré un nombre élevé."""
    ouvrir_tableau(page, voila_url, NOMBRES, ".nombres-deviner input")
    assert not page.locator(".nombres-pari").is_visible()             # première vue : la question est cachée
    tabuler_jusqu_a(page, ".nombres-a")
    page.keyboard.type("Data scientist", delay=20)
    page.keyboard.press("Tab")
    page.keyboard.type("Aide-soignant / Aide-soignante", delay=10)
    tabuler_jusqu_a(page, ".nombres-deviner")
    page.keyboard.press("Space")                                       # « Deviner d'abord »
    page.wait_for_selector(".nombres-pari input[type='radio']", state="visible")
    assert page.locator(".nombres-pari [role='radiogroup']").get_attribute("aria-labelledby") == "nombres-question"
    assert "ces deux textes sont-ils proches" in page.locator("#nombres-question").inner_text()
    tabuler_jusqu_a(page, ".nombres-pari")
    tabuler_jusqu_a(page, "button.nombres-comparer")                  # sans pari : la page demande de parier
    page.keyboard.press("Enter")
    attendre_texte(page, ".nombres-alerte", "Avant de voir le résultat : pour le modèle")
    assert page.locator(".nombres-verdict").inner_text() == ""
    page.keyboard.press("Shift+Tab")                                   # retour dans le groupe de réponses
    page.keyboard.press("Space")
    page.wait_for_function("() => document.querySelectorAll('.nombres-pari input:checked').length === 1")
    choisi = page.locator(".nombres-pari input:checked").evaluate("e => e.parentElement.textContent").strip()
    tabuler_jusqu_a(page, "button.nombres-comparer")
    page.keyboard.press("Enter")
    attendre_texte(page, ".nombres-verdict", "Pour le modèle, ces deux textes sont")
    attendre_texte(page, ".nombres-retour-pari", f"Vous aviez répondu « {choisi} » ; en réalité :")
    retour = page.locator(".nombres-retour-pari").inner_text()
    juste = choisi == "À peine plus proches que la moyenne, ou éloignés"
    assert ("Vous aviez vu juste" in retour) is juste, (choisi, retour)
    assert ("Ce n'est pas ce que vous aviez parié" in retour) is not juste, (choisi, retour)
    # le retour se lit après le verdict, avant les voisins
    y = {s: page.locator(s).bounding_box()["y"] for s in (".nombres-verdict", ".nombres-retour-pari",
                                                          ".nombres-resultat-zone")}
    assert y[".nombres-verdict"] < y[".nombres-retour-pari"] < y[".nombres-resultat-zone"], y
    propre(page)


@pytest.mark.parametrize("page", [{"width": 360, "height": 740}], indirect=True)
def test_nombres_sur_un_telephone(page, voila_url):
    ouvrir_tableau(page, voila_url, NOMBRES, ".nombres-exemple select")
    page.locator(".nombres-exemple select").select_option(index=3)   # « Aide-soignant » ↔ « Aide-vacher »
    attendre_texte(page, ".nombres-verdict", "Pour le modèle")
    assert page.locator(".nombres-a input").input_value() == "Aide-soignant / Aide-soignante"
    largeur = page.evaluate("document.documentElement.scrollWidth")
    page.screenshot(path="test-artifacts/des_mots_aux_nombres_360.png", full_page=True)
    assert largeur <= 360, f"la page déborde : {largeur} px de large pour un écran de 360 px"
    propre(page)


# ── Mon profil, mes métiers ─────────────────────────────────────────────────────────────────────────────────

def attendre_metiers(page, n: int = 8) -> None:
    page.wait_for_function("(n) => document.querySelectorAll('.profil-resultats-zone ol.profil-metiers > li').length === n",
                           arg=n, timeout=CALCUL_MS)


def test_profil_une_phrase_au_clavier(page, voila_url):
    duree = ouvrir_tableau(page, voila_url, PROFIL, ".profil-phrase textarea")
    print(f"tableau de bord utilisable en {duree:.1f} s")
    tabuler_jusqu_a(page, ".profil-phrase")
    page.keyboard.type("J'aime cuisiner pour les autres, je suis à l'aise avec les enfants et j'ai mon permis B.",
                       delay=5)
    tabuler_jusqu_a(page, ".profil-voir")
    page.keyboard.press("Enter")
    attendre_metiers(page)
    assert "coupé votre texte en 3 idées" in page.locator(".profil-morceaux-zone").inner_text()
    premier = page.locator(".profil-resultats-zone details").first
    assert premier.get_attribute("open") is not None
    assert "proche de « J'aime cuisiner pour les autres »" in premier.inner_text()
    # le deuxième métier s'ouvre au clavier (un <summary> se déplie avec Entrée)
    deuxieme = page.locator(".profil-resultats-zone details").nth(1)
    assert deuxieme.get_attribute("open") is None
    deuxieme.locator("summary").focus()
    page.keyboard.press("Enter")
    page.wait_for_function("() => document.querySelectorAll('.profil-resultats-zone details')[1].open")
    assert "Les compétences du métier les plus" in deuxieme.inner_text()
    attendre_texte(page, ".atelier-lecteur-seul", "8 métiers proposés ; le premier est")
    deux_moteurs_et_en_commun(page, "Moteur « sémantique »", "Moteur « transparent »")
    # la phrase traduite en compétences pour le moteur transparent, idée par idée
    assert "« J'aime cuisiner pour les autres » →" in page.locator(".profil-morceaux-zone").inner_text()
    page.screenshot(path="test-artifacts/mon_profil_mes_metiers_1280x720.png", full_page=True)
    propre(page)


def deux_moteurs_et_en_commun(page, premier: str, second: str) -> None:
    """Les deux moteurs côte à côte (8 métiers chacun) et « Métiers en commun : n sur 8 », n compté sur la page."""
    page.wait_for_function("() => document.querySelectorAll('.profil-autre-zone ol.profil-metiers > li').length === 8",
                           timeout=CALCUL_MS)
    assert page.locator(".profil-resultats-zone h2").inner_text().startswith(premier)
    assert page.locator(".profil-autre-zone h2").inner_text().startswith(second)
    gauche = page.locator(".profil-resultats-zone").bounding_box()
    droite = page.locator(".profil-autre-zone").bounding_box()
    assert abs(gauche["y"] - droite["y"]) < 5 and droite["x"] > gauche["x"] + 100      # côte à côte
    n = page.locator(".profil-resultats-zone .profil-aussi").count()
    assert page.locator(".profil-autre-zone .profil-aussi").count() == n
    commun = page.locator(".profil-commun").inner_text()
    assert commun.startswith(f"Métiers en commun : {n} sur 8.") and "la même personne" in commun
    attendre_texte(page, ".atelier-lecteur-seul", f"Métiers en commun avec l'autre moteur : {n} sur 8.")


def test_profil_des_competences_choisies(page, voila_url):
    ouvrir_tableau(page, voila_url, PROFIL, ".profil-facon button")
    page.get_by_role("button", name="Choisir des compétences").click()
    page.locator(".profil-chercher input").fill("cuisine")
    page.wait_for_function("() => document.querySelectorAll('.profil-trouvees select option').length > 3",
                           timeout=CALCUL_MS)
    libelle = page.locator(".profil-trouvees select option").first.inner_text().replace("\xa0", " ")
    page.locator(".profil-trouvees select").select_option(index=0)
    page.locator("button.profil-ajouter").click()
    attendre_texte(page, ".profil-info", "ajoutée à votre profil")
    page.wait_for_function("() => document.querySelectorAll('.profil-choisies select option').length === 1")
    page.locator("button.profil-voir").click()
    attendre_metiers(page)
    premier = page.locator(".profil-resultats-zone details").first.inner_text()
    assert "Les compétences de votre profil que ce métier demande" in premier and libelle in premier
    deux_moteurs_et_en_commun(page, "Moteur « transparent »", "Moteur « sémantique »")
    page.locator(".profil-chercher input").fill(HOSTILE)
    attendre_texte(page, ".profil-info", "Aucune compétence du répertoire ne contient « <img src=x")
    propre(page)


def test_profil_deviner_d_abord(page, voila_url):
    ouvrir_tableau(page, voila_url, PROFIL, ".profil-deviner input")
    page.locator(".profil-phrase textarea").fill("Je répare des vélos et j'aime le contact avec les clients.")
    page.locator(".profil-deviner input[type='checkbox']").check()
    page.locator("button.profil-voir").click()
    attendre_texte(page, ".profil-alerte", "combien les deux moteurs en auront-ils en commun")
    page.locator(".profil-pari label", has_text="Peu ou aucun (0 à 2)").click()
    page.locator("button.profil-voir").click()
    attendre_metiers(page)
    attendre_texte(page, ".profil-retour-pari", "Vous aviez répondu « Peu ou aucun (0 à 2) » ; en réalité :")
    n = page.locator(".profil-resultats-zone .profil-aussi").count()
    assert f"{n} sur 8 en commun" in page.locator(".profil-retour-pari").inner_text()
    propre(page)


@pytest.mark.parametrize("page", [{"width": 360, "height": 740}], indirect=True)
def test_profil_saisies_hostiles_sur_un_telephone(page, voila_url):
    ouvrir_tableau(page, voila_url, PROFIL, ".profil-phrase textarea")
    page.locator("button.profil-voir").click()
    attendre_texte(page, ".profil-alerte", "Écrivez quelques mots sur la personne")
    page.locator(".profil-phrase textarea").fill("🙂🙂")
    page.locator("button.profil-voir").click()
    attendre_texte(page, ".profil-alerte", "ni lettre ni chiffre")
    page.locator(".profil-phrase textarea").fill(HOSTILE + " je répare des vélos, " * 500)   # 10 000 caractères et plus
    page.locator("button.profil-voir").click()
    attendre_texte(page, ".profil-alerte", "seuls ses 2000 premiers caractères")
    attendre_metiers(page)
    attendre_texte(page, ".profil-morceaux-zone", "« <img src=x onerror=alert(1)>")
    time.sleep(0.5)
    assert page.locator(".profil-resultats-zone script, .profil-morceaux-zone script").count() == 0
    largeur = page.evaluate("document.documentElement.scrollWidth")
    page.screenshot(path="test-artifacts/mon_profil_mes_metiers_360.png", full_page=True)
    assert largeur <= 360, f"la page déborde : {largeur} px de large pour un écran de 360 px"
    propre(page)
