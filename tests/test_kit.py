"""Les sources du kit d'animation (slides/) : règles de forme et accord avec les notebooks, sans navigateur.

La construction complète et l'ouverture dans Chromium sont testées dans ``tests/browser/test_diapos.py``.
"""
from __future__ import annotations

import html
import json
import re
import subprocess
import sys
from pathlib import Path

import pytest

from atelier import data, registre
from tests.scripts_du_depot import importer

ROOT = Path(__file__).resolve().parents[1]
NOTEBOOKS = ROOT / "notebooks"
#: Les modules du parcours (``notebooks/parcours.toml``) et leur nom de fichier (celui du notebook, du diaporama,
#: de la fiche, du plan).
PARCOURS = registre.parcours()
MODULES = [m.fichier for m in PARCOURS]


kit = importer("scripts/construire_kit.py")
DECKS = {d.nom: d for d in kit.diaporamas()}
FICHES = {f.nom: f for f in kit.fiches()}
PLANS = {p.nom: p for p in kit.plans()}
PICTOS = importer("scripts/kit/pictos.py").PICTOS
PICTO_MD = importer("scripts/kit/reglages.py").PICTO_MD


def _texte_notebook(nom: str) -> str | None:
    """Tout le texte d'un notebook : cellules (texte et code) et sorties committées."""
    chemin = NOTEBOOKS / f"{nom}.ipynb"
    if not chemin.is_file():
        return None
    morceaux = []
    for cellule in json.loads(chemin.read_text(encoding="utf-8"))["cells"]:
        morceaux.append("".join(cellule["source"]))
        for sortie in cellule.get("outputs", []):
            morceaux.append("".join(sortie.get("text", "")))
            morceaux.append("".join(sortie.get("data", {}).get("text/plain", "")))
    return "\n".join(morceaux)


def _tableau(markdown: str, titre: str) -> list[list[str]]:
    """Les lignes (cellules) du premier tableau Markdown qui suit le titre ``## titre``."""
    partie = markdown.split(f"## {titre}", 1)[1]
    lignes = []
    for ligne in partie.splitlines():
        if ligne.startswith("|"):
            lignes.append([c.strip() for c in ligne.strip().strip("|").split("|")])
        elif lignes:
            break
    return [l for l in lignes[2:] if l]   # sans l'en-tête ni la ligne ---


def test_chaque_module_a_son_diaporama_sa_fiche_et_son_plan():
    assert "ouverture" in DECKS
    for nom in MODULES:
        assert nom in DECKS, f"diaporama manquant : slides/diaporamas/{nom}.md"
        assert nom in FICHES, f"fiche manquante : slides/fiches/{nom}.md"
        assert nom in PLANS, f"plan de séance manquant : slides/plans/{nom}.md"
    for nom in ("format_webinaire_1h", "format_atelier_3h", "format_parcours_autonome", "plan_b"):
        assert nom in PLANS


def test_l_ouverture_dure_un_quart_d_heure_et_raconte_l_histoire():
    ouverture = DECKS["ouverture"]
    assert ouverture.duree == 15
    texte = ouverture.corps
    for attendu in ("chargée de communication", "chatbot", "Est-ce éthique", "plongement", "00 · Démarrer",
                    "08 · L'IA dans ma structure"):
        assert attendu in texte


def test_le_parcours_de_l_ouverture_annonce_les_durees_des_diaporamas():
    parcours = _tableau(DECKS["ouverture"].corps, "Le parcours")
    assert len(parcours) == len(PARCOURS)
    for (module, _, duree), m in zip(parcours, PARCOURS):
        assert module == f"{m.numero} · {m.titre}", f"ouverture : « {module} » au lieu du registre"
        assert duree == f"{DECKS[m.fichier].duree:g} min" == f"{m.duree} min", f"ouverture : {module} annonce {duree}"


@pytest.mark.parametrize("nom", list(DECKS))
def test_chaque_diapositive_a_ses_notes_et_sa_duree(nom):
    deck = DECKS[nom]
    assert len(deck.diapos) >= 5
    for d in deck.diapos:
        texte = re.sub(kit.DUREE_NOTE, "", d.notes).strip()
        assert len(texte) > 80, f"{nom}, diapositive {d.numero} : notes trop courtes pour guider l'animation"
        assert 0 < d.minutes <= 20
    assert sum(d.minutes for d in deck.diapos) == deck.duree


def _duree_annoncee(markdown: str) -> int | None:
    """La durée que dit la diapositive de titre (« 70 minutes · modules 00 et 01 conseillés »), ou None."""
    annonce = re.search(r"^(\d+) minutes", markdown, re.M)
    return int(annonce.group(1)) if annonce else None


@pytest.mark.parametrize("nom", MODULES)
def test_la_premiere_diapositive_annonce_la_duree_du_diaporama(nom):
    """La diapositive de titre dit la durée de l'en-tête du diaporama (le deck 02 a longtemps annoncé 60 minutes
    après être passé à 70)."""
    assert _duree_annoncee(DECKS[nom].diapos[0].markdown) == DECKS[nom].duree, f"{nom} : durée du titre périmée"


def test_controle_negatif_une_duree_perimee_sur_la_diapositive_de_titre():
    deck = DECKS["02_recherche_tolerante"]
    perime = deck.diapos[0].markdown.replace(f"{deck.duree:g} minutes", "60 minutes")
    assert _duree_annoncee(perime) == 60 != deck.duree


@pytest.mark.parametrize("nom", [m for m in MODULES if (NOTEBOOKS / f"{m}.ipynb").is_file()])
def test_la_duree_du_diaporama_respecte_l_en_tete_du_notebook(nom):
    entete = _texte_notebook(nom).split("\n", 40)
    ligne = next(l for l in entete if "**Durée**" in l)
    bornes = [int(n) for n in re.findall(r"\d+", ligne)]
    assert min(bornes) <= DECKS[nom].duree <= max(bornes), f"{nom} : {DECKS[nom].duree} min hors de « {ligne} »"


@pytest.mark.parametrize("nom", [m for m in MODULES if (NOTEBOOKS / f"{m}.ipynb").is_file()])
def test_les_chiffres_cites_viennent_du_notebook(nom):
    """Chaque nombre décimal d'un diaporama ou d'une fiche figure dans le notebook du module (texte ou sorties).

    Un notebook réexécuté qui changerait un résultat ferait échouer ce test : le kit ne cite pas de chiffres
    périmés.
    """
    notebook = _texte_notebook(nom)
    sources = DECKS[nom].corps + FICHES[nom].corps + PLANS[nom].corps
    cites = set(re.findall(r"(?<![\d,])\d+,\d+(?![\d,])", sources))
    # Les tableaux pandas du notebook écrivent parfois 0.947 : on accepte les deux écritures.
    absents = sorted(c for c in cites if c not in notebook and c.replace(",", ".") not in notebook)
    assert not absents, f"{nom} : chiffres absents du notebook : {absents}"


@pytest.mark.parametrize("nom", MODULES)
def test_une_fiche_a_ses_rubriques_et_un_glossaire_bilingue(nom):
    fiche = FICHES[nom]
    for rubrique in ("## À retenir", "## La figure à retenir", "## Glossaire", "## Pour continuer"):
        assert rubrique in fiche.corps, f"{nom} : rubrique « {rubrique} » manquante"
    assert len(kit.FIGURE_MD.findall(fiche.corps)) == 1, "une fiche montre une seule figure"
    points = re.findall(r"^- ", fiche.corps.split("## À retenir")[1].split("##")[0], re.MULTILINE)
    assert 4 <= len(points) <= 7
    glossaire = _tableau(fiche.corps, "Glossaire")
    assert len(glossaire) >= 5
    for terme, anglais, definition in glossaire:
        assert terme and anglais and definition


@pytest.mark.parametrize("nom", MODULES)
def test_un_plan_de_seance_a_ses_rubriques_et_un_minutage_juste(nom):
    plan = PLANS[nom]
    for rubrique in ("**Public**", "**Objectifs**", "## Déroulé minute par minute", "## À préparer",
                     "## Démonstration en direct", "## Questions pour la discussion",
                     "## Erreurs fréquentes et comment débloquer", "## Plan B"):
        assert rubrique in plan.corps, f"{nom} : rubrique « {rubrique} » manquante"
    deroule = _tableau(plan.corps, "Déroulé minute par minute")
    minutes = [int(re.match(r"(\d+) min", ligne[1]).group(1)) for ligne in deroule]
    assert sum(minutes) == DECKS[nom].duree == int(plan.meta["duree"])
    # Les heures de début s'enchaînent : début + durée = début suivant.
    debuts = [int(h) * 60 + int(m) for h, m in (re.match(r"(\d+):(\d+)", l[0]).groups() for l in deroule)]
    assert debuts[0] == 0
    assert all(a + d == b for a, d, b in zip(debuts, minutes, debuts[1:]))
    assert "plan_b.md" in plan.corps
    # Le minutage suit le diaporama : chaque diapositive est citée, dans l'ordre.
    citees = [int(n) for l in deroule for n in re.findall(r"diapo (\d+)", l[-1])]
    assert citees == list(range(1, len(DECKS[nom].diapos) + 1)), f"{nom} : diapositives citées {citees}"


@pytest.mark.parametrize("nom", ["format_webinaire_1h", "format_atelier_3h"])
def test_les_formats_minutes_tombent_juste(nom):
    plan = PLANS[nom]
    deroule = _tableau(plan.corps, "Déroulé minute par minute")
    minutes = [int(re.match(r"(\d+) min", l[1]).group(1)) for l in deroule]
    assert sum(minutes) == int(plan.meta["duree"])


def test_le_plan_b_donne_la_commande_exacte_du_reseau_local():
    texte = PLANS["plan_b"].corps
    script = (ROOT / "scripts" / "tableaux_de_bord.sh").read_text(encoding="utf-8")
    # le script prend l'adresse puis le port en premiers arguments (127.0.0.1 et 8866 par défaut), et --salle N
    assert "IP=127.0.0.1; PORT=8866" in script and "IP=$1" in script and "PORT=$1" in script, (
        "le script des tableaux de bord a changé : relire le plan B")
    assert "--salle)" in script and "--salle 12" in texte
    assert "bash scripts/tableaux_de_bord.sh 0.0.0.0 8866" in texte
    assert "bash scripts/demarrer.sh" in texte
    for dashboard in ("recherche_de_metiers.ipynb", "carte_des_metiers.ipynb", "sonde_de_biais.ipynb"):
        assert (ROOT / "notebooks" / "dashboards" / dashboard).is_file()


def _deck_ecrit(tmp_path: Path, corps: str, duree: int = 3) -> Path:
    chemin = tmp_path / "essai.md"
    chemin.write_text(f"<!--\ntitre: Essai\nduree: {duree}\n-->\n\n{corps}", encoding="utf-8")
    return chemin


def test_une_source_mal_formee_donne_un_message_clair(tmp_path):
    bon = "# Un\n\nNote:\n[1 min] Dire ceci.\n\n---\n\n## Deux\n\nNote:\n[2 min] Demander cela.\n"
    deck = kit.lire_diaporama(_deck_ecrit(tmp_path, bon))
    assert [d.titre for d in deck.diapos] == ["Un", "Deux"] and deck.duree == 3
    cas = {
        "# Un\n\nNote:\n[1 min] Dire.\n\n---\n\n## Deux\n": "diapositive 2 : il manque les notes",
        "# Un\n\nNote:\nDire.\n": "commencer par leur durée",
        "# Un\n\n![](figure:inconnue)\n\nNote:\n[3 min] Dire.\n": "figure inconnue « inconnue »",
        "# Un\n\nNote:\n[2 min] Dire.\n": "font 2 min",
    }
    for corps, message in cas.items():
        with pytest.raises(kit.ErreurSource, match=re.escape(message)):
            kit.lire_diaporama(_deck_ecrit(tmp_path, corps))


def test_pages_pdf_compte_les_pages_et_pas_l_arbre(tmp_path):
    pdf = tmp_path / "essai.pdf"
    pdf.write_bytes(b"%PDF-1.4\n1 0 obj << /Type /Pages /Count 2 >>\n2 0 obj << /Type /Page >>\n"
                    b"3 0 obj <</Type/Page/Parent 1 0 R>>\n")
    assert kit.pages_pdf(pdf) == 2


def test_reveal_est_epingle_a_une_version_exacte():
    paquet = json.loads((ROOT / "package.json").read_text(encoding="utf-8"))
    verrou = json.loads((ROOT / "package-lock.json").read_text(encoding="utf-8"))
    for nom in ("reveal.js", "axe-core"):          # axe-core : l'audit d'accessibilité des tests dans Chromium
        version = paquet["dependencies"][nom]
        assert re.fullmatch(r"\d+\.\d+\.\d+", version), f"{nom} doit être épinglé (pas de ^ ni de ~)"
        assert verrou["packages"][f"node_modules/{nom}"]["version"] == version
    assert "npm ci" in (ROOT / "scripts" / "installer.sh").read_text(encoding="utf-8")


def test_le_guide_du_kit_decrit_chaque_figure_et_chaque_tableau():
    guide = (ROOT / "slides" / "README.md").read_text(encoding="utf-8")
    for nom in list(kit.FIGURES) + list(kit.TABLEAUX) + list(PICTOS):
        assert f"`{nom}`" in guide, f"figure, tableau ou pictogramme « {nom} » absent du catalogue de slides/README.md"


def test_le_sommaire_suit_le_registre_du_parcours():
    """index.html : l'ouverture, puis chaque module dans l'ordre du registre avec son diaporama, son plan et ses
    fiches, puis les formats ; aucun document des dossiers n'est oublié."""
    index = kit.page_index(list(DECKS.values()), list(FICHES.values()), list(PLANS.values()), pdf=True,
                           modules=PARCOURS)
    titres = re.findall(r"<h3>(.*?) — (\d+) min</h3>", index)
    assert titres == [(html.escape(f"{m.numero} · {m.titre}"), str(m.duree)) for m in PARCOURS]
    liens = re.findall(r'href="([^"]+)"', index)
    attendus = {f"diaporamas/{d}.html" for d in DECKS} | {f"diaporamas/{d}.pdf" for d in DECKS}
    attendus |= {f"fiches/{f}.pdf" for f in FICHES} | {f"plans/{p}.html" for p in PLANS}
    assert set(liens) == attendus and len(liens) == len(attendus)
    modules = index.split("<h2>Les modules du parcours</h2>")[1].split("<h2>")[0]
    for m, bloc in zip(PARCOURS, modules.split("<h3>")[1:], strict=True):
        assert f"diaporamas/{m.fichier}.html" in bloc and f"plans/{m.fichier}.html" in bloc
        assert f"fiches/{m.fichier}.pdf" in bloc and (f"fiches/{m.fichier}_falc.pdf" in bloc) == m.fiche_falc


def test_les_exemples_du_kit_se_lisent_dans_les_notebooks():
    """Le kit ne recopie pas les exemples des leçons : il les lit dans les notebooks (une seule source)."""
    valeurs = {nom: kit.ex(nom) for nom in kit.EXEMPLES}
    assert all(valeurs.values())
    assert len(valeurs["vingt_intitules"]) == 20 and len(valeurs["huit_a_la_main"]) == 8
    assert all(len(xy) == 2 for xy in valeurs["huit_a_la_main"].values())
    assert set(valeurs["reponses_jardins"]) == {f"Q{i:02d}" for i in range(1, 18)}
    # les intitulés des exemples existent dans le ROME (sinon la figure échouerait à la construction)
    connus = set(data.metiers()["appellation"])
    assert set(valeurs["six_intitules"]) <= connus and set(valeurs["vingt_intitules"]) <= connus


def test_un_exemple_illisible_arrete_la_construction(tmp_path, monkeypatch):
    cellules = [{"cell_type": "code", "source": "liste = sorted(['b', 'a'])\n"},
                {"cell_type": "code", "source": "%time x = 1\n"},
                {"cell_type": "code", "source": "double = 1\n"}, {"cell_type": "code", "source": "double = 2\n"},
                {"cell_type": "code", "source": "bon = {'a': (1, -2)}\n"}]
    (tmp_path / "99_essai.ipynb").write_text(json.dumps({"cells": cellules}), encoding="utf-8")
    exemples = importer("scripts/kit/exemples.py")
    monkeypatch.setattr(exemples, "NOTEBOOKS", tmp_path)
    exemples._affectations.cache_clear()
    try:
        assert kit.exemple("99_essai", "bon") == {"a": (1, -2)}
        for nom, message in (("liste", "plus écrit en toutes lettres"), ("double", "affecté 2 fois"),
                             ("absent", "affecté 0 fois")):
            with pytest.raises(kit.ErreurSource, match=message):
                kit.exemple("99_essai", nom)
    finally:
        exemples._affectations.cache_clear()

def test_importer_le_script_ne_change_pas_l_environnement():
    """Les tests importent le script : il ne doit pas glisser MPLBACKEND=Agg (ni autre chose) aux serveurs lancés ensuite.
    Vérifié dans un processus neuf : dans la session, le premier test qui l'importe peut être un autre."""
    code = ("import os\navant = dict(os.environ)\nfrom tests.scripts_du_depot import importer\n"
            "importer('scripts/construire_kit.py')\nprint(sorted(set(os.environ.items()) ^ set(avant.items())))")
    fini = subprocess.run([sys.executable, "-c", code], cwd=ROOT, capture_output=True, text=True, timeout=120)
    assert fini.returncode == 0, fini.stderr
    assert fini.stdout.strip() == "[]"


#: Les modules qui ont aussi une fiche « facile à lire et à comprendre » (FALC), ``<module>_falc.md``.
MODULES_FALC = [m.fichier for m in PARCOURS if m.fiche_falc]


#: Les sigles permis dans une fiche facile à lire : « CV » et « IA » (expliqués dans la fiche), « CNIL » (son site,
#: cnil.fr, est donné avec), « CEDEX » (dans l'adresse postale du Défenseur des droits).
SIGLES_PERMIS = {"CV", "IA", "CNIL", "CEDEX"}
#: Les coordonnées du Défenseur des droits, relevées le 7 décembre 2026 dans des pages publiques : le numéro sur
#: defenseurdesdroits.fr (« L'accueil téléphonique reste assuré au 09 69 39 00 00 »), l'adresse postale gratuite sur
#: la page des délégués du CDAD de la Manche (cdad-manche.fr), le site lui-même. Toute fiche qui les donne les donne
#: ainsi (une faute de frappe dans un numéro de téléphone enverrait les gens ailleurs).
DEFENSEUR = {"telephone": "09 69 39 00 00", "site": "defenseurdesdroits.fr",
             "courrier": "Défenseur des droits, Libre réponse 71120, 75342 Paris CEDEX 07"}


def ecarts_falc(fiche) -> list[str]:
    """Les règles FALC vérifiables de slides/README.md, pour une fiche (``kit.Source``) : une idée par bloc, rien
    hors des blocs, **un pictogramme du kit par idée** (pas de graphique statistique), des pictogrammes différents,
    une phrase par ligne, des phrases courtes, ni parenthèse, ni point-virgule, ni pourcentage, ni italique, pas de
    sigle hors de :data:`SIGLES_PERMIS`, la mention de la relecture par des personnes concernées. Renvoie la liste
    des écarts (vide : la fiche suit les règles)."""
    ecarts = []
    nom = fiche.nom
    if fiche.meta.get("falc") != "oui" or "facile à lire" not in fiche.titre:
        ecarts.append(f"{nom} : tête « falc: oui » et titre « … — facile à lire » attendus")
    if not fiche.meta.get("relecture"):
        ecarts.append(f"{nom} : la tête ne dit pas si des personnes concernées ont relu la fiche (« relecture: »)")
    if kit.FIGURE_MD.findall(fiche.corps) or kit.TABLEAU_MD.findall(fiche.corps):
        ecarts.append(f"{nom} : un graphique ou un tableau du kit ; une fiche facile à lire n'a que des pictogrammes")
    idees = re.findall(r'<div class="idee">(.*?)</div>', fiche.corps, re.DOTALL)
    if not 3 <= len(idees) <= 5:
        ecarts.append(f"{nom} : {len(idees)} idées (de 3 à 5 sur une page)")
    images = [PICTO_MD.findall(idee) for idee in idees]
    if not all(len(i) == 1 for i in images):
        ecarts.append(f"{nom} : une image par idée, pas {[len(i) for i in images]}")
    noms = [i[0][1] for i in images if i]
    if len(set(noms)) != len(noms):
        ecarts.append(f"{nom} : la même image pour deux idées")
    ecarts += [f"{nom} : pictogramme inconnu « {n} »" for n in noms if n not in PICTOS]
    hors_idees = re.sub(r'<div class="idee">.*?</div>', "", fiche.corps, flags=re.DOTALL)
    if re.sub(r"<!--.*?-->", "", hors_idees, flags=re.DOTALL).strip():
        ecarts.append(f"{nom} : du texte ou une image hors des blocs d'idées")
    for idee in idees:
        phrases = [l.strip() for l in idee.splitlines() if l.strip() and not l.strip().startswith("![")]
        if not 2 <= len(phrases) <= 6:
            ecarts.append(f"{nom} : {len(phrases)} phrases dans une idée")
        for phrase in phrases:
            texte = phrase.replace("**", "")
            if len(re.findall(r"[\w’'-]+", texte)) > 15:
                ecarts.append(f"{nom} : phrase trop longue : {phrase}")
            if not texte.endswith((".", "?", ":")):
                ecarts.append(f"{nom} : une phrase par ligne, finie par un point : {phrase}")
            if re.findall(r"[.?!](?=\s)", texte):
                ecarts.append(f"{nom} : deux phrases sur une ligne : {phrase}")
            if re.search(r"[;()%]|(?<!\*)\*(?!\*)|\d+,\d", texte):
                ecarts.append(f"{nom} : signe à éviter : {phrase}")
            sigles = set(re.findall(r"\b[A-ZÀ-Ý]{2,}\b", texte)) - SIGLES_PERMIS
            if sigles:
                ecarts.append(f"{nom} : sigle à éviter ou à expliquer ({', '.join(sorted(sigles))}) : {phrase}")
    return ecarts


def ecarts_coordonnees(texte: str) -> list[str]:
    """Un numéro en 09 69 …, une adresse « Libre réponse … » ou un site du Défenseur des droits écrits autrement
    que dans :data:`DEFENSEUR`."""
    ecarts = [f"téléphone « {t} »" for t in re.findall(r"09[\s.]?69(?:[\s.]?\d\d){3}", texte)
              if t != DEFENSEUR["telephone"]]
    ecarts += [f"courrier « {c} »" for c in re.findall(r"Défenseur des droits, Libre réponse[^.\n]*\d{2}", texte)
               if c != DEFENSEUR["courrier"]]
    ecarts += [f"site « {s} »" for s in re.findall(r"[\w.-]*defenseur[\w.-]*droits[\w.-]*", texte)
               if s.rstrip(".").removeprefix("www.") != DEFENSEUR["site"]]
    return ecarts


@pytest.mark.parametrize("nom", MODULES_FALC)
def test_une_fiche_facile_a_lire_suit_les_regles_falc(nom):
    fiche = FICHES.get(f"{nom}_falc")
    assert fiche is not None, f"fiche facile à lire manquante : slides/fiches/{nom}_falc.md"
    assert fiche.meta.get("module") == nom[:2]
    assert ecarts_falc(fiche) == []


def test_les_fiches_faciles_a_lire_couvrent_les_modules_07_et_08():
    """L'issue 22 : une fiche facile à lire pour le chatbot (ce que rencontrent les usagers d'un espace public
    numérique) et pour l'IA dans une structure (les droits, à qui demander), avec des coordonnées."""
    assert {"07_chatbot_faq", "08_ia_dans_ma_structure"} <= set(MODULES_FALC)
    assert "robot" in FICHES["07_chatbot_faq_falc"].corps and "personne" in FICHES["07_chatbot_faq_falc"].corps
    for nom in ("05_biais_de_recommandation_falc", "06_recruteur_robot_falc", "08_ia_dans_ma_structure_falc"):
        corps = FICHES[nom].corps
        assert DEFENSEUR["telephone"] in corps and DEFENSEUR["site"] in corps, f"{nom} : coordonnées manquantes"
        assert "![](picto:contacts)" in corps, f"{nom} : le pictogramme des contacts manque"
    for nom in ("08_ia_dans_ma_structure_falc", "09_cv_ecrit_par_la_machine_falc"):
        assert "Pour vos données personnelles : la **CNIL**, sur le site cnil.fr." in FICHES[nom].corps, nom


def test_une_fiche_facile_a_lire_fautive_est_signalee(tmp_path, monkeypatch):
    """Contrôle négatif : l'ancienne fiche 06 (un graphique statistique pour illustrer le tri des CV, aucune mention
    de relecture), un sigle, une phrase trop longue, du texte hors des idées : chacun est signalé."""
    mauvaise = tmp_path / "99_essai_falc.md"
    mauvaise.write_text(
        "<!--\ntitre: Essai — facile à lire\nmodule: 99\nfalc: oui\n-->\n\nUne phrase hors des idées.\n\n"
        '<div class="idee">\n\n![](figure:audit_recruteur)\n\nLe logiciel donne une note.\n\nParfois la note change.\n\n</div>\n\n'
        '<div class="idee">\n\n![](picto:cv_trie)\n\nLa DRH lit les CV.\n\n'
        "Le logiciel compare tous les mots du CV avec tous les mots de l'offre d'emploi publiée en ligne.\n\n</div>\n\n"
        '<div class="idee">\n\n![](picto:cv_trie)\n\nVous avez des droits.\n\nDemandez (par écrit) une explication.\n\n</div>\n',
        encoding="utf-8")
    ecarts = "\n".join(ecarts_falc(kit.lire_source(mauvaise)))
    for attendu in ("relecture", "graphique", "une image par idée", "même image", "hors des blocs",
                    "sigle à éviter ou à expliquer (DRH)", "phrase trop longue", "signe à éviter"):
        assert attendu in ecarts, f"non signalé : {attendu}\n{ecarts}"
    # La construction refuse aussi une fiche facile à lire qui ne dit rien de sa relecture.
    sources = importer("scripts/kit/sources.py")
    monkeypatch.setattr(sources, "FICHES", tmp_path)
    mauvaise.write_text(mauvaise.read_text(encoding="utf-8").replace("figure:audit_recruteur", "picto:droits"),
                        encoding="utf-8")
    with pytest.raises(kit.ErreurSource, match="relecture"):
        sources.fiches()


def test_les_coordonnees_du_defenseur_des_droits_sont_exactes():
    """Chaque fiche, carte ou plan qui donne le téléphone, l'adresse ou le site du Défenseur des droits les donne
    exactement ; contrôle négatif : un chiffre changé, un mauvais code postal ou un mauvais site sont signalés."""
    for source in list(FICHES.values()) + list(PLANS.values()):
        assert ecarts_coordonnees(source.corps) == [], source.nom
    faux = ("Téléphone : 09 69 39 00 01. Courrier : Défenseur des droits, Libre réponse 71120, 75007 Paris. "
            "Site : defenseur-des-droits.fr.")
    assert len(ecarts_coordonnees(faux)) == 3


def test_chaque_pictogramme_a_son_texte_alternatif_et_reste_local():
    """Les pictogrammes sont dessinés par le kit (rien de téléchargé) : un SVG bien formé, sans lien vers
    l'extérieur ni script, et un texte alternatif en français, une phrase courte. Dans une page construite, chaque
    image a son texte alternatif."""
    import xml.etree.ElementTree as ET

    assert len(PICTOS) >= 25
    for nom, p in PICTOS.items():
        racine = ET.fromstring(p.svg)
        assert racine.get("viewBox") == "0 0 100 100", nom
        externes = re.findall(r'(?:href|src)\s*=\s*"([^"]*)"', p.svg)
        assert not externes and "<script" not in p.svg and "<image" not in p.svg, f"{nom} : élément externe"
        assert p.alt.strip() and p.alt.endswith(".") and len(p.alt.split()) <= 25, f"{nom} : texte alternatif"
    alts = [p.alt for p in PICTOS.values()]
    assert len(set(alts)) == len(alts), "deux pictogrammes ont le même texte alternatif"
    for f in FICHES.values():
        if f.meta.get("falc") == "oui" or f.meta.get("guichet"):
            page = kit.page_fiche(f, {})
            imgs = re.findall(r"<img\b[^>]*>", page)
            assert imgs, f.nom
            for img in imgs:
                alt = re.search(r'\balt="([^"]*)"', img)
                assert alt and alt.group(1).strip(), f"{f.nom} : image sans texte alternatif"
            if f.meta.get("falc") == "oui":
                assert "relue par des personnes" in page, f"{f.nom} : la mention de la relecture manque"


# ── « L'IA au guichet » : des cartes pour les aidants numériques ─────────────────────────────────────────────

CARTES = sorted((f for f in FICHES.values() if f.meta.get("guichet") == "carte"), key=lambda f: int(f.meta["numero"]))
RUBRIQUES_CARTE = ("## La situation", "## Ce que vous pouvez dire", "## À ne jamais faire", "## Vers qui orienter",
                   "## La règle ou la source")


def _textes_du_cadre() -> set[str]:
    import tomllib

    with (ROOT / "datasets" / "cadre_juridique.toml").open("rb") as f:
        return {t["id"] for t in tomllib.load(f)["texte"]}


def ecarts_carte(carte) -> list[str]:
    """Une carte « L'IA au guichet » : ses cinq rubriques dans l'ordre, un pictogramme, ses textes de loi pris dans
    la table juridique, des phrases à dire courtes (20 mots au plus, entre guillemets), au moins deux lignes « ne
    jamais faire » et une adresse vers qui orienter."""
    ecarts = []
    nom = carte.nom
    positions = [carte.corps.find(r) for r in RUBRIQUES_CARTE]
    if -1 in positions or positions != sorted(positions):
        ecarts.append(f"{nom} : les cinq rubriques, dans l'ordre : {RUBRIQUES_CARTE}")
        return ecarts
    if carte.meta.get("picto") not in PICTOS:
        ecarts.append(f"{nom} : pictogramme « {carte.meta.get('picto')} » inconnu")
    ids = [i.strip() for i in carte.meta.get("cadre", "").split(",") if i.strip()]
    ecarts += [f"{nom} : « {i} » absent de datasets/cadre_juridique.toml" for i in ids if i not in _textes_du_cadre()]
    parties = dict(zip(RUBRIQUES_CARTE, [carte.corps[a:b] for a, b in zip(positions, positions[1:] + [None])]))
    dire = re.findall(r"^- (.+)$", parties["## Ce que vous pouvez dire"], re.MULTILINE)
    if not 2 <= len(dire) <= 5:
        ecarts.append(f"{nom} : de 2 à 5 phrases à dire, pas {len(dire)}")
    for ligne in dire:
        if not (ligne.startswith("«") and ligne.rstrip().endswith("»")):
            ecarts.append(f"{nom} : une phrase à dire s'écrit entre guillemets : {ligne}")
        for phrase in re.split(r"(?<=[.?!])\s+", ligne.strip("«» ")):
            if len(re.findall(r"[\w’'-]+", phrase)) > 20:
                ecarts.append(f"{nom} : phrase à dire trop longue : {phrase}")
    if len(re.findall(r"^- ", parties["## À ne jamais faire"], re.MULTILINE)) < 2:
        ecarts.append(f"{nom} : au moins deux choses à ne jamais faire")
    if not re.search(r"\*\*[^*]+\*\*", parties["## Vers qui orienter"]):
        ecarts.append(f"{nom} : vers qui orienter, en gras")
    if not ids and "pas une règle" not in parties["## La règle ou la source"] and "plus qu'une règle" not in \
            parties["## La règle ou la source"]:
        ecarts.append(f"{nom} : sans texte de la table juridique, la carte dit que c'est un réflexe, pas une règle")
    return ecarts


def test_les_cartes_du_guichet_sont_completes():
    """De 8 à 10 cartes numérotées de suite, chacune avec ses rubriques, un pictogramme, ses sources ; les six
    situations demandées par l'issue 22 sont couvertes."""
    assert 8 <= len(CARTES) <= 10
    assert [int(c.meta["numero"]) for c in CARTES] == list(range(1, len(CARTES) + 1))
    for carte in CARTES:
        assert carte.nom.startswith(f"guichet_{int(carte.meta['numero']):02d}_"), carte.nom
        assert ecarts_carte(carte) == []
    situations = " ".join(c.titre + c.corps.split("## Ce que vous pouvez dire")[0] for c in CARTES)
    for attendu in ("CAF", "arnaque", "voix", "service public", "robot", "fiche de paie", "offres", "entretien"):
        assert attendu in situations, f"situation manquante : {attendu}"
    assert len({c.meta["picto"] for c in CARTES}) == len(CARTES), "deux cartes ont le même pictogramme"


def test_une_carte_incomplete_est_signalee(tmp_path):
    """Contrôle négatif : une rubrique manquante, un texte de loi inventé, une phrase à dire trop longue."""
    bonne = CARTES[3]
    chemin = tmp_path / "guichet_99_essai.md"
    chemin.write_text(bonne.chemin.read_text(encoding="utf-8").replace("## À ne jamais faire", "## Attention"),
                      encoding="utf-8")
    assert "rubriques" in " ".join(ecarts_carte(kit.lire_source(chemin)))
    texte = bonne.chemin.read_text(encoding="utf-8").replace("cadre: ddd_2024", "cadre: loi_inventee")
    texte = texte.replace("« On écrit la demande ensemble, et on garde une copie avec la date. »",
                          "« " + "On écrit la demande ensemble et on la relit " * 3 + ". »")
    chemin.write_text(texte, encoding="utf-8")
    ecarts = " ".join(ecarts_carte(kit.lire_source(chemin)))
    assert "loi_inventee" in ecarts and "trop longue" in ecarts


def test_le_questionnaire_du_guichet_a_dix_questions_et_leurs_reponses():
    autocontrole = FICHES["guichet_autocontrole"]
    questions = re.findall(r"^\s*\d+\. \*\*(.+?)\*\* — (.+?)(?=^\s*\d+\. |\Z|^<div)", autocontrole.corps,
                           re.MULTILINE | re.DOTALL)
    assert 9 <= len(questions) <= 12
    numeros = {int(c.meta["numero"]) for c in CARTES}
    for question, reponse in questions:
        cartes = [int(n) for n in re.findall(r"\d+", " ".join(re.findall(r"\(cartes? ([^)]*)\)", reponse)))]
        assert cartes and set(cartes) <= numeros, f"la réponse renvoie à une carte : {question}"


def test_le_sommaire_range_les_cartes_du_guichet():
    index = kit.page_index(list(DECKS.values()), list(FICHES.values()), list(PLANS.values()), pdf=True,
                           modules=PARCOURS)
    partie = index.split("<h2>L'IA au guichet")[1].split("<h2>")[0]
    liens = re.findall(r'href="fiches/(guichet_[^"]+)\.pdf"', partie)
    assert liens == [c.nom for c in CARTES] + ["guichet_autocontrole"]


def test_les_formats_disent_ou_servent_les_cartes():
    for nom in ("format_atelier_3h", "format_webinaire_1h", "format_parcours_autonome"):
        assert "L'IA au guichet" in PLANS[nom].corps, f"{nom} : où servent les cartes du guichet ?"
        assert "guichet_autocontrole" in PLANS[nom].corps, f"{nom} : et le questionnaire du guichet ?"


# ── L'archive du kit, pour qui n'installe rien ──────────────────────────────────────────────────────────────

#: Au-delà, l'archive devient lourde à télécharger et à committer : le signaler plutôt que la laisser grossir.
TAILLE_MAX_ARCHIVE = 30_000_000


def test_l_archive_du_kit_est_a_jour_et_complete():
    """slides/kit_animation.zip (liée depuis le README) a été construite depuis les sources d'aujourd'hui : son
    manifeste garde l'empreinte de chaque source (les PDF ne sont pas reproductibles à l'octet près : on compare
    les sources, pas l'archive), et elle contient chaque diaporama, fiche et plan du kit."""
    import zipfile

    assert kit.ARCHIVE.is_file(), "slides/kit_animation.zip manque : .venv/bin/python scripts/construire_kit.py"
    ecarts = kit.ecarts_archive()
    assert not ecarts, ("slides/kit_animation.zip est en retard sur ses sources, reconstruisez-la avec "
                        ".venv/bin/python scripts/construire_kit.py (puis committez-la) ; changés : " + ", ".join(ecarts))
    assert kit.ARCHIVE.stat().st_size <= TAILLE_MAX_ARCHIVE
    with zipfile.ZipFile(kit.ARCHIVE) as z:
        assert z.testzip() is None
        noms = set(z.namelist())
    attendus = {"index.html", "LISEZMOI.txt", kit.MANIFESTE}
    attendus |= {f"diaporamas/{d}.{ext}" for d in DECKS for ext in ("html", "pdf")}
    attendus |= {f"fiches/{f}.{ext}" for f in FICHES for ext in ("html", "pdf")}
    attendus |= {f"plans/{p}.html" for p in PLANS}
    manquants = sorted(a for a in attendus if f"{kit.DOSSIER_ARCHIVE}/{a}" not in noms)
    assert not manquants, "absents de l'archive : " + ", ".join(manquants)


def test_une_archive_en_retard_est_signalee(tmp_path):
    """Le contrôle échoue bien : une source modifiée, ajoutée ou retirée depuis la construction est nommée."""
    import zipfile

    sources = kit.empreintes_sources()
    premiere, derniere = sorted(sources)[0], sorted(sources)[-1]
    ancien = {**sources, premiere: "0" * 64, "slides/fiches/retiree.md": "1" * 64}
    del ancien[derniere]
    archive = tmp_path / "kit.zip"
    with zipfile.ZipFile(archive, "w") as z:
        z.writestr(f"{kit.DOSSIER_ARCHIVE}/{kit.MANIFESTE}", json.dumps({"sources": ancien}))
    assert kit.ecarts_archive(archive) == sorted([premiere, derniere, "slides/fiches/retiree.md"])
    with zipfile.ZipFile(archive, "w") as z:
        z.writestr(f"{kit.DOSSIER_ARCHIVE}/{kit.MANIFESTE}", json.dumps({"sources": sources}))
    assert kit.ecarts_archive(archive) == []
