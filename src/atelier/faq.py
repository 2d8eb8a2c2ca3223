"""Un robot de FAQ « à réponses fixes » (*retrieval chatbot*) : il ne rédige rien, il choisit.

Chaque réponse a été écrite à l'avance par une personne (``datasets/faq_epn.csv`` : la FAQ d'un espace public
numérique fictif, la Passerelle). Quand quelqu'un pose une question, le robot la transforme en vecteur
(multilingual-e5-small, :mod:`atelier.embeddings`), la compare à chaque entrée de la FAQ (similarité cosinus)
et renvoie la réponse la plus proche… **seulement si** la similarité dépasse un **seuil**. Sinon il dit
« Je ne sais pas, voici qui contacter : … ». Il ne peut pas inventer, mais il peut **se tromper de réponse**.

Le seuil est un compromis, réglé sur des questions mises de côté (``datasets/faq_questions_test.csv``) :

- la moitié « choix » sert à **choisir** (la représentation de la FAQ, puis le seuil : :func:`choisir_seuil`) ;
- la moitié « test » sert seulement à **mesurer**, une fois, avec des intervalles de confiance
  (:func:`evaluer_avec_ic`).

Quatre mesures pour un seuil donné (:func:`evaluer`) :

- **couverture** : part des questions prévues par la FAQ auxquelles le robot répond ;
- **exactitude** : parmi ces réponses, part des bonnes ;
- **réponses hors champ** : part des questions hors FAQ auxquelles il répond quand même (toujours à tort) ;
- **justes ou refus justifiés** : part de toutes les questions où le robot fait ce qu'il faut (la bonne réponse
  à une question prévue, « je ne sais pas » à une question hors champ).

Vie privée : les questions des personnes sont encodées sans cache disque (``cache=False``) ; seuls les textes de
l'atelier (FAQ, questions d'évaluation) vont dans le cache. Ce qu'on ajoute avec :meth:`BaseFAQ.ajouter` reste en
mémoire : rien n'est écrit sur le disque.

Le robot dit toujours qu'il est un robot (:data:`PRESENTATION`, :data:`PIED_ROBOT`) : voir le module 07 pour
l'obligation de transparence du règlement européen sur l'IA (article 50, paragraphe 1).
"""
from __future__ import annotations

import functools
from dataclasses import dataclass

import numpy as np
import pandas as pd

from atelier import data, embeddings
from atelier.erreurs import DonneesIndisponibles, EntreeInvalide
from atelier.statistiques import N_BOOTSTRAP, ic_bootstrap

FICHIER_FAQ = "faq_epn.csv"
FICHIER_QUESTIONS = "faq_questions_test.csv"
COLONNES_FAQ = ("id", "categorie", "question", "reponse", "contact")
COLONNES_QUESTIONS = ("id", "question", "ids_attendus", "type", "split", "commentaire")
SPLITS = ("choix", "test")

#: Ce qu'on compare à la question posée : la question de la FAQ seule, ou la question suivie de sa réponse ;
#: et le préfixe e5 du côté FAQ (``query`` : comparaison symétrique ; ``passage`` : un document à retrouver).
#: La question posée, elle, est toujours encodée en ``query``.
REPRESENTATIONS = (("question", "query"), ("question", "passage"),
                   ("question+reponse", "query"), ("question+reponse", "passage"))
NOMS_REPRESENTATIONS = {("question", "query"): "question seule, préfixe query",
                        ("question", "passage"): "question seule, préfixe passage",
                        ("question+reponse", "query"): "question + réponse, préfixe query",
                        ("question+reponse", "passage"): "question + réponse, préfixe passage"}

#: Les seuils essayés (similarité cosinus de 0,75 à 0,95, par pas de 0,005).
SEUILS = tuple(float(s) for s in np.round(np.arange(0.75, 0.9501, 0.005), 3))
#: Au-dessus de seuil + MARGE_ELEVEE, la confiance est dite « élevée » ; entre les deux, « moyenne ».
MARGE_ELEVEE = 0.02
#: Longueur maximale lue d'une question (au-delà, elle est tronquée).
MAX_CARACTERES = 500

CONTACT_ACCUEIL = "l'accueil de la Passerelle (sur place, ou accueil@passerelle.example)"
SAIT_PAS = "Je ne sais pas, voici qui contacter : {contact}."
PRESENTATION = ("Bonjour ! Je suis un robot, pas une personne. Je choisis, parmi des réponses écrites à "
                "l'avance par l'équipe de la Passerelle, celle qui ressemble le plus à votre question. "
                "Je n'invente rien, mais je peux me tromper : en cas de doute, demandez à l'accueil.")
PIED_ROBOT = "Réponse automatique d'un robot (pas d'une personne), écrite à l'avance par l'équipe."

NOMS_MESURES = {"couverture": "couverture (questions prévues auxquelles il répond)",
                "exactitude": "exactitude (bonnes réponses parmi ses réponses)",
                "hors_champ_repondues": "questions hors champ auxquelles il répond (à tort)",
                "justes_ou_refus": "réponses justes ou refus justifiés (toutes les questions)"}


# ------------------------------------------------------------------------------------------------ données

def _lire(fichier: str, colonnes: tuple[str, ...]) -> pd.DataFrame:
    return data.lire_table_lecon(fichier, colonnes)


def _abime(fichier: str, raison: str) -> DonneesIndisponibles:
    return data.fichier_lecon_abime(fichier, f"est abîmé ({raison})")


def faq() -> pd.DataFrame:
    """La FAQ de la Passerelle : une ligne par question-réponse (voir ``datasets/faq_epn.md``)."""
    table = _lire(FICHIER_FAQ, COLONNES_FAQ)
    if not table["id"].is_unique:
        raise _abime(FICHIER_FAQ, "des identifiants apparaissent deux fois")
    vides = table.loc[(table[["id", "question", "reponse"]].apply(lambda c: c.str.strip()) == "").any(axis=1), "id"]
    if len(vides):
        raise _abime(FICHIER_FAQ, "question ou réponse vide pour : " + ", ".join(vides.astype(str)))
    return table


def questions_test(split: str | None = None) -> pd.DataFrame:
    """Les questions d'évaluation, avec la (ou les) réponse(s) attendue(s) ; ``split`` : « choix », « test »
    ou ``None`` (toutes). ``ids_attendus`` vide : question hors champ (la bonne réaction est « je ne sais pas »)."""
    if split is not None and split not in SPLITS:
        raise EntreeInvalide(f"split doit valoir « choix », « test » ou None, pas {split!r}.")
    table = _lire(FICHIER_QUESTIONS, COLONNES_QUESTIONS)
    if not set(table["split"]) <= set(SPLITS):
        raise _abime(FICHIER_QUESTIONS, "la colonne split ne contient pas que « choix » et « test »")
    connus = set(faq()["id"])
    inconnus = sorted({i for ids in table["ids_attendus"] for i in _ids(ids)} - connus)
    if inconnus:
        raise _abime(FICHIER_QUESTIONS, "réponses attendues absentes de la FAQ : " + ", ".join(inconnus))
    table["dans_le_champ"] = table["ids_attendus"].str.strip() != ""
    return table if split is None else table[table["split"] == split].reset_index(drop=True)


def _ids(texte: str) -> set[str]:
    return {i.strip() for i in str(texte).split("|") if i.strip()}


def nettoyer_question(texte: object) -> tuple[str, bool]:
    """La question prête à être comparée, et si elle a été tronquée. Espaces en trop retirés ; au-delà de
    :data:`MAX_CARACTERES` caractères, la suite est ignorée. Lève :class:`EntreeInvalide` (message en français)
    si la question est vide ou ne contient ni lettre ni chiffre (des émojis seuls, par exemple)."""
    if not isinstance(texte, str):
        raise EntreeInvalide("la question doit être un texte.")
    propre = " ".join(texte.split())
    if not propre:
        raise EntreeInvalide("la question est vide : écrivez quelques mots.")
    if not any(c.isalnum() for c in propre):
        raise EntreeInvalide("la question ne contient ni lettre ni chiffre : écrivez-la avec des mots.")
    tronquee = len(propre) > MAX_CARACTERES
    return propre[:MAX_CARACTERES], tronquee


# ------------------------------------------------------------------------------------------ le robot

def niveau_confiance(score: float, seuil: float) -> str:
    """La confiance en mots : « faible » sous le seuil (le robot ne répond pas), « moyenne » juste au-dessus,
    « élevée » à partir de seuil + :data:`MARGE_ELEVEE`."""
    if score < seuil:
        return "faible"
    return "élevée" if score >= seuil + MARGE_ELEVEE else "moyenne"


@dataclass(frozen=True)
class Reponse:
    """Ce que le robot répond à une question, et pourquoi."""

    question: str            # la question telle que lue (espaces nettoyés, tronquée au besoin)
    tronquee: bool           # la question dépassait MAX_CARACTERES caractères
    sait_pas: bool           # score sous le seuil : le robot dit « je ne sais pas »
    id: str | None           # l'entrée de la FAQ donnée en réponse (None si sait_pas)
    texte: str               # ce que dit le robot : la réponse écrite, ou « Je ne sais pas, voici qui contacter… »
    contact: str             # qui contacter
    score: float             # similarité avec l'entrée la plus proche
    seuil: float
    confiance: str           # « élevée », « moyenne » ou « faible »
    id_proche: str           # l'entrée la plus proche (même sous le seuil)
    question_proche: str
    id_second: str | None    # la deuxième entrée la plus proche, et son score
    question_second: str | None
    score_second: float

    def message(self) -> str:
        """Le message complet, tel qu'une personne le lit : réponse, contact, et la mention « robot »."""
        lignes = [self.texte]
        if not self.sait_pas and self.contact:
            lignes.append(f"Qui contacter : {self.contact}")
        lignes.append(PIED_ROBOT)
        return "\n".join(lignes)


class BaseFAQ:
    """Une FAQ prête à répondre : ses entrées, leurs vecteurs, et ce qu'on y ajoute en mémoire.

    - ``table`` : la FAQ (par défaut :func:`faq`) ; colonnes ``id``, ``categorie``, ``question``, ``reponse``,
      ``contact`` ;
    - ``texte`` : ``"question"`` ou ``"question+reponse"`` (ce qu'on encode pour chaque entrée) ;
    - ``prefixe`` : préfixe e5 du côté FAQ, ``"query"`` ou ``"passage"`` ;
    - ``contact_par_defaut`` : qui contacter quand le robot ne sait pas ;
    - ``cache`` : garder les vecteurs de la FAQ sur le disque (oui pour la FAQ de l'atelier ; mettez ``False``
      pour une FAQ à vous).
    """

    def __init__(self, table: pd.DataFrame | None = None, texte: str = "question+reponse", prefixe: str = "passage",
                 contact_par_defaut: str = CONTACT_ACCUEIL, cache: bool = True) -> None:
        if (texte, prefixe) not in REPRESENTATIONS:
            raise EntreeInvalide(f"représentation inconnue : texte={texte!r}, prefixe={prefixe!r} "
                                 "(texte : 'question' ou 'question+reponse' ; prefixe : 'query' ou 'passage').")
        table = faq() if table is None else table
        manque = [c for c in COLONNES_FAQ if c not in table.columns]
        if manque:
            raise EntreeInvalide("il manque des colonnes à la FAQ : " + ", ".join(manque) + ".")
        self.texte, self.prefixe, self.contact_par_defaut = texte, prefixe, contact_par_defaut
        self.table = table[list(COLONNES_FAQ)].astype(str).reset_index(drop=True)
        # Une « ligne d'index » par façon de poser une question ; plusieurs lignes peuvent mener à la même entrée.
        self._lignes: list[str] = list(self.table["id"])
        a_encoder = [self._a_encoder(q, r) for q, r in zip(self.table["question"], self.table["reponse"])]
        self._vecteurs = embeddings.encode(a_encoder, prefixe=prefixe, cache=cache)

    def __len__(self) -> int:
        return len(self.table)

    def _a_encoder(self, question: str, reponse: str) -> str:
        return question if self.texte == "question" else f"{question} {reponse}"

    def copie(self) -> "BaseFAQ":
        """Une copie indépendante (on peut y ajouter des entrées sans toucher à l'originale)."""
        autre = object.__new__(BaseFAQ)
        autre.__dict__.update(self.__dict__)
        autre.table, autre._lignes, autre._vecteurs = self.table.copy(), list(self._lignes), self._vecteurs.copy()
        return autre

    def _entree(self, id_: str) -> pd.Series:
        trouve = self.table[self.table["id"] == id_]
        if trouve.empty:
            raise EntreeInvalide(f"aucune entrée « {id_} » dans cette FAQ.")
        return trouve.iloc[0]

    def ajouter(self, question: str, reponse: str, contact: str = "", categorie: str = "Ma structure") -> str:
        """Ajoute **en mémoire** une question-réponse (celles de votre structure) ; renvoie son identifiant
        (M01, M02…). Rien n'est écrit sur le disque : le texte est encodé sans cache."""
        question, _ = nettoyer_question(question)
        reponse = " ".join(str(reponse).split())
        if not reponse:
            raise EntreeInvalide("la réponse est vide : écrivez ce que le robot doit répondre.")
        n = sum(i.startswith("M") for i in self.table["id"]) + 1
        id_ = f"M{n:02d}"
        ligne = {"id": id_, "categorie": str(categorie), "question": question, "reponse": reponse,
                 "contact": " ".join(str(contact).split()) or self.contact_par_defaut}
        self.table = pd.concat([self.table, pd.DataFrame([ligne])], ignore_index=True)
        self._ajouter_ligne(id_, self._a_encoder(question, reponse))
        return id_

    def ajoutees(self) -> pd.DataFrame:
        """Les questions-réponses ajoutées avec :meth:`ajouter` (identifiants M01, M02…), dans leur ordre."""
        return self.table[self.table["id"].str.fullmatch(r"M\d+")].reset_index(drop=True)

    def ajouter_formulation(self, id_: str, question: str) -> None:
        """Ajoute **en mémoire** une autre façon de poser la question ``id_`` (même réponse). Rien sur le disque."""
        entree = self._entree(id_)
        question, _ = nettoyer_question(question)
        self._ajouter_ligne(id_, self._a_encoder(question, entree["reponse"]))

    def _ajouter_ligne(self, id_: str, texte: str) -> None:
        vecteur = embeddings.encode([texte], prefixe=self.prefixe, cache=False)
        self._vecteurs = np.vstack([self._vecteurs, vecteur])
        self._lignes.append(id_)

    def similarites(self, questions: list[str], cache: bool = False) -> pd.DataFrame:
        """Similarité cosinus de chaque question (lignes) avec chaque entrée de la FAQ (colonnes : ``id``).
        Une entrée qui a plusieurs formulations reçoit la meilleure. ``cache=True`` seulement pour les
        questions de l'atelier (jamais pour ce qu'écrit une personne)."""
        vq = embeddings.encode(list(questions), prefixe="query", cache=cache)
        brut = pd.DataFrame(vq @ self._vecteurs.T, columns=self._lignes)
        return brut.T.groupby(level=0, sort=False).max().T[list(self.table["id"])]

    def repondre(self, question: str, seuil: float) -> Reponse:
        """La réponse du robot à ``question`` (voir :class:`Reponse`). Sous ``seuil`` : « je ne sais pas »."""
        lue, tronquee = nettoyer_question(question)
        scores = self.similarites([lue]).iloc[0].sort_values(ascending=False, kind="stable")
        premier = self._entree(scores.index[0])
        second = self._entree(scores.index[1]) if len(scores) > 1 else None
        score = float(scores.iloc[0])
        sait_pas = score < seuil
        contact = self.contact_par_defaut if sait_pas else (premier["contact"] or self.contact_par_defaut)
        return Reponse(
            question=lue, tronquee=tronquee, sait_pas=sait_pas, id=None if sait_pas else premier["id"],
            texte=SAIT_PAS.format(contact=self.contact_par_defaut) if sait_pas else premier["reponse"],
            contact=contact, score=score, seuil=float(seuil), confiance=niveau_confiance(score, seuil),
            id_proche=premier["id"], question_proche=premier["question"],
            id_second=None if second is None else second["id"],
            question_second=None if second is None else second["question"],
            score_second=float(scores.iloc[1]) if second is not None else float("nan"))


# -------------------------------------------------------------------------------------- évaluer un seuil

def resultats(base: BaseFAQ, questions: pd.DataFrame) -> pd.DataFrame:
    """Pour chaque question d'évaluation : l'entrée proposée, son score, la deuxième, et si c'est la bonne.

    ``questions`` : un tableau comme :func:`questions_test` (colonnes ``question`` et ``ids_attendus`` au
    moins). Les questions de l'atelier sont encodées avec le cache disque."""
    sims = base.similarites(list(questions["question"]), cache=True)
    valeurs = sims.to_numpy()
    ordre = np.argsort(-valeurs, axis=1, kind="stable")
    ids = np.asarray(sims.columns)
    out = questions.copy().reset_index(drop=True)
    out["dans_le_champ"] = out["ids_attendus"].astype(str).str.strip() != ""
    out["id_propose"] = ids[ordre[:, 0]]
    out["score"] = valeurs[np.arange(len(valeurs)), ordre[:, 0]]
    out["id_second"] = ids[ordre[:, 1]] if valeurs.shape[1] > 1 else None
    out["score_second"] = valeurs[np.arange(len(valeurs)), ordre[:, 1]] if valeurs.shape[1] > 1 else np.nan
    out["bon_id"] = [p in _ids(a) for p, a in zip(out["id_propose"], out["ids_attendus"])]
    return out


def _issues(res: pd.DataFrame, seuil: float) -> dict[str, np.ndarray]:
    """Les vecteurs 0/1 dont les mesures sont les moyennes (un par mesure, sur les bonnes lignes)."""
    repond = res["score"].to_numpy(dtype=float) >= seuil
    champ = res["dans_le_champ"].to_numpy(dtype=bool)
    bon = res["bon_id"].to_numpy(dtype=bool)
    return {"couverture": repond[champ].astype(float),
            "exactitude": bon[champ & repond].astype(float),
            "hors_champ_repondues": repond[~champ].astype(float),
            "justes_ou_refus": np.where(champ, repond & bon, ~repond).astype(float)}


def evaluer(res: pd.DataFrame, seuil: float) -> dict:
    """Les mesures d'un seuil sur des résultats (:func:`resultats`, ou un petit tableau fait à la main avec les
    colonnes ``score``, ``dans_le_champ`` et ``bon_id``) : les quatre taux (entre 0 et 1 ; NaN s'il n'y a rien
    à compter) et les comptes qui vont avec."""
    issues = _issues(res, seuil)
    repond = res["score"].to_numpy(dtype=float) >= seuil
    champ = res["dans_le_champ"].to_numpy(dtype=bool)
    bon = res["bon_id"].to_numpy(dtype=bool)
    taux = {nom: float(v.mean()) if len(v) else float("nan") for nom, v in issues.items()}
    return {"seuil": float(seuil), **taux, "n_questions": int(len(res)), "n_dans_le_champ": int(champ.sum()),
            "n_hors_champ": int((~champ).sum()), "n_bonnes_reponses": int((champ & repond & bon).sum()),
            "n_mauvaises_reponses": int((champ & repond & ~bon).sum() + (~champ & repond).sum()),
            "n_refus_justifies": int((~champ & ~repond).sum()), "n_refus_a_tort": int((champ & ~repond).sum())}


def courbe_seuils(res: pd.DataFrame, seuils=SEUILS) -> pd.DataFrame:
    """Les mesures de :func:`evaluer` pour chaque seuil candidat : une ligne par seuil."""
    return pd.DataFrame([evaluer(res, s) for s in seuils])


def meilleur_seuil(courbe: pd.DataFrame) -> float:
    """**La règle**, écrite une fois : le seuil qui maximise le taux de « réponses justes ou refus justifiés » ;
    à égalité, le plus haut (dans le doute, mieux vaut dire « je ne sais pas » et orienter vers une personne
    que donner une mauvaise réponse)."""
    meilleur = courbe["justes_ou_refus"].max()
    ex_aequo = courbe.loc[np.isclose(courbe["justes_ou_refus"], meilleur, rtol=0, atol=1e-12), "seuil"]
    return float(ex_aequo.max())


def choisir_seuil(split: str = "choix", base: BaseFAQ | None = None, res: pd.DataFrame | None = None,
                  seuils=SEUILS) -> float:
    """Le seuil choisi par :func:`meilleur_seuil` sur les questions ``split`` (« choix » : jamais « test »,
    qui sert à mesurer). ``res`` : des résultats déjà calculés (ou faits à la main) ; s'ils ont une colonne
    ``split``, seules ses lignes ``split`` comptent."""
    if res is None:
        res = resultats(base or base_par_defaut(), questions_test(split))
    elif "split" in res.columns:
        res = res[res["split"] == split]
    if res.empty:
        raise EntreeInvalide(f"aucune question « {split} » pour choisir le seuil.")
    return meilleur_seuil(courbe_seuils(res, seuils))


def evaluer_avec_ic(res: pd.DataFrame, seuil: float, n: int = N_BOOTSTRAP) -> pd.DataFrame:
    """Les quatre mesures d'un seuil avec leur intervalle de confiance à 95 % (*bootstrap* : on retire les
    questions avec remise, :func:`atelier.statistiques.ic_bootstrap`) et le nombre de questions sur lequel chacune
    porte."""
    lignes = []
    for nom, v in _issues(res, seuil).items():
        bas, haut = ic_bootstrap(v, n=n)
        lignes.append({"mesure": nom, "valeur": float(v.mean()) if len(v) else float("nan"), "ic_bas": bas,
                       "ic_haut": haut, "n": int(len(v))})
    return pd.DataFrame(lignes)


def par_type(res: pd.DataFrame, seuil: float) -> pd.DataFrame:
    """Par type de question (fautes, autre langue, hors sujet…) : combien de questions, et combien le robot en
    traite bien (bonne réponse à une question prévue, « je ne sais pas » à une question hors champ)."""
    repond = res["score"] >= seuil
    bien = np.where(res["dans_le_champ"], repond & res["bon_id"], ~repond)
    t = pd.DataFrame({"type": res["type"], "bien": bien, "repond_a_tort": repond & ~res["bon_id"]})
    out = t.groupby("type", sort=False).agg(questions=("bien", "size"), bien_traitees=("bien", "sum"),
                                           reponses_fausses=("repond_a_tort", "sum")).reset_index()
    out["part_bien_traitees"] = out["bien_traitees"] / out["questions"]
    return out.sort_values(["part_bien_traitees", "type"]).reset_index(drop=True)


def comparer_representations(split: str = "choix", seuils=SEUILS) -> pd.DataFrame:
    """Pour chaque représentation de la FAQ (:data:`REPRESENTATIONS`), sur les questions ``split`` : la part
    des questions prévues dont l'entrée la plus proche est la bonne (sans seuil), et le meilleur taux de
    « réponses justes ou refus justifiés » atteignable (au seuil que choisirait la règle)."""
    questions = questions_test(split)
    lignes = []
    for texte, prefixe in REPRESENTATIONS:
        res = resultats(BaseFAQ(texte=texte, prefixe=prefixe), questions)
        courbe = courbe_seuils(res, seuils)
        seuil = meilleur_seuil(courbe)
        champ = res["dans_le_champ"]
        lignes.append({"texte": texte, "prefixe": prefixe, "representation": NOMS_REPRESENTATIONS[(texte, prefixe)],
                       "bonne_entree_en_tete": int(res.loc[champ, "bon_id"].sum()), "questions_prevues": int(champ.sum()),
                       "seuil": seuil, "justes_ou_refus": float(courbe["justes_ou_refus"].max())})
    return pd.DataFrame(lignes)


def choisir_representation(comparaison: pd.DataFrame) -> tuple[str, str]:
    """La représentation au meilleur taux de « réponses justes ou refus justifiés » ; à égalité, celle qui met
    le plus souvent la bonne entrée en tête, puis la première de :data:`REPRESENTATIONS`."""
    c = comparaison.sort_values(["justes_ou_refus", "bonne_entree_en_tete"], ascending=False, kind="stable")
    return str(c.iloc[0]["texte"]), str(c.iloc[0]["prefixe"])


@functools.lru_cache(maxsize=1)
def reglage_par_defaut() -> tuple[str, str, float]:
    """(texte, prefixe, seuil) choisis sur les questions « choix » par les règles ci-dessus, calculés une fois par
    noyau (les vecteurs des textes de l'atelier sont dans le cache disque)."""
    texte, prefixe = choisir_representation(comparer_representations("choix"))
    return texte, prefixe, choisir_seuil("choix", base=_base(texte, prefixe))


@functools.lru_cache(maxsize=4)
def _base(texte: str, prefixe: str) -> BaseFAQ:
    return BaseFAQ(texte=texte, prefixe=prefixe)


def base_par_defaut() -> BaseFAQ:
    """La FAQ de la Passerelle dans la représentation choisie (partagée : pour y ajouter des entrées, prenez
    une :meth:`BaseFAQ.copie`)."""
    texte, prefixe, _ = reglage_par_defaut()
    return _base(texte, prefixe)


def seuil_par_defaut() -> float:
    """Le seuil choisi sur les questions « choix »."""
    return reglage_par_defaut()[2]


def repondre(question: str, seuil: float | None = None, base: BaseFAQ | None = None) -> Reponse:
    """La réponse du robot à ``question`` (texte d'une personne : jamais mis en cache). Par défaut, la FAQ de la
    Passerelle et le seuil choisi sur les questions « choix » (:func:`reglage_par_defaut`)."""
    base = base_par_defaut() if base is None else base
    return base.repondre(question, seuil_par_defaut() if seuil is None else seuil)


def tableau_reponses(questions: list[str], seuil: float | None = None, base: BaseFAQ | None = None) -> pd.DataFrame:
    """Une ligne par question : ce que le robot fait (l'entrée donnée, ou « je ne sais pas »), l'entrée la plus
    proche et sa question, le score (3 décimales) et la confiance en mots. Pour regarder plusieurs essais d'un
    coup (les questions ne sont pas mises en cache)."""
    lignes = []
    for q in questions:
        r = repondre(q, seuil=seuil, base=base)
        lignes.append({"question posée": r.question, "le robot": "je ne sais pas" if r.sait_pas else f"répond {r.id}",
                       "entrée la plus proche": f"{r.id_proche} — {r.question_proche}",
                       "score": round(r.score, 3), "confiance": r.confiance})
    return pd.DataFrame(lignes)


# ------------------------------------------------------------------------------------------------ figure

def figure_compromis(courbe: pd.DataFrame, seuil: float, titre: str = "Le compromis du seuil"):
    """Les quatre mesures (en %) en fonction du seuil, et le seuil choisi (trait vertical).
    Renvoie ``(figure, texte_alternatif)``."""
    import matplotlib.pyplot as plt

    from atelier.figures import graduations_fr, nombre_fr
    from atelier.palette import GRIS, MARQUEURS, OKABE_ITO

    styles = {"couverture": (OKABE_ITO["bleu"], MARQUEURS[0], "-"),
              "exactitude": (OKABE_ITO["vert"], MARQUEURS[1], "--"),
              "hors_champ_repondues": (OKABE_ITO["vermillon"], MARQUEURS[2], ":"),
              "justes_ou_refus": (OKABE_ITO["noir"], MARQUEURS[3], "-")}
    fig, ax = plt.subplots(figsize=(9, 5.5))
    for nom, (couleur, marqueur, trait) in styles.items():
        ax.plot(courbe["seuil"], 100 * courbe[nom], color=couleur, ls=trait, marker=marqueur, markevery=4, ms=5,
                lw=2.6 if nom == "justes_ou_refus" else 1.8, label=NOMS_MESURES[nom])
    ax.axvline(seuil, color=GRIS, lw=1.5)
    ax.annotate(f"seuil choisi : {nombre_fr(seuil, 3)}", (seuil, 3), xytext=(6, 0), textcoords="offset points",
                fontsize=9)
    ax.set_ylim(0, 104)
    ax.set_title(titre)
    ax.set_xlabel("Seuil de similarité (sous le seuil, le robot répond « je ne sais pas »)")
    ax.set_ylabel("Part des questions (%)")
    graduations_fr(ax, "x")
    ax.legend(frameon=False, fontsize=8.5, loc="lower left")
    ax.spines[["top", "right"]].set_visible(False)
    fig.tight_layout()
    ligne = courbe.loc[(courbe["seuil"] - seuil).abs().idxmin()]
    pc = lambda x: "non défini" if pd.isna(x) else f"{nombre_fr(100 * x, 0)} %"  # noqa: E731
    alt = (f"Graphique en courbes « {titre} ». Horizontalement, le seuil de similarité, de "
           f"{nombre_fr(courbe['seuil'].min(), 2)} à {nombre_fr(courbe['seuil'].max(), 2)} ; verticalement, des "
           "parts de questions en %. Quand le seuil monte, la couverture et les réponses hors champ descendent "
           f"(le robot répond moins), l'exactitude monte. Au seuil choisi, {nombre_fr(seuil, 3)} : couverture "
           f"{pc(ligne['couverture'])}, exactitude {pc(ligne['exactitude'])}, questions hors champ auxquelles il répond "
           f"{pc(ligne['hors_champ_repondues'])}, réponses justes ou refus justifiés {pc(ligne['justes_ou_refus'])}.")
    return fig, alt
