"""Tableau de bord « Des mots aux nombres » : deux textes, un verdict en mots, leurs voisins, puis les nombres.

La personne tape deux mots ou deux métiers (ou choisit un exemple) ; le tableau de bord montre d'abord un verdict
en mots (« très proches », « éloignés »…) et les métiers voisins de chaque texte, puis, derrière « Pour en savoir
plus » (un ``<details>`` fermé) :

- la similarité cosinus des deux plongements, **placée face à des paires de métiers tirées au hasard** (avec ce
  modèle, elles ont déjà une similarité élevée : le nombre brut se lit mal, voir le module 01) ;
- ce que le module 01 apprend à regarder à la place : le **rang** (la place de l'un parmi les voisins de
  l'autre) et le **score centré** (la similarité moins la similarité moyenne avec tous les intitulés), et une
  phrase qui les lit ;
- les intitulés du ROME les plus proches de chacun des deux textes.

« Deviner d'abord » (:class:`atelier.ui.composants.DevinerDabord`, comme l'exercice 1 du module 01 : « pariez
avant de voir ») : on parie que les deux textes seront proches, assez proches ou éloignés pour le modèle ; après le
verdict, la page dit si le pari était juste (les trois réponses couvrent les cinq verdicts :
:data:`REPONSE_DU_VERDICT`).

Les calculs sont ceux de :mod:`atelier.similarite` ; ce qui est tapé est encodé sans cache disque et n'est
jamais rendu comme du HTML (:func:`echapper`, ou des ``Label`` en texte brut).
"""
from __future__ import annotations

import functools

import ipywidgets as widgets
import pandas as pd

from atelier import similarite
from atelier.nombres import nombre_fr, nombre_signe
from atelier.ui import messages
from atelier.ui.composants import DevinerDabord, bouton, etiquette, zone_html
from atelier.ui.saisie import temporiser
from atelier.ui.securite import echapper, protege
from atelier.ui.style import feuille_de_style

#: Longueur maximale lue de chaque texte (au-delà, la suite est ignorée).
MAX_CARACTERES = 200
#: Combien de voisins montrer pour chaque texte.
K_VOISINS = 5
#: Délai entre la touche Entrée (ou le clic) et la lecture des cases : laisse arriver les dernières lettres.
DELAI_ENVOI = 0.25
#: Paires tirées au hasard pour le repère (la même graine que le module 01).
N_HASARD = 10_000
#: « Deviner d'abord » : pour chaque verdict (indice dans ``messages.NOMBRES_VERDICTS``), la réponse juste (indice
#: dans ``messages.NOMBRES_REPONSES_PARI``) : « proches, voire très proches » (10 plus proches voisins ou 1 % des
#: métiers), « assez proches » (10 %), « à peine plus proches que la moyenne, ou éloignés » (le reste).
REPONSE_DU_VERDICT = (0, 0, 1, 2, 2)


@functools.lru_cache(maxsize=1)
def repere_hasard() -> dict:
    """Le repère du module 01 : similarités de :data:`N_HASARD` paires d'intitulés tirées au hasard (graine 0)."""
    return similarite.resume(similarite.similarites_aleatoires(N_HASARD, graine=0))


def indice_verdict(rang: int, sur: int) -> int:
    """L'indice du verdict d'un rang (1 = le plus proche) parmi ``sur`` intitulés, de 0 (« très proches », parmi
    les 10 plus proches voisins) à 4 (« éloignés », moins proches que la moyenne) ; voir :data:`NOMBRES_VERDICTS`."""
    part = rang / max(sur, 1)
    if rang <= 10:
        i = 0
    elif part <= 0.01:
        i = 1
    elif part <= 0.10:
        i = 2
    elif part <= 0.50:
        i = 3
    else:
        i = 4
    return i


def verdict(rang: int, sur: int) -> str:
    """La lecture en mots d'un rang (1 = le plus proche) parmi ``sur`` intitulés (voir :data:`NOMBRES_VERDICTS`)."""
    return messages.NOMBRES_VERDICTS[indice_verdict(rang, sur)]


def retour_pari(pari: str | None, indice: int | None) -> str:
    """Ce que la page répond au pari (« Deviner d'abord ») : le verdict en quelques mots et si le pari était juste.
    ``indice`` est celui du verdict (:func:`indice_verdict`) ; ``None`` pour deux textes identiques."""
    if indice is None:
        reel, juste = messages.NOMBRES_PARI_IDENTIQUES, 0
    else:
        reel, juste = messages.NOMBRES_VERDICTS_COURTS[indice], REPONSE_DU_VERDICT[indice]
    vu_juste = pari == messages.NOMBRES_REPONSES_PARI[juste]
    return messages.NOMBRES_PARI_REEL.format(
        verdict=reel, juste=messages.NOMBRES_PARI_JUSTE if vu_juste else messages.NOMBRES_PARI_RATE)


def nettoyer(texte: object) -> tuple[str, bool]:
    """Le texte prêt à comparer (espaces en trop retirés, :data:`MAX_CARACTERES` au plus) et s'il a été coupé."""
    propre = " ".join(str(texte if texte is not None else "").split())
    return propre[:MAX_CARACTERES], len(propre) > MAX_CARACTERES


def comparer(a: str, b: str) -> dict:
    """Tout ce que montre le tableau de bord pour deux textes déjà nettoyés : la similarité, le rang et le score
    centré vus depuis chacun des deux, le verdict (sur le meilleur des deux rangs) et les voisins de chacun."""
    ab, ba = similarite.comparer(a, b), similarite.comparer(b, a)
    meilleur = min((ab, ba), key=lambda c: c["rang"] / c["sur"])
    indice = indice_verdict(meilleur["rang"], meilleur["sur"])
    return {"a": a, "b": b, "similarite": ab["similarite"], "depuis_a": ab, "depuis_b": ba,
            "verdict": messages.NOMBRES_VERDICTS[indice], "indice_verdict": indice,
            "voisins_a": similarite.voisins(a, k=K_VOISINS), "voisins_b": similarite.voisins(b, k=K_VOISINS)}


def rendre_echelle(sim: float, repere: dict) -> str:
    """L'échelle « paires au hasard / votre paire » en HTML accessible (``role='img'`` et ``aria-label``)."""
    bas = min(0.7, round(sim - 0.05, 1), round(repere["p5"] - 0.05, 1))
    pos = lambda x: max(0.0, min(100.0, 100 * (x - bas) / (1 - bas)))  # noqa: E731
    f = lambda x: nombre_fr(x, 2)  # noqa: E731
    alt = messages.NOMBRES_REPERE_ALT.format(bas=f(bas), p5=f(repere["p5"]), p95=f(repere["p95"]), sim=f(sim))
    return (f"<h3>{echapper(messages.NOMBRES_REPERE.format(n=nombre_fr(repere['n'], 0)))}</h3>"
            f"<div class='nombres-echelle' role='img' aria-label='{echapper(alt)}'>"
            f"<div class='nombres-bande' style='left:{pos(repere['p5']):.1f}%;"
            f"width:{pos(repere['p95']) - pos(repere['p5']):.1f}%'><span aria-hidden='true'>"
            f"{echapper(messages.NOMBRES_REPERE_HASARD)}</span></div>"
            f"<div class='nombres-trait' style='left:{pos(sim):.1f}%'></div></div>"
            f"<div class='nombres-bornes' aria-hidden='true'><span>{echapper(f(bas))}</span>"
            f"<span>{echapper(messages.NOMBRES_REPERE_VOUS.format(sim=f(sim)))}</span><span>1</span></div>")


def rendre_rang(vu: dict) -> str:
    """La phrase « rang et score centré », vue depuis ``vu["a"]`` (un résultat de :func:`similarite.comparer`)."""
    centre = vu["score_centre"]
    texte = messages.NOMBRES_RANG.format(
        a=vu["a"], b=vu["b"], rang=nombre_fr(vu["rang"], 0), sur=nombre_fr(vu["sur"], 0),
        centre=nombre_signe(centre, 2, plus=True),
        habituel=nombre_fr(vu["similarite"] - centre, 2))
    return f"<p>{echapper(texte)}</p>"


def rendre_voisins(texte: str, voisins: pd.DataFrame) -> str:
    """Les voisins d'un texte (intitulés du ROME), chaque valeur échappée."""
    items = []
    for v in voisins.itertuples(index=False):
        detail = messages.NOMBRES_VOISIN_DETAIL.format(grand_domaine=v.grand_domaine)
        items.append(f"<li>{echapper(messages.NOMBRES_VOISIN.format(appellation=v.appellation))}<br>"
                     f"<span class='nombres-detail'>{echapper(detail)}</span></li>")
    return (f"<div><h3>{echapper(messages.NOMBRES_VOISINS.format(texte=texte))}</h3><ol>" + "".join(items)
            + "</ol></div>")


def rendre_resultat(r: dict, repere: dict) -> str:
    """Le résultat complet en HTML (tout texte échappé)."""
    sim = r["similarite"]
    f = lambda x: nombre_fr(x, 2)  # noqa: E731
    aide = messages.NOMBRES_SIMILARITE_AIDE.format(moyenne=f(repere["moyenne"]), p5=f(repere["p5"]),
                                                   p95=f(repere["p95"]), sim=f(sim), pourcent=round(100 * sim))
    # Le verdict en mots est affiché au-dessus (self.verdict) ; ici d'abord les voisins et la prudence, puis les
    # nombres (similarité, échelle, rang, score centré) derrière « Pour en savoir plus ».
    return ("<div class='nombres-resultat'>"
            + f"<p class='nombres-note'>{echapper(messages.NOMBRES_PRUDENCE)}</p>"
            + f"<h2>{echapper(messages.NOMBRES_VOISINS_TITRE)}</h2>"
            + "<div class='nombres-voisins'>" + rendre_voisins(r["a"], r["voisins_a"])
            + rendre_voisins(r["b"], r["voisins_b"]) + "</div>"
            + f"<details class='nombres-plus'><summary>{echapper(messages.NOMBRES_PLUS)}</summary>"
            f"<h2 class='nombres-sim'>{echapper(messages.NOMBRES_SIMILARITE.format(sim=f(sim)))}</h2>"
            f"<p>{echapper(aide)}</p>"
            + rendre_echelle(sim, repere)
            + f"<h2>{echapper(messages.NOMBRES_RANG_TITRE)}</h2>"
            + rendre_rang(r["depuis_a"]) + rendre_rang(r["depuis_b"])
            + "</details></div>")


class NombresApp:
    """L'application : ``NombresApp().vue`` est le widget à afficher ; :meth:`comparer` lit les deux cases."""

    def __init__(self, delai: float = DELAI_ENVOI) -> None:
        champ = widgets.Layout(width="100%", max_width="34em")
        style = {"description_width": "initial"}
        self.texte_a = widgets.Text(placeholder=messages.NOMBRES_PLACEHOLDER_A, description=messages.NOMBRES_A,
                                    style=style, layout=champ)
        self.texte_a.add_class("nombres-a")
        self.texte_b = widgets.Text(placeholder=messages.NOMBRES_PLACEHOLDER_B, description=messages.NOMBRES_B,
                                    style=style, layout=champ)
        self.texte_b.add_class("nombres-b")
        options = [(messages.NOMBRES_EXEMPLE_AUCUN, None)] + [(f"{a} ↔ {b}", (a, b))
                                                             for a, b in messages.NOMBRES_EXEMPLES]
        self.exemple = widgets.Dropdown(options=options, value=None, description=messages.NOMBRES_EXEMPLE,
                                        style=style, layout=champ)
        self.exemple.add_class("nombres-exemple")
        # « Deviner d'abord » : la case, la question, les réponses et le retour (composant partagé)
        self.devine = DevinerDabord("nombres", messages.NOMBRES_QUESTION_PARI, messages.NOMBRES_REPONSES_PARI,
                                    quand_change=self._effacer)
        self.bouton = bouton(messages.NOMBRES_BOUTON, "nombres-comparer", principal=True)
        self.etat = etiquette("nombres-etat")
        self.echo = etiquette("nombres-echo")  # texte brut : la saisie n'est jamais interprétée
        self.alerte = etiquette("nombres-alerte", vivante=True)  # annoncée par les lecteurs d'écran (gabarit Voilà)
        self.verdict = etiquette("nombres-verdict", vivante=True)  # la phrase qui lit le résultat, annoncée elle aussi
        self.resultat = zone_html("nombres-resultat-zone")
        self.vue = widgets.VBox(
            [feuille_de_style(), widgets.HTML(f"<p class='nombres-note'>{echapper(messages.NOMBRES_AIDE)}</p>"),
             self.texte_a, self.texte_b, self.exemple, *self.devine.widgets, self.bouton, self.etat, self.alerte,
             self.echo, self.verdict, self.devine.retour, self.resultat],
            layout=widgets.Layout(width="100%", max_width="50em", padding="0.5em"))
        self.vue.add_class("nombres-app")
        self._plus_tard = temporiser(delai)(self.comparer)
        for champ_texte in (self.texte_a, self.texte_b):
            champ_texte.on_msg(self._message_saisie)        # la touche Entrée envoie un message « submit »
        self.bouton.on_click(lambda _: self._plus_tard())
        self.exemple.observe(lambda change: self._choisir_exemple(change["new"]), names="value")

    def _message_saisie(self, _widget, contenu, _tampons) -> None:
        if isinstance(contenu, dict) and contenu.get("event") == "submit":
            self._plus_tard()

    def _choisir_exemple(self, paire) -> None:
        if paire:
            self.texte_a.value, self.texte_b.value = paire
            self.comparer()

    def _effacer(self) -> None:
        self.alerte.value = self.echo.value = self.verdict.value = self.etat.value = ""
        self.resultat.value = ""
        self.devine.effacer()

    def _erreur(self, message: str) -> None:
        self._effacer()
        self.alerte.value = message

    def comparer(self) -> None:
        """Compare le contenu des deux cases ; jamais de trace de pile (message en français)."""
        protege(self._erreur)(self._comparer)()

    def _comparer(self) -> None:
        self._effacer()
        (a, coupe_a), (b, coupe_b) = nettoyer(self.texte_a.value), nettoyer(self.texte_b.value)
        if not a or not b:
            self.alerte.value = messages.NOMBRES_VIDE
            return
        for quel, texte in zip(messages.NOMBRES_QUEL, (a, b)):
            if not any(c.isalnum() for c in texte):
                self.alerte.value = messages.NOMBRES_SANS_MOT.format(quel=quel)
                return
        if self.devine.manque():
            self.alerte.value = self.devine.texte_question
            return
        if coupe_a or coupe_b:
            self.alerte.value = messages.NOMBRES_TRONQUE.format(n=MAX_CARACTERES)
        self.echo.value = messages.NOMBRES_ECHO.format(a=a, b=b)
        if a == b:
            self.devine.dire(retour_pari(self.devine.pari.value, None))
            self.verdict.value = messages.NOMBRES_IDENTIQUES
            return
        self.etat.value = messages.NOMBRES_CALCUL
        r = comparer(a, b)
        self.etat.value = ""
        # Le détail et le retour sur le pari partent avant le verdict : quand la phrase du verdict s'affiche (et
        # qu'un lecteur d'écran l'annonce), tout le reste est déjà là (les messages des widgets arrivent dans l'ordre).
        self.resultat.value = rendre_resultat(r, repere_hasard())
        self.devine.dire(retour_pari(self.devine.pari.value, r["indice_verdict"]))
        self.verdict.value = messages.NOMBRES_ANNONCE.format(verdict=r["verdict"])
        self.dernier = r


def application() -> widgets.VBox:
    """Construit et renvoie la vue du tableau de bord (le repère « paires au hasard » est prêt dès l'ouverture)."""
    repere_hasard()
    return NombresApp().vue
