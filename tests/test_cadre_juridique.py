"""Le droit, une seule source : ``datasets/cadre_juridique.toml``.

Tout ce qu'une personne lit (notebooks, sources texte, tableaux de bord, diaporamas, plans, fiches, fiches de
données, README, textes écrits dans le code) est parcouru paragraphe par paragraphe :

- un fait que la table marque « à vérifier » (le numéro et les dates de l'« omnibus » sur l'IA, la nouvelle
  rédaction de l'article 4, l'obligation de maîtrise de l'IA elle-même…) n'y est jamais affirmé sans la même
  précaution, **placée avant** lui dans le même paragraphe (la précaution d'abord) ;
- un texte cité l'est avec sa portée (le rapport 2024 du Défenseur des droits vise les décisions administratives) ;
- une formulation fausse (« la Défenseure des droits a jugé… », « décision-cadre », « le guide de la CNIL traite
  précisément des agents conversationnels ») n'y figure pas ;
- toute date « État du droit au … » est celle de la table ;
- hors du droit, trois faits non sourcés relevés par la relecture (l'anecdote du webinaire racontée comme un fait,
  la « dizaine d'heures » de Share it sans sa source, Avneer « jeune entreprise ») ne reviennent pas.

``test_chaque_paraphrase_relevee_est_attrapee`` est le contrôle négatif : chaque phrase fautive relevée par la
relecture (issue 22), remise telle quelle, fait échouer le contrôle ; sa version corrigée passe.
"""
from __future__ import annotations

import ast
import csv
import re
from pathlib import Path

import nbformat
import pytest

from atelier import data, recrutement
from atelier.erreurs import DonneesIndisponibles

RACINE = Path(__file__).resolve().parents[1]
_DEBUT_ELEMENT = re.compile(r"^\s*(?:[-*+]\s|\d+[.)]\s|\|)")
_DATE_PROSE = re.compile(r"(?:[ÉE]tat du droit au|[Dd]ernière vérification\s*:)\s*\**\s*(\d{1,2}(?:er)? [a-zéû]+ \d{4})")
#: Les CSV de plus de 100 Ko sont des tables de métiers ou de compétences (aucune phrase de droit).
_TAILLE_MAX_CSV = 100_000

#: Hors du droit : des faits que la relecture a trouvés sans source. (motif, ce qui doit l'accompagner dans le même
#: paragraphe, ou None s'il est interdit, explication).
AFFIRMATIONS_SOURCEES = (
    (r"Personne ne l.a lue", None,
     "l'anecdote du webinaire ne dit pas que personne n'a lu la candidature : la raconter comme rapportée"),
    (r"dizaine d.heures", r"Entrepreneurs sociaux à l.ère de l.IA",
     "la « dizaine d'heures » de Share it : citer son article « Entrepreneurs sociaux à l'ère de l'IA »"),
    (r"Avneer[^.]{0,80}jeune entreprise|jeune entreprise[^.]{0,60}Avneer", None,
     "Avneer « jeune entreprise » : non vérifié (aucune source publique sur l'entreprise)"),
)


def _fichiers_prose() -> list[Path]:
    fichiers = sorted((RACINE / "notebooks").glob("**/*.ipynb"))
    fichiers += sorted((RACINE / "sources_texte").glob("**/*.md"))
    for dossier in ("diaporamas", "plans", "fiches"):
        fichiers += sorted((RACINE / "slides" / dossier).glob("*.md"))
    fichiers += sorted((RACINE / "datasets").glob("*.md"))
    fichiers += [f for f in sorted((RACINE / "datasets").glob("*.csv")) if f.stat().st_size < _TAILLE_MAX_CSV]
    fichiers += sorted((RACINE / "src" / "atelier").glob("**/*.py"))
    return [f for f in fichiers if ".ipynb_checkpoints" not in f.parts] + [RACINE / "README.md"]


def _chaines_python(fichier: Path) -> list[tuple[int, str]]:
    """Les chaînes d'un fichier Python (concaténations implicites réunies par ``ast``), avec leur ligne."""
    arbre = ast.parse(fichier.read_text(encoding="utf-8"))
    return [(n.lineno, n.value) for n in ast.walk(arbre) if isinstance(n, ast.Constant) and isinstance(n.value, str)]


def _textes(fichier: Path) -> list[tuple[str, str]]:
    """(lieu, texte) : les cellules Markdown d'un notebook, les cellules d'un CSV, les chaînes d'un module Python,
    ou le fichier Markdown entier."""
    lieu = str(fichier.relative_to(RACINE))
    if fichier.suffix == ".ipynb":
        nb = nbformat.read(fichier, as_version=4)
        return [(f"{lieu} cellule {i}", c.source) for i, c in enumerate(nb.cells) if c.cell_type == "markdown"]
    if fichier.suffix == ".csv":
        with fichier.open(encoding="utf-8", newline="") as f:
            cellules = {v for ligne in csv.reader(f) for v in ligne if len(v) > 40}
        return [(lieu, v) for v in sorted(cellules)]
    if fichier.suffix == ".py":
        return [(f"{lieu} ligne {n}", v) for n, v in _chaines_python(fichier) if len(v) > 40]
    return [(lieu, fichier.read_text(encoding="utf-8"))]


def paragraphes(texte: str) -> list[str]:
    """Découpe un texte Markdown en paragraphes : blocs séparés par une ligne vide, et chaque élément de liste
    ou ligne de tableau à part (avec ses lignes de suite)."""
    morceaux: list[list[str]] = []
    courant: list[str] = []
    for ligne in texte.splitlines():
        if not ligne.strip() or _DEBUT_ELEMENT.match(ligne):
            if courant:
                morceaux.append(courant)
            courant = [ligne] if ligne.strip() else []
        else:
            courant.append(ligne)
    if courant:
        morceaux.append(courant)
    return [" ".join(l.strip() for l in m) for m in morceaux]


def problemes(texte: str, cadre: dict) -> list[str]:
    """Ce qu'un texte affirme sans la précaution de la table (ou avec la précaution après le fait), cite sans sa
    portée, ou dit d'une manière que la table interdit ; plus les faits non sourcés d':data:`AFFIRMATIONS_SOURCEES`."""
    precaution = re.compile(cadre["precaution"], re.I)
    trouves = []
    for para in paragraphes(texte):
        for entree in cadre["textes"]:
            if entree["statut"]:
                for motif in entree.get("affirmations", ()):
                    for m in re.finditer(motif, para, re.I):
                        if not precaution.search(para, 0, m.start()):
                            quoi = "précaution après le fait" if precaution.search(para) else "sans précaution"
                            trouves.append(f"« {motif} » ({entree['id']}, {entree['statut']}) {quoi} : {para[:160]}")
                            break
            for motif in entree.get("formulations_interdites", ()):
                if re.search(motif, para, re.I):
                    trouves.append(f"formulation fausse « {motif} » ({entree['id']}) : {para[:160]}")
            if any(re.search(m, para, re.I) for m in entree.get("mentions", ())) \
                    and not re.search(entree["portee"], para, re.I):
                trouves.append(f"{entree['id']} cité sans sa portée (« {entree['portee']} ») : {para[:160]}")
        for motif, source, pourquoi in AFFIRMATIONS_SOURCEES:
            if re.search(motif, para, re.I) and (source is None or not re.search(source, para, re.I)):
                trouves.append(f"{pourquoi} : {para[:160]}")
        for date in _DATE_PROSE.findall(para):
            if date != cadre["date"]:
                trouves.append(f"date de l'état du droit {date} ≠ {cadre['date']} (la table) : {para[:120]}")
    return trouves


#: Le contrôle négatif : chaque phrase fautive relevée par la relecture (issue 22), telle qu'elle était écrite, avec
#: sa version corrigée. (où elle était, phrase fautive, phrase corrigée)
PARAPHRASES_RELEVEES = [
    ("module 08, l'omnibus en gras, précaution après",
     "Un règlement « omnibus numérique » sur l'IA, adopté en juin 2026 d'après les comptes rendus, **réécrit** cet "
     "article : l'obligation demeure pour les déployeurs, mais elle devient une obligation de **moyens**. Ce numéro, "
     "ces dates et la rédaction finale sont encore à vérifier au *Journal officiel de l'UE*.",
     "**Ce qui reste à vérifier : l'omnibus.** Sur l'article 4, les comptes rendus divergent : pour les uns, "
     "l'obligation des structures reste, mais assouplie ; pour les autres, elle disparaît."),
    ("module 08, points clés",
     "- Une structure qui utilise l'IA est un **déployeur** : l'article 4 du règlement européen sur l'IA lui demande "
     "de prendre des mesures pour la maîtrise de l'IA des personnes qui l'utilisent pour elle.",
     "- Une structure qui utilise l'IA est un **déployeur**. À vérifier au Journal officiel : l'article 4 du "
     "règlement européen sur l'IA lui demandait de prendre des mesures pour la maîtrise de l'IA, et l'omnibus le "
     "modifie."),
    ("fiche 08",
     "- Une structure qui utilise l'IA est un **déployeur** : l'article 4 du règlement européen sur l'IA (maîtrise de "
     "l'IA, depuis le 2 février 2025) lui demande d'agir pour former les personnes qui l'utilisent.",
     "- Une structure qui utilise l'IA est un **déployeur**. **À vérifier** au Journal officiel : l'article 4 "
     "(maîtrise de l'IA) lui demandait, depuis le 2 février 2025, d'agir pour former les personnes qui l'utilisent."),
    ("diaporama 08, diapositive « maîtrise de l'IA »",
     "- **Article 4, maîtrise de l'IA** : s'applique depuis le **2 février 2025**, quel que soit le risque ; prendre "
     "des mesures pour la maîtrise de l'IA du personnel.",
     "- **À vérifier au Journal officiel** : l'« omnibus numérique » modifie l'**article 4** (maîtrise de l'IA) ; "
     "les comptes rendus divergent sur ce qu'il reste aux structures."),
    ("diaporama 08, l'omnibus « en obligation de moyens »",
     "- L'« omnibus numérique », adopté en juin 2026, reformule cet article en obligation de **moyens** (rédaction "
     "publiée à vérifier au Journal officiel).",
     "- **À vérifier au Journal officiel** : l'« omnibus numérique » reformulerait cet article en obligation de "
     "**moyens**, d'après certains comptes rendus."),
    ("diaporama 08, points clés",
     "- Une structure qui utilise l'IA est un **déployeur** : l'article 4 lui demande d'agir pour la maîtrise de l'IA.",
     "- Une structure qui utilise l'IA est un **déployeur** ; **à vérifier** : ce que l'article 4 (maîtrise de "
     "l'IA) lui demande encore depuis l'omnibus."),
    ("plan 08, questions pour la discussion",
     "| « Nous sommes une petite association : l'article 4 nous concerne-t-il ? » | Oui, dès qu'on utilise un "
     "système d'IA dans son activité ; pas de certificat, mais des mesures réelles, adaptées et datées. |",
     "| « Nous sommes une petite association : l'article 4 nous concerne-t-il ? » | À vérifier au Journal "
     "officiel : dans sa version d'origine, oui ; l'« omnibus » l'a modifié. |"),
    ("module 06, « vaut déjà »",
     "L'obligation de maîtrise de l'IA (article 4), elle, vaut déjà pour une association qui utilise un tel outil.",
     "À vérifier au Journal officiel : dans sa version d'origine, l'article 4 (maîtrise de l'IA) demande depuis le "
     "2 février 2025 aux structures de prendre des mesures ; l'omnibus le modifie."),
    ("diaporama 06, « Former l'équipe »",
     "- **Former l'équipe** : article 4 (maîtrise de l'IA), depuis le 2 février 2025.",
     "- **Former l'équipe** : **à vérifier**, l'article 4 (maîtrise de l'IA) ayant été modifié par l'omnibus."),
    ("diagnostic, question Q10",
     "Le règlement européen sur l'IA (article 4) demande aux structures qui utilisent des systèmes d'IA de prendre "
     "des mesures pour la maîtrise de l'IA de leur personnel.",
     "À vérifier au Journal officiel : dans sa version d'origine, le règlement européen sur l'IA (article 4) "
     "demande aux structures de prendre des mesures ; l'« omnibus » de 2026 modifie cet article."),
    ("format de 3 heures",
     "| « Que ferez-vous dans votre structure ? » | L'autodiagnostic du module 08 ; former l'équipe (AI Act, "
     "article 4). |",
     "| « Que ferez-vous dans votre structure ? » | L'autodiagnostic du module 08 ; former l'équipe (à vérifier : "
     "ce que l'article 4 de l'AI Act en exige encore depuis l'« omnibus »). |"),
    ("diagnostic, usage U09 : la date du report sans précaution",
     "Un outil qui filtre des candidatures est « à haut risque » (annexe III, point 4 a), obligations applicables à "
     "partir du 2 décembre 2027).",
     "Un outil qui filtre des candidatures est « à haut risque » (annexe III, point 4 a) ; à vérifier au Journal "
     "officiel : obligations reportées au 2 décembre 2027 par l'« omnibus »)."),
    ("module 06, le rapport 2024 du Défenseur des droits appliqué au recrutement",
     "« Un humain valide à la fin » ne suffit pas si l'humain suit la machine (le Défenseur des droits le dit aussi "
     "en 2024 : l'intervention humaine doit être réelle).",
     "« Un humain valide à la fin » ne suffit pas si l'humain suit la machine. (Pour les décisions administratives, "
     "le Défenseur des droits demande aussi, dans un rapport de 2024, une intervention humaine réelle.)"),
    ("module 08, le même rapport appliqué à toute structure",
     "Une vérification humaine de pure forme ne suffit pas : pour le Défenseur des droits (rapport du 13 novembre "
     "2024), l'intervention humaine doit être « positive, concrète et significative ».",
     "Pour les décisions administratives, le Défenseur des droits (rapport du 13 novembre 2024 sur les services "
     "publics) demande une intervention humaine « positive, concrète et significative »."),
    ("plan 06, questions pour la discussion",
     "| « Suffit-il qu'un humain valide ? » | Pas si l'humain suit le score sans relire (arrêt SCHUFA ; Défenseur "
     "des droits, 2024). |",
     "| « Suffit-il qu'un humain valide ? » | Pas si l'humain suit le score sans relire (arrêt SCHUFA ; pour les "
     "décisions administratives, Défenseur des droits, 2024). |"),
    ("diagnostic, question Q07",
     "Une vérification de pure forme ne suffit pas : le Défenseur des droits demande une intervention humaine "
     "« positive, concrète et significative » ; sinon, la décision est en réalité automatisée.",
     "Pour les décisions administratives, le Défenseur des droits demande une intervention humaine « positive, "
     "concrète et significative » : un bon repère pour toute structure."),
    ("fiche 05, la décision de 2025",
     "Dans une décision-cadre du 10 octobre 2025, la Défenseure des droits a estimé que la diffusion des offres "
     "d'emploi de Facebook créait une discrimination indirecte.",
     "Dans une décision du 10 octobre 2025, la Défenseure des droits a estimé que la diffusion des offres d'emploi "
     "de Facebook créait une discrimination indirecte."),
    ("module 06, le guide de la CNIL",
     "Une personne candidate doit être informée avant (L1221-8) ; le guide « Le recrutement » de la CNIL traite "
     "précisément des agents conversationnels.",
     "Une personne candidate doit être informée avant (L1221-8) ; le guide « Le recrutement » de la CNIL le "
     "rappelle, et cite les agents conversationnels parmi les nouveaux outils des recruteurs."),
    ("une interdiction inventée (article 5 lu trop large)",
     "Depuis février 2025, les chatbots de recrutement sont interdits par le règlement sur l'IA.",
     "Depuis février 2025, déduire les émotions d'une personne au travail est interdit (règlement sur l'IA, "
     "article 5) ; un échange par écrit avec un agent conversationnel n'est pas forcément visé."),
    ("diaporama 08 et diagnostic, Share it sans sa source",
     "Tester un outil avec l'équipe avant de l'adopter (Share it conseille une dizaine d'heures d'essai collectif).",
     "Tester un outil avec l'équipe avant de l'adopter (Share it, dans son article « Entrepreneurs sociaux à l'ère "
     "de l'IA », conseille une dizaine d'heures d'essai collectif)."),
    ("module 00, README, ouverture : Avneer",
     "**Avneer**, une jeune entreprise d'orientation professionnelle, d'une barre de recherche de métiers.",
     "**Avneer**, un projet d'orientation professionnelle, d'une barre de recherche de métiers."),
    ("diaporama 06, l'anecdote racontée comme un fait",
     "Tri du CV, entretien à distance, refus : tout est fait par des **chatbots**. Personne ne l'a lue.",
     "Tri du CV, entretien à distance, refus : tout aurait été fait par des **chatbots**."),
]


def test_la_table_est_complete_et_datee():
    cadre = recrutement.cadre()
    assert re.fullmatch(r"\d{1,2} [a-zéû]+ \d{4}", cadre["date"])
    non_verifies = [t for t in cadre["textes"] if t["statut"]]
    assert {t["id"] for t in non_verifies} >= {"ia_omnibus", "ia_art4"}
    precaution = re.compile(cadre["precaution"], re.I)
    for t in cadre["textes"]:
        assert t["source"].strip() and t["verification"].strip(), t["id"]
        for motif in list(t.get("affirmations", ())) + list(t.get("formulations_interdites", ())) \
                + list(t.get("mentions", ())):
            re.compile(motif)
        assert bool(t.get("mentions")) == bool(t.get("portee")), t["id"]
        # la précaution d'abord : un texte non vérifié commence par elle, dans la table elle-même
        if t["statut"]:
            assert precaution.match(t["en_clair"]), f"{t['id']} : « en_clair » ne commence pas par la précaution"
        # la table se relit elle-même : aucune de ses phrases « en clair » ne tombe sous le contrôle
        assert problemes(t["en_clair"], cadre) == [], t["id"]
    # le numéro et les dates de publication de l'omnibus sont des affirmations surveillées
    omnibus = recrutement.entree_juridique("ia_omnibus")
    assert any(re.search(m, "règlement (UE) 2026/1744") for m in omnibus["affirmations"])
    assert any(re.search(m, "en vigueur depuis le 27 juillet 2026") for m in omnibus["affirmations"])
    # l'article 4 : les deux lectures de l'omnibus, et la version d'origine datée
    art4 = recrutement.entree_juridique("ia_art4")["en_clair"]
    assert "2 février 2025" in art4 and "comptes rendus" in art4 and "États membres" in art4
    # l'interdiction de déduire les émotions, avec ses exceptions, et la fiche vidéo de la CNIL
    emotions = recrutement.entree_juridique("ia_art5_emotions")
    assert "point f)" in emotions["reference"] and emotions["statut"] == ""
    for mot in ("2 février 2025", "lieu de travail", "médicales ou de sécurité", "non contraignantes"):
        assert mot in emotions["en_clair"], mot
    assert "fiche n° 12" in recrutement.entree_juridique("cnil_video")["reference"]
    # la portée du rapport 2024 du Défenseur des droits, et le nom de la décision de 2025
    assert re.search(recrutement.entree_juridique("ddd_2024")["portee"], "décisions administratives")
    assert "décision du 10 octobre 2025" in recrutement.entree_juridique("ddd_meta_2025")["reference"]
    # les noms publics de recruiting viennent du fichier
    assert recrutement.CADRE_JURIDIQUE is cadre["textes"] and recrutement.DROITS_CANDIDATE is cadre["droits"]
    assert recrutement.DATE_ETAT_DU_DROIT == cadre["date"] and recrutement.A_VERIFIER_JO == cadre["a_verifier"]
    fiche = (RACINE / "datasets" / "cadre_juridique.md").read_text(encoding="utf-8")
    assert "cadre_juridique.toml" in fiche and "cadre_juridique.toml" in (RACINE / "datasets/README.md").read_text(
        encoding="utf-8")
    assert f"({len(cadre['textes'])} textes)" in fiche


def test_le_controle_attrape_une_affirmation_sans_precaution():
    cadre = recrutement.cadre()
    faux = ("L'omnibus, publié au Journal officiel (règlement (UE) 2026/1744, en vigueur depuis le 27 juillet "
            "2026), reporte les obligations.\n\nLe droit de l'IA change vite : à vérifier avant un atelier.")
    assert len(problemes(faux, cadre)) >= 2          # la précaution d'un autre paragraphe ne compte pas
    liste = "- Omnibus : règlement (UE) 2026/1744.\n- Autre point, à vérifier."
    assert problemes(liste, cadre)                     # ni celle d'un autre élément de liste
    apres = ("L'omnibus (règlement (UE) 2026/1744 d'après des comptes rendus ; numéro et dates à vérifier au "
             "Journal officiel) reporte les obligations au 2 décembre 2027.")
    assert any("précaution après le fait" in p for p in problemes(apres, cadre))   # la précaution d'abord
    bon = ("À vérifier au Journal officiel : d'après des comptes rendus, l'omnibus (règlement (UE) 2026/1744) "
           "reporte les obligations au 2 décembre 2027.")
    assert problemes(bon, cadre) == []
    assert problemes("La Défenseure des droits a jugé en 2025 que Facebook discrimine.", cadre)
    assert problemes("La Défenseure des droits a recommandé en 2025 à Meta de corriger.", cadre) == []
    assert problemes("*État du droit au 1er janvier 2020.*", cadre)
    assert problemes(f"*État du droit au {cadre['date']}.*", cadre) == []


@pytest.mark.parametrize("lieu, faux, corrige", PARAPHRASES_RELEVEES, ids=[p[0] for p in PARAPHRASES_RELEVEES])
def test_chaque_paraphrase_relevee_est_attrapee(lieu, faux, corrige):
    """Contrôle négatif : la phrase relevée par la relecture, remise telle quelle, est attrapée ; sa correction
    passe. Si ce test échoue sur « faux », le contrôle de tout le dépôt ne la verrait plus."""
    cadre = recrutement.cadre()
    assert problemes(faux, cadre), f"{lieu} : la phrase fautive n'est plus attrapée"
    assert problemes(corrige, cadre) == [], f"{lieu} : la correction est refusée"


def test_aucune_prose_n_affirme_un_fait_non_verifie_sans_precaution():
    cadre = recrutement.cadre()
    fichiers = _fichiers_prose()
    assert len(fichiers) > 30
    lus = {f.relative_to(RACINE).parts[0] for f in fichiers}
    assert lus >= {"notebooks", "sources_texte", "slides", "datasets", "src", "README.md"}
    trouves = [f"{lieu} : {p}" for f in fichiers for lieu, texte in _textes(f) for p in problemes(texte, cadre)]
    assert not trouves, "\n".join(trouves)


_ANECDOTE = re.compile(r"jeune femme (?:postule|a postulé|aurait postulé|avait postulé)", re.I)
_ANECDOTE_PRECAUTION = re.compile(r"anecdote|racont|rapporté|vérifi|aurai(?:en)?t (?:postulé|été)", re.I)


def anecdote_sans_precaution(texte: str) -> str | None:
    """La première mention de l'anecdote du webinaire, si rien autour (même paragraphe, ou les 300 caractères qui
    précèdent : un titre, une phrase d'annonce) ne dit qu'elle est rapportée et non vérifiée."""
    m = _ANECDOTE.search(texte)
    if not m:
        return None
    fin = texte.find("\n\n", m.end())
    autour = texte[max(0, m.start() - 300): fin if fin > 0 else len(texte)]
    return None if _ANECDOTE_PRECAUTION.search(autour) else autour[-200:]


def test_l_anecdote_est_rapportee_des_sa_premiere_mention():
    ancien = ("# Module 06 — Le recruteur robot : trier des CV, puis l'auditer\n\nUne jeune femme postule à un poste "
              "de « chargée de communication ». Le tri de son CV, l'entretien à distance et la réponse négative sont "
              "faits par des agents conversationnels (*chatbots*). Dans ce module, vous construisez vous-même un "
              "petit logiciel de présélection de CV, vous l'auditez avec la méthode qu'on utilise en France contre "
              "les discriminations à l'embauche (le ***testing***), puis vous regardez ce que dit la loi et ce que "
              "cette candidate aurait pu demander.")
    assert anecdote_sans_precaution(ancien)            # contrôle négatif : l'ouverture d'avant la relecture
    trouves = []
    for f in _fichiers_prose():
        if f.suffix in (".md", ".ipynb"):
            texte = "\n\n".join(t for _, t in _textes(f))
            if (extrait := anecdote_sans_precaution(texte)) is not None:
                trouves.append(f"{f.relative_to(RACINE)} : {extrait}")
    assert not trouves, "\n".join(trouves)


def test_fichier_abime_message_clair(tmp_path, monkeypatch):
    monkeypatch.setattr(data, "DATA_DIR", tmp_path)
    recrutement.vider_cache()
    try:
        with pytest.raises(DonneesIndisponibles, match="cadre_juridique.toml.*introuvable"):
            recrutement.cadre()
        (tmp_path / "cadre_juridique.toml").write_text("date_etat_du_droit = ", encoding="utf-8")
        with pytest.raises(DonneesIndisponibles, match="illisible.*cadre_juridique.md"):
            recrutement.cadre()
        source = (RACINE / "datasets" / "cadre_juridique.toml").read_text(encoding="utf-8")
        (tmp_path / "cadre_juridique.toml").write_text(
            source.replace('statut = "à vérifier au Journal officiel"', 'statut = "peut-être"', 1), encoding="utf-8")
        with pytest.raises(DonneesIndisponibles, match="abîmé"):
            recrutement.cadre()
    finally:
        monkeypatch.undo()
        recrutement.vider_cache()
    assert recrutement.entree_juridique("rgpd_22")["reference"].startswith("Règlement (UE) 2016/679")
