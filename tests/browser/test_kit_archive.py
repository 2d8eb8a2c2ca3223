"""L'archive committée du kit (slides/kit_animation.zip), ouverte comme le ferait une animatrice qui n'a rien
installé : décompressée dans un dossier, puis ouverte dans le navigateur, sans réseau."""
import zipfile
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
ARCHIVE = ROOT / "slides" / "kit_animation.zip"


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
