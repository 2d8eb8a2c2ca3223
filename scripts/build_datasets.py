#!/usr/bin/env python
"""Reconstruit tous les fichiers de ``datasets/`` à partir des sources ouvertes de ``../shared/sources``.

    python scripts/build_datasets.py                 # tout : tables, vecteurs (≈ 10 min), carte UMAP
    python scripts/build_datasets.py --tables        # seulement les tables CSV (quelques secondes)
    python scripts/build_datasets.py --fiches        # seulement les textes des fiches (définitions du ROME,
                                                     # descriptions ESCO reliées) et leurs vecteurs (≈ 8 min)
    python scripts/build_datasets.py --sources DIR   # si les sources sont ailleurs

Encodages : toutes les sources sont en UTF-8 sauf, chez la Dares, ``part_femmes_3niv.csv`` et
``fap225_rome.csv`` (Windows-1252, séparateur « ; » pour le second) ; on les lit comme tels.
"""
from __future__ import annotations

import argparse
import json
import shutil
import sys
import time
from pathlib import Path

import numpy as np
import pandas as pd

from atelier import data, vecteurs_livres
from atelier.libelles import separer_genres

ROOT = Path(__file__).resolve().parents[1]
DEFAULT_SOURCES = ROOT.parent / "shared" / "sources"
PERIODE_DARES = "2017-2019"
UMAP_PARAMS = {"n_neighbors": 15, "min_dist": 0.1, "metric": "cosine", "random_state": 42, "n_components": 2}


def read_rome(sources: Path, name: str) -> pd.DataFrame:
    return pd.read_csv(sources / "rome-v4" / f"unix_{name}_v460_utf8.csv", dtype=str, keep_default_na=False,
                       encoding="utf-8")


def build_metiers(sources: Path) -> tuple[pd.DataFrame, pd.DataFrame]:
    app = read_rome(sources, "referentiel_appellation")
    tree = read_rome(sources, "cr_gd_dp")
    codes = read_rome(sources, "referentiel_code_rome")
    riasec = read_rome(sources, "referentiel_code_rome_riasec")

    fiches = (codes[["code_rome", "libelle_rome", "code_rome_parent"]]
              .merge(tree.drop(columns="libelle_rome"), on="code_rome", how="left", validate="one_to_one")
              .merge(riasec, on="code_rome", how="left", validate="one_to_one"))
    fiches = fiches.rename(columns={
        "libelle_rome": "intitule", "code_domaine_professionel": "code_domaine",
        "libelle_domaine_professionel": "domaine_professionnel", "libelle_grand_domaine": "grand_domaine"})
    fiches["n_appellations"] = fiches["code_rome"].map(app["code_rome"].value_counts()).fillna(0).astype(int)

    formes = app["libelle_appellation_long"].map(separer_genres)
    metiers = pd.DataFrame({
        "code_ogr": app["code_ogr"],
        "appellation": app["libelle_appellation_long"].str.split().str.join(" "),
        "forme_masculine": [f[0] if f else lib for f, lib in zip(formes, app["libelle_appellation_long"])],
        "forme_feminine": [f[1] if f else lib for f, lib in zip(formes, app["libelle_appellation_long"])],
        "genre": ["autre" if f is None else ("double" if f[0] != f[1] else "unique") for f in formes],
        "appellation_courte": app["libelle_appellation_court"],
        "code_rome": app["code_rome"],
        "classification": app["classification"].str.lower(),
        "peu_usite": app["peu_usite"].eq("O"),
        "emploi_cadre": app["emploi_cadre"].ne(""),
    })
    metiers = metiers.merge(
        fiches[["code_rome", "code_rome_parent", "intitule", "code_domaine", "domaine_professionnel",
                "code_grand_domaine", "grand_domaine"]].rename(columns={"intitule": "intitule_fiche"}),
        on="code_rome", how="left", validate="many_to_one")
    return metiers[list(data.METIERS.colonnes)], fiches[list(data.FICHES.colonnes)]


def build_competences(sources: Path) -> tuple[pd.DataFrame, pd.DataFrame]:
    items = read_rome(sources, "item")
    comp = read_rome(sources, "referentiel_competence")
    sav = read_rome(sources, "referentiel_savoir")
    types = {"1": "savoir-faire", "2": "savoir-être", "3": "savoir"}
    items = items[items["code_rubrique"].isin(types)].copy()  # les contextes de travail sont écartés
    items["type"] = items["code_rubrique"].map(types)
    cats = pd.concat([
        comp.rename(columns={"cat_comp": "categorie", "sous_cat_comp": "sous_categorie"})[
            ["code_ogr", "categorie", "sous_categorie"]],
        sav.rename(columns={"code_ogr_savoir": "code_ogr", "categorie_savoir": "categorie",
                            "sous_categorie_savoir": "sous_categorie"})[["code_ogr", "categorie", "sous_categorie"]],
    ]).drop_duplicates("code_ogr")
    competences = items.merge(cats, on="code_ogr", how="left", validate="one_to_one").fillna("")
    competences["libelle"] = competences["libelle"].str.split().str.join(" ")
    competences = competences[list(data.COMPETENCES.colonnes)]

    links = read_rome(sources, "coherence_item")
    links = links.merge(competences[["code_ogr", "type"]], on="code_ogr", how="inner", validate="many_to_one")
    links["principale"] = links["coeur_metier"].eq("Principale")
    links["emergente"] = links["coeur_metier"].eq("Émergente")
    links = links.drop_duplicates(["code_rome", "code_ogr"])
    return competences, links[list(data.FICHES_COMPETENCES.colonnes)]


def build_part_femmes(sources: Path, fiches: pd.DataFrame) -> pd.DataFrame:
    dares = sources / "dares-portraits-metiers"
    parts = pd.read_csv(dares / "part_femmes_3niv.csv", encoding="cp1252", dtype=str, keep_default_na=False)
    parts = parts[(parts["Annee"] == PERIODE_DARES) & (parts["Fap3"].str.len() == 5)].copy()
    code_like = parts["libelle"].str.fullmatch(r"[A-Z]\d[A-Z]\d\d")
    parts["libelle_fap_est_agrege"] = code_like
    parts["libelle_fap"] = parts["libelle"].where(~code_like, parts["libelle_fap_agregee"] + " (famille)")
    parts["part_femmes"] = pd.to_numeric(parts["Part"], errors="coerce").round(2)
    parts = parts.rename(columns={"Fap3": "code_fap"})[["code_fap", "libelle_fap", "libelle_fap_est_agrege",
                                                        "part_femmes"]]

    fap_rome = pd.read_csv(dares / "fap225_rome.csv", encoding="cp1252", sep=";", dtype=str,
                           keep_default_na=False)
    fap_rome = fap_rome[fap_rome["Rome"].str.fullmatch(r"[A-N]\d{4}")].rename(
        columns={"Fap": "code_fap", "Rome": "code_rome_parent"})[["code_fap", "code_rome_parent"]].drop_duplicates()
    out = (fiches[["code_rome", "code_rome_parent"]]
           .merge(fap_rome, on="code_rome_parent", how="left", validate="many_to_many")
           .merge(parts, on="code_fap", how="left", validate="many_to_one"))
    out["periode"] = PERIODE_DARES
    out["libelle_fap_est_agrege"] = out["libelle_fap_est_agrege"].fillna(False).astype(bool)
    out["n_familles_fap"] = out.groupby("code_rome")["code_fap"].transform("nunique")
    out["libelle_fap"] = out["libelle_fap"].fillna("")
    out["code_fap"] = out["code_fap"].fillna("")
    return out[list(data.PART_FEMMES.colonnes)].sort_values(["code_rome", "code_fap"]).reset_index(drop=True)


def build_esco(sources: Path) -> pd.DataFrame:
    esco = sources / "esco-v1.1.1"
    cols = ["conceptUri", "iscoGroup", "preferredLabel", "altLabels", "code"]
    fr = pd.read_csv(esco / "fr" / "occupations_fr.csv", dtype=str, keep_default_na=False, usecols=cols)
    en = pd.read_csv(esco / "en" / "occupations_en.csv", dtype=str, keep_default_na=False, usecols=cols)
    isco_fr = pd.read_csv(esco / "fr" / "ISCOGroups_fr.csv", dtype=str, keep_default_na=False)
    isco_en = pd.read_csv(esco / "en" / "ISCOGroups_en.csv", dtype=str, keep_default_na=False)
    out = fr.merge(en, on="conceptUri", suffixes=("_fr", "_en"), how="inner", validate="one_to_one")

    def alts(s: pd.Series) -> pd.Series:
        return s.str.split("\n").map(lambda xs: " | ".join(x.strip() for x in xs if x.strip()))

    out = pd.DataFrame({
        "uri": out["conceptUri"],
        "code_esco": out["code_fr"],
        "code_isco": out["iscoGroup_fr"],
        "libelle_fr": out["preferredLabel_fr"].str.strip(),
        "libelle_en": out["preferredLabel_en"].str.strip(),
        "autres_libelles_fr": alts(out["altLabels_fr"]),
        "autres_libelles_en": alts(out["altLabels_en"]),
    })
    out["groupe_isco_fr"] = out["code_isco"].map(isco_fr.set_index("code")["preferredLabel"])
    out["groupe_isco_en"] = out["code_isco"].map(isco_en.set_index("code")["preferredLabel"])
    return out[list(data.ESCO.colonnes)].sort_values("code_esco").reset_index(drop=True)


def corpus_texts(metiers: pd.DataFrame, fiches: pd.DataFrame, esco: pd.DataFrame) -> list[str]:
    """Les textes dont l'atelier livre les vecteurs, sans doublon, dans un ordre stable."""
    texts = (metiers["appellation"].tolist() + metiers["forme_masculine"].tolist()
             + metiers["forme_feminine"].tolist() + fiches["intitule"].tolist()
             + esco["libelle_fr"].tolist() + esco["libelle_en"].tolist())
    return list(dict.fromkeys(t for t in texts if t))


def build_vectors(texts: list[str]) -> np.ndarray:
    from atelier import embeddings

    emb = embeddings.modele()
    print(f"  {emb.decrire()} — {len(texts)} textes", flush=True)
    return emb.encode(texts, prefixe="query", cache=True, progression=True)


def write_passage_vectors(fichier: str, cle: str, codes: pd.Series, passages: list[str], texte: str = "") -> None:
    """Encode ``passages`` (préfixe passage:, cache de l'atelier) et écrit ``datasets/<fichier>`` : ``<cle>``
    (les codes, même ordre), ``vecteurs`` (float16) et ``meta`` (modèle, préfixe, type, nombre ; ``texte`` : ce
    qui a été encodé). Une seule écriture pour les compétences, les définitions et les descriptions ESCO."""
    from atelier import embeddings

    emb = embeddings.modele()
    vectors = emb.encode(passages, prefixe="passage", cache=True, progression=True)
    meta = {"modele": emb.decrire(), "prefixe": "passage: ", "dtype": "float16", "n": len(codes)}
    if texte:
        meta["texte"] = texte
    np.savez_compressed(data.DATA_DIR / fichier, **{cle: codes.to_numpy(dtype=np.str_)},
                        vecteurs=vectors.astype(np.float16), meta=np.array(json.dumps(meta, ensure_ascii=False)))
    print(f"  {fichier:32s} {len(codes):>7,d} vecteurs".replace(",", " "), flush=True)


def build_competence_vectors(links: pd.DataFrame, competences: pd.DataFrame) -> None:
    """Vecteurs (préfixe passage:) des compétences « principales » (cœur de métier d'au moins une fiche)."""
    items = competences[competences["code_ogr"].isin(set(links.loc[links["principale"], "code_ogr"]))]
    items = items.sort_values("code_ogr")
    write_passage_vectors(vecteurs_livres.VECTEURS_COMPETENCES, "code_ogr", items["code_ogr"],
                          items["libelle"].tolist())


def build_textes_fiches(sources: Path, fiches: pd.DataFrame) -> pd.DataFrame:
    """La définition de chaque fiche : ses phrases (``unix_texte``, type « definition ») réunies dans l'ordre.

    L'export double les apostrophes (« l''entretien », échappement SQL) : on les remet simples.
    """
    textes = read_rome(sources, "texte")
    textes = textes[textes["libelle_type_texte"] == "definition"].copy()
    textes["position_phrase"] = textes["position_phrase"].astype(int)
    textes["phrase"] = textes["libelle_texte"].str.replace("''", "'", regex=False).str.split().str.join(" ")
    textes = textes[textes["phrase"] != ""].sort_values(["code_rome", "position_phrase"], kind="stable")
    definitions = textes.groupby("code_rome")["phrase"].agg(" ".join)
    out = fiches[["code_rome", "intitule"]].copy()
    out["definition"] = out["code_rome"].map(definitions).fillna("")
    return out.reset_index(drop=True)


def build_fiche_vectors(textes: pd.DataFrame) -> None:
    """Un vecteur (préfixe passage:) par fiche : sa définition, pour la recherche qui comprend les descriptions
    (``atelier.recherche.chercher``). Sans l'intitulé, déjà compté par la recherche dans les titres : mesuré sur
    les requêtes profanes, « intitulé. définition » ne faisait pas mieux (top-1 0,57 contre 0,60)."""
    write_passage_vectors(vecteurs_livres.VECTEURS_FICHES, "code_rome", textes["code_rome"],
                          textes["definition"].tolist(), "définition de la fiche (ROME, unix_texte, phrases réunies)")


def build_descriptions_esco(sources: Path) -> pd.DataFrame:
    """Les descriptions françaises des métiers ESCO, chacune reliée à **une** fiche ROME.

    ESCO n'a pas de table officielle vers le ROME : le libellé préféré du métier ESCO (sa première forme, avant
    « / ») est cherché parmi les appellations du ROME avec la recherche de la leçon 02
    (``recherche.chercher_metiers``, sur les vecteurs livrés) ; la fiche de la première appellation est retenue
    si son score atteint ``recherche.SEUIL_PERTINENT`` (le seuil « assez proche » de la leçon), sinon la
    description n'est pas gardée. Le lien dépend donc de la recherche et des vecteurs du jour où il est calculé :
    il est livré, et ne se recalcule pas chez les apprenants.
    """
    from atelier import recherche

    cols = ["conceptUri", "preferredLabel", "description"]
    fr = pd.read_csv(sources / "esco-v1.1.1" / "fr" / "occupations_fr.csv", dtype=str, keep_default_na=False,
                     usecols=cols)
    fr["description"] = fr["description"].str.split().str.join(" ")
    fr = fr[fr["description"] != ""].sort_values("conceptUri").reset_index(drop=True)
    lignes = []
    for uri, libelle, description in fr[cols].itertuples(index=False):
        trouve = recherche.chercher_metiers(libelle.split("/")[0].strip(), k=1)
        if len(trouve) and float(trouve["score"].iloc[0]) >= recherche.SEUIL_PERTINENT:
            lignes.append({"uri": uri, "libelle_esco": libelle.strip(), "code_rome": trouve["code_rome"].iloc[0],
                           "appellation_rome": trouve["appellation"].iloc[0],
                           "score_lien": round(float(trouve["score"].iloc[0]), 3), "description": description})
    print(f"  ESCO : {len(lignes)} descriptions reliées sur {len(fr)}", flush=True)
    return pd.DataFrame(lignes, columns=list(data.DESCRIPTIONS_ESCO.colonnes))


def build_description_vectors(descriptions: pd.DataFrame) -> None:
    """Un vecteur (préfixe passage:) par description ESCO reliée, pour ``atelier.recherche.chercher``."""
    write_passage_vectors(vecteurs_livres.VECTEURS_DESCRIPTIONS_ESCO, "uri", descriptions["uri"],
                          descriptions["description"].tolist(),
                          "description française du métier ESCO v1.1.1 (occupations_fr.csv)")


def build_textes_des_fiches(sources: Path, textes: pd.DataFrame) -> None:
    """Les textes qui disent ce qu'est chaque fiche, et leurs vecteurs : définitions du ROME, descriptions ESCO
    reliées (après les vecteurs des intitulés, dont le lien ESCO → ROME a besoin)."""
    build_fiche_vectors(textes)
    descriptions = build_descriptions_esco(sources)
    write_csv(descriptions, data.DESCRIPTIONS_ESCO.fichier)
    build_description_vectors(descriptions)


def build_map(vectors: np.ndarray) -> np.ndarray:
    import umap

    reducer = umap.UMAP(**UMAP_PARAMS)
    return reducer.fit_transform(vectors.astype(np.float32))


def write_csv(df: pd.DataFrame, name: str) -> None:
    path = data.DATA_DIR / name
    df.to_csv(path, index=False, encoding="utf-8", lineterminator="\n")
    print(f"  {name:32s} {len(df):>7,d} lignes".replace(",", " "), flush=True)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--sources", type=Path, default=DEFAULT_SOURCES)
    parser.add_argument("--tables", action="store_true", help="seulement les tables (ni vecteurs ni carte)")
    parser.add_argument("--fiches", action="store_true",
                        help="seulement les textes des fiches (définitions, descriptions ESCO) et leurs vecteurs "
                             "(≈ 8 min)")
    args = parser.parse_args(argv)
    if not (args.sources / "rome-v4").is_dir():
        print(f"Sources introuvables dans {args.sources} (il faut rome-v4/, dares-portraits-metiers/, "
              "esco-v1.1.1/). Indiquez leur dossier avec --sources.", file=sys.stderr)
        return 2
    data.DATA_DIR.mkdir(parents=True, exist_ok=True)
    t0 = time.time()
    print("Tables :")
    metiers, fiches = build_metiers(args.sources)
    competences, links = build_competences(args.sources)
    part_femmes = build_part_femmes(args.sources, fiches)
    esco = build_esco(args.sources)
    textes_fiches = build_textes_fiches(args.sources, fiches)
    if args.fiches:
        write_csv(textes_fiches, data.TEXTES_FICHES.fichier)
        build_textes_des_fiches(args.sources, textes_fiches)
        print(f"Fait en {time.time() - t0:.0f} s (fiches seulement).")
        return 0
    write_csv(metiers, data.METIERS.fichier)
    write_csv(fiches, data.FICHES.fichier)
    write_csv(competences, data.COMPETENCES.fichier)
    write_csv(links, data.FICHES_COMPETENCES.fichier)
    write_csv(part_femmes, data.PART_FEMMES.fichier)
    write_csv(esco, data.ESCO.fichier)
    write_csv(textes_fiches, data.TEXTES_FICHES.fichier)
    shutil.copyfile(args.sources / "dares-portraits-metiers" / "LICENSE-GPL-3.0.txt",
                    data.DATA_DIR / "LICENSE-GPL-3.0.txt")
    if args.tables:
        print(f"Fait en {time.time() - t0:.0f} s (tables seulement).")
        return 0

    print("Vecteurs :")
    texts = corpus_texts(metiers, fiches, esco)
    vectors = build_vectors(texts)
    from atelier import embeddings

    meta = {"modele": embeddings.modele().decrire(), "prefixe": "query: ", "dtype": "float16",
            "n_textes": len(texts), "dimension": int(vectors.shape[1])}
    np.savez_compressed(data.DATA_DIR / vecteurs_livres.VECTEURS, textes=np.array(texts, dtype=np.str_),
                        vecteurs=vectors.astype(np.float16), meta=np.array(json.dumps(meta, ensure_ascii=False)))
    print(f"  {vecteurs_livres.VECTEURS:32s} {len(texts):>7,d} vecteurs".replace(",", " "), flush=True)

    build_competence_vectors(links, competences)
    build_textes_des_fiches(args.sources, textes_fiches)

    print("Carte UMAP (≈ 1 min) :")
    index = {t: i for i, t in enumerate(texts)}
    title_vectors = vectors[[index[t] for t in metiers["appellation"]]]
    # float16 comme les vecteurs livrés, pour que la carte se recalcule à l'identique à partir d'eux
    coords = build_map(title_vectors.astype(np.float16).astype(np.float32))
    carte = pd.DataFrame({"code_ogr": metiers["code_ogr"], "x": coords[:, 0].round(4), "y": coords[:, 1].round(4)})
    write_csv(carte, data.CARTE.fichier)
    import umap

    params = {**UMAP_PARAMS, "umap_learn": umap.__version__, "donnees": "vecteurs livrés (float16) des "
              "13 120 appellations, préfixe query:", "modele": meta["modele"]}
    (data.DATA_DIR / data.CARTE_PARAMETRES).write_text(json.dumps(params, ensure_ascii=False, indent=2) + "\n",
                                                       encoding="utf-8")
    print(f"Fait en {time.time() - t0:.0f} s.")
    return 0


if __name__ == "__main__":
    sys.exit(main())
