"""Tableau de bord « Chatbot FAQ » : une conversation avec le robot à réponses fixes de :mod:`atelier.faq`.

La personne tape une question (touche Entrée ou bouton « Envoyer ») ; la conversation montre sa question, **en
texte** (échappée, jamais interprétée comme du HTML), puis la réponse du robot avec sa confiance en mots
(« élevée », « moyenne », « faible ») et son score, ou « Je ne sais pas, voici qui contacter : … » sous le seuil.
Le premier message dit que c'est un robot et que rien n'est gardé ; chaque réponse le rappelle.

« Deviner d'abord » (:class:`atelier.ui.composants.DevinerDabord`) : avant d'envoyer, on parie que le robot
répondra ou dira « je ne sais pas ».

« Les questions de votre structure » : une animatrice colle ses questions, une par ligne
(« question | réponse | contact ») ; les lignes mal écrites restent dans la zone, avec leur numéro et la raison.
Le robot s'en sert aussitôt. Un texte au même format (à copier, ou à télécharger : le fichier est fait par le
navigateur à partir d'une adresse ``data:``) se recolle la fois suivante et redonne les mêmes réponses.

La conversation et les questions ajoutées ne vivent que dans l'état des widgets (en mémoire) : rien n'est écrit
sur le disque ni dans un journal, et les textes sont encodés sans cache.
"""
from __future__ import annotations

from urllib.parse import quote

import ipywidgets as widgets

from atelier import faq
from atelier.nombres import nombre_fr
from atelier.ui import messages
from atelier.ui.composants import DevinerDabord, bouton, champ_pour_bouton, etiquette, zone_html
from atelier.ui.saisie import temporiser
from atelier.ui.securite import echapper, protege
from atelier.ui.style import feuille_de_style

#: Au-delà de ce nombre de messages, les plus anciens ne sont plus affichés (la page reste légère).
MAX_MESSAGES = 60
#: Délai entre la touche Entrée (ou le clic) et la lecture de la question : laisse arriver les dernières
#: lettres tapées, envoyées par le navigateur juste avant.
DELAI_ENVOI = 0.25
#: Questions de la structure ajoutées pendant une séance : combien au plus, et longueur maximale de chaque
#: réponse et de chaque contact (la question, elle, est coupée à :data:`faq.MAX_CARACTERES`).
MAX_AJOUTS = 50
MAX_REPONSE = 1_000
MAX_CONTACT = 200
#: Ce qu'on lit au plus d'un texte collé : nombre de lignes et de caractères (un collage de 10 000 lignes ne
#: bloque pas la page ; le message dit que la suite n'est pas lue).
MAX_LIGNES = 200
MAX_COLLE = 200_000


def _sur_100(x: float) -> str:
    """Un score de ressemblance (0 à 1) lu « sur 100 », sans décimale : 0,8123 → « 81 »."""
    return nombre_fr(100 * x, 0)


def rendre_personne(texte: str) -> str:
    """Une bulle « Vous » : le texte est échappé (``<script>`` s'affiche tel quel, sans s'exécuter)."""
    return (f"<div class='chat-bulle chat-personne'><span class='chat-qui'>{echapper(messages.CHAT_VOUS)}</span>"
            f"<p class='chat-texte'>{echapper(texte)}</p></div>")


def rendre_robot(reponse: faq.Reponse | None) -> str:
    """Une bulle du robot : sa présentation (``None``) ou une réponse, avec confiance, contact et mention robot."""
    qui = f"<span class='chat-qui'>{echapper(messages.CHAT_ROBOT)}</span>"
    if reponse is None:
        return (f"<div class='chat-bulle chat-robot chat-presentation'>{qui}"
                f"<p class='chat-texte'>{echapper(faq.PRESENTATION)}</p>"
                f"<p class='chat-pied'>{echapper(messages.CHAT_RIEN_GARDE)}</p></div>")
    morceaux = [f"<p class='chat-texte'>{echapper(reponse.texte)}</p>"]
    if reponse.sait_pas:
        morceaux.append(f"<p class='chat-proche'>{echapper(messages.CHAT_PROCHE.format(question=reponse.question_proche))}</p>")
    else:
        morceaux.append(f"<p class='chat-contact'>{echapper(messages.CHAT_CONTACT.format(contact=reponse.contact))}</p>")
    confiance = messages.CHAT_CONFIANCE.format(niveau=reponse.confiance)
    detail = messages.CHAT_CONFIANCE_DETAIL.format(score=_sur_100(reponse.score), seuil=_sur_100(reponse.seuil))
    morceaux.append(f"<p class='chat-confiance' data-niveau='{echapper(reponse.confiance)}'>{echapper(confiance)}</p>"
                    f"<details class='chat-plus'><summary>{echapper(messages.CHAT_CONFIANCE_PLUS)}</summary>"
                    f"<p>{echapper(detail)}</p></details>")
    morceaux.append(f"<p class='chat-pied'>{echapper(faq.PIED_ROBOT)}</p>")
    classe = "chat-robot chat-sait-pas" if reponse.sait_pas else "chat-robot chat-repond"
    return f"<div class='chat-bulle {classe}'>{qui}{''.join(morceaux)}</div>"


def sans_casse(texte: str) -> str:
    """Pour reconnaître deux fois la même question : sans casse ni espaces en trop."""
    return " ".join(texte.casefold().split())


def lire_lignes(texte: str) -> tuple[list, list, list]:
    """Lit un texte collé, une question par ligne : « question | réponse | contact » (contact facultatif).

    Rend trois listes : les lignes lues ``(numéro, ligne, (question, réponse, contact))``, les erreurs
    ``(numéro, raison en français)`` et les lignes à garder dans la zone de texte ``(numéro, ligne)`` pour être
    corrigées. Les lignes vides et celles qui commencent par « # » (l'en-tête de l'export) sont sautées. Au-delà
    de :data:`MAX_LIGNES` lignes, la suite n'est pas lue (et le message le dit)."""
    lues, erreurs, a_garder = [], [], []
    toutes = str(texte)[:MAX_COLLE].splitlines()
    for numero, ligne in enumerate(toutes[:MAX_LIGNES], start=1):
        propre = " ".join(ligne.split())
        if not propre or propre.startswith("#"):
            continue
        morceaux = [" ".join(m.split()) for m in propre.split("|")]
        raison = None
        if len(morceaux) < 2:
            raison = messages.CHAT_PERSO_SANS_BARRE
        elif len(morceaux) > 3:
            raison = messages.CHAT_PERSO_TROP_BARRES
        elif not morceaux[0]:
            raison = messages.CHAT_PERSO_SANS_QUESTION
        elif not any(c.isalnum() for c in morceaux[0]):
            raison = messages.CHAT_PERSO_SANS_MOT
        elif not morceaux[1]:
            raison = messages.CHAT_PERSO_SANS_REPONSE
        if raison:
            erreurs.append((numero, raison))
            a_garder.append((numero, propre))
            continue
        question, reponse, contact = (morceaux + [""])[:3]
        lues.append((numero, propre, (question, reponse, contact)))
    if len(toutes) > MAX_LIGNES:
        erreurs.append((MAX_LIGNES + 1, messages.CHAT_PERSO_TROP_LIGNES.format(n=MAX_LIGNES)))
    return lues, erreurs, a_garder


def exporter(lignes: list[tuple[str, str, str]]) -> str:
    """Le texte à garder : un en-tête « # … », puis une ligne « question | réponse | contact » par question,
    le format même de la saisie (le recoller redonne les mêmes questions, donc les mêmes réponses)."""
    corps = [f"{q} | {r} | {c}" if c else f"{q} | {r}" for q, r, c in lignes]
    return "\n".join([messages.CHAT_PERSO_EXPORT_ENTETE, *corps]) + "\n"


def rendre_lien(texte: str) -> str:
    """Un lien qui fait télécharger ``texte`` par le navigateur (adresse ``data:``, rien ne passe par le serveur) ;
    le texte est encodé pour une adresse, jamais interprété comme du HTML."""
    adresse = "data:text/plain;charset=utf-8," + quote(texte, safe="")
    fichier = messages.CHAT_PERSO_FICHIER
    return (f"<p><a class='chat-perso-lien' download='{echapper(fichier)}' href='{echapper(adresse)}'>"
            f"{echapper(messages.CHAT_PERSO_TELECHARGER.format(fichier=fichier))}</a></p>")


class ChatbotApp:
    """L'application : ``ChatbotApp().vue`` est le widget à afficher ; :meth:`envoyer` traite la saisie."""

    def __init__(self, delai: float = DELAI_ENVOI) -> None:
        _, _, self.seuil = faq.reglage_par_defaut()
        self.base_atelier = faq.base_par_defaut()
        self.base = self.base_atelier                      # une copie dès qu'on y ajoute une question
        self.tours: list[tuple[str, object]] = []          # la conversation : en mémoire seulement
        self.saisie = widgets.Text(value="", placeholder=messages.CHAT_PLACEHOLDER,
                                   description=messages.CHAT_ETIQUETTE, continuous_update=True,
                                   style={"description_width": "initial"},
                                   layout=widgets.Layout(width="100%", max_width="44em"))
        self.saisie.add_class("chat-saisie")
        self.bouton = bouton(messages.CHAT_ENVOYER, "chat-envoyer", principal=True)
        self.nouvelle = bouton(messages.CHAT_NOUVELLE, "chat-nouvelle")
        # texte brut ; annoncée par les lecteurs d'écran (gabarit Voilà)
        self.alerte = etiquette("chat-alerte", vivante=True)
        # La dernière réponse du robot, pour les lecteurs d'écran seulement (le fil, redessiné en entier à chaque
        # message, serait relu depuis le début) : texte brut, jamais interprété comme du HTML.
        self.annonce = etiquette("atelier-lecteur-seul", vivante=True)
        self.fil = zone_html("chat-conversation")
        self.reglage = widgets.HTML("")
        # « Deviner d'abord » : avant d'envoyer, on parie que le robot répondra ou dira « je ne sais pas »
        self.deviner = DevinerDabord("chat", messages.CHAT_QUESTION_PARI, messages.CHAT_REPONSES_PARI)
        self._construire_perso()
        self._rendre_reglage()
        self.vue = widgets.VBox(
            [feuille_de_style(), widgets.HTML(f"<p class='chat-note'>{echapper(messages.CHAT_AIDE)}</p>"),
             self.fil, self.annonce, self.alerte, widgets.HBox([self.saisie, self.bouton]), *self.deviner.widgets,
             self.deviner.retour, self.nouvelle, self.reglage, self.perso],
            layout=widgets.Layout(width="100%", max_width="50em", padding="0.5em"))
        self.vue.add_class("chat-app")
        self._plus_tard = temporiser(delai)(self.envoyer)
        self.saisie.on_msg(self._message_saisie)          # la touche Entrée envoie un message « submit »
        self.bouton.on_click(lambda _: self._plus_tard())
        self.nouvelle.on_click(lambda _: self.nouvelle_conversation())
        self.nouvelle_conversation()

    # ── Les questions de la structure, ajoutées pour la page (en mémoire seulement) ──
    def _construire_perso(self) -> None:
        self.perso_lignes: list[tuple[str, str, str]] = []     # (question, réponse, contact) : en mémoire seulement
        self.perso_texte = champ_pour_bouton(widgets.Textarea, "chat-perso-texte",
                                             placeholder=messages.CHAT_PERSO_TEXTE_PLACEHOLDER,
                                             description=messages.CHAT_PERSO_TEXTE,
                                             style={"description_width": "initial"},
                                             layout=widgets.Layout(width="100%", max_width="44em", height="7em"))
        self.perso_ajouter = bouton(messages.CHAT_PERSO_AJOUTER, "chat-perso-ajouter")
        self.perso_retirer = bouton(messages.CHAT_PERSO_RETIRER, "chat-perso-retirer")
        self.perso_info = etiquette("chat-perso-info", vivante=True)  # texte brut, annoncé par les lecteurs d'écran
        self.perso_liste = zone_html("chat-perso-liste")
        # L'export : le même format que la saisie, à copier ou à télécharger (le fichier est fait par le navigateur,
        # à partir du texte de la page : rien n'est écrit sur le serveur).
        self.perso_export = widgets.Textarea(description=messages.CHAT_PERSO_EXPORT, continuous_update=False,
                                             style={"description_width": "initial"},
                                             layout=widgets.Layout(width="100%", max_width="44em", height="7em"))
        self.perso_export.add_class("chat-perso-export")
        self.perso_lien = zone_html("chat-perso-telecharger")
        self.perso_garder = widgets.VBox(
            [widgets.HTML(f"<p class='chat-note'>{echapper(messages.CHAT_PERSO_EXPORT_AIDE)}</p>"), self.perso_export,
             self.perso_lien], layout=widgets.Layout(display="none"))
        self.perso = widgets.VBox(
            [widgets.HTML(f"<h2 class='chat-perso-titre'>{echapper(messages.CHAT_PERSO_TITRE)}</h2>"
                          f"<p class='chat-note'>{echapper(messages.CHAT_PERSO_AIDE)}</p>"),
             self.perso_texte, widgets.HBox([self.perso_ajouter, self.perso_retirer]), self.perso_info,
             self.perso_liste, self.perso_garder])
        self.perso.add_class("chat-perso")
        self.perso_ajouter.on_click(lambda _: self.ajouter_lignes())
        self.perso_retirer.on_click(lambda _: self.retirer_questions())

    def _rendre_reglage(self) -> None:
        reglage = messages.CHAT_REGLAGE.format(n=len(self.base), seuil=_sur_100(self.seuil))
        self.reglage.value = f"<p class='chat-note chat-reglage'>{echapper(reglage)}</p>"
        if not self.perso_lignes:
            self.perso_liste.value = self.perso_lien.value = self.perso_export.value = ""
            self.perso_garder.layout.display = "none"
            return
        items = "".join(f"<li><strong>{echapper(q)}</strong><br>{echapper(r)}</li>" for q, r, _ in self.perso_lignes)
        self.perso_liste.value = (f"<p>{echapper(messages.CHAT_PERSO_LISTE.format(n=len(self.perso_lignes)))}</p>"
                                  f"<ol>{items}</ol>")
        texte = exporter(self.perso_lignes)
        self.perso_export.value = texte
        self.perso_lien.value = rendre_lien(texte)
        self.perso_garder.layout.display = "flex"

    def ajouter_lignes(self, texte: str | None = None) -> None:
        """Ajoute à la FAQ de cette page les lignes « question | réponse | contact » de ``texte`` (par défaut : la
        zone de texte). Les lignes mal écrites restent dans la zone, et un message dit lesquelles et pourquoi.
        Tout vit en mémoire seulement (:meth:`faq.BaseFAQ.ajouter`, encodé sans cache)."""
        protege(self._erreur_perso)(self._ajouter_lignes)(self.perso_texte.value if texte is None else texte)

    def ajouter_question(self, question: str, reponse: str, contact: str = "") -> None:
        """Ajoute une seule question-réponse (la même chose qu'une ligne « question | réponse | contact »)."""
        protege(self._erreur_perso)(self._ajouter_lignes)(" | ".join(
            " ".join(str(x).replace("|", "/").split()) for x in (question, reponse, contact)))

    def _erreur_perso(self, message: str) -> None:
        self.perso_info.value = message

    def _ajouter_lignes(self, texte: str) -> None:
        lignes, erreurs, a_garder = lire_lignes(str(texte))
        if not lignes and not erreurs:
            self.perso_info.value = messages.CHAT_PERSO_VIDE
            return
        connues = {sans_casse(q) for q, _, _ in self.perso_lignes}
        ajoutees, coupe = 0, False
        for numero, ligne_brute, (question, reponse, contact) in lignes:
            if sans_casse(question) in connues:
                erreurs.append((numero, messages.CHAT_PERSO_DOUBLE))
                continue
            if len(self.perso_lignes) >= MAX_AJOUTS:
                erreurs.append((numero, messages.CHAT_PERSO_PLEIN.format(n=MAX_AJOUTS)))
                a_garder.append((numero, ligne_brute))
                continue
            coupe = coupe or any(len(t) > n for t, n in ((question, faq.MAX_CARACTERES), (reponse, MAX_REPONSE),
                                                          (contact, MAX_CONTACT)))
            question, reponse, contact = question[:faq.MAX_CARACTERES], reponse[:MAX_REPONSE], contact[:MAX_CONTACT]
            if self.base is self.base_atelier:
                self.base = self.base_atelier.copie()          # la FAQ de l'atelier, partagée, reste intacte
            self.base.ajouter(question, reponse, contact=contact, categorie=messages.CHAT_PERSO_CATEGORIE)
            self.perso_lignes.append((question, reponse, contact))
            connues.add(sans_casse(question))
            ajoutees += 1
        # les lignes à corriger restent dans la zone de texte, dans leur ordre ; les bonnes en sont retirées
        self.perso_texte.value = "\n".join(l for _, l in sorted(a_garder))
        self._rendre_reglage()
        info = (messages.CHAT_PERSO_AJOUTEES.format(n=ajoutees, total=len(self.perso_lignes)) if ajoutees
                else messages.CHAT_PERSO_AUCUNE)
        if coupe:
            info += " " + messages.CHAT_PERSO_TRONQUEE.format(q=faq.MAX_CARACTERES, r=nombre_fr(MAX_REPONSE, 0),
                                                              c=MAX_CONTACT)
        if erreurs:
            detail = " ; ".join(messages.CHAT_PERSO_LIGNE.format(numero=n, raison=r) for n, r in sorted(erreurs))
            info += " " + messages.CHAT_PERSO_ERREURS.format(detail=detail)
        if a_garder:
            info += " " + messages.CHAT_PERSO_A_CORRIGER
        self.perso_info.value = info

    def retirer_questions(self) -> None:
        """Oublie les questions ajoutées : le robot ne connaît plus que la FAQ de l'atelier."""
        self.base = self.base_atelier
        self.perso_lignes = []
        self._rendre_reglage()
        self.perso_info.value = messages.CHAT_PERSO_RETIREES

    def _message_saisie(self, _widget, contenu, _tampons) -> None:
        if isinstance(contenu, dict) and contenu.get("event") == "submit":
            self._plus_tard()

    def _erreur(self, message: str) -> None:
        self.alerte.value = message

    def _rendre(self) -> None:
        bulles = [rendre_robot(None)] + [rendre_personne(x) if qui == "personne" else rendre_robot(x)
                                         for qui, x in self.tours[-MAX_MESSAGES:]]
        self.fil.value = "<div class='chat-fil'>" + "".join(bulles) + "</div>"

    def nouvelle_conversation(self) -> None:
        """Efface la conversation (elle n'existait qu'en mémoire) et remet le message d'accueil."""
        self.tours = []
        self.alerte.value = self.annonce.value = ""
        self.saisie.value = ""
        self.deviner.effacer()
        self._rendre()

    def envoyer(self, texte: str | None = None) -> None:
        """Traite ``texte`` (par défaut : ce qui est dans la zone de saisie) ; jamais de trace de pile."""
        protege(self._erreur)(self._envoyer)(self.saisie.value if texte is None else texte)

    def _envoyer(self, texte: str) -> None:
        self.alerte.value = ""
        self.deviner.effacer()
        texte = str(texte)
        if not texte.strip():
            self.alerte.value = messages.CHAT_VIDE
            return
        if not any(c.isalnum() for c in texte):
            self.alerte.value = messages.CHAT_SANS_MOT
            return
        if self.deviner.manque():
            self.alerte.value = messages.CHAT_QUESTION_PARI
            return
        reponse = self.base.repondre(texte, self.seuil)
        if reponse.tronquee:
            self.alerte.value = messages.CHAT_TRONQUE.format(n=faq.MAX_CARACTERES)
        self.tours += [("personne", reponse.question + ("…" if reponse.tronquee else "")), ("robot", reponse)]
        self.saisie.value = ""
        self.deviner.dire(messages.CHAT_PARI_SAIT_PAS if reponse.sait_pas else messages.CHAT_PARI_REPOND)
        self._rendre()
        self.annonce.value = messages.CHAT_ANNONCE.format(texte=reponse.texte)
        if self.deviner.actif:
            self.deviner.pari.value = None                # une nouvelle question, un nouveau pari


def application() -> widgets.VBox:
    """Construit et renvoie la vue du tableau de bord (la FAQ et son seuil sont prêts dès l'ouverture)."""
    return ChatbotApp().vue
