"""Les zones d'affichage partagées des tableaux de bord (atelier.ui.composants)."""
import ipywidgets as widgets

from atelier.ui.composants import VIVANT, bouton, etiquette, zone_html


def test_une_etiquette_est_du_texte_brut_avec_ses_classes():
    alerte = etiquette("recherche-alerte", vivante=True)
    assert isinstance(alerte, widgets.Label) and not isinstance(alerte, widgets.HTML)
    assert alerte.value == "" and list(alerte._dom_classes) == ["recherche-alerte", VIVANT]
    assert list(etiquette("a", "b")._dom_classes) == ["a", "b"]          # pas annoncée sans vivante=True


def test_une_zone_html_a_ses_classes():
    zone = zone_html("recruteur-cartes", VIVANT)
    assert isinstance(zone, widgets.HTML) and zone.value == ""
    assert list(zone._dom_classes) == ["recruteur-cartes", VIVANT]


def test_un_bouton_a_sa_largeur_son_style_et_ses_classes():
    envoyer = bouton("Envoyer", "chat-envoyer", principal=True)
    assert isinstance(envoyer, widgets.Button) and envoyer.description == "Envoyer"
    assert envoyer.button_style == "primary" and envoyer.layout.width == "auto"
    assert list(envoyer._dom_classes) == ["chat-envoyer"]
    assert bouton("Effacer").button_style == ""
