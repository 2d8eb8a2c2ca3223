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

RECHERCHE_FAIBLE = ("Aucun métier ne ressemble vraiment à ce texte ; voici quand même les plus proches. "
                    "Essayez un nom de métier.")

# ── Carte des métiers (tableau de bord « Carte des métiers » et module 03) ──
CARTE_PLACEHOLDER = "par exemple : infirmiere, boulangé, aide à domicile…"
CARTE_RECHERCHE = "Chercher un métier :"
CARTE_DOMAINE = "Domaine :"
CARTE_TOUS_DOMAINES = "Tous les domaines"
CARTE_VUE_ENSEMBLE = "Voir toute la carte"
CARTE_ZOOMER = "Zoomer +"
CARTE_DEZOOMER = "Dézoomer −"
#: Boutons pour déplacer la vue : (texte visible, aide au survol, décalage horizontal, décalage vertical).
CARTE_DEPLACER = [("← Gauche", "Déplacer la vue vers la gauche", -0.3, 0.0),
                  ("Droite →", "Déplacer la vue vers la droite", 0.3, 0.0),
                  ("↑ Haut", "Déplacer la vue vers le haut", 0.0, 0.3),
                  ("↓ Bas", "Déplacer la vue vers le bas", 0.0, -0.3)]
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

# ── Module 05 : sonde de biais ──
SONDE_TITRE = "Sonde de biais"
SONDE_AIDE = ("Choisissez un profil, ou écrivez le vôtre, en deux versions qui ne diffèrent que par le genre "
              "(ou le prénom). Le moteur propose 10 métiers pour chaque version : qu'est-ce qui change ?")
SONDE_PERSONA = "Profil :"
SONDE_MON_TEXTE = "Mon propre texte (écrivez les deux versions ci-dessous)"
SONDE_COMPARER_QUOI = "Comparer :"
SONDE_VERSION_A = "Version A :"
SONDE_VERSION_B = "Version B :"
SONDE_DEVINER = "Deviner d'abord"
SONDE_QUESTION = "Avant de voir le résultat : la liste de métiers va-t-elle changer ?"
SONDE_REPONSES = ("Pas du tout", "Un peu (1 à 3 métiers)", "Beaucoup (4 métiers ou plus)")
SONDE_BOUTON = "Comparer les deux listes"
SONDE_CALCUL = "Calcul en cours (quelques secondes)…"
SONDE_VIDE = "Écrivez les deux versions du profil (au moins quelques mots chacune)."
SONDE_TRONQUE = "Vos textes sont longs : seuls leurs {n} premiers caractères sont utilisés."
SONDE_LISTE_A = "Liste A"
SONDE_LISTE_B = "Liste B"
SONDE_BARRES = "Part de femmes en emploi dans les 10 métiers proposés (moyenne, Dares 2017-2019, par famille de métiers)"
SONDE_BARRE = "{liste} : {valeur} % de femmes en moyenne"
SONDE_LECTURE = ("{communs} métiers sur 10 sont dans les deux listes ; la part de femmes moyenne des métiers "
                 "proposés passe de {a} % (A) à {b} % (B), soit {ecart} points.")
SONDE_IDENTIQUE = "Les deux listes sont identiques : ici, le changement de formulation n'a rien changé."
SONDE_PRUDENCE = ("Une seule paire ne prouve rien : le module 05 mesure l'écart moyen sur 34 profils, avec son "
                  "intervalle de confiance.")
SONDE_PARI = "Vous aviez répondu « {pari} » ; en réalité : {reel}."
SONDE_MOUVEMENTS = {"entre dans la liste": "nouveau", "sort de la liste": "absent de B", "même rang": "même place"}

# ── Recruteur robot (tableau de bord « Le recruteur robot » et module 06) ──

# ── Chatbot FAQ (tableau de bord « Chatbot FAQ » et module 07) ──

# ── Diagnostic IA (tableau de bord « Diagnostic IA » et module 08) ──
