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
