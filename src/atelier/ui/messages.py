"""Les phrases que les tableaux de bord montrent aux personnes (français d'abord ; anglais à venir)."""

ERREUR_ATELIER = "Oups, quelque chose ne va pas : {detail}"
ERREUR_INATTENDUE = ("Oups, une erreur inattendue s'est produite. Réessayez avec un autre texte ; si cela "
                     "continue, rechargez la page.")

RECHERCHE_TITRE = "Recherche de métiers"
RECHERCHE_AIDE = "Tapez un métier, même avec des fautes, au féminin, en langage courant ou en anglais."
RECHERCHE_POURQUOI = ("Pourquoi les fautes de frappe marchent-elles ? Le moteur compare le sens des mots "
                      "(un modèle d'IA les transforme en nombres) et leur ressemblance lettre à lettre.")
RECHERCHE_PLACEHOLDER = "par exemple : infirmiere, dévelopeur web, nounou, truck driver…"
RECHERCHE_VIDE = "Tapez quelques lettres pour voir des métiers."
RECHERCHE_ECHO = "Résultats pour : {requete}"
RECHERCHE_TRONQUEE = "Votre texte est long : seuls ses {n} premiers caractères sont utilisés."
RECHERCHE_AUCUN = "Aucun métier trouvé. Essayez un autre mot."

#: Libellés du score en langage courant (seuil minimal du score combiné → libellé).
NIVEAUX_SCORE = [(1.0, "très proche"), (0.93, "proche"), (0.88, "assez proche"), (float("-inf"), "lointain")]


def niveau(score: float) -> str:
    """Le score d'un résultat dit en mots (« très proche », « proche »…)."""
    for seuil, mot in NIVEAUX_SCORE:
        if score >= seuil:
            return mot
    return NIVEAUX_SCORE[-1][1]

# ── Carte des métiers (tableau de bord « Carte des métiers » et module 03) ──
CARTE_TITRE = "Carte des métiers"
CARTE_AIDE = ("Chaque point est un métier du répertoire ROME. Des métiers proches pour le modèle d'IA sont "
              "proches sur la carte. Survolez un point pour lire son nom, ou cherchez un métier ci-dessous.")
CARTE_PLACEHOLDER = "par exemple : infirmiere, boulangé, aide à domicile…"
CARTE_RECHERCHE = "Chercher un métier :"
CARTE_DOMAINE = "Domaine :"
CARTE_TOUS_DOMAINES = "Tous les domaines"
CARTE_VUE_ENSEMBLE = "Voir toute la carte"
CARTE_RESULTATS = "Métiers trouvés (choisissez-en un pour le voir sur la carte) :"
CARTE_VIDE = "Tapez un métier pour le trouver sur la carte."
CARTE_PAS_DE_MOT = "Votre texte ne contient ni lettre ni chiffre : tapez un nom de métier."
CARTE_ECHO = "Résultats pour : {requete}"
CARTE_TROUVES = "{n} métiers entourés en noir sur la carte ; le premier est « {titre} »."
CARTE_TROUVE_UN = "1 métier entouré en noir sur la carte : « {titre} »."
CARTE_AUCUN_DOMAINE = ("Aucun métier de ce domaine ne correspond à votre recherche. Choisissez « Tous les "
                       "domaines » ou essayez un autre mot.")
CARTE_CHOISI = "{titre} — {domaine} ({grand_domaine}), fiche ROME {code}"
CARTE_DOMAINE_CHOISI = "Domaine « {domaine} » : {n} métiers en couleur, les autres en gris."
CARTE_LEGENDE = "Grands domaines (couleur et forme) :"
CARTE_AXES = ("Carte calculée une fois par UMAP ({parametres}). Les axes n'ont ni unité ni sens : seules "
              "comptent les proximités. Deux groupes éloignés ne sont pas forcément très différents.")
CARTE_CHARGEMENT = "Chargement de la carte…"

# ── Module 03 : recalculer la carte, placer ses mots ──
UMAP_VOISINS = "Voisins (n_neighbors)"
UMAP_DISTANCE = "Distance min. (min_dist)"
UMAP_GRAINE = "Graine"
UMAP_BOUTON = "Recalculer la carte"
UMAP_CALCUL = "Calcul en cours (10 à 40 secondes selon la machine)…"
UMAP_RESULTAT = ("Voisinage préservé : en moyenne, {part} % des 10 plus proches voisins de chaque métier "
                 "(en 384 dimensions) sont encore parmi ses 10 plus proches voisins sur la carte.")
MOTS_ETIQUETTE = "Vos mots (séparés par des virgules) :"
MOTS_BOUTON = "Placer mes mots"
MOTS_VIDE = "Tapez au moins un mot ou une expression, par exemple : boulangerie."
MOTS_TRONQUES = "Seuls vos {n} premiers mots sont placés."
MOTS_LIGNE = "« {texte} » : le métier le plus proche est « {proche} » ({domaine}) ; position {nettete}."
MOTS_NETTE = "nette (ses métiers voisins sont regroupés sur la carte)"
MOTS_FLOUE = ("floue (ses métiers voisins sont éparpillés sur la carte : l'étoile peut tomber entre deux "
              "groupes, à un endroit qui ne veut rien dire)")
