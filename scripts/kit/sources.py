"""Lire les sources du kit (``slides/diaporamas``, ``slides/fiches``, ``slides/plans``) et vérifier leurs règles."""
from __future__ import annotations

import dataclasses
import re
from pathlib import Path

from kit.figures import FIGURES
from kit.pictos import PICTOS
from kit.reglages import (DIAPORAMAS, DUREE_NOTE, FICHES, FIGURE_MD, META, NOTE, PICTO_MD, PLANS, SEPARATEUR,
                          TABLEAU_MD, ErreurSource)
from kit.tableaux import TABLEAUX


@dataclasses.dataclass
class Diapo:
    numero: int
    markdown: str
    notes: str
    minutes: float

    @property
    def titre(self) -> str:
        m = re.search(r"^#{1,3}\s+(.+)$", self.markdown, re.MULTILINE)
        return m.group(1).strip() if m else f"Diapositive {self.numero}"

    @property
    def figures(self) -> list[str]:
        return [nom for _, nom in FIGURE_MD.findall(self.markdown)]


@dataclasses.dataclass
class Source:
    chemin: Path
    meta: dict[str, str]
    corps: str

    @property
    def nom(self) -> str:
        return self.chemin.stem

    @property
    def titre(self) -> str:
        return self.meta.get("titre", self.nom)


@dataclasses.dataclass
class Diaporama(Source):
    diapos: list[Diapo] = dataclasses.field(default_factory=list)

    @property
    def duree(self) -> float:
        return float(self.meta["duree"])

    @property
    def figures(self) -> list[str]:
        return [f for d in self.diapos for f in d.figures]


def lire_meta(texte: str, chemin: Path) -> tuple[dict[str, str], str]:
    """Les lignes ``clé: valeur`` du commentaire HTML de tête, et le reste du texte."""
    m = META.match(texte)
    if not m:
        raise ErreurSource(f"{chemin.name} : le fichier doit commencer par un commentaire <!-- titre: … --> "
                           "(voir slides/README.md).")
    meta = {}
    for ligne in m.group(1).strip().splitlines():
        if ":" in ligne:
            cle, valeur = ligne.split(":", 1)
            meta[cle.strip()] = valeur.strip()
    return meta, texte[m.end():]


def lire_source(chemin: Path) -> Source:
    meta, corps = lire_meta(chemin.read_text(encoding="utf-8"), chemin)
    if "titre" not in meta:
        raise ErreurSource(f"{chemin.name} : il manque « titre: » dans le commentaire de tête.")
    return Source(chemin, meta, corps)


def lire_diaporama(chemin: Path) -> Diaporama:
    """Découpe un diaporama en diapositives et vérifie les règles du kit (notes, durées, figures connues)."""
    src = lire_source(chemin)
    deck = Diaporama(src.chemin, src.meta, src.corps)
    if "duree" not in deck.meta:
        raise ErreurSource(f"{chemin.name} : il manque « duree: » (en minutes) dans le commentaire de tête.")
    for numero, morceau in enumerate(SEPARATEUR.split(src.corps), start=1):
        parties = NOTE.split(morceau, maxsplit=1)
        contenu = parties[0].strip()
        notes = parties[1].strip() if len(parties) > 1 else ""
        ou = f"{chemin.name}, diapositive {numero}"
        if not contenu:
            raise ErreurSource(f"{ou} : diapositive vide (deux lignes --- de suite ?).")
        if not notes:
            raise ErreurSource(f"{ou} : il manque les notes de l'animation (une ligne « Note: » puis le texte).")
        m = DUREE_NOTE.match(notes)
        if not m:
            raise ErreurSource(f"{ou} : les notes doivent commencer par leur durée, par exemple « [2 min] ».")
        for nom in FIGURE_MD.findall(contenu):
            if nom[1] not in FIGURES:
                raise ErreurSource(f"{ou} : figure inconnue « {nom[1]} » (connues : {', '.join(sorted(FIGURES))}).")
        for nom in PICTO_MD.findall(contenu):
            if nom[1] not in PICTOS:
                raise ErreurSource(f"{ou} : pictogramme inconnu « {nom[1]} ».")
        for nom in TABLEAU_MD.findall(contenu):
            if nom[1] not in TABLEAUX:
                raise ErreurSource(f"{ou} : tableau inconnu « {nom[1]} » (connus : {', '.join(sorted(TABLEAUX))}).")
        deck.diapos.append(Diapo(numero, contenu, notes, float(m.group(1).replace(",", "."))))
    total = sum(d.minutes for d in deck.diapos)
    if abs(total - deck.duree) > 0.01:
        raise ErreurSource(f"{chemin.name} : les durées des notes font {total:g} min, la tête annonce "
                           f"« duree: {deck.meta['duree']} » ; corrigez l'une ou l'autre.")
    return deck


def diaporamas() -> list[Diaporama]:
    """Tous les diaporamas, l'ouverture d'abord, puis les modules dans l'ordre de leur numéro."""
    chemins = sorted(DIAPORAMAS.glob("*.md"), key=lambda p: (p.stem != "ouverture", p.stem))
    return [lire_diaporama(p) for p in chemins]


def fiches() -> list[Source]:
    sources = [lire_source(p) for p in sorted(FICHES.glob("*.md"))]
    for s in sources:
        for _, nom in FIGURE_MD.findall(s.corps):
            if nom not in FIGURES:
                raise ErreurSource(f"{s.chemin.name} : figure inconnue « {nom} ».")
        for _, nom in TABLEAU_MD.findall(s.corps):
            if nom not in TABLEAUX:
                raise ErreurSource(f"{s.chemin.name} : tableau inconnu « {nom} ».")
        for nom in [n for _, n in PICTO_MD.findall(s.corps)] + ([s.meta["picto"]] if "picto" in s.meta else []):
            if nom not in PICTOS:
                raise ErreurSource(f"{s.chemin.name} : pictogramme inconnu « {nom} » (connus : "
                                   f"{', '.join(sorted(PICTOS))}).")
        if s.meta.get("falc") == "oui" and not s.meta.get("relecture"):
            raise ErreurSource(f"{s.chemin.name} : une fiche facile à lire dit si des personnes concernées l'ont "
                               "relue (« relecture: pas encore » ou « relecture: faite le … par … »).")
    return sources


def plans() -> list[Source]:
    return [lire_source(p) for p in sorted(PLANS.glob("*.md"))]
