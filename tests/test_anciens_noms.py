"""Les anciens noms anglais de l'API marchent encore une version : même résultat, un avertissement, une seule fois."""
from __future__ import annotations

import importlib
import sys
import warnings

import numpy as np
import pytest

from atelier import _anciens_noms, cartographie, embeddings, recherche, recommandation, recrutement


@pytest.fixture(autouse=True)
def memoire_vide():
    """Chaque test part d'un processus où aucun ancien nom n'a encore été signalé."""
    _anciens_noms._deja_signales.clear()
    for ancien in ("search", "maps", "matcher", "bias", "recruiting"):
        sys.modules.pop(f"atelier.{ancien}", None)
    yield
    _anciens_noms._deja_signales.clear()


def _avertissements(appel):
    with warnings.catch_warnings(record=True) as notes:
        warnings.simplefilter("always")
        resultat = appel()
    return resultat, [str(n.message) for n in notes if issubclass(n.category, FutureWarning)]


def test_ancien_module_avertit_une_fois_et_donne_les_memes_objets():
    search, notes = _avertissements(lambda: importlib.import_module("atelier.search"))
    assert len(notes) == 1 and "atelier.search" in notes[0] and "atelier.recherche" in notes[0]
    assert search.index is recherche.index and search.nettoyer_requete is recherche.nettoyer_requete
    # Le module n'avertit qu'une fois, même réimporté ailleurs.
    sys.modules.pop("atelier.search")
    _, notes = _avertissements(lambda: importlib.import_module("atelier.search"))
    assert notes == []


def test_search_jobs_meme_resultat_que_chercher_metiers_et_avertit_une_fois():
    from atelier import search
    ancien, notes = _avertissements(lambda: search.search_jobs(query="aide soignante", k=5))
    assert any("search_jobs" in n and "chercher_metiers" in n for n in notes)
    assert any("query=" in n and "requete=" in n for n in notes)
    nouveau = recherche.chercher_metiers("aide soignante", k=5)
    assert ancien["code_rome"].tolist() == nouveau["code_rome"].tolist()
    _, notes = _avertissements(lambda: search.search_jobs(query="plombier", k=3))
    assert notes == []
    with pytest.raises(AttributeError, match="atelier.recherche"):
        search.fonction_qui_n_existe_pas  # noqa: B018


def test_matcher_recommend_et_explain_avec_les_anciennes_valeurs():
    from atelier import matcher
    profil = recommandation.chercher_competences("jardin", k=2)["libelle"].tolist()
    ancien, notes = _avertissements(lambda: matcher.recommend(profile=profil, k=5, method="transparent"))
    assert any("matcher.recommend" in n for n in notes)
    nouveau = recommandation.recommander(profil, k=5, methode="transparent")
    assert ancien["code_rome"].tolist() == nouveau["code_rome"].tolist()
    texte = "j'aime jardiner dehors"
    ancien, notes = _avertissements(lambda: matcher.recommend(texte, 3, "semantic"))
    assert any("'semantic'" in n and "'semantique'" in n for n in notes)
    assert ancien["code_rome"].tolist() == recommandation.recommander(texte, 3, "semantique")["code_rome"].tolist()
    code = ancien["code_rome"].iloc[0]
    expl, notes = _avertissements(lambda: matcher.explain(texte, code, method="semantic"))
    assert any("matcher.explain" in n for n in notes) and set(expl) == set(recommandation.expliquer(texte, code))
    assert matcher.METHODES == recommandation.METHODES == ("semantique", "transparent")


def test_maps_seed_devient_graine():
    from atelier import maps
    a, notes = _avertissements(lambda: maps.sous_ensemble(200, seed=3))
    assert any("seed=" in n and "graine=" in n for n in notes)
    assert a["code_rome"].tolist() == cartographie.sous_ensemble(200, graine=3)["code_rome"].tolist()
    assert maps.parametres_projection(15, 0.1, seed=5) == cartographie.parametres_projection(15, 0.1, graine=5)


def test_recruiting_shortlist_et_bias():
    from atelier import bias, recruiting
    liste, notes = _avertissements(lambda: recruiting.shortlist())
    assert any("shortlist" in n and "preselection" in n for n in notes)
    assert liste["id"].tolist() == recrutement.preselection()["id"].tolist()
    assert recruiting.TAILLE_SHORTLIST == recrutement.TAILLE_PRESELECTION
    from atelier import biais
    assert bias.personas is biais.personas


def test_embeddings_anciens_noms_et_parametres():
    _, notes = _avertissements(lambda: embeddings.get_embedder())
    assert any("get_embedder" in n and "embeddings.modele" in n for n in notes)
    assert embeddings.get_embedder() is embeddings.modele()
    e5 = embeddings.modele()
    ancien, notes = _avertissements(lambda: embeddings.encode(texts=["Maçon / Maçonne"], kind="passage",
                                                               progress=False))
    assert {"texts=", "kind=", "progress="} <= {m for n in notes for m in ("texts=", "kind=", "progress=") if m in n}
    assert np.allclose(ancien, e5.encode(["Maçon / Maçonne"], prefixe="passage"), atol=1e-6)
    _, notes = _avertissements(lambda: e5.encode("Maçon / Maçonne", kind="query"))
    assert any("Encodeur.encode(kind=" in n for n in notes)
    description, notes = _avertissements(lambda: e5.describe())
    assert description == e5.decrire() and any("describe()" in n for n in notes)
    for ancien, nouveau in [("Embedder", "Encodeur"), ("DiskCache", "CacheDisque"), ("KINDS", "PREFIXES"),
                            ("DEFAULT_BACKEND", "MOTEUR_DEFAUT")]:
        assert getattr(embeddings, ancien) is getattr(embeddings, nouveau)
    with pytest.raises(AttributeError):
        embeddings.nom_inconnu  # noqa: B018
