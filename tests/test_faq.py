"""Tests de atelier.faq (robot de FAQ à réponses fixes) et de la logique de ui.chatbot, sans navigateur.

La logique du seuil est testée sur de petits tableaux de scores faits à la main, où le bon seuil se calcule de
tête. Le reste tourne sur la vraie FAQ et le vrai modèle (multilingual-e5-small) : le premier test calcule le
réglage par défaut (une vingtaine de secondes, une fois par session).
"""
import re

import numpy as np
import pandas as pd
import pytest

from atelier import data, embeddings, faq, statistiques
from atelier.erreurs import DonneesIndisponibles, EntreeInvalide


# --- le réglage par défaut : choisi sur « choix », jamais sur « test » ---------------------------------------

def test_le_reglage_ne_regarde_jamais_les_questions_test(monkeypatch):
    demandes = []
    vraie = faq.questions_test

    def espion(split=None):
        demandes.append(split)
        return vraie(split)

    monkeypatch.setattr(faq, "questions_test", espion)
    faq.reglage_par_defaut.cache_clear()
    faq._base.cache_clear()
    texte, kind, seuil = faq.reglage_par_defaut()
    assert demandes and set(demandes) == {"choix"}
    assert (texte, kind) in faq.REPRESENTATIONS and seuil in faq.SEUILS
    assert faq.seuil_par_defaut() == seuil and faq.base_par_defaut().prefixe == kind


# --- la logique du seuil, sur des scores faits à la main ------------------------------------------------------

def _a_la_main() -> pd.DataFrame:
    """7 questions : 3 prévues et bien reconnues (0,95 ; 0,92 ; 0,90), 1 prévue mais mal reconnue (0,86),
    3 hors champ (0,88 ; 0,84 ; 0,80). Le bon seuil est juste au-dessus de 0,88 et au plus 0,90."""
    return pd.DataFrame({"score": [0.95, 0.92, 0.90, 0.86, 0.88, 0.84, 0.80],
                         "dans_le_champ": [True, True, True, True, False, False, False],
                         "bon_id": [True, True, True, False, False, False, False],
                         "type": ["a", "a", "b", "b", "hors", "hors", "hors"],
                         "split": ["choix"] * 7})


def test_evaluer_a_la_main():
    res = _a_la_main()
    m = faq.evaluer(res, 0.90)
    assert m["couverture"] == pytest.approx(3 / 4)
    assert m["exactitude"] == pytest.approx(1.0)
    assert m["hors_champ_repondues"] == pytest.approx(0.0)
    assert m["justes_ou_refus"] == pytest.approx(6 / 7)
    assert (m["n_bonnes_reponses"], m["n_mauvaises_reponses"], m["n_refus_justifies"], m["n_refus_a_tort"]) == (3, 0, 3, 1)
    m = faq.evaluer(res, 0.85)                       # répond aussi à la mal reconnue et à une hors champ
    assert m["couverture"] == pytest.approx(1.0)
    assert m["exactitude"] == pytest.approx(3 / 4)
    assert m["hors_champ_repondues"] == pytest.approx(1 / 3)
    assert m["justes_ou_refus"] == pytest.approx(5 / 7)
    assert m["n_mauvaises_reponses"] == 2
    m = faq.evaluer(res, 0.99)                       # ne répond à rien : exactitude indéfinie, refus justifiés seuls
    assert m["couverture"] == 0 and np.isnan(m["exactitude"]) and m["justes_ou_refus"] == pytest.approx(3 / 7)


def test_choisir_seuil_a_la_main_et_egalites():
    res = _a_la_main()
    # 6/7 pour tout seuil dans ]0,88 ; 0,90] ; à égalité, la règle prend le plus haut
    assert faq.choisir_seuil("choix", res=res, seuils=[0.80, 0.85, 0.87, 0.885, 0.89, 0.90, 0.91]) == 0.90
    assert faq.choisir_seuil("choix", res=res) == 0.90           # sur la grille par défaut aussi
    courbe = faq.courbe_seuils(res, [0.80, 0.89, 0.95])
    assert list(courbe["justes_ou_refus"].round(4)) == [round(3 / 7, 4), round(6 / 7, 4), round(4 / 7, 4)]
    # seules les lignes du split demandé comptent
    autre = res.assign(split="test")
    autre.loc[0, "split"] = "choix"
    with pytest.raises(EntreeInvalide):
        faq.choisir_seuil("choix", res=res.assign(split="test"))
    assert faq.choisir_seuil("choix", res=autre, seuils=[0.5, 0.99]) == 0.5   # une seule question, bien reconnue


def test_intervalles_reutilisent_ic_bootstrap():
    res = _a_la_main()
    t = faq.evaluer_avec_ic(res, 0.90, n=500).set_index("mesure")
    assert list(t.index) == ["couverture", "exactitude", "hors_champ_repondues", "justes_ou_refus"]
    assert t.loc["couverture", "n"] == 4 and t.loc["exactitude", "n"] == 3 and t.loc["justes_ou_refus", "n"] == 7
    attendu = statistiques.ic_bootstrap([1, 1, 1, 0], n=500)
    assert (t.loc["couverture", "ic_bas"], t.loc["couverture", "ic_haut"]) == attendu
    assert ((t["ic_bas"] <= t["valeur"] + 1e-12) & (t["valeur"] <= t["ic_haut"] + 1e-12)).all()


def test_par_type_a_la_main():
    t = faq.par_type(_a_la_main(), 0.90).set_index("type")
    assert t.loc["a", "bien_traitees"] == 2 and t.loc["b", "bien_traitees"] == 1
    assert t.loc["hors", "bien_traitees"] == 3 and t["reponses_fausses"].sum() == 0


# --- répondre ---------------------------------------------------------------------------------------------

def test_une_question_exacte_de_la_faq_recoit_sa_reponse():
    table = faq.faq()
    for ligne in table.sample(8, random_state=0).itertuples():
        r = faq.repondre(ligne.question)
        assert not r.sait_pas and r.id == ligne.id, ligne.question
        assert r.texte == ligne.reponse and r.contact == ligne.contact
        assert r.id_second != r.id and r.score >= r.score_second
        assert faq.PIED_ROBOT in r.message() and f"Qui contacter : {ligne.contact}" in r.message()


def test_hors_champ_sous_le_seuil_je_ne_sais_pas():
    seuil = faq.seuil_par_defaut()
    r = faq.repondre("Quelle est la recette de la tarte aux pommes ?")
    assert r.score < seuil and r.sait_pas and r.id is None and r.confiance == "faible"
    assert r.texte == faq.SAIT_PAS.format(contact=faq.CONTACT_ACCUEIL)
    assert r.texte.startswith("Je ne sais pas, voici qui contacter : ")
    assert r.id_proche in set(faq.faq()["id"])                  # on garde la plus proche, pour expliquer
    assert faq.PIED_ROBOT in r.message()
    # le même score avec un seuil plus bas : le robot répond (c'est bien le seuil qui décide)
    assert not faq.repondre("Quelle est la recette de la tarte aux pommes ?", seuil=r.score - 0.01).sait_pas


def test_niveaux_de_confiance():
    assert faq.niveau_confiance(0.80, 0.87) == "faible"
    assert faq.niveau_confiance(0.87, 0.87) == "moyenne"
    assert faq.niveau_confiance(0.87 + faq.MARGE_ELEVEE, 0.87) == "élevée"


def test_saisies_difficiles():
    with pytest.raises(EntreeInvalide, match="vide"):
        faq.repondre("   \n ")
    with pytest.raises(EntreeInvalide, match="ni lettre ni chiffre"):
        faq.repondre("🙂🙂 !!")
    with pytest.raises(EntreeInvalide):
        faq.repondre(None)
    longue = faq.repondre("horaires " * 1200)                    # plus de 10 000 caractères
    assert longue.tronquee and len(longue.question) == faq.MAX_CARACTERES
    emoji = faq.repondre("🙂 code wifi ?")
    assert not emoji.tronquee and emoji.question == "🙂 code wifi ?"
    html = faq.repondre("<script>alert(1)</script>")
    assert html.question == "<script>alert(1)</script>"        # gardé tel quel : l'affichage l'échappe
    assert html.sait_pas


# --- fichiers absents ou abîmés -----------------------------------------------------------------------------

def test_fichier_absent_ou_abime(tmp_path, monkeypatch):
    monkeypatch.setattr(data, "DATA_DIR", tmp_path)
    with pytest.raises(DonneesIndisponibles, match=r"datasets/faq_epn\.csv.*introuvable"):
        faq.faq()
    (tmp_path / faq.FICHIER_FAQ).write_bytes(b"\xff\xfe\x00\x01 pas du texte \x80\x81")
    with pytest.raises(DonneesIndisponibles, match="illisible|abîmé"):
        faq.faq()
    (tmp_path / faq.FICHIER_FAQ).write_text("id,question\nF01,Bonjour ?\n", encoding="utf-8")
    with pytest.raises(DonneesIndisponibles, match="colonnes manquantes : categorie, reponse, contact"):
        faq.faq()
    (tmp_path / faq.FICHIER_FAQ).write_text("id,categorie,question,reponse,contact\nF01,a,b,c,d\nF01,a,b,c,d\n",
                                            encoding="utf-8")
    with pytest.raises(DonneesIndisponibles, match="deux fois"):
        faq.faq()
    (tmp_path / faq.FICHIER_FAQ).write_text("id,categorie,question,reponse,contact\nF01,a,b,,d\n", encoding="utf-8")
    with pytest.raises(DonneesIndisponibles, match="réponse vide pour : F01"):
        faq.faq()
    (tmp_path / faq.FICHIER_FAQ).write_text("id,categorie,question,reponse,contact\nF01,a,b,c,d\n", encoding="utf-8")
    with pytest.raises(DonneesIndisponibles, match=r"faq_questions_test\.csv.*introuvable"):
        faq.questions_test()
    entete = "id,question,ids_attendus,type,split,commentaire\n"
    (tmp_path / faq.FICHIER_QUESTIONS).write_text(entete + "T1,q,F99,a,choix,\n", encoding="utf-8")
    with pytest.raises(DonneesIndisponibles, match="absentes de la FAQ : F99"):
        faq.questions_test()
    (tmp_path / faq.FICHIER_QUESTIONS).write_text(entete + "T1,q,F01,a,entrainement,\n", encoding="utf-8")
    with pytest.raises(DonneesIndisponibles, match="split"):
        faq.questions_test()
    with pytest.raises(EntreeInvalide):
        faq.questions_test("validation")


# --- ajouter ses propres questions : en mémoire, rien sur le disque ---------------------------------------------

def _etat_disque(cache):
    """Taille et date de chaque fichier du cache de vecteurs, et des deux fichiers de la FAQ."""
    fichiers = list(cache.rglob("*")) if cache.exists() else []
    fichiers += [data.chemin(faq.FICHIER_FAQ), data.chemin(faq.FICHIER_QUESTIONS)]
    return {p: (p.stat().st_size, p.stat().st_mtime_ns) for p in fichiers}


def test_ajouter_ses_questions_sans_rien_ecrire(tmp_path):
    base = faq.base_par_defaut()
    n_avant, ids_avant = len(base), list(base.table["id"])
    cache = embeddings.cache_dir()
    lignes_cache = len(embeddings.modele().cache)
    avant = _etat_disque(cache)
    ma_base = base.copie()
    nouvel_id = ma_base.ajouter("Proposez-vous une aide pour remplir un dossier de bourse étudiante ?",
                                "Oui, le mercredi après-midi, avec votre numéro INE.", contact="Samia")
    assert nouvel_id == "M01" and len(ma_base) == n_avant + 1
    r = ma_base.repondre("aide dossier de bourse pour l'université", faq.seuil_par_defaut())
    assert r.id_proche == "M01" and r.contact == "Samia"
    ma_base.ajouter_formulation("F27", "Je suis en fauteuil roulant, je peux venir ?")
    assert ma_base.repondre("Je suis en fauteuil, je peux venir ?", faq.seuil_par_defaut()).id == "F27"
    assert ma_base.ajouter("Une autre question ?", "Une autre réponse.") == "M02"
    with pytest.raises(EntreeInvalide):
        ma_base.ajouter("Une question sans réponse ?", "   ")
    with pytest.raises(EntreeInvalide):
        ma_base.ajouter_formulation("F999", "inconnue")
    # l'original n'a pas bougé ; le disque non plus (ni le cache de vecteurs, ni datasets/)
    assert len(base) == n_avant and list(base.table["id"]) == ids_avant
    assert len(embeddings.modele().cache) == lignes_cache
    assert _etat_disque(cache) == avant


def test_une_faq_entierement_a_soi():
    table = pd.DataFrame({"id": ["A1", "A2"], "categorie": ["x", "x"],
                          "question": ["Où garer mon vélo ?", "Faut-il réserver pour le repas solidaire ?"],
                          "reponse": ["Dans la cour.", "Oui, la veille avant midi."], "contact": ["", "Cuisine"]})
    base = faq.BaseFAQ(table, contact_par_defaut="le secrétariat", cache=False)
    r = base.repondre("je peux laisser mon vélo où ?", seuil=0.5)
    assert r.id == "A1" and r.contact == "le secrétariat"        # pas de contact écrit : celui par défaut
    r = base.repondre("je peux laisser mon vélo où ?", seuil=0.999)
    assert r.sait_pas and "le secrétariat" in r.texte
    with pytest.raises(EntreeInvalide):
        faq.BaseFAQ(table.drop(columns="contact"), cache=False)
    with pytest.raises(EntreeInvalide):
        faq.BaseFAQ(table, prefixe="document", cache=False)


# --- les fichiers de données écrits pour la leçon -----------------------------------------------------------

def test_la_faq_est_complete_et_fictive():
    f = faq.faq()
    assert len(f) >= 40 and f["categorie"].nunique() >= 8
    assert (f["contact"].str.strip() != "").all()
    tout = " ".join(f["reponse"]) + " " + " ".join(f["contact"])
    for courriel in re.findall(r"[\w.+-]+@[\w-]+(?:\.[\w-]+)+", tout):
        assert courriel.endswith(".example"), courriel          # domaine réservé (RFC 2606) : aucune vraie adresse
    assert not re.search(r"\b0\d([ .]?\d\d){4}\b", tout), "pas de numéro de téléphone"
    for mot in ("France Travail", "CAF", "ANTS", "impots.gouv", "Wi-Fi", "Aidants Connect", "arnaque"):
        assert mot.lower() in (tout + " ".join(f["question"])).lower(), mot
    assert "robot" in f.set_index("id").loc["F48", "reponse"]


def test_les_questions_d_evaluation_couvrent_tous_les_cas():
    q = faq.questions_test()
    assert len(q) >= 120 and q["id"].is_unique
    for split in faq.SPLITS:
        moitie = q[q["split"] == split]
        assert moitie["dans_le_champ"].sum() >= 40 and (~moitie["dans_le_champ"]).sum() >= 15, split
        assert {"fautes", "sms", "très court", "autre langue", "orientée", "piège", "hors sujet"} <= set(moitie["type"])
    assert "c'est bien gratuit, hein ?" in set(q["question"])
    assert q.loc[q["type"] == "piège", "dans_le_champ"].eq(False).all()


# --- le tableau de bord, sans navigateur ------------------------------------------------------------------

def test_chatbot_conversation_en_memoire():
    from atelier.ui import messages
    from atelier.ui.chatbot import ChatbotApp

    app = ChatbotApp(delai=0)
    assert "Je suis un robot" in app.fil.value and app.tours == []
    app.saisie.value = "   "
    app.envoyer()
    assert app.alerte.value == messages.CHAT_VIDE and app.tours == []
    app.envoyer("🙂🙂")
    assert app.alerte.value == messages.CHAT_SANS_MOT and app.tours == []
    app.envoyer("<script>alert(1)</script>")
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in app.fil.value and "<script>" not in app.fil.value
    assert "Je ne sais pas, voici qui contacter" in app.fil.value
    app.saisie.value = "vous pretez des tablete ?"
    app._message_saisie(app.saisie, {"event": "submit"}, [])   # la touche Entrée (délai 0 : tout de suite)
    assert "nous prêtons des tablettes" in app.fil.value and app.saisie.value == ""
    assert app.fil.value.count(faq.PIED_ROBOT.replace("'", "&#x27;")) == 2
    app.envoyer("x" * 10_000)
    assert app.alerte.value == messages.CHAT_TRONQUE.format(n=faq.MAX_CARACTERES)
    assert len(app.tours) == 6
    app.nouvelle_conversation()
    assert app.tours == [] and "tablettes" not in app.fil.value and "Je suis un robot" in app.fil.value
