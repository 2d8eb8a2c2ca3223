"""L'archive committée du kit (slides/kit_animation.zip), ouverte comme le ferait une animatrice qui n'a rien
installé : décompressée dans un dossier, puis ouverte dans le navigateur, sans réseau."""
import os
import zipfile
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
#: ATELIER_ARCHIVE_KIT : éprouver une archive construite ailleurs (``construire_kit.py --sortie``, puis zip) avant
#: de réécrire celle du dépôt.
ARCHIVE = Path(os.environ.get("ATELIER_ARCHIVE_KIT", ROOT / "slides" / "kit_animation.zip"))


def test_l_archive_decompressee_s_ouvre_sans_reseau(page, tmp_path):
    with zipfile.ZipFile(ARCHIVE) as z:
        z.extractall(tmp_path)
    dossier = tmp_path / "kit_animation"
    assert "Rien à installer" in (dossier / "LISEZMOI.txt").read_text(encoding="utf-8")
    page.goto((dossier / "index.html").as_uri(), wait_until="load")
    liens = page.eval_on_selector_all("a[href]", "els => els.map(e => e.getAttribute('href'))")
    locaux = [l for l in liens if not l.startswith(("http:", "https:", "mailto:", "#"))]
    assert any(l.endswith(".pdf") for l in locaux) and any(l.startswith("diaporamas/") for l in locaux)
    manquants = [l for l in locaux if not (dossier / l.split("#")[0]).is_file()]
    assert not manquants, f"liens du sommaire vers des fichiers absents de l'archive : {manquants}"
    page.goto((dossier / "diaporamas" / "ouverture.html").as_uri(), wait_until="load")
    page.wait_for_function("window.Reveal && Reveal.isReady()", timeout=15_000)
    assert page.evaluate("Reveal.getTotalSlides()") > 5
    assert page.journal.requetes_externes == [] and page.journal.erreurs_js == []


def test_l_archive_a_les_fiches_faciles_a_lire_et_les_cartes_du_guichet(page, tmp_path):
    """Issue 22 : les fiches faciles à lire (00, 02, 05, 06, 07, 08, 09) et les cartes « L'IA au guichet » sont dans
    l'archive, en HTML et en PDF d'une page, rangées au sommaire ; ouvertes sans réseau, chaque image y a son texte
    alternatif et chaque pictogramme s'affiche (SVG intégré, aucune requête)."""
    import re

    with zipfile.ZipFile(ARCHIVE) as z:
        z.extractall(tmp_path)
    dossier = tmp_path / "kit_animation"
    sources = sorted((ROOT / "slides" / "fiches").glob("*_falc.md")) + sorted(
        (ROOT / "slides" / "fiches").glob("guichet_*.md"))
    noms = [s.stem for s in sources]
    assert len([n for n in noms if n.endswith("_falc")]) >= 7 and len([n for n in noms if n.startswith("guichet_")]) >= 9
    index = (dossier / "index.html").read_text(encoding="utf-8")
    assert "<h2>L'IA au guichet" in index, "le sommaire de l'archive n'a pas la partie « L'IA au guichet »"
    guichet = index.split("<h2>L'IA au guichet")[1].split("<h2>")[0]
    for nom in noms:
        pdf = dossier / "fiches" / f"{nom}.pdf"
        assert pdf.is_file() and (dossier / "fiches" / f"{nom}.html").is_file(), f"{nom} absente de l'archive"
        assert len(re.findall(rb"/Type\s*/Page(?![a-zA-Z])", pdf.read_bytes())) == 1, f"{nom} : plus d'une page"
        assert (f"fiches/{nom}.pdf" in guichet) == nom.startswith("guichet_")
        page.goto((dossier / "fiches" / f"{nom}.html").as_uri(), wait_until="load")
        images = page.eval_on_selector_all(
            "img", "els => els.map(e => [e.getAttribute('alt') || '', e.complete && e.naturalWidth > 0])")
        assert images and all(alt.strip() and chargee for alt, chargee in images), f"{nom} : {images}"
    assert page.journal.requetes_externes == [] and page.journal.erreurs_js == []
