"""« Mon CV automatique » (module 09) : de quelques phrases simples sur ce qu'une personne a fait à des lignes de CV,
écrites de deux façons, et la vérification de ce que chaque ligne doit à ces phrases.

- :func:`competences_appuyees` : pour chaque phrase (« je tenais la caisse au marché »), les compétences du ROME
  qu'elle appuie, trouvées comme le moteur sémantique du module 04 les trouve (vecteurs e5 livrés : la phrase est
  une requête, ``query:`` ; la compétence, un passage) ;
- :func:`cv_par_recherche` : les lignes du CV dans les mots du ROME, chacune reliée à la phrase dont elle vient ;
- :func:`cv_par_generation` : les lignes écrites par le petit modèle génératif (:mod:`atelier.generation`), qui
  peuvent affirmer ce que la personne n'a jamais dit ;
- :func:`verifier_provenance` : chaque ligne marquée « appuyé sur ce que vous avez écrit » ou « inventé : à vérifier
  ou à supprimer », avec la phrase la plus proche, le rang de la ligne pour cette phrase et le seuil ;
- :func:`couverture` : pour un métier visé (une fiche ROME), ses compétences « cœur de métier » couvertes et
  manquantes.

La règle de la vérification, en une phrase pour une personne qui ne code pas : **pour chacune de vos phrases, la
machine classe les 10 095 compétences du répertoire des métiers de la plus ressemblante à la moins ressemblante ;
une ligne est « appuyée » si elle arrive dans les 0,75 % de tête (≈ 76 compétences) pour au moins une de vos
phrases, sinon elle est marquée « inventé »** (:data:`SEUIL_APPUI`). Le seuil a été choisi sur la partie « choix »
des lignes étiquetées de ``datasets/lignes_cv_etiquetees.csv`` et mesuré sur la partie « test » (voir
``lignes_cv_etiquetees.md`` et ``benchmarks/README.md``). Une similarité brute ne suffit pas : e5 donne 0,84 à
une ligne sans rapport et 0,85 à une ligne qui reprend la phrase ; le rang dans le répertoire, lui, les sépare.

Ce qu'une personne écrit n'est jamais écrit sur le disque : ses phrases et les lignes sont encodées sans cache.
"""
from __future__ import annotations

import re
import unicodedata

import numpy as np
import pandas as pd

from atelier import classement, data, embeddings, recommandation, vecteurs_livres
from atelier.erreurs import AtelierErreur, EntreeInvalide, en_liste
from atelier.nombres import nombre_fr

#: Au plus tant de phrases, de caractères par phrase et de caractères en tout.
MAX_PHRASES = 12
MAX_CARACTERES_PHRASE = 300
MAX_CARACTERES = 2_000
#: Une ligne est « appuyée » si, pour au moins une phrase, elle fait partie de cette première part des compétences
#: du ROME les plus proches de la phrase (voir :func:`verifier_provenance`) : 0,75 %, soit ≈ 76 des 10 095
#: compétences. Choisi sur la partie « choix » de ``datasets/lignes_cv_etiquetees.csv`` (144 lignes,
#: :func:`choisir_seuil` : indice de Youden 0,49 ; 0,48 à 1 %, 0,42 à 0,5 % et à 1,5 %), mesuré sur la partie
#: « test » (voir ``benchmarks/README.md``).
SEUIL_APPUI = 0.0075
APPUYE = "appuyé sur ce que vous avez écrit"
INVENTE = "inventé : à vérifier ou à supprimer"
#: La fiche ROME dont le recruteur robot du module 06 lit l'offre (« Chargé·e de communication »).
CODE_OFFRE_RECRUTEUR = "E1112"

COLONNES_COMPETENCES = ["phrase", "rang", "competence", "code_ogr", "similarite", "code_rome"]
COLONNES_LIGNES = ["ligne", "phrase_source", "similarite", "methode", "code_ogr", "amorce"]


# ------------------------------------------------------------------------------------------ ce qui est tapé

_BALISE = re.compile(r"<\s*/?\s*[a-zA-Z!?]|&[a-zA-Z#][a-zA-Z0-9]*;|javascript\s*:", flags=re.IGNORECASE)
_COUPURE = re.compile(r"[\n\r]+|(?<=[.!?;])\s+")
_MOT = re.compile(r"[a-zà-ÿœæ]+", flags=re.IGNORECASE)
#: Petits mots très fréquents, pour reconnaître une phrase écrite en français ou dans une autre langue.
MOTS_FRANCAIS = frozenset("je j ai le la les des du de et un une à au aux mes ma mon pour avec dans tous toutes chez "
                          "en sur il elle nous était suis sont mais ou où qui que ne pas plus fait fais faisais "
                          "tenais gardé aidé été".split())
MOTS_ETRANGERS = frozenset("the and i was my with for of to have worked at is in on el los las y con mi por para "
                           "una trabajé der die das und ich mit ein eine habe war il lo della sono ho".split())


def _garder_caractere(c: str) -> bool:
    """Lettres, chiffres, ponctuation et espaces ; pas les émojis ni les symboles."""
    return unicodedata.category(c)[0] in "LNPZ"


def nettoyer_phrases(phrases) -> list[str]:
    """Les phrases prêtes à être lues : un texte est coupé en phrases (retours à la ligne, points) ; espaces en
    trop, émojis et symboles retirés. Lève :class:`EntreeInvalide` (message en français, sans reprendre le texte)
    si c'est vide, trop long, du code (HTML, script) ou visiblement pas du français."""
    if phrases is None:
        raise EntreeInvalide("vous n'avez rien écrit : racontez en quelques phrases ce que vous avez fait.")
    if isinstance(phrases, str):
        if len(phrases) > MAX_CARACTERES:
            raise EntreeInvalide(f"le texte est trop long ({nombre_fr(len(phrases), 0)} caractères) : "
                                 f"{nombre_fr(MAX_CARACTERES, 0)} au plus. Gardez quelques phrases courtes.")
        phrases = _COUPURE.split(phrases)
    phrases = en_liste(phrases, "il faut une liste de phrases (ou un texte).")
    if not all(isinstance(p, str) for p in phrases):
        raise EntreeInvalide("chaque phrase doit être un texte.")
    if sum(len(p) for p in phrases) > MAX_CARACTERES:
        raise EntreeInvalide(f"le texte est trop long : {nombre_fr(MAX_CARACTERES, 0)} caractères au plus. "
                             "Gardez quelques phrases courtes.")
    if any(_BALISE.search(p) for p in phrases):
        raise EntreeInvalide("le texte contient du code (des balises comme <script> ou <b>) : écrivez seulement "
                             "des phrases, sans code.")
    propres = []
    for p in phrases:
        p = " ".join("".join(c if _garder_caractere(c) else " " for c in p).split()).strip(" -–•*")
        if any(c.isalpha() for c in p):
            propres.append(p)
    if not propres:
        raise EntreeInvalide("il n'y a aucune phrase avec des mots : racontez en quelques phrases ce que vous avez "
                             "fait (« je tenais la caisse au marché »).")
    if len(propres) > MAX_PHRASES:
        raise EntreeInvalide(f"il y a {len(propres)} phrases : {MAX_PHRASES} au plus. Gardez les plus importantes.")
    if any(len(p) > MAX_CARACTERES_PHRASE for p in propres):
        raise EntreeInvalide(f"une phrase dépasse {MAX_CARACTERES_PHRASE} caractères : coupez-la en phrases plus "
                             "courtes.")
    mots = [m.lower() for p in propres for m in _MOT.findall(p)]
    francais = sum(m in MOTS_FRANCAIS for m in mots)
    etrangers = sum(m in MOTS_ETRANGERS for m in mots)
    if etrangers >= 2 and etrangers > francais:
        raise EntreeInvalide("ces phrases ne semblent pas écrites en français : l'outil compare au répertoire des "
                             "métiers français (ROME), écrivez-les en français, même simplement.")
    return propres


def verifier_fiche(code_rome) -> str:
    """Le code ROME s'il existe (« K1303 »), sinon :class:`EntreeInvalide`."""
    code = str(code_rome or "").strip().upper()[:10]
    if code not in set(data.fiches()["code_rome"]):
        raise EntreeInvalide("ce métier n'existe pas dans le ROME : choisissez une fiche par son code "
                             "(une lettre et quatre chiffres, par exemple K1303 « Garde d'enfant »).")
    return code


# ------------------------------------------------------------------------------------------ les vecteurs

def _vecteurs_phrases(phrases: list[str]) -> np.ndarray:
    """Vecteurs e5 des phrases de la personne (« query: ») : ceux du moteur sémantique du module 04, gardés en
    mémoire vive le temps du noyau (une phrase déjà lue n'est pas ré-encodée), jamais sur le disque."""
    return recommandation.vecteurs_morceaux(list(phrases))


def _index_competences() -> dict[str, int]:
    codes, _ = vecteurs_livres.vecteurs_competences()
    return {c: i for i, c in enumerate(codes.tolist())}


def _libelles() -> pd.Series:
    return recommandation.moteur().libelles


def _par_libelle() -> dict[str, str]:
    """Libellé d'une compétence cœur de métier → son code OGR."""
    return {l: c for c, l in recommandation.coeur_des_fiches().libelles.items()}


def _vecteurs_lignes(lignes: list[str]) -> np.ndarray:
    """Vecteurs « passage: » des lignes : celui livré pour un libellé du ROME tel quel, sinon calculé sans cache."""
    par_libelle = _par_libelle()
    rang = _index_competences()
    _, vecteurs = vecteurs_livres.vecteurs_competences()
    out = np.zeros((len(lignes), vecteurs.shape[1]), dtype=np.float32)
    a_calculer = []
    for i, l in enumerate(lignes):
        code = par_libelle.get(l)
        if code is not None and code in rang:
            out[i] = vecteurs[rang[code]]
        else:
            a_calculer.append(i)
    if a_calculer:
        out[a_calculer] = embeddings.encode([lignes[i] for i in a_calculer], prefixe="passage", cache=False)
    return out


# ------------------------------------------------------------------------------------------ la recherche

def competences_appuyees(phrases, k: int = 3) -> pd.DataFrame:
    """Pour chaque phrase, ``k`` compétences du ROME qu'elle appuie, trouvées comme le moteur sémantique du
    module 04 les trouve : la phrase (requête « query: ») classe les fiches par le score de
    ``recommandation.recommander`` (ses deux compétences cœur de métier les plus proches, son intitulé), puis, dans
    chacune des ``k`` premières fiches, la compétence cœur de métier la plus proche
    (``recommandation.competence_proche``). Passer par les fiches évite les compétences « passe-partout » qu'une
    recherche directe parmi 11 000 compétences ramène (« Gérer … au quotidien »).

    Colonnes : ``phrase``, ``rang``, ``competence`` (libellé), ``code_ogr``, ``similarite`` (cosinus e5 entre la
    phrase et la compétence), ``code_rome`` (la fiche par laquelle elle a été trouvée). Une compétence trouvée par
    deux fiches n'est gardée qu'une fois ; ex aequo départagés par l'ordre des fiches."""
    phrases = nettoyer_phrases(phrases)
    try:
        k = max(1, min(int(k), 20))
    except (TypeError, ValueError):
        raise EntreeInvalide(f"k doit être un nombre entier, pas {k!r}.") from None
    fiches = data.fiches()["code_rome"].to_numpy()
    libelles = _libelles()
    par_libelle = _par_libelle()
    lignes = []
    for phrase, q in zip(phrases, _vecteurs_phrases(phrases)):
        scores = recommandation.scores_depuis_vecteurs(q.reshape(1, -1))
        vus: set[str] = set()
        for i in classement.premiers(scores, 4 * k):
            libelle, sim = recommandation.competence_proche(q, int(i))
            code = par_libelle[libelle]
            if code in vus:
                continue
            vus.add(code)
            lignes.append({"phrase": phrase, "rang": len(vus), "competence": libelles[code], "code_ogr": code,
                           "similarite": sim, "code_rome": str(fiches[i])})
            if len(vus) == k:
                break
    return pd.DataFrame(lignes, columns=COLONNES_COMPETENCES)


def cv_par_recherche(phrases, k: int = 2) -> pd.DataFrame:
    """Les lignes du CV dans les mots du ROME : pour chaque phrase, ses ``k`` compétences trouvées par
    :func:`competences_appuyees`, chacune une seule fois (reliée à la phrase qui lui ressemble le plus).
    Colonnes : ``ligne``, ``phrase_source``, ``similarite``, ``methode`` (« recherche »), ``code_ogr``,
    ``amorce`` (vide)."""
    trouve = competences_appuyees(phrases, k)
    garde = trouve.sort_values(["similarite", "code_ogr"], ascending=[False, True]).drop_duplicates("code_ogr")
    ordre = {p: i for i, p in enumerate(dict.fromkeys(trouve["phrase"]))}
    garde = garde.assign(_o=garde["phrase"].map(ordre)).sort_values(["_o", "rang"])
    return pd.DataFrame({"ligne": garde["competence"].to_numpy(), "phrase_source": garde["phrase"].to_numpy(),
                         "similarite": garde["similarite"].to_numpy(dtype=float), "methode": "recherche",
                         "code_ogr": garde["code_ogr"].to_numpy(), "amorce": ""}, columns=COLONNES_LIGNES)


# ------------------------------------------------------------------------------------------ la génération

def _generateur_par_defaut():
    try:
        from atelier import generation
    except ImportError:
        raise AtelierErreur("le petit modèle génératif (atelier.generation) n'est pas installé : seule l'écriture "
                            "par recherche est possible.") from None
    return generation.generer


_MOTS_OUTILS = frozenset("le la les l' un une des de du d' et à au aux en sur pour par avec ses son sa leur "
                        "leurs".split())


def _amorce(libelle: str, max_mots: int = 4) -> str:
    """Le début d'un libellé de compétence : le verbe et les mots suivants jusqu'au premier mot plein
    (« Organiser et animer des activités » → « Organiser et animer » ; « Gérer les temps de repos » → « Gérer
    les temps » ; « Accompagner l'enfant dans… » → « Accompagner l'enfant »)."""
    mots = str(libelle).split()
    garde = mots[:1]
    for m in mots[1:max_mots]:
        garde.append(m)
        if m.lower() not in _MOTS_OUTILS and not m.lower().endswith("'"):
            break
    return " ".join(garde)


def amorces(phrases, fiche_cible: str, n: int = 6, trouvees: list[str] | None = None) -> list[str]:
    """Les débuts de lignes donnés au modèle : à tour de rôle, le début d'une compétence cœur de métier du métier
    visé (les mots que le recruteur attend) et le début d'une compétence trouvée dans les phrases (``trouvees`` :
    leurs libellés, s'ils sont déjà connus)."""
    code = verifier_fiche(fiche_cible)
    coeur = recommandation.coeur_des_fiches()
    cibles = [coeur.libelles[c] for c in coeur.liens.loc[coeur.liens["code_rome"] == code, "code_ogr"]]
    if trouvees is None:
        trouvees = competences_appuyees(phrases, 1)["competence"].tolist()
    out: list[str] = []
    for a, b in zip(cibles + [""] * n, trouvees + [""] * n):
        for libelle in (a, b):
            if libelle and _amorce(libelle) not in out:
                out.append(_amorce(libelle))
        if len(out) >= n:
            break
    return out[:n]


def _propre(amorce: str, texte: str, n_mots: int) -> str:
    """Une ligne lisible : l'amorce en tête (si le modèle ne l'a pas répétée), coupée à la première fin de
    phrase, sans espaces en trop, la première lettre en capitale."""
    texte = " ".join(str(texte).split())
    if not texte.lower().startswith(amorce.lower()):
        texte = f"{amorce} {texte}"
    texte = re.split(r"(?<=[.!?;])\s|\s[•|]\s", texte)[0].strip(" .;,")
    mots = texte.split()[: len(amorce.split()) + n_mots]
    texte = " ".join(mots)
    return texte[:1].upper() + texte[1:]


def cv_par_generation(phrases, fiche_cible: str, graine: int = 0, generateur=None, n_lignes: int = 6,
                      n_mots: int = 10, temperature: float = 0.8, modele: str | None = None,
                      trouvees: list[str] | None = None) -> pd.DataFrame:
    """Les lignes écrites par le petit modèle génératif, à partir d'amorces (:func:`amorces`) : le début d'une
    compétence du métier visé ou d'une compétence trouvée dans les phrases. Le modèle écrit une suite
    vraisemblable, pas une suite vraie : une ligne peut affirmer ce que la personne n'a jamais dit.

    ``trouvees`` : les libellés de compétences déjà trouvés dans les phrases (sinon, cherchés).
    ``generateur`` : une fonction ``(debut, n_mots=, temperature=, graine=) -> str`` (par défaut
    ``atelier.generation.generer`` ; les tests en donnent une fausse). Colonnes : celles de
    :func:`cv_par_recherche`, ``phrase_source`` vide et ``similarite`` NaN (le modèle ne dit pas d'où vient une
    ligne : c'est :func:`verifier_provenance` qui le cherche), ``methode`` « generation »."""
    phrases = nettoyer_phrases(phrases)
    try:
        graine, n_lignes, n_mots, temperature = int(graine), int(n_lignes), int(n_mots), float(temperature)
    except (TypeError, ValueError):
        raise EntreeInvalide("graine, n_lignes et n_mots sont des nombres entiers ; temperature, un nombre.") from None
    generateur = generateur or _generateur_par_defaut()
    options = {} if modele is None else {"modele": modele}
    lignes = []
    for i, debut in enumerate(amorces(phrases, fiche_cible, n_lignes, trouvees)):
        texte = generateur(debut, n_mots=n_mots, temperature=temperature, graine=graine + i, **options)
        ligne = _propre(debut, texte, n_mots)
        if ligne and ligne not in {x["ligne"] for x in lignes}:
            lignes.append({"ligne": ligne, "phrase_source": "", "similarite": np.nan, "methode": "generation",
                           "code_ogr": "", "amorce": debut})
    return pd.DataFrame(lignes, columns=COLONNES_LIGNES)


# ------------------------------------------------------------------------------------------ la provenance

def parts_plus_proches(requetes: np.ndarray, cibles: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """Pour chaque requête (vecteur « query: ») et chaque cible (vecteur « passage: ») : la similarité cosinus, et la
    **part des compétences du ROME plus proches de la requête que la cible** (0 : rien n'est plus proche ; 0,01 :
    1 % des compétences le sont). Une similarité brute ne veut rien dire seule (e5 donne 0,84 à une phrase sans
    rapport, 0,86 à une phrase qui appuie la ligne) ; cette part, elle, compare la ligne à tout le répertoire.
    Renvoie ``(similarites, parts)``, deux tableaux ``(n_requetes, n_cibles)``."""
    _, vecteurs = vecteurs_livres.vecteurs_competences()
    requetes = np.atleast_2d(np.asarray(requetes, np.float32))
    sims = requetes @ np.atleast_2d(np.asarray(cibles, np.float32)).T
    parts = np.empty_like(sims, dtype=float)
    for i, q in enumerate(requetes):
        repertoire = np.sort(vecteurs @ q)
        parts[i] = 1 - np.searchsorted(repertoire, sims[i], side="right") / len(repertoire)
    return sims, parts


def explication(ligne_appuyee: bool, phrase: str, part: float, seuil: float = SEUIL_APPUI) -> str:
    """La raison de la marque, en une phrase."""
    p, t = pourcentage(part), pourcentage(seuil)
    if ligne_appuyee:
        return (f"Pour votre phrase « {phrase} », cette ligne est parmi les {p} de compétences du ROME qui lui "
                f"ressemblent le plus (il faut être dans les {t}).")
    return (f"Aucune de vos phrases ne l'appuie : même pour la plus proche, « {phrase} », {p} des compétences du "
            f"ROME lui ressemblent davantage (il faudrait être dans les {t}).")


def pourcentage(part: float) -> str:
    """0,0123 → « 1,2 % » ; 0,0075 → « 0,75 % » ; moins de 0,01 % → « moins de 0,01 % »."""
    if part < 0.0001:
        return "moins de 0,01 %"
    return f"{nombre_fr(100 * part, 2 if part < 0.01 else 1)} %"


def verifier_provenance(lignes, phrases, seuil: float = SEUIL_APPUI) -> pd.DataFrame:
    """Chaque ligne marquée « appuyé sur ce que vous avez écrit » ou « inventé : à vérifier ou à supprimer ».

    La règle, en une phrase : **une ligne est appuyée si, pour au moins une de vos phrases, elle fait partie des
    compétences du ROME qui ressemblent le plus à cette phrase (la première part** ``seuil`` **du répertoire,
    0,75 % par défaut) ; sinon elle est marquée « inventé »**. Ressembler : similarité cosinus e5, la phrase comme
    requête, la ligne comme passage (la lecture de :func:`competences_appuyees`).

    ``lignes`` : un tableau de :func:`cv_par_recherche` / :func:`cv_par_generation` (colonne ``ligne``) ou une
    liste de textes. Colonnes : ``ligne``, ``methode``, ``marque``, ``appuyee``, ``phrase_proche``, ``part``
    (part du répertoire plus proche de cette phrase que la ligne), ``similarite``, ``seuil``, ``explication``."""
    phrases = nettoyer_phrases(phrases)
    if isinstance(lignes, pd.DataFrame):
        methodes = lignes["methode"].tolist() if "methode" in lignes else [""] * len(lignes)
        lignes = lignes["ligne"].tolist()
    else:
        lignes = en_liste(lignes, "il faut une liste de lignes de CV.")
        methodes = [""] * len(lignes)
    if not all(isinstance(l, str) and l.strip() for l in lignes):
        raise EntreeInvalide("chaque ligne de CV doit être un texte non vide.")
    colonnes = ["ligne", "methode", "marque", "appuyee", "phrase_proche", "part", "similarite", "seuil",
                "explication"]
    if not lignes:
        return pd.DataFrame(columns=colonnes)
    sims, parts = parts_plus_proches(_vecteurs_phrases(phrases), _vecteurs_lignes(lignes))   # (phrases × lignes)
    j = parts.argmin(axis=0)                       # ex aequo : la première phrase
    colonne = np.arange(len(lignes))
    part, sim = parts[j, colonne], sims[j, colonne].astype(float)
    appuyee = part <= seuil
    return pd.DataFrame({
        "ligne": lignes, "methode": methodes, "marque": np.where(appuyee, APPUYE, INVENTE), "appuyee": appuyee,
        "phrase_proche": [phrases[i] for i in j], "part": part, "similarite": sim, "seuil": float(seuil),
        "explication": [explication(a, phrases[i], x, seuil) for a, i, x in zip(appuyee, j, part)]},
        columns=colonnes)


#: Les seuils essayés par :func:`choisir_seuil` : de 0,1 % à 5 % du répertoire.
GRILLE_SEUILS = (0.001, 0.002, 0.003, 0.005, 0.0075, 0.01, 0.015, 0.02, 0.03, 0.04, 0.05)


def choisir_seuil(parts, inventees, grille=GRILLE_SEUILS) -> dict:
    """Le seuil qui sépare le mieux les lignes inventées des lignes appuyées (étiquettes ``inventees``, booléens ;
    ``parts`` : la colonne ``part`` de :func:`verifier_provenance`) : celui qui maximise rappel(« inventé ») +
    rappel(« appuyé ») − 1 (indice de Youden, qui ne dépend pas de la part de lignes inventées de l'échantillon) ;
    ex aequo : le plus grand (on marque moins de lignes vraies comme inventées). Renvoie ``seuil``, ``youden``,
    ``rappel_invente``, ``rappel_appuye``."""
    x = np.asarray(parts, dtype=float)
    inv = np.asarray(inventees, dtype=bool)
    if not inv.any() or inv.all():
        raise EntreeInvalide("il faut des lignes des deux sortes (inventées et appuyées) pour choisir un seuil.")
    meilleur = None
    for t in grille:
        r_inv = float((x[inv] > t).mean())
        r_app = float((x[~inv] <= t).mean())
        j = r_inv + r_app - 1
        if meilleur is None or j >= meilleur["youden"] - 1e-12:
            meilleur = {"seuil": float(t), "youden": j, "rappel_invente": r_inv, "rappel_appuye": r_app}
    return meilleur


# ------------------------------------------------------------------------------------------ la couverture

def couverture(lignes_ou_competences, code_rome: str, seuil: float = SEUIL_APPUI) -> pd.DataFrame:
    """Les compétences cœur de métier de la fiche ``code_rome`` : couvertes par le CV ou manquantes.

    ``lignes_ou_competences`` : des codes OGR ou libellés exacts du ROME (une compétence est couverte si elle y
    figure), ou des lignes de CV en texte libre (un tableau de :func:`cv_par_recherche` ou
    :func:`cv_par_generation`, une liste de textes, les phrases mêmes de la personne). Une compétence est aussi
    couverte quand elle fait partie, pour au moins une ligne, des compétences du ROME les plus proches (la même
    règle que :func:`verifier_provenance`, même ``seuil``). Colonnes : ``competence``, ``code_ogr``, ``couverte``,
    ``ligne_proche``, ``part``, ``similarite`` ; les couvertes d'abord, puis les plus proches."""
    code = verifier_fiche(code_rome)
    if isinstance(lignes_ou_competences, pd.DataFrame):
        elements = lignes_ou_competences["ligne"].tolist()
    else:
        elements = en_liste(lignes_ou_competences, "il faut une liste de lignes ou de compétences.")
    elements = [str(e).strip()[:MAX_CARACTERES_PHRASE] for e in elements if str(e).strip()][:50]
    coeur = recommandation.coeur_des_fiches()
    liens = coeur.liens[coeur.liens["code_rome"] == code]
    codes = liens["code_ogr"].tolist()
    _, vecteurs = vecteurs_livres.vecteurs_competences()
    libelles = _libelles()
    par_libelle = _par_libelle()
    donnes = {e if e in libelles.index else par_libelle.get(e, "") for e in elements}
    exacte = np.array([c in donnes for c in codes])
    if elements:
        requetes = _vecteurs_phrases(elements)
        sims, parts = parts_plus_proches(requetes, vecteurs[coeur.ligne[liens.index.to_numpy()]])
        j = parts.argmin(axis=0)
        colonne = np.arange(len(codes))
        part, sim = np.where(exacte, 0.0, parts[j, colonne]), np.where(exacte, 1.0, sims[j, colonne])
        proche = [elements[i] for i in j]
    else:
        part, sim, proche = np.ones(len(codes)), np.full(len(codes), np.nan), [""] * len(codes)
    out = pd.DataFrame({"competence": [libelles[c] for c in codes], "code_ogr": codes,
                        "couverte": exacte | (part <= seuil), "ligne_proche": proche, "part": part,
                        "similarite": sim.astype(float)})
    return out.sort_values(["couverte", "part", "code_ogr"], ascending=[False, True, True]).reset_index(drop=True)
