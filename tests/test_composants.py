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


def test_deviner_d_abord_un_seul_composant():
    """« Deviner d'abord » : la case fait paraître la question et les réponses ; sans pari, on le demande ; le
    retour dit le pari et le réel. Les quatre tableaux de bord qui font parier s'en servent (pas de copie)."""
    from atelier.ui import chatbot, messages, profil, recruteur, sonde
    from atelier.ui.composants import DevinerDabord

    effaces = []
    pari = DevinerDabord("essai", "Va-t-il pleuvoir ?", ("Oui", "Non"), quand_change=lambda: effaces.append(1))
    case, question, radio = pari.widgets
    assert case.description == messages.DEVINER and list(case._dom_classes) == ["essai-deviner"]
    assert "id='essai-question'" in question.value and "atelier-nomme-par-essai-question" in radio._dom_classes
    assert question.layout.display == radio.layout.display == "none" and not pari.manque()
    pari.dire("il pleut")
    assert pari.retour.value == ""                                   # case décochée : rien à dire
    case.value = True
    assert question.layout.display == radio.layout.display == "flex" and pari.manque() and effaces == [1]
    radio.value = "Non"
    pari.dire("il pleut")
    assert pari.retour.value == "Vous aviez répondu « Non » ; en réalité : il pleut." and VIVANT in pari.retour._dom_classes
    case.value = False
    assert pari.retour.value == "" and radio.value is None and effaces == [1, 1]
    for module in (chatbot, profil, recruteur, sonde):
        source = open(module.__file__, encoding="utf-8").read()
        assert "DevinerDabord(" in source and "RadioButtons(" not in source, module.__name__


def test_un_champ_pour_bouton_envoie_sa_valeur_en_quittant_le_champ():
    from atelier.ui.composants import champ_pour_bouton

    phrases = champ_pour_bouton(widgets.Textarea, "cv-phrases", value="bonjour", rows=3)
    assert isinstance(phrases, widgets.Textarea) and phrases.value == "bonjour" and phrases.rows == 3
    assert phrases.continuous_update is False and list(phrases._dom_classes) == ["cv-phrases"]
    # contrôle : un champ ordinaire envoie sa valeur à chaque touche, c'est ce que le composant change
    assert widgets.Textarea().continuous_update is True


#: Les champs qui agissent pendant qu'on tape (recherche en direct) ou sur la touche Entrée (message « submit »,
#: suivi d'un court délai côté noyau) : leur valeur part à chaque touche, c'est voulu.
CHAMPS_EN_DIRECT = {"atelier-saisie", "profil-chercher", "chat-saisie", "nombres-a", "nombres-b"}


def _champs(vue):
    a_voir, vus = [vue], []
    while a_voir:
        w = a_voir.pop()
        if isinstance(w, (widgets.Text, widgets.Textarea)):
            vus.append(w)
        a_voir.extend(getattr(w, "children", ()))
    return vus


def test_les_champs_lus_par_un_bouton_n_envoient_pas_chaque_touche():
    """Dans chaque tableau de bord, un champ de saisie qu'un bouton lit envoie sa valeur en quittant le champ
    (voir ``champ_pour_bouton``) : sinon un clic rapide calcule sur le texte d'avant, puis l'efface."""
    from tests.test_mots_des_tableaux import APPLICATIONS

    continus = {}
    for nom, fabrique in APPLICATIONS.items():
        champs = _champs(fabrique())
        assert champs, nom
        continus[nom] = [set(w._dom_classes) for w in champs if w.continuous_update]
        assert all(classes & CHAMPS_EN_DIRECT for classes in continus[nom]), (nom, continus[nom])
    # contrôle : les champs de recherche en direct sont bien vus (le parcours trouve les champs continus)
    assert any("atelier-saisie" in c for c in continus["recherche_de_metiers"])
    assert any("chat-saisie" in c for c in continus["chatbot_faq"])
