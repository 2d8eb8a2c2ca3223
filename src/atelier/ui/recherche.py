"""Tableau de bord « Recherche de métiers » : une zone de texte, des métiers qui suivent la frappe, et pour chacun
ce qui l'a fait venir (son nom, ou ce que dit sa fiche)."""
from __future__ import annotations

import ipywidgets as widgets
import pandas as pd

from atelier import recherche
from atelier.ui import messages
from atelier.ui.composants import etiquette
from atelier.ui.securite import echapper, protege
from atelier.ui.saisie import temporiser
from atelier.ui.style import feuille_de_style


def raison(ligne) -> str:
    """Pourquoi ce métier, en mots simples : son nom ressemble, sa fiche parle de telle compétence, ou une
    description européenne (ESCO) d'un métier relié ressemble."""
    if ligne.origine == "fiche":
        return messages.RECHERCHE_RAISON_FICHE.format(competence=ligne.competence)
    if ligne.origine == "esco":
        return messages.RECHERCHE_RAISON_ESCO.format(metier=ligne.metier_esco)
    return messages.RECHERCHE_RAISON_TITRE.format(appellation=ligne.appellation)


def rendre_resultats(resultats: pd.DataFrame) -> str:
    """Les résultats en HTML ; chaque valeur est échappée (jamais de HTML venu des données ou de la saisie)."""
    if resultats.empty:
        return f"<p>{echapper(messages.RECHERCHE_AUCUN)}</p>"
    items = []
    for r in resultats.itertuples(index=False):
        items.append(
            f"<li><span class='titre'>{echapper(r.intitule)}</span><br>"
            f"<span class='domaine'>{echapper(r.domaine_professionnel)} · {echapper(r.grand_domaine)}"
            f" · fiche {echapper(r.code_rome)}</span><br>"
            f"<span class='raison'>{echapper(raison(r))}</span></li>"
        )
    return "<div class='atelier-resultats'><ol>" + "".join(items) + "</ol></div>"


class RechercheApp:
    """L'application : ``RechercheApp().vue`` est le widget à afficher ; ``chercher(texte)`` la met à jour."""

    def __init__(self, k: int = 8, delai: float = 0.3) -> None:
        self.k = k
        self.saisie = widgets.Text(
            placeholder=messages.RECHERCHE_PLACEHOLDER, description="Métier :", continuous_update=True,
            layout=widgets.Layout(width="100%", max_width="40em"),
        )
        self.saisie.add_class("atelier-saisie")
        self.pourquoi = widgets.HTML(f"<p class='atelier-note'>{echapper(messages.RECHERCHE_POURQUOI)}</p>")
        self.echo = etiquette("atelier-echo")  # texte brut : la saisie n'est jamais interprétée
        self.compris = etiquette("atelier-compris")   # « Compris comme : je veux réparer les voitures »
        # zone annoncée par les lecteurs d'écran (gabarit Voilà)
        self.alerte = etiquette("atelier-alerte", vivante=True)
        # « 8 métiers trouvés. » : annoncé à chaque recherche ; masqué à l'écran : la liste se voit déjà
        self.annonce = etiquette("atelier-lecteur-seul", vivante=True)
        self.resultats = widgets.HTML(f"<p>{echapper(messages.RECHERCHE_VIDE)}</p>")
        self.resultats.add_class("atelier-resultats-zone")
        self.vue = widgets.VBox(
            [feuille_de_style(), widgets.HTML(f"<p class='atelier-note'>{echapper(messages.RECHERCHE_AIDE)}</p>"),
             self.saisie, self.pourquoi,
             self.echo, self.compris, self.alerte, self.annonce, self.resultats],
            layout=widgets.Layout(width="100%", max_width="48em", padding="0.5em"),
        )
        self.vue.add_class("recherche-app")   # la racine qui borne les règles de ce tableau (tableaux.css)
        self._plus_tard = temporiser(delai)(self.chercher)
        self.saisie.observe(lambda change: self._plus_tard(change["new"]), names="value")

    def _erreur(self, message: str) -> None:
        self.alerte.value = message
        self.annonce.value = ""
        self.resultats.value = ""

    def chercher(self, texte: str) -> None:
        protege(self._erreur)(self._chercher)(texte)

    def _chercher(self, texte: str) -> None:
        self.alerte.value = ""
        requete = recherche.nettoyer_requete(texte)
        if not requete:
            self.echo.value = self.annonce.value = self.compris.value = ""
            self.resultats.value = f"<p>{echapper(messages.RECHERCHE_VIDE)}</p>"
            return
        if len(" ".join(str(texte).split())) > recherche.MAX_CARACTERES_REQUETE:
            self.alerte.value = messages.RECHERCHE_TRONQUEE.format(n=recherche.MAX_CARACTERES_REQUETE)
        resultats = recherche.chercher(requete, k=self.k)
        if not resultats.empty and resultats["score"].iloc[0] < recherche.SEUIL_FICHE_PERTINENTE:
            self.alerte.value = messages.RECHERCHE_FAIBLE
        # Les résultats, puis la ligne qui dit pour quelle requête ils sont, puis l'annonce : quand la ligne
        # « Résultats pour : … » montre la requête, les résultats affichés sont les siens (les messages des
        # widgets arrivent dans l'ordre, et une frappe rapide lance parfois une recherche sur un début de mot).
        self.resultats.value = rendre_resultats(resultats)
        self.echo.value = messages.RECHERCHE_ECHO.format(requete=requete)
        compris = resultats.attrs.get("compris", "")
        self.compris.value = messages.RECHERCHE_COMPRIS.format(texte=compris) if resultats.attrs.get(
            "remplacements") else ""
        self.annonce.value = annonce(len(resultats))


def annonce(n: int) -> str:
    """La phrase que la zone vivante annonce : « 8 métiers trouvés. », « 1 métier trouvé. », « Aucun… »."""
    if n == 0:
        return messages.RECHERCHE_AUCUN
    return messages.RECHERCHE_ANNONCE_UN if n == 1 else messages.RECHERCHE_ANNONCE.format(n=n)


def application(k: int = 8) -> widgets.VBox:
    """Construit et renvoie la vue du tableau de bord (la recherche est prête à l'emploi)."""
    recherche.preparer()   # l'index, les fiches et le lexique : la première frappe sera rapide
    return RechercheApp(k=k).vue
