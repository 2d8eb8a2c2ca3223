"""Le petit corpus français de l'atelier, son découpage en mots, et le modèle n-grammes (bibliothèque ``nltk.lm``).

Le corpus : les textes ouverts que l'atelier livre déjà (ROME 4.0 de France Travail, Licence Ouverte) — les
définitions des 1 584 fiches métier coupées en phrases, les libellés de compétences et de savoirs, les intitulés
de métiers. Chaque phrase va, une fois pour toutes, soit dans l'entraînement (95 %), soit dans la mise à l'écart
(5 %, pour mesurer la perplexité), selon une empreinte de son texte (:func:`partie`) : le même partage sur toutes
les machines, quel que soit l'ordre des fichiers.

Le découpage en mots (:func:`decouper_mots`) est une expression régulière simple, en minuscules : le corpus est
petit (≈ 500 000 mots), et « Accueillir » et « accueillir » comptent ainsi pour un seul mot, ce qui double
presque les exemples de chaque début de libellé. Un mot garde son trait d'union (« bien-être ») ; l'élision reste
collée à son apostrophe (« l' », « d' ») ; la ponctuation compte pour un mot. :func:`recoller` fait le chemin
inverse.

Le modèle n-grammes est un modèle de **trigrammes** : la probabilité du mot suivant ne dépend que des deux mots
d'avant. ``nltk.lm.WittenBellInterpolated`` mélange les comptes des trigrammes, bigrammes et mots seuls (lissage
de Witten-Bell), si bien qu'un enchaînement jamais vu garde une petite probabilité. Il est construit à la
première demande, puis gardé : ≈ 9 s et 328 379 comptes ; le processus monte alors à ≈ 300 Mo, dont ≈ 100 Mo
pour l'import de ``nltk`` (qui charge scipy et scikit-learn) — de quoi le garder pour la leçon, pas pour un
tableau de bord (``benchmarks/bench_generation.py``). ``nltk`` ne télécharge rien pour cela : ``nltk.lm`` n'a besoin d'aucune donnée de ``nltk_data``.
"""
from __future__ import annotations

import functools
import re
import sys
import unicodedata
import zlib

from atelier import data

#: L'ordre du modèle : 3 = trigrammes (les deux mots d'avant).
ORDRE = 3
#: Un mot vu moins de fois que cela dans l'entraînement devient « mot rare » (``<UNK>`` pour nltk).
SEUIL_MOT_RARE = 2
#: Part des phrases mises à l'écart pour mesurer la perplexité (en pour cent).
POURCENT_ECART = 5
#: Ce que montre le tableau des mots suivants pour la fin de la phrase.
FIN = "(fin de phrase)"
#: Les marques de nltk : début et fin de phrase, mot rare.
DEBUT_NLTK, FIN_NLTK, RARE_NLTK = "<s>", "</s>", "<UNK>"

_LETTRES = "a-zà-öø-ÿœæ"
#: Un mot : une élision (« l' », « qu' »), ou des lettres et chiffres reliés par des traits d'union ; ou un signe
#: de ponctuation seul.
MOT = re.compile(rf"[{_LETTRES}]+'(?=[{_LETTRES}])|[{_LETTRES}0-9]+(?:-[{_LETTRES}0-9]+)*|[.,;:!?()/]")
_BALISE = re.compile(r"<[^>]{0,200}>")
_SANS_ESPACE_AVANT = {".", ",", ")"}
_SANS_ESPACE_APRES = {"("}


def normaliser(texte: str) -> str:
    """Le texte en minuscules, forme Unicode composée, apostrophes typographiques remplacées, balises HTML ôtées
    (une balise n'est pas du texte : « <b>accueillir</b> » se lit « accueillir »)."""
    texte = unicodedata.normalize("NFC", texte).replace("’", "'").replace("ʼ", "'")
    return _BALISE.sub(" ", texte).lower()


def decouper_mots(texte: str) -> list[str]:
    """Les mots d'un texte, en minuscules ; tout ce qui n'est ni lettre, ni chiffre, ni ponctuation simple (emoji,
    symboles, autres alphabets) est ignoré.

    >>> decouper_mots("Accueillir l'enfant, puis l’aider (bien-être) 🙂")
    ['accueillir', "l'", 'enfant', ',', 'puis', "l'", 'aider', '(', 'bien-être', ')']
    """
    return MOT.findall(normaliser(texte))


def recoller(mots: list[str]) -> str:
    """Les mots remis en texte : une espace entre deux mots, sauf avant « . , ) », après « ( » et après une
    élision.

    >>> recoller(["accueillir", "l'", "enfant", ",", "puis", "(", "bien-être", ")"])
    "accueillir l'enfant, puis (bien-être)"
    """
    morceaux: list[str] = []
    for i, mot in enumerate(mots):
        if i and mot not in _SANS_ESPACE_AVANT and not mots[i - 1].endswith("'") \
                and mots[i - 1] not in _SANS_ESPACE_APRES:
            morceaux.append(" ")
        morceaux.append(mot)
    return "".join(morceaux)


def partie(phrase: str) -> str:
    """« ecart » pour ≈ 5 % des phrases (mesure de la perplexité), « entrainement » pour les autres : d'après une
    empreinte CRC-32 du texte, donc la même sur toutes les machines."""
    return "ecart" if zlib.crc32(phrase.encode("utf-8")) % 100 < POURCENT_ECART else "entrainement"


def _phrases_definition(definition: str) -> list[str]:
    return [p.strip() for p in re.split(r"(?<=[.!?])\s+", definition) if p.strip()]


@functools.lru_cache(maxsize=1)
def phrases_corpus() -> tuple[tuple[str, str], ...]:
    """Toutes les phrases du corpus, ``(phrase, partie)`` : définitions des fiches coupées en phrases (dans
    l'ordre des fiches), puis libellés de compétences et intitulés de métiers distincts (ordre alphabétique)."""
    phrases: list[str] = []
    for definition in data.textes_fiches()["definition"]:
        phrases += _phrases_definition(definition)
    phrases += sorted(set(data.competences()["libelle"]))
    phrases += sorted(set(data.metiers()["appellation"]))
    return tuple((p, partie(p)) for p in phrases)


def phrases(quelle: str = "entrainement") -> list[str]:
    """Les phrases d'une partie du corpus (« entrainement » ou « ecart »)."""
    return [p for p, q in phrases_corpus() if q == quelle]


def taille_corpus(quelle: str = "entrainement") -> int:
    """Le nombre de mots (au sens de :func:`decouper_mots`) d'une partie du corpus."""
    return sum(len(decouper_mots(p)) for p in phrases(quelle))


@functools.lru_cache(maxsize=1)
def modele():
    """Le modèle de trigrammes ``nltk.lm.WittenBellInterpolated``, appris sur la partie « entrainement » du corpus
    (construit une fois par noyau, à la première demande)."""
    from nltk.lm import Vocabulary, WittenBellInterpolated
    from nltk.lm.preprocessing import padded_everygram_pipeline

    # un seul objet par mot (sys.intern) : les comptes de nltk en gardent un par contexte sinon ; mêmes
    # probabilités, 27 Mo de moins dans le noyau (115 → 88 Mo mesurés pour le modèle seul)
    textes = [[sys.intern(mot) for mot in decouper_mots(p)] for p in phrases("entrainement")]
    ngrammes, flot = padded_everygram_pipeline(ORDRE, textes)
    lm = WittenBellInterpolated(ORDRE, vocabulary=Vocabulary(flot, unk_cutoff=SEUIL_MOT_RARE))
    lm.fit(ngrammes)
    return lm


def contexte(mots: list[str]) -> tuple[str, ...]:
    """Les deux derniers mots (``ORDRE - 1``), complétés par la marque de début de phrase ; un mot inconnu du
    modèle devient « mot rare »."""
    lm = modele()
    complet = [DEBUT_NLTK] * (ORDRE - 1) + list(mots)
    return tuple(lm.vocab.lookup(complet[-(ORDRE - 1):]))


#: Combien de suites du contexte court (le dernier mot seul), et de mots seuls, sont proposées en plus de tout ce
#: qui a suivi le contexte entier.
SUITES_CONTEXTE, SUITES_COURTES, MOTS_SEULS = 200, 60, 20


def candidats(ctx: tuple[str, ...]) -> list[str]:
    """Les mots qui peuvent avoir une probabilité notable après ce contexte : les plus fréquents après lui dans
    l'entraînement (tous, s'il y en a moins de 200), après son dernier mot seul, et les mots les plus fréquents.
    Les autres n'ont que la petite part que le lissage leur laisse ; les noter tous (≈ 10 000 mots) prendrait
    une seconde par mot généré."""
    lm = modele()
    vus = {m for m, _ in lm.counts[ctx].most_common(SUITES_CONTEXTE)}
    vus.update(m for m, _ in lm.counts[ctx[1:]].most_common(SUITES_COURTES))
    vus.update(m for m, _ in lm.counts.unigrams.most_common(MOTS_SEULS))
    vus -= {RARE_NLTK, DEBUT_NLTK}
    return sorted(vus)


def probabilites(ctx: tuple[str, ...]) -> dict[str, float]:
    """La probabilité de chaque candidat (:func:`candidats`) après ce contexte, selon ``nltk.lm``."""
    lm = modele()
    return {mot: float(lm.score(mot, ctx)) for mot in candidats(ctx)}
