"""Les éléments que partagent les tableaux de bord : un texte brut (éventuellement annoncé par les lecteurs d'écran),
une zone HTML et un bouton, chacun avec ses classes CSS (celles que visent le style de la page et les tests).

>>> alerte = etiquette("recherche-alerte", vivante=True)       # texte brut, lu à voix haute quand il change
>>> alerte.value = "<b>jamais du HTML</b>"                       # affiché tel quel, balises comprises
"""
from __future__ import annotations

import ipywidgets as widgets

from atelier.ui import messages
from atelier.ui.securite import echapper

#: La classe qui fait annoncer une zone par les lecteurs d'écran quand son texte change (``aria-live``, posé par
#: le gabarit Voilà de l'atelier).
VIVANT = "atelier-vivant"


def etiquette(*classes: str, vivante: bool = False) -> widgets.Label:
    """Une zone de **texte brut** (jamais interprété comme du HTML : on peut y mettre ce qu'une personne a tapé),
    vide au départ, avec ses ``classes`` CSS ; ``vivante=True`` la fait annoncer par les lecteurs d'écran."""
    zone = widgets.Label("")
    for classe in (*classes, VIVANT) if vivante else classes:
        zone.add_class(classe)
    return zone


def zone_html(*classes: str) -> widgets.HTML:
    """Une zone HTML vide avec ses ``classes`` CSS. Tout texte qu'on y met passe d'abord par
    :func:`atelier.ui.securite.echapper`."""
    zone = widgets.HTML("")
    for classe in classes:
        zone.add_class(classe)
    return zone


def bouton(description: str, *classes: str, principal: bool = False) -> widgets.Button:
    """Un bouton à la largeur de son texte, avec ses ``classes`` CSS ; ``principal=True`` met en avant le bouton de
    l'action principale de la page."""
    b = widgets.Button(description=description, button_style="primary" if principal else "",
                       layout=widgets.Layout(width="auto"))
    for classe in classes:
        b.add_class(classe)
    return b


def champ_pour_bouton(type_champ, *classes: str, **options):
    """Un champ de saisie (``widgets.Text``, ``Textarea``, ``Combobox``) dont un **bouton** lit la valeur, avec ses
    ``classes`` CSS ; ``options`` va au widget.

    Sa valeur part vers le noyau quand on quitte le champ (Tab, clic sur le bouton, Entrée dans une ligne), pas à
    chaque touche (``continuous_update=False``). Pourquoi : ipywidgets retient l'envoi suivant de la valeur d'un
    champ tant que le noyau n'a pas fini de traiter le précédent, mais il ne retient jamais le clic d'un bouton.
    Avec un envoi à chaque touche, un clic rapide (ou une machine chargée) doublait la dernière valeur tapée : le
    calcul partait du texte d'avant, puis la valeur arrivée après effaçait le résultat (vu en CI sur « Mon CV
    assisté » au clavier ; tests/browser/test_clavier.py). Un champ qui cherche pendant qu'on tape (recherche de
    métiers, carte) n'est pas concerné : son résultat suit chaque valeur reçue.
    """
    champ = type_champ(continuous_update=False, **options)
    for classe in classes:
        champ.add_class(classe)
    return champ


class DevinerDabord:
    """« Deviner d'abord » : une case à cocher qui fait paraître une question et ses réponses (boutons radio) ; on
    parie avant de voir le résultat, puis la page dit le pari et ce qui s'est vraiment passé.

    Les classes CSS et l'identifiant suivent ``prefixe`` (``"sonde"`` → ``sonde-deviner``, ``sonde-pari``,
    ``sonde-retour-pari``, ``<p id="sonde-question">``) ; le groupe de boutons radio est nommé par la question
    (``atelier-nomme-par-sonde-question``, lu par le gabarit Voilà). ``quand_change`` est appelé quand on coche ou
    décoche la case (par exemple pour effacer un ancien résultat).

    >>> pari = DevinerDabord("chat", "Le robot va-t-il répondre ?", ("Oui", "Non"))
    >>> pari.manque()                      # case décochée : rien à demander
    False
    """

    def __init__(self, prefixe: str, question: str, reponses, quand_change=None) -> None:
        self.case = widgets.Checkbox(value=False, description=messages.DEVINER, indent=False)
        self.case.add_class(f"{prefixe}-deviner")
        self.question = widgets.HTML(f"<p id='{prefixe}-question'>{echapper(question)}</p>",
                                     layout=widgets.Layout(display="none"))
        self.question.add_class(f"{prefixe}-question")
        self.pari = widgets.RadioButtons(options=list(reponses), value=None,
                                         layout=widgets.Layout(display="none", width="auto"))
        self.pari.add_class(f"{prefixe}-pari")
        self.pari.add_class(f"atelier-nomme-par-{prefixe}-question")    # le groupe radio porte la question
        self.retour = etiquette(f"{prefixe}-retour-pari", vivante=True)
        self.texte_question = question
        self._quand_change = quand_change
        self.case.observe(lambda _: self._montrer(), names="value")

    @property
    def widgets(self) -> list:
        """La case, la question et les réponses, à placer avant le bouton qui lance le calcul."""
        return [self.case, self.question, self.pari]

    @property
    def actif(self) -> bool:
        return bool(self.case.value)

    def _montrer(self) -> None:
        montre = "flex" if self.case.value else "none"
        self.pari.layout.display = montre
        self.question.layout.display = montre
        self.pari.value = None
        self.retour.value = ""
        if self._quand_change is not None:
            self._quand_change()

    def manque(self) -> bool:
        """Vrai quand la case est cochée mais qu'aucune réponse n'est choisie : demandez d'abord de parier."""
        return self.actif and self.pari.value is None

    def dire(self, reel: str) -> None:
        """Écrit (si la case est cochée) « Vous aviez répondu « … » ; en réalité : ``reel``. »"""
        self.retour.value = messages.DEVINER_RETOUR.format(pari=self.pari.value, reel=reel) if self.actif else ""

    def effacer(self) -> None:
        self.retour.value = ""
