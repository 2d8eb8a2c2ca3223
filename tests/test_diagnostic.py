"""L'autodiagnostic du module 08 : questionnaire, scores calculés à la main, recommandations, erreurs, figure."""
from __future__ import annotations

import builtins
import io
import logging
import math
import shutil

import matplotlib
import pandas as pd
import pytest

from atelier import data, diagnostic
from atelier.erreurs import DonneesIndisponibles, EntreeInvalide

matplotlib.use("Agg")

#: L'exemple du notebook 08 (« Association Les Jardins du Lien ») : deux questions sans réponse (Q11, Q16).
JARDINS = {"Q01": "b", "Q02": "b", "Q03": "b", "Q04": "a", "Q05": "c", "Q06": "b", "Q07": "c", "Q08": "a",
           "Q09": "b", "Q10": "b", "Q11": None, "Q12": "d", "Q13": "b", "Q14": "a", "Q15": "d", "Q16": None,
           "Q17": "c"}


@pytest.fixture(autouse=True)
def _fermer_figures():
    yield
    import matplotlib.pyplot as plt
    plt.close("all")


def _extreme(fonction) -> dict[str, str]:
    """Pour chaque question, l'option de points minimaux (``min``) ou maximaux (``max``)."""
    q = diagnostic.questionnaire()
    choix = {}
    for qid, g in q.groupby("question_id", sort=False):
        choix[qid] = g.sort_values("points", kind="stable")["option_id"].iat[0 if fonction is min else -1]
    return choix


# ----------------------------------------------------------------------------------------- les fichiers

def test_questionnaire_et_usages_valides():
    q = diagnostic.questions()
    assert len(q) == 17
    assert list(q["question_id"]) == [f"Q{i:02d}" for i in range(1, 18)]
    assert set(q["axe"]) == set(diagnostic.AXES)
    assert (q["options"].map(len) >= 2).all() and (q["points_max"] > 0).all()
    assert sorted(q.loc[q["enjeu"] != "", "enjeu"]) == sorted(diagnostic.ENJEUX)
    assert all(t.strip() for t in q["pourquoi"])
    u = diagnostic.usages()
    assert len(u) == 15 and u["id"].is_unique
    for r in u.itertuples(index=False):
        assert set(r.modules.split(";")) <= set(diagnostic.MODULES)
        assert all(getattr(r, e).endswith("?") for e in diagnostic.ENJEUX)     # une vraie question chacune
        if r.note_droit:
            assert "état du droit au 28 novembre 2026" in r.note_droit


def test_options_d_une_question():
    o = diagnostic.options("q10")                       # minuscules acceptées
    assert list(o["option_id"]) == ["a", "b", "c", "d", "e"]
    assert list(o["points"]) == [0, 1, 2, 3, 0]
    assert o["option"].iat[-1] == "Je ne sais pas"


# ------------------------------------------------------------------------------------------- les scores

def test_tout_au_minimum_donne_zero_partout():
    p = diagnostic.profil(_extreme(min))
    assert p["score"].tolist() == [0.0, 0.0, 0.0, 0.0]
    assert set(p["niveau"]) == {"à découvrir"}
    assert p["n_repondues"].tolist() == p["n_questions"].tolist() == [4, 4, 4, 5]


def test_tout_au_maximum_donne_cent_partout():
    s = diagnostic.scorer(_extreme(max))
    assert s == {"quotidien": 100.0, "metier": 100.0, "organisation": 100.0, "socle": 100.0}
    assert set(diagnostic.profil(_extreme(max))["niveau"]) == {"solide"}


def test_reponses_mixtes_calculees_a_la_main():
    # Quotidien : Q01 b=1, Q02 b=1, Q03 b=1, Q04 a=0 → 3 / (2+2+2+2) = 37,5.
    # Métier : Q05 c=2/3, Q06 b=1/2, Q07 c=2/2, Q08 a=0/2 → 5 / 9 = 55,56.
    # Organisation : Q09 b=1/2, Q10 b=1/3, Q11 sans réponse, Q12 d=0/2 → 2 / 7 (ignorer) ou 2 / 9 (zéro).
    # Socle : Q13 b=1, Q14 a=0, Q15 d=0, Q16 sans réponse, Q17 c=2 → 3 / 8 (ignorer) ou 3 / 10 (zéro).
    s = diagnostic.scorer(JARDINS)
    assert s["quotidien"] == pytest.approx(37.5)
    assert s["metier"] == pytest.approx(500 / 9)
    assert s["organisation"] == pytest.approx(200 / 7)
    assert s["socle"] == pytest.approx(37.5)
    z = diagnostic.scorer(JARDINS, sans_reponse="zero")
    assert z["quotidien"] == pytest.approx(37.5) and z["metier"] == pytest.approx(500 / 9)
    assert z["organisation"] == pytest.approx(200 / 9)
    assert z["socle"] == pytest.approx(30.0)
    p = diagnostic.profil(JARDINS)
    assert p["niveau"].tolist() == ["premiers pas", "en chemin", "premiers pas", "premiers pas"]
    assert p["n_repondues"].tolist() == [4, 4, 3, 4]
    assert p["points"].tolist() == [3.0, 5.0, 2.0, 3.0]
    assert p["points_max"].tolist() == [8.0, 9.0, 7.0, 8.0]


def test_sans_reponse_ignoree_ou_comptee_zero():
    vide = diagnostic.profil({})
    assert vide["score"].isna().all() and set(vide["niveau"]) == {"sans réponse"}
    assert (vide["n_repondues"] == 0).all()
    assert diagnostic.scorer({}, sans_reponse="zero") == {a: 0.0 for a in diagnostic.AXES}
    # None, une chaîne vide et une question absente veulent tous dire « sans réponse »
    pd.testing.assert_frame_equal(diagnostic.profil({"Q01": "c", "Q02": None, "Q03": ""}),
                                  diagnostic.profil({"Q01": "c"}))
    s = diagnostic.scorer({"Q01": "c"})
    assert s["quotidien"] == 100.0 and math.isnan(s["metier"])
    assert diagnostic.scorer({"Q01": "c"}, sans_reponse="zero")["quotidien"] == 25.0


def test_je_ne_sais_pas_est_une_reponse_a_zero_point():
    p = diagnostic.profil({"Q01": "d"}).set_index("axe")
    assert p.at["quotidien", "score"] == 0.0 and p.at["quotidien", "n_repondues"] == 1


def test_niveaux_et_ecriture_des_scores():
    assert [diagnostic.niveau(v) for v in (0, 24.9, 25, 49.99, 50, 74.9, 75, 100)] == [
        "à découvrir", "à découvrir", "premiers pas", "premiers pas", "en chemin", "en chemin", "solide", "solide"]
    assert diagnostic.niveau(float("nan")) == "sans réponse"
    assert diagnostic.ecrire_score(100.0) == "100"
    assert diagnostic.ecrire_score(500 / 9) == "55,6"
    assert diagnostic.ecrire_score(float("nan")) == "sans réponse"


# ------------------------------------------------------------------------------------------ les erreurs

@pytest.mark.parametrize("reponses, morceau", [
    ({"Q99": "a"}, "question inconnue : « Q99 »"),
    ({"Q01": "z"}, "réponse « z » inconnue pour la question Q01"),
    ({"Q10": "f"}, "choisissez a, b, c, d ou e"),
    ({"Q01": 2}, "inconnue pour la question Q01"),
    ({"q01": "a", "Q01": "b"}, "apparaît deux fois"),
    (["Q01", "a"], "doivent être un dictionnaire"),
    ("Q01=a", "doivent être un dictionnaire"),
    ({1: "a"}, "question inconnue"),
])
def test_reponses_invalides_message_en_francais(reponses, morceau):
    with pytest.raises(EntreeInvalide) as err:
        diagnostic.scorer(reponses)
    assert morceau in str(err.value)


def test_entrees_longues_ou_bizarres_coupees_dans_le_message():
    with pytest.raises(EntreeInvalide) as err:
        diagnostic.scorer({"x" * 10_000: "a"})
    assert len(str(err.value)) < 200
    with pytest.raises(EntreeInvalide) as err:
        diagnostic.scorer({"Q01": "<script>alert(1)</script>" * 100})
    assert len(str(err.value)) < 300
    assert diagnostic.scorer({" q01 ": " C "})["quotidien"] == 100.0          # espaces et casse tolérés


def test_regle_sans_reponse_inconnue():
    with pytest.raises(EntreeInvalide, match="ignorer"):
        diagnostic.profil({}, sans_reponse="moyenne")


# ------------------------------------------------------------------------------------ recommandations

def test_recommandations_pour_trier_des_candidatures():
    r = diagnostic.recommandations(["U09"], JARDINS).iloc[0]
    assert r["usage"] == "Trier des candidatures (salariés ou bénévoles)" and r["vigilance"] == "élevée"
    # Priorités de l'usage : biais, responsabilité, transparence, consentement, données. Dans JARDINS, la
    # responsabilité (Q17 = c, le maximum) est en place : elle passe en dernier ; les autres gardent leur ordre.
    assert r["enjeux"] == ("biais", "transparence", "consentement", "donnees", "responsabilite")
    assert r["etats"] == ("à travailler", "à vérifier (question sans réponse)", "à travailler", "à travailler",
                          "en place selon vos réponses")
    assert r["questions"][0].startswith("Biais : L'outil écarte-t-il plus souvent")
    assert r["modules"] == ("05", "06")
    assert "2 décembre 2027" in r["note_droit"] and "L1221-8" in r["note_droit"]


def test_l_ordre_des_enjeux_suit_les_reponses():
    sans = diagnostic.recommandations("U09", {}).iloc[0]
    assert sans["enjeux"] == ("biais", "responsabilite", "transparence", "consentement", "donnees")
    assert set(sans["etats"]) == {"à vérifier (question sans réponse)"}
    tout = diagnostic.recommandations("U09", _extreme(max)).iloc[0]
    assert tout["enjeux"] == sans["enjeux"] and set(tout["etats"]) == {"en place selon vos réponses"}
    biais_ok = diagnostic.recommandations("U09", {"Q15": "c", "Q17": "a"}).iloc[0]
    assert biais_ok["enjeux"][-1] == "biais" and biais_ok["enjeux"][0] == "responsabilite"


def test_recommandations_rangees_par_vigilance_et_libelles_acceptes():
    r = diagnostic.recommandations(["rediger des courriers et des MAILS", "U06", "u07", "U06"], {})
    assert r["id"].tolist() == ["U07", "U06", "U01"]                  # élevée, moyenne, faible ; sans doublon
    assert r["modules"].iloc[0] == ("01", "02", "03", "04", "05")
    assert diagnostic.recommandations([], {}).empty
    assert diagnostic.recommandations(None, {}).empty


@pytest.mark.parametrize("usage", ["U99", "faire le café", 7, "<script>alert(1)</script>"])
def test_usage_inconnu(usage):
    with pytest.raises(EntreeInvalide, match="usage inconnu"):
        diagnostic.recommandations([usage], {})


def test_cinq_questions_d_un_usage_et_texte():
    q = diagnostic.questions_usage("U06")
    assert list(q) == list(diagnostic.ENJEUX.values())
    assert "IA" in q["Transparence"]
    texte = diagnostic.texte_recommandations(diagnostic.recommandations(["U06"], JARDINS))
    assert texte.startswith("■ Un chatbot d'accueil") and "07 — Un chatbot de FAQ" in texte
    assert diagnostic.texte_recommandations(diagnostic.recommandations([], {})).startswith("Aucun usage")


def test_conseils_pour_les_axes_faibles():
    c = diagnostic.conseils(diagnostic.profil(JARDINS))
    assert [libelle for libelle, _ in c] == ["Tâches du quotidien", "Fonctionnement de la structure",
                                             "Socle de confiance"]
    assert diagnostic.conseils(diagnostic.profil(_extreme(max))) == []


# ------------------------------------------------------------------------------ fichiers abîmés ou absents

@pytest.fixture
def donnees_copiees(tmp_path, monkeypatch):
    for nom in (diagnostic.QUESTIONNAIRE, diagnostic.USAGES):
        shutil.copy(data.chemin(nom), tmp_path / nom)
    monkeypatch.setattr(data, "DATA_DIR", tmp_path)
    return tmp_path


def _remplacer(path, ancien: str, nouveau: str) -> None:
    texte = path.read_text(encoding="utf-8")
    assert ancien in texte
    path.write_text(texte.replace(ancien, nouveau, 1), encoding="utf-8")


def test_fichier_absent(donnees_copiees):
    (donnees_copiees / diagnostic.QUESTIONNAIRE).unlink()
    with pytest.raises(DonneesIndisponibles, match="diagnostic_ia.csv » est introuvable"):
        diagnostic.scorer({})
    (donnees_copiees / diagnostic.USAGES).unlink()
    with pytest.raises(DonneesIndisponibles, match="diagnostic_usages.csv » est introuvable"):
        diagnostic.usages()


@pytest.mark.parametrize("fichier, ancien, nouveau, morceau", [
    ("diagnostic_ia.csv", "vague idée,1", "vague idée,beaucoup", "Q01, option b, n'a pas de points"),
    ("diagnostic_ia.csv", "vague idée,1", "vague idée,", "Q01, option b, n'a pas de points"),
    ("diagnostic_ia.csv", "Q05,metier", "Q05,métier", "axe inconnu « métier »"),
    ("diagnostic_ia.csv", "Q15,socle,biais", "Q15,socle,biaiss", "enjeu inconnu"),
    ("diagnostic_ia.csv", "question_id,axe", "identifiant,axe", "colonnes manquantes : question_id"),
    ("diagnostic_usages.csv", "04;05;06,", "04;05;12,", "l'usage U08 cite un module inconnu « 12 »"),
    ("diagnostic_usages.csv", ",élevée,Proposer", ",haute,Proposer", "vigilance inconnue « haute »"),
    ("diagnostic_usages.csv", "biais;transparence,", "biais;biais,", "priorités invalides"),
])
def test_fichier_abime(donnees_copiees, fichier, ancien, nouveau, morceau):
    _remplacer(donnees_copiees / fichier, ancien, nouveau)
    with pytest.raises(DonneesIndisponibles) as err:
        diagnostic.recommandations(["U01"], {})           # lit le questionnaire et les usages
    assert morceau in str(err.value) and f"datasets/{fichier}" in str(err.value)


def test_questionnaire_illisible_ou_vide(donnees_copiees):
    chemin = donnees_copiees / diagnostic.QUESTIONNAIRE
    chemin.write_bytes(b"\xff\xfe\x00q\x00u\x80\x81")
    with pytest.raises(DonneesIndisponibles, match="illisible"):
        diagnostic.questions()
    chemin.write_text("", encoding="utf-8")
    with pytest.raises(DonneesIndisponibles, match="illisible|abîmé"):
        diagnostic.questions()


def test_question_sans_point_possible(donnees_copiees):
    chemin = donnees_copiees / diagnostic.QUESTIONNAIRE
    lignes = chemin.read_text(encoding="utf-8").splitlines()
    gardees = [lignes[0]] + [l if not l.startswith("Q02,") else l[: l.rindex(",")] + ",0" for l in lignes[1:]]
    chemin.write_text("\n".join(gardees) + "\n", encoding="utf-8")
    with pytest.raises(DonneesIndisponibles, match="aucune option de la question Q02 ne rapporte de point"):
        diagnostic.scorer({})


# ---------------------------------------------------------------------------- figure, nom, confidentialité

def test_figure_et_texte_alternatif():
    fig, alt = diagnostic.figure_profil(diagnostic.profil({"Q01": "c", "Q05": "a"}), titre="Profil test")
    ax = fig.axes[0]
    assert ax.get_title() == "Profil test" and ax.get_xlabel().startswith("Score sur 100") and ax.get_ylabel()
    assert len(ax.patches) == 2                                     # deux axes répondus : deux barres
    for libelle in diagnostic.AXES.values():
        assert libelle in alt
    assert "Tâches du quotidien : 100 sur 100 (solide" in alt
    assert "Socle de confiance : sans réponse (réponse à 0 question sur 5)" in alt
    with pytest.raises(EntreeInvalide):
        diagnostic.figure_profil({"Q01": "c"})


def test_nettoyer_nom():
    assert diagnostic.nettoyer_nom(None) == ("", False)
    assert diagnostic.nettoyer_nom("  Les  Jardins\n du\tLien 🌱 ") == ("Les Jardins du Lien 🌱", False)
    assert diagnostic.nettoyer_nom("a\x00b\x1bc") == ("a b c", False)
    nom, tronque = diagnostic.nettoyer_nom("é" * 10_000)
    assert tronque and len(nom) == diagnostic.MAX_NOM and nom.endswith("…")


def test_resume_imprimable():
    texte = diagnostic.resume_texte(JARDINS, ["U09", "U06"], nom_structure="Association Les Jardins du Lien")
    assert texte.startswith("DIAGNOSTIC IA — Association Les Jardins du Lien")
    assert "Questions avec une réponse : 15 sur 17" in texte
    assert "Tâches du métier : 55,6 (en chemin) — 4/4 questions" in texte
    assert texte.index("Trier des candidatures") < texte.index("Un chatbot d'accueil")
    assert diagnostic.resume_texte({}, nom_structure="").startswith("DIAGNOSTIC IA — votre structure")


def test_rien_n_est_ecrit_ni_journalise(monkeypatch, caplog):
    diagnostic.questions(), diagnostic.usages()              # les fichiers de l'atelier sont lus une fois

    def interdit(*args, **kwargs):
        raise AssertionError(f"ouverture de fichier pendant le diagnostic : {args[:1]}")

    monkeypatch.setattr(builtins, "open", interdit)
    monkeypatch.setattr(io, "open", interdit)
    secret = "Structure très confidentielle 7f3a"
    with caplog.at_level(logging.DEBUG):
        diagnostic.resume_texte(JARDINS, ["U09"], nom_structure=secret)
        diagnostic.recommandations(["U07"], JARDINS)
    assert secret not in caplog.text and "Q01" not in caplog.text


# ------------------------------------------------------------------- le tableau de bord, sans navigateur

def test_tableau_de_bord_sans_navigateur():
    from atelier.ui import messages
    from atelier.ui.diagnostic import DiagnosticApp

    app = DiagnosticApp()
    assert len(app.radios) == 17 and len(app.cases) == 15
    app.voir()
    assert app.alerte.value == messages.DIAG_VIDE and app.resultat.layout.display == "none"
    for qid, lettre in JARDINS.items():
        app.radios[qid].value = lettre
    app.cases["U09"].value = True
    app.nom.value = "<script>alert(1)</script>" + "x" * 10_000
    app.voir()
    assert app.resultat.layout.display == "flex"
    assert app.alerte.value == messages.DIAG_NOM_TRONQUE.format(n=diagnostic.MAX_NOM)
    assert app.nom_affiche.value.startswith("Structure : <script>alert(1)</script>")       # Label : texte brut
    assert len(app.nom_affiche.value) == len("Structure : ") + diagnostic.MAX_NOM
    assert "<script" not in app.recos.value and "<script" not in app.figure.value           # HTML : rien de tapé
    assert "data:image/png;base64," in app.figure.value and "Tâches du métier : 55,6 sur 100" in app.figure.value
    assert "data-module='05'" in app.recos.value and "data-module='06'" in app.recos.value
    app.radios["Q01"].value = "c"
    assert app.perime.value == messages.DIAG_PERIME
    app.tout_effacer()
    assert all(r.value is None for r in app.radios.values()) and app.resultat.layout.display == "none"


def test_tableau_de_bord_sans_donnees(tmp_path, monkeypatch):
    from atelier.ui.diagnostic import application

    monkeypatch.setattr(data, "DATA_DIR", tmp_path)
    vue = application()
    textes = [getattr(w, "value", "") for w in vue.children]
    assert any("diagnostic_ia.csv » est introuvable" in t for t in textes)
