"""Tests de atelier.recrutement (le recruteur robot, module 06) et de son tableau de bord, sans navigateur.

La logique (rendu, variantes, classement, présélection, agrégation de l'audit) est testée avec des plongements
factices et déterministes (rapides, réponses connues) ; le vrai modèle (multilingual-e5-small) est utilisé sur un
petit sous-ensemble de CV, pour vérifier que la chaîne complète tourne et reste déterministe.
"""
import hashlib

import numpy as np
import pandas as pd
import pytest

from atelier import data, embeddings, recrutement, statistiques
from atelier.erreurs import DonneesIndisponibles, EntreeInvalide


@pytest.fixture(autouse=True)
def _memoire_neuve():
    recrutement.vider_cache()
    yield
    recrutement.vider_cache()


def _vecteur_factice(texte: str) -> np.ndarray:
    graine = int(hashlib.sha256(texte.encode()).hexdigest()[:8], 16)
    v = np.random.default_rng(graine).normal(size=384).astype(np.float32)
    return v / np.linalg.norm(v)


@pytest.fixture
def modele_factice(monkeypatch):
    """Remplace le modèle par des vecteurs tirés de l'empreinte du texte ; note chaque appel (textes, cache)."""
    appels = []

    def encode(textes, prefixe="query", cache=False, progression=None):
        textes = [textes] if isinstance(textes, str) else list(textes)
        appels.append((prefixe, cache, list(textes)))
        return np.vstack([_vecteur_factice(prefixe + t) for t in textes])

    monkeypatch.setattr(embeddings, "encode", encode)
    return appels


PAUSE = 2.5


@pytest.fixture
def scores_imposes(monkeypatch):
    """Des scores choisis à la main : CVnn reçoit 100 − nn (le classement suit donc l'ordre des identifiants) ;
    ajouter une pause dans le parcours rapporte PAUSE points, l'enlever en coûte autant ; rien d'autre ne compte."""
    t = recrutement.cvs()
    base = {(c, f): (100.0 - int(i[2:]), bool(g))
            for i, c, f, g in zip(t["id"], t["competences"], t["formation"], t["interruption"])}

    def scores_textes(textes, atelier=True):
        out = []
        for texte in textes:
            champs = dict(l.split(" : ", 1) for l in texte.splitlines())
            s, avait = base[(champs["Compétences"], champs["Formation"])]
            out.append(s + PAUSE * (("Interruption de carrière" in champs) - avait))
        return np.array(out)

    monkeypatch.setattr(recrutement.tri, "scores_textes", scores_textes)


@pytest.fixture
def dossier(tmp_path, monkeypatch):
    """Un dossier de données vide (les fichiers de l'atelier n'y sont pas)."""
    monkeypatch.setattr(data, "DATA_DIR", tmp_path)
    recrutement.vider_cache()
    return tmp_path


def _copier(dossier_cible, *fichiers):
    for f in fichiers:
        (dossier_cible / f).write_bytes((data.Path(__file__).resolve().parents[1] / "datasets" / f).read_bytes())


# --- les données ------------------------------------------------------------------------------------------

def test_quarante_cv_varies_et_une_offre():
    t = recrutement.cvs()
    assert len(t) >= 40 and t["id"].is_unique
    assert set(t["genre"]) == {"F", "M"} and min(t["genre"].value_counts()) >= 15
    assert t["pertinence"].value_counts().min() >= 10                   # forte, partielle, faible
    assert set(t["consonance"]) == set(recrutement.CONSONANCES)
    assert ((t["consonance"] == "hexagonale") != (t["consonance_echange"] == "hexagonale")).all()
    assert t["ville"].nunique() >= 8 and (t["interruption"] != "").sum() >= 8
    for ville, quartier in zip(t["ville"], t["quartier"]):
        assert quartier in recrutement.QUARTIERS[ville]
    assert sum(q == recrutement.QUARTIERS[v][1] for v, q in zip(t["ville"], t["quartier"])) >= 15
    assert t["age"].min() < 25 and t["age"].max() > 55
    o = recrutement.offre()
    assert o.startswith("Chargé·e de communication") and "économie sociale et solidaire" in o
    assert "<!--" not in o


def test_chaque_cv_porte_le_genre_dans_ses_accords():
    for _, c in recrutement.cvs().iterrows():
        f = recrutement.texte_cv({**c.to_dict(), "genre": "F"})
        m = recrutement.texte_cv({**c.to_dict(), "genre": "M"})
        assert f != m, c["id"]                                # au moins un accord change
        assert recrutement.lignes_changees(f, m) and set(recrutement.lignes_changees(f, m)) <= {"Titre", "Profil",
                                                                                             "Expériences"}


# --- rendu et variantes --------------------------------------------------------------------------------

def test_rendu_d_un_cv():
    t = recrutement.texte_cv("CV01")
    lignes = t.splitlines()
    assert lignes[0] == "Prénom : Julie" and lignes[1] == "Titre : Chargée de communication"
    assert "Âge : 27 ans" in lignes and "Adresse : La Duchère, Lyon" in lignes
    assert not any(l.startswith("Interruption") for l in lignes)
    assert "Interruption de carrière : 2 ans (2016-2018) : congé parental" in recrutement.texte_cv("CV08")
    assert recrutement.texte_cv(recrutement.cv("cv01")) == t                # identifiant ou dictionnaire


@pytest.mark.parametrize("detail, valeur", [
    ("prenom", "Samira"), ("genre", "M"), ("age", 42), ("adresse", "Brotteaux"),
    ("interruption", recrutement.INTERRUPTION_AUDIT),
])
def test_une_variante_change_exactement_un_detail(detail, valeur):
    c = recrutement.cv("CV01")
    v = recrutement.variante(c, detail, valeur)
    differences = {k for k in c if c[k] != v[k]}
    assert differences == {recrutement.CHAMP_DETAIL[detail]}
    assert c == recrutement.cv("CV01")                                   # l'original n'est pas modifié
    changees = recrutement.lignes_changees(recrutement.texte_cv(c), recrutement.texte_cv(v))
    assert changees and set(changees) <= set(recrutement.LIGNES_DETAIL[detail])


def test_enlever_une_interruption():
    v = recrutement.variante("CV08", "interruption", "")
    assert "Interruption" not in recrutement.texte_cv(v)
    assert recrutement.lignes_changees(recrutement.texte_cv("CV08"), recrutement.texte_cv(v)) == [
        "Interruption de carrière"]


@pytest.mark.parametrize("cv_id", ["CV01", "CV02", "CV08", "CV12", "CV23", "CV40"])
def test_paires_du_testing(cv_id):
    c = recrutement.cv(cv_id)
    for detail in recrutement.DETAILS:
        a, b = recrutement.paire_audit(c, detail)
        assert c in (a, b)                                               # l'une des deux est le CV tel qu'écrit
        assert {k for k in a if a[k] != b[k]} == {recrutement.CHAMP_DETAIL[detail]}
    a, b = recrutement.paire_audit(c, "prenom")
    consonance = dict(zip([c["prenom"], c["prenom_echange"]], [c["consonance"], c["consonance_echange"]]))
    assert consonance[a["prenom"]] == "hexagonale" != consonance[b["prenom"]]
    a, b = recrutement.paire_audit(c, "genre")
    assert (a["genre"], b["genre"]) == ("M", "F")
    a, b = recrutement.paire_audit(c, "age")
    assert b["age"] - a["age"] == recrutement.AGE_ECART and b["age"] <= max(c["age"], recrutement.AGE_MAX_VARIANTE)
    a, b = recrutement.paire_audit(c, "adresse")
    assert (a["quartier"], b["quartier"]) == recrutement.QUARTIERS[c["ville"]]
    a, b = recrutement.paire_audit(c, "interruption")
    assert a["interruption"] == "" and b["interruption"]


# --- saisies refusées, en français ---------------------------------------------------------------------

@pytest.mark.parametrize("valeur, message", [
    ("", "écrivez un prénom"), ("   ", "écrivez un prénom"), ("a" * 10_000, "au plus 40 caractères"),
    ("<script>alert(1)</script>", "que des lettres"), ("Zoé 🙂", "émojis"), ("R2D2", "pas de chiffres"),
    (None, "doit être un texte"), ("---", "que des lettres"),
])
def test_prenom_refuse(valeur, message):
    with pytest.raises(EntreeInvalide, match=message):
        recrutement.variante("CV01", "prenom", valeur)


def test_prenoms_acceptes():
    for p in ("Marie-Ève", "N'Golo", "Zoé", "Jean Paul", "Åsa", "Ngọc"):
        assert recrutement.variante("CV01", "prenom", p)["prenom"] == p
    assert recrutement.variante("CV01", "prenom", "  Marie   Ève ")["prenom"] == "Marie Ève"


@pytest.mark.parametrize("detail, valeur, message", [
    ("age", 12, "entre 16 et 75"), ("age", 200, "entre 16 et 75"), ("age", True, "nombre entier"),
    ("age", "trente", "nombre entier"), ("age", 30.5, "nombre entier"),
    ("genre", "X", "« F »"), ("adresse", "Le Marais", "La Duchère"), ("interruption", "x" * 500, "150 caractères"),
    ("interruption", 3, "un texte"), ("couleur", "bleu", "détail inconnu"),
])
def test_autres_saisies_refusees(detail, valeur, message):
    with pytest.raises(EntreeInvalide, match=message):
        recrutement.variante("CV01", detail, valeur)


def test_cv_inconnu():
    with pytest.raises(EntreeInvalide, match="CV inconnu.*CV01 à CV40"):
        recrutement.cv("CV99")
    with pytest.raises(EntreeInvalide, match="CV inconnu"):
        recrutement.essai("<b>x</b>", "age", 30)
    with pytest.raises(EntreeInvalide):
        recrutement.variante(42, "age", 30)
    with pytest.raises(EntreeInvalide, match="détail inconnu"):
        recrutement.audit(recrutement.cvs().head(1), details=("prenom", "salaire"))
    with pytest.raises(EntreeInvalide, match="détail inconnu"):
        recrutement.valeurs_proposees("CV01", "salaire")


# --- fichiers absents ou abîmés ----------------------------------------------------------------------------

def test_fichiers_absents(dossier):
    with pytest.raises(DonneesIndisponibles, match="cv_fictifs.csv.*introuvable") as err:
        recrutement.cvs()
    assert isinstance(err.value, FileNotFoundError) and len(err.value._render_traceback_()) == 1
    with pytest.raises(DonneesIndisponibles, match="offre_recruteur.md.*introuvable"):
        recrutement.offre()


@pytest.mark.parametrize("contenu, raison", [
    (b"", "illisible"), (b"\xff\xfe\x00abime\xff", "illisible"), (b"a,b\n1,2\n", "colonnes manquantes"),
])
def test_csv_abime(dossier, contenu, raison):
    (dossier / recrutement.FICHIER_CV).write_bytes(contenu)
    with pytest.raises(DonneesIndisponibles, match=f"cv_fictifs.csv.*{raison}"):
        recrutement.cvs()


@pytest.mark.parametrize("colonne, valeur, raison", [
    ("genre", "X", "genre autre que F ou M"), ("age", "vingt", "âge qui n'est pas un nombre"),
    ("age", "9", "âge hors"), ("quartier", "Montmartre", "quartier inconnu"), ("ville", "Brest", "ville sans"),
    ("consonance_echange", "hexagonale", "chaque CV doit opposer"), ("id", "CV02", "identifiants en double"),
    ("titre_f", " ", "colonne titre_f vide"),
])
def test_csv_aux_valeurs_inattendues(dossier, colonne, valeur, raison):
    _copier(dossier, recrutement.FICHIER_CV)
    t = pd.read_csv(dossier / recrutement.FICHIER_CV, dtype=str, keep_default_na=False)
    t.loc[0, colonne] = valeur
    t.to_csv(dossier / recrutement.FICHIER_CV, index=False)
    with pytest.raises(DonneesIndisponibles, match=raison):
        recrutement.cvs()


def test_offre_sans_reperes(dossier):
    (dossier / recrutement.FICHIER_OFFRE).write_text("# Une offre\n\nPas de lignes de repère ici.\n", encoding="utf-8")
    with pytest.raises(DonneesIndisponibles, match="offre_recruteur.md.*abîmé"):
        recrutement.offre()
    (dossier / recrutement.FICHIER_OFFRE).write_bytes(b"\xff\xfe\x00")
    with pytest.raises(DonneesIndisponibles, match="illisible"):
        recrutement.offre()


# --- classement et présélection (scores imposés : la bonne réponse est connue) ------------------------------

def test_classement_et_shortlist(scores_imposes):
    c = recrutement.classement()
    assert c["id"].tolist() == [f"CV{i:02d}" for i in range(1, 41)]
    assert c["rang"].tolist() == list(range(1, 41)) and c["score"].is_monotonic_decreasing
    k = recrutement.TAILLE_PRESELECTION
    assert c["retenu"].sum() == k and c["retenu"].iloc[:k].all()
    s = recrutement.preselection()
    assert len(s) == k and s["id"].tolist() == c["id"].head(k).tolist()


def test_rang_parmi_et_ex_aequo():
    autres = pd.DataFrame({"id": ["CV01", "CV02", "CV03", "CV05"], "score": [90.0, 80.0, 80.0, 70.0]})
    assert recrutement.rang_parmi(95, "CV04", autres) == 1
    assert recrutement.rang_parmi(80, "CV04", autres) == 4          # ex aequo : départagés par l'identifiant
    assert recrutement.rang_parmi(80, "CV00", autres) == 2
    assert recrutement.rang_parmi(10, "CV04", autres) == 5
    assert recrutement.rang_parmi(85, "CV02", autres) == 2           # le CV lui-même ne compte pas


def test_essai_entre_et_sort_de_la_preselection(scores_imposes):
    assert recrutement.TAILLE_PRESELECTION == 8                         # les réponses ci-dessous sont calculées pour 8
    e = recrutement.essai("CV09", "interruption", recrutement.INTERRUPTION_AUDIT)    # 91 → 93,5 : passe devant CV07
    assert (e["score_avant"], e["score_apres"], e["difference"]) == (91, 93.5, 2.5)
    assert (e["rang_avant"], e["rang_apres"], e["mouvement"]) == (9, 7, "entre dans la présélection")
    assert not e["retenu_avant"] and e["retenu_apres"] and e["n"] == 40
    assert e["lignes_changees"] == ["Interruption de carrière"]
    e = recrutement.essai("CV08", "interruption", "")                   # 92 → 89,5 : derrière CV09 et CV10
    assert (e["rang_avant"], e["rang_apres"], e["mouvement"]) == (8, 10, "sort de la présélection")
    e = recrutement.essai("CV07", "interruption", recrutement.INTERRUPTION_AUDIT)
    assert (e["rang_apres"], e["mouvement"]) == (5, "reste dans la présélection")
    e = recrutement.essai("CV20", "genre", "F")
    assert e["difference"] == 0 and e["mouvement"] == "reste hors de la présélection"


def test_audit_sur_scores_imposes(scores_imposes):
    paires = recrutement.audit()
    assert len(paires) == 40 * len(recrutement.DETAILS)
    pause = paires[paires["detail"] == "interruption"]
    assert (pause["difference"] == PAUSE).all()                        # B (avec pause) − A (sans) = + 2,5
    assert sorted(pause.loc[pause["bascule"], "id"]) == ["CV08", "CV09", "CV10"]
    assert (pause.loc[pause["bascule"], "sens"] == "B gagne une place").all()
    autres = paires[paires["detail"] != "interruption"]
    assert (autres["difference"] == 0).all() and not autres["bascule"].any()
    r = recrutement.resumer_audit(paires, n_permutations=500, n_bootstrap=500).set_index("detail")
    assert r.loc["interruption", "moyenne"] == pytest.approx(PAUSE) == r.loc["interruption", "ic_bas"]
    assert (r.loc["interruption", "n_gagne"], r.loc["interruption", "n_perd"]) == (3, 0)
    assert r.loc["interruption", "p"] < 0.01
    assert r.loc["genre", "p"] == 1.0 and "ne change pour aucun" in r.loc["genre", "phrase"]


# --- agrégation de l'audit sur un cas fait main --------------------------------------------------------------

def _paires_main():
    lignes = []
    for i in range(20):                                      # âge : toujours − 1 point ; 2 CV perdent leur place
        perd = i < 2
        lignes.append({"id": f"CV{i:02d}", "detail": "age", "difference": -1.0 + 0.01 * (i % 3),
                       "sens": "B perd sa place" if perd else "", "bascule": perd})
    for i in range(20):                                      # prénom : ± 0,5, moyenne exactement nulle
        lignes.append({"id": f"CV{i:02d}", "detail": "prenom", "difference": 0.5 if i % 2 else -0.5,
                       "sens": "B gagne une place" if i == 3 else "", "bascule": i == 3})
    return pd.DataFrame(lignes)


def test_resumer_audit_cas_connu():
    r = recrutement.resumer_audit(_paires_main(), n_permutations=2000, n_bootstrap=2000)
    assert r["detail"].tolist() == ["prenom", "age"]                  # ordre de DETAILS
    age, prenom = r.set_index("detail").loc["age"], r.set_index("detail").loc["prenom"]
    attendu = _paires_main().query("detail == 'age'")["difference"]
    assert age["moyenne"] == pytest.approx(attendu.mean()) and age["n"] == 20
    assert age["ic_bas"] <= age["moyenne"] <= age["ic_haut"] < 0
    assert age["p"] < 0.01 and (age["n_perd"], age["n_gagne"], age["n_bascules"]) == (2, 0, 2)
    assert age["ecart_absolu_moyen"] == pytest.approx(attendu.abs().mean())
    assert "plus bas de 0,99 point" in age["phrase"] and "p < 0,001" in age["phrase"]
    assert "ne contient pas 0" in age["phrase"]
    assert "2 CV sur 20 : 2 perdent leur place, 0 en gagne une" in age["phrase"]
    assert prenom["moyenne"] == pytest.approx(0) and prenom["p"] > 0.9
    assert prenom["ic_bas"] < 0 < prenom["ic_haut"] and prenom["ecart_absolu_moyen"] == pytest.approx(0.5)
    assert "le même score à 0,01 point près" in prenom["phrase"] and "contient 0" in prenom["phrase"]
    # les statistiques sont celles d'atelier.statistiques, pas une copie
    d = _paires_main().query("detail == 'age'")["difference"]
    assert age["p"] == statistiques.test_permutation_apparie(d, n=2000)
    assert (age["ic_bas"], age["ic_haut"]) == statistiques.ic_bootstrap(d, n=2000)
    texte = recrutement.formater_resume(r)
    assert texte.splitlines()[1].startswith("âge (20 CV) : moyenne B − A = −0,99")


def test_figure_audit():
    import matplotlib

    matplotlib.use("Agg")
    import matplotlib.pyplot as plt

    paires = _paires_main()
    r = recrutement.resumer_audit(paires, n_permutations=200, n_bootstrap=200)
    fig, alt = recrutement.figure_audit(r, paires)
    assert len(fig.axes) == 2 and fig.axes[0].get_xlabel() and fig.axes[1].get_xlabel()
    assert "âge : −0,99 point en moyenne" in alt and "2 décisions changées" in alt and "petits points gris" in alt
    plt.close(fig)


def test_p_valeur_lisible():
    assert recrutement.texte_p(0.0001) == "p < 0,001" and recrutement.texte_p(0.0421) == "p = 0,042"


# --- confidentialité : ce qui va dans le cache disque -------------------------------------------------------

def test_seuls_les_textes_de_l_atelier_vont_en_cache(modele_factice):
    recrutement.essai("CV01", "prenom", "Samira")                    # valeur proposée : texte de l'atelier
    assert all(cache for _, cache, _ in modele_factice)
    assert {kind for kind, _, _ in modele_factice} == {"query", "passage"}
    modele_factice.clear()
    e = recrutement.essai("CV01", "prenom", "Zéphyrine")             # prénom tapé par quelqu'un
    assert modele_factice == [("passage", False, [e["texte_apres"]])]
    assert all("Zéphyrine" not in t for t in recrutement._scores_atelier)   # rien gardé en mémoire non plus
    modele_factice.clear()
    recrutement.essai("CV01", "age", 61)                             # âge libre : pas de cache non plus
    assert [c for _, c, _ in modele_factice] == [False]


def test_chaine_complete_avec_des_vecteurs_factices(modele_factice):
    c1, c2 = recrutement.classement(), recrutement.classement()
    assert c1.equals(c2)
    paires = recrutement.audit(recrutement.cvs().head(3))
    assert len(paires) == 15 and paires["rang_a"].between(1, 3).all()


# --- avec le vrai modèle (un petit sous-ensemble) --------------------------------------------------------------

def test_vrai_modele_deterministe_et_sense():
    table = recrutement.cvs().set_index("id").loc[["CV01", "CV05", "CV20", "CV38"]].reset_index()
    c1 = recrutement.classement(table)
    recrutement.vider_cache()                                    # recalcul (depuis le cache disque)
    c2 = recrutement.classement(table)
    pd.testing.assert_frame_equal(c1, c2)
    assert c1["score"].between(0, 100).all()
    rang = dict(zip(c1["id"], c1["rang"]))
    assert rang["CV05"] < rang["CV20"] < rang["CV38"]            # communication > marketing > conduite de bus
    texte = recrutement.texte_cv("CV01")
    # recalculé à la volée (atelier=False) : le même score à l'écart entre processeurs près (cosinus ± 1e-3 × 100)
    assert recrutement.scores_textes([texte], atelier=False)[0] == pytest.approx(c1.set_index("id").loc["CV01", "score"],
                                                                                abs=0.1)
    paires = recrutement.audit(table.head(2), details=("prenom", "genre"))
    assert len(paires) == 4 and (paires["score_a"] != paires["score_b"]).all()


# --- cadre juridique et fiche de transparence ---------------------------------------------------------------------

def test_cadre_juridique_complet():
    ids = [e["id"] for e in recrutement.CADRE_JURIDIQUE]
    assert len(ids) == len(set(ids))
    for e in recrutement.CADRE_JURIDIQUE:
        assert e["reference"].strip() and len(e["en_clair"]) > 60
        assert e["statut"] in ("", recrutement.A_VERIFIER_JO)
    tout = " ".join(e["reference"] for e in recrutement.CADRE_JURIDIQUE)
    for ref in ("article 22", "considérant 71", "2024/1689", "annexe III, point 4 a)", "article 50", "article 4",
                "L1221-6", "L1221-8", "L1132-1", "225-1", "C-634/21", "30 janvier 2023", "10 octobre 2025",
                "13 novembre 2024", "19 novembre 2025"):
        assert ref in tout, ref
    omnibus = recrutement.entree_juridique("ia_omnibus")
    assert omnibus["statut"] == "à vérifier au Journal officiel" and "2 décembre 2027" in omnibus["en_clair"]
    texte = recrutement.texte_cadre_juridique()
    assert texte.startswith("État du droit au 28 novembre 2026") and "[à vérifier au Journal officiel]" in texte
    with pytest.raises(EntreeInvalide):
        recrutement.entree_juridique("loi_inconnue")
    for d in recrutement.DROITS_CANDIDATE:
        assert d["demande"] and d["fondement"] and d["aupres_de"]
    assert any("CNIL" in d["aupres_de"] for d in recrutement.DROITS_CANDIDATE)
    assert any("Défenseur des droits" in d["aupres_de"] for d in recrutement.DROITS_CANDIDATE)


def test_fiche_de_transparence(scores_imposes, monkeypatch):
    monkeypatch.setattr(embeddings, "decrire", lambda: "Modèle : modèle d'essai")
    r = recrutement.resumer_audit(_paires_main(), n_permutations=200, n_bootstrap=200)
    fiche = recrutement.fiche_transparence(r)
    assert list(fiche) == [cle for cle, _ in recrutement.CHAMPS_FICHE]
    assert all(v.strip() for v in fiche.values())
    assert fiche["modele"].startswith("modèle d'essai")
    assert f"Les {recrutement.TAILLE_PRESELECTION} meilleurs scores sur 40" in fiche["regle"]
    assert "Âge : écart moyen −0,99 point" in fiche["resultats"]
    texte = recrutement.formater_fiche(fiche)
    assert texte.count("\n") == len(recrutement.CHAMPS_FICHE) - 1 and "Règle de décision : " in texte
    assert "(à remplir)" in recrutement.formater_fiche({})


# --- le tableau de bord, sans navigateur ------------------------------------------------------------------------

def _resultat(**autres):
    base = {"id": "CV01", "detail": "prenom", "valeur_avant": "Julie", "valeur_apres": "<b>Samira</b>",
            "texte_avant": "Prénom : Julie\nÂge : 27 ans", "texte_apres": "Prénom : <img src=x onerror=alert(1)>\nÂge : 27 ans",
            "lignes_changees": ["Prénom"], "score_avant": 88.2412, "score_apres": 87.9159, "difference": -0.3253,
            "rang_avant": 8, "rang_apres": 10, "retenu_avant": True, "retenu_apres": False,
            "mouvement": "sort de la présélection", "n": 40}
    return {**base, **autres}


def test_tableau_de_bord_echappe_et_lit():
    from atelier.ui import messages, recruteur

    html = recruteur.rendre_cartes(_resultat())
    assert "<img" not in html and "&lt;img src=x" in html
    assert html.count("recruteur-change") == 2 and "Score : 88,24 sur 100" in html and "Rang : 10e sur 40" in html
    assert "Présélection : oui" in html and "Présélection : non" in html
    lecture = recruteur.phrase_lecture(_resultat())
    assert "« Julie » → « <b>Samira</b> »" in lecture and "(−0,33 point)" in lecture   # texte brut (widget Label)
    assert recruteur.phrase_lecture(_resultat(valeur_apres="Julie")) == messages.RECRUTEUR_IDENTIQUE
    assert recruteur.resultat_reel(_resultat()) == messages.RECRUTEUR_REPONSES[2]
    assert recruteur.resultat_reel(_resultat(retenu_avant=False)) == messages.RECRUTEUR_REPONSES[0]
    assert recruteur.resultat_reel(_resultat(retenu_avant=False, retenu_apres=True)) == messages.RECRUTEUR_REPONSES[1]
    enleve = recruteur.rendre_carte("apres", _resultat(texte_apres="Prénom : Julie",
                                                       lignes_changees=["Interruption de carrière"]))
    assert "<s>Interruption de carrière</s>" in enleve
    droit = recruteur.rendre_droit()
    assert "L1132-1" in droit and "28 novembre 2026" in droit and "Défenseur des droits" in droit
    assert set(messages.RECRUTEUR_CRITERES) == set(recrutement.DETAILS) == set(messages.RECRUTEUR_DETAILS)


def test_application_sans_navigateur(scores_imposes):
    from atelier.ui import messages, recruteur

    app = recruteur.RecruteurApp()
    assert app.prenom.value == "Samira" and app.genre.value == "M" and app.adresse.value == "Brotteaux"
    app.essayer()
    assert "« Julie » → « Samira »" in app.lecture.value and app.cartes.value
    app.prenom.value = "<script>alert(1)</script>"
    assert app.cartes.value == ""                                  # changer la saisie efface l'ancien résultat
    app.essayer()
    assert app.alerte.value.startswith("Ce choix ne convient pas : un prénom ne contient que des lettres")
    assert app.cartes.value == ""
    app.deviner.value = True
    app.prenom.value = "Samira"
    app.essayer()
    assert app.alerte.value == messages.RECRUTEUR_QUESTION and app.cartes.value == ""
    app.pari.value = messages.RECRUTEUR_REPONSES[0]
    app.essayer()
    assert app.retour_pari.value.startswith("Vous aviez répondu « Non, la décision ne change pas » ; en réalité")
    app.choix.value = "CV23"
    assert app.prenom.value == "Hanane" and app.cartes.value == "" and app.adresse.value == "Vieux-Lille"
