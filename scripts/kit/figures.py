"""Les recettes des figures du kit : chacune calcule une figure avec le paquet ``atelier`` (les mêmes fonctions que
les notebooks), sur les données livrées, et rend ``(figure, texte_alternatif)``. Les exemples (listes d'intitulés,
requêtes, profils, réponses) sont lus dans les notebooks des leçons par :mod:`kit.exemples`."""
from __future__ import annotations

import re
from typing import Callable

from kit.exemples import exemple


FIGURES: dict[str, Callable] = {}


def figure(nom: str):
    """Enregistre une recette de figure : une fonction sans argument qui renvoie ``(figure, texte_alternatif)``."""
    def enregistrer(fonction):
        FIGURES[nom] = fonction
        return fonction
    return enregistrer


#: Où le kit lit chaque exemple : (notebook, nom de la variable qui le porte).
EXEMPLES = {
    "six_intitules": ("00_demarrer", "intitules"),                          # comparés à « aide-soignante »
    "huit_a_la_main": ("01_des_mots_aux_nombres", "metiers_a_la_main"),     # partie 1 : deux axes choisis à la main
    "axe_x_main": ("01_des_mots_aux_nombres", "AXE_X"),
    "axe_y_main": ("01_des_mots_aux_nombres", "AXE_Y"),
    "vingt_intitules": ("01_des_mots_aux_nombres", "vingt_metiers"),        # partie 4 : la carte de chaleur
    "quatre_requetes": ("02_recherche_tolerante", "requetes_des_jeunes"),   # partie 1 : le Point Information Jeunesse
    "profil_exemple": ("04_moteur_de_recommandation", "profil_exemple"),    # partie 3 : le score calculé à la main
    "comparaisons_genre": ("05_biais_de_recommandation", "comparaisons"),   # les trois sondes de genre
    "reponses_jardins": ("08_ia_dans_ma_structure", "reponses"),            # partie 3 : « Les Jardins du Lien »
}


def ex(nom: str):
    """L'exemple ``nom`` de :data:`EXEMPLES`, lu dans son notebook."""
    return exemple(*EXEMPLES[nom])


def _similarites_a(mot: str):
    from atelier import embeddings, vecteurs_livres

    vecteur = embeddings.encode(mot, cache=True)[0]
    similarites = vecteurs_livres.vecteurs_pour(ex("six_intitules")) @ vecteur
    return sorted(zip(ex("six_intitules"), similarites), key=lambda paire: -paire[1])


def _barres_similarite(mot: str):
    from atelier.figures import barres_horizontales

    classement = _similarites_a(mot)
    return barres_horizontales([i for i, _ in classement], [s for _, s in classement],
                               titre=f"Quels métiers le modèle juge-t-il proches de « {mot} » ?",
                               axe_x=f"Similarité cosinus avec « {mot} »", axe_y="Intitulé ROME")


@figure("similarite_aide_soignante")
def _fig_similarite_aide_soignante():
    return _barres_similarite("aide-soignante")


@figure("similarite_nounou")
def _fig_similarite_nounou():
    return _barres_similarite("nounou")


@figure("angle_distance")
def _fig_angle_distance():
    from atelier.figures import nuage_2d

    a_la_main = ex("huit_a_la_main")
    noms = list(a_la_main)
    x, y = zip(*a_la_main.values())
    fleches = [noms.index(n) for n in ("Aide-soignant(e)", "Auxiliaire de puériculture", "Maçon(ne)")]
    return nuage_2d(x, y, noms, titre="Angle et distance entre trois métiers placés à la main", axe_x=ex("axe_x_main"),
                    axe_y=ex("axe_y_main"), fleches=fleches)


def _carte(titre: str, reperes: list[str] | None = None, domaine: str | None = None):
    from atelier import cartographie, dessin_carte

    carte = cartographie.carte()
    surligner = None
    if reperes:
        surligner = [carte.index[carte["appellation"] == r][0] for r in reperes]
    return dessin_carte.tracer_carte(carte, titre=titre, parametres=cartographie.parametres(), surligner=surligner,
                                     domaine=domaine, taille=(10, 10))


@figure("carte_reperes")
def _fig_carte_reperes():
    return _carte("Chaque point est un métier : 13 120 intitulés du ROME",
                  ["Aide-soignant / Aide-soignante", "Auxiliaire de puériculture", "Maçon / Maçonne",
                   "Développeur / Développeuse informatique", "Médiateur / Médiatrice numérique"])


@figure("carte_metiers")
def _fig_carte_metiers():
    return _carte("Les 13 120 métiers du ROME sur une carte")


@figure("carte_sante")
def _fig_carte_sante():
    return _carte("Où sont les métiers de la santé ?", domaine="J")


@figure("hasard_similarites")
def _fig_hasard():
    from atelier import similarite
    from atelier.figures import histogramme

    hasard = similarite.similarites_aleatoires(n=10_000, graine=0)
    reperes = similarite.resume(hasard)
    return histogramme(hasard, titre="Similarité de 10 000 paires d'intitulés tirées au hasard",
                       axe_x="Similarité cosinus", axe_y="Nombre de paires",
                       reperes={"5e centile": reperes["p5"], "moyenne": reperes["moyenne"],
                                "95e centile": reperes["p95"]})


@figure("chaleur_vingt")
def _fig_chaleur():
    from atelier import similarite
    from atelier.figures import carte_de_chaleur

    intitules = ex("vingt_intitules")
    matrice = similarite.matrice_similarites(intitules)
    return carte_de_chaleur(matrice, intitules, titre=f"Similarité cosinus entre {len(intitules)} intitulés du ROME",
                            legende="Similarité cosinus (multilingual-e5-small)")


@figure("quatre_recherches")
def _fig_quatre_recherches():
    """Grille « requête × méthode » : le premier résultat de chaque recherche, juste (✓) ou faux (✗)."""
    import matplotlib.pyplot as plt
    import textwrap

    from atelier import comparaison_recherche as comparaison
    from atelier import recherche
    from atelier.palette import GRIS, OKABE_ITO

    requetes = ex("quatre_requetes")
    tableau = comparaison.comparer(requetes, k=3)   # k=3 comme le notebook 02 (ex æquo de la floue)
    methodes = list(recherche.METHODES)
    fig, ax = plt.subplots(figsize=(12, 4.6))
    descriptions = []
    for i, requete in enumerate(requetes):
        morceaux = []
        for j, methode in enumerate(methodes):
            case = str(tableau.loc[(requete, 1), methode])
            juste = case.startswith(comparaison.BON)
            vide = case == comparaison.AUCUN
            texte = case.removeprefix(comparaison.BON)
            couleur = OKABE_ITO["bleu"] if juste else ("#F2F2F2" if vide else "#FBE3D6")
            ax.add_patch(plt.Rectangle((j, -i - 1), 1, 1, facecolor=couleur, edgecolor="white", lw=3))
            marque = "✓" if juste else ("—" if vide else "✗")
            etiquette = "rien trouvé" if vide else textwrap.fill(textwrap.shorten(texte, 60, placeholder="…"), 26)
            ax.text(j + 0.5, -i - 0.5, f"{marque}  {etiquette}", ha="center", va="center", fontsize=9.5,
                    color="white" if juste else "black", fontweight="bold" if juste else "normal")
            morceaux.append(f"{methode} : {'rien' if vide else texte} ({'juste' if juste else 'faux'})")
        descriptions.append(f"« {requete} » — " + ", ".join(morceaux))
    ax.set_xlim(0, len(methodes))
    ax.set_ylim(-len(requetes), 0)
    ax.set_xticks([j + 0.5 for j in range(len(methodes))], [f"recherche {m}" for m in methodes], fontsize=11)
    ax.xaxis.tick_top()
    ax.set_yticks([-i - 0.5 for i in range(len(requetes))], [f"« {r} »" for r in requetes],
                  fontsize=11)
    ax.tick_params(length=0)
    for cote in ax.spines.values():
        cote.set_visible(False)
    ax.set_xlabel("Méthode de recherche (premier résultat proposé ; ✓ = une fiche attendue, ✗ = une autre)",
                  color=GRIS)
    ax.set_ylabel("Requête tapée")
    ax.set_title("Quatre jeunes, quatre recherches : le premier résultat de chaque méthode", pad=30)
    fig.tight_layout()
    alt = ("Tableau en couleurs « Quatre jeunes, quatre recherches » : pour chaque requête (en lignes) et chaque "
           "méthode de recherche (en colonnes : " + ", ".join(methodes) + "), le premier intitulé proposé, "
           "marqué juste s'il appartient à une fiche attendue. " + " ; ".join(descriptions) + ".")
    return fig, alt


@figure("surface_domaines")
def _fig_surface_domaines():
    from atelier import cartographie, vecteurs_livres
    from atelier.figures import barres_horizontales

    etalement = cartographie.etalement_domaines(cartographie.carte(), vecteurs_livres.vecteurs_metiers())
    return barres_horizontales(
        [f"{e.code} — {e.grand_domaine.split(',')[0]} ({e.n_intitules} intitulés)" for e in etalement.itertuples()],
        etalement["surface_2d"], titre="Place de chaque grand domaine sur la carte",
        axe_x="Part de la surface de la carte occupée (%)", axe_y="Grand domaine (nombre d'intitulés)",
        surligner=None, format_valeur="{:.0f} %")


@figure("score_transparent")
def _fig_score_transparent():
    from atelier import recommandation
    from atelier.figures import barres_horizontales

    import textwrap

    reco = recommandation.recommander(ex("profil_exemple"), k=8, methode="transparent")
    noms = [textwrap.shorten(f"{r.code_rome} {r.intitule}", 48, placeholder="…") for r in reco.itertuples()]
    return barres_horizontales(noms, reco["score"],
                               titre="Moteur transparent : 3 compétences déclarées, les 8 premières fiches",
                               axe_x="Score (recouvrement pondéré, de 0 à 1)", axe_y="Fiche ROME")


@figure("ecarts_genre")
def _fig_ecarts_genre():
    from atelier import biais

    comparaisons = ex("comparaisons_genre")
    biais.preparer_personas(versions=("masculin", "feminin", "epicene", "prenom_f", "prenom_m"))
    resumes = {nom: biais.resumer_differences(biais.sonde_personas(a, b)["difference"], a=a, b=b)
               for nom, (a, b) in comparaisons.items()}
    return biais.figure_differences(resumes)


@figure("projection_genre")
def _fig_projection_genre():
    from atelier import biais

    projections = biais.projections_fiches(biais.direction_genre(), "appellation")
    correlation = biais.correlation_bootstrap(projections["projection"], projections["part_femmes"])
    return biais.figure_projection(projections, correlation, "Ce que le modèle « voit » et la réalité")


@figure("audit_recruteur")
def _fig_audit_recruteur():
    from atelier import recrutement

    paires = recrutement.audit()          # 200 variantes de CV : vecteurs livrés avec l'atelier
    return recrutement.figure_audit(recrutement.resumer_audit(paires), paires)


@figure("droits_candidate_schema")
def _fig_droits_candidate_schema():
    """Les droits de la personne candidate (:data:`atelier.recrutement.DROITS_CANDIDATE`) en cinq cases numérotées,
    en peu de mots : l'image de l'idée « Vous avez des droits » de la fiche facile à lire du module 06."""
    import matplotlib.pyplot as plt
    from matplotlib.patches import FancyBboxPatch

    from atelier import recrutement
    from atelier.palette import OKABE_ITO

    droits = [re.split(r"[,:(]", d["demande"])[0].strip() for d in recrutement.DROITS_CANDIDATE]
    fig, ax = plt.subplots(figsize=(4.2, 3.4))
    ax.set_xlim(0, 1)
    ax.set_ylim(0, len(droits))
    ax.axis("off")
    for i, texte in enumerate(droits):
        y = len(droits) - 1 - i
        ax.add_patch(FancyBboxPatch((0.02, y + 0.12), 0.96, 0.76, boxstyle="round,pad=0.0,rounding_size=0.12",
                                    facecolor="#E8F1FA", edgecolor=OKABE_ITO["bleu"], linewidth=1.5))
        ax.text(0.09, y + 0.5, str(i + 1), ha="center", va="center", fontsize=15, fontweight="bold",
                color=OKABE_ITO["bleu"])
        ax.text(0.17, y + 0.5, texte, ha="left", va="center", fontsize=10.5, wrap=True)
    fig.tight_layout(pad=0.2)
    alt = ("Les " + str(len(droits)) + " droits d'une personne candidate face à un logiciel de tri, en cases "
           "numérotées : " + " ; ".join(f"{i}. {t}" for i, t in enumerate(droits, start=1)) + ".")
    return fig, alt


@figure("seuil_faq")
def _fig_seuil_faq():
    from atelier import faq

    texte, prefixe, seuil = faq.reglage_par_defaut()     # la représentation et le seuil choisis sur « choix »
    resultats = faq.resultats(faq.BaseFAQ(texte=texte, prefixe=prefixe), faq.questions_test("choix"))
    return faq.figure_compromis(faq.courbe_seuils(resultats), seuil, "Le compromis du seuil (questions « choix »)")


@figure("profil_jardins")
def _fig_profil_jardins():
    from atelier import diagnostic

    return diagnostic.figure_profil(diagnostic.profil(ex("reponses_jardins")),
                                    titre="Profil IA — Association Les Jardins du Lien")
