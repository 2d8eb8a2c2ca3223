"""L'impression en PDF des diaporamas et des fiches (Chromium sans tête ; toute requête réseau est bloquée)."""
from __future__ import annotations

import re
import time
from pathlib import Path

from kit.reglages import CHROMIUM, CHROMIUM_ARGS, ErreurSource


_PAGE_PDF = re.compile(rb"/Type\s*/Page(?![a-zA-Z])")


def pages_pdf(chemin: Path) -> int:
    """Nombre de pages d'un PDF écrit par Chromium (compte les objets /Type /Page)."""
    return len(_PAGE_PDF.findall(Path(chemin).read_bytes()))


def _locale(url: str) -> bool:
    from urllib.parse import urlparse

    u = urlparse(url)
    return u.scheme in ("file", "data", "blob", "about") or (u.hostname or "") in ("127.0.0.1", "localhost")


def imprimer(travaux: list[tuple[Path, Path, str]], journal=print) -> None:
    """Imprime en PDF chaque (page HTML, PDF, genre) ; genre ``diaporama`` (mode print-pdf) ou ``fiche`` (A4).

    Toute requête qui sortirait de la machine est bloquée et fait échouer la construction.
    """
    from playwright.sync_api import sync_playwright

    if not Path(CHROMIUM).exists():
        raise SystemExit(f"Chromium est introuvable ({CHROMIUM}) : installez le paquet Debian « chromium », "
                         "ou construisez sans PDF (--sans-pdf).")
    bloquees: list[str] = []

    def filtrer(route):
        if _locale(route.request.url):
            route.continue_()
        else:
            bloquees.append(route.request.url)
            route.abort()

    with sync_playwright() as p:
        navigateur = p.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS, headless=True)
        try:
            page = navigateur.new_page()
            page.route("**/*", filtrer)
            for source, cible, genre in travaux:
                debut = time.perf_counter()
                if genre == "diaporama":
                    page.goto(source.as_uri() + "?print-pdf", wait_until="load")
                    page.wait_for_function("window.Reveal && Reveal.isReady() && "
                                           "document.querySelectorAll('.pdf-page').length > 0")
                    page.pdf(path=str(cible), prefer_css_page_size=True, print_background=True)
                else:
                    page.goto(source.as_uri(), wait_until="load")
                    page.pdf(path=str(cible), format="A4", prefer_css_page_size=True, print_background=True)
                n = pages_pdf(cible)
                journal(f"   {cible.relative_to(cible.parents[1])} : {n} page(s), {time.perf_counter() - debut:.1f} s")
                if genre == "fiche" and n != 1:
                    raise ErreurSource(f"la fiche {source.stem} fait {n} pages une fois imprimée : raccourcissez-la "
                                       "pour qu'elle tienne sur une page A4.")
        finally:
            navigateur.close()
    if bloquees:
        raise SystemExit("Des requêtes vers le réseau ont été bloquées : " + ", ".join(sorted(set(bloquees))))
