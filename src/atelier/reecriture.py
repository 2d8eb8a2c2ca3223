"""Réécrire ce qu'une personne tape avant de chercher : écriture SMS, mots familiers, enseignes, fautes au son.

Le modèle e5 a surtout lu des textes bien orthographiés : « jveu répar lé voitur » ne lui dit presque rien, alors
que « je veux réparer les voitures » lui parle. La réécriture se fait en deux temps, mot à mot :

1. **le lexique** (``datasets/lexique_sms.csv``, écrit pour l'atelier) : les écritures SMS courantes (« jveu »,
   « ds », « lé »), les abrègements et l'argot (« taf », « asso », « keuf ») et des enseignes connues
   (« chez zara » → « chez magasin de vêtements ») sont remplacés par leur sens ; les expressions de plusieurs
   mots (« leroy merlin ») d'abord ;
2. **le son** : un mot qui n'est dans aucun texte du ROME (intitulés, définitions des fiches, compétences) est
   remplacé par le mot du ROME qui *se prononce pareil* (:func:`cle_phonetique` : « animo » → « animaux »,
   « menaj » → « ménage », « batimen » → « bâtiment »), s'il lui ressemble aussi par les lettres
   (≥ ``SEUIL_LETTRES`` %) : « foot » et « faux » se prononcent presque pareil, mais ne se ressemblent pas.

:func:`reecrire` rend le texte réécrit et la liste des remplacements, pour que la leçon et le tableau de bord
puissent dire ce qui a été compris. Rien de ce qui est tapé n'est écrit sur le disque ni gardé en mémoire.
"""
from __future__ import annotations

import collections
import functools
import re
from dataclasses import dataclass

from rapidfuzz import fuzz

from atelier import data
from atelier.libelles import sans_accents

#: Ressemblance minimale des lettres (0–100, rapidfuzz ``ratio``, sans accents) entre un mot inconnu et le mot du
#: ROME de même son qui le remplace.
SEUIL_LETTRES = 60
#: Longueur minimale d'un mot pour le remplacer par le son (les mots très courts sont souvent des sigles).
LONGUEUR_MIN_SON = 4
#: Au plus tant de mots sont lus (comme la recherche, qui tronque à 200 caractères).
MAX_MOTS = 40

_JETON = re.compile(r"[\w'’&-]+")
#: Un mot qui commence comme une élision écrite sans apostrophe (« larmé », « lecole »).
_ELISION = re.compile(r"^[ldjmnst][aeiouyhàâéèêîôû]\w{3,}$")
_SONS = [("eaux", "o"), ("eau", "o"), ("aux", "o"), ("au", "o"), ("ph", "f"), ("qu", "k"), ("q", "k"), ("ck", "k"),
         ("sch", "C"), ("ch", "C"), ("sh", "C"), ("ill", "y"), ("gn", "N")]


def cle_phonetique(mot: str) -> str:
    """Une clé qui ne garde que le son d'un mot français, à peu près : deux mots de même clé se prononcent pareil.

    >>> cle_phonetique("animo") == cle_phonetique("animaux")
    True
    >>> cle_phonetique("menaj") == cle_phonetique("ménage")
    True
    """
    m = sans_accents(mot.lower())
    for ecrit, son in _SONS:
        m = m.replace(ecrit, son)
    m = re.sub(r"c(?=[eiy])", "s", m).replace("c", "k").replace("x", "ks").replace("z", "s")
    m = re.sub(r"g(?=[eiy])", "j", m)
    m = re.sub(r"gu(?=[eiy])", "g", m)
    m = re.sub(r"(er|ez|et|ai|ei)$", "e", m)
    m = re.sub(r"(ai|ei)", "e", m)
    # lettres muettes de la fin : le pluriel (s, x), puis t, d, p (« bâtiment » se dit comme « batimen »)
    m = re.sub(r"(ks|s)$", "", m)
    m = re.sub(r"(t|d|p)$", "", m)
    m = re.sub(r"(an|am|en|em)(?![aeiouy nm])", "A", m)
    m = re.sub(r"(ain|ein|in|im|un|um)(?![aeiouy nm])", "I", m)
    m = re.sub(r"(on|om)(?![aeiouy nm])", "O", m)
    m = m.replace("ou", "U").replace("oi", "wa").replace("h", "").replace("y", "i")
    m = re.sub(r"(.)\1+", r"\1", m)
    return re.sub(r"e$", "", m)


@dataclass(frozen=True)
class Remplacement:
    """Un mot (ou une expression) tapé, ce par quoi il a été remplacé, et pourquoi (« sms », « son »…)."""

    ecrit: str
    sens: str
    raison: str


@functools.lru_cache(maxsize=1)
def _lexique() -> tuple[dict[tuple[str, ...], tuple[str, str]], int]:
    """Le lexique, clé = suite de mots en minuscules ; et la longueur (en mots) de sa plus longue expression."""
    lexique = {}
    for row in data.lexique_sms().itertuples(index=False):
        cle = tuple(_JETON.findall(row.ecrit.lower()))
        if cle:
            lexique[cle] = (row.sens, row.type)
    return lexique, max((len(c) for c in lexique), default=1)


@functools.lru_cache(maxsize=1)
def _vocabulaire() -> tuple[frozenset[str], dict[str, str]]:
    """Les mots (sans accents) de tous les textes du ROME livrés, et, pour chaque clé phonétique, le mot le plus
    fréquent qui l'a (≈ 20 000 mots ; une seule fois par noyau)."""
    textes = [*data.metiers()["appellation"], *data.lire_sans_garder(data.COMPETENCES)["libelle"],
              *data.lire_sans_garder(data.TEXTES_FICHES)["definition"]]
    compte = collections.Counter(m for t in textes for m in _JETON.findall(t.lower()) if m.isalpha())
    par_cle: dict[str, str] = {}
    for mot, _ in sorted(compte.items(), key=lambda x: (-x[1], x[0])):
        if len(mot) >= 3:
            par_cle.setdefault(cle_phonetique(mot), mot)
    return frozenset(sans_accents(m) for m in compte), par_cle


def _par_le_son(mot: str, connus: frozenset[str], par_son: dict[str, str]) -> str | None:
    """Le mot du ROME qui se prononce comme ``mot`` et lui ressemble par les lettres, si ``mot`` est inconnu."""
    nu = sans_accents(mot)
    if len(mot) < LONGUEUR_MIN_SON or not mot.isalpha() or nu in connus:
        return None
    proche = par_son.get(cle_phonetique(mot))
    return proche if proche and fuzz.ratio(nu, sans_accents(proche)) >= SEUIL_LETTRES else None


def reecrire(texte: str) -> tuple[str, list[Remplacement]]:
    """Le texte réécrit (en minuscules) et les remplacements faits, dans l'ordre.

    >>> reecrire("jveu répar lé voitur")[0]
    'je veux réparer les voitures'

    Un texte sans rien à réécrire revient tel quel, en minuscules, mots séparés par une espace.
    """
    mots = _JETON.findall(str(texte).lower().replace("’", "'"))[:MAX_MOTS]
    lexique, plus_long = _lexique()
    connus, par_son = _vocabulaire()
    sortie: list[str] = []
    faits: list[Remplacement] = []
    i = 0
    while i < len(mots):
        for n in range(min(plus_long, len(mots) - i), 0, -1):
            trouve = lexique.get(tuple(mots[i:i + n]))
            if trouve:
                ecrit = " ".join(mots[i:i + n])
                sortie.append(trouve[0])
                if trouve[0] != ecrit:
                    faits.append(Remplacement(ecrit, trouve[0], trouve[1]))
                i += n
                break
        else:
            mot = mots[i]
            i += 1
            proche = _par_le_son(mot, connus, par_son)
            if proche is None and _ELISION.match(mot) and sans_accents(mot) not in connus:   # « larmé » : « l'armée » écrit sans apostrophe
                suite = mot[1:] if sans_accents(mot[1:]) in connus else _par_le_son(mot[1:], connus, par_son)
                proche = f"{mot[0]}'{suite}" if suite else None
            if proche:
                sortie.append(proche)
                faits.append(Remplacement(mot, proche, "son"))
                continue
            sortie.append(mot)
    return " ".join(sortie), faits
