"""La réécriture des requêtes (``atelier.reecriture``) : écriture SMS, argot, enseignes, fautes au son."""
import pytest

from atelier import reecriture
from atelier.reecriture import cle_phonetique, reecrire


@pytest.mark.parametrize("tape, attendu", [
    ("jveu répar lé voitur", "je veux réparer les voitures"),
    ("jveu bosser ac les animo", "je veux travailler avec les animaux"),
    ("fer le menaj ds lé bureau", "faire le ménage dans les bureau"),   # « bureau » est un mot connu : gardé
    ("vendeuse chez leroy merlin", "vendeuse chez magasin de bricolage"),   # expression de deux mots
    ("conseyé numérik", "conseiller numérique"),
    ("taf ds le batimen", "travail dans le bâtiment"),        # -ment : le t final ne se prononce pas
    ("bossé a la banq", "travailler a la banque"),           # q final comme qu
    ("bossé a lusine", "travailler a l'usine"),              # élision écrite sans apostrophe
])
def test_reecrit_sms_et_son(tape, attendu):
    assert reecrire(tape)[0] == attendu


@pytest.mark.parametrize("titre", ["infirmier", "aide-soignante", "développeur web", "maçon", "DRH", "nurse",
                                   "boulanger pâtissier", "chauffeur de bus"])
def test_un_titre_bien_ecrit_ne_change_pas(titre):
    texte, faits = reecrire(titre)
    assert texte == titre.lower() and faits == []


def test_chaque_remplacement_est_explique():
    texte, faits = reecrire("taf o mcdo")
    assert texte == "travail au restauration rapide"
    assert [(f.ecrit, f.sens, f.raison) for f in faits] == [
        ("taf", "travail", "argot"), ("o", "au", "sms"), ("mcdo", "restauration rapide", "enseigne")]


def test_garde_fou_des_lettres(monkeypatch):
    """Un mot inconnu de même son qu'un mot du ROME, mais aux lettres très éloignées, n'est pas remplacé
    (« foot » et « faux » : presque le même son). Contrôle négatif : sans le garde-fou (seuil 0), il le serait."""
    assert cle_phonetique("animo") == cle_phonetique("animaux")
    proche = reecriture._vocabulaire()[1][cle_phonetique("ménage")]
    bizarre = "mmhhennnaajje"           # même clé que « ménage », 53 % de lettres communes
    assert cle_phonetique(bizarre) == cle_phonetique("ménage")
    assert reecrire(bizarre)[0] == bizarre
    monkeypatch.setattr(reecriture, "SEUIL_LETTRES", 0)
    assert reecrire(bizarre)[0] == proche


@pytest.mark.parametrize("bizarre", ["", "   ", "🙂🚀", "<script>alert(1)</script>", "x" * 10_000, None, 42,
                                     "\u202e\u0000"])
def test_entrees_bizarres(bizarre):
    texte, faits = reecrire(bizarre)
    assert isinstance(texte, str) and isinstance(faits, list)
    assert len(texte.split()) <= reecriture.MAX_MOTS


@pytest.mark.parametrize("mot", ["laver", "monter", "tailleur", "diriger", "soigner"])
def test_un_mot_connu_n_est_pas_coupe_en_elision(mot):
    """Contrôle négatif de l'élision : un mot du ROME qui commence par l, m, t, d, s + voyelle reste entier."""
    assert reecrire(mot) == (mot, [])
