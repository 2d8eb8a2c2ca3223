import subprocess
import sys

import numpy as np
import pandas as pd
import pytest

from atelier import data, vecteurs_livres
from atelier.erreurs import DonneesIndisponibles

from conftest import ROOT


def test_metiers_toutes_les_appellations():
    m = data.metiers()
    assert len(m) == 13_120
    assert m["code_ogr"].is_unique
    assert m["code_rome"].nunique() == 1_584
    for col in ("appellation", "forme_masculine", "forme_feminine", "intitule_fiche", "domaine_professionnel",
                "grand_domaine"):
        assert (m[col].str.strip() != "").all(), col
    assert m["code_grand_domaine"].nunique() == 14
    assert m["code_domaine"].nunique() == 110
    assert set(m["genre"]) == {"double", "unique", "autre"}
    # « masculin / féminin » : 10 884 libellés ont une barre ; presque tous séparent deux genres
    assert (m["genre"] == "double").sum() > 10_800
    assert (m.loc[m["genre"] == "double", "forme_masculine"] != m.loc[m["genre"] == "double", "forme_feminine"]).all()
    une_forme = m[(m["genre"] == "unique") & ~m["appellation"].str.contains(" / ")]
    assert len(une_forme) == 2_236 and (une_forme["forme_masculine"] == une_forme["appellation"]).all()


def test_formes_sur_des_cas_connus():
    m = data.metiers().set_index("code_ogr")
    assert m.loc["10891", ["forme_masculine", "forme_feminine"]].tolist() == ["Aide-soignant", "Aide-soignante"]
    assert m.loc["11304", "forme_feminine"] == "Assistante maternelle"
    assert m.loc["19299", ["forme_masculine", "forme_feminine"]].tolist() == ["Homme sage-femme", "Sage-femme"]
    assert m.loc["12090", "forme_feminine"] == "Cheffe de chantier"


def test_fiches_et_competences():
    f = data.fiches()
    assert len(f) == 1_584 and f["code_rome"].is_unique
    assert f["n_appellations"].sum() == 13_120
    c = data.competences()
    assert c["code_ogr"].is_unique and (c["libelle"].str.strip() != "").all()
    assert set(c["type"]) == {"savoir-faire", "savoir-être", "savoir"}
    liens = data.fiches_competences()
    assert set(liens["code_rome"]) == set(f["code_rome"])  # chaque fiche a des compétences
    assert set(liens["code_ogr"]) <= set(c["code_ogr"])
    assert liens["principale"].dtype == bool and 18_000 < liens["principale"].sum() < 19_000


def test_part_femmes_jointure_complete_ou_expliquee():
    p = data.part_femmes_rome()
    assert set(p["code_rome"]) == set(data.fiches()["code_rome"])
    sans = p[p["part_femmes"].isna()]
    # une seule fiche n'a pas de famille FAP : son code parent est absent de la table FAP ↔ ROME de la Dares
    assert sans["code_rome"].tolist() == ["L1510"] and (sans["code_fap"] == "").all()
    assert p["part_femmes"].dropna().between(0, 100).all()
    assert (p["periode"] == "2017-2019").all()
    par_fiche = data.part_femmes_par_fiche().set_index("code_rome")
    assert len(par_fiche) == 1_583
    assert par_fiche.loc["J1501", "part_femmes"] == pytest.approx(90.8, abs=0.1)   # aides-soignants
    assert par_fiche.loc["F1703", "part_femmes"] < 5                                  # maçons


def test_esco_bilingue():
    e = data.esco_metiers()
    assert len(e) == 3_007 and e["uri"].is_unique
    assert (e["libelle_fr"] != "").all() and (e["libelle_en"] != "").all()
    assert e["groupe_isco_fr"].notna().all() and e["groupe_isco_en"].notna().all()
    nurse = e[e["libelle_en"] == "nurse assistant"].iloc[0]
    assert nurse["libelle_fr"] == "aide-soignant/aide-soignante" and nurse["code_isco"] == "5321"


def test_un_fichier_n_est_lu_qu_une_fois(monkeypatch):
    data.vider_cache()
    appels = []
    lire = data._lire_csv
    monkeypatch.setattr(data, "_lire_csv", lambda t: appels.append(t) or lire(t))
    data.metiers(); data.metiers(); data.carte_metiers()
    assert appels.count(data.METIERS) == 1


def test_copie_protegee():
    m = data.metiers()
    m.loc[0, "appellation"] = "modifié"
    assert data.metiers().loc[0, "appellation"] != "modifié"


@pytest.fixture
def dossier_vide(tmp_path, monkeypatch):
    monkeypatch.setattr(data, "DATA_DIR", tmp_path)
    data.vider_cache()
    yield tmp_path
    data.vider_cache()


def test_fichier_manquant_message_clair(dossier_vide):
    with pytest.raises(DonneesIndisponibles) as err:
        data.metiers()
    msg = str(err.value)
    assert "metiers_rome.csv" in msg and "introuvable" in msg and data.REBUILD_COMMAND in msg
    assert isinstance(err.value, FileNotFoundError)


@pytest.mark.parametrize("contenu", [b"", b"\xff\xfe\x00garbage\xff", b"a,b\n1,2\n"])
def test_fichier_abime_message_clair(dossier_vide, contenu):
    (dossier_vide / "metiers_rome.csv").write_bytes(contenu)
    with pytest.raises(DonneesIndisponibles, match="metiers_rome.csv"):
        data.metiers()


def test_vecteurs_abimes(dossier_vide):
    (dossier_vide / vecteurs_livres.VECTEURS).write_bytes(b"pas un npz")
    with pytest.raises(DonneesIndisponibles, match="illisible"):
        vecteurs_livres.vecteurs_textes()


def test_message_court_dans_jupyter(dossier_vide):
    with pytest.raises(DonneesIndisponibles) as err:
        data.fiches()
    lignes = err.value._render_traceback_()
    assert len(lignes) == 1 and "fiches_rome.csv" in lignes[0]


def test_vecteurs_livres_alignes():
    v = vecteurs_livres.vecteurs_metiers()
    assert v.shape == (13_120, 384) and v.dtype == np.float32
    assert np.allclose(np.linalg.norm(v, axis=1), 1, atol=2e-3)
    assert not v.flags.writeable
    textes, vecteurs, meta = vecteurs_livres.vecteurs_textes()
    assert vecteurs.dtype == np.float16 and meta["prefixe"] == "query: "
    assert set(data.metiers()["forme_feminine"]) <= set(textes.tolist())


def test_carte_complete():
    c = data.carte_metiers()
    assert len(c) == 13_120 and c[["x", "y"]].notna().all().all()
    p = data.parametres_carte()
    assert {"n_neighbors", "min_dist", "random_state", "metric"} <= set(p)


def test_reconstruction_identique_des_tables(sources, tmp_path):
    """Le script reconstruit les tables à l'octet près depuis les sources."""
    env = {"ATELIER_DATA_DIR": str(tmp_path), "PATH": "/usr/bin:/bin"}
    out = subprocess.run([sys.executable, str(ROOT / "scripts" / "build_datasets.py"), "--tables",
                          "--sources", str(sources)], env=env, capture_output=True, text=True, timeout=120)
    assert out.returncode == 0, out.stderr
    for table in (data.METIERS, data.FICHES, data.COMPETENCES, data.FICHES_COMPETENCES, data.PART_FEMMES, data.ESCO):
        assert (tmp_path / table.fichier).read_bytes() == (ROOT / "datasets" / table.fichier).read_bytes(), table.fichier


def test_vecteurs_d_un_autre_modele_seulement_s_ils_correspondent(tmp_path, monkeypatch):
    """Les vecteurs MiniLM livrés ne servent que pour leur modèle et pour les intitulés d'aujourd'hui ; sinon
    ``None`` (la leçon les calcule), jamais une erreur ni des vecteurs d'autres intitulés."""
    (tmp_path / data.METIERS.fichier).symlink_to(data.chemin(data.METIERS.fichier))
    monkeypatch.setattr(data, "DATA_DIR", tmp_path)
    data.vider_cache()
    fichier = tmp_path / vecteurs_livres.VECTEURS_APPELLATIONS_MINILM
    titres = data.metiers()["appellation"].tolist()
    try:
        assert vecteurs_livres.vecteurs_appellations("minilm-x") is None                     # fichier absent
        fichier.write_bytes(b"pas un npz")
        data.vider_cache()
        assert vecteurs_livres.vecteurs_appellations("minilm-x") is None                     # abîmé
        v = np.eye(len(titres), 8, dtype=np.float16)
        np.savez_compressed(fichier, modele=np.array("minilm-x"), textes=np.array(titres[:-1] + ["autre"]),
                            vecteurs=v)
        data.vider_cache()
        assert vecteurs_livres.vecteurs_appellations("minilm-x") is None                     # intitulés changés
        np.savez_compressed(fichier, modele=np.array("minilm-x"), textes=np.array(titres), vecteurs=v)
        data.vider_cache()
        assert vecteurs_livres.vecteurs_appellations("autre-modele") is None
        lus = vecteurs_livres.vecteurs_appellations("minilm-x")
        assert lus.dtype == np.float32 and np.array_equal(lus, v) and not lus.flags.writeable
    finally:
        data.vider_cache()


def test_les_formes_de_l_index_sont_une_vue_de_la_table_partagee():
    """Les 34 852 formes de la recherche sont les premières lignes de la table livrée : pas de seconde copie."""
    table = vecteurs_livres.table_vecteurs()
    m = data.metiers()
    formes = list(dict.fromkeys(t for c in ("appellation", "forme_masculine", "forme_feminine") for t in m[c]))
    vues = vecteurs_livres.vecteurs_partages(formes)
    assert np.shares_memory(vues, table) and not vues.flags.writeable
    assert np.array_equal(vues, vecteurs_livres.vecteurs_pour(formes))
    desordre = formes[1::-1]                              # pas d'affilée : une copie à part, mêmes vecteurs
    copie = vecteurs_livres.vecteurs_partages(desordre)
    assert not np.shares_memory(copie, table) and np.array_equal(copie, vecteurs_livres.vecteurs_pour(desordre))


def test_vider_cache_vide_les_trois_modules():
    """Tables, vecteurs livrés et registre du parcours : ``data.vider_cache()`` oublie tout ce qu'ils ont lu."""
    from atelier import registre
    data.metiers(), vecteurs_livres.vecteurs_fiches(), vecteurs_livres.vecteurs_metiers(), registre.parcours()
    caches = [data._cached, vecteurs_livres._codes_et_vecteurs, vecteurs_livres._vecteurs_metiers, registre.parcours]
    assert all(f.cache_info().currsize for f in caches)
    data.vider_cache()
    assert [f.cache_info().currsize for f in caches] == [0] * len(caches)


@pytest.mark.parametrize("premier", ["data", "vecteurs_livres", "registre"])
def test_chaque_module_s_importe_en_premier(premier):
    """``data`` reprend ``vecteurs_pour`` et ``vecteurs_metiers`` pour les leçons (00, 03) : l'import circulaire
    avec ``vecteurs_livres`` marche quel que soit le module importé d'abord."""
    code = (f"from atelier import {premier}\nfrom atelier import data, vecteurs_livres\n"
            "assert data.vecteurs_pour is vecteurs_livres.vecteurs_pour\n"
            "assert data.vecteurs_metiers is vecteurs_livres.vecteurs_metiers\n")
    subprocess.run([sys.executable, "-c", code], check=True, cwd=ROOT, timeout=120)
