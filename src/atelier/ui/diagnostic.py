"""Tableau de bord « Diagnostic IA » : l'autodiagnostic du module 08, sans code, pour une structure de l'ESS.

La personne répond aux 17 questions (boutons radio, rangés par axe), coche les usages qu'elle envisage, peut
donner le nom de sa structure, puis clique sur « Voir mon profil » : la figure du profil (une image avec son texte
alternatif), des conseils pour les axes faibles, et pour chaque usage les questions à régler d'abord et les
modules à suivre. Une feuille de style d'impression (Ctrl+P) n'imprime que le résultat.

Règles (voir :mod:`atelier.ui`) : le nom tapé n'est affiché que par un ``widgets.Label`` (du texte, jamais du
HTML) ; tout le reste du HTML vient des fichiers de l'atelier et passe quand même par :func:`echapper` ; rien
n'est écrit sur le disque ni journalisé ; une erreur montre un message en français, jamais une trace de pile.
"""
from __future__ import annotations

import base64
import io
import re

import ipywidgets as widgets
import matplotlib.pyplot as plt

from atelier import diagnostic
from atelier.ui import messages
from atelier.ui.composants import bouton, champ_pour_bouton, etiquette, zone_html
from atelier.ui.securite import echapper, protege
from atelier.ui.style import feuille_de_style


def rendre_figure(png: bytes, alt: str) -> str:
    """La figure en HTML : une image intégrée (aucune requête) avec son texte alternatif, et sa description."""
    code = base64.b64encode(png).decode("ascii")
    return (f"<figure><img class='diag-image' src='data:image/png;base64,{code}' alt='{echapper(alt)}'>"
            f"<figcaption class='diag-alt'>{echapper(messages.DIAG_FIGURE.format(alt=alt))}</figcaption></figure>")


def rendre_conseils(conseils: list[tuple[str, str]]) -> str:
    """Les conseils par axe faible, en HTML échappé."""
    titre = f"<h3>{echapper(messages.DIAG_CONSEILS)}</h3>"
    if not conseils:
        return titre + f"<p>{echapper(messages.DIAG_CONSEILS_AUCUN)}</p>"
    items = "".join(f"<li><strong>{echapper(libelle)}</strong> : {echapper(texte)}</li>" for libelle, texte in conseils)
    return titre + f"<ul>{items}</ul>"


def rendre_recommandations(reco) -> str:
    """Les recommandations (une section par usage) en HTML ; tout le texte est échappé."""
    titre = f"<h3>{echapper(messages.DIAG_RECOS)}</h3>"
    if reco.empty:
        return titre + f"<p class='diag-sans-usage'>{echapper(messages.DIAG_SANS_USAGE)}</p>"
    sections = []
    for r in reco.itertuples(index=False):
        questions = "".join(
            f"<li class='diag-enjeu' data-enjeu='{echapper(e)}'>{echapper(q)} "
            f"<span class='diag-etat {echapper(cle)}'>{echapper(etat)}</span></li>"
            for e, q, etat, cle in zip(r.enjeux, r.questions, r.etats, r.codes_etats))
        modules = "".join(f"<li class='diag-module' data-module='{echapper(m)}'>{echapper(m)} — "
                          f"{echapper(diagnostic.MODULES[m])}</li>" for m in r.modules)
        droit = (f"<p class='diag-droit'><strong>{echapper(messages.DIAG_DROIT)}</strong> {echapper(r.note_droit)}</p>"
                 if r.note_droit else "")
        sections.append(
            f"<section class='diag-reco' data-usage='{echapper(r.id)}'><h4 style='font-size:1em;margin:0.3em 0'>"
            f"{echapper(r.usage)} <span class='diag-vigilance'>"
            f"({echapper(messages.DIAG_VIGILANCE.format(vigilance=r.vigilance))})</span></h4>"
            f"<p>{echapper(messages.DIAG_D_ABORD)}</p><ol class='diag-questions'>{questions}</ol>"
            f"<p>{echapper(messages.DIAG_MODULES)}</p><ul class='diag-modules'>{modules}</ul>{droit}</section>")
    return titre + "".join(sections)


#: Une jurisprudence entre parenthèses (« (arrêt Dun & Bradstreet Austria, 27 février 2025) ») : elle quitte la phrase.
_REFERENCE = re.compile(r"\s*\(((?:arrêt|décision|CJUE)\b[^()]*)\)")


def pourquoi_simple(texte: str) -> tuple[str, list[str]]:
    """La phrase « Pourquoi cette question ? » sans ses références entre parenthèses, et ces références.

    Les mots d'abord : un arrêt ou un numéro d'article ne se lit pas en première lecture ; il reste accessible
    derrière « Pour en savoir plus »."""
    references = [m.group(1).strip() for m in _REFERENCE.finditer(texte)]
    return _REFERENCE.sub("", texte), references


def rendre_pourquoi(texte: str) -> str:
    """Le ``<details>`` « Pourquoi cette question ? » : la raison en mots, les références dans un second ``<details>``."""
    simple, references = pourquoi_simple(texte)
    plus = (f"<details class='diag-references'><summary>{echapper(messages.DIAG_PLUS)}</summary>"
            f"{echapper(messages.DIAG_REFERENCES.format(references=' ; '.join(references)))}</details>"
            if references else "")
    return f"<details><summary>{echapper(messages.DIAG_POURQUOI)}</summary>{echapper(simple)}{plus}</details>"


class DiagnosticApp:
    """L'application : ``DiagnosticApp().vue`` est le widget à afficher ; ``voir()`` calcule le profil."""

    def __init__(self) -> None:
        questions = diagnostic.questions()
        self.radios: dict[str, widgets.RadioButtons] = {}
        blocs_axes = []
        for axe, libelle in diagnostic.AXES.items():
            enfants = [widgets.HTML(f"<h3>{echapper(messages.DIAG_AXE.format(libelle=libelle, description=diagnostic.DESCRIPTIONS_AXES[axe]))}</h3>")]
            for q in questions[questions["axe"] == axe].itertuples(index=False):
                opts = diagnostic.options(q.question_id)
                radio = widgets.RadioButtons(options=list(zip(opts["option"], opts["option_id"])), value=None,
                                             layout=widgets.Layout(width="100%"))
                radio.add_class("diag-radio")
                radio.add_class(f"diag-radio-{q.question_id}")
                radio.add_class(f"atelier-nomme-par-diag-intitule-{q.question_id}")   # groupe nommé par la question
                radio.observe(self._changement, names="value")
                self.radios[q.question_id] = radio
                entete = widgets.HTML(
                    f"<div class='diag-intitule' id='diag-intitule-{q.question_id}'>{echapper(q.question_id)}. "
                    f"{echapper(q.question)}</div>{rendre_pourquoi(q.pourquoi)}")
                bloc = widgets.VBox([entete, radio])
                bloc.add_class("diag-question")
                bloc.add_class(f"diag-q-{q.question_id}")
                enfants.append(bloc)
            boite = widgets.VBox(enfants)
            boite.add_class("diag-axe")
            boite.add_class(f"diag-axe-{axe}")
            blocs_axes.append(boite)

        self.cases: dict[str, widgets.Checkbox] = {}
        cases = []
        for u in diagnostic.usages().itertuples(index=False):
            case = widgets.Checkbox(value=False, description=u.usage, indent=False, tooltip=u.exemple,
                                    layout=widgets.Layout(width="100%"))
            case.add_class("diag-usage")
            case.add_class(f"diag-usage-{u.id}")
            case.observe(self._changement, names="value")
            self.cases[u.id] = case
            cases.append(case)

        self.nom = champ_pour_bouton(widgets.Text, "diag-nom", value="", placeholder=messages.DIAG_NOM_PLACEHOLDER,
                                     description=messages.DIAG_NOM, style={"description_width": "initial"},
                                     layout=widgets.Layout(width="100%"))
        self.nom.observe(self._changement, names="value")

        self.bouton = bouton(messages.DIAG_BOUTON, "diag-voir", principal=True)
        self.effacer = bouton(messages.DIAG_EFFACER, "diag-effacer")
        self.alerte = etiquette("diag-alerte")
        self.perime = etiquette("diag-perime")
        for w in (self.alerte, self.perime):
            w.add_class("atelier-vivant")                # annoncées par les lecteurs d'écran (gabarit Voilà)

        # Le résultat : le nom n'est montré que par un Label (texte brut, jamais interprété comme du HTML).
        self.titre_resultat = widgets.HTML(f"<h2>{echapper(messages.DIAG_RESULTAT)}</h2>")
        self.nom_affiche = etiquette("diag-nom-affiche")
        self.couverture = etiquette("diag-couverture", vivante=True)
        self.figure = zone_html("diag-figure")
        self.conseils = zone_html("diag-conseils")
        self.recos = zone_html("diag-recos")
        imprimer = widgets.Label(messages.DIAG_IMPRIMER)
        imprimer.add_class("diag-imprimer")
        pied = widgets.Label(messages.DIAG_PIED)
        pied.add_class("diag-note")
        self.resultat = widgets.VBox([self.titre_resultat, self.nom_affiche, self.couverture, self.figure,
                                      self.conseils, self.recos, imprimer, pied],
                                     layout=widgets.Layout(display="none"))
        self.resultat.add_class("diag-resultat")

        intro = widgets.HTML(f"<p>{echapper(messages.DIAG_AIDE)}</p>"
                             f"<p class='diag-note'>{echapper(messages.DIAG_CONFIDENTIALITE)}</p>")
        intro.add_class("diag-intro")
        formulaire = widgets.VBox(
            [self.nom, widgets.HTML(f"<h2>{echapper(messages.DIAG_QUESTIONS)}</h2>"), *blocs_axes,
             widgets.HTML(f"<h2>{echapper(messages.DIAG_USAGES)}</h2><p class='diag-note'>"
                          f"{echapper(messages.DIAG_USAGES_AIDE)}</p>"), *cases])
        formulaire.add_class("diag-formulaire")
        actions = widgets.HBox([self.bouton, self.effacer], layout=widgets.Layout(flex_flow="row wrap"))
        actions.add_class("diag-actions")
        self.vue = widgets.VBox(
            [feuille_de_style(), intro, formulaire, actions, self.alerte, self.perime, self.resultat],
            layout=widgets.Layout(width="100%", max_width="60em", padding="0.5em"))
        self.vue.add_class("diag-app")
        self.bouton.on_click(lambda _: self.voir())
        self.effacer.on_click(lambda _: self.tout_effacer())
        self._affiche = False

    # ----------------------------------------------------------------------------------------- état
    def reponses(self) -> dict[str, str | None]:
        """Les réponses cochées, ``{"Q01": "b", "Q02": None, …}`` : elles ne quittent pas la mémoire du noyau."""
        return {qid: radio.value for qid, radio in self.radios.items()}

    def usages_coches(self) -> list[str]:
        return [uid for uid, case in self.cases.items() if case.value]

    def _changement(self, _change) -> None:
        if self._affiche:
            self.perime.value = messages.DIAG_PERIME

    def _erreur(self, message: str) -> None:
        self.alerte.value = message
        self.resultat.layout.display = "none"
        self._affiche = False

    def tout_effacer(self) -> None:
        """Remet toutes les réponses à « sans réponse », décoche les usages, vide le nom et le résultat."""
        self._affiche = False
        for radio in self.radios.values():
            radio.value = None
        for case in self.cases.values():
            case.value = False
        self.nom.value = ""
        self.alerte.value = self.perime.value = ""
        self.resultat.layout.display = "none"
        self.figure.value = self.conseils.value = self.recos.value = ""

    # ------------------------------------------------------------------------------------------ calcul
    def voir(self) -> None:
        protege(self._erreur)(self._voir)()

    def _voir(self) -> None:
        self.alerte.value = self.perime.value = ""
        reponses = self.reponses()
        p = diagnostic.profil(reponses)
        n = int(p["n_repondues"].sum())
        if n == 0:
            self.alerte.value = messages.DIAG_VIDE
            self.resultat.layout.display = "none"
            self._affiche = False
            return
        nom, tronque = diagnostic.nettoyer_nom(self.nom.value)
        self.nom_affiche.value = messages.DIAG_NOM_AFFICHE.format(nom=nom) if nom else ""
        self.nom_affiche.layout.display = "" if nom else "none"
        if tronque:                               # après le nom : quand l'avis s'affiche, le nom coupé est déjà là
            self.alerte.value = messages.DIAG_NOM_TRONQUE.format(n=diagnostic.MAX_NOM)
        self.couverture.value = messages.DIAG_COUVERTURE.format(n=n, total=int(p["n_questions"].sum()))
        fig, alt = diagnostic.figure_profil(p, titre=messages.DIAG_TITRE_FIGURE)
        tampon = io.BytesIO()                     # en mémoire seulement : rien n'est écrit sur le disque
        try:
            fig.savefig(tampon, format="png", dpi=96)
        finally:
            plt.close(fig)
        # La figure part en dernier : quand elle s'affiche, les conseils et les recommandations sont déjà là
        # (les messages des widgets arrivent dans l'ordre).
        self.conseils.value = rendre_conseils(diagnostic.conseils(p))
        self.recos.value = rendre_recommandations(diagnostic.recommandations(self.usages_coches(), reponses))
        self.resultat.layout.display = "flex"
        self.figure.value = rendre_figure(tampon.getvalue(), alt)
        self._affiche = True


def application() -> widgets.VBox:
    """Construit et renvoie la vue du tableau de bord (ou un message clair si les fichiers manquent)."""
    vue: list[widgets.VBox] = []
    alerte = etiquette("diag-alerte")
    protege(lambda message: setattr(alerte, "value", message))(lambda: vue.append(DiagnosticApp().vue))()
    return vue[0] if vue else widgets.VBox([feuille_de_style(), alerte], layout=widgets.Layout(padding="0.5em"))
