"""Les modèles génératifs du module 09 (atelier.generation) : probabilités du mot suivant rangées et de somme au
plus 1, tirage reproductible à graine égale, effet de la température, numpy seul dans le noyau (ni torch ni
tokenizers), saisies inhabituelles et fichier de poids abîmé. Aucun texte généré n'est comparé mot pour mot :
les arrondis du calcul changent d'un processeur à l'autre (seul un mot en tête avec une grande avance est
vérifié, sa marge mesurée ci-dessous)."""
from __future__ import annotations

import importlib.util
import json
import subprocess
import sys
from pathlib import Path

import numpy as np
import pandas as pd
import pytest

from atelier import data, generation, mini_transformeur, modele_ngrammes
from atelier.erreurs import DonneesIndisponibles, EntreeInvalide
from tests.scripts_du_depot import importer

RACINE = Path(__file__).resolve().parents[1]
BIZARRES = ["", "   ", "a " * 5000, "🙂🙂🙂", "<script>alert('x')</script><b>Accueillir</b> les",
            "How are you today, my friend?", "مرحبا بكم", "Accueillir les " * 700]


@pytest.fixture(params=generation.MODELES)
def modele(request) -> str:
    return request.param


# ------------------------------------------------------------------------------------- mots suivants : le tableau
def test_mots_suivants_ranges_et_somme_au_plus_un(modele):
    for debut in ("Accueillir les", "", "Réaliser l'entretien des", "conduire un"):
        t = generation.mots_suivants(debut, k=15, modele=modele)
        assert list(t.columns) == ["mot", "probabilite"] and 1 <= len(t) <= 15
        p = t["probabilite"].to_numpy()
        assert (p > 0).all() and (p <= 1).all() and p.sum() <= 1 + 1e-9
        assert (np.diff(p) <= 0).all()
        assert t["mot"].is_unique and all(isinstance(m, str) and m for m in t["mot"])


def test_ngrammes_une_vraie_distribution_dont_le_tableau_est_une_part():
    """Sur tout le vocabulaire, les probabilités de nltk.lm font 1 : le tableau des candidats en est une part."""
    lm = modele_ngrammes.modele()
    ctx = modele_ngrammes.contexte(modele_ngrammes.decouper_mots("Accueillir les"))
    total = sum(lm.score(m, ctx) for m in lm.vocab)
    assert total == pytest.approx(1.0, abs=1e-9)
    part = sum(modele_ngrammes.probabilites(ctx).values())
    assert 0.5 < part < total


def test_ex_aequo_ranges_par_le_mot():
    t = generation._tableau({"zèbre": 0.2, "abeille": 0.2, "chat": 0.5, "âne": 0.2}, k=3)
    assert t["mot"].tolist() == ["chat", "abeille", "zèbre"] or t["mot"].tolist() == ["chat", "abeille", "âne"]
    assert t["mot"].tolist()[:2] == ["chat", "abeille"]
    # Contrôle : l'ordre d'arrivée n'y change rien.
    u = generation._tableau({"âne": 0.2, "chat": 0.5, "zèbre": 0.2, "abeille": 0.2}, k=3)
    assert u["mot"].tolist() == t["mot"].tolist()


def test_transformeur_recherche_des_mots_exacte():
    """La recherche des mots entiers (plusieurs morceaux) donne les mêmes probabilités que le calcul direct, morceau
    par morceau, pour les premiers mots."""
    m = mini_transformeur.modele()
    dec = m.decoupeur
    t = generation.mots_suivants("Accueillir les", k=5)
    for mot, proba in zip(t["mot"], t["probabilite"]):
        if mot == generation.FIN:
            continue
        etat, p = m.debut("Accueillir les")
        directe = 1.0
        for numero in dec.morceaux_mot(mot):
            directe *= float(p[numero])
            p = m.lire(etat, [numero])
        directe *= float(p[dec.debuts].sum() + p[dec.fin])
        # le même mot peut aussi s'écrire par d'autres morceaux : la recherche les ajoute (jamais moins)
        assert proba >= directe * (1 - 1e-5)
        assert proba <= directe * 1.05 + 1e-6


def test_premier_mot_apres_accueillir_les(modele):
    """« clients » vient en tête après « Accueillir les » (les libellés ROME « Accueillir les clients… »), avec
    une avance mesurée (``datasets/mini_modele_cv.md``) bien plus grande que l'écart entre processeurs."""
    t = generation.mots_suivants("Accueillir les", k=3, modele=modele)
    assert t["mot"].iloc[0] == "clients"
    assert t["probabilite"].iloc[0] - t["probabilite"].iloc[1] >= 0.1


# ------------------------------------------------------------------------------------------------------ le tirage
def test_meme_graine_meme_texte(modele):
    a = generation.generer("Accueillir les", n_mots=12, graine=4, modele=modele)
    assert a == generation.generer("Accueillir les", n_mots=12, graine=4, modele=modele)
    assert a.startswith("Accueillir les") and len(modele_ngrammes.decouper_mots(a)) > 2
    autres = {generation.generer("Accueillir les", n_mots=12, temperature=1.0, graine=g, modele=modele)
              for g in range(6)}
    assert len(autres) >= 2                              # contrôle : la graine change bien le tirage


def test_temperature_zero_ne_depend_pas_de_la_graine_et_differe_du_tirage_chaud(modele):
    froid = {generation.generer("Réaliser", n_mots=10, temperature=0, graine=g, modele=modele) for g in range(4)}
    assert len(froid) == 1
    (glouton,) = froid
    chaud = [generation.generer("Réaliser", n_mots=10, temperature=1.5, graine=g, modele=modele) for g in range(6)]
    assert len(set(chaud)) >= 4 and sum(c != glouton for c in chaud) >= 4


def test_au_plus_n_mots(modele):
    for graine in range(5):
        texte = generation.generer("", n_mots=6, temperature=1.0, graine=graine, modele=modele)
        assert 1 <= len(modele_ngrammes.decouper_mots(texte)) <= 6
        assert texte[:1] == texte[:1].upper()


def test_tirer_suit_la_temperature():
    rng = np.random.default_rng(0)
    p = np.array([0.6, 0.3, 0.1])
    froid = [generation._tirer(p, 0.0, rng) for _ in range(50)]
    assert set(froid) == {0}
    tire = np.bincount([generation._tirer(p, 1.0, rng) for _ in range(4000)], minlength=3) / 4000
    assert np.allclose(tire, p, atol=0.03)
    chaud = np.bincount([generation._tirer(p, 5.0, rng) for _ in range(4000)], minlength=3) / 4000
    assert chaud[2] > 0.2 and chaud[0] < 0.5              # plus plat : les rares sortent plus souvent


# -------------------------------------------------------------------------------------------- numpy seul, et juste
def test_noyau_sans_torch_ni_tokenizers():
    code = ("import sys\nfrom atelier import generation\n"
            "print(generation.generer('Accueillir les', n_mots=5))\n"
            "print(generation.mots_suivants('Accueillir les', k=3).shape)\n"
            "print(sorted(m for m in ('torch', 'tokenizers', 'nltk') if m in sys.modules))\n")
    sortie = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True).stdout
    assert sortie.strip().splitlines()[-1] == "[]"
    bloque = "import sys; sys.modules.update(torch=None, tokenizers=None)\n"
    sortie = subprocess.run([sys.executable, "-c", bloque + code], capture_output=True, text=True, check=True).stdout
    assert "(3, 2)" in sortie
    # Contrôle négatif : le blocage empêche bien d'importer torch.
    assert subprocess.run([sys.executable, "-c", bloque + "import torch"], capture_output=True).returncode == 1


def test_lire_morceau_par_morceau_comme_tout_d_un_coup():
    m = mini_transformeur.modele()
    numeros = [m.decoupeur.fin] + m.decoupeur.encoder("Accueillir les clients et les orienter")
    etat_a, etat_b = mini_transformeur.Etat(m.couches), mini_transformeur.Etat(m.couches)
    d_un_coup = m.lire(etat_a, numeros)
    for n in numeros:
        un_par_un = m.lire(etat_b, [n])
    np.testing.assert_allclose(un_par_un, d_un_coup, rtol=1e-4, atol=1e-7)
    assert abs(float(d_un_coup.sum()) - 1) < 1e-5


def test_texte_plus_long_que_le_contexte():
    m = mini_transformeur.modele()
    etat, p = m.debut("Accueillir les clients " * 40)
    assert len(etat.numeros) <= m.longueur_max and abs(float(p.sum()) - 1) < 1e-5
    for _ in range(m.longueur_max):
        p = m.lire(etat, [int(np.argmax(p))])
    assert len(etat.numeros) <= m.longueur_max


@pytest.mark.skipif(importlib.util.find_spec("tokenizers") is None, reason="tokenizers absent")
def test_decoupage_comme_la_bibliotheque_tokenizers():
    from tokenizers import Tokenizer, models

    m = mini_transformeur.modele()
    dec = m.decoupeur
    fusions = [tuple(f.split(" ")) for f in sorted(dec.rangs, key=dec.rangs.get) for f in [" ".join(f)]]
    reference = Tokenizer(models.BPE(vocab=dec.numeros, merges=fusions, unk_token=mini_transformeur.INCONNU))
    mots = (modele_ngrammes.decouper_mots(" ".join(data.textes_fiches()["definition"].head(200)))
            + ["anticonstitutionnellement", "wifi", "œuvre", "þorn", "x", "zzzzzz", "123-456", "'", ","])
    for mot in mots:
        assert dec.morceaux_mot(mot) == reference.encode(mini_transformeur.DEBUT_MOT + mot).ids, mot
    assert dec.decoder(dec.encoder("Accueillir l'enfant, puis (bien-être)")) == "accueillir l'enfant, puis (bien-être)"


@pytest.mark.skipif(importlib.util.find_spec("torch") is None, reason="PyTorch absent (outils de test)")
def test_numpy_calcule_comme_pytorch(monkeypatch):
    """Les poids livrés, lus par le réseau PyTorch du script d'entraînement et par numpy : mêmes probabilités."""
    import torch

    script = importer("scripts/entrainer_mini_modele.py")
    m = mini_transformeur.modele()
    for constante, cle in (("DIMENSION", "dimension"), ("COUCHES", "couches"), ("TETES", "tetes"),
                           ("LARGEUR_MLP", "largeur_mlp"), ("LONGUEUR", "longueur_max")):
        monkeypatch.setattr(script, constante, int(m.meta[cle]))          # l'architecture des poids livrés
    reseau = script.construire_reseau(torch, len(m.decoupeur.vocabulaire))
    numpy_vers_torch = {v: k for k, v in script.noms_numpy(len(reseau.blocs)).items()}
    etat = {}
    for nom, valeur in m.w.items():
        v = torch.from_numpy(np.array(valeur))
        etat[numpy_vers_torch[nom]] = v.T.contiguous() if nom.endswith(("qkv.poids", "proj.poids", "mlp1.poids",
                                                                          "mlp2.poids")) else v
    reseau.load_state_dict(etat)
    reseau.eval()
    numeros = [m.decoupeur.fin] + m.decoupeur.encoder("Accueillir les clients et les")
    with torch.no_grad():
        attendu = torch.softmax(reseau(torch.tensor([numeros]))[0, -1], dim=-1).numpy()
    obtenu = m.lire(mini_transformeur.Etat(m.couches), numeros)
    np.testing.assert_allclose(obtenu, attendu, rtol=1e-3, atol=1e-6)


# ---------------------------------------------------------------------------------------------- saisies bizarres
@pytest.mark.parametrize("debut", BIZARRES, ids=range(len(BIZARRES)))
def test_saisies_inhabituelles_sans_erreur(debut, modele):
    t = generation.mots_suivants(debut, k=5, modele=modele)
    assert isinstance(t, pd.DataFrame) and 1 <= len(t) <= 5
    texte = generation.generer(debut, n_mots=5, graine=1, modele=modele)
    assert isinstance(texte, str) and "<script>" not in texte and "<b>" not in texte
    assert len(texte) <= generation.CARACTERES_LUS + 200


@pytest.mark.parametrize("appel, morceau", [
    (lambda: generation.mots_suivants(42), "doit être un texte"),
    (lambda: generation.generer(["a"]), "doit être un texte"),
    (lambda: generation.mots_suivants("a", k=0), "k (le nombre de mots)"),
    (lambda: generation.mots_suivants("a", k=1000), "de 1 à 100"),
    (lambda: generation.generer("a", n_mots=2.5), "n_mots"),
    (lambda: generation.generer("a", temperature=-1), "température"),
    (lambda: generation.generer("a", temperature=float("nan")), "température"),
    (lambda: generation.generer("a", temperature="chaud"), "température"),
    (lambda: generation.generer("a", graine=-3), "graine"),
    (lambda: generation.generer("a", modele="gpt"), "modèle inconnu"),
    (lambda: generation.taille_modele("<b>x</b>"), "ngrammes"),
])
def test_reglages_hors_bornes_message_en_francais(appel, morceau):
    with pytest.raises(EntreeInvalide, match=morceau.replace("(", r"\(").replace(")", r"\)")) as err:
        appel()
    assert isinstance(err.value, ValueError)


# ---------------------------------------------------------------------------------------------- poids abîmés
@pytest.fixture
def poids_ailleurs(tmp_path, monkeypatch):
    """Le fichier des poids lu depuis ``tmp_path`` (les autres fichiers de datasets/ restent les vrais)."""
    vrai_chemin = data.chemin

    def chemin(fichier):
        return tmp_path / fichier if fichier == mini_transformeur.FICHIER else vrai_chemin(fichier)

    monkeypatch.setattr(data, "chemin", chemin)
    mini_transformeur.modele.cache_clear()
    yield tmp_path / mini_transformeur.FICHIER
    mini_transformeur.modele.cache_clear()


def test_poids_absents_ou_tronques_message_clair(poids_ailleurs):
    with pytest.raises(DonneesIndisponibles, match="introuvable") as err:
        generation.generer("Accueillir les")
    assert "entrainer_mini_modele.py" in str(err.value) and "git checkout" in str(err.value)
    vrai = data.DATA_DIR / mini_transformeur.FICHIER
    octets = vrai.read_bytes()
    for coupe in (len(octets) // 2, 100, 0):
        poids_ailleurs.write_bytes(octets[:coupe])
        mini_transformeur.modele.cache_clear()
        with pytest.raises(DonneesIndisponibles, match="illisible"):
            generation.mots_suivants("Accueillir les")
    # le modèle n-grammes, lui, n'a pas besoin de ce fichier
    assert len(generation.mots_suivants("Accueillir les", k=3, modele="ngrammes")) == 3
    # Contrôle : le fichier entier se lit.
    poids_ailleurs.write_bytes(octets)
    mini_transformeur.modele.cache_clear()
    assert len(generation.mots_suivants("Accueillir les", k=3)) == 3


def test_poids_incomplets_message_clair(poids_ailleurs):
    tableaux, meta = mini_transformeur.lire_poids(data.DATA_DIR / mini_transformeur.FICHIER)
    del tableaux["mots"]
    np.savez(poids_ailleurs, **tableaux)
    with pytest.raises(DonneesIndisponibles, match="abîmé"):
        generation.generer("Accueillir les")


# ----------------------------------------------------------------------------------------------- taille, fiche
def test_taille_des_modeles_et_fiche_de_donnees():
    t = generation.taille_modele("transformeur")
    assert 300_000 <= t["parametres"] <= 3_000_000 and t["octets"] <= 5_000_000
    assert t["mots_corpus"] == modele_ngrammes.taille_corpus("entrainement") > 400_000
    meta = mini_transformeur.modele().meta
    assert meta["parametres"] == t["parametres"] and not meta["coupe_par_la_duree"]
    fiche = (data.DATA_DIR / "mini_modele_cv.md").read_text(encoding="utf-8")
    for chiffre in (meta["parametres"], meta["mots_entrainement"]):
        assert f"{chiffre:,}".replace(",", " ") in fiche, chiffre
    assert mini_transformeur.COMMANDE in fiche and "Licence Ouverte" in fiche
    n = generation.taille_modele("ngrammes")
    assert n["parametres"] > 100_000 and n["mots_corpus"] == t["mots_corpus"]


def test_decoupage_en_mots_et_partage_stable():
    assert modele_ngrammes.decouper_mots("L’aide-soignant·e <i>accueille</i> 🙂 les enfants.") == \
        ["l'", "aide-soignant", "e", "accueille", "les", "enfants", "."]
    assert modele_ngrammes.recoller(["accueillir", "les", "clients", ",", "puis", "l'", "aide"]) == \
        "accueillir les clients, puis l'aide"
    phrases = modele_ngrammes.phrases_corpus()
    ecart = sum(q == "ecart" for _, q in phrases) / len(phrases)
    assert 0.04 <= ecart <= 0.06
    assert modele_ngrammes.partie("Accueillir les clients à leur arrivée") == \
        modele_ngrammes.partie("Accueillir les clients à leur arrivée")
    assert json.loads(json.dumps(generation.MODELES)) == ["ngrammes", "transformeur"]
