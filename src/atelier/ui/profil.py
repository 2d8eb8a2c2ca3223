"""Tableau de bord « Mon profil, mes métiers » : un profil, des métiers classés, et pourquoi chacun.

Les deux moteurs du module 04 (:mod:`atelier.recommandation`), sans une ligne de code :

- **écrire une phrase** (moteur sémantique) : la personne se décrit en français courant ; le tableau de bord
  montre comment le texte est coupé en idées, les métiers proposés, et pour chacun les compétences du métier
  les plus proches de ce qui a été écrit (avec le morceau de texte qui en est le plus proche) et les plus
  éloignées ;
- **choisir des compétences** (moteur transparent) : la personne cherche des compétences du ROME par un mot,
  les ajoute à son profil, et voit pour chaque métier les compétences détenues et celles qui manquent.

Les deux moteurs lisent toujours **la même personne**, côte à côte, et la page dit combien de métiers ils ont en
commun (« Métiers en commun : n sur 8 », la leçon du module 04 : deux moteurs raisonnables s'accordent peu) :
une phrase est traduite, pour le moteur transparent, en compétences du répertoire (pour chaque idée, la
compétence qui lui ressemble le plus, montrée à l'écran) ; des compétences choisies sont données au moteur
sémantique par leurs noms, mis bout à bout. « Deviner d'abord » (:class:`atelier.ui.composants.DevinerDabord`) :
on parie sur ce nombre avant de voir.

Les explications sont celles de :func:`atelier.recommandation.expliquer`. Ce qui est écrit est encodé sans cache disque
(les morceaux restent en mémoire vive, le temps du noyau) et n'est jamais rendu comme du HTML.
"""
from __future__ import annotations

import math

import ipywidgets as widgets
import numpy as np
import pandas as pd

from atelier import classement, recommandation, vecteurs_livres
from atelier.ui import messages
from atelier.ui.composants import DevinerDabord, bouton, champ_pour_bouton, etiquette, zone_html
from atelier.ui.saisie import temporiser
from atelier.ui.securite import echapper, protege
from atelier.ui.style import feuille_de_style

#: Combien de métiers proposer.
K_METIERS = 8
#: Combien de compétences montrer dans chaque explication (détenues, manquantes).
K_EXPLICATION = 5
#: Combien de compétences proposer pour un mot cherché, et au plus dans un profil.
K_TROUVEES = 15
MAX_COMPETENCES = 30
#: Longueur maximale lue d'un mot cherché.
MAX_RECHERCHE = 100
MAX_CARACTERES = recommandation.MAX_PROFIL


def _liste(elements: list[str]) -> str:
    return "<ul>" + "".join(f"<li>{e}</li>" for e in elements) + "</ul>"


def _coeur(principale: bool) -> str:
    return f" <span class='profil-coeur'>{echapper(messages.PROFIL_COEUR)}</span>" if principale else ""


def rendre_explication(explication: dict[str, pd.DataFrame], methode: str) -> str:
    """Une explication de :func:`recommandation.expliquer` en HTML : deux listes de compétences, tout échappé."""
    detenues, manquantes = explication["detenues"], explication["manquantes"]
    if methode == "transparent":
        haut = [echapper(c) + _coeur(p) for c, p in zip(detenues["competence"], detenues["principale"])]
        titre_haut = messages.PROFIL_DETENUES_T.format(n=len(detenues))
        titre_bas = messages.PROFIL_MANQUANTES_T
    else:
        haut = [echapper(c) + f" <span class='detail'>({echapper(messages.PROFIL_PROCHE_DE.format(morceau=m))})</span>"
                for c, m in zip(detenues["competence"], detenues["morceau_proche"])]
        titre_haut, titre_bas = messages.PROFIL_DETENUES_S, messages.PROFIL_MANQUANTES_S
    bas = [echapper(c) + _coeur(p and methode == "transparent")
           for c, p in zip(manquantes["competence"], manquantes["principale"])]
    morceaux = [f"<h3>{echapper(titre_haut)}</h3>"]
    morceaux.append(_liste(haut) if haut else f"<p>{echapper(messages.PROFIL_AUCUNE_PROCHE)}</p>")
    if bas:
        morceaux += [f"<h3>{echapper(titre_bas)}</h3>", _liste(bas)]
    return "".join(morceaux)


def rendre_resultats(reco: pd.DataFrame, explications: list[dict], methode: str,
                     communs: set[str] | None = None) -> str:
    """La liste classée des métiers d'un moteur ; chacun s'ouvre sur son explication (``<details>``, utilisable au
    clavier). Le premier est ouvert. Les métiers de ``communs`` (codes ROME) portent « aussi dans l'autre liste »
    (en mots, pas seulement en couleur)."""
    communs = communs or set()
    items = []
    for i, (r, expl) in enumerate(zip(reco.itertuples(index=False), explications)):
        detail = messages.PROFIL_METIER_DETAIL.format(domaine=r.domaine_professionnel, code=r.code_rome)
        aussi = (f" <span class='profil-aussi'>{echapper(messages.PROFIL_AUSSI)}</span>"
                 if r.code_rome in communs else "")
        items.append(
            f"<li><details{' open' if i == 0 else ''}><summary><span class='titre'>{echapper(r.intitule)}</span>"
            f"{aussi} <span class='detail'>— {echapper(detail)} — {echapper(messages.PROFIL_POURQUOI)}</span>"
            f"</summary>{rendre_explication(expl, methode)}</details></li>")
    prudence = messages.PROFIL_PRUDENCE + (" " + messages.PROFIL_PRUDENCE_S if methode == "semantique" else "")
    titre = messages.PROFIL_COLONNE.format(moteur=messages.PROFIL_MOTEURS[methode], n=len(reco))
    return (f"<div class='profil-resultats profil-{methode}'><h2>{echapper(titre)}</h2>"
            f"<ol class='profil-metiers'>{''.join(items)}</ol><p class='profil-note'>{echapper(prudence)}</p></div>")


def tranches(k: int = K_METIERS) -> dict[str, tuple[int, int]]:
    """Les trois tranches de « métiers en commun » (bornes comprises) : « beaucoup » (les trois quarts ou plus),
    « moitie », « peu » (moins d'un tiers et demi)."""
    haut, milieu = math.ceil(0.75 * k), math.ceil(0.375 * k)
    return {"beaucoup": (haut, k), "moitie": (milieu, haut - 1), "peu": (0, milieu - 1)}


def tranche(n: int, k: int = K_METIERS) -> str:
    return next(nom for nom, (de, a) in tranches(k).items() if de <= n <= a)


def reponses_pari(k: int = K_METIERS) -> list[str]:
    """Les réponses de « Deviner d'abord », dans l'ordre des tranches."""
    return [r.format(de=de, a=a) for r, (de, a) in zip(messages.PROFIL_REPONSES_PARI, tranches(k).values())]


def rendre_commun(n: int, k: int = K_METIERS) -> str:
    """« Métiers en commun : n sur k. » suivi du verdict en mots et de la leçon (texte brut)."""
    return " ".join([messages.PROFIL_COMMUN.format(n=n, k=k), messages.PROFIL_COMMUN_VERDICT[tranche(n, k)],
                     messages.PROFIL_COMMUN_LECON])


def traduire_en_competences(texte: str) -> list[tuple[str, str, str]]:
    """Pour le moteur transparent, qui ne lit que des compétences : chaque idée du texte (:func:`recommandation.
    morceaux`) devient la compétence du répertoire qui lui ressemble le plus (parmi les cœurs de métier, mêmes
    vecteurs que le moteur sémantique ; ex aequo : la première dans l'ordre des codes). Rend ``(idée, code,
    libellé)`` ; les vecteurs des idées restent en mémoire vive, jamais sur le disque."""
    parts = recommandation.morceaux(texte)
    if not parts:
        return []
    codes, vecteurs = vecteurs_livres.vecteurs_competences()
    q = recommandation.vecteurs_morceaux(parts)          # déjà calculés pour le moteur sémantique : en mémoire
    sims = q @ vecteurs.T
    libelles = recommandation.moteur().libelles
    sortie = []
    for morceau, ligne in zip(parts, sims):
        code = str(codes[int(classement.premiers(np.asarray(ligne), 1)[0])])
        sortie.append((morceau, code, str(libelles[code])))
    return sortie


def rendre_traduction(traduction: list[tuple[str, str, str]]) -> str:
    lignes = [echapper(messages.PROFIL_TRADUCTION_LIGNE.format(morceau=m, competence=l)) for m, _, l in traduction]
    return (f"<div class='profil-traduction'><p class='profil-note'>{echapper(messages.PROFIL_TRADUCTION)}</p>"
            + _liste(lignes) + "</div>")


def rendre_morceaux(parts: list[str]) -> str:
    """Comment le moteur sémantique a coupé le texte (chaque morceau échappé)."""
    titre = messages.PROFIL_MORCEAUX_UN if len(parts) == 1 else messages.PROFIL_MORCEAUX.format(n=len(parts))
    return (f"<div class='profil-morceaux'><p class='profil-note'>{echapper(titre)}</p>"
            + _liste([f"« {echapper(p)} »" for p in parts]) + "</div>")


def recommander_et_expliquer(profil, methode: str, k: int = K_METIERS) -> tuple[pd.DataFrame, list[dict]]:
    """Les ``k`` métiers de :func:`recommandation.recommander` et l'explication de chacun (:func:`recommandation.expliquer`)."""
    reco = recommandation.recommander(profil, k=k, methode=methode)
    explications = [recommandation.expliquer(profil, code, methode=methode, k=K_EXPLICATION) for code in reco["code_rome"]]
    return reco, explications


def metiers_en_commun(reco_a: pd.DataFrame, reco_b: pd.DataFrame) -> set[str]:
    """Les codes ROME présents dans les deux listes."""
    return set(reco_a["code_rome"]) & set(reco_b["code_rome"])


class ProfilApp:
    """L'application : ``ProfilApp().vue`` est le widget à afficher ; :meth:`voir` lance la recommandation."""

    def __init__(self, delai: float = 0.3) -> None:
        style = {"description_width": "initial"}
        large = widgets.Layout(width="100%", max_width="44em")
        self.choisies: list[tuple[str, str]] = []          # (libellé, code_ogr) : en mémoire seulement
        self.facon = widgets.ToggleButtons(options=[(v, k) for k, v in messages.PROFIL_FACONS.items()],
                                           value="phrase", description=messages.PROFIL_FACON, style=style)
        self.facon.style.button_width = "auto"
        self.facon.add_class("profil-facon")
        # ── une phrase ──
        self.phrase = champ_pour_bouton(widgets.Textarea, "profil-phrase",
                                        placeholder=messages.PROFIL_PHRASE_PLACEHOLDER,
                                        description=messages.PROFIL_PHRASE, style=style,
                                        layout=widgets.Layout(width="100%", max_width="44em", height="6em"))
        self.boite_phrase = widgets.VBox(
            [widgets.HTML(f"<p class='profil-note'>{echapper(messages.PROFIL_PHRASE_AIDE)}</p>"), self.phrase])
        # ── des compétences ──
        self.chercher = widgets.Text(placeholder=messages.PROFIL_CHERCHER_PLACEHOLDER,
                                     description=messages.PROFIL_CHERCHER, style=style, layout=large,
                                     continuous_update=True)
        self.chercher.add_class("profil-chercher")
        self.trouvees = widgets.Select(options=[], rows=6, description=messages.PROFIL_TROUVEES, style=style,
                                       layout=large)
        self.trouvees.add_class("profil-trouvees")
        self.ajouter = bouton(messages.PROFIL_AJOUTER, "profil-ajouter")
        self.profil = widgets.Select(options=[], rows=5, description=messages.PROFIL_CHOISIES, style=style,
                                     layout=large)
        self.profil.add_class("profil-choisies")
        self.retirer = bouton(messages.PROFIL_RETIRER, "profil-retirer")
        self.info = etiquette("profil-info", vivante=True)  # texte brut, annoncé par les lecteurs d'écran
        self.boite_competences = widgets.VBox(
            [widgets.HTML(f"<p class='profil-note'>{echapper(messages.PROFIL_COMPETENCES_AIDE)}</p>"),
             self.chercher, self.trouvees, self.ajouter, self.info, self.profil, self.retirer],
            layout=widgets.Layout(display="none"))
        # ── le résultat ──
        self.deviner = DevinerDabord("profil", messages.PROFIL_QUESTION_PARI.format(k=K_METIERS), reponses_pari(),
                                     quand_change=self._effacer)
        self.bouton = bouton(messages.PROFIL_BOUTON, "profil-voir", principal=True)
        self.etat = etiquette("profil-etat")
        self.alerte = etiquette("profil-alerte", vivante=True)
        self.annonce = etiquette("atelier-lecteur-seul", vivante=True)  # « 8 métiers proposés ; le premier est … »
        self.morceaux = zone_html("profil-morceaux-zone")
        self.commun = etiquette("profil-commun")                         # « Métiers en commun : n sur 8. … »
        # deux colonnes : le moteur de la façon choisie (profil-resultats-zone), puis l'autre (profil-autre-zone)
        self.resultats = zone_html("profil-resultats-zone")
        self.autre = zone_html("profil-autre-zone")
        self.colonnes = widgets.Box([self.resultats, self.autre])
        self.colonnes.add_class("profil-colonnes")
        self.vue = widgets.VBox(
            [feuille_de_style(),
             widgets.HTML(f"<p class='profil-note'>{echapper(messages.PROFIL_AIDE.format(k=K_METIERS))}</p>"),
             self.facon, self.boite_phrase, self.boite_competences, *self.deviner.widgets, self.bouton, self.etat,
             self.alerte, self.deviner.retour, self.commun, self.annonce, self.morceaux, self.colonnes],
            layout=widgets.Layout(width="100%", max_width="50em", padding="0.5em"))
        self.vue.add_class("profil-app")
        self._chercher_plus_tard = temporiser(delai)(self.chercher_competences)
        self.chercher.observe(lambda change: self._chercher_plus_tard(change["new"]), names="value")
        self.facon.observe(lambda _: self._changer_facon(), names="value")
        self.phrase.observe(lambda _: self._perime(), names="value")
        self.ajouter.on_click(lambda _: self.ajouter_competence())
        self.retirer.on_click(lambda _: self.retirer_competence())
        self.bouton.on_click(lambda _: self.voir())

    # ── petites actions ──
    def _effacer(self) -> None:
        self.alerte.value = self.etat.value = self.annonce.value = self.commun.value = ""
        self.morceaux.value = self.resultats.value = self.autre.value = ""
        self.deviner.effacer()

    def _erreur(self, message: str) -> None:
        self._effacer()
        self.alerte.value = message

    def _perime(self) -> None:
        if self.resultats.value:
            self.etat.value = messages.PROFIL_PERIME

    def _changer_facon(self) -> None:
        phrase = self.facon.value == "phrase"
        self.boite_phrase.layout.display = "flex" if phrase else "none"
        self.boite_competences.layout.display = "none" if phrase else "flex"
        self._effacer()

    def chercher_competences(self, texte: str) -> None:
        """Met dans la liste « Compétences trouvées » celles dont le libellé contient ``texte``."""
        protege(self._erreur)(self._chercher)(texte)

    def _chercher(self, texte: str) -> None:
        mot = " ".join(str(texte).split())[:MAX_RECHERCHE]
        self.info.value = ""
        if not mot:
            self.trouvees.options = []
            return
        trouvees = recommandation.chercher_competences(mot, k=K_TROUVEES)
        self.trouvees.options = [(l, c) for l, c in zip(trouvees["libelle"], trouvees["code_ogr"])]
        self.info.value = (messages.PROFIL_AUCUNE_TROUVEE.format(texte=mot) if trouvees.empty
                           else messages.PROFIL_N_TROUVEES.format(n=len(trouvees)))

    def ajouter_competence(self, code: str | None = None) -> None:
        """Ajoute au profil la compétence choisie dans la liste (ou ``code``)."""
        protege(self._erreur)(self._ajouter)(code)

    def _ajouter(self, code: str | None) -> None:
        code = self.trouvees.value if code is None else code
        if not code:
            self.info.value = messages.PROFIL_CHOISIR
            return
        libelle = dict((c, l) for l, c in self.trouvees.options).get(code) or str(recommandation.moteur().libelles[code])
        if any(c == code for _, c in self.choisies):
            self.info.value = messages.PROFIL_DEJA.format(competence=libelle)
            return
        if len(self.choisies) >= MAX_COMPETENCES:
            self.info.value = messages.PROFIL_MAX.format(n=MAX_COMPETENCES)
            return
        self.choisies.append((libelle, code))
        self._profil_change(messages.PROFIL_AJOUTEE, libelle)

    def retirer_competence(self) -> None:
        """Retire du profil la compétence choisie dans « Mon profil »."""
        protege(self._erreur)(self._retirer)()

    def _retirer(self) -> None:
        code = self.profil.value
        if not code:
            self.info.value = messages.PROFIL_CHOISIR
            return
        libelle = next(l for l, c in self.choisies if c == code)
        self.choisies = [(l, c) for l, c in self.choisies if c != code]
        self._profil_change(messages.PROFIL_RETIREE, libelle)

    def _profil_change(self, message: str, libelle: str) -> None:
        """Après un ajout ou un retrait : la liste « Mon profil », la phrase qui le dit (annoncée), le résultat
        affiché marqué périmé."""
        self.profil.options = list(self.choisies)
        self.info.value = message.format(competence=libelle, n=len(self.choisies))
        self._perime()

    # ── la recommandation ──
    def voir(self) -> None:
        """Recommande des métiers pour le profil décrit ; jamais de trace de pile (message en français)."""
        protege(self._erreur)(self._voir)()

    def _voir(self) -> None:
        self._effacer()
        if self.facon.value == "phrase":
            texte = " ".join(str(self.phrase.value).split())
            if not texte:
                self.alerte.value = messages.PROFIL_VIDE_PHRASE
                return
            if not any(c.isalnum() for c in texte):
                self.alerte.value = messages.PROFIL_SANS_MOT
                return
        elif not self.choisies:
            self.alerte.value = messages.PROFIL_VIDE_COMPETENCES
            return
        if self.deviner.manque():
            self.alerte.value = self.deviner.texte_question
            return
        self.etat.value = messages.PROFIL_CALCUL
        if self.facon.value == "phrase":
            if len(texte) > MAX_CARACTERES:
                self.alerte.value = messages.PROFIL_TRONQUE.format(n=MAX_CARACTERES)
                texte = texte[:MAX_CARACTERES]
            # la même personne pour les deux moteurs : le texte, et sa traduction en compétences du répertoire
            principal, autre = "semantique", "transparent"
            profils = {"semantique": texte}
            reco_s, expl_s = recommander_et_expliquer(texte, "semantique")
            traduction = traduire_en_competences(texte)
            profils["transparent"] = list(dict.fromkeys(code for _, code, _ in traduction))
            lecture = rendre_morceaux(recommandation.morceaux(texte)) + rendre_traduction(traduction)
        else:
            principal, autre = "transparent", "semantique"
            profils = {"transparent": [c for _, c in self.choisies],
                       "semantique": ". ".join(l for l, _ in self.choisies)[:MAX_CARACTERES]}
            reco_s, expl_s = recommander_et_expliquer(profils["semantique"], "semantique")
            lecture = (f"<p class='profil-note'>{echapper(messages.PROFIL_LIBELLES)}</p>"
                       + rendre_morceaux(recommandation.morceaux(profils["semantique"])))
        reco_t, expl_t = recommander_et_expliquer(profils["transparent"], "transparent")
        listes = {"semantique": (reco_s, expl_s), "transparent": (reco_t, expl_t)}
        communs = metiers_en_commun(reco_s, reco_t)
        self.etat.value = ""
        # L'annonce part en dernier : quand un lecteur d'écran la lit, les métiers sont déjà affichés
        # (les messages des widgets arrivent dans l'ordre).
        self.morceaux.value = lecture
        self.autre.value = rendre_resultats(*listes[autre], autre, communs)
        self.resultats.value = rendre_resultats(*listes[principal], principal, communs)
        n, k = len(communs), len(listes[principal][0])
        self.deviner.dire(messages.PROFIL_PARI_REEL.format(n=n, k=k))
        self.commun.value = rendre_commun(n, k)
        reco = listes[principal][0]
        self.annonce.value = messages.PROFIL_ANNONCE.format(n=len(reco), titre=reco["intitule"].iloc[0], commun=n)
        self.dernier = (reco, listes[principal][1], principal)
        self.derniers = {m: (r, e) for m, (r, e) in listes.items()}
        self.en_commun = communs


def application() -> widgets.VBox:
    """Construit et renvoie la vue du tableau de bord (le moteur est préparé dès l'ouverture)."""
    recommandation.moteur()
    return ProfilApp().vue
