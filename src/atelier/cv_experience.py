"""« Mon CV automatique » mesuré (module 09) : la vérification de provenance sur des lignes étiquetées, et la boucle
avec le recruteur robot du module 06 sur des personas fictifs.

- :func:`lignes_etiquetees` et :func:`mesurer_provenance` : les lignes générées de
  ``datasets/lignes_cv_etiquetees.csv`` (« appuyé » / « inventé », étiquetées en les lisant) ; précision et rappel
  de la marque « inventé », avec leurs intervalles de Wilson (:mod:`atelier.statistiques`) ;
- :func:`experience_personas` : pour chaque persona de ``datasets/personas_cv.csv``, quatre CV (ses phrases telles
  quelles, le CV par recherche, le CV « mots-clés » écrit par le modèle génératif, et ce même CV sans ses lignes
  marquées « inventé », complété par le CV par recherche) notés par le recruteur robot pour le métier visé ;
- :func:`resumer_experience` : les différences appariées de score, avec un intervalle *bootstrap* et un test de
  permutation apparié, comme l'audit du module 06 (:func:`atelier.recrutement.resumer_audit`).

Le recruteur robot note un CV comme au module 06 : similarité cosinus entre l'offre (requête, « query: ») et le CV
(passage), × 100 (:func:`atelier.recrutement.tri.scores_textes`). Pour la fiche E1112 (« Chargé / Chargée de
communication »), l'offre est celle du module 06 ; pour une autre fiche, une offre est écrite à partir de la
fiche (:func:`offre_fiche` : intitulé, définition, compétences cœur de métier). Tout est fictif.
"""
from __future__ import annotations

import functools

import numpy as np
import pandas as pd

from atelier import cv_automatique, data, embeddings, recommandation, statistiques
from atelier.erreurs import EntreeInvalide
from atelier.nombres import nombre_fr, nombre_signe
from atelier.recrutement import tri
from atelier.recrutement.audit_testing import texte_p

FICHIER_PERSONAS = "personas_cv.csv"
COLONNES_PERSONAS = ("id", "phrases", "code_rome_cible", "profil")
FICHIER_LIGNES = "lignes_cv_etiquetees.csv"
COLONNES_LIGNES = ("id", "persona", "split", "modele", "amorce", "ligne", "etiquette", "raison")
ETIQUETTES = ("appuyé", "inventé")
SPLITS = ("choix", "test")
#: Les quatre CV de chaque persona, et leur nom en français courant.
VERSIONS = {"simple": "ses phrases telles quelles", "recherche": "CV par recherche (mots du ROME)",
            "generation": "CV « mots-clés » écrit par le modèle",
            "verifie": "CV écrit par le modèle, lignes inventées retirées"}
#: Les comparaisons appariées résumées : (version B, version A) → différence B − A.
COMPARAISONS = (("recherche", "simple"), ("generation", "simple"), ("verifie", "simple"),
                ("generation", "verifie"))


# ------------------------------------------------------------------------------------------ les données

def personas() -> pd.DataFrame:
    """Les personas : ``id``, ``phrases`` (liste de phrases), ``code_rome_cible``, ``profil``."""
    table = data.lire_table_lecon(FICHIER_PERSONAS, COLONNES_PERSONAS)
    inconnues = sorted(set(table["code_rome_cible"]) - set(data.fiches()["code_rome"]))
    if inconnues or not table["id"].is_unique:
        raise data.fichier_lecon_abime(FICHIER_PERSONAS, "est abîmé (fiche inconnue ou identifiant en double)")
    table["phrases"] = [[p.strip() for p in t.split("|") if p.strip()] for t in table["phrases"]]
    return table


def lignes_etiquetees(split: str | None = None) -> pd.DataFrame:
    """Les lignes générées étiquetées (``split`` : « choix », « test » ou ``None``), avec les phrases de leur
    persona (colonne ``phrases``) et ``inventee`` (booléen)."""
    if split not in (None, *SPLITS):
        raise EntreeInvalide(f"split doit valoir « choix », « test » ou None, pas {split!r}.")
    table = data.lire_table_lecon(FICHIER_LIGNES, COLONNES_LIGNES)
    if not set(table["etiquette"]) <= set(ETIQUETTES) or not set(table["split"]) <= set(SPLITS):
        raise data.fichier_lecon_abime(FICHIER_LIGNES, "est abîmé (étiquette ou partie inconnue)")
    phrases = personas().set_index("id")["phrases"]
    if not set(table["persona"]) <= set(phrases.index):
        raise data.fichier_lecon_abime(FICHIER_LIGNES, "est abîmé (persona inconnu)")
    table["phrases"] = table["persona"].map(phrases)
    table["inventee"] = table["etiquette"] == "inventé"
    return table if split is None else table[table["split"] == split].reset_index(drop=True)


# ------------------------------------------------------------------------------------------ la provenance mesurée

def parts_lignes(table: pd.DataFrame) -> np.ndarray:
    """La colonne ``part`` de :func:`cv_automatique.verifier_provenance` pour chaque ligne étiquetée (les lignes
    d'un même persona vérifiées ensemble)."""
    parts = np.full(len(table), np.nan)
    for _, groupe in table.groupby("persona", sort=True):
        verif = cv_automatique.verifier_provenance(groupe["ligne"].tolist(), groupe["phrases"].iloc[0], seuil=1.0)
        parts[groupe.index.to_numpy()] = verif["part"].to_numpy()
    return parts


def mesurer_provenance(table: pd.DataFrame, seuil: float = cv_automatique.SEUIL_APPUI,
                       parts: np.ndarray | None = None) -> dict:
    """Précision et rappel de la marque « inventé » sur des lignes étiquetées, avec leurs IC 95 % de Wilson.

    Précision : parmi les lignes marquées « inventé », la part vraiment inventées ; rappel : parmi les lignes
    vraiment inventées, la part marquées ; lignes vraies gardées : parmi les lignes « appuyé », la part non
    marquées (spécificité). Repère : marquer **toutes** les lignes « inventé » aurait une précision égale à la
    part de lignes inventées (``precision_tout_marquer``) et un rappel de 1 ; la vérification n'est utile que si
    elle fait mieux que ce repère sur la précision tout en gardant des lignes vraies.

    Renvoie ``n``, ``n_inventees``, ``vrais_positifs``, ``faux_positifs``, ``faux_negatifs``, ``vrais_negatifs``,
    ``precision`` et ``precision_ic``, ``rappel`` et ``rappel_ic``, ``gardees`` et ``gardees_ic``,
    ``precision_tout_marquer``, ``seuil``."""
    table = table.reset_index(drop=True)
    parts = parts_lignes(table) if parts is None else np.asarray(parts, dtype=float)
    marquee = parts > seuil
    vraie = table["inventee"].to_numpy(dtype=bool)
    vp, fp, fn = int((marquee & vraie).sum()), int((marquee & ~vraie).sum()), int((~marquee & vraie).sum())
    vn = int((~marquee & ~vraie).sum())

    def part(a, b):
        return a / b if b else float("nan")

    return {"n": len(table), "n_inventees": int(vraie.sum()), "vrais_positifs": vp, "faux_positifs": fp,
            "faux_negatifs": fn, "vrais_negatifs": vn,
            "precision": part(vp, vp + fp), "precision_ic": statistiques.intervalle_wilson(vp, vp + fp),
            "rappel": part(vp, vp + fn), "rappel_ic": statistiques.intervalle_wilson(vp, vp + fn),
            "gardees": part(vn, vn + fp), "gardees_ic": statistiques.intervalle_wilson(vn, vn + fp),
            "precision_tout_marquer": part(int(vraie.sum()), len(table)), "seuil": float(seuil)}


def phrase_mesure(m: dict) -> str:
    """La mesure en français courant."""
    def pc(x):
        return f"{nombre_fr(100 * x, 0)} %"
    return (f"Sur {m['n']} lignes ({m['n_inventees']} inventées), la marque « inventé » a raison {pc(m['precision'])} "
            f"du temps (IC 95 % {pc(m['precision_ic'][0])} à {pc(m['precision_ic'][1])} ; tout marquer « inventé » "
            f"aurait raison {pc(m['precision_tout_marquer'])} du temps) et attrape {pc(m['rappel'])} des lignes "
            f"inventées (IC 95 % {pc(m['rappel_ic'][0])} à {pc(m['rappel_ic'][1])}) ; elle laisse passer "
            f"{m['vrais_negatifs']} des {m['vrais_negatifs'] + m['faux_positifs']} lignes vraies.")


# ------------------------------------------------------------------------------------------ le recruteur robot

def offre_fiche(code_rome: str) -> str:
    """L'offre que lit le recruteur robot pour une fiche : celle du module 06 pour E1112, sinon une offre écrite à
    partir de la fiche (intitulé, définition, compétences cœur de métier)."""
    code = cv_automatique.verifier_fiche(code_rome)
    if code == cv_automatique.CODE_OFFRE_RECRUTEUR:
        return tri.offre()
    textes = data.textes_fiches().set_index("code_rome")
    coeur = recommandation.coeur_des_fiches()
    competences = [coeur.libelles[c] for c in coeur.liens.loc[coeur.liens["code_rome"] == code, "code_ogr"]]
    return (f"{textes.loc[code, 'intitule']} (F/H)\n\nMissions : {textes.loc[code, 'definition']}\n\n"
            f"Compétences attendues : {' ; '.join(competences)}.")


@functools.lru_cache(maxsize=64)
def _vecteur_offre(code_rome: str) -> np.ndarray:
    return embeddings.encode([offre_fiche(code_rome)], prefixe="query", cache=False)[0]


def scores_recruteur(textes: list[str], code_rome: str) -> np.ndarray:
    """Le score du recruteur robot (sur 100) de chaque texte de CV pour le métier ``code_rome`` ; rien n'est gardé
    sur le disque (``atelier=False``)."""
    code = cv_automatique.verifier_fiche(code_rome)
    textes = [t if t.strip() else " " for t in textes]
    if code == cv_automatique.CODE_OFFRE_RECRUTEUR:
        return tri.scores_textes(textes, atelier=False)
    v = embeddings.encode(textes, prefixe="passage", cache=False)
    return np.round(tri.ECHELLE * (v @ _vecteur_offre(code)).astype(float), tri.DECIMALES_SCORE)


def _texte(lignes) -> str:
    return "\n".join(lignes)


def cv_persona(phrases: list[str], code_rome: str, graine: int = 0, generateur=None) -> dict[str, pd.DataFrame]:
    """Les lignes des quatre versions du CV d'une personne (voir :data:`VERSIONS`) et la vérification des lignes
    générées (clé ``verification``)."""
    recherche = cv_automatique.cv_par_recherche(phrases)
    premieres = recherche.drop_duplicates("phrase_source")["ligne"].tolist()
    generation = cv_automatique.cv_par_generation(phrases, code_rome, graine=graine, generateur=generateur,
                                                  trouvees=premieres)
    verification = cv_automatique.verifier_provenance(generation, phrases)
    gardees = generation[verification["appuyee"].to_numpy()]
    verifie = pd.concat([recherche, gardees], ignore_index=True).drop_duplicates("ligne")
    simple = pd.DataFrame({"ligne": list(phrases)})
    return {"simple": simple, "recherche": recherche, "generation": generation, "verifie": verifie,
            "verification": verification}


def experience_personas(table: pd.DataFrame | None = None, graine: int = 0, generateur=None) -> pd.DataFrame:
    """Pour chaque persona : le score du recruteur robot de ses quatre CV pour son métier visé, et ce que le CV
    écrit par le modèle invente. Colonnes : ``id``, ``code_rome``, ``profil``, ``score_simple``,
    ``score_recherche``, ``score_generation``, ``score_verifie``, ``n_generees``, ``n_inventees`` (lignes
    générées marquées « inventé » par la vérification), ``part_inventee``."""
    table = personas() if table is None else table
    lignes, textes = [], []
    for r in table.itertuples(index=False):
        cvs = cv_persona(r.phrases, r.code_rome_cible, graine=graine, generateur=generateur)
        textes.append([_texte(cvs[v]["ligne"]) for v in VERSIONS])
        n_gen = len(cvs["generation"])
        n_inv = int((~cvs["verification"]["appuyee"]).sum()) if n_gen else 0
        lignes.append({"id": r.id, "code_rome": r.code_rome_cible, "profil": r.profil,
                       "n_generees": n_gen, "n_inventees": n_inv, "part_inventee": n_inv / n_gen if n_gen else 0.0})
    out = pd.DataFrame(lignes)
    for code in out["code_rome"].unique():      # un lot d'encodage par métier visé
        ou = np.flatnonzero(out["code_rome"].to_numpy() == code)
        scores = scores_recruteur([t for i in ou for t in textes[i]], code).reshape(len(ou), len(VERSIONS))
        for j, v in enumerate(VERSIONS):
            out.loc[ou, f"score_{v}"] = scores[:, j]
    return out[["id", "code_rome", "profil", *[f"score_{v}" for v in VERSIONS], "n_generees", "n_inventees",
                "part_inventee"]]


def resumer_experience(experience: pd.DataFrame, n_bootstrap: int = statistiques.N_BOOTSTRAP,
                       n_permutations: int = statistiques.N_PERMUTATIONS) -> pd.DataFrame:
    """Une ligne par comparaison appariée (:data:`COMPARAISONS`) : ``b``, ``a``, ``n``, ``moyenne`` (B − A, en
    points), ``ic_bas``/``ic_haut`` (IC 95 % *bootstrap*), ``p`` (permutation appariée), ``n_gagne`` (personas
    dont B dépasse A), ``phrase`` ; et une dernière ligne ``b`` = « inventees » : la part des lignes générées
    marquées « inventé », toutes personas confondues, avec son IC de Wilson."""
    lignes = []
    for b, a in COMPARAISONS:
        d = (experience[f"score_{b}"] - experience[f"score_{a}"]).to_numpy(dtype=float)
        bas, haut = statistiques.ic_bootstrap(d, n=n_bootstrap)
        p = statistiques.test_permutation_apparie(d, n=n_permutations)
        moyenne = float(d.mean())
        sens = "plus haut" if moyenne > 0 else "plus bas"
        phrase = (f"{VERSIONS[b][:1].upper()}{VERSIONS[b][1:]} : score {sens} de {nombre_fr(abs(moyenne), 1)} "
                  f"point(s) en moyenne que « {VERSIONS[a]} » (IC 95 % {nombre_signe(bas, 1)} à "
                  f"{nombre_signe(haut, 1)} ; {texte_p(p)} ; {len(d)} personas ; plus haut pour "
                  f"{int((d > 0).sum())}).")
        lignes.append({"b": b, "a": a, "n": len(d), "moyenne": moyenne, "ic_bas": bas, "ic_haut": haut, "p": p,
                       "n_gagne": int((d > 0).sum()), "phrase": phrase})
    n_inv, n_gen = int(experience["n_inventees"].sum()), int(experience["n_generees"].sum())
    bas, haut = statistiques.intervalle_wilson(n_inv, n_gen)
    part = n_inv / n_gen if n_gen else float("nan")
    lignes.append({"b": "inventees", "a": "", "n": n_gen, "moyenne": part, "ic_bas": bas, "ic_haut": haut,
                   "p": float("nan"), "n_gagne": int((experience["n_inventees"] > 0).sum()),
                   "phrase": f"{n_inv} lignes générées sur {n_gen} sont marquées « inventé » "
                             f"({nombre_fr(100 * part, 0)} %, IC 95 % {nombre_fr(100 * bas, 0)} à "
                             f"{nombre_fr(100 * haut, 0)} %) ; {int((experience['n_inventees'] > 0).sum())} CV "
                             f"sur {len(experience)} en contiennent au moins une."})
    return pd.DataFrame(lignes)


def rangs_offre_06(experience: pd.DataFrame) -> pd.DataFrame:
    """Pour les personas qui visent l'offre du module 06 (fiche E1112) : le rang de chacun de leurs CV parmi les
    40 CV fictifs du module 06 (inchangés), et s'il serait présélectionné (les
    :data:`~atelier.recrutement.tri.TAILLE_PRESELECTION` premiers). Colonnes : ``id``, puis ``rang_<version>`` et
    ``retenu_<version>`` pour chaque version de :data:`VERSIONS`."""
    sous = experience[experience["code_rome"] == cv_automatique.CODE_OFFRE_RECRUTEUR]
    tous = tri.classement()
    lignes = []
    for r in sous.itertuples(index=False):
        ligne = {"id": r.id}
        for v in VERSIONS:
            rang = tri.rang_parmi(getattr(r, f"score_{v}"), r.id, tous)
            ligne[f"rang_{v}"], ligne[f"retenu_{v}"] = rang, rang <= tri.TAILLE_PRESELECTION
        lignes.append(ligne)
    return pd.DataFrame(lignes, columns=["id", *[f"{c}_{v}" for v in VERSIONS for c in ("rang", "retenu")]])


def conclusions(experience: pd.DataFrame, resume: pd.DataFrame) -> list[str]:
    """Les trois réponses de l'expérience, en français courant : qui gagne à un CV écrit par la machine, qui perd
    sans outil, ce que risque une personne honnête. ``resume`` : le résultat de :func:`resumer_experience`."""
    r = resume.set_index(["b", "a"])
    gen, rech = r.loc[("generation", "simple")], r.loc[("recherche", "simple")]
    inv = resume[resume["b"] == "inventees"].iloc[0]
    gain = (experience["score_generation"] - experience["score_simple"]).groupby(experience["profil"]).mean()
    par_profil = " ; ".join(f"{nombre_signe(v, 1)} point(s) pour une {k}" for k, v in gain.sort_values().items())

    def ic(ligne):
        return f"IC 95 % {nombre_signe(ligne['ic_bas'], 1)} à {nombre_signe(ligne['ic_haut'], 1)}"

    verifie = experience["score_generation"] - experience["score_verifie"]
    phrases = [
        f"Qui gagne : avec le CV « mots-clés » écrit par la machine, le score du recruteur robot "
        f"{'monte' if gen['moyenne'] >= 0 else 'baisse'} de {nombre_fr(abs(gen['moyenne']), 1)} point(s) en moyenne ({ic(gen)}), pour {gen['n_gagne']} personas sur "
        f"{gen['n']} ({par_profil}).",
        f"Qui perd sans outil : la personne qui envoie ses phrases telles quelles a "
        f"{nombre_fr(abs(rech['moyenne']), 1)} point(s) de {'moins' if rech['moyenne'] >= 0 else 'plus'} que la même "
        f"personne avec le CV par recherche, dans les mots du ROME (écart CV par recherche − phrases : {ic(rech)}) : "
        f"pour une même expérience, ce robot note les mots du répertoire plus haut que les mots de tous les jours.",
        f"Ce que risque une personne honnête : {nombre_fr(100 * inv['moyenne'], 0)} % des lignes écrites par la "
        f"machine sont marquées « inventé » (IC 95 % {nombre_fr(100 * inv['ic_bas'], 0)} à "
        f"{nombre_fr(100 * inv['ic_haut'], 0)} %) ; les retirer (et garder le CV par recherche) change le score "
        f"de {nombre_signe(-verifie.mean(), 1, plus=True)} point(s) en moyenne : l'honnêteté coûte "
        f"{'peu ou rien' if verifie.mean() <= 0.5 else 'des points'} face à ce robot ; une ligne inventée gardée, "
        f"elle, peut se découvrir à l'entretien.",
    ]
    return phrases
