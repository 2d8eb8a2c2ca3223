"""Le recruteur robot : un tri de CV par plongements, et son audit par *testing* (module 06).

Un logiciel de présélection très simple, comme on en vend pour « gagner du temps » : il compare chaque CV à
l'offre d'emploi avec le modèle multilingual-e5-small (l'offre est une requête, ``prefixe="query"`` ; chaque CV est
un document, ``prefixe="passage"``), donne un **score** (similarité cosinus × 100), classe les CV et retient les
:data:`TAILLE_PRESELECTION` premiers. Puis on l'audite comme on teste un recruteur humain : le **testing**
(*paired testing*) envoie deux candidatures identiques à **un seul détail près** (le prénom, la marque du genre,
l'âge, l'adresse, une interruption de carrière) et compte ce qui change.

Données : ``datasets/offre_recruteur.md`` (l'offre) et ``datasets/cv_fictifs.csv`` (40 CV structurés, voir
``cv_fictifs.md``). Tout est fictif. Le cadre juridique (:data:`CADRE_JURIDIQUE`, :data:`DROITS_CANDIDATE`) est lu
dans ``datasets/cadre_juridique.toml``, le texte de la fiche de transparence dans ``datasets/fiche_transparence.toml`` :
le notebook, le tableau de bord, les diaporamas et les fiches disent la même chose.

Le module est rangé en parties ; tous leurs noms publics s'appellent d'ici (``recrutement.essai``…) :

- :mod:`~atelier.recrutement.candidatures` : l'offre, les 40 CV fictifs, leur rendu en texte ;
- :mod:`~atelier.recrutement.variantes` : le même CV à un seul détail près, les paires (A, B) du testing ;
- :mod:`~atelier.recrutement.tri` : les scores, le classement, la présélection, l'essai d'un détail ;
- :mod:`~atelier.recrutement.audit_testing` : l'audit complet, son résumé, ses phrases et sa figure ;
- :mod:`~atelier.recrutement.droit` : le cadre juridique ;
- :mod:`~atelier.recrutement.transparence` : la fiche de transparence.

>>> from atelier import recrutement
>>> recrutement.classement().head(3)                                       # doctest: +SKIP
"""
from __future__ import annotations

from atelier.recrutement import audit_testing, candidatures, droit, transparence, tri, variantes  # noqa: F401
from atelier.recrutement.audit_testing import (audit, figure_audit, formater_resume, phrase_audit, resumer_audit,
                                               texte_p)
from atelier.recrutement.candidatures import (AGE_MAX, AGE_MIN, COLONNES_CV, CONSONANCE_REFERENCE, CONSONANCES,
                                              FICHIER_CV, FICHIER_OFFRE, PERTINENCES, QUARTIERS, REPERE_DEBUT,
                                              REPERE_FIN, cv, cvs, lignes_changees, offre, texte_cv)
from atelier.recrutement.droit import FICHIER_CADRE, cadre, entree_juridique, texte_cadre_juridique
from atelier.recrutement.transparence import FICHIER_FICHE, fiche_transparence, formater_fiche
from atelier.recrutement.tri import (DECIMALES_SCORE, ECHELLE, TAILLE_PRESELECTION, _scores_atelier, classement,
                                     essai, preselection, rang_parmi, score, scores_textes)
from atelier.recrutement.variantes import (AGE_ECART, AGE_MAX_VARIANTE, AGES_PROPOSES, CHAMP_DETAIL, DETAILS,
                                           INTERRUPTION_AUDIT, INTERRUPTION_MAX, INTERRUPTIONS_PROPOSEES,
                                           LIGNES_DETAIL, NOMS_DETAILS, PRENOM_MAX, VERSIONS_AUDIT, paire_audit,
                                           valeurs_proposees, variante)

#: Les noms publics (et, lus dans les fichiers au premier usage : CADRE_JURIDIQUE, DROITS_CANDIDATE,
#: DATE_ETAT_DU_DROIT, A_VERIFIER_JO, CHAMPS_FICHE).
__all__ = ["AGES_PROPOSES", "AGE_ECART", "AGE_MAX", "AGE_MAX_VARIANTE", "AGE_MIN", "CHAMP_DETAIL", "COLONNES_CV",
           "CONSONANCES", "CONSONANCE_REFERENCE", "DECIMALES_SCORE", "DETAILS", "ECHELLE", "FICHIER_CADRE",
           "FICHIER_CV", "FICHIER_FICHE", "FICHIER_OFFRE", "INTERRUPTIONS_PROPOSEES", "INTERRUPTION_AUDIT",
           "INTERRUPTION_MAX", "LIGNES_DETAIL", "NOMS_DETAILS", "PERTINENCES", "PRENOM_MAX", "QUARTIERS",
           "REPERE_DEBUT", "REPERE_FIN", "TAILLE_PRESELECTION", "VERSIONS_AUDIT", "audit", "cadre", "classement",
           "cv", "cvs", "entree_juridique", "essai", "fiche_transparence", "figure_audit", "formater_fiche",
           "formater_resume", "lignes_changees", "offre", "paire_audit", "phrase_audit", "preselection",
           "rang_parmi", "resumer_audit", "score", "scores_textes", "texte_cadre_juridique", "texte_cv", "texte_p",
           "valeurs_proposees", "variante", "vider_cache"]


def vider_cache() -> None:
    """Oublie l'offre, les CV, les scores et les textes lus gardés en mémoire (après un changement de fichier ou
    de dossier)."""
    for memoire in (candidatures._memoire, tri._memoire, tri._scores_atelier, droit._cadre, transparence._fiche):
        memoire.clear()


#: Les noms lus dans les fichiers de données au premier usage, et la partie qui les sert.
_NOMS_LUS = {"DATE_ETAT_DU_DROIT": droit, "A_VERIFIER_JO": droit, "CADRE_JURIDIQUE": droit, "DROITS_CANDIDATE": droit,
             "CHAMPS_FICHE": transparence}


def __getattr__(nom: str):
    if nom in _NOMS_LUS:
        return getattr(_NOMS_LUS[nom], nom)
    raise AttributeError(f"module {__name__!r} has no attribute {nom!r}")
