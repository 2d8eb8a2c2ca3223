"""Tableau de bord « Sonde de biais » : le même profil en deux versions, deux listes de métiers côte à côte.

La personne choisit une persona (``datasets/personas_biais.csv``) ou écrit son propre texte, choisit quoi
comparer (masculin/féminin, masculin/épicène, prénom masculin/prénom féminin), et voit les deux listes de
10 métiers du moteur sémantique, ce qui a bougé, la part de femmes de chaque liste (barres) et une phrase de
lecture. Mode « deviner d'abord » : on parie avant de voir. Tout texte affiché passe par :func:`echapper`.
"""
from __future__ import annotations

import ipywidgets as widgets
import pandas as pd

from atelier import biais
from atelier.nombres import nombre_fr, nombre_signe
from atelier.palette import OKABE_ITO
from atelier.ui import messages
from atelier.ui.composants import DevinerDabord, bouton, champ_pour_bouton, etiquette, zone_html
from atelier.ui.securite import echapper, protege
from atelier.ui.style import feuille_de_style

MAX_CARACTERES = 500
MON_TEXTE = "__mon_texte__"
COMPARAISONS = {
    "masculin ↔ féminin": ("masculin", "feminin"),
    "masculin ↔ sans genre": ("masculin", "epicene"),
    "féminin ↔ sans genre": ("feminin", "epicene"),
    "prénom masculin ↔ prénom féminin": ("prenom_m", "prenom_f"),
}
COULEUR_A = OKABE_ITO["bleu"]
COULEUR_B = OKABE_ITO["vermillon"]


def _options_personas() -> list[tuple[str, str]]:
    p = biais.personas()
    options = [(f"{r.id} — {r.theme} : {r.texte_epicene[:60]}", r.id) for r in p.itertuples(index=False)]
    return options + [(messages.SONDE_MON_TEXTE, MON_TEXTE)]


def rendre_liste(liste: pd.DataFrame, deplacements: pd.DataFrame, cote: str) -> str:
    """Une liste de métiers en HTML (tout est échappé), avec ce qui a bougé pour la liste B."""
    nom = messages.SONDE_LISTE_A if cote == "a" else messages.SONDE_LISTE_B
    mouvements = deplacements.set_index("code_rome")["mouvement"]
    items = []
    for r in liste.itertuples(index=False):
        marque = ""
        if cote == "b":
            m = str(mouvements.get(r.code_rome, ""))
            texte = messages.SONDE_MOUVEMENTS.get(m, m)
            classe = "nouveau" if m == "entre dans la liste" else ""
            marque = f" <span class='sonde-marque {classe}'>{echapper(texte)}</span>"
        elif r.code_rome not in set(deplacements.loc[deplacements["rang_b"].notna(), "code_rome"]):
            marque = f" <span class='sonde-marque'>{echapper('absent de B')}</span>"
        items.append(f"<li><span class='sonde-titre'>{echapper(r.intitule)}</span>{marque}</li>")
    return (f"<div class='sonde-liste sonde-{cote}'><h2>{echapper(nom)}</h2><ol>" + "".join(items) + "</ol></div>")


def rendre_barres(part_a: float, part_b: float) -> str:
    """Deux barres horizontales accessibles (texte lisible, ``role='img'`` et ``aria-label``)."""
    lignes = []
    for nom, valeur, couleur, motif in ((messages.SONDE_LISTE_A, part_a, COULEUR_A, "none"),
                                         (messages.SONDE_LISTE_B, part_b, COULEUR_B,
                                          "repeating-linear-gradient(45deg, rgba(255,255,255,.35) 0 4px, transparent 4px 8px)")):
        texte = messages.SONDE_BARRE.format(liste=nom, valeur=nombre_fr(valeur, 1))
        largeur = max(0.0, min(100.0, float(valeur)))
        lignes.append(
            f"<div class='sonde-barre-ligne' role='img' aria-label='{echapper(texte)}'>"
            f"<span class='sonde-barre-nom'>{echapper(nom)}</span>"
            f"<span class='sonde-barre-fond'><span class='sonde-barre' style='display:block;width:{largeur:.1f}%;"
            f"background:{couleur};background-image:{motif}'></span></span>"
            f"<span class='sonde-barre-valeur'>{echapper(nombre_fr(valeur, 1))} %</span></div>")
    return (f"<div class='sonde-barres-contenu'><p class='sonde-note'>{echapper(messages.SONDE_BARRES)}</p>"
            + "".join(lignes) + "</div>")


def phrase_lecture(sonde: dict) -> str:
    """La phrase de lecture, en texte brut."""
    communs = round(sonde["recouvrement"] * 10)
    ecart = sonde["difference"]
    texte = messages.SONDE_LECTURE.format(
        communs=communs, a=nombre_fr(sonde["part_femmes_a"], 1), b=nombre_fr(sonde["part_femmes_b"], 1),
        ecart=nombre_signe(ecart, 1, plus=True))
    if communs == 10 and (sonde["deplacements"]["mouvement"] == "même rang").all():
        texte = messages.SONDE_IDENTIQUE + " " + texte
    return texte + " " + messages.SONDE_PRUDENCE


def resultat_reel(sonde: dict) -> str:
    """La bonne réponse au pari, parmi :data:`messages.SONDE_REPONSES`."""
    changes = 10 - round(sonde["recouvrement"] * 10)
    if changes == 0:
        return messages.SONDE_REPONSES[0]
    return messages.SONDE_REPONSES[1] if changes <= 3 else messages.SONDE_REPONSES[2]


class SondeApp:
    """L'application : ``SondeApp().vue`` est le widget à afficher ; ``comparer()`` lance la sonde."""

    def __init__(self) -> None:
        self.personas = biais.personas().set_index("id")
        self.choix = widgets.Dropdown(options=_options_personas(), value="P03", description=messages.SONDE_PERSONA,
                                      layout=widgets.Layout(width="100%", max_width="46em"))
        self.choix.add_class("sonde-persona")
        self.quoi = widgets.ToggleButtons(options=list(COMPARAISONS), value="masculin ↔ féminin",
                                          description=messages.SONDE_COMPARER_QUOI)
        self.quoi.style.button_width = "auto"
        self.quoi.add_class("sonde-quoi")
        zone = widgets.Layout(width="100%", max_width="46em", height="4.5em")
        self.texte_a = champ_pour_bouton(widgets.Textarea, "sonde-texte-a", description=messages.SONDE_VERSION_A,
                                         layout=zone)
        self.texte_b = champ_pour_bouton(widgets.Textarea, "sonde-texte-b", description=messages.SONDE_VERSION_B,
                                         layout=zone)
        # « Deviner d'abord » : la case, la question, les réponses et le retour (composant partagé)
        self.devine = DevinerDabord("sonde", messages.SONDE_QUESTION, messages.SONDE_REPONSES)
        self.deviner, self.question, self.pari = self.devine.widgets
        self.bouton = bouton(messages.SONDE_BOUTON, "sonde-comparer", principal=True)
        self.alerte = etiquette("sonde-alerte", vivante=True)  # annoncée par les lecteurs d'écran (gabarit Voilà)
        self.etat = etiquette("sonde-etat")
        self.listes = zone_html("sonde-listes-zone")
        self.barres = zone_html("sonde-barres")
        self.lecture = etiquette("sonde-lecture", vivante=True)  # texte brut : jamais interprété comme du HTML
        self.retour_pari = self.devine.retour
        self.vue = widgets.VBox(
            [feuille_de_style(), widgets.HTML(f"<p class='sonde-note'>{echapper(messages.SONDE_AIDE)}</p>"),
             self.choix, self.quoi, self.texte_a, self.texte_b, self.deviner, self.question, self.pari,
             self.bouton, self.etat, self.alerte, self.retour_pari, self.lecture, self.barres, self.listes],
            layout=widgets.Layout(width="100%", max_width="60em", padding="0.5em"))
        self.vue.add_class("sonde-app")      # la racine de ce tableau (tableaux.css)
        self.choix.observe(lambda _: self.remplir(), names="value")
        self.quoi.observe(lambda _: self.remplir(), names="value")
        self.bouton.on_click(lambda _: self.comparer())
        self.remplir()

    def _erreur(self, message: str) -> None:
        self.etat.value = ""
        self.alerte.value = message
        self.listes.value = self.barres.value = ""
        self.lecture.value = ""

    def _effacer(self) -> None:
        self.listes.value = self.barres.value = ""
        self.lecture.value = self.retour_pari.value = self.alerte.value = ""

    def remplir(self) -> None:
        """Met dans les deux zones de texte les versions de la persona choisie (rien pour « mon propre texte »)."""
        self._effacer()
        if self.choix.value == MON_TEXTE:
            return
        p = self.personas.loc[self.choix.value]
        a, b = COMPARAISONS[self.quoi.value]
        self.texte_a.value = biais.texte_version(p, a)
        self.texte_b.value = biais.texte_version(p, b)

    def comparer(self) -> None:
        protege(self._erreur)(self._comparer)()

    def _comparer(self) -> None:
        self._effacer()
        a = " ".join(str(self.texte_a.value).split())
        b = " ".join(str(self.texte_b.value).split())
        if len(a) < 3 or len(b) < 3 or not any(c.isalnum() for c in a) or not any(c.isalnum() for c in b):
            self.alerte.value = messages.SONDE_VIDE
            return
        if self.devine.manque():
            self.alerte.value = messages.SONDE_QUESTION
            return
        if len(a) > MAX_CARACTERES or len(b) > MAX_CARACTERES:
            self.alerte.value = messages.SONDE_TRONQUE.format(n=MAX_CARACTERES)
            a, b = a[:MAX_CARACTERES], b[:MAX_CARACTERES]
        self.etat.value = messages.SONDE_CALCUL
        sonde = biais.sonde_paire(a, b)
        self.etat.value = ""
        # Le retour sur le pari et la lecture partent avant les listes : quand les listes s'affichent,
        # tout le reste est déjà là (les messages des widgets arrivent dans l'ordre).
        self.devine.dire(resultat_reel(sonde))
        self.lecture.value = phrase_lecture(sonde)
        self.barres.value = rendre_barres(sonde["part_femmes_a"], sonde["part_femmes_b"])
        self.listes.value = ("<div class='sonde-listes'>" + rendre_liste(sonde["liste_a"], sonde["deplacements"], "a")
                             + rendre_liste(sonde["liste_b"], sonde["deplacements"], "b") + "</div>")
        self.derniere = sonde


def application() -> widgets.VBox:
    """Construit et renvoie la vue du tableau de bord."""
    return SondeApp().vue
