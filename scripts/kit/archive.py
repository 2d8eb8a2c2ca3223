"""L'archive du kit pour qui n'installe rien (``slides/kit_animation.zip``) et le manifeste de ses sources."""
from __future__ import annotations

import hashlib
import json
import time
import zipfile
from pathlib import Path

from kit.pages import version_reveal
from kit.reglages import ARCHIVE, DIAPORAMAS, DOSSIER_ARCHIVE, FICHES, LICENCE, MANIFESTE, PLANS, RACINE, THEME


LISEZMOI = """Kit d'animation de l'Atelier IA & ESS
=====================================

Rien à installer : décompressez cette archive (clic droit, « Extraire tout »), puis ouvrez kit_animation/index.html dans un
navigateur (Firefox, Chrome, Edge, Safari). Tout marche sans Internet.

- diaporamas/ : un diaporama par module, en HTML (touche S pour les notes de l'animation, F pour le plein écran)
  et en PDF (chaque diapositive suivie de ses notes) ;
- fiches/ : une fiche d'une page A4 par module pour les participantes et participants (HTML et PDF), des
  fiches faciles à lire (_falc), et les cartes « L'IA au guichet » pour les aidants numériques (guichet_*) ;
- plans/ : les plans de séance, les trois formats (webinaire, atelier de 3 heures, parcours en autonomie) et le
  plan B.

Construit le {date} depuis le dépôt de l'Atelier IA & ESS (scripts/construire_kit.py). {licence}
"""


def sources_du_kit() -> list[Path]:
    """Les fichiers dont le kit construit est tiré : les textes (diaporamas, fiches, plans), le thème, le registre
    du parcours (le sommaire) et le code du kit (``scripts/construire_kit.py`` et ``scripts/kit/``).

    Les figures sont recalculées par le paquet ``atelier`` sur les données livrées et les exemples des notebooks : un
    changement de code, de données ou d'exemple qui modifierait une figure n'est pas suivi ici (reconstruisez alors
    l'archive à la main)."""
    from atelier.registre import PARCOURS

    chemins = [p for dossier in (DIAPORAMAS, FICHES, PLANS, THEME) for p in sorted(dossier.rglob("*"))
               if p.is_file() and "__pycache__" not in p.parts]
    code = RACINE / "scripts"
    return chemins + [PARCOURS, code / "construire_kit.py"] + sorted((code / "kit").glob("*.py"))


def empreintes_sources() -> dict[str, str]:
    """SHA-256 de chaque source (fins de ligne ramenées à ``\\n`` : même empreinte sous Windows), par chemin relatif."""
    return {p.relative_to(RACINE).as_posix(): hashlib.sha256(p.read_bytes().replace(b"\r\n", b"\n")).hexdigest()
            for p in sources_du_kit()}


def archiver(sortie: Path, cible: Path = ARCHIVE, journal=print) -> Path:
    """Met tout le kit construit dans ``sortie`` dans une archive zip (dossier ``kit_animation/``), avec un
    LISEZMOI.txt et le manifeste des empreintes des sources (:func:`empreintes_sources`)."""
    date = time.strftime("%Y-%m-%d")
    manifeste = {"construit_le": date, "reveal.js": version_reveal(), "sources": empreintes_sources()}
    provisoire = cible.with_suffix(".zip.tmp")
    with zipfile.ZipFile(provisoire, "w", compression=zipfile.ZIP_DEFLATED, compresslevel=9) as z:
        z.writestr(f"{DOSSIER_ARCHIVE}/LISEZMOI.txt", LISEZMOI.format(date=date, licence=LICENCE))
        for chemin in sorted(p for p in sortie.rglob("*") if p.is_file()):
            z.write(chemin, f"{DOSSIER_ARCHIVE}/{chemin.relative_to(sortie).as_posix()}")
        z.writestr(f"{DOSSIER_ARCHIVE}/{MANIFESTE}", json.dumps(manifeste, ensure_ascii=False, indent=1))
    provisoire.replace(cible)
    journal(f"→ Archive {cible.relative_to(RACINE) if cible.is_relative_to(RACINE) else cible} : "
            f"{cible.stat().st_size / 1e6:.1f} Mo")
    return cible


def ecarts_archive(archive: Path = ARCHIVE) -> list[str]:
    """Les sources modifiées, ajoutées ou retirées depuis la construction de l'archive (liste vide : à jour)."""
    with zipfile.ZipFile(archive) as z:
        avant = json.loads(z.read(f"{DOSSIER_ARCHIVE}/{MANIFESTE}"))["sources"]
    maintenant = empreintes_sources()
    return sorted(k for k in avant.keys() | maintenant.keys() if avant.get(k) != maintenant.get(k))
