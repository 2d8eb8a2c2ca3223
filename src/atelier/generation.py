"""Comment une machine écrit : les probabilités du mot suivant, et le tirage d'un texte (module 09).

Deux modèles, appris par l'atelier sur le même corpus français ouvert (ROME 4.0 de France Travail, Licence
Ouverte : définitions des fiches métier, compétences, intitulés ; voir ``datasets/mini_modele_cv.md``) :

- ``"ngrammes"`` : un modèle de trigrammes (``nltk.lm``) ; le mot suivant dépend des deux mots d'avant, et de
  rien d'autre (``atelier.modele_ngrammes``) ;
- ``"transformeur"`` : un tout petit *transformer*, la même architecture que les grands *chatbots*, en ≈ 1 million
  de paramètres, calculé avec numpy (``atelier.mini_transformeur``).

>>> from atelier import generation
>>> generation.mots_suivants("Accueillir les", k=3)                      # doctest: +SKIP
         mot  probabilite
0    clients     0.257554
1   patients     0.109720
2  passagers     0.082294
>>> generation.generer("Accueillir les", graine=1)                       # doctest: +SKIP
'Accueillir les clients dans les meilleures pratiques en vigueur'

Ce que la personne tape n'est jamais écrit sur le disque ni gardé. Une saisie inhabituelle ne fait pas d'erreur :
un texte vide fait commencer une phrase ; d'un texte long, le modèle ne lit que la fin (les
:data:`CARACTERES_LUS` derniers caractères) ; les balises HTML sont ôtées ; les emoji et les autres alphabets
sont ignorés ; des mots d'une autre langue sont lus comme des mots inconnus (la suite est alors peu sûre). Seuls
un début qui n'est pas un texte, ou des réglages hors des bornes (``k``, ``n_mots``, ``temperature``,
``modele``), lèvent :class:`~atelier.erreurs.EntreeInvalide` avec un message en français. Un fichier de poids
absent ou abîmé lève :class:`~atelier.erreurs.DonneesIndisponibles`, qui dit comment le remettre.
"""
from __future__ import annotations

import heapq
import math
import re

import numpy as np
import pandas as pd

from atelier import classement, data, mini_transformeur, modele_ngrammes
from atelier.erreurs import EntreeInvalide

#: Les deux modèles, du plus simple au plus proche des *chatbots*.
MODELES = ("ngrammes", "transformeur")
#: Ce que le tableau des mots suivants montre pour la fin de la phrase.
FIN = modele_ngrammes.FIN
#: D'un texte plus long, seuls ces derniers caractères sont lus (le contexte des modèles est bien plus court).
CARACTERES_LUS = 2000
#: Bornes des réglages.
K_MAX, MOTS_MAX, TEMPERATURE_MAX = 100, 200, 10.0
#: Recherche des mots suivants du transformeur : au plus tant de calculs du réseau, et les débuts de mot de
#: probabilité plus petite sont laissés de côté.
CALCULS_MAX, PROBA_MIN = 80, 1e-5

_ESPACES = re.compile(r"\s+")
_BALISE = re.compile(r"<[^>]{0,200}>")


def _verifier_modele(modele) -> str:
    if modele not in MODELES:
        raise EntreeInvalide(f"modèle inconnu : « {str(modele)[:40]} ». "
                             "Choisissez « ngrammes » ou « transformeur ».")
    return modele


def _verifier_debut(debut) -> str:
    """Le début tel qu'on l'affiche : balises ôtées, espaces réduites, les derniers :data:`CARACTERES_LUS`."""
    if debut is None:
        debut = ""
    if not isinstance(debut, str):
        raise EntreeInvalide("le début du texte doit être un texte (entre guillemets), par exemple "
                             "« Accueillir les ».")
    return _ESPACES.sub(" ", _BALISE.sub(" ", debut[-CARACTERES_LUS:])).strip()


def _entier(valeur, nom: str, maximum: int) -> int:
    if isinstance(valeur, bool) or not isinstance(valeur, (int, np.integer)) or not 1 <= valeur <= maximum:
        raise EntreeInvalide(f"{nom} doit être un nombre entier de 1 à {maximum} (reçu : {str(valeur)[:40]}).")
    return int(valeur)


def _verifier_temperature(temperature) -> float:
    try:
        t = float(temperature)
    except (TypeError, ValueError):
        t = math.nan
    if isinstance(temperature, bool) or not 0 <= t <= TEMPERATURE_MAX:
        raise EntreeInvalide(f"la température doit être un nombre de 0 à {TEMPERATURE_MAX:g} (0 : toujours le mot "
                             f"le plus probable ; 1 : le tirage selon le modèle ; reçu : {str(temperature)[:40]}).")
    return t


def _verifier_graine(graine) -> int:
    if isinstance(graine, bool) or not isinstance(graine, (int, np.integer)) or graine < 0:
        raise EntreeInvalide(f"la graine doit être un nombre entier positif ou nul (reçu : {str(graine)[:40]}).")
    return int(graine)


def _tableau(probas: dict[str, float], k: int) -> pd.DataFrame:
    """Les ``k`` mots les plus probables, du plus au moins probable ; ex aequo rangés par le mot."""
    mots = list(probas)
    valeurs = np.array([probas[m] for m in mots], dtype=np.float64)
    garde = classement.premiers(valeurs, min(k, len(mots)), departage=mots) if mots else []
    return pd.DataFrame({"mot": [mots[i] for i in garde],
                         "probabilite": [float(valeurs[i]) for i in garde]}, columns=["mot", "probabilite"])


def _tirer(probas: np.ndarray, temperature: float, rng: np.random.Generator) -> int:
    """Un numéro tiré selon ``probas`` réchauffées : ``p ** (1 / temperature)`` renormalisé ; à 0, le plus
    probable (le premier en cas d'égalité)."""
    if temperature == 0:
        return int(np.argmax(probas))
    with np.errstate(divide="ignore"):
        logp = np.log(probas) / temperature
    poids = np.exp(logp - logp.max())
    cumul = np.cumsum(poids)
    return int(min(np.searchsorted(cumul, rng.random() * cumul[-1], side="right"), len(probas) - 1))


# ----------------------------------------------------------------------------------------------------- n-grammes
def _probas_ngrammes(mots: list[str]) -> dict[str, float]:
    probas = modele_ngrammes.probabilites(modele_ngrammes.contexte(mots))
    if modele_ngrammes.FIN_NLTK in probas:
        probas[FIN] = probas.pop(modele_ngrammes.FIN_NLTK)
    return probas


def _generer_ngrammes(mots: list[str], n_mots: int, temperature: float, rng) -> list[str]:
    nouveaux: list[str] = []
    for _ in range(n_mots):
        probas = _probas_ngrammes(mots + nouveaux)
        if not nouveaux:                                            # au moins un mot
            probas.pop(FIN, None)
        candidats = sorted(probas)                                  # un ordre fixe : celui des mots
        choisi = candidats[_tirer(np.array([probas[m] for m in candidats]), temperature, rng)]
        if choisi == FIN:
            break
        nouveaux.append(choisi)
    return nouveaux


# -------------------------------------------------------------------------------------------------- transformeur
def _mots_suivants_transformeur(texte: str, k: int) -> dict[str, float]:
    """La probabilité des mots suivants : un mot est fait d'un ou plusieurs morceaux, et il finit quand le
    modèle commence un autre mot ou la fin du texte ; sa probabilité est le produit de celles de ses morceaux et
    de cette fin. On explore les débuts de mot du plus probable au moins probable : dès que ``k`` mots complets
    sont plus probables que tout début encore à explorer, le classement est exact (au plus :data:`CALCULS_MAX`
    calculs du réseau)."""
    m = mini_transformeur.modele()
    dec = m.decoupeur
    etat, p = m.debut(texte)
    complets: dict[str, float] = {FIN: float(p[dec.fin])}
    attente: list[tuple[float, int, list[int], object]] = []
    for t in np.flatnonzero(dec.debuts & (p >= PROBA_MIN)):
        attente.append((-float(p[t]), int(t), [int(t)], etat))
    heapq.heapify(attente)
    calculs = 0
    while attente and calculs < CALCULS_MAX:
        if len(complets) >= k and -attente[0][0] <= sorted(complets.values())[-k]:
            break
        moins_q, _, morceaux, parent = heapq.heappop(attente)
        q = -moins_q
        e = parent.copie()
        p2 = m.lire(e, [morceaux[-1]])
        calculs += 1
        fin_du_mot = float(p2[dec.debuts].sum() + p2[dec.fin])
        mot = dec.mots(morceaux)[0] if dec.mots(morceaux) else ""
        if mot:
            complets[mot] = complets.get(mot, 0.0) + q * fin_du_mot
        suite = ~dec.debuts
        suite[[dec.fin, dec.inconnu]] = False
        for t in np.flatnonzero(suite & (q * p2 >= PROBA_MIN)):
            heapq.heappush(attente, (-q * float(p2[t]), int(t), morceaux + [int(t)], e))
    return complets


def _generer_transformeur(texte: str, n_mots: int, temperature: float, rng) -> list[str]:
    m = mini_transformeur.modele()
    dec = m.decoupeur
    etat, p = m.debut(texte)
    morceaux: list[int] = []
    mots = 0
    for _ in range(n_mots * 8):
        p = p.copy()
        p[dec.inconnu] = 0.0
        if not morceaux:                           # le premier morceau commence un nouveau mot
            p[~dec.debuts] = 0.0
        t = _tirer(p / p.sum(), temperature, rng)
        if t == dec.fin:
            break
        if dec.debuts[t]:
            if mots == n_mots:
                break
            mots += 1
        morceaux.append(t)
        p = m.lire(etat, [t])
    return dec.mots(morceaux)


# ------------------------------------------------------------------------------------------------------- l'API
def mots_suivants(debut: str, k: int = 10, modele: str = "transformeur") -> pd.DataFrame:
    """Les ``k`` mots les plus probables après ``debut``, selon le modèle, avec leur probabilité (colonnes
    ``mot`` et ``probabilite``), du plus au moins probable ; des mots de même probabilité sont rangés par ordre
    alphabétique. Un texte vide donne les mots qui commencent une phrase ; « (fin de phrase) » est la probabilité
    que le texte s'arrête là. La somme est au plus 1 : les autres mots se partagent le reste."""
    modele = _verifier_modele(modele)
    k = _entier(k, "k (le nombre de mots)", K_MAX)
    texte = _verifier_debut(debut)
    if modele == "ngrammes":
        probas = _probas_ngrammes(modele_ngrammes.decouper_mots(texte))
    else:
        probas = _mots_suivants_transformeur(texte, k)
    return _tableau(probas, k)


def generer(debut: str, n_mots: int = 20, temperature: float = 0.8, graine: int = 0,
            modele: str = "transformeur") -> str:
    """Le début, suivi d'au plus ``n_mots`` mots écrits par le modèle (il s'arrête plus tôt s'il finit la
    phrase). Chaque mot est tiré au sort selon ses probabilités « réchauffées » par ``temperature`` : à 0, toujours
    le plus probable ; vers 1, le tirage selon le modèle ; au-dessus, des mots plus rares, un texte plus
    surprenant. Même graine, même début, mêmes réglages : même texte, sur un même ordinateur."""
    modele = _verifier_modele(modele)
    n_mots = _entier(n_mots, "n_mots (le nombre de mots)", MOTS_MAX)
    temperature = _verifier_temperature(temperature)
    rng = np.random.default_rng(_verifier_graine(graine))
    texte = _verifier_debut(debut)
    if modele == "ngrammes":
        nouveaux = _generer_ngrammes(modele_ngrammes.decouper_mots(texte), n_mots, temperature, rng)
    else:
        nouveaux = _generer_transformeur(texte, n_mots, temperature, rng)
    suite = modele_ngrammes.recoller(nouveaux)
    if not texte:
        return suite[:1].upper() + suite[1:]
    if not suite:
        return texte
    colle = nouveaux[0] in (".", ",", ")") or texte.endswith(("'", "’", "("))
    return texte + ("" if colle else " ") + suite


def taille_modele(modele: str = "transformeur") -> dict:
    """La taille d'un modèle, pour la comparer aux grands : ``parametres`` (nombres appris), ``octets`` (sur le
    disque, ou en comptes de 4 octets pour les n-grammes, qui n'ont pas de fichier : ils se comptent au premier
    usage), ``mots_corpus`` (mots d'entraînement), et une ``description``."""
    modele = _verifier_modele(modele)
    if modele == "ngrammes":
        lm = modele_ngrammes.modele()
        parametres = sum(len(fd) for ordre in range(2, modele_ngrammes.ORDRE + 1)
                         for fd in lm.counts[ordre].values()) + len(lm.counts.unigrams)
        return {"modele": modele, "parametres": int(parametres), "octets": int(4 * parametres),
                "mots_corpus": modele_ngrammes.taille_corpus("entrainement"),
                "description": f"trigrammes nltk.lm (Witten-Bell) : un compte par suite de 1 à "
                               f"{modele_ngrammes.ORDRE} mots vue dans le corpus"}
    m = mini_transformeur.modele()
    return {"modele": modele, "parametres": m.parametres,
            "octets": int(data.chemin(mini_transformeur.FICHIER).stat().st_size),
            "mots_corpus": int(m.meta["mots_entrainement"]),
            "description": f"transformer décodeur seul, {m.meta['couches']} couches, {m.dimension} dimensions, "
                           f"{len(m.decoupeur.vocabulaire)} morceaux de mots, poids float16"}
