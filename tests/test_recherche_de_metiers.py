import numpy as np
import pandas as pd
import pytest

from atelier import data, recherche


def test_colonnes_et_ordre():
    r = recherche.chercher_metiers("infirmiere", k=10)
    assert {"code_rome", "appellation", "score"} <= set(r.columns)
    assert len(r) == 10 and r["score"].is_monotonic_decreasing
    assert r["code_rome"].iloc[0] in {"J1506", "J1502", "J1511"} and "Infirm" in r["appellation"].iloc[0]


@pytest.mark.parametrize("requete, code", [
    ("dévelopeur web", "M1855"), ("nounou", "K1303"), ("nurse", "J1506"), ("aide soignante", "J1501"),
    ("cheffe de chantier", "F1202"), ("truck driver", "N4101"), ("DRH", "M1503"),
])
def test_requetes_typiques(requete, code):
    assert code in recherche.chercher_metiers(requete, k=5)["code_rome"].tolist()


@pytest.mark.parametrize("vide", ["", "   ", "\n\t", None])
def test_requete_vide(vide):
    r = recherche.chercher_metiers(vide)
    assert r.empty and {"code_rome", "appellation", "score"} <= set(r.columns)


@pytest.mark.parametrize("bizarre", ["🙂🚀", "<img src=x onerror=alert(1)>", "x" * 10_000, "'; DROP TABLE--", 42,
                                     "a", "12345", "\u202e\u0000"])
def test_entrees_bizarres_sans_exception(bizarre):
    r = recherche.chercher_metiers(bizarre, k=3)
    assert len(r) == 3 and np.isfinite(r["score"]).all()


def test_deterministe():
    pd.testing.assert_frame_equal(recherche.chercher_metiers("plombier"), recherche.chercher_metiers("plombier"))


def test_k_limites():
    assert recherche.chercher_metiers("maçon", k=0).empty
    assert len(recherche.chercher_metiers("maçon", k=13_120)) == 13_120
    assert len(recherche.chercher_metiers("maçon", k=-5)) == 0


def test_rien_n_est_ecrit_sur_le_disque(tmp_path):
    recherche.chercher_metiers("Je m'appelle Awa et je cherche un métier avec les animaux")
    assert not any(p.is_file() for p in (tmp_path / "cache").rglob("*"))


def test_methodes_de_comparaison():
    assert recherche.recherche_exacte("infirmiere").empty            # sans accent : la recherche exacte échoue
    assert not recherche.recherche_exacte("Infirmier").empty
    assert "J1506" in recherche.recherche_floue("infirmiere", k=10)["code_rome"].tolist()
    assert not recherche.recherche_semantique("infirmière").empty
    assert recherche.niveau(10) == "très proche" and recherche.niveau(0) == "lointain"


def test_qualite_sur_les_requetes_etiquetees():
    """Le seuil de l'issue : top-5 ≥ 0,97, top-1 ≥ 0,90, top-5 ≥ 0,93 sur le familier et l'anglais."""
    ev = recherche.evaluer(data.requetes_recherche(), {"combinée": recherche.chercher_metiers})
    taux = recherche.taux_de_reussite(ev).loc["combinée"]
    assert taux.loc["ensemble", "top5"] >= 0.97
    assert taux.loc["ensemble", "top1"] >= 0.90
    assert taux.loc["familier", "top5"] >= 0.93 and taux.loc["anglais", "top5"] >= 0.93
