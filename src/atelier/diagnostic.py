"""Autodiagnostic « L'IA dans ma structure » (module 08) : un questionnaire, un profil, des recommandations.

Le questionnaire (``datasets/diagnostic_ia.csv``, fiche ``diagnostic_ia.md``) pose 17 questions réparties sur
quatre **axes** : les trois familles d'usages de l'IA présentées par Share it au webinaire SOGA du 18 avril 2024
(tâches du quotidien, tâches du métier, fonctionnement de la structure), plus un **socle de confiance** (données,
consentement, biais, transparence, responsabilité). Chaque option de réponse vaut des points.

**Règle de calcul** (:func:`profil`) : sur chaque axe, score = 100 × (points obtenus) ÷ (points maximaux).

- « Je ne sais pas » est une réponse : elle vaut 0 point (ne pas savoir est une information).
- Une question **sans réponse** (absente du dictionnaire, ou ``None``) dépend de la règle choisie :
  ``sans_reponse="ignorer"`` (par défaut) la retire du calcul, au numérateur comme au dénominateur : le score
  porte sur les seules questions qui ont reçu une réponse, et le profil dit combien il y en a ; un axe sans aucune réponse
  n'a pas de score (``NaN``, affiché « sans réponse »). ``sans_reponse="zero"`` la compte comme 0 point sur
  son maximum : règle plus sévère, qui ne laisse jamais d'axe sans score.

Le score n'est pas une note : 100 veut dire « tout ce que demandent les questions est en place », y compris le
choix éclairé de ne pas utiliser l'IA pour une tâche. Il ne mesure pas la quantité d'IA utilisée.

**Recommandations** (:func:`recommandations`) : pour chaque usage envisagé (``datasets/diagnostic_usages.csv``,
fiche ``diagnostic_usages.md``), les enjeux à régler d'abord, dans l'ordre, avec une question concrète pour
chacun, et les modules de l'atelier à suivre. Ordre des enjeux : ceux que vos réponses au socle de confiance ne
montrent pas « en place » passent devant ; à égalité, l'ordre de priorité propre à l'usage. Les usages sont
rangés par vigilance (élevée, moyenne, faible), puis dans l'ordre du fichier ; les modules, dans l'ordre du
parcours (00 → 08).

Tout est déterministe, sans modèle d'IA, et rien de ce que la personne répond n'est écrit sur le disque ni
journalisé : les réponses ne vivent que dans la mémoire du noyau.

>>> from atelier import diagnostic
>>> diagnostic.scorer({"Q01": "c", "Q02": "a"})["quotidien"]   # (2 + 0) / (2 + 2)
50.0
"""
from __future__ import annotations

import functools
import math
import unicodedata
from collections.abc import Iterable, Mapping
from dataclasses import dataclass

import matplotlib.pyplot as plt
import pandas as pd

from atelier import data, registre
from atelier.erreurs import DonneesIndisponibles, EntreeInvalide
from atelier.figures import nombre_fr
from atelier.libelles import sans_accents
from atelier.palette import GRIS, PRINCIPALE

QUESTIONNAIRE = "diagnostic_ia.csv"
USAGES = "diagnostic_usages.csv"
COLONNES_QUESTIONNAIRE = ("question_id", "axe", "enjeu", "question", "pourquoi", "option_id", "option", "points")
COLONNES_USAGES = ("id", "usage", "type_usage", "vigilance", "exemple", "priorites", "donnees", "consentement",
                   "biais", "transparence", "responsabilite", "modules", "note_droit")

#: Les quatre axes du profil, dans l'ordre d'affichage.
AXES = {
    "quotidien": "Tâches du quotidien",
    "metier": "Tâches du métier",
    "organisation": "Fonctionnement de la structure",
    "socle": "Socle de confiance",
}
DESCRIPTIONS_AXES = {
    "quotidien": "rédiger, résumer, traduire, préparer un compte rendu de réunion",
    "metier": "collecte de fonds, communication, accueil et orientation des personnes, recrutement, mise en "
              "relation avec l'emploi",
    "organisation": "processus, gouvernance, stratégie de données, formation des équipes",
    "socle": "données, consentement, biais, transparence, responsabilité",
}
#: Les cinq enjeux à régler avant un usage ; chacun a une question du socle de confiance.
ENJEUX = {
    "donnees": "Données",
    "consentement": "Consentement",
    "biais": "Biais",
    "transparence": "Transparence",
    "responsabilite": "Responsabilité (qui répond ?)",
}
VIGILANCES = ("élevée", "moyenne", "faible")
#: Niveaux en langage courant : (seuil bas inclus, nom), du plus haut au plus bas.
NIVEAUX = ((75.0, "solide"), (50.0, "en chemin"), (25.0, "premiers pas"), (0.0, "à découvrir"))
SANS_REPONSE = "sans réponse"
REGLES_SANS_REPONSE = ("ignorer", "zero")
ETATS = {
    "a_travailler": "à travailler",
    "a_verifier": "à vérifier (question sans réponse)",
    "en_place": "en place selon vos réponses",
}
#: Longueur maximale gardée pour un nom de structure.
MAX_NOM = 120
#: Un conseil par axe, donné quand le score de l'axe est sous 50 (ou sans réponse).
CONSEILS_AXES = {
    "quotidien": ("Faites ensemble l'inventaire des outils déjà utilisés, puis essayez un outil à plusieurs, sur de "
                  "vraies tâches (Share it, dans son article « Entrepreneurs sociaux à l'ère de l'IA », conseille d'y "
                  "consacrer une dizaine d'heures), avec une règle de relecture."),
    "metier": ("Choisissez une tâche précise de votre métier, associez l'équipe et des personnes accompagnées, et "
               "écrivez ce que vous ne voulez pas confier à une IA. Les modules 04 à 07 montrent quoi vérifier avant "
               "d'utiliser un outil qui propose, trie ou répond."),
    "organisation": ("Inscrivez l'IA à l'ordre du jour de vos instances et prévoyez un temps de formation pour les "
                     "personnes concernées : un Café IA, un parcours Pix, les ressources des Bons Clics ou de La Mednum "
                     "peuvent servir de point de départ."),
    "socle": ("Écrivez cinq règles courtes : ce qu'on ne saisit jamais dans un outil, comment on prévient les "
              "personnes, comment on vérifie les biais, comment on dit qu'une IA intervient, et qui répond en cas "
              "d'erreur."),
}
SEUIL_CONSEIL = 50.0


def modules_atelier() -> dict[str, str]:
    """Les modules de l'atelier, numéro → titre (et notions entre parenthèses), dans l'ordre du parcours : tirés du
    registre ``notebooks/parcours.toml`` (:func:`atelier.registre.parcours`)."""
    return {m.numero: m.libelle for m in registre.parcours()}


def __getattr__(nom: str):
    # MODULES (numéro → titre) : lu dans le registre du parcours au premier usage, comme modules_atelier().
    if nom == "MODULES":
        return modules_atelier()
    raise AttributeError(f"module {__name__!r} has no attribute {nom!r}")


# ------------------------------------------------------------------------------------------------ lecture

_abime = data.fichier_lecon_abime


def _lire(fichier: str, colonnes: tuple[str, ...]) -> tuple[str, pd.DataFrame]:
    """Lit un CSV de ``datasets/`` en texte ; renvoie ``(fichier, tableau)`` ou une erreur qui nomme le fichier."""
    return fichier, data.lire_table_lecon(fichier, colonnes)


def _signature(fichier: str) -> tuple[str, int, int]:
    path = data.chemin(fichier)
    try:
        st = path.stat()
    except OSError:
        raise _abime(fichier, "est introuvable") from None
    return str(path), st.st_mtime_ns, st.st_size


@functools.lru_cache(maxsize=4)
def _questionnaire_valide(_signature: tuple[str, int, int]) -> pd.DataFrame:
    fichier, df = _lire(QUESTIONNAIRE, COLONNES_QUESTIONNAIRE)

    def erreur(raison: str) -> DonneesIndisponibles:
        return _abime(fichier, f"est abîmé : {raison}")

    for i, r in enumerate(df.itertuples(index=False), start=2):
        if not r.question_id or not r.option_id or not r.option or not r.question:
            raise erreur(f"ligne {i}, identifiant, question ou option vide")
        if r.axe not in AXES:
            raise erreur(f"la question {r.question_id} a un axe inconnu « {r.axe} » (attendu : {', '.join(AXES)})")
        if r.enjeu and r.enjeu not in ENJEUX:
            raise erreur(f"la question {r.question_id} a un enjeu inconnu « {r.enjeu} »")
        if not r.points.isdigit():
            raise erreur(f"la question {r.question_id}, option {r.option_id}, n'a pas de points valides "
                         f"(« {r.points} » ; un nombre entier positif ou nul est attendu)")
    df["points"] = df["points"].astype(int)
    for qid, g in df.groupby("question_id", sort=False):
        for colonne in ("axe", "enjeu", "question", "pourquoi"):
            if g[colonne].nunique() != 1:
                raise erreur(f"la question {qid} change de {colonne} d'une ligne à l'autre")
        if len(g) < 2:
            raise erreur(f"la question {qid} n'a qu'une option de réponse")
        if g["option_id"].duplicated().any():
            raise erreur(f"la question {qid} a deux options avec le même identifiant")
        if g["points"].max() <= 0:
            raise erreur(f"aucune option de la question {qid} ne rapporte de point")
    if df["question_id"].ne(df["question_id"].shift()).sum() != df["question_id"].nunique():
        raise erreur("les lignes d'une même question doivent se suivre")
    axes_vides = [a for a in AXES if a not in set(df["axe"])]
    if axes_vides:
        raise erreur("aucune question pour l'axe " + ", ".join(axes_vides))
    par_enjeu = df.drop_duplicates("question_id").query("enjeu != ''")["enjeu"].value_counts()
    manquants = [e for e in ENJEUX if par_enjeu.get(e, 0) != 1]
    if manquants:
        raise erreur("chaque enjeu doit avoir exactement une question ; à revoir : " + ", ".join(manquants))
    return df


@functools.lru_cache(maxsize=4)
def _usages_valides(_signature: tuple[str, int, int]) -> pd.DataFrame:
    fichier, df = _lire(USAGES, COLONNES_USAGES)

    def erreur(raison: str) -> DonneesIndisponibles:
        return _abime(fichier, f"est abîmé : {raison}")

    if (df["id"] == "").any() or df["id"].duplicated().any():
        raise erreur("un identifiant d'usage est vide ou en double")
    if (df["usage"] == "").any() or df["usage"].map(sans_accents).duplicated().any():
        raise erreur("un libellé d'usage est vide ou en double")
    for r in df.itertuples(index=False):
        if r.type_usage not in ("quotidien", "metier", "organisation"):
            raise erreur(f"l'usage {r.id} a un type inconnu « {r.type_usage} »")
        if r.vigilance not in VIGILANCES:
            raise erreur(f"l'usage {r.id} a une vigilance inconnue « {r.vigilance} » (attendu : {', '.join(VIGILANCES)})")
        priorites = r.priorites.split(";") if r.priorites else []
        if not priorites or any(p not in ENJEUX for p in priorites) or len(set(priorites)) != len(priorites):
            raise erreur(f"l'usage {r.id} a des priorités invalides « {r.priorites} » (attendu : des enjeux parmi "
                         f"{', '.join(ENJEUX)}, séparés par des points-virgules, sans doublon)")
        vides = [e for e in ENJEUX if not getattr(r, e)]
        if vides:
            raise erreur(f"l'usage {r.id} n'a pas de question pour : {', '.join(vides)}")
        modules = r.modules.split(";") if r.modules else []
        connus = modules_atelier()
        inconnus = [m for m in modules if m not in connus]
        if not modules or inconnus:
            raise erreur(f"l'usage {r.id} cite un module inconnu « {';'.join(inconnus) or r.modules} » "
                         f"(modules valides : {min(connus)} à {max(connus)}, séparés par des points-virgules)")
    return df


def questionnaire() -> pd.DataFrame:
    """Le questionnaire, une ligne par option de réponse : question, axe, enjeu, option et ses points.

    Le fichier est relu s'il a changé ; il est validé (axes et enjeux connus, points entiers, au moins deux
    options et un point possible par question) : s'il est absent ou abîmé, l'erreur le nomme.
    """
    return _questionnaire_valide(_signature(QUESTIONNAIRE)).copy()


@dataclass(frozen=True)
class _Catalogue:
    """Le questionnaire rangé par question, pour répondre vite (un clic de tableau de bord)."""

    questions: pd.DataFrame
    ids: tuple[str, ...]
    axe: dict[str, str]
    enjeu: dict[str, str]
    texte: dict[str, str]
    points: dict[str, dict[str, int]]
    options: dict[str, dict[str, str]]
    maximum: dict[str, int]


@functools.lru_cache(maxsize=4)
def _catalogue_de(signature: tuple[str, int, int]) -> _Catalogue:
    q = _questionnaire_valide(signature)
    par_question = q.groupby("question_id", sort=False).agg(
        axe=("axe", "first"), enjeu=("enjeu", "first"), question=("question", "first"),
        pourquoi=("pourquoi", "first"), options=("option_id", tuple), points_max=("points", "max")).reset_index()
    points: dict[str, dict[str, int]] = {}
    textes: dict[str, dict[str, str]] = {}
    for r in q.itertuples(index=False):
        points.setdefault(r.question_id, {})[r.option_id] = int(r.points)
        textes.setdefault(r.question_id, {})[r.option_id] = r.option
    return _Catalogue(
        questions=par_question, ids=tuple(par_question["question_id"]),
        axe=dict(zip(par_question["question_id"], par_question["axe"])),
        enjeu=dict(zip(par_question["question_id"], par_question["enjeu"])),
        texte=dict(zip(par_question["question_id"], par_question["question"])),
        points=points, options=textes,
        maximum={k: int(v) for k, v in zip(par_question["question_id"], par_question["points_max"])})


def _catalogue() -> _Catalogue:
    return _catalogue_de(_signature(QUESTIONNAIRE))


def questions() -> pd.DataFrame:
    """Une ligne par question : ``question_id``, ``axe``, ``enjeu``, ``question``, ``pourquoi``, ``options``
    (les lettres possibles), ``points_max``."""
    return _catalogue().questions.copy()


def options(question_id: str) -> pd.DataFrame:
    """Les options d'une question : ``option_id``, ``option``, ``points``."""
    qid = _normaliser_question(question_id)
    c = _catalogue()
    return pd.DataFrame({"option_id": list(c.points[qid]), "option": list(c.options[qid].values()),
                         "points": list(c.points[qid].values())})


def usages() -> pd.DataFrame:
    """Les usages que l'on peut envisager (``datasets/diagnostic_usages.csv``), une ligne chacun."""
    return _usages_valides(_signature(USAGES)).copy()


# ---------------------------------------------------------------------------------------------- réponses

def _court(texte: object, n: int = 40) -> str:
    texte = str(texte)
    return texte if len(texte) <= n else texte[: n - 1] + "…"


def _normaliser_question(question_id: object) -> str:
    ids = _catalogue().ids
    if isinstance(question_id, str) and question_id.strip().upper() in ids:
        return question_id.strip().upper()
    raise EntreeInvalide(f"question inconnue : « {_court(question_id)} ». Les questions vont de {ids[0]} à {ids[-1]}.")


def valider_reponses(reponses: Mapping | None) -> dict[str, str | None]:
    """Vérifie des réponses ``{"Q01": "b", ...}`` et les renvoie pour toutes les questions (``None`` = sans réponse).

    Les identifiants de question et les lettres sont acceptés en majuscules ou minuscules. Une valeur ``None`` ou
    vide veut dire « sans réponse ». Une question inconnue, une lettre qui n'existe pas pour cette question ou
    autre chose qu'un dictionnaire donnent une :class:`~atelier.erreurs.EntreeInvalide` en français.
    """
    if reponses is None:
        reponses = {}
    if not isinstance(reponses, Mapping):
        raise EntreeInvalide("les réponses doivent être un dictionnaire {question: lettre de l'option}, "
                             "par exemple {\"Q01\": \"b\", \"Q02\": None}.")
    c = _catalogue()
    propres: dict[str, str | None] = {qid: None for qid in c.ids}
    vues: set[str] = set()
    for cle, valeur in reponses.items():
        qid = _normaliser_question(cle)
        if qid in vues:
            raise EntreeInvalide(f"la question {qid} apparaît deux fois dans vos réponses.")
        vues.add(qid)
        if valeur is None or (isinstance(valeur, float) and math.isnan(valeur)):
            continue
        if isinstance(valeur, str) and valeur.strip() == "":
            continue
        lettres = tuple(c.points[qid])
        if not isinstance(valeur, str) or valeur.strip().lower() not in lettres:
            raise EntreeInvalide(
                f"réponse « {_court(valeur)} » inconnue pour la question {qid} : choisissez "
                f"{', '.join(lettres[:-1])} ou {lettres[-1]} (ou None pour « sans réponse »).")
        propres[qid] = valeur.strip().lower()
    return propres


def detail_points(reponses: Mapping | None) -> pd.DataFrame:
    """Une ligne par question : la réponse choisie (texte), ses points (``NaN`` si sans réponse) et le maximum."""
    propres = valider_reponses(reponses)
    c = _catalogue()
    lignes = []
    for qid in c.ids:
        choix = propres[qid]
        lignes.append({
            "question_id": qid, "axe": c.axe[qid], "question": c.texte[qid],
            "reponse": choix if choix is not None else "",
            "texte_reponse": c.options[qid][choix] if choix is not None else SANS_REPONSE,
            "points": float(c.points[qid][choix]) if choix is not None else float("nan"),
            "points_max": c.maximum[qid],
        })
    return pd.DataFrame(lignes)


def niveau(score: float) -> str:
    """Le niveau en langage courant d'un score sur 100 (« à découvrir », « premiers pas », « en chemin », « solide »)."""
    if score is None or (isinstance(score, float) and math.isnan(score)):
        return SANS_REPONSE
    for seuil, nom in NIVEAUX:
        if score >= seuil:
            return nom
    return NIVEAUX[-1][1]


def profil(reponses: Mapping | None, sans_reponse: str = "ignorer") -> pd.DataFrame:
    """Le profil, une ligne par axe : ``axe``, ``libelle``, ``n_questions``, ``n_repondues``, ``points``,
    ``points_max``, ``score`` (0 à 100, ou ``NaN``) et ``niveau``. Règle de calcul : voir le haut du module."""
    if sans_reponse not in REGLES_SANS_REPONSE:
        raise EntreeInvalide(f"règle « {_court(sans_reponse)} » inconnue pour les questions sans réponse : "
                             f"choisissez « ignorer » ou « zero ».")
    d = detail_points(reponses)
    lignes = []
    for axe, libelle in AXES.items():
        g = d[d["axe"] == axe]
        repondues = g[g["points"].notna()]
        points = float(repondues["points"].sum())
        maximum = float((repondues if sans_reponse == "ignorer" else g)["points_max"].sum())
        score = 100.0 * points / maximum if maximum > 0 else float("nan")
        lignes.append({"axe": axe, "libelle": libelle, "n_questions": len(g), "n_repondues": len(repondues),
                       "points": points, "points_max": maximum, "score": score, "niveau": niveau(score)})
    return pd.DataFrame(lignes)


def scorer(reponses: Mapping | None, sans_reponse: str = "ignorer") -> dict[str, float]:
    """Le score sur 100 de chaque axe, ``{"quotidien": 37.5, ...}`` (``NaN`` : aucune réponse sur l'axe)."""
    p = profil(reponses, sans_reponse)
    return dict(zip(p["axe"], p["score"].astype(float)))


def ecrire_score(score: float) -> str:
    """« 37,5 », « 100 », « sans réponse » : un score écrit à la française, une décimale au plus."""
    if score is None or (isinstance(score, float) and math.isnan(score)):
        return SANS_REPONSE
    texte = nombre_fr(score, 1)
    return texte[:-2] if texte.endswith(",0") else texte


def conseils(p: pd.DataFrame) -> list[tuple[str, str]]:
    """``(libellé de l'axe, conseil)`` pour chaque axe dont le score est sous 50 ou sans réponse."""
    return [(r.libelle, CONSEILS_AXES[r.axe]) for r in p.itertuples(index=False)
            if math.isnan(r.score) or r.score < SEUIL_CONSEIL]


# -------------------------------------------------------------------------------------- recommandations

def etats_enjeux(reponses: Mapping | None) -> dict[str, str]:
    """Pour chaque enjeu, l'état que montre sa question du socle : ``a_travailler``, ``a_verifier`` ou ``en_place``."""
    propres = valider_reponses(reponses)
    c = _catalogue()
    etats = {}
    for qid, enjeu in c.enjeu.items():
        if not enjeu:
            continue
        if propres[qid] is None:
            etats[enjeu] = "a_verifier"
        else:
            etats[enjeu] = "en_place" if c.points[qid][propres[qid]] >= c.maximum[qid] else "a_travailler"
    return etats


def _trouver_usages(usages_prevus: Iterable[str] | str | None) -> list[str]:
    if usages_prevus is None:
        return []
    if isinstance(usages_prevus, str):
        usages_prevus = [usages_prevus]
    u = usages()
    par_id = {i.upper(): i for i in u["id"]}
    par_libelle = {sans_accents(" ".join(l.split())): i for l, i in zip(u["usage"], u["id"])}
    trouves: list[str] = []
    for element in usages_prevus:
        if not isinstance(element, str):
            raise EntreeInvalide(f"usage inconnu : « {_court(element)} » (attendu : un identifiant comme « U07 » "
                                 f"ou un libellé de diagnostic.usages()).")
        cle = element.strip()
        uid = par_id.get(cle.upper()) or par_libelle.get(sans_accents(" ".join(cle.split())))
        if uid is None:
            raise EntreeInvalide(f"usage inconnu : « {_court(cle)} ». Les usages vont de {u['id'].iat[0]} à "
                                 f"{u['id'].iat[-1]} (voir diagnostic.usages()).")
        if uid not in trouves:
            trouves.append(uid)
    return trouves


def questions_usage(usage: str) -> dict[str, str]:
    """Les cinq questions concrètes d'un usage, ``{"Données": "…", "Consentement": "…", …}``."""
    (uid,) = _trouver_usages([usage])
    r = usages().set_index("id").loc[uid]
    return {ENJEUX[e]: r[e] for e in ENJEUX}


def recommandations(usages_prevus: Iterable[str] | str | None, reponses: Mapping | None = None) -> pd.DataFrame:
    """Pour chaque usage envisagé (identifiant « U07 » ou libellé), une ligne : les enjeux à régler d'abord, dans
    l'ordre, avec leur question concrète et leur état d'après vos réponses, et les modules à suivre.

    Colonnes : ``id``, ``usage``, ``vigilance``, ``enjeux`` (clés, dans l'ordre), ``questions`` (« Enjeu : question »),
    ``etats`` (en toutes lettres) et ``codes_etats`` (``a_travailler``, ``a_verifier``, ``en_place``), ``modules``
    (numéros, dans l'ordre du parcours), ``note_droit``. Règles d'ordre : voir le
    haut du module.
    """
    ids = _trouver_usages(usages_prevus)
    etats = etats_enjeux(reponses)
    colonnes = ["id", "usage", "vigilance", "enjeux", "questions", "etats", "codes_etats", "modules", "note_droit"]
    if not ids:
        return pd.DataFrame(columns=colonnes)
    u = usages().reset_index(drop=True)
    u["_ordre"] = range(len(u))
    u["_vigilance"] = u["vigilance"].map({v: i for i, v in enumerate(VIGILANCES)})
    u = u[u["id"].isin(ids)].sort_values(["_vigilance", "_ordre"])
    lignes = []
    for r in u.itertuples(index=False):
        priorites = r.priorites.split(";")
        # Tri stable : ce qui n'est pas en place passe devant ; à égalité, l'ordre de priorité de l'usage.
        enjeux = sorted(priorites, key=lambda e: etats.get(e, "a_verifier") == "en_place")
        lignes.append({
            "id": r.id, "usage": r.usage, "vigilance": r.vigilance, "enjeux": tuple(enjeux),
            "questions": tuple(f"{ENJEUX[e]} : {getattr(r, e)}" for e in enjeux),
            "etats": tuple(ETATS[etats.get(e, "a_verifier")] for e in enjeux),
            "codes_etats": tuple(etats.get(e, "a_verifier") for e in enjeux),
            "modules": tuple(sorted(r.modules.split(";"))),
            "note_droit": r.note_droit,
        })
    return pd.DataFrame(lignes, columns=colonnes)


def texte_recommandations(reco: pd.DataFrame) -> str:
    """Les recommandations en texte brut, prêtes à imprimer ou à copier."""
    if reco.empty:
        return "Aucun usage envisagé n'a été indiqué."
    blocs, noms = [], modules_atelier()
    for r in reco.itertuples(index=False):
        lignes = [f"■ {r.usage} (vigilance {r.vigilance})", "  À régler d'abord :"]
        for n, (question, etat) in enumerate(zip(r.questions, r.etats), start=1):
            lignes.append(f"   {n}. {question} [{etat}]")
        lignes.append("  Modules à suivre : " + " ; ".join(f"{m} — {noms[m]}" for m in r.modules))
        if r.note_droit:
            lignes.append(f"  Droit : {r.note_droit}")
        blocs.append("\n".join(lignes))
    return "\n\n".join(blocs)


# ------------------------------------------------------------------------------------------ affichage

def nettoyer_nom(texte: object, max_caracteres: int = MAX_NOM) -> tuple[str, bool]:
    """Un nom de structure propre : sans caractères de contrôle, espaces resserrés, coupé à ``max_caracteres``.

    Renvoie ``(nom, tronque)``. Le nom reste du **texte** : à afficher par un widget de texte ou échappé.
    """
    if texte is None:
        return "", False
    propre = "".join(" " if unicodedata.category(c) == "Cc" else c for c in str(texte))
    propre = " ".join(propre.split())
    if len(propre) > max_caracteres:
        return propre[: max_caracteres - 1] + "…", True
    return propre, False


def texte_alternatif(p: pd.DataFrame, titre: str) -> str:
    """La description de la figure du profil, axe par axe (pour un lecteur d'écran)."""
    parties = []
    for r in p.itertuples(index=False):
        repondues = f"réponse à {r.n_repondues} question{'s' if r.n_repondues > 1 else ''} sur {r.n_questions}"
        if math.isnan(r.score):
            parties.append(f"{r.libelle} : sans réponse ({repondues})")
        else:
            parties.append(f"{r.libelle} : {ecrire_score(r.score)} sur 100 ({r.niveau}, {repondues})")
    return (f"Graphique en barres horizontales « {titre} » : un score sur 100 pour chacun des {len(p)} axes, du haut "
            f"vers le bas : " + " ; ".join(parties) + ". Repères verticaux à 25, 50 et 75, qui séparent les niveaux "
            "à découvrir, premiers pas, en chemin et solide.")


def figure_profil(p: pd.DataFrame, titre: str = "Profil IA de la structure"):
    """Le profil en barres horizontales (un axe par barre, de 0 à 100) ; renvoie ``(figure, texte_alternatif)``.

    Des barres plutôt qu'un radar : les longueurs se comparent d'un coup d'œil, chaque valeur est écrite au bout
    de sa barre, et un axe sans réponse est dit en toutes lettres au lieu de tomber à 0.
    """
    colonnes = ("libelle", "score", "n_repondues", "n_questions", "niveau")
    if not isinstance(p, pd.DataFrame) or p.empty or any(c not in p.columns for c in colonnes):
        raise EntreeInvalide("figure_profil attend le tableau renvoyé par diagnostic.profil(reponses).")
    n = len(p)
    fig, ax = plt.subplots(figsize=(8.5, 0.8 * n + 1.9))
    positions = list(range(n))[::-1]
    for seuil in (25, 50, 75):
        ax.axvline(seuil, color=GRIS, ls=":", lw=1, zorder=0)
    for (bas, nom), haut in zip(sorted(NIVEAUX), (25, 50, 75, 100)):
        ax.text((bas + haut) / 2, 1.01, nom, transform=ax.get_xaxis_transform(), ha="center", va="bottom",
                fontsize=8.5, color="#444444")
    for y, r in zip(positions, p.itertuples(index=False)):
        if math.isnan(r.score):
            ax.text(1, y, "sans réponse", va="center", ha="left", color="#555555", style="italic", fontsize=10)
        else:
            ax.barh(y, r.score, height=0.6, color=PRINCIPALE, zorder=2)
            ax.text(r.score + 1, y, ecrire_score(r.score), va="center", ha="left", fontsize=10, zorder=3)
    ax.set_yticks(positions, [f"{r.libelle}\n({r.n_repondues}/{r.n_questions} questions avec réponse)"
                              for r in p.itertuples(index=False)])
    ax.set_xlim(0, 108)
    ax.set_xticks([0, 25, 50, 75, 100])
    ax.set_ylim(-0.6, n - 0.4)
    ax.set_title(titre, pad=20)
    ax.set_xlabel("Score sur 100 (0 : rien n'est en place ; 100 : tout est en place)")
    ax.set_ylabel("Axe")
    ax.spines[["top", "right"]].set_visible(False)
    fig.tight_layout()
    return fig, texte_alternatif(p, titre)


def resume_texte(reponses: Mapping | None, usages_prevus: Iterable[str] | str | None = (),
                 nom_structure: object = "", sans_reponse: str = "ignorer") -> str:
    """Un résumé imprimable en texte brut : le profil, les conseils et les recommandations."""
    p = profil(reponses, sans_reponse)
    nom, _ = nettoyer_nom(nom_structure)
    total = int(p["n_questions"].sum())
    repondues = int(p["n_repondues"].sum())
    regle = ("les questions sans réponse ne comptent pas" if sans_reponse == "ignorer"
             else "les questions sans réponse comptent 0 point")
    lignes = ["DIAGNOSTIC IA — " + (nom or "votre structure"), "",
              f"Questions avec une réponse : {repondues} sur {total} ({regle}).", "", "Profil (score sur 100) :"]
    for r in p.itertuples(index=False):
        detail = "" if math.isnan(r.score) else f" ({r.niveau})"
        lignes.append(f"  - {r.libelle} : {ecrire_score(r.score)}{detail} — {r.n_repondues}/{r.n_questions} questions")
    c = conseils(p)
    if c:
        lignes += ["", "Par où commencer :"] + [f"  - {libelle} : {texte}" for libelle, texte in c]
    lignes += ["", "Usages envisagés :", texte_recommandations(recommandations(usages_prevus, reponses)), "",
               "Ce diagnostic n'est pas une note : c'est un point de départ pour en discuter en équipe."]
    return "\n".join(lignes)
