#!/usr/bin/env python
"""Construit le kit d'animation de l'Atelier IA & ESS, sans aucun accès au réseau.

    .venv/bin/python scripts/construire_kit.py              # tout : diaporamas, PDF, fiches, plans
    .venv/bin/python scripts/construire_kit.py --sans-pdf   # HTML seulement (sans Chromium)
    .venv/bin/python scripts/construire_kit.py --verifier   # relit les sources et signale les erreurs

Entrées (à éditer) :

- ``slides/diaporamas/*.md`` : un diaporama par fichier. Diapositives séparées par une ligne ``---`` ;
  notes de l'animation après une ligne ``Note:``, qui commencent par leur durée ``[2 min]`` ;
  figures calculées par ``![légende](figure:nom)`` (voir ``FIGURES`` ci-dessous et ``slides/README.md``) ;
- ``slides/fiches/*.md`` : une fiche d'une page A4 par module, pour les participantes et participants ;
- ``slides/plans/*.md`` : les plans de séance (rendus en pages HTML pour la clé USB).

Sorties (``slides/_build/`` par défaut, ignoré par git) :

- ``diaporamas/<nom>.html`` : un fichier autonome (reveal.js, son extension de notes, le thème et les figures
  y sont intégrés) qui s'ouvre sans réseau, depuis une clé USB ou une pièce jointe ;
- ``diaporamas/<nom>.pdf`` : chaque diapositive suivie d'une page de notes (mode ``?print-pdf`` de reveal.js) ;
- ``fiches/<nom>.html`` et ``.pdf`` (une page A4), ``plans/<nom>.html``, et ``index.html`` qui relie tout.

Les figures sont calculées à chaque construction par les fonctions du paquet ``atelier`` (les mêmes que les
notebooks), sur les données livrées ; chaque figure porte son texte alternatif. reveal.js vient de
``node_modules/`` (``npm ci``, version épinglée dans ``package.json`` et ``package-lock.json``).
"""
from __future__ import annotations

import argparse
import base64
import dataclasses
import hashlib
import html
import io
import json
import os
import re
import shutil
import sys
import time
import zipfile
from pathlib import Path
from typing import Callable

RACINE = Path(__file__).resolve().parents[1]
SLIDES = RACINE / "slides"
DIAPORAMAS = SLIDES / "diaporamas"
FICHES = SLIDES / "fiches"
PLANS = SLIDES / "plans"
THEME = SLIDES / "theme"
SORTIE = SLIDES / "_build"
#: Le kit construit en un seul fichier, committé, pour qui n'installe rien (lien dans le README) ; il contient
#: un manifeste des empreintes de ses sources, que ``tests/test_kit.py`` compare aux sources du moment.
ARCHIVE = SLIDES / "kit_animation.zip"
DOSSIER_ARCHIVE = "kit_animation"
MANIFESTE = "MANIFESTE.json"
REVEAL = RACINE / "node_modules" / "reveal.js"
CHROMIUM = os.environ.get("ATELIER_CHROMIUM", "/usr/bin/chromium")
CHROMIUM_ARGS = ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update",
                 "--disable-sync", "--no-first-run", "--disable-quic"]
#: Taille d'une diapositive (16:9), en pixels CSS ; reveal.js la met à l'échelle de l'écran.
LARGEUR, HAUTEUR = 1280, 720
#: Résolution des figures : assez fine pour imprimer les fiches et les PDF.
DPI = 130
LICENCE = ("Textes et diapositives : CC BY 4.0, Atelier IA & ESS, contributrices et contributeurs. "
           "Code : MIT. reveal.js : MIT, © Hakim El Hattab.")
SEPARATEUR = re.compile(r"^---[ \t]*$", re.MULTILINE)
NOTE = re.compile(r"^Note:[ \t]*$", re.MULTILINE)
DUREE_NOTE = re.compile(r"^\s*\[(\d+(?:[.,]\d+)?) min\]")
FIGURE_MD = re.compile(r"!\[([^\]]*)\]\(figure:([a-z0-9_]+)\)")
TABLEAU_MD = re.compile(r"!\[([^\]]*)\]\(tableau:([a-z0-9_]+)\)")
META = re.compile(r"\A<!--(.*?)-->\s*", re.DOTALL)


class ErreurSource(Exception):
    """Une source du kit est mal formée : le message dit quel fichier, quelle diapositive, et quoi corriger."""


# ── Lire les sources ──────────────────────────────────────────────────────────────────────────────────────

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
    return sources


def plans() -> list[Source]:
    return [lire_source(p) for p in sorted(PLANS.glob("*.md"))]


# ── Les figures, calculées par le paquet atelier ─────────────────────────────────────────────────────────

FIGURES: dict[str, Callable] = {}


def figure(nom: str):
    """Enregistre une recette de figure : une fonction sans argument qui renvoie ``(figure, texte_alternatif)``."""
    def enregistrer(fonction):
        FIGURES[nom] = fonction
        return fonction
    return enregistrer


#: Six intitulés ROME comparés à « aide-soignante » (le même choix que le notebook 00).
SIX_INTITULES = ["Boulanger / Boulangère", "Infirmier / Infirmière en soins généraux (IDE)", "Maçon / Maçonne",
                 "Aide-soignant / Aide-soignante", "Développeur / Développeuse informatique",
                 "Auxiliaire de puériculture"]
#: Vingt intitulés variés (le même choix que le notebook 01, partie 4).
VINGT_INTITULES = [
    "Aide-soignant / Aide-soignante", "Infirmier / Infirmière en soins généraux (IDE)", "Aide à domicile",
    "Auxiliaire de puériculture", "Assistant maternel / Assistante maternelle",
    "Educateur / Educatrice de jeunes enfants", "Educateur spécialisé / Educatrice spécialisée",
    "Assistant social / Assistante sociale", "Conseiller / Conseillère en insertion professionnelle",
    "Médiateur / Médiatrice numérique", "Maçon / Maçonne", "Plombier / Plombière", "Peintre en bâtiment",
    "Jardinier / Jardinière paysagiste", "Développeur / Développeuse informatique",
    "Technicien / Technicienne informatique", "Data scientist", "Comptable", "Conducteur / Conductrice de bus",
    "Chauffeur-livreur / Chauffeuse-livreuse"]
#: Huit métiers placés à la main sur deux axes (avec des objets −1 … +1 avec des personnes ; en intérieur −1 …
#: +1 en extérieur) : les valeurs choisies par les auteurs du notebook 01, partie 1, reprises telles quelles.
HUIT_A_LA_MAIN = {
    "Aide-soignant(e)": (0.9, -0.8), "Auxiliaire de puériculture": (0.85, -0.6),
    "Éducateur(trice) de rue": (0.85, 0.75), "Conducteur(trice) de bus": (0.4, 0.35), "Maçon(ne)": (-0.7, 0.8),
    "Jardinier(ère) paysagiste": (-0.5, 0.9), "Développeur(se) informatique": (-0.85, -0.8),
    "Comptable": (-0.6, -0.85)}
AXE_X_MAIN = "avec des objets (−1) … avec des personnes (+1)"
AXE_Y_MAIN = "en intérieur (−1) … en extérieur (+1)"
#: Les quatre recherches du Point Information Jeunesse (notebook 02, partie 1).
QUATRE_REQUETES = ["infirmiere", "dévelopeur web", "nounou", "nurse"]
#: Le profil de trois compétences calculé à la main dans le notebook 04 (partie 3).
PROFIL_EXEMPLE = ["Réaliser ou contrôler les soins d'hygiène, de confort et apporter une aide au patient",
                  "Etre à l'écoute, faire preuve d'empathie", "Permis de conduire catégorie B"]


def _similarites_a(mot: str):
    from atelier import data, embeddings

    vecteur = embeddings.encode(mot, cache=True)[0]
    similarites = data.vecteurs_pour(SIX_INTITULES) @ vecteur
    return sorted(zip(SIX_INTITULES, similarites), key=lambda paire: -paire[1])


def _barres_similarite(mot: str):
    from atelier.figures import barres_horizontales

    classement = _similarites_a(mot)
    return barres_horizontales([i for i, _ in classement], [s for _, s in classement],
                               titre=f"Quels métiers le modèle juge-t-il proches de « {mot} » ?",
                               axe_x=f"Similarité cosinus avec « {mot} »", axe_y="Intitulé ROME")


@figure("similarite_aide_soignante")
def _fig_similarite_aide_soignante():
    return _barres_similarite("aide-soignante")


@figure("similarite_nounou")
def _fig_similarite_nounou():
    return _barres_similarite("nounou")


@figure("angle_distance")
def _fig_angle_distance():
    from atelier.figures import nuage_2d

    noms = list(HUIT_A_LA_MAIN)
    x, y = zip(*HUIT_A_LA_MAIN.values())
    fleches = [noms.index(n) for n in ("Aide-soignant(e)", "Auxiliaire de puériculture", "Maçon(ne)")]
    return nuage_2d(x, y, noms, titre="Angle et distance entre trois métiers placés à la main", axe_x=AXE_X_MAIN,
                    axe_y=AXE_Y_MAIN, fleches=fleches)


def _carte(titre: str, reperes: list[str] | None = None, domaine: str | None = None):
    from atelier import cartographie

    carte = cartographie.carte()
    surligner = None
    if reperes:
        surligner = [carte.index[carte["appellation"] == r][0] for r in reperes]
    return cartographie.tracer_carte(carte, titre=titre, parametres=cartographie.parametres(), surligner=surligner,
                             domaine=domaine, taille=(10, 10))


@figure("carte_reperes")
def _fig_carte_reperes():
    return _carte("Chaque point est un métier : 13 120 intitulés du ROME",
                  ["Aide-soignant / Aide-soignante", "Auxiliaire de puériculture", "Maçon / Maçonne",
                   "Développeur / Développeuse informatique", "Médiateur / Médiatrice numérique"])


@figure("carte_metiers")
def _fig_carte_metiers():
    return _carte("Les 13 120 métiers du ROME sur une carte")


@figure("carte_sante")
def _fig_carte_sante():
    return _carte("Où sont les métiers de la santé ?", domaine="J")


@figure("hasard_similarites")
def _fig_hasard():
    from atelier import similarite
    from atelier.figures import histogramme

    hasard = similarite.similarites_aleatoires(n=10_000, graine=0)
    reperes = similarite.resume(hasard)
    return histogramme(hasard, titre="Similarité de 10 000 paires d'intitulés tirées au hasard",
                       axe_x="Similarité cosinus", axe_y="Nombre de paires",
                       reperes={"5e centile": reperes["p5"], "moyenne": reperes["moyenne"],
                                "95e centile": reperes["p95"]})


@figure("chaleur_vingt")
def _fig_chaleur():
    from atelier import similarite
    from atelier.figures import carte_de_chaleur

    matrice = similarite.matrice_similarites(VINGT_INTITULES)
    return carte_de_chaleur(matrice, VINGT_INTITULES, titre="Similarité cosinus entre 20 intitulés du ROME",
                            legende="Similarité cosinus (multilingual-e5-small)")


@figure("quatre_recherches")
def _fig_quatre_recherches():
    """Grille « requête × méthode » : le premier résultat de chaque recherche, juste (✓) ou faux (✗)."""
    import matplotlib.pyplot as plt
    import textwrap

    from atelier import comparaison_recherche as comparaison
    from atelier import recherche
    from atelier.palette import GRIS, OKABE_ITO

    tableau = comparaison.comparer(QUATRE_REQUETES, k=3)   # k=3 comme le notebook 02 (ex æquo de la floue)
    methodes = list(recherche.METHODES)
    fig, ax = plt.subplots(figsize=(12, 4.6))
    descriptions = []
    for i, requete in enumerate(QUATRE_REQUETES):
        morceaux = []
        for j, methode in enumerate(methodes):
            case = str(tableau.loc[(requete, 1), methode])
            juste = case.startswith(comparaison.BON)
            vide = case == comparaison.AUCUN
            texte = case.removeprefix(comparaison.BON)
            couleur = OKABE_ITO["bleu"] if juste else ("#F2F2F2" if vide else "#FBE3D6")
            ax.add_patch(plt.Rectangle((j, -i - 1), 1, 1, facecolor=couleur, edgecolor="white", lw=3))
            marque = "✓" if juste else ("—" if vide else "✗")
            etiquette = "rien trouvé" if vide else textwrap.fill(textwrap.shorten(texte, 60, placeholder="…"), 26)
            ax.text(j + 0.5, -i - 0.5, f"{marque}  {etiquette}", ha="center", va="center", fontsize=9.5,
                    color="white" if juste else "black", fontweight="bold" if juste else "normal")
            morceaux.append(f"{methode} : {'rien' if vide else texte} ({'juste' if juste else 'faux'})")
        descriptions.append(f"« {requete} » — " + ", ".join(morceaux))
    ax.set_xlim(0, len(methodes))
    ax.set_ylim(-len(QUATRE_REQUETES), 0)
    ax.set_xticks([j + 0.5 for j in range(len(methodes))], [f"recherche {m}" for m in methodes], fontsize=11)
    ax.xaxis.tick_top()
    ax.set_yticks([-i - 0.5 for i in range(len(QUATRE_REQUETES))], [f"« {r} »" for r in QUATRE_REQUETES],
                  fontsize=11)
    ax.tick_params(length=0)
    for cote in ax.spines.values():
        cote.set_visible(False)
    ax.set_xlabel("Méthode de recherche (premier résultat proposé ; ✓ = une fiche attendue, ✗ = une autre)",
                  color=GRIS)
    ax.set_ylabel("Requête tapée")
    ax.set_title("Quatre jeunes, quatre recherches : le premier résultat de chaque méthode", pad=30)
    fig.tight_layout()
    alt = ("Tableau en couleurs « Quatre jeunes, quatre recherches » : pour chaque requête (en lignes) et chaque "
           "méthode de recherche (en colonnes : " + ", ".join(methodes) + "), le premier intitulé proposé, "
           "marqué juste s'il appartient à une fiche attendue. " + " ; ".join(descriptions) + ".")
    return fig, alt


@figure("surface_domaines")
def _fig_surface_domaines():
    from atelier import data, cartographie
    from atelier.figures import barres_horizontales

    etalement = cartographie.etalement_domaines(cartographie.carte(), data.vecteurs_metiers())
    return barres_horizontales(
        [f"{e.code} — {e.grand_domaine.split(',')[0]} ({e.n_intitules} intitulés)" for e in etalement.itertuples()],
        etalement["surface_2d"], titre="Place de chaque grand domaine sur la carte",
        axe_x="Part de la surface de la carte occupée (%)", axe_y="Grand domaine (nombre d'intitulés)",
        surligner=None, format_valeur="{:.0f} %")


@figure("score_transparent")
def _fig_score_transparent():
    from atelier import recommandation
    from atelier.figures import barres_horizontales

    import textwrap

    reco = recommandation.recommander(PROFIL_EXEMPLE, k=8, methode="transparent")
    noms = [textwrap.shorten(f"{r.code_rome} {r.intitule}", 48, placeholder="…") for r in reco.itertuples()]
    return barres_horizontales(noms, reco["score"],
                               titre="Moteur transparent : 3 compétences déclarées, les 8 premières fiches",
                               axe_x="Score (recouvrement pondéré, de 0 à 1)", axe_y="Fiche ROME")


@figure("ecarts_genre")
def _fig_ecarts_genre():
    from atelier import biais

    comparaisons = {"masculin → féminin": ("masculin", "feminin"), "masculin → épicène": ("masculin", "epicene"),
                    "prénom masculin → prénom féminin": ("prenom_m", "prenom_f")}
    biais.preparer_personas(versions=("masculin", "feminin", "epicene", "prenom_f", "prenom_m"))
    resumes = {nom: biais.resumer_differences(biais.sonde_personas(a, b)["difference"], a=a, b=b)
               for nom, (a, b) in comparaisons.items()}
    return biais.figure_differences(resumes)


@figure("projection_genre")
def _fig_projection_genre():
    from atelier import biais

    projections = biais.projections_fiches(biais.direction_genre(), "appellation")
    correlation = biais.correlation_bootstrap(projections["projection"], projections["part_femmes"])
    return biais.figure_projection(projections, correlation, "Ce que le modèle « voit » et la réalité")


@figure("audit_recruteur")
def _fig_audit_recruteur():
    from atelier import recrutement

    paires = recrutement.audit()          # 200 variantes de CV : vecteurs livrés avec l'atelier
    return recrutement.figure_audit(recrutement.resumer_audit(paires), paires)


@figure("droits_candidate_schema")
def _fig_droits_candidate_schema():
    """Les droits de la personne candidate (:data:`atelier.recrutement.DROITS_CANDIDATE`) en cinq cases numérotées,
    en peu de mots : l'image de l'idée « Vous avez des droits » de la fiche facile à lire du module 06."""
    import matplotlib.pyplot as plt
    from matplotlib.patches import FancyBboxPatch

    from atelier import recrutement
    from atelier.palette import OKABE_ITO

    droits = [re.split(r"[,:(]", d["demande"])[0].strip() for d in recrutement.DROITS_CANDIDATE]
    fig, ax = plt.subplots(figsize=(4.2, 3.4))
    ax.set_xlim(0, 1)
    ax.set_ylim(0, len(droits))
    ax.axis("off")
    for i, texte in enumerate(droits):
        y = len(droits) - 1 - i
        ax.add_patch(FancyBboxPatch((0.02, y + 0.12), 0.96, 0.76, boxstyle="round,pad=0.0,rounding_size=0.12",
                                    facecolor="#E8F1FA", edgecolor=OKABE_ITO["bleu"], linewidth=1.5))
        ax.text(0.09, y + 0.5, str(i + 1), ha="center", va="center", fontsize=15, fontweight="bold",
                color=OKABE_ITO["bleu"])
        ax.text(0.17, y + 0.5, texte, ha="left", va="center", fontsize=10.5, wrap=True)
    fig.tight_layout(pad=0.2)
    alt = ("Les " + str(len(droits)) + " droits d'une personne candidate face à un logiciel de tri, en cases "
           "numérotées : " + " ; ".join(f"{i}. {t}" for i, t in enumerate(droits, start=1)) + ".")
    return fig, alt


@figure("seuil_faq")
def _fig_seuil_faq():
    from atelier import faq

    texte, prefixe, seuil = faq.reglage_par_defaut()     # la représentation et le seuil choisis sur « choix »
    resultats = faq.resultats(faq.BaseFAQ(texte=texte, prefixe=prefixe), faq.questions_test("choix"))
    return faq.figure_compromis(faq.courbe_seuils(resultats), seuil, "Le compromis du seuil (questions « choix »)")


#: Les réponses de l'association fictive « Les Jardins du Lien » (notebook 08, partie 3), reprises telles quelles.
REPONSES_JARDINS = {"Q01": "b", "Q02": "b", "Q03": "b", "Q04": "a", "Q05": "c", "Q06": "b", "Q07": "c", "Q08": "a",
                    "Q09": "b", "Q10": "b", "Q11": None, "Q12": "d", "Q13": "b", "Q14": "a", "Q15": "d", "Q16": None,
                    "Q17": "c"}


@figure("profil_jardins")
def _fig_profil_jardins():
    from atelier import diagnostic

    return diagnostic.figure_profil(diagnostic.profil(REPONSES_JARDINS),
                                    titre="Profil IA — Association Les Jardins du Lien")


# ── Les tableaux, tirés des données du paquet atelier ────────────────────────────────────────────────────

TABLEAUX: dict[str, Callable[[], str]] = {}


def tableau(nom: str):
    """Enregistre une recette de tableau : une fonction sans argument qui renvoie du HTML (texte échappé)."""
    def enregistrer(fonction):
        TABLEAUX[nom] = fonction
        return fonction
    return enregistrer


def _table_html(entetes: list[str], lignes: list[list[str]]) -> str:
    tete = "".join(f"<th>{html.escape(e)}</th>" for e in entetes)
    corps = "".join("<tr>" + "".join(f"<td>{html.escape(str(c))}</td>" for c in l) + "</tr>" for l in lignes)
    return f"<table><thead><tr>{tete}</tr></thead><tbody>{corps}</tbody></table>"


@tableau("droits_candidate")
def _tab_droits_candidate():
    from atelier import recrutement

    return _table_html(["Ce qu'elle peut demander", "Sur quoi s'appuyer", "À qui s'adresser"],
                       [[d["demande"], d["fondement"], d["aupres_de"]] for d in recrutement.DROITS_CANDIDATE])


@tableau("cadre_recrutement")
def _tab_cadre_recrutement():
    from atelier import recrutement

    return _table_html(["Texte", "En clair", "Statut"],
                       [[e["reference"], e["en_clair"], e["statut"] or "vérifié"] for e in recrutement.CADRE_JURIDIQUE])


@dataclasses.dataclass
class Image:
    nom: str
    png: bytes
    alt: str

    @property
    def src(self) -> str:
        return "data:image/png;base64," + base64.b64encode(self.png).decode("ascii")

    @property
    def largeur_css(self) -> int:
        """Largeur d'affichage en pixels CSS : celle d'une image à 110 points par pouce (la mise en page des
        diapositives), l'image elle-même étant plus fine (:data:`DPI`) pour l'impression."""
        return round(int.from_bytes(self.png[16:20], "big") * 110 / DPI)

    @property
    def format(self) -> str:
        """« paysage » ou « portrait », lu dans l'en-tête PNG (largeur et hauteur, octets 16 à 24)."""
        largeur, hauteur = int.from_bytes(self.png[16:20], "big"), int.from_bytes(self.png[20:24], "big")
        return "paysage" if largeur > 1.15 * hauteur else "portrait"


def calculer_figures(noms: list[str], journal=print) -> dict[str, Image]:
    """Calcule chaque figure demandée une seule fois (PNG en mémoire, texte alternatif non vide)."""
    import matplotlib

    matplotlib.use("Agg")
    import matplotlib.pyplot as plt

    plt.rcParams["font.size"] = 11      # un peu plus grand que dans les notebooks : lu de loin, projeté
    images = {}
    for nom in dict.fromkeys(noms):
        debut = time.perf_counter()
        fig, alt = FIGURES[nom]()
        tampon = io.BytesIO()
        fig.savefig(tampon, format="png", dpi=DPI, bbox_inches="tight", facecolor="white")
        plt.close(fig)
        if not str(alt).strip():
            raise ErreurSource(f"la figure « {nom} » n'a pas de texte alternatif.")
        images[nom] = Image(nom, tampon.getvalue(), " ".join(str(alt).split()))
        journal(f"   figure {nom} : {time.perf_counter() - debut:.1f} s, {len(images[nom].png) // 1024} Ko")
    return images


# ── Markdown → HTML ──────────────────────────────────────────────────────────────────────────────────────

def _markdown():
    import mistune

    return mistune.create_markdown(escape=False, plugins=["table", "strikethrough"])


def html_tableau(nom: str, legende: str) -> str:
    texte = f'<p class="legende-tableau">{html.escape(legende)}</p>' if legende.strip() else ""
    return f'\n\n<div class="tableau-genere" data-tableau="{nom}">{TABLEAUX[nom]()}{texte}</div>\n\n'


def html_figure(image: Image, legende: str) -> str:
    attribut = html.escape(image.alt, quote=True)
    texte = f"<figcaption>{html.escape(legende)}</figcaption>" if legende.strip() else ""
    return (f'\n\n<figure class="figure {image.format}" data-figure="{image.nom}"><img src="{image.src}" width="{image.largeur_css}" alt="{attribut}">'
            f"{texte}</figure>\n\n")


COLONNE = re.compile(r"^\|\|\|[ \t]*$", re.MULTILINE)
_ENTETE_VIDE = re.compile(r"<thead>\s*<tr>(?:\s*<th[^>]*>\s*</th>)+\s*</tr>\s*</thead>\s*")
_CASE_ENTETE_VIDE = re.compile(r"<th([^>]*)>\s*</th>")


def _sans_entete_vide(code: str) -> str:
    """Un tableau Markdown sans titres de colonnes (``| | |``) n'a pas de ligne d'en-tête, et une case d'en-tête
    vide (le coin d'un tableau à double entrée) devient une case ordinaire : les lecteurs d'écran n'annoncent pas
    de titres vides (règle « empty-table-header » d'axe-core)."""
    return _CASE_ENTETE_VIDE.sub(r"<td\1></td>", _ENTETE_VIDE.sub("", code))


def vers_html(markdown: str, images: dict[str, Image]) -> str:
    """Markdown → HTML ; ``![légende](figure:nom)`` devient la figure calculée, avec son texte alternatif.

    Des lignes ``|||`` découpent le contenu en colonnes : ce qui précède la première ligne ``|||`` occupe toute
    la largeur, chaque morceau suivant devient une colonne.
    """
    rendre = _markdown()

    def morceau(texte: str) -> str:
        texte = FIGURE_MD.sub(lambda m: html_figure(images[m.group(2)], m.group(1)), texte)
        return _sans_entete_vide(rendre(TABLEAU_MD.sub(lambda m: html_tableau(m.group(2), m.group(1)), texte)))

    parties = COLONNE.split(markdown)
    if len(parties) == 1:
        return morceau(markdown)
    colonnes = "".join(f"<div>{morceau(c)}</div>" for c in parties[1:])
    return f'{morceau(parties[0])}<div class="colonnes n{len(parties) - 1}">{colonnes}</div>'


def _lire(chemin: Path) -> str:
    if not chemin.is_file():
        raise SystemExit(f"Fichier introuvable : {chemin}. Installez reveal.js avec « npm ci » à la racine du dépôt "
                         "(ou bash scripts/installer.sh).")
    return chemin.read_text(encoding="utf-8")


def _script(code: str) -> str:
    """Du JavaScript inséré dans une balise <script> : « </script » ne doit pas fermer la balise trop tôt."""
    return code.replace("</script", "<\\/script").replace("<!--", "<\\!--")


def version_reveal() -> str:
    return json.loads(_lire(REVEAL / "package.json"))["version"]


def entete_reveal(partie: str) -> str:
    """Un en-tête de licence à placer devant chaque morceau de reveal.js intégré (la feuille de style et
    l'extension de notes n'en portent pas ; reveal.js lui-même garde le sien)."""
    copyright_ = _lire(REVEAL / "LICENSE").splitlines()[0].strip()
    extra = " Cette extension intègre marked (MIT, https://github.com/markedjs/marked)." if partie == "notes" else ""
    return f"/*! reveal.js {version_reveal()}, {partie} — licence MIT — {copyright_}.{extra} */"


def page_diaporama(deck: Diaporama, images: dict[str, Image]) -> str:
    """Un diaporama en un seul fichier HTML : reveal.js, l'extension de notes, le thème et les figures inclus."""
    dist = REVEAL / "dist"
    sections = []
    for d in deck.diapos:
        notes = _markdown()(d.notes)
        classe, aide = "", ""
        if d.numero == 1:
            classe = ' class="titre-deck"'
            aide = ('<p class="aide-clavier">Clavier : <kbd>→</kbd> diapositive suivante · <kbd>S</kbd> notes de '
                    "l'animation · <kbd>F</kbd> plein écran · <kbd>Échap</kbd> vue d'ensemble</p>")
        sections.append(f'<section{classe} data-numero="{d.numero}" data-minutes="{d.minutes:g}">\n'
                        f"{vers_html(d.markdown, images)}{aide}\n<aside class=\"notes\">{notes}</aside>\n</section>")
    config = {"hash": True, "slideNumber": "c/t", "width": LARGEUR, "height": HAUTEUR, "margin": 0.04,
              "transition": "none", "backgroundTransition": "none", "center": False, "pdfSeparateFragments": False,
              "pdfMaxPagesPerSlide": 1, "controlsTutorial": False}
    return f"""<!doctype html>
<html lang="fr">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>{html.escape(deck.titre)}</title>
<meta name="generator" content="Atelier IA &amp; ESS, scripts/construire_kit.py, reveal.js {version_reveal()}">
<!-- {html.escape(LICENCE)} -->
<style>
{entete_reveal("reveal.css")}
{_lire(dist / "reveal.css")}
</style>
<style>
{_lire(THEME / "atelier.css")}
</style>
</head>
<body>
<div class="reveal">
<div class="slides">
{chr(10).join(sections)}
</div>
<p class="pied-licence">{html.escape(deck.titre)} — CC BY 4.0, Atelier IA &amp; ESS</p>
</div>
<script>
{_script(_lire(dist / "reveal.js"))}
</script>
<script>
{entete_reveal("notes")}
{_script(_lire(dist / "plugin" / "notes.js"))}
</script>
<script>
(function () {{
  var impression = /print-pdf/i.test(window.location.search);
  var config = {json.dumps(config)};
  config.showNotes = impression ? "separate-page" : false;
  config.plugins = [RevealNotes];
  Reveal.initialize(config);
}})();
</script>
</body>
</html>
"""


def page_simple(titre: str, corps_html: str, classe: str, css: str, retour: str = "../index.html") -> str:
    lien = (f'<nav aria-label="Retour"><p class="retour"><a href="{retour}">← Sommaire du kit</a></p></nav>'
            if retour else "")
    return f"""<!doctype html>
<html lang="fr">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>{html.escape(titre)}</title>
<style>
{css}
</style>
</head>
<body class="{classe}">
{lien}
<main>
{corps_html}
</main>
</body>
</html>
"""


def page_fiche(fiche: Source, images: dict[str, Image]) -> str:
    # Une fiche « facile à lire et à comprendre » (FALC, tête « falc: oui ») : même construction, autre mise en
    # page (gros caractères, une image à gauche de chaque idée ; voir slides/README.md et fiche.css).
    falc = fiche.meta.get("falc", "") == "oui"
    genre = "fiche facile à lire" if falc else "fiche à emporter"
    entete = (f'<header><p class="surtitre">Atelier IA &amp; ESS · {genre} · module '
              f'{html.escape(fiche.meta.get("module", ""))}</p><h1>{html.escape(fiche.titre)}</h1></header>')
    pied = f'<footer>{html.escape(LICENCE.split(" Code")[0])} — {html.escape(fiche.meta.get("lien", ""))}</footer>'
    return page_simple(fiche.titre, entete + vers_html(fiche.corps, images) + pied, "fiche falc" if falc else "fiche",
                       _lire(THEME / "fiche.css"), retour="")


_LIEN_MD = re.compile(r"\]\(((?!https?:|#|mailto:)[^)\s]+?)\.md(#[^)]*)?\)")


def page_plan(plan: Source, images: dict[str, Image]) -> str:
    # Les liens entre plans (« autre_plan.md ») mènent aux pages HTML construites.
    corps = _LIEN_MD.sub(lambda m: f"]({m.group(1)}.html{m.group(2) or ''})", plan.corps)
    return page_simple(plan.titre, vers_html(corps, images), "plan", _lire(THEME / "page.css"))


def page_index(decks: list[Diaporama], liste_fiches: list[Source], liste_plans: list[Source], pdf: bool) -> str:
    def lignes_decks():
        for d in decks:
            lien_pdf = f' · <a href="diaporamas/{d.nom}.pdf">PDF avec notes</a>' if pdf else ""
            yield (f'<li><a href="diaporamas/{d.nom}.html">{html.escape(d.titre)}</a> — {len(d.diapos)} diapositives, '
                   f"{d.duree:g} min{lien_pdf}</li>")

    def lignes_fiches():
        for f in liste_fiches:
            lien = f"fiches/{f.nom}.pdf" if pdf else f"fiches/{f.nom}.html"
            yield f'<li><a href="{lien}">{html.escape(f.titre)}</a></li>'

    lignes_plans = (f'<li><a href="plans/{p.nom}.html">{html.escape(p.titre)}</a></li>' for p in liste_plans)
    corps = f"""<h1>Atelier IA &amp; ESS — kit d'animation</h1>
<p>Tout fonctionne sans réseau : copiez ce dossier sur une clé USB ou envoyez un fichier par courriel. Dans un
diaporama, appuyez sur <kbd>S</kbd> pour ouvrir la vue des notes, <kbd>F</kbd> pour le plein écran,
<kbd>Échap</kbd> pour la vue d'ensemble.</p>
<h2>Diaporamas</h2>
<ul>
{chr(10).join(lignes_decks())}
</ul>
<h2>Plans de séance</h2>
<ul>
{chr(10).join(lignes_plans)}
</ul>
<h2>Fiches à imprimer (une page A4 par module ; « facile à lire » : version FALC)</h2>
<ul>
{chr(10).join(lignes_fiches())}
</ul>
<p class="licence">{html.escape(LICENCE)} Reconstruire : <code>.venv/bin/python scripts/construire_kit.py</code>.</p>
"""
    return page_simple("Atelier IA & ESS — kit d'animation", corps, "plan", _lire(THEME / "page.css"), retour="")


# ── PDF (Chromium sans tête, sans réseau) ────────────────────────────────────────────────────────────────

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


# ── L'archive pour qui n'installe rien ────────────────────────────────────────────────────────────────────

LISEZMOI = """Kit d'animation de l'Atelier IA & ESS
=====================================

Rien à installer : décompressez cette archive (clic droit, « Extraire tout »), puis ouvrez kit_animation/index.html dans un
navigateur (Firefox, Chrome, Edge, Safari). Tout marche sans Internet.

- diaporamas/ : un diaporama par module, en HTML (touche S pour les notes de l'animation, F pour le plein écran)
  et en PDF (chaque diapositive suivie de ses notes) ;
- fiches/ : une fiche d'une page A4 par module pour les participantes et participants (HTML et PDF) ;
- plans/ : les plans de séance, les trois formats (webinaire, atelier de 3 heures, parcours en autonomie) et le
  plan B.

Construit le {date} depuis le dépôt de l'Atelier IA & ESS (scripts/construire_kit.py). {licence}
"""


def sources_du_kit() -> list[Path]:
    """Les fichiers dont le kit construit est tiré : les textes (diaporamas, fiches, plans), le thème et ce script.

    Les figures sont recalculées par le paquet ``atelier`` sur les données livrées : un changement de code ou de
    données qui modifierait une figure n'est pas suivi ici (reconstruisez alors l'archive à la main)."""
    chemins = [p for dossier in (DIAPORAMAS, FICHES, PLANS, THEME) for p in sorted(dossier.rglob("*"))
               if p.is_file() and "__pycache__" not in p.parts]
    return chemins + [Path(__file__).resolve()]


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


# ── La construction ──────────────────────────────────────────────────────────────────────────────────────

def construire(sortie: Path = SORTIE, pdf: bool = True, journal=print, archive: Path | None = None) -> dict:
    """Construit tout le kit dans ``sortie`` ; renvoie un résumé (décomptes, durées). ``archive`` : écrire aussi
    cette archive zip du kit (:func:`archiver`)."""
    debut = time.perf_counter()
    decks, liste_fiches, liste_plans = diaporamas(), fiches(), plans()
    noms = [f for d in decks for f in d.figures]
    noms += [nom for s in liste_fiches + liste_plans for _, nom in FIGURE_MD.findall(s.corps)]
    journal(f"→ {len(set(noms))} figures calculées avec le paquet atelier")
    images = calculer_figures(noms, journal)
    t_figures = time.perf_counter() - debut
    if sortie.resolve() == SORTIE.resolve() and sortie.exists():
        shutil.rmtree(sortie)       # le dossier par défaut ne garde rien d'une construction précédente
    for dossier in ("diaporamas", "fiches", "plans"):
        (sortie / dossier).mkdir(parents=True, exist_ok=True)
    travaux = []
    for d in decks:
        cible = sortie / "diaporamas" / f"{d.nom}.html"
        cible.write_text(page_diaporama(d, images), encoding="utf-8")
        travaux.append((cible, cible.with_suffix(".pdf"), "diaporama"))
    for f in liste_fiches:
        cible = sortie / "fiches" / f"{f.nom}.html"
        cible.write_text(page_fiche(f, images), encoding="utf-8")
        travaux.append((cible, cible.with_suffix(".pdf"), "fiche"))
    for p in liste_plans:
        (sortie / "plans" / f"{p.nom}.html").write_text(page_plan(p, images), encoding="utf-8")
    (sortie / "index.html").write_text(page_index(decks, liste_fiches, liste_plans, pdf), encoding="utf-8")
    journal(f"→ {len(decks)} diaporamas ({sum(len(d.diapos) for d in decks)} diapositives), {len(liste_fiches)} "
            f"fiches, {len(liste_plans)} plans écrits en HTML")
    if pdf:
        journal("→ Impression des PDF (Chromium sans tête, réseau bloqué)")
        imprimer(travaux, journal)
    if archive is not None:
        archiver(sortie, archive, journal)
    duree = time.perf_counter() - debut
    journal(f"✓ Kit construit en {duree:.0f} s (figures {t_figures:.0f} s) : {sortie / 'index.html'}")
    return {"diaporamas": len(decks), "fiches": len(liste_fiches), "plans": len(liste_plans), "duree": duree}


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description="Construit le kit d'animation (diaporamas, PDF, fiches, plans).")
    parser.add_argument("--sortie", type=Path, default=SORTIE, help="dossier de sortie (défaut : slides/_build)")
    parser.add_argument("--sans-pdf", action="store_true", help="ne pas imprimer les PDF (pas besoin de Chromium)")
    parser.add_argument("--verifier", action="store_true", help="relire les sources sans rien construire")
    parser.add_argument("--sans-archive", action="store_true",
                        help="ne pas réécrire slides/kit_animation.zip (écrite seulement par la construction complète "
                             "dans slides/_build)")
    args = parser.parse_args(argv)
    try:
        if args.verifier:
            decks = diaporamas()
            fiches()
            plans()
            for d in decks:
                print(f"{d.nom} : {len(d.diapos)} diapositives, {d.duree:g} min")
            print("✓ Sources correctes.")
            return 0
        complet = not args.sans_pdf and not args.sans_archive and args.sortie.resolve() == SORTIE.resolve()
        construire(args.sortie.resolve(), pdf=not args.sans_pdf, archive=ARCHIVE if complet else None)
    except ErreurSource as e:
        print(f"✗ {e}", file=sys.stderr)
        return 1
    return 0


def regler_environnement() -> None:
    """Réglages du script lancé seul (avant tout import de numpy) : un fil par bibliothèque, figures sans écran,
    jamais de Hub. Pas à l'import : un test qui importe ce module ne doit pas changer l'environnement
    des serveurs qu'il lance ensuite (JupyterLab hériterait de ``MPLBACKEND=Agg`` et n'afficherait plus les figures)."""
    for variable in ("OMP_NUM_THREADS", "OPENBLAS_NUM_THREADS", "MKL_NUM_THREADS"):
        os.environ.setdefault(variable, "1")
    os.environ.setdefault("MPLBACKEND", "Agg")
    os.environ.setdefault("HF_HUB_OFFLINE", "1")


if __name__ == "__main__":
    regler_environnement()
    sys.exit(main())
