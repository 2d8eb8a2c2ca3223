import pytest

from atelier.libelles import sans_accents, separer_genres

# Une douzaine d'intitulés ROME vérifiés à la main : (libellé complet, forme masculine, forme féminine)
CAS = [
    ("Infirmier / Infirmière anesthésiste (IADE)", "Infirmier anesthésiste (IADE)", "Infirmière anesthésiste (IADE)"),
    ("Aide-soignant / Aide-soignante", "Aide-soignant", "Aide-soignante"),
    ("Homme sage-femme / Sage-femme", "Homme sage-femme", "Sage-femme"),
    ("Assistant maternel / Assistante maternelle", "Assistant maternel", "Assistante maternelle"),
    ("Maçon / Maçonne", "Maçon", "Maçonne"),
    ("Chef / Cheffe de chantier", "Chef de chantier", "Cheffe de chantier"),
    ("Développeur / Développeuse informatique", "Développeur informatique", "Développeuse informatique"),
    ("Assistant social / Assistante sociale du travail", "Assistant social du travail", "Assistante sociale du travail"),
    ("Artiste Plasticien / Plasticienne", "Artiste Plasticien", "Artiste Plasticienne"),
    ("Médecin Anesthésiste Réanimateur / Réanimatrice (MAR)", "Médecin Anesthésiste Réanimateur (MAR)",
     "Médecin Anesthésiste Réanimatrice (MAR)"),
    ("Valet / Femme de chambre", "Valet de chambre", "Femme de chambre"),
    ("Steward / Hôtesse de l'air", "Steward de l'air", "Hôtesse de l'air"),
    ("Directeur adjoint / Directrice adjointe du travail et de l'emploi",
     "Directeur adjoint du travail et de l'emploi", "Directrice adjointe du travail et de l'emploi"),
    ("Secrétaire", "Secrétaire", "Secrétaire"),
    ("Auxiliaire de puériculture", "Auxiliaire de puériculture", "Auxiliaire de puériculture"),
]


@pytest.mark.parametrize("libelle, masculin, feminin", CAS)
def test_separer_genres_cas_verifies(libelle, masculin, feminin):
    assert separer_genres(libelle) == (masculin, feminin)


@pytest.mark.parametrize("libelle", ["Lapidaire / Diamantaire", "Responsable développement / Business Developer"])
def test_une_barre_qui_ne_separe_pas_deux_genres(libelle):
    assert separer_genres(libelle) is None


def test_sans_accents():
    assert sans_accents("Infirmière ŒNOLOGUE Ça") == "infirmiere oenologue ca"
