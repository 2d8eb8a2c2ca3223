"""Les mots qu'une personne qui ne code pas rencontre en ouvrant chacun des neuf tableaux de bord.

Pour chaque tableau de bord, on rassemble le texte de la **première vue** :

- les cellules Markdown du notebook (``notebooks/dashboards/*.ipynb``), sans ce qui est dans un ``<details>``
  (« Pour en savoir plus », « Comment s'en servir ? ») ni les crédits en ``<small>`` ;
- les textes des widgets de l'application telle qu'elle s'ouvre (``value`` des ``HTML``/``Label``,
  ``description``, ``placeholder``, ``options`` des listes et boutons), en sautant les parties cachées
  (``display: none``, un ``Accordion`` fermé, un ``<details>`` dans du HTML).

Ce texte ne doit contenir aucun mot de la liste :data:`JARGON` (plongement, similarité cosinus, score centré,
épicène, scores à trois décimales, jurisprudence…), et la phrase de confidentialité
:data:`messages.CONFIDENTIALITE_TABLEAU` (une seule, ≤ 30 mots) doit s'y trouver, mot pour mot, dans les neuf ;
les anciennes formulations (« ni envoyé ailleurs », « n'est gardé »…) n'y sont plus. Les contrôles négatifs
montrent que le relevé attrape un mot de jargon et une ancienne formulation quand on les remet.
"""
from __future__ import annotations

import html
import re
from pathlib import Path

import ipywidgets as widgets
import nbformat
import pytest

from atelier.ui import messages

RACINE = Path(__file__).resolve().parents[1]
DOSSIER = RACINE / "notebooks" / "dashboards"

#: Les mots (expressions régulières, sans casse) qu'une première vue ne doit pas montrer.
JARGON = {
    "plongement": r"\bplongements?\b",
    "embedding": r"\bembeddings?\b",
    "cosinus": r"\bcosinus\b",
    "score centré": r"\bscores? centrés?\b",
    "épicène": r"\bépicènes?\b",
    "vecteur": r"\bvecteurs?\b",
    "z-score": r"\bz-?scores?\b",
    "UMAP": r"\bUMAP\b",
    "dimension": r"\b\d+ dimensions\b",
    "intitulé": r"\bintitulés?\b",
    "score à trois décimales": r"\d[,.]\d{3}(?!\d)",
    "jurisprudence (arrêt, CJUE)": r"\barrêt [A-Z]|\bCJUE\b",
    "seuil de similarité": r"\bsimilarité\b",
}
#: Les formulations de confidentialité d'avant (cinq phrasés différents) : aucune ne doit revenir.
ANCIENNES_PHRASES = (
    r"ni envoyé ailleurs",
    r"n'est ni enregistré ni envoyé",
    r"n'est gardé",
    r"n'est enregistré ni envoyé",
    r"ni sur cet ordinateur ni sur le serveur",
    r"Rien de ce que vous (tapez|répondez)",
    r"N'y écrivez pas de données personnelles",
)

#: Une promesse de confidentialité dite autrement que par la phrase unique.
AUTRE_PROMESSE = (r"(n'est|ne sont|n'y est) (pas |ni |jamais )?(enregistr|gardé|conserv|envoy)\w*"
                  r"|rien n'est (enregistré|gardé|conservé)|disparai\w* quand vous"
                  r"|n'écrivez (jamais|pas|aucune) (de )?(vraies )?données")


#: Tableau de bord → fabrique de son application (importée seulement au moment du test).
def _recherche():
    from atelier.ui import recherche
    return recherche.RechercheApp(delai=0).vue


def _carte():
    from atelier.ui import carte
    return carte.CarteApp(delai=0).vue


def _mots_nombres():
    from atelier.ui import mots_nombres
    return mots_nombres.NombresApp(delai=0).vue


def _profil():
    from atelier.ui import profil
    return profil.ProfilApp(delai=0).vue


def _sonde():
    from atelier.ui import sonde
    return sonde.SondeApp().vue


def _recruteur():
    from atelier.ui import recruteur
    return recruteur.RecruteurApp().vue


def _chatbot():
    from atelier.ui import chatbot
    return chatbot.ChatbotApp(delai=0).vue


def _diagnostic():
    from atelier.ui import diagnostic
    return diagnostic.DiagnosticApp().vue


def _cv():
    from atelier.ui import cv
    return cv.CvApp().vue


APPLICATIONS = {
    "recherche_de_metiers": _recherche,
    "carte_des_metiers": _carte,
    "des_mots_aux_nombres": _mots_nombres,
    "mon_profil_mes_metiers": _profil,
    "sonde_de_biais": _sonde,
    "recruteur_robot": _recruteur,
    "chatbot_faq": _chatbot,
    "diagnostic_ia": _diagnostic,
    "mon_cv_assiste": _cv,
}


# ── Le relevé ────────────────────────────────────────────────────────────────────────────────────────────────

def texte_visible_html(source: str) -> str:
    """Le texte d'un morceau de HTML ou de Markdown tel qu'on le lit d'abord : sans ``<style>``, sans ce qui est
    replié dans un ``<details>`` (le ``<summary>`` reste visible), sans les crédits en ``<small>``, sans balises."""
    texte = re.sub(r"<style.*?</style>", " ", source, flags=re.S | re.I)
    # les <details> peuvent s'emboîter : on retire de l'intérieur vers l'extérieur, en gardant le <summary>
    motif = re.compile(r"<details[^>]*>\s*(<summary[^>]*>(.*?)</summary>)?((?:(?!<details).)*?)</details>",
                       re.S | re.I)
    while True:
        texte, n = motif.subn(lambda m: f" {m.group(2) or ''} ", texte)
        if not n:
            break
    texte = re.sub(r"<small>.*?</small>", " ", texte, flags=re.S | re.I)
    texte = re.sub(r"<[^>]+>", " ", texte)
    texte = texte.replace("**", "").replace("*", "")
    return " ".join(html.unescape(texte).split())


def _libelles_options(w) -> list[str]:
    libelles = getattr(w, "_options_labels", None)
    if libelles is not None:
        return [str(x) for x in libelles]
    return [str(o[0] if isinstance(o, tuple) else o) for o in (getattr(w, "options", ()) or ())]


def textes_widgets(w) -> list[str]:
    """Les textes d'un arbre de widgets tel qu'il s'affiche à l'ouverture (parties cachées sautées)."""
    layout = getattr(w, "layout", None)
    if layout is not None and (layout.display == "none" or layout.visibility == "hidden"):
        return []
    textes: list[str] = []
    if isinstance(w, (widgets.HTML, widgets.HTMLMath)):
        textes.append(texte_visible_html(w.value or ""))
    elif isinstance(w, widgets.Label):
        textes.append(w.value or "")
    else:
        for attribut in ("description", "placeholder"):
            valeur = getattr(w, attribut, None)
            if isinstance(valeur, str) and valeur:
                textes.append(valeur)
        if isinstance(w, (widgets.Text, widgets.Textarea)) and w.value:
            textes.append(w.value)
        if hasattr(w, "options") and not isinstance(w, widgets.Box):
            textes += _libelles_options(w)
    if isinstance(w, widgets.Accordion):               # un Accordion fermé ne montre que ses titres
        titres = [w.get_title(i) or "" for i in range(len(w.children))] if hasattr(w, "get_title") else []
        textes += [t for t in titres if t]
        ouverts = [] if w.selected_index is None else [w.children[w.selected_index]]
        for enfant in ouverts:
            textes += textes_widgets(enfant)
        return textes
    if isinstance(w, widgets.Tab):                     # un onglet : seul celui qui est choisi se voit
        choisi = w.selected_index if w.selected_index is not None else 0
        return textes + (textes_widgets(w.children[choisi]) if w.children else [])
    for enfant in getattr(w, "children", ()) or ():
        textes += textes_widgets(enfant)
    return textes


def texte_markdown(tableau: str) -> str:
    nb = nbformat.read(DOSSIER / f"{tableau}.ipynb", as_version=4)
    return " ".join(texte_visible_html(c.source) for c in nb.cells if c.cell_type == "markdown")


def premiere_vue(tableau: str) -> str:
    """Tout ce qu'une personne lit en ouvrant le tableau de bord : le Markdown du notebook et ses widgets."""
    return " ".join([texte_markdown(tableau), *textes_widgets(APPLICATIONS[tableau]())])


def jargon_trouve(texte: str) -> list[str]:
    """Les mots de :data:`JARGON` présents dans ``texte``, avec leur contexte."""
    trouves = []
    for nom, motif in JARGON.items():
        for m in re.finditer(motif, texte, re.I if nom not in ("UMAP",) else 0):
            trouves.append(f"{nom} : …{texte[max(0, m.start() - 50):m.end() + 50]}…")
    return trouves


def anciennes_phrases(texte: str) -> list[str]:
    return [m for m in ANCIENNES_PHRASES if re.search(m, texte, re.I)]


def _normal(texte: str) -> str:
    return " ".join(texte.split())


# ── Les tests ────────────────────────────────────────────────────────────────────────────────────────────────

def test_tous_les_tableaux_sont_couverts():
    assert sorted(APPLICATIONS) == sorted(p.stem for p in DOSSIER.glob("*.ipynb"))


def test_la_phrase_de_confidentialite_est_courte_et_dit_le_vrai():
    phrase = messages.CONFIDENTIALITE_TABLEAU
    mots = re.findall(r"\w[\w'’-]*", phrase)
    assert len(mots) <= 30, len(mots)
    assert phrase.count(".") == 1 and phrase.endswith(".")          # une seule phrase
    for idee in ("Rien n'est enregistré", "mémoire", "serveur", "fait tourner la page", "fermeture",
                 "rien de réel sur les personnes accompagnées"):
        assert idee in phrase
    assert not anciennes_phrases(phrase)
    assert not re.search(r"envoyé|ailleurs", phrase)                 # pas de promesse contredite par le serveur


@pytest.fixture(scope="module", params=sorted(APPLICATIONS))
def vue(request):
    return request.param, premiere_vue(request.param)


def test_premiere_vue_sans_jargon(vue):
    tableau, texte = vue
    assert texte.strip(), tableau
    trouves = jargon_trouve(texte)
    assert not trouves, f"{tableau} :\n" + "\n".join(trouves)


def test_une_seule_phrase_de_confidentialite(vue):
    tableau, texte = vue
    assert _normal(messages.CONFIDENTIALITE_TABLEAU) in _normal(texte), tableau
    assert not anciennes_phrases(texte), (tableau, anciennes_phrases(texte))
    # toute autre promesse sur ce qui est gardé serait une seconde formulation
    reste = _normal(texte).replace(_normal(messages.CONFIDENTIALITE_TABLEAU), " ")
    autres = [m.group(0) for m in re.finditer(AUTRE_PROMESSE, reste, re.I)]
    assert not autres, (tableau, autres)


# ── Contrôles négatifs : le relevé attrape ce qu'on remet ─────────────────────────────────────────────────────

def test_controle_negatif_jargon_dans_le_markdown():
    md = ("Tapez deux mots : le modèle calcule la similarité cosinus de leurs plongements (0,873).\n\n"
          "<details><summary>Pour en savoir plus</summary>le score centré</details>")
    texte = texte_visible_html(md)
    trouves = " ".join(jargon_trouve(texte))
    assert "cosinus" in trouves and "plongement" in trouves and "trois décimales" in trouves
    assert "score centré" not in trouves                               # replié : pas en première vue
    assert "Pour en savoir plus" in texte


def test_controle_negatif_jargon_dans_un_widget():
    vue = widgets.VBox([widgets.HTML("<p>Version épicène</p>"),
                        widgets.ToggleButtons(options=["masculin ↔ épicène"]),
                        widgets.VBox([widgets.HTML("<p>vecteur caché</p>")], layout=widgets.Layout(display="none")),
                        widgets.Accordion(children=[widgets.HTML("<p>z-score replié</p>")])])
    trouves = jargon_trouve(" ".join(textes_widgets(vue)))
    assert [t.split(" : ")[0] for t in trouves] == ["épicène", "épicène"]    # le HTML et le bouton ; rien de caché


def test_controle_negatif_ancienne_phrase_et_jargon_dans_un_vrai_tableau(monkeypatch):
    """On remet dans le vrai tableau « Diagnostic IA » une ancienne phrase et un mot de jargon : le relevé les voit."""
    from atelier.ui import diagnostic
    ancienne = ("Rien de ce que vous répondez ou écrivez n'est enregistré ni envoyé : tout reste dans cette page et "
                "disparaît quand vous la fermez.")
    monkeypatch.setattr(messages, "DIAG_CONFIDENTIALITE", ancienne)
    monkeypatch.setattr(messages, "DIAG_AIDE", messages.DIAG_AIDE + " Le score centré vaut 0,412.")
    texte = " ".join(textes_widgets(diagnostic.DiagnosticApp().vue))
    assert anciennes_phrases(texte)
    trouves = " ".join(jargon_trouve(texte))
    assert "score centré" in trouves and "trois décimales" in trouves
    assert _normal(messages.CONFIDENTIALITE_TABLEAU) not in _normal(texte)


# ── Après le premier clic : le verdict en mots d'abord, les nombres derrière « Pour en savoir plus » ──────────

def test_des_mots_aux_nombres_resultat_verdict_d_abord():
    import pandas as pd

    from atelier.ui import mots_nombres
    vu = {"a": "nounou", "b": "assistante maternelle", "rang": 3, "sur": 13_120, "similarite": 0.9123,
          "score_centre": 0.0712}
    voisins = pd.DataFrame({"rang": [1], "appellation": ["Assistant maternel / Assistante maternelle"],
                            "score_centre": [0.0812], "grand_domaine": ["Services à la personne"]})
    r = {"a": "nounou", "b": "assistante maternelle", "similarite": 0.9123, "depuis_a": vu,
         "depuis_b": {**vu, "a": vu["b"], "b": vu["a"]}, "voisins_a": voisins, "voisins_b": voisins}
    repere = {"n": 10_000, "moyenne": 0.87, "p5": 0.83, "p95": 0.91}
    page = mots_nombres.rendre_resultat(r, repere)
    visible = texte_visible_html(page)
    assert not jargon_trouve(visible), jargon_trouve(visible)
    assert "Assistant maternel" in visible and messages.NOMBRES_PLUS in visible
    assert "Similarité cosinus" in page and "Score centré" in page          # toujours là, mais repliés
    assert messages.NOMBRES_ANNONCE.format(verdict="V") == "V"               # l'annonce est le verdict seul


def test_chatbot_reponse_sans_score_a_trois_decimales():
    from atelier.faq import Reponse
    from atelier.ui import chatbot
    rep = Reponse(question="wifi ?", tronquee=False, sait_pas=True, id=None, texte="Je ne sais pas.",
                  contact="l'accueil", score=0.7412, seuil=0.8, confiance="faible", id_proche="F01",
                  question_proche="Y a-t-il le Wi-Fi ?", id_second=None, question_second=None, score_second=0.0)
    page = chatbot.rendre_robot(rep)
    visible = texte_visible_html(page)
    assert not jargon_trouve(visible), jargon_trouve(visible)
    assert "Confiance : faible" in visible and "74 sur 100" not in visible
    assert "74 sur 100" in page and "80 sur 100" in page


def test_diagnostic_pourquoi_sans_jurisprudence_en_premiere_lecture():
    from atelier.ui import diagnostic
    texte = ("La Cour de justice de l'Union européenne (arrêt Dun & Bradstreet Austria, 27 février 2025) attend "
             "qu'on explique quelles données ont compté.")
    simple, refs = diagnostic.pourquoi_simple(texte)
    assert simple.startswith("La Cour de justice de l'Union européenne attend") and "arrêt" not in simple
    assert refs == ["arrêt Dun & Bradstreet Austria, 27 février 2025"]
    rendu = diagnostic.rendre_pourquoi(texte)
    assert "arrêt Dun" in rendu                                              # gardé, dans « Pour en savoir plus »
    # le « Pourquoi » ouvert, le second <details> fermé : l'arrêt n'est pas lu en première lecture
    ouvert = re.sub(r"^<details><summary>.*?</summary>", "", rendu)[: -len("</details>")]
    assert "arrêt" not in texte_visible_html(ouvert) and messages.DIAG_PLUS in texte_visible_html(ouvert)
