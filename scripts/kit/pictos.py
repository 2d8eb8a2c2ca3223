"""Les pictogrammes du kit : de petites images SVG dessinées ici, par le code, sans rien télécharger.

Ils illustrent les fiches faciles à lire (FALC) et les cartes « L'IA au guichet » : **une image simple par idée**,
toujours la même pour la même idée d'une fiche à l'autre, à la place des graphiques statistiques des diaporamas.
Chaque pictogramme a son texte alternatif en français (ce qu'un lecteur d'écran dira), écrit à côté du dessin.

Dans une source du kit : ``![](picto:nom)`` (voir ``slides/README.md``). Tous les dessins tiennent dans un carré de
100 × 100, avec les couleurs d'Okabe et Ito (lisibles par les personnes daltoniennes) et des traits épais ; aucun
ne repose sur la couleur seule. Licence : comme le code du kit (MIT) ; dessinés pour l'atelier, ils ne reprennent
aucune banque de pictogrammes.
"""
from __future__ import annotations

import base64
import dataclasses
import html

BLEU, ORANGE, VERT, VERMILLON, GRIS, NOIR = "#0072B2", "#E69F00", "#009E73", "#D55E00", "#5A5A5A", "#1A1A1A"
CLAIR, BLANC = "#E8F1FA", "#FFFFFF"
TRAIT = 'stroke-linecap="round" stroke-linejoin="round"'


@dataclasses.dataclass(frozen=True)
class Picto:
    nom: str
    svg: str
    alt: str

    @property
    def src(self) -> str:
        return "data:image/svg+xml;base64," + base64.b64encode(self.svg.encode("utf-8")).decode("ascii")


PICTOS: dict[str, Picto] = {}


def _svg(*elements: str) -> str:
    return ('<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 100 100" width="100" height="100">'
            + "".join(elements) + "</svg>")


def picto(nom: str, alt: str):
    """Enregistre un pictogramme : une fonction sans argument qui renvoie la liste de ses éléments SVG."""
    def enregistrer(fonction):
        PICTOS[nom] = Picto(nom, _svg(*fonction()), alt)
        return fonction
    return enregistrer


# ── Les formes de base ──────────────────────────────────────────────────────────────────────────────────────

def rect(x, y, l, h, fond=BLANC, trait=NOIR, e=4, r=4) -> str:
    return (f'<rect x="{x}" y="{y}" width="{l}" height="{h}" rx="{r}" fill="{fond}" stroke="{trait}" '
            f'stroke-width="{e}" {TRAIT}/>')


def cercle(x, y, r, fond=BLANC, trait=NOIR, e=4) -> str:
    return f'<circle cx="{x}" cy="{y}" r="{r}" fill="{fond}" stroke="{trait}" stroke-width="{e}"/>'


def ligne(x1, y1, x2, y2, trait=NOIR, e=4) -> str:
    return f'<line x1="{x1}" y1="{y1}" x2="{x2}" y2="{y2}" stroke="{trait}" stroke-width="{e}" {TRAIT}/>'


def chemin(d, fond="none", trait=NOIR, e=4) -> str:
    return f'<path d="{d}" fill="{fond}" stroke="{trait}" stroke-width="{e}" {TRAIT}/>'


def texte(x, y, contenu, taille=16, couleur=NOIR, gras=True) -> str:
    poids = ' font-weight="bold"' if gras else ""
    return (f'<text x="{x}" y="{y}" font-family="DejaVu Sans, Arial, sans-serif" font-size="{taille}"{poids} '
            f'fill="{couleur}" text-anchor="middle">{html.escape(contenu)}</text>')


def coche(x, y, t=1.0, couleur=VERT, e=6) -> str:
    return chemin(f"M{x - 9 * t},{y} l{7 * t},{7 * t} l{13 * t},{-15 * t}", trait=couleur, e=e)


def croix(x, y, t=1.0, couleur=VERMILLON, e=6) -> str:
    return (ligne(x - 8 * t, y - 8 * t, x + 8 * t, y + 8 * t, couleur, e)
            + ligne(x + 8 * t, y - 8 * t, x - 8 * t, y + 8 * t, couleur, e))


def personne(x, y, t=1.0, fond=CLAIR, trait=NOIR) -> str:
    """Une personne en buste : la tête en (x, y)."""
    return (cercle(x, y, 9 * t, fond, trait)
            + chemin(f"M{x - 17 * t},{y + 32 * t} q0,{-19 * t} {17 * t},{-19 * t} q{17 * t},0 {17 * t},{19 * t} z",
                     fond=fond, trait=trait))


def feuille(x, y, l=34, h=44, lignes=4, fond=BLANC, trait=NOIR) -> str:
    """Une feuille écrite (un CV, un document) : coin haut gauche en (x, y)."""
    morceaux = [rect(x, y, l, h, fond, trait, r=3)]
    for i in range(lignes):
        morceaux.append(ligne(x + 6, y + 10 + i * 8, x + l - (6 if i % 2 == 0 else 12), y + 10 + i * 8, GRIS, 3))
    return "".join(morceaux)


def robot(x, y, t=1.0) -> str:
    """Une tête de robot : son centre en (x, y)."""
    return (ligne(x, y - 20 * t, x, y - 28 * t, NOIR, 4) + cercle(x, y - 30 * t, 3.5 * t, ORANGE, NOIR, 3)
            + rect(x - 20 * t, y - 20 * t, 40 * t, 34 * t, CLAIR, NOIR, r=7)
            + cercle(x - 8 * t, y - 6 * t, 4 * t, BLEU, BLEU, 1) + cercle(x + 8 * t, y - 6 * t, 4 * t, BLEU, BLEU, 1)
            + ligne(x - 8 * t, y + 6 * t, x + 8 * t, y + 6 * t, NOIR, 3.5))


def bulle(x, y, l, h, fond=BLANC, trait=NOIR) -> str:
    """Une bulle de parole, coin haut gauche en (x, y), la pointe en bas à gauche."""
    return (rect(x, y, l, h, fond, trait, r=8)
            + chemin(f"M{x + 10},{y + h - 2} l-6,12 l16,-12", fond=fond, trait=trait)
            + ligne(x + 11, y + h - 2, x + 19, y + h - 2, fond, 4))


def telephone(x, y, t=1.0, fond=BLANC) -> str:
    """Un téléphone portable : coin haut gauche en (x, y)."""
    return (rect(x, y, 30 * t, 52 * t, fond, NOIR, r=6) + ligne(x + 11 * t, y + 6 * t, x + 19 * t, y + 6 * t, GRIS, 3)
            + cercle(x + 15 * t, y + 45 * t, 2.5 * t, GRIS, GRIS, 1))


def batiment_public(x, y) -> str:
    """Un bâtiment à colonnes (un service public), coin bas gauche en (x, y), 56 de large."""
    return (chemin(f"M{x - 2},{y - 40} l30,-16 l30,16 z", fond=CLAIR) + ligne(x, y - 40, x + 56, y - 40)
            + "".join(ligne(x + 8 + 13 * i, y - 36, x + 8 + 13 * i, y - 6, BLEU, 5) for i in range(4))
            + ligne(x - 3, y - 3, x + 59, y - 3, NOIR, 5))


def enveloppe(x, y, l=56, h=38, fond=BLANC) -> str:
    return rect(x, y, l, h, fond, NOIR, r=3) + chemin(f"M{x + 2},{y + 3} L{x + l / 2},{y + h * 0.6} L{x + l - 2},{y + 3}")


def loupe(x, y, r=13, trait=BLEU) -> str:
    return cercle(x, y, r, "none", trait, 6) + ligne(x + r * 0.72, y + r * 0.72, x + r * 1.9, y + r * 1.9, trait, 8)


def cadenas(x, y, t=1.0, fond=ORANGE) -> str:
    """Un cadenas : coin haut gauche du corps en (x, y)."""
    return (chemin(f"M{x + 8 * t},{y} v{-9 * t} a{10 * t},{10 * t} 0 0 1 {20 * t},0 v{9 * t}", e=5)
            + rect(x, y, 36 * t, 28 * t, fond, NOIR, r=4) + cercle(x + 18 * t, y + 12 * t, 3.5 * t, NOIR, NOIR, 1)
            + ligne(x + 18 * t, y + 13 * t, x + 18 * t, y + 21 * t, NOIR, 3.5))


def panneau_attention(x, y, t=1.0) -> str:
    """Un triangle « attention », son sommet en (x, y)."""
    return (chemin(f"M{x},{y} l{22 * t},{38 * t} h{-44 * t} z", fond=ORANGE, e=4)
            + ligne(x, y + 13 * t, x, y + 25 * t, NOIR, 5) + cercle(x, y + 32 * t, 2.2 * t, NOIR, NOIR, 1))


# ── Les pictogrammes ────────────────────────────────────────────────────────────────────────────────────────
# Le texte alternatif décrit l'image elle-même, en une phrase courte (l'idée est dans le texte de la fiche).

@picto("mots_en_nombres", "Un mot dans une bulle, une flèche, puis des nombres.")
def _():
    return [bulle(4, 10, 46, 30), texte(27, 31, "mot", 15), chemin("M30,56 v14 h18", trait=BLEU, e=5),
            chemin("M44,64 l7,6 l-7,6", trait=BLEU, e=5), rect(54, 58, 42, 26, CLAIR, BLEU), texte(75, 77, "123", 15, BLEU)]


@picto("metiers_proches", "Deux personnes côte à côte, reliées par un trait vert.")
def _():
    return [personne(28, 36, 1.0), personne(72, 36, 1.0), chemin("M38,82 h24", trait=VERT, e=6),
            cercle(38, 82, 4, VERT, VERT, 1), cercle(62, 82, 4, VERT, VERT, 1)]


@picto("se_tromper", "Un ordinateur avec un grand point d'interrogation orange.")
def _():
    return [rect(10, 14, 80, 54, CLAIR, NOIR, r=5), ligne(50, 70, 50, 82), ligne(32, 86, 68, 86, NOIR, 5),
            texte(50, 58, "?", 44, VERMILLON)]


@picto("personne_verifie", "Une personne et une grande coche verte : elle vérifie.")
def _():
    return [personne(34, 30, 1.2), cercle(74, 66, 18, BLANC, VERT, 5), coche(74, 66, 0.9)]


@picto("carte_points", "Une carte avec des points rangés en petits groupes.")
def _():
    points = [(22, 30), (30, 24), (28, 36), (66, 28), (74, 34), (70, 22), (40, 70), (50, 66), (46, 78), (76, 72)]
    couleurs = [BLEU] * 3 + [ORANGE] * 3 + [VERT] * 3 + [VERMILLON]
    return [rect(6, 8, 88, 84, BLANC, NOIR, r=6)] + [cercle(x, y, 5, c, c, 1) for (x, y), c in zip(points, couleurs)]


@picto("faute_de_frappe", "Un mot tapé avec une faute, souligné d'une vague orange.")
def _():
    return [rect(6, 24, 88, 36, BLANC, NOIR, r=5), texte(50, 48, "mecanisien", 13, NOIR, False),
            chemin("M14,66 q4,-5 8,0 t8,0 t8,0 t8,0 t8,0 t8,0 t8,0 t8,0 t8,0", trait=VERMILLON, e=3.5),
            coche(50, 84, 0.7)]


@picto("sens_des_mots", "Une loupe posée sur des lignes de texte.")
def _():
    return [feuille(10, 8, 52, 66, 6), loupe(62, 58, 15)]


@picto("choisir_liste", "Une liste de trois lignes ; une seule est cochée.")
def _():
    morceaux = []
    for i, y in enumerate((14, 40, 66)):
        morceaux += [rect(10, y, 20, 20, BLANC, NOIR, r=3), ligne(40, y + 10, 88, y + 10, GRIS, 5)]
        if i == 1:
            morceaux.append(coche(20, y + 10, 0.75))
    return morceaux


@picto("deux_profils", "Deux feuilles identiques, l'une écrite « maçon », l'autre « maçonne ».")
def _():
    return [feuille(4, 28, 40, 56, 3), texte(24, 20, "maçon", 11), feuille(56, 28, 40, 56, 3),
            texte(76, 20, "maçonne", 11)]


@picto("livres_appris", "Une pile de livres à côté d'un ordinateur.")
def _():
    return [rect(6, 70, 40, 12, ORANGE), rect(10, 56, 36, 12, BLEU, NOIR), rect(4, 42, 40, 12, VERT),
            rect(54, 30, 42, 32, CLAIR, NOIR, r=4), ligne(75, 62, 75, 74), ligne(64, 76, 86, 76, NOIR, 5),
            chemin("M44,46 q8,-12 16,-8", trait=GRIS, e=3)]


@picto("liste_change", "Deux listes côte à côte ; la moitié des lignes a changé de couleur.")
def _():
    morceaux = [rect(6, 8, 38, 84, BLANC, NOIR, r=4), rect(56, 8, 38, 84, BLANC, NOIR, r=4)]
    for i in range(6):
        y = 20 + i * 13
        morceaux.append(ligne(13, y, 37, y, BLEU, 5))
        morceaux.append(ligne(63, y, 87, y, ORANGE if i % 2 else BLEU, 5))
    return morceaux


@picto("cv_trie", "Des feuilles de CV qui entrent dans un entonnoir ; une seule en sort.")
def _():
    return [feuille(6, 6, 24, 30, 2), feuille(38, 4, 24, 30, 2), feuille(70, 6, 24, 30, 2),
            chemin("M14,44 h72 l-26,26 v14 h-20 v-14 z", fond=CLAIR), coche(50, 92, 0.5)]


@picto("note_cv", "Une feuille de CV avec trois étoiles sur cinq.")
def _():
    def etoile(x, y, plein):
        d = f"M{x},{y - 8} l2.5,5.5 6,0.6 -4.5,4 1.3,6 -5.3,-3.1 -5.3,3.1 1.3,-6 -4.5,-4 6,-0.6 z"
        return chemin(d, fond=ORANGE if plein else BLANC, trait=NOIR, e=2.5)
    return [feuille(22, 6, 56, 56, 4)] + [etoile(14 + 18 * i, 80, i < 3) for i in range(5)]


@picto("lire_les_mots", "Une feuille de CV et une feuille d'offre ; les mêmes mots sont surlignés.")
def _():
    return [rect(4, 12, 40, 60, BLANC, NOIR, r=3), rect(56, 12, 40, 60, BLANC, NOIR, r=3),
            rect(10, 24, 28, 8, ORANGE, ORANGE, 1, 2), rect(62, 44, 28, 8, ORANGE, ORANGE, 1, 2),
            ligne(10, 44, 36, 44, GRIS, 3), ligne(10, 56, 30, 56, GRIS, 3), ligne(62, 26, 88, 26, GRIS, 3),
            ligne(62, 62, 82, 62, GRIS, 3), chemin("M38,28 C50,28 50,48 62,48", trait=BLEU, e=3)]


@picto("droits", "Une balance de la justice.")
def _():
    return [ligne(50, 12, 50, 84, NOIR, 5), ligne(30, 88, 70, 88, NOIR, 6), ligne(18, 26, 82, 26, NOIR, 5),
            cercle(50, 14, 4, ORANGE, NOIR, 3), ligne(18, 26, 8, 52, GRIS, 2.5), ligne(18, 26, 28, 52, GRIS, 2.5),
            ligne(82, 26, 72, 52, GRIS, 2.5), ligne(82, 26, 92, 52, GRIS, 2.5),
            chemin("M6,52 h24 a12,10 0 0 1 -24,0 z", fond=BLEU), chemin("M70,52 h24 a12,10 0 0 1 -24,0 z", fond=BLEU)]


@picto("contacts", "Un téléphone et une enveloppe : appeler ou écrire.")
def _():
    return [telephone(8, 20, 1.05), enveloppe(44, 36, 50, 34)]


@picto("robot_parle", "Une tête de robot qui parle dans une bulle.")
def _():
    return [robot(32, 62, 1.0), bulle(50, 8, 46, 30, CLAIR, BLEU), ligne(58, 18, 88, 18, BLEU, 3.5),
            ligne(58, 27, 80, 27, BLEU, 3.5)]


@picto("robot_doute", "Une tête de robot avec un point d'interrogation.")
def _():
    return [robot(40, 60, 1.1), cercle(80, 24, 16, BLANC, VERMILLON, 4), texte(80, 32, "?", 24, VERMILLON)]


@picto("donnees_protegees", "Une fiche d'identité fermée par un cadenas.")
def _():
    return [rect(6, 14, 66, 46, BLANC, NOIR, r=4), personne(24, 30, 0.55), ligne(40, 28, 64, 28, GRIS, 3.5),
            ligne(40, 40, 60, 40, GRIS, 3.5), cadenas(56, 60, 1.0)]


@picto("une_personne_au_guichet", "Une personne derrière un guichet, prête à aider.")
def _():
    return [personne(50, 24, 1.15), rect(6, 62, 88, 14, CLAIR, NOIR, r=2), ligne(12, 76, 12, 94),
            ligne(88, 76, 88, 94)]


@picto("structure", "Une maison d'association avec deux personnes devant.")
def _():
    return [chemin("M8,46 l42,-34 l42,34", fond="none", e=5), rect(16, 44, 68, 48, CLAIR, NOIR, r=2),
            rect(42, 66, 16, 26, BLANC, NOIR, r=2), personne(26, 60, 0.55), personne(74, 60, 0.55)]


@picto("etre_informe", "Une grande lettre « i » dans un cercle bleu : l'information.")
def _():
    return [cercle(50, 50, 40, CLAIR, BLEU, 6), cercle(50, 28, 5, BLEU, BLEU, 1), ligne(50, 42, 50, 74, BLEU, 9)]


@picto("copie_dossier", "Un dossier et sa copie, avec une flèche de l'un vers l'autre.")
def _():
    return [chemin("M6,30 h16 l5,-6 h17 v52 h-38 z", fond=ORANGE), feuille(56, 24, 38, 52, 4),
            chemin("M46,52 h6", trait=BLEU, e=5), chemin("M48,46 l6,6 l-6,6", trait=BLEU, e=4)]


@picto("lettre", "Une enveloppe et un stylo : écrire un courrier.")
def _():
    return [enveloppe(6, 30, 60, 42), chemin("M70,82 l6,-4 l18,-40 l-6,-3 l-18,40 z", fond=ORANGE),
            ligne(90, 41, 86, 49, NOIR, 3)]


@picto("arnaque", "Un téléphone qui reçoit un message avec un hameçon : une arnaque.")
def _():
    return [telephone(8, 20, 1.2), rect(14, 32, 24, 16, CLAIR, NOIR, 3, 3),
            chemin("M70,8 v52 a12,12 0 0 1 -24,0 v-6", trait=GRIS, e=5), chemin("M46,54 l-5,7", trait=GRIS, e=4),
            panneau_attention(80, 60, 0.7)]


@picto("voix_clonee", "Un téléphone, des ondes de voix et un panneau « attention ».")
def _():
    return [telephone(6, 24, 1.1), chemin("M46,38 q7,12 0,24", trait=BLEU, e=4),
            chemin("M56,32 q12,18 0,36", trait=BLEU, e=4), panneau_attention(78, 46, 0.75)]


@picto("score_service_public", "Un bâtiment public à colonnes et une jauge de note.")
def _():
    return [batiment_public(6, 92), chemin("M66,46 a18,18 0 0 1 28,-14", trait=VERT, e=7),
            chemin("M94,32 a18,18 0 0 1 -1,20", trait=VERMILLON, e=7), ligne(78, 54, 88, 38, NOIR, 4),
            cercle(78, 54, 3.5, NOIR, NOIR, 1)]


@picto("robot_sans_humain", "Un robot qui parle, et une personne barrée d'une croix.")
def _():
    return [robot(30, 58, 1.0), personne(76, 36, 0.8), croix(76, 50, 1.5)]


@picto("offres_emploi", "Une mallette de travail et une liste d'offres triée par un ordinateur.")
def _():
    return [rect(6, 40, 46, 36, ORANGE, NOIR, r=4), chemin("M20,40 v-8 h18 v8", e=4), ligne(6, 54, 52, 54, NOIR, 3),
            rect(60, 10, 34, 80, BLANC, NOIR, r=3), ligne(66, 24, 88, 24, BLEU, 5), ligne(66, 38, 86, 38, BLEU, 5),
            ligne(66, 52, 82, 52, GRIS, 5), ligne(66, 66, 80, 66, GRIS, 5)]


@picto("entretien_video", "Un écran qui filme le visage d'une personne.")
def _():
    return [rect(6, 14, 74, 54, CLAIR, NOIR, r=5), personne(43, 34, 0.85), ligne(43, 70, 43, 82),
            ligne(26, 86, 60, 86, NOIR, 5), rect(80, 26, 16, 14, NOIR, NOIR, 2, 2),
            chemin("M80,33 l-8,-5 v10 z", fond=NOIR, e=2)]


@picto("reponse_fausse", "Une bulle de réponse barrée d'une croix.")
def _():
    return [bulle(8, 10, 70, 46, CLAIR, NOIR), ligne(18, 24, 66, 24, GRIS, 4), ligne(18, 38, 56, 38, GRIS, 4),
            cercle(74, 72, 18, BLANC, VERMILLON, 5), croix(74, 72, 0.9)]


@picto("liste_de_controle", "Une planchette avec trois lignes cochées.")
def _():
    morceaux = [rect(14, 10, 72, 84, CLAIR, NOIR, r=5), rect(36, 4, 28, 12, GRIS, NOIR, r=3)]
    for y in (32, 54, 76):
        morceaux += [coche(32, y, 0.7), ligne(46, y, 76, y, NOIR, 4)]
    return morceaux


del _


def html_picto(nom: str, legende: str = "") -> str:
    """Le pictogramme ``nom`` en HTML : une image (SVG intégré) avec son texte alternatif."""
    p = PICTOS[nom]
    texte_legende = f"<figcaption>{html.escape(legende)}</figcaption>" if legende.strip() else ""
    return (f'\n\n<figure class="figure picto" data-picto="{p.nom}"><img src="{p.src}" width="100" height="100" '
            f'alt="{html.escape(p.alt, quote=True)}">{texte_legende}</figure>\n\n')
