"""Les phrases que les tableaux de bord montrent aux personnes (français d'abord ; anglais à venir)."""

ERREUR_ATELIER = "Oups, quelque chose ne va pas : {detail}"
ERREUR_INATTENDUE = ("Oups, une erreur inattendue s'est produite. Réessayez avec un autre texte ; si cela "
                     "continue, rechargez la page.")

# ── Ce qui est gardé, et où : la même phrase partout (tests/test_confidentialite.py la cherche) ──
#: LA phrase de confidentialité des neuf tableaux de bord (≤ 30 mots, une seule phrase) : leur première cellule la
#: cite mot pour mot, les widgets qui parlent de confidentialité la reprennent telle quelle
#: (tests/test_mots_des_tableaux.py et tests/test_confidentialite.py). Vrai partout : le tableau de bord n'écrit
#: rien sur le disque ; le texte passe par le programme qui fait tourner la page (ici, ou sur le serveur de la
#: salle ou de Binder), reste dans sa mémoire et disparaît quand la page se ferme.
CONFIDENTIALITE_TABLEAU = ("Rien n'est enregistré : votre texte reste en mémoire, sur l'ordinateur ou le serveur qui "
                           "fait tourner la page, jusqu'à sa fermeture ; n'y écrivez rien de réel sur les personnes "
                           "accompagnées.")
#: Notebooks de leçon, là où l'on tape (JupyterLab sauvegarde le fichier tout seul).
CONFIDENTIALITE_NOTEBOOK = ("Ce que vous tapez dans un notebook est enregistré dans le fichier du notebook : JupyterLab "
                            "le sauvegarde tout seul, sur cet ordinateur ou, si vous passez par Binder ou par le "
                            "serveur de la salle, sur ce serveur. N'écrivez jamais de vraies données personnelles sur "
                            "les personnes que vous accompagnez : prenez des exemples inventés.")

# ── « Deviner d'abord » (atelier.ui.composants.DevinerDabord) : on parie avant de voir le résultat ──
DEVINER = "Deviner d'abord"
DEVINER_RETOUR = "Vous aviez répondu « {pari} » ; en réalité : {reel}."

RECHERCHE_TITRE = "Recherche de métiers"
RECHERCHE_AIDE = ("Tapez un métier, même avec des fautes ou en langage courant, ou dites ce que vous aimeriez "
                  "faire : « réparer des vélos », « j'aime les animaux ».")
RECHERCHE_POURQUOI = ("Comment ça marche ? Le moteur compare ce que vous tapez aux noms des métiers, et aussi à la "
                      "fiche de chaque métier (la fiche du métier dans le répertoire officiel ROME) : ce qu'on y "
                      "fait, ce qu'il faut savoir faire, et sa description européenne quand elle existe. Sous "
                      "chaque métier, il dit ce qui l'a fait venir.")
RECHERCHE_PLACEHOLDER = "par exemple : infirmiere, nounou, réparer des vélos, j'aime les animaux…"
RECHERCHE_COMPRIS = "Compris comme : {texte}"
RECHERCHE_RAISON_TITRE = "Pourquoi ce métier : son nom ressemble à ce que vous avez tapé (« {appellation} »)."
RECHERCHE_RAISON_FICHE = "Pourquoi ce métier : sa fiche parle de « {competence} »."
RECHERCHE_RAISON_ESCO = ("Pourquoi ce métier : ce que vous dites ressemble à la description européenne du métier "
                         "« {metier} ».")
RECHERCHE_VIDE = "Tapez quelques lettres pour voir des métiers."
RECHERCHE_ECHO = "Résultats pour : {requete}"
RECHERCHE_TRONQUEE = "Votre texte est long : seuls ses {n} premiers caractères sont utilisés."
RECHERCHE_AUCUN = "Aucun métier trouvé. Essayez un autre mot."

RECHERCHE_FAIBLE = ("Aucun métier ne ressemble vraiment à ce texte ; voici quand même les plus proches. "
                    "Essayez un nom de métier, ou décrivez le travail avec d'autres mots.")

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
CARTE_AXES = ("Lire la carte : deux métiers proches sur la carte sont proches pour le modèle d'IA. Les bords et "
              "les directions ne veulent rien dire, et deux groupes éloignés ne sont pas forcément très différents.")
CARTE_AXES_PLUS = "Pour en savoir plus"
CARTE_AXES_DETAIL = "La carte a été calculée une fois, par la méthode UMAP ({parametres}) ; ses axes n'ont pas d'unité."

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
SONDE_MOUVEMENTS = {"entre dans la liste": "nouveau", "sort de la liste": "absent de B", "même rang": "même place"}

# ── Recruteur robot (tableau de bord « Le recruteur robot » et module 06) ──
RECRUTEUR_AIDE = ("Un logiciel compare 40 CV fictifs à une offre de « chargé·e de communication » et garde les {k} "
                  "meilleurs. Choisissez un CV, changez un seul détail (le prénom, le masculin ou le féminin, l'âge, "
                  "l'adresse, une pause dans le parcours) et regardez si le score et la présélection bougent.")
RECRUTEUR_CV = "CV :"
RECRUTEUR_DETAIL = "Changer :"
RECRUTEUR_DETAILS = {"prenom": "Prénom", "genre": "Masculin / féminin", "age": "Âge", "adresse": "Adresse",
                     "interruption": "Pause dans le parcours"}
RECRUTEUR_PRENOM = "Nouveau prénom :"
RECRUTEUR_PRENOM_AIDE = "par exemple : Samira, Thomas, Aminata…"
RECRUTEUR_GENRE = "Écrire le CV :"
RECRUTEUR_GENRES = {"F": "au féminin", "M": "au masculin"}
RECRUTEUR_AGE = "Nouvel âge :"
RECRUTEUR_ADRESSE = "Nouveau quartier :"
RECRUTEUR_ADRESSE_QPV = "{quartier} (quartier prioritaire)"
RECRUTEUR_INTERRUPTION = "Pause :"
RECRUTEUR_SANS_INTERRUPTION = "aucune pause"
RECRUTEUR_QUESTION = "Avant de voir le résultat : la décision de présélection va-t-elle changer ?"
RECRUTEUR_REPONSES = ("Non, la décision ne change pas", "Oui, le CV entre dans la présélection",
                      "Oui, le CV sort de la présélection")
RECRUTEUR_BOUTON = "Voir ce qui change"
RECRUTEUR_CALCUL = "Calcul en cours…"
RECRUTEUR_SAISIE = "Ce choix ne convient pas : {detail}"
RECRUTEUR_AVANT = "CV d'origine"
RECRUTEUR_APRES = "CV modifié"
RECRUTEUR_SCORE = "Score : {score} sur 100"
RECRUTEUR_RANG = "Rang : {rang}e sur {n}"
RECRUTEUR_RETENU = "Présélection : oui (parmi les {k} premiers)"
RECRUTEUR_ECARTE = "Présélection : non (hors des {k} premiers)"
RECRUTEUR_CHANGE = "modifié"
RECRUTEUR_LECTURE = ("En changeant {quoi} (« {avant} » → « {apres} »), le score passe de {score_avant} à "
                     "{score_apres} ({ecart}) et le rang de {rang_avant}e à {rang_apres}e sur {n} : le CV "
                     "{mouvement}.")
RECRUTEUR_QUOI = {"prenom": "le prénom", "genre": "le masculin ou le féminin du CV", "age": "l'âge",
                  "adresse": "l'adresse", "interruption": "la pause dans le parcours"}
RECRUTEUR_IDENTIQUE = "Vous avez choisi la valeur d'origine : rien ne change."
RECRUTEUR_SEUIL = ("Pour comparer : le {k}e CV a {score_k} points, le {k1}e {score_k1} points. Un écart minuscule "
                   "suffit à passer d'un côté à l'autre du seuil.")
RECRUTEUR_PRUDENCE = ("Un seul essai ne prouve rien : le module 06 refait ce test sur les 40 CV et donne l'écart moyen "
                      "avec son intervalle de confiance.")
#: Pourquoi ce détail ne devrait pas compter : le critère protégé qu'il révèle (Code du travail, article L1132-1).
RECRUTEUR_CRITERES = {
    "prenom": "Un prénom peut révéler une origine supposée : c'est un critère interdit (Code du travail, L1132-1).",
    "genre": "Le masculin ou le féminin révèle le sexe : c'est un critère interdit (Code du travail, L1132-1).",
    "age": "L'âge est un critère interdit (Code du travail, L1132-1), sauf rares exceptions prévues par la loi.",
    "adresse": "Le lieu de résidence est un critère interdit (Code du travail, L1132-1).",
    "interruption": ("Une pause dans le parcours peut révéler la situation de famille ou l'état de santé, deux "
                     "critères interdits (Code du travail, L1132-1)."),
}
RECRUTEUR_DROIT_TITRE = "Ce que dit la loi (état du droit au {date})"
RECRUTEUR_DROIT_PLUS = "Pour en savoir plus : les textes cités (articles, décisions de justice)"
RECRUTEUR_DROIT_DROITS = "Ce qu'une candidate ou un candidat peut demander"
RECRUTEUR_DROIT_NOTE = "Ce tableau de bord est un exercice : les CV et l'offre sont fictifs."

# ── Chatbot FAQ (tableau de bord « Chatbot FAQ » et module 07) ──
CHAT_TITRE = "Chatbot FAQ"
CHAT_AIDE = ("Posez une question sur la Passerelle, un espace public numérique fictif : horaires, rendez-vous, "
             "démarches en ligne, impression, Wi-Fi, ateliers… Tapez Entrée ou cliquez sur « Envoyer ».")
CHAT_RIEN_GARDE = CONFIDENTIALITE_TABLEAU + " « Nouvelle conversation » efface la conversation."
CHAT_ETIQUETTE = "Votre question :"
CHAT_PLACEHOLDER = "par exemple : vous ouvrez à quelle heure ?"
CHAT_ENVOYER = "Envoyer"
CHAT_NOUVELLE = "Nouvelle conversation"
CHAT_VOUS = "Vous"
CHAT_ROBOT = "Robot de la FAQ"
CHAT_CONFIANCE = "Confiance : {niveau}"
CHAT_CONFIANCE_PLUS = "Pour en savoir plus"
CHAT_CONFIANCE_DETAIL = ("Ressemblance avec la question connue la plus proche : {score} sur 100 ; le robot ne répond "
                         "qu'à partir de {seuil} sur 100.")
CHAT_CONTACT = "Qui contacter : {contact}"
CHAT_PROCHE = "La question la plus proche que je connais : « {question} »."
CHAT_VIDE = "Écrivez une question avant d'envoyer."
CHAT_SANS_MOT = "Votre message ne contient ni lettre ni chiffre : écrivez votre question avec des mots."
CHAT_TRONQUE = "Votre message est très long : seuls ses {n} premiers caractères ont été lus."
CHAT_REGLAGE = ("Comment je choisis : je compare votre question à {n} questions-réponses écrites par l'équipe ; "
                "sous {seuil} sur 100 de ressemblance, je préfère dire « je ne sais pas » et vous orienter vers une personne.")

# ── Diagnostic IA (tableau de bord « Diagnostic IA » et module 08) ──
DIAG_AIDE = ("Répondez aux questions qui vous parlent (vous pouvez en laisser sans réponse), cochez les usages que "
             "vous envisagez, puis cliquez sur « Voir mon profil ». Ce n'est pas une note : c'est un point de départ "
             "pour en discuter en équipe.")
DIAG_CONFIDENTIALITE = CONFIDENTIALITE_TABLEAU
DIAG_NOM = "Nom de votre structure (facultatif) :"
DIAG_NOM_PLACEHOLDER = "par exemple : Association Les Jardins du Lien"
DIAG_NOM_AFFICHE = "Structure : {nom}"
DIAG_NOM_TRONQUE = "Le nom est long : seuls ses {n} premiers caractères sont gardés."
DIAG_QUESTIONS = "1. Les questions"
DIAG_AXE = "{libelle} — {description}"
DIAG_POURQUOI = "Pourquoi cette question ?"
DIAG_PLUS = "Pour en savoir plus"
DIAG_REFERENCES = "Références : {references}."
DIAG_USAGES = "2. Les usages que vous envisagez"
DIAG_USAGES_AIDE = ("Cochez un ou plusieurs usages : vous verrez les questions à régler d'abord et les modules de "
                    "l'atelier à suivre.")
DIAG_BOUTON = "Voir mon profil"
DIAG_EFFACER = "Effacer mes réponses"
DIAG_VIDE = ("Répondez à au moins une question pour voir votre profil (« Je ne sais pas » compte comme une "
             "réponse).")
DIAG_PERIME = "Vos réponses ont changé : cliquez de nouveau sur « Voir mon profil » pour mettre le résultat à jour."
DIAG_RESULTAT = "Diagnostic IA : votre profil"
DIAG_COUVERTURE = ("Vous avez répondu à {n} questions sur {total}. Les questions sans réponse ne comptent pas dans "
                   "les scores, ni pour, ni contre.")
DIAG_TITRE_FIGURE = "Votre profil IA"
DIAG_FIGURE = "Description de la figure : {alt}"
DIAG_CONSEILS = "Par où commencer"
DIAG_CONSEILS_AUCUN = "Tous vos axes sont à 50 ou plus : continuez à en parler en équipe, et revenez-y quand vos usages changent."
DIAG_RECOS = "Vos usages : les questions à régler d'abord, les modules à suivre"
DIAG_SANS_USAGE = ("Vous n'avez coché aucun usage : cochez-en un ou plusieurs pour voir les questions à régler "
                   "d'abord et les modules à suivre.")
DIAG_VIGILANCE = "vigilance {vigilance}"
DIAG_D_ABORD = "À régler d'abord, dans l'ordre :"
DIAG_MODULES = "Modules de l'atelier à suivre :"
DIAG_DROIT = "Ce que dit le droit :"
DIAG_IMPRIMER = ("Pour imprimer ce résultat ou l'enregistrer en PDF : Ctrl+P (⌘+P sur Mac). Seul le résultat est "
                 "imprimé, pas le formulaire.")
DIAG_PIED = "Diagnostic IA — Atelier IA & ESS (texte CC BY 4.0). Ce diagnostic n'est pas une note."

# ── Accessibilité : ce que les zones « vivantes » annoncent aux lecteurs d'écran, le texte qui double la carte ──
RECHERCHE_ANNONCE = "{n} métiers trouvés."
RECHERCHE_ANNONCE_UN = "1 métier trouvé."
CHAT_ANNONCE = "Le robot répond : {texte}"
CARTE_AUTOUR = "Autour de « {titre} » sur la carte (les {n} points les plus proches, du plus près au plus loin) :"
CARTE_AUTOUR_LIGNE = "{titre} — {grand_domaine}"
CARTE_DESCRIPTION = "Description de la carte (texte)"

# ── Des mots aux nombres (tableau de bord « Des mots aux nombres » et module 01) ──
NOMBRES_AIDE = ("Tapez deux mots ou deux métiers (par exemple « aide-soignante » et « auxiliaire de puériculture »), "
             "puis cliquez sur « Comparer » ou tapez Entrée. Le modèle d'IA transforme chaque texte en une liste de "
             "nombres, puis dit si les deux textes sont proches pour lui, et quels métiers ressemblent à chacun.")
NOMBRES_A = "Premier mot ou métier :"
NOMBRES_B = "Second mot ou métier :"
NOMBRES_PLACEHOLDER_A = "par exemple : aide-soignante"
NOMBRES_PLACEHOLDER_B = "par exemple : auxiliaire de puériculture"
NOMBRES_EXEMPLE = "Ou choisissez un exemple :"
NOMBRES_EXEMPLE_AUCUN = "(choisir un exemple)"
#: Des paires qui racontent chacune quelque chose (module 01) : (texte A, texte B).
NOMBRES_EXEMPLES = (("aide-soignante", "auxiliaire de puériculture"),
                 ("Aide-soignant / Aide-soignante", "Maçon / Maçonne"),
                 ("Aide-soignant / Aide-soignante", "Aide-vacher / Aide-vachère"),
                 ("Restaurateur / Restauratrice", "Restaurateur / Restauratrice de meubles"),
                 ("nounou", "assistante maternelle"),
                 ("développeur web", "web developer"))
NOMBRES_BOUTON = "Comparer"
NOMBRES_CALCUL = "Calcul en cours…"
NOMBRES_VIDE = "Écrivez un mot ou un métier dans chacune des deux cases."
NOMBRES_SANS_MOT = "Le {quel} texte ne contient ni lettre ni chiffre : écrivez un mot ou un nom de métier."
NOMBRES_QUEL = ("premier", "second")
NOMBRES_TRONQUE = "Votre texte est long : seuls ses {n} premiers caractères sont utilisés."
NOMBRES_ECHO = "Vous comparez « {a} » et « {b} »."
NOMBRES_IDENTIQUES = ("Les deux textes sont identiques : leurs nombres sont les mêmes. Essayez deux textes "
                      "différents.")
NOMBRES_PLUS = "Pour en savoir plus : les nombres derrière ce verdict"
NOMBRES_SIMILARITE = "Similarité cosinus : {sim}"
NOMBRES_SIMILARITE_AIDE = ("1 voudrait dire « exactement la même direction ». Mais attention : avec ce modèle, deux "
                        "métiers tirés au hasard ont déjà en moyenne {moyenne}, et 9 paires au hasard sur 10 sont "
                        "entre {p5} et {p95}. Ce n'est pas un pourcentage : {sim} ne veut pas dire « semblables à "
                        "{pourcent} % ».")
NOMBRES_REPERE = "Où se place cette paire, face à {n} paires de métiers tirées au hasard"
NOMBRES_REPERE_ALT = ("Échelle de similarité de {bas} à 1. La bande grise montre où tombent 9 paires de métiers tirées "
                   "au hasard sur 10 (de {p5} à {p95}) ; le trait noir marque votre paire, à {sim}.")
NOMBRES_REPERE_HASARD = "9 paires au hasard sur 10"
NOMBRES_REPERE_VOUS = "votre paire : {sim}"
NOMBRES_RANG_TITRE = "Ce qu'il faut regarder : le rang et le score centré"
NOMBRES_RANG = ("Vu depuis « {a} » : « {b} » serait au rang {rang} sur {sur} métiers du répertoire "
             "(1 = le plus proche). Score centré : {centre} (la similarité moins {habituel}, la similarité moyenne "
             "de « {a} » avec tous les métiers ; 0 = comme d'habitude, positif = plus proche que d'habitude).")
NOMBRES_VERDICTS = ("Pour le modèle, ces deux textes sont très proches : l'un est parmi les 10 plus proches voisins "
                 "de l'autre.",
                 "Pour le modèle, ces deux textes sont proches : l'un est dans le 1 % des métiers les plus "
                 "proches de l'autre.",
                 "Pour le modèle, ces deux textes sont assez proches : l'un est dans les 10 % des métiers les plus "
                 "proches de l'autre.",
                 "Pour le modèle, ces deux textes sont à peine plus proches que la moyenne.",
                 "Pour le modèle, ces deux textes sont éloignés : moins proches que la moyenne des métiers.")
NOMBRES_PRUDENCE = ("Le modèle rapproche ce qui se ressemble dans les textes (des mots, des lettres communes), pas "
                 "forcément ce qui se pratique de la même façon : c'est une personne qui juge si deux métiers sont "
                 "vraiment proches.")
NOMBRES_VOISINS_TITRE = "Les voisins de chaque texte parmi les métiers du répertoire"
NOMBRES_VOISINS = "Les métiers les plus proches de « {texte} »"
NOMBRES_VOISIN = "{appellation}"
NOMBRES_VOISIN_DETAIL = "{grand_domaine}"
NOMBRES_ANNONCE = "{verdict}"
#: « Deviner d'abord » : la question, les trois réponses (elles couvrent les cinq verdicts ci-dessus : les deux
#: premiers, le troisième, les deux derniers ; voir mots_nombres.REPONSE_DU_VERDICT) et ce que la page répond.
NOMBRES_QUESTION_PARI = "Avant de voir le résultat : pour le modèle, ces deux textes sont-ils proches ?"
NOMBRES_REPONSES_PARI = ("Proches, voire très proches", "Assez proches",
                         "À peine plus proches que la moyenne, ou éloignés")
#: Le verdict en quelques mots, un par verdict de NOMBRES_VERDICTS (dans le même ordre).
NOMBRES_VERDICTS_COURTS = ("très proches", "proches", "assez proches", "à peine plus proches que la moyenne",
                           "éloignés")
NOMBRES_PARI_IDENTIQUES = "identiques, donc très proches"
NOMBRES_PARI_REEL = "{verdict} pour le modèle. {juste}"
NOMBRES_PARI_JUSTE = "Vous aviez vu juste"
NOMBRES_PARI_RATE = "Ce n'est pas ce que vous aviez parié : regardez leurs voisins ci-dessous pour comprendre"

# ── Mon profil, mes métiers (tableau de bord « Mon profil, mes métiers » et module 04) ──
PROFIL_AIDE = ("Décrivez une personne (vous-même, ou une personne imaginaire) de l'une des deux façons, puis cliquez "
               "sur « Voir les métiers ». Deux moteurs de recommandation lisent la même personne et proposent "
               "chacun {k} métiers du répertoire officiel (ROME), côte à côte, avec leurs raisons : sont-ils d'accord ?")
PROFIL_FACON = "Comment décrire le profil :"
PROFIL_FACONS = {"phrase": "Écrire une phrase", "competences": "Choisir des compétences"}
PROFIL_PHRASE = "Votre description :"
PROFIL_PHRASE_PLACEHOLDER = ("par exemple : J'aime cuisiner pour les autres, je suis à l'aise avec les enfants et "
                             "j'ai mon permis B.")
PROFIL_PHRASE_AIDE = ("Le moteur « sémantique » coupe votre texte en petites idées (aux virgules, aux points, aux « et ») "
                      "et compare chacune aux compétences de chaque métier grâce au modèle d'IA.")
PROFIL_CHERCHER = "Chercher une compétence :"
PROFIL_CHERCHER_PLACEHOLDER = "par exemple : cuisine, enfants, permis, accueil…"
PROFIL_TROUVEES = "Compétences trouvées :"
PROFIL_AJOUTER = "Ajouter à mon profil"
PROFIL_CHOISIES = "Mon profil :"
PROFIL_RETIRER = "Retirer du profil"
PROFIL_COMPETENCES_AIDE = ("Le moteur « transparent » compte les compétences de votre profil présentes dans chaque "
                           "métier ; une compétence du cœur de métier compte double. Cherchez un mot, choisissez une "
                           "compétence dans la liste, puis « Ajouter à mon profil ».")
PROFIL_AUCUNE_TROUVEE = "Aucune compétence du répertoire ne contient « {texte} ». Essayez un autre mot, plus court."
PROFIL_N_TROUVEES = "{n} compétences trouvées : choisissez-en une dans la liste."
PROFIL_DEJA = "« {competence} » est déjà dans votre profil."
PROFIL_AJOUTEE = "« {competence} » ajoutée à votre profil ({n} compétences)."
PROFIL_RETIREE = "« {competence} » retirée de votre profil ({n} compétences)."
PROFIL_MAX = "Votre profil a déjà {n} compétences : retirez-en une avant d'en ajouter une autre."
PROFIL_CHOISIR = "Choisissez d'abord une compétence dans la liste."
PROFIL_BOUTON = "Voir les métiers"
PROFIL_CALCUL = "Calcul en cours…"
PROFIL_VIDE_PHRASE = "Écrivez quelques mots sur la personne avant de cliquer sur « Voir les métiers »."
PROFIL_SANS_MOT = "Votre texte ne contient ni lettre ni chiffre : décrivez la personne avec des mots."
PROFIL_VIDE_COMPETENCES = "Ajoutez au moins une compétence à votre profil avant de cliquer sur « Voir les métiers »."
PROFIL_TRONQUE = "Votre texte est long : seuls ses {n} premiers caractères sont lus."
PROFIL_MORCEAUX = "Le moteur a coupé votre texte en {n} idées :"
PROFIL_MORCEAUX_UN = "Le moteur a lu votre texte comme une seule idée :"
PROFIL_ANNONCE = ("{n} métiers proposés ; le premier est « {titre} ». Métiers en commun avec l'autre moteur : "
                  "{commun} sur {n}.")
PROFIL_METIER_DETAIL = "{domaine} · fiche ROME {code}"
PROFIL_POURQUOI = "Pourquoi ce métier ?"
PROFIL_DETENUES_T = "Les compétences de votre profil que ce métier demande ({n}) :"
PROFIL_MANQUANTES_T = "Des compétences de ce métier qui ne sont pas dans votre profil :"
PROFIL_DETENUES_S = "Les compétences du métier les plus proches de ce que vous avez écrit :"
PROFIL_MANQUANTES_S = "Les compétences du métier les plus éloignées de ce que vous avez écrit :"
PROFIL_AUCUNE_PROCHE = "Aucune compétence de ce métier n'est vraiment proche de ce que vous avez écrit."
PROFIL_COEUR = "cœur de métier"
PROFIL_PROCHE_DE = "proche de « {morceau} »"
PROFIL_PRUDENCE = ("Un score n'est pas une chance de réussir : c'est une ressemblance. Le moteur ne sait rien des "
                   "envies, des contraintes (horaires, mobilité, santé), de l'emploi près de chez vous ni des "
                   "formations accessibles. Une recommandation ouvre une discussion avec une personne ; elle ne la "
                   "remplace pas.")
PROFIL_PRUDENCE_S = ("Une compétence « proche » veut dire « ces mots se ressemblent », pas « vous savez faire ceci » : "
                     "un rapprochement peut venir d'un seul mot de votre texte.")
PROFIL_PERIME = "Le profil a changé : cliquez de nouveau sur « Voir les métiers » pour mettre la liste à jour."
PROFIL_MOTEURS = {"transparent": "Moteur « transparent » : il compte les compétences en commun",
                  "semantique": "Moteur « sémantique » : il compare le sens des mots"}
PROFIL_COLONNE = "{moteur} — ses {n} métiers, du premier au dernier"
PROFIL_AUSSI = "aussi dans l'autre liste"
PROFIL_COMMUN = "Métiers en commun : {n} sur {k}."
PROFIL_COMMUN_VERDICT = {"beaucoup": "Les deux moteurs sont plutôt d'accord.",
                         "moitie": "Les deux moteurs sont d'accord sur une partie des métiers seulement.",
                         "peu": "Les deux moteurs ne sont presque pas d'accord."}
PROFIL_COMMUN_LECON = ("Ils lisent pourtant la même personne : la liste dépend autant de la façon de calculer que de "
                       "la personne. Aucune des deux n'est « la bonne » ; chacune est une piste à discuter.")
PROFIL_TRADUCTION = ("Le moteur « transparent » ne lit pas les phrases : il lui faut des compétences du répertoire. "
                     "Voici celles qui ressemblent le plus à chacune de vos idées (une traduction, donc déjà un choix) :")
PROFIL_TRADUCTION_LIGNE = "« {morceau} » → {competence}"
PROFIL_LIBELLES = ("Le moteur « sémantique » lit un texte : il reçoit les noms des compétences de votre profil, "
                   "mis bout à bout.")
PROFIL_QUESTION_PARI = "Avant de voir le résultat : sur {k} métiers, combien les deux moteurs en auront-ils en commun ?"
#: Les trois réponses, dans l'ordre des tranches « beaucoup », « moitie », « peu » (bornes calculées dans ui.profil).
PROFIL_REPONSES_PARI = ("Presque tous ({de} à {a})", "Une partie ({de} à {a})", "Peu ou aucun ({de} à {a})")
PROFIL_PARI_REEL = "{n} sur {k} en commun"

# ── Chatbot FAQ : les questions de votre structure, le temps de la séance ──
CHAT_PERSO_TITRE = "Les questions de votre structure"
CHAT_PERSO_AIDE = ("Collez ou écrivez vos questions, une par ligne, sous la forme « question | réponse | contact » "
                   "(le contact est facultatif). Le robot s'en sert tout de suite, avec le même seuil, le temps de "
                   "la page. Pour les retrouver la prochaine fois, gardez le texte proposé après l'ajout (copiez-le "
                   "ou téléchargez-le) et recollez-le ici.")
CHAT_PERSO_TEXTE = "Vos questions, une par ligne :"
CHAT_PERSO_TEXTE_PLACEHOLDER = ("Faut-il prendre rendez-vous pour l'aide aux démarches ? | Oui, appelez-nous ou "
                                "passez à l'accueil du lundi au vendredi. | l'accueil, 01 23 45 67 89\n"
                                "Le local vélo ferme à quelle heure ? | À 19 h.")
CHAT_PERSO_AJOUTER = "Ajouter ces questions"
CHAT_PERSO_RETIRER = "Retirer les questions ajoutées"
CHAT_PERSO_VIDE = "Écrivez au moins une ligne « question | réponse » avant d'ajouter."
CHAT_PERSO_AJOUTEES = "Questions ajoutées : {n} (en tout sur cette page : {total}). Le robot les connaît maintenant."
CHAT_PERSO_AUCUNE = "Aucune question ajoutée."
CHAT_PERSO_ERREURS = "Lignes non ajoutées : {detail}."
CHAT_PERSO_A_CORRIGER = "Les lignes à corriger restent dans la zone de texte."
CHAT_PERSO_LIGNE = "ligne {numero} : {raison}"
CHAT_PERSO_SANS_BARRE = "il manque le « | » entre la question et la réponse"
CHAT_PERSO_TROP_BARRES = "trop de « | » (il en faut un ou deux : question | réponse | contact)"
CHAT_PERSO_SANS_QUESTION = "la question est vide"
CHAT_PERSO_SANS_REPONSE = "la réponse est vide"
CHAT_PERSO_SANS_MOT = "la question ne contient ni lettre ni chiffre"
CHAT_PERSO_DOUBLE = "cette question est déjà dans la liste"
CHAT_PERSO_PLEIN = "déjà {n} questions ajoutées, c'est le maximum pour une page"
CHAT_PERSO_TROP_LIGNES = "au-delà de {n} lignes, la suite n'est pas lue"
CHAT_PERSO_TRONQUEE = ("Certains textes étaient longs : la question est coupée à {q} caractères, la réponse à {r}, "
                       "le contact à {c}.")
CHAT_PERSO_RETIREES = "Les questions ajoutées sont retirées : le robot ne connaît plus que la FAQ de la Passerelle."
CHAT_PERSO_LISTE = "Questions ajoutées pour cette page ({n}) :"
CHAT_PERSO_EXPORT = "Texte à garder :"
CHAT_PERSO_EXPORT_AIDE = ("À garder pour la prochaine fois : copiez ce texte (ou téléchargez-le), puis, lors d'une "
                          "prochaine séance, recollez-le plus haut. Il redonne les mêmes questions, donc les mêmes "
                          "réponses.")
CHAT_PERSO_EXPORT_ENTETE = ("# Questions de ma structure pour le Chatbot FAQ (Atelier IA & ESS) : une par ligne, "
                            "question | réponse | contact")
CHAT_PERSO_TELECHARGER = "Télécharger ce texte (fichier {fichier})"
CHAT_PERSO_FICHIER = "questions_de_ma_structure.txt"
CHAT_QUESTION_PARI = "Avant d'envoyer : le robot va-t-il répondre, ou dire « je ne sais pas » ?"
CHAT_REPONSES_PARI = ("Il va répondre", "Il va dire « je ne sais pas »")
CHAT_PARI_REPOND = "le robot a répondu (à vous de juger si la réponse est la bonne)"
CHAT_PARI_SAIT_PAS = "le robot a dit « je ne sais pas »"
CHAT_PERSO_CATEGORIE = "Ma structure"

# ── Mon CV assisté (tableau de bord du module 09, atelier.ui.cv) ──
CV_AIDE = ("Écrivez quelques phrases simples sur ce que vous avez fait, une par ligne : « j'ai gardé les enfants de "
           "ma sœur tous les mercredis », « je tenais la caisse au marché ». La machine en tire des lignes de CV, "
           "et dit pour chacune si elle vient de vos phrases ou si elle est inventée.")
CV_PHRASES = "Vos phrases (une par ligne) :"
CV_PHRASES_EXEMPLE = ("j'ai gardé les enfants de ma sœur tous les mercredis\n"
                      "je les emmenais au parc et je préparais le goûter")
CV_METIER = "Le métier visé :"
CV_METIER_AIDE = "choisissez dans la liste, ou tapez un métier"
CV_BOUTON = "Écrire mon CV"
CV_CALCUL = "La machine lit vos phrases et écrit les lignes (quelques secondes, plus la première fois)…"
CV_SAISIE = "Vos phrases : {detail}"
CV_METIER_INCONNU = ("Métier introuvable : « {texte} ». Choisissez un métier dans la liste, ou tapez son nom "
                     "(par exemple « serveur ») ou son code (une lettre et quatre chiffres, comme K1303).")
CV_METIER_VIDE = "Choisissez d'abord un métier dans la liste (ou tapez son nom)."
CV_METIER_PLUSIEURS = ("Plusieurs métiers correspondent à « {texte} » ; le premier est pris : {metier}. Tapez un nom "
                       "plus précis pour en choisir un autre.")
CV_MODELE_ABSENT = ("Le petit modèle qui écrit n'est pas disponible ({detail}) : seules les lignes trouvées par "
                    "recherche sont montrées.")
CV_LECTURE = ("{n_lignes} lignes de CV : {n_appuyees} appuyées sur vos phrases, {n_inventees} inventées "
              "(à vérifier ou à supprimer).")
CV_TITRE_RECHERCHE = "Lignes trouvées dans le répertoire des métiers"
CV_AIDE_RECHERCHE = ("Les mots officiels du répertoire des métiers (ROME de France Travail) qui ressemblent le plus à "
                     "chacune de vos phrases.")
CV_TITRE_GENERATION = "Lignes écrites par le petit modèle"
CV_AIDE_GENERATION = ("Le petit modèle part des premiers mots d'une compétence du métier visé et écrit la suite la "
                      "plus vraisemblable, pas la plus vraie : il peut affirmer ce que vous n'avez jamais dit.")
CV_VIENT_DE = "Vient de votre phrase : « {phrase} »."
CV_REGLE = ("La règle de la marque : pour chacune de vos phrases, la machine range les 10 095 compétences du "
            "répertoire de la plus ressemblante à la moins ressemblante. Une ligne est « appuyée » si elle arrive "
            "dans les premières 0,75 % pour au moins une de vos phrases ; sinon, elle est marquée « inventé ». "
            "La machine se trompe parfois : relisez toujours.")
CV_COUVERTURE_TITRE = "Le métier visé : {metier}"
CV_COUVERTURE = ("Votre CV vérifié (les lignes appuyées) couvre {n} des {total} compétences essentielles de ce "
                 "métier.")
CV_COUVERTES = "Déjà dans votre CV"
CV_MANQUANTES = "Pas encore dans votre CV (à raconter, si vous l'avez fait)"
CV_AUCUNE = "aucune"
CV_ROBOT_TITRE = "Le robot recruteur : la note de chaque version"
CV_ROBOT_VERSIONS = {"simple": "Vos phrases telles quelles", "recherche": "Le CV par recherche",
                     "generation": "Le CV écrit par le modèle"}
CV_ROBOT_NOTE = "{version} : {score} sur 100"
CV_ROBOT_ECART = " ({ecart} par rapport à vos phrases)"
CV_ROBOT_LECTURE = ("Le robot compare les mots du CV à ceux de l'offre : il ne sait pas ce qui est vrai. Le CV écrit "
                    "par le modèle contient {n_inventees} ligne(s) inventée(s) sur {n} : une note plus haute ne veut "
                    "pas dire un CV plus juste. Le robot est celui du module 06 ; l'offre est écrite à partir de la "
                    "fiche du métier dans le répertoire officiel des métiers (ROME, France Travail).")
CV_JEU_TITRE = "Jeu : deviner le mot suivant"
CV_JEU_AIDE = ("Un modèle qui écrit choisit un mot après l'autre, au hasard mais selon leurs chances. Tapez le début "
               "d'une phrase, devinez le mot suivant, puis regardez ce que le modèle proposait.")
CV_JEU_ECHELLE = ("Ce petit modèle (environ un million de nombres appris sur les fiches du répertoire officiel des "
                  "métiers, le ROME de France Travail) marche sur le même principe que les grands chatbots, qui sont "
                  "environ 100 000 fois plus gros.")
CV_JEU_DEBUT = "Début de phrase :"
CV_JEU_DEBUT_DEFAUT = "Accueillir les"
CV_JEU_PARI = "Votre mot :"
CV_JEU_PARI_AIDE = "le mot que vous devinez"
CV_JEU_TEMPERATURE = "Audace (température) :"
CV_JEU_TEMPERATURE_AIDE = ("Audace basse : le modèle prend presque toujours le mot le plus probable. Audace haute : "
                           "des mots rares ont plus de chances, le texte devient surprenant, parfois absurde.")
CV_JEU_VOIR = "Voir les mots du modèle"
CV_JEU_ECRIRE = "Écrire la suite"
CV_JEU_SANS_PARI = "Tapez d'abord le mot que vous devinez, puis appuyez sur « Voir les mots du modèle »."
CV_JEU_TROUVE = "Votre mot « {mot} » est n° {rang} pour le modèle : {chance} de chances d'être choisi."
CV_JEU_ABSENT = ("Votre mot « {mot} » n'est pas parmi les {n} mots les plus probables pour le modèle : il ne "
                 "l'aurait presque jamais choisi.")
CV_JEU_MOTS = "Les mots les plus probables (audace {temperature}) :"
CV_JEU_AUTRES = "Tous les autres mots ensemble : {chance}."
CV_JEU_SUITE = "Une suite écrite par le modèle (audace {temperature}) : {texte}"
CV_JEU_SAISIE = "Le jeu : {detail}"
CV_FIN_DE_PHRASE = "(fin de phrase)"
CV_JAMAIS_TITRE = "Ce qu'il ne faut jamais coller dans un chatbot en ligne"
CV_JAMAIS = ("votre numéro de sécurité sociale, de carte d'identité ou de passeport ;",
             "vos identifiants et mots de passe (CAF, France Travail, impôts, banque) et les codes reçus par SMS ;",
             "vos coordonnées bancaires (RIB, numéro de carte) ;",
             "ce qui touche à votre santé, ou à celle d'un proche ;",
             "les documents ou les informations d'une autre personne (un CV, un courrier, une pièce d'identité) ;",
             "l'adresse, le téléphone ou la situation des personnes que vous accompagnez.")
CV_JAMAIS_POURQUOI = ("Un chatbot en ligne envoie votre texte sur les ordinateurs d'une entreprise, souvent hors "
                      "d'Europe ; il peut le garder et s'en servir pour apprendre. Pour un CV, remplacez votre nom et "
                      "vos coordonnées par des exemples, et relisez tout avant de l'envoyer.")
