"""Tableau de bord « Chatbot FAQ » : une conversation avec le robot à réponses fixes de :mod:`atelier.faq`.

La personne tape une question (touche Entrée ou bouton « Envoyer ») ; la conversation montre sa question, **en
texte** (échappée, jamais interprétée comme du HTML), puis la réponse du robot avec sa confiance en mots
(« élevée », « moyenne », « faible ») et son score, ou « Je ne sais pas, voici qui contacter : … » sous le seuil.
Le premier message dit que c'est un robot et que rien n'est gardé ; chaque réponse le rappelle.

La conversation ne vit que dans l'état des widgets (la liste :attr:`ChatbotApp.tours`, en mémoire) : rien
n'est écrit sur le disque ni dans un journal, et les questions sont encodées sans cache.
"""
from __future__ import annotations

import ipywidgets as widgets

from atelier import faq
from atelier.nombres import nombre_fr
from atelier.palette import OKABE_ITO
from atelier.ui import messages
from atelier.ui.composants import bouton, etiquette, zone_html
from atelier.ui.saisie import temporiser
from atelier.ui.securite import echapper, protege

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

STYLE = f"""
<style>
.chat-app .widget-label {{ white-space: normal; height: auto; line-height: 1.4; overflow-wrap: anywhere; }}
.chat-note {{ color: #333; font-size: 0.95em; line-height: 1.4; margin: 0.3em 0; }}
.chat-fil {{ display: flex; flex-direction: column; gap: 0.6em; margin: 0.6em 0; }}
.chat-bulle {{ max-width: 44em; padding: 0.55em 0.8em; border-radius: 0.8em; line-height: 1.4;
               overflow-wrap: anywhere; }}
.chat-bulle p {{ margin: 0.25em 0; white-space: pre-wrap; }}
.chat-qui {{ display: block; font-weight: 600; font-size: 0.9em; }}
.chat-personne {{ align-self: flex-end; background: #E8F1FA; border: 1px solid {OKABE_ITO["bleu"]}; }}
.chat-robot {{ align-self: flex-start; background: #F5F5F5; border: 1px solid #BBB; }}
.chat-sait-pas {{ border-left: 0.35em solid {OKABE_ITO["vermillon"]}; }}
.chat-confiance, .chat-contact, .chat-proche {{ font-size: 0.92em; color: #333; }}
.chat-pied {{ font-size: 0.85em; color: #444; font-style: italic; }}
.chat-alerte {{ color: #A33A00; font-weight: 600; }}
.chat-perso {{ border: 1px solid #BBB; border-radius: 0.5em; padding: 0.4em 0.7em; margin: 0.4em 0; }}
.chat-perso-liste ol {{ padding-left: 1.6em; margin: 0.2em 0; }}
.chat-perso-liste li {{ margin: 0.25em 0; line-height: 1.35; overflow-wrap: anywhere; }}
.chat-perso-info {{ font-weight: 600; }}
</style>
"""


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
        self._construire_perso()
        self._rendre_reglage()
        self.vue = widgets.VBox(
            [widgets.HTML(STYLE), widgets.HTML(f"<p class='chat-note'>{echapper(messages.CHAT_AIDE)}</p>"),
             self.fil, self.annonce, self.alerte, widgets.HBox([self.saisie, self.bouton]), self.nouvelle,
             self.reglage, self.perso_ouvrir, self.perso],
            layout=widgets.Layout(width="100%", max_width="50em", padding="0.5em"))
        self.vue.add_class("chat-app")
        self._plus_tard = temporiser(delai)(self.envoyer)
        self.saisie.on_msg(self._message_saisie)          # la touche Entrée envoie un message « submit »
        self.bouton.on_click(lambda _: self._plus_tard())
        self.nouvelle.on_click(lambda _: self.nouvelle_conversation())
        self.nouvelle_conversation()

    # ── Les questions de la structure, ajoutées pour la séance (en mémoire seulement) ──
    def _construire_perso(self) -> None:
        style = {"description_width": "initial"}
        large = widgets.Layout(width="100%", max_width="44em")
        self.perso_ouvrir = widgets.Checkbox(value=False, description=messages.CHAT_PERSO_OUVRIR, indent=False,
                                             layout=widgets.Layout(width="auto"))
        self.perso_ouvrir.add_class("chat-perso-ouvrir")
        self.perso_question = widgets.Text(placeholder=messages.CHAT_PERSO_QUESTION_PLACEHOLDER,
                                           description=messages.CHAT_PERSO_QUESTION, style=style, layout=large)
        self.perso_question.add_class("chat-perso-question")
        self.perso_reponse = widgets.Textarea(placeholder=messages.CHAT_PERSO_REPONSE_PLACEHOLDER,
                                              description=messages.CHAT_PERSO_REPONSE, style=style,
                                              layout=widgets.Layout(width="100%", max_width="44em", height="5em"))
        self.perso_reponse.add_class("chat-perso-reponse")
        self.perso_contact = widgets.Text(placeholder=messages.CHAT_PERSO_CONTACT_PLACEHOLDER,
                                          description=messages.CHAT_PERSO_CONTACT, style=style, layout=large)
        self.perso_contact.add_class("chat-perso-contact")
        self.perso_ajouter = bouton(messages.CHAT_PERSO_AJOUTER, "chat-perso-ajouter", principal=True)
        self.perso_retirer = bouton(messages.CHAT_PERSO_RETIRER, "chat-perso-retirer")
        self.perso_info = etiquette("chat-perso-info", vivante=True)  # texte brut, annoncé par les lecteurs d'écran
        self.perso_liste = zone_html("chat-perso-liste")
        self.perso = widgets.VBox(
            [widgets.HTML(f"<p class='chat-note'>{echapper(messages.CHAT_PERSO_AIDE)}</p>"), self.perso_question,
             self.perso_reponse, self.perso_contact, widgets.HBox([self.perso_ajouter, self.perso_retirer]),
             self.perso_info, self.perso_liste], layout=widgets.Layout(display="none"))
        self.perso.add_class("chat-perso")
        self.perso_ouvrir.observe(
            lambda change: setattr(self.perso.layout, "display", "flex" if change["new"] else "none"), names="value")
        self.perso_ajouter.on_click(lambda _: self.ajouter_question())
        self.perso_retirer.on_click(lambda _: self.retirer_questions())

    def _rendre_reglage(self) -> None:
        reglage = messages.CHAT_REGLAGE.format(n=len(self.base), seuil=_sur_100(self.seuil))
        self.reglage.value = f"<p class='chat-note chat-reglage'>{echapper(reglage)}</p>"
        ajoutees = self.base.ajoutees()
        if ajoutees.empty:
            self.perso_liste.value = ""
            return
        items = "".join(f"<li><strong>{echapper(q)}</strong><br>{echapper(r)}</li>"
                        for q, r in zip(ajoutees["question"], ajoutees["reponse"]))
        self.perso_liste.value = (f"<p>{echapper(messages.CHAT_PERSO_LISTE.format(n=len(ajoutees)))}</p>"
                                  f"<ol>{items}</ol>")

    def ajouter_question(self, question: str | None = None, reponse: str | None = None,
                         contact: str | None = None) -> None:
        """Ajoute à la FAQ de cette page une question-réponse de la structure (par défaut : les cases du
        formulaire). Elle vit en mémoire seulement (:meth:`faq.BaseFAQ.ajouter`, encodée sans cache)."""
        protege(self._erreur_perso)(self._ajouter_question)(
            self.perso_question.value if question is None else question,
            self.perso_reponse.value if reponse is None else reponse,
            self.perso_contact.value if contact is None else contact)

    def _erreur_perso(self, message: str) -> None:
        self.perso_info.value = message

    def _ajouter_question(self, question: str, reponse: str, contact: str) -> None:
        question, reponse, contact = (" ".join(str(x).split()) for x in (question, reponse, contact))
        if not question or not reponse or not any(c.isalnum() for c in question):
            self.perso_info.value = messages.CHAT_PERSO_VIDE
            return
        if len(self.base.ajoutees()) >= MAX_AJOUTS:
            self.perso_info.value = messages.CHAT_PERSO_MAX.format(n=MAX_AJOUTS)
            return
        coupes = [n for texte, n in ((question, faq.MAX_CARACTERES), (reponse, MAX_REPONSE), (contact, MAX_CONTACT))
                  if len(texte) > n]
        if self.base is self.base_atelier:
            self.base = self.base_atelier.copie()          # la FAQ de l'atelier, partagée, reste intacte
        self.base.ajouter(question[:faq.MAX_CARACTERES], reponse[:MAX_REPONSE], contact=contact[:MAX_CONTACT],
                          categorie=messages.CHAT_PERSO_CATEGORIE)
        info = messages.CHAT_PERSO_AJOUTEE.format(n=len(self.base.ajoutees()))
        if coupes:
            info += " " + messages.CHAT_PERSO_TRONQUEE.format(q=faq.MAX_CARACTERES, r=nombre_fr(MAX_REPONSE, 0),
                                                              c=MAX_CONTACT)
        self.perso_question.value = self.perso_reponse.value = self.perso_contact.value = ""
        self._rendre_reglage()
        self.perso_info.value = info

    def retirer_questions(self) -> None:
        """Oublie les questions ajoutées : le robot ne connaît plus que la FAQ de l'atelier."""
        self.base = self.base_atelier
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
        self._rendre()

    def envoyer(self, texte: str | None = None) -> None:
        """Traite ``texte`` (par défaut : ce qui est dans la zone de saisie) ; jamais de trace de pile."""
        protege(self._erreur)(self._envoyer)(self.saisie.value if texte is None else texte)

    def _envoyer(self, texte: str) -> None:
        self.alerte.value = ""
        texte = str(texte)
        if not texte.strip():
            self.alerte.value = messages.CHAT_VIDE
            return
        if not any(c.isalnum() for c in texte):
            self.alerte.value = messages.CHAT_SANS_MOT
            return
        reponse = self.base.repondre(texte, self.seuil)
        if reponse.tronquee:
            self.alerte.value = messages.CHAT_TRONQUE.format(n=faq.MAX_CARACTERES)
        self.tours += [("personne", reponse.question + ("…" if reponse.tronquee else "")), ("robot", reponse)]
        self.saisie.value = ""
        self._rendre()
        self.annonce.value = messages.CHAT_ANNONCE.format(texte=reponse.texte)


def application() -> widgets.VBox:
    """Construit et renvoie la vue du tableau de bord (la FAQ et son seuil sont prêts dès l'ouverture)."""
    return ChatbotApp().vue
