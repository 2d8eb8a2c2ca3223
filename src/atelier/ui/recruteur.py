"""Tableau de bord « Le recruteur robot » : un CV, un détail changé, le score et la présélection qui bougent.

La personne choisit l'un des 40 CV fictifs (``datasets/cv_fictifs.csv``), choisit le détail à changer (prénom,
masculin/féminin, âge, adresse, pause dans le parcours) et sa nouvelle valeur, puis voit côte à côte le CV
d'origine et le CV modifié : score, rang parmi les 40, décision de présélection, et la ligne du CV qui a changé.
Mode « deviner d'abord » : on parie avant de voir. À côté, ce que dit la loi (:data:`atelier.recrutement.
CADRE_JURIDIQUE`). Tout texte affiché passe par :func:`echapper` ou par un widget de texte brut ; le prénom tapé
est validé par :func:`atelier.recrutement.variante` et n'est jamais écrit sur le disque.
"""
from __future__ import annotations

import ipywidgets as widgets

from atelier import recrutement
from atelier.erreurs import EntreeInvalide
from atelier.nombres import nombre_fr, points
from atelier.ui import messages
from atelier.ui.composants import DevinerDabord, bouton, champ_pour_bouton, etiquette, zone_html
from atelier.ui.securite import echapper, protege
from atelier.ui.style import feuille_de_style

#: Les textes de loi montrés à côté du tableau de bord (des ``id`` de :data:`atelier.recrutement.CADRE_JURIDIQUE`).
TEXTES_AFFICHES = ("ct_l1132_1", "cp_225", "rgpd_22", "cjue_schufa", "ia_annexe3", "ia_art5_emotions", "ct_l1221_8",
                   "ia_art50")


def _etiquette_cv(c: dict) -> str:
    titre = c["titre_f"] if c["genre"] == "F" else c["titre_m"]
    return f"{c['id']} — {c['prenom']}, {titre} ({c['age']} ans, {c['ville']})"


def rendre_carte(cote: str, resultat: dict) -> str:
    """Une carte (CV d'origine ou modifié) en HTML : chiffres, décision, CV ligne à ligne ; tout est échappé."""
    avant = cote == "avant"
    k = recrutement.TAILLE_PRESELECTION
    score = resultat["score_avant" if avant else "score_apres"]
    rang = resultat["rang_avant" if avant else "rang_apres"]
    retenu = resultat["retenu_avant" if avant else "retenu_apres"]
    texte = resultat["texte_avant" if avant else "texte_apres"]
    titre = messages.RECRUTEUR_AVANT if avant else messages.RECRUTEUR_APRES
    decision = (messages.RECRUTEUR_RETENU if retenu else messages.RECRUTEUR_ECARTE).format(k=k)
    changees = set(resultat["lignes_changees"])
    lignes = []
    for ligne in texte.splitlines():
        intitule = ligne.split(" : ", 1)[0]
        if intitule in changees:
            lignes.append(f"<li class='recruteur-change'><span class='recruteur-marque'>"
                          f"{echapper(messages.RECRUTEUR_CHANGE)} ▸ </span>{echapper(ligne)}</li>")
        else:
            lignes.append(f"<li>{echapper(ligne)}</li>")
    if not avant:  # une ligne qui a disparu (pause retirée) reste visible, barrée
        presentes = {l.split(" : ", 1)[0] for l in texte.splitlines()}
        for intitule in changees - presentes:
            lignes.append(f"<li class='recruteur-change'><span class='recruteur-marque'>"
                          f"{echapper(messages.RECRUTEUR_CHANGE)} ▸ </span><s>{echapper(intitule)}</s></li>")
    return (f"<div class='recruteur-carte {cote}' data-cote='{cote}'><h2>{echapper(titre)}</h2>"
            f"<p class='recruteur-chiffres recruteur-score'>"
            f"{echapper(messages.RECRUTEUR_SCORE.format(score=nombre_fr(score, 2)))}</p>"
            f"<p class='recruteur-chiffres recruteur-rang'>"
            f"{echapper(messages.RECRUTEUR_RANG.format(rang=rang, n=resultat['n']))}</p>"
            f"<p class='recruteur-chiffres recruteur-decision'>{echapper(decision)}</p>"
            f"<ul class='recruteur-cv-texte'>{''.join(lignes)}</ul></div>")


def rendre_cartes(resultat: dict) -> str:
    """Les deux cartes côte à côte (elles passent l'une sous l'autre sur un écran étroit)."""
    return ("<div class='recruteur-cartes-contenu'>" + rendre_carte("avant", resultat)
            + rendre_carte("apres", resultat) + "</div>")


def _valeur_lisible(detail: str, valeur) -> str:
    if detail == "genre":
        return messages.RECRUTEUR_GENRES[valeur]
    if detail == "age":
        return f"{valeur} ans"
    if detail == "interruption" and not valeur:
        return messages.RECRUTEUR_SANS_INTERRUPTION
    return str(valeur)


def phrase_lecture(resultat: dict) -> str:
    """La phrase de lecture, en texte brut."""
    if resultat["valeur_avant"] == resultat["valeur_apres"]:
        return messages.RECRUTEUR_IDENTIQUE
    ecart = resultat["difference"]
    return messages.RECRUTEUR_LECTURE.format(
        quoi=messages.RECRUTEUR_QUOI[resultat["detail"]],
        avant=_valeur_lisible(resultat["detail"], resultat["valeur_avant"]),
        apres=_valeur_lisible(resultat["detail"], resultat["valeur_apres"]),
        score_avant=nombre_fr(resultat["score_avant"], 2), score_apres=nombre_fr(resultat["score_apres"], 2),
        ecart=points(ecart, 2, plus=True),
        rang_avant=resultat["rang_avant"], rang_apres=resultat["rang_apres"], n=resultat["n"],
        mouvement=resultat["mouvement"])


def resultat_reel(resultat: dict) -> str:
    """La bonne réponse au pari, parmi :data:`messages.RECRUTEUR_REPONSES`."""
    if resultat["retenu_avant"] == resultat["retenu_apres"]:
        return messages.RECRUTEUR_REPONSES[0]
    return messages.RECRUTEUR_REPONSES[1] if resultat["retenu_apres"] else messages.RECRUTEUR_REPONSES[2]


def rendre_droit() -> str:
    """L'encadré « Ce que dit la loi », à partir de :data:`atelier.recrutement.CADRE_JURIDIQUE` (échappé)."""
    # Les mots d'abord (ce que dit le texte, en clair, avec sa réserve) ; les références exactes (articles,
    # arrêt de la CJUE) derrière « Pour en savoir plus ».
    entrees = [recrutement.entree_juridique(i) for i in TEXTES_AFFICHES]
    textes = "".join(f"<li><b>{echapper(e['theme'])}</b> — {echapper(e['en_clair'])}"
                     + (f" <i>({echapper(e['statut'])})</i>" if e["statut"] else "") + "</li>"
                     for e in entrees)
    references = "".join(f"<li>{echapper(e['theme'])} : {echapper(e['reference'])}</li>" for e in entrees)
    droits = "".join(f"<li>{echapper(d['demande'])} — <i>{echapper(d['aupres_de'])}</i></li>"
                     for d in recrutement.DROITS_CANDIDATE)
    return (f"<div class='recruteur-droit-contenu'>"
            f"<h2>{echapper(messages.RECRUTEUR_DROIT_TITRE.format(date=recrutement.DATE_ETAT_DU_DROIT))}</h2>"
            f"<ul>{textes}</ul><details class='recruteur-references'><summary>"
            f"{echapper(messages.RECRUTEUR_DROIT_PLUS)}</summary><ol>{references}</ol></details>"
            f"<h2>{echapper(messages.RECRUTEUR_DROIT_DROITS)}</h2><ul>{droits}</ul>"
            f"<p class='recruteur-note'>{echapper(messages.RECRUTEUR_DROIT_NOTE)}</p></div>")


class RecruteurApp:
    """L'application : ``RecruteurApp().vue`` est le widget à afficher ; ``essayer()`` lance le calcul."""

    def __init__(self) -> None:
        self.table = recrutement.cvs()
        self.classement = recrutement.classement()          # 40 CV de l'atelier : calculés une fois, en cache
        k = recrutement.TAILLE_PRESELECTION
        options = [(_etiquette_cv(recrutement.cv(i)), i) for i in self.table["id"]]
        self.choix = widgets.Dropdown(options=options, value="CV01", description=messages.RECRUTEUR_CV,
                                      layout=widgets.Layout(width="100%", max_width="40em"))
        self.choix.add_class("recruteur-cv")
        self.detail = widgets.ToggleButtons(options=[(messages.RECRUTEUR_DETAILS[d], d) for d in recrutement.DETAILS],
                                            value="prenom", description=messages.RECRUTEUR_DETAIL,
                                            style={"description_width": "initial"})
        self.detail.style.button_width = "auto"
        self.detail.add_class("recruteur-detail")
        def largeur():   # une mise en page par widget : on les montre et on les cache séparément
            return widgets.Layout(width="100%", max_width="30em")

        style_etiquette = {"description_width": "initial"}
        self.prenom = champ_pour_bouton(widgets.Text, "recruteur-prenom", description=messages.RECRUTEUR_PRENOM,
                                        placeholder=messages.RECRUTEUR_PRENOM_AIDE, layout=largeur(),
                                        style=style_etiquette)
        self.genre = widgets.ToggleButtons(options=[(v, c) for c, v in messages.RECRUTEUR_GENRES.items()],
                                           description=messages.RECRUTEUR_GENRE, style=style_etiquette)
        self.genre.add_class("recruteur-genre")
        self.age = widgets.BoundedIntText(min=recrutement.AGE_MIN, max=recrutement.AGE_MAX, value=30,
                                          description=messages.RECRUTEUR_AGE, style=style_etiquette,
                                          layout=widgets.Layout(width="14em"))
        self.age.add_class("recruteur-age")
        self.adresse = widgets.Dropdown(description=messages.RECRUTEUR_ADRESSE, layout=largeur(), style=style_etiquette)
        self.adresse.add_class("recruteur-adresse")
        self.interruption = widgets.Dropdown(description=messages.RECRUTEUR_INTERRUPTION, layout=largeur(),
                                             style=style_etiquette)
        self.interruption.add_class("recruteur-interruption")
        self.valeurs = {"prenom": self.prenom, "genre": self.genre, "age": self.age, "adresse": self.adresse,
                        "interruption": self.interruption}
        # « Deviner d'abord » : la case, la question, les réponses et le retour (composant partagé) ; cocher ou
        # décocher efface l'ancien résultat
        self.devine = DevinerDabord("recruteur", messages.RECRUTEUR_QUESTION, messages.RECRUTEUR_REPONSES,
                                    quand_change=self._effacer)
        self.deviner, self.question, self.pari = self.devine.widgets
        self.bouton = bouton(messages.RECRUTEUR_BOUTON, "recruteur-essayer", principal=True)
        self.etat = etiquette("recruteur-etat")
        # texte brut : jamais interprété comme du HTML ; annoncée par les lecteurs d'écran (gabarit Voilà)
        self.alerte = etiquette("recruteur-alerte", vivante=True)
        self.retour_pari = self.devine.retour
        self.lecture = etiquette("recruteur-lecture", vivante=True)
        self.critere = etiquette("recruteur-critere")
        self.seuil = etiquette("recruteur-seuil")
        self.cartes = zone_html("recruteur-cartes")
        droit = widgets.HTML(rendre_droit(), layout=widgets.Layout(flex="1 1 18em", min_width="0", max_width="34em"))
        droit.add_class("recruteur-droit")
        controles = widgets.VBox(
            [widgets.HTML(f"<p class='recruteur-note'>{echapper(messages.RECRUTEUR_AIDE.format(k=k))}</p>"),
             self.choix, self.detail, *self.valeurs.values(), self.deviner, self.question, self.pari, self.bouton,
             self.etat, self.alerte, self.retour_pari, self.lecture, self.critere, self.seuil, self.cartes],
            layout=widgets.Layout(flex="3 1 18em", min_width="0"))
        self.vue = widgets.VBox([feuille_de_style(),
                                 widgets.Box([controles, droit], layout=widgets.Layout(
                                     display="flex", flex_flow="row wrap", align_items="flex-start", width="100%"))],
                                layout=widgets.Layout(width="100%", max_width="80em", padding="0.5em"))
        self.vue.add_class("recruteur-page")
        self.choix.observe(lambda _: self.remplir(), names="value")
        self.detail.observe(lambda _: self._montrer_valeur(), names="value")
        for w in self.valeurs.values():
            w.observe(lambda _: self._effacer(), names="value")
        self.bouton.on_click(lambda _: self.essayer())
        self.remplir()

    # ----------------------------------------------------------------------------------------------- état

    def _effacer(self) -> None:
        # Les anciens résultats disparaissent dès qu'on change quelque chose : on ne lit jamais un vieux résultat.
        self.cartes.value = ""
        for w in (self.alerte, self.retour_pari, self.lecture, self.critere, self.seuil, self.etat):
            w.value = ""

    def _erreur(self, message: str) -> None:
        self._effacer()
        self.alerte.value = message

    def _montrer_valeur(self) -> None:
        for d, w in self.valeurs.items():
            w.layout.display = "flex" if d == self.detail.value else "none"
        self._effacer()

    def remplir(self) -> None:
        """Propose, pour le CV choisi, la valeur « de l'autre version » du testing pour chaque détail."""
        c = recrutement.cv(self.choix.value)
        paires = {d: recrutement.paire_audit(c, d) for d in recrutement.DETAILS}
        autre = {d: (b if a == c else a)[recrutement.CHAMP_DETAIL[d]] for d, (a, b) in paires.items()}
        self.prenom.value = autre["prenom"]
        self.genre.value = autre["genre"]
        self.age.value = int(autre["age"])
        hors, qpv = recrutement.QUARTIERS[c["ville"]]
        self.adresse.options = [(hors, hors), (messages.RECRUTEUR_ADRESSE_QPV.format(quartier=qpv), qpv)]
        self.adresse.value = autre["adresse"]
        self.interruption.options = [(v or messages.RECRUTEUR_SANS_INTERRUPTION, v)
                                     for v in recrutement.valeurs_proposees(c, "interruption")]
        self.interruption.value = autre["interruption"]
        self._montrer_valeur()

    # ------------------------------------------------------------------------------------------- calcul

    def essayer(self) -> None:
        protege(self._erreur)(self._essayer)()

    def _essayer(self) -> None:
        self._effacer()
        if self.devine.manque():
            self.alerte.value = messages.RECRUTEUR_QUESTION
            return
        detail = self.detail.value
        valeur = self.valeurs[detail].value
        self.etat.value = messages.RECRUTEUR_CALCUL
        try:
            resultat = recrutement.essai(self.choix.value, detail, valeur)
        except EntreeInvalide as exc:
            self._erreur(messages.RECRUTEUR_SAISIE.format(detail=str(exc)))
            return
        self.etat.value = ""
        k = recrutement.TAILLE_PRESELECTION
        # Le retour sur le pari et la lecture partent avant les cartes : quand les cartes s'affichent, tout le
        # reste est déjà là (les messages des widgets arrivent dans l'ordre).
        self.devine.dire(resultat_reel(resultat))
        self.lecture.value = phrase_lecture(resultat)
        self.critere.value = messages.RECRUTEUR_CRITERES[detail] + " " + messages.RECRUTEUR_PRUDENCE
        scores = self.classement["score"]
        self.seuil.value = messages.RECRUTEUR_SEUIL.format(k=k, k1=k + 1, score_k=nombre_fr(scores.iloc[k - 1], 2),
                                                           score_k1=nombre_fr(scores.iloc[k], 2))
        self.cartes.value = rendre_cartes(resultat)
        self.dernier = resultat


def application() -> widgets.VBox:
    """Construit et renvoie la vue du tableau de bord."""
    return RecruteurApp().vue
