"""Markdown → HTML : les diaporamas (reveal.js, un fichier autonome), les fiches, les plans et le sommaire."""
from __future__ import annotations

import html
import json
import re
from pathlib import Path

from kit.images import Image
from kit.pictos import html_picto
from kit.reglages import FIGURE_MD, HAUTEUR, LARGEUR, LICENCE, PICTO_MD, REVEAL, TABLEAU_MD, THEME
from kit.sources import Diaporama, Source
from kit.tableaux import TABLEAUX


def _markdown():
    import mistune

    return mistune.create_markdown(escape=False, plugins=["table", "strikethrough"])


def html_tableau(nom: str, legende: str) -> str:
    texte = f'<p class="legende-tableau">{html.escape(legende)}</p>' if legende.strip() else ""
    return f'\n\n<div class="tableau-genere" data-tableau="{nom}">{TABLEAUX[nom]()}{texte}</div>\n\n'


def html_figure(image: Image, legende: str) -> str:
    attribut = html.escape(image.alt, quote=True)
    texte = f"<figcaption>{html.escape(legende)}</figcaption>" if legende.strip() else ""
    return (f'\n\n<figure class="figure {image.format}" data-figure="{image.nom}"><img src="{image.src}" width="{image.largeur_css}" alt="{attribut}">'
            f"{texte}</figure>\n\n")


COLONNE = re.compile(r"^\|\|\|[ \t]*$", re.MULTILINE)
_ENTETE_VIDE = re.compile(r"<thead>\s*<tr>(?:\s*<th[^>]*>\s*</th>)+\s*</tr>\s*</thead>\s*")
_CASE_ENTETE_VIDE = re.compile(r"<th([^>]*)>\s*</th>")


def _sans_entete_vide(code: str) -> str:
    """Un tableau Markdown sans titres de colonnes (``| | |``) n'a pas de ligne d'en-tête, et une case d'en-tête
    vide (le coin d'un tableau à double entrée) devient une case ordinaire : les lecteurs d'écran n'annoncent pas
    de titres vides (règle « empty-table-header » d'axe-core)."""
    return _CASE_ENTETE_VIDE.sub(r"<td\1></td>", _ENTETE_VIDE.sub("", code))


def vers_html(markdown: str, images: dict[str, Image]) -> str:
    """Markdown → HTML ; ``![légende](figure:nom)`` devient la figure calculée, avec son texte alternatif.

    Des lignes ``|||`` découpent le contenu en colonnes : ce qui précède la première ligne ``|||`` occupe toute
    la largeur, chaque morceau suivant devient une colonne.
    """
    rendre = _markdown()

    def morceau(texte: str) -> str:
        texte = FIGURE_MD.sub(lambda m: html_figure(images[m.group(2)], m.group(1)), texte)
        texte = PICTO_MD.sub(lambda m: html_picto(m.group(2), m.group(1)), texte)
        return _sans_entete_vide(rendre(TABLEAU_MD.sub(lambda m: html_tableau(m.group(2), m.group(1)), texte)))

    parties = COLONNE.split(markdown)
    if len(parties) == 1:
        return morceau(markdown)
    colonnes = "".join(f"<div>{morceau(c)}</div>" for c in parties[1:])
    return f'{morceau(parties[0])}<div class="colonnes n{len(parties) - 1}">{colonnes}</div>'


def _lire(chemin: Path) -> str:
    if not chemin.is_file():
        raise SystemExit(f"Fichier introuvable : {chemin}. Installez reveal.js avec « npm ci » à la racine du dépôt "
                         "(ou bash scripts/installer.sh).")
    return chemin.read_text(encoding="utf-8")


def _script(code: str) -> str:
    """Du JavaScript inséré dans une balise <script> : « </script » ne doit pas fermer la balise trop tôt."""
    return code.replace("</script", "<\\/script").replace("<!--", "<\\!--")


def version_reveal() -> str:
    return json.loads(_lire(REVEAL / "package.json"))["version"]


def entete_reveal(partie: str) -> str:
    """Un en-tête de licence à placer devant chaque morceau de reveal.js intégré (la feuille de style et
    l'extension de notes n'en portent pas ; reveal.js lui-même garde le sien)."""
    copyright_ = _lire(REVEAL / "LICENSE").splitlines()[0].strip()
    extra = " Cette extension intègre marked (MIT, https://github.com/markedjs/marked)." if partie == "notes" else ""
    return f"/*! reveal.js {version_reveal()}, {partie} — licence MIT — {copyright_}.{extra} */"


def page_diaporama(deck: Diaporama, images: dict[str, Image]) -> str:
    """Un diaporama en un seul fichier HTML : reveal.js, l'extension de notes, le thème et les figures inclus."""
    dist = REVEAL / "dist"
    sections = []
    for d in deck.diapos:
        notes = _markdown()(d.notes)
        classe, aide = "", ""
        if d.numero == 1:
            classe = ' class="titre-deck"'
            aide = ('<p class="aide-clavier">Clavier : <kbd>→</kbd> diapositive suivante · <kbd>S</kbd> notes de '
                    "l'animation · <kbd>F</kbd> plein écran · <kbd>Échap</kbd> vue d'ensemble</p>")
        sections.append(f'<section{classe} data-numero="{d.numero}" data-minutes="{d.minutes:g}">\n'
                        f"{vers_html(d.markdown, images)}{aide}\n<aside class=\"notes\">{notes}</aside>\n</section>")
    config = {"hash": True, "slideNumber": "c/t", "width": LARGEUR, "height": HAUTEUR, "margin": 0.04,
              "transition": "none", "backgroundTransition": "none", "center": False, "pdfSeparateFragments": False,
              "pdfMaxPagesPerSlide": 1, "controlsTutorial": False}
    return f"""<!doctype html>
<html lang="fr">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>{html.escape(deck.titre)}</title>
<meta name="generator" content="Atelier IA &amp; ESS, scripts/construire_kit.py, reveal.js {version_reveal()}">
<!-- {html.escape(LICENCE)} -->
<style>
{entete_reveal("reveal.css")}
{_lire(dist / "reveal.css")}
</style>
<style>
{_lire(THEME / "atelier.css")}
</style>
</head>
<body>
<div class="reveal">
<div class="slides">
{chr(10).join(sections)}
</div>
<p class="pied-licence">{html.escape(deck.titre)} — CC BY 4.0, Atelier IA &amp; ESS</p>
</div>
<script>
{_script(_lire(dist / "reveal.js"))}
</script>
<script>
{entete_reveal("notes")}
{_script(_lire(dist / "plugin" / "notes.js"))}
</script>
<script>
(function () {{
  var impression = /print-pdf/i.test(window.location.search);
  var config = {json.dumps(config)};
  config.showNotes = impression ? "separate-page" : false;
  config.plugins = [RevealNotes];
  Reveal.initialize(config);
}})();
</script>
</body>
</html>
"""


def page_simple(titre: str, corps_html: str, classe: str, css: str, retour: str = "../index.html") -> str:
    lien = (f'<nav aria-label="Retour"><p class="retour"><a href="{retour}">← Sommaire du kit</a></p></nav>'
            if retour else "")
    return f"""<!doctype html>
<html lang="fr">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>{html.escape(titre)}</title>
<style>
{css}
</style>
</head>
<body class="{classe}">
{lien}
<main>
{corps_html}
</main>
</body>
</html>
"""


#: Ce que dit une fiche facile à lire qui n'a pas encore été relue par des personnes concernées (tête
#: « relecture: pas encore ») ; les règles FALC demandent cette relecture (slides/README.md).
RELECTURE_A_FAIRE = ("Cette fiche n'a pas encore été relue par des personnes qui lisent difficilement. "
                     "Nous allons la faire relire par elles, puis la corriger.")


def _relecture(valeur: str) -> str:
    if valeur == "pas encore":
        return RELECTURE_A_FAIRE
    return f"Relue par des personnes concernées : {valeur}."


def page_fiche(fiche: Source, images: dict[str, Image]) -> str:
    # Une fiche « facile à lire et à comprendre » (FALC, tête « falc: oui ») : même construction, autre mise en
    # page (gros caractères, une image à gauche de chaque idée ; voir slides/README.md et fiche.css).
    # Une carte « L'IA au guichet » (tête « guichet: carte » ou « guichet: autocontrole ») : son pictogramme
    # (tête « picto: ») à gauche du titre.
    falc = fiche.meta.get("falc", "") == "oui"
    guichet = fiche.meta.get("guichet", "")
    if guichet:
        genre = ("L'IA au guichet · carte " + html.escape(fiche.meta.get("numero", "")) if guichet == "carte"
                 else "L'IA au guichet · pour l'animation")
        picto = html_picto(fiche.meta["picto"]).strip() if "picto" in fiche.meta else ""
        entete = (f'<header class="entete-carte">{picto}<div><p class="surtitre">Atelier IA &amp; ESS · {genre}</p>'
                  f'<h1>{html.escape(fiche.titre)}</h1></div></header>')
        classe = "fiche guichet"
    else:
        genre = "fiche facile à lire" if falc else "fiche à emporter"
        entete = (f'<header><p class="surtitre">Atelier IA &amp; ESS · {genre} · module '
                  f'{html.escape(fiche.meta.get("module", ""))}</p><h1>{html.escape(fiche.titre)}</h1></header>')
        classe = "fiche falc" if falc else "fiche"
    relecture = (f'<p class="relecture">{html.escape(_relecture(fiche.meta.get("relecture", "")))}</p>'
                 if falc else "")
    pied = f'<footer>{relecture}{html.escape(LICENCE.split(" Code")[0])} — {html.escape(fiche.meta.get("lien", ""))}</footer>'
    return page_simple(fiche.titre, entete + vers_html(fiche.corps, images) + pied, classe,
                       _lire(THEME / "fiche.css"), retour="")


_LIEN_MD = re.compile(r"\]\(((?!https?:|#|mailto:)[^)\s]+?)\.md(#[^)]*)?\)")


def page_plan(plan: Source, images: dict[str, Image]) -> str:
    # Les liens entre plans (« autre_plan.md ») mènent aux pages HTML construites.
    corps = _LIEN_MD.sub(lambda m: f"]({m.group(1)}.html{m.group(2) or ''})", plan.corps)
    return page_simple(plan.titre, vers_html(corps, images), "plan", _lire(THEME / "page.css"))


def _lien(adresse: str, texte: str) -> str:
    return f'<a href="{html.escape(adresse, quote=True)}">{html.escape(texte)}</a>'


def _liste(elements: list[str]) -> str:
    return "<ul>\n" + "\n".join(f"<li>{e}</li>" for e in elements) + "\n</ul>"


def page_index(decks: list[Diaporama], liste_fiches: list[Source], liste_plans: list[Source], pdf: bool,
               modules) -> str:
    """Le sommaire du kit : l'ouverture, puis chaque module du parcours dans l'ordre du registre
    (``notebooks/parcours.toml``, :func:`atelier.registre.parcours`) avec son diaporama, son plan de séance et ses
    fiches, puis les formats de séance, le plan B et tout autre document des dossiers."""
    reste_decks = {d.nom: d for d in decks}
    reste_fiches = {f.nom: f for f in liste_fiches}
    reste_plans = {p.nom: p for p in liste_plans}

    def diaporama(d: Diaporama) -> str:
        lien_pdf = f" · {_lien(f'diaporamas/{d.nom}.pdf', 'PDF avec notes')}" if pdf else ""
        return f"{_lien(f'diaporamas/{d.nom}.html', d.titre)} — {len(d.diapos)} diapositives, {d.duree:g} min{lien_pdf}"

    def fiche(f: Source) -> str:
        return _lien(f"fiches/{f.nom}.{'pdf' if pdf else 'html'}", f.titre)

    def plan(p: Source) -> str:
        return _lien(f"plans/{p.nom}.html", p.titre)

    blocs = []
    for m in modules:
        elements = []
        if m.fichier in reste_decks:
            elements.append("Diaporama : " + diaporama(reste_decks.pop(m.fichier)))
        if m.fichier in reste_plans:
            elements.append("Plan de séance : " + plan(reste_plans.pop(m.fichier)))
        if m.fichier in reste_fiches:
            elements.append("Fiche à emporter : " + fiche(reste_fiches.pop(m.fichier)))
        if f"{m.fichier}_falc" in reste_fiches:
            elements.append("Fiche facile à lire (FALC) : " + fiche(reste_fiches.pop(f"{m.fichier}_falc")))
        blocs.append(f"<h3>{html.escape(f'{m.numero} · {m.titre}')} — {m.duree} min</h3>\n{_liste(elements)}")
    guichet = [f for f in reste_fiches.values() if f.meta.get("guichet")]
    cartes = ""
    if guichet:
        cartes = ("<h2>L'IA au guichet : cartes pour les aidants numériques</h2>\n<p>Des situations du quotidien "
                  "(ce qu'on peut dire, ce qu'il ne faut jamais faire, vers qui orienter, la règle derrière), une "
                  "carte par page A4, et un questionnaire pour se tester.</p>\n"
                  + _liste([(f"Carte {html.escape(f.meta['numero'])} : " if f.meta.get("numero") else "") + fiche(f)
                            for f in guichet]))
        for f in guichet:
            del reste_fiches[f.nom]
    autres = ""
    if reste_fiches:
        autres = "<h2>Autres fiches</h2>\n" + _liste([fiche(f) for f in reste_fiches.values()])
    corps = f"""<h1>Atelier IA &amp; ESS — kit d'animation</h1>
<p>Tout fonctionne sans réseau : copiez ce dossier sur une clé USB ou envoyez un fichier par courriel. Dans un
diaporama, appuyez sur <kbd>S</kbd> pour ouvrir la vue des notes, <kbd>F</kbd> pour le plein écran,
<kbd>Échap</kbd> pour la vue d'ensemble. Les fiches (une page A4) sont à imprimer pour les participantes et
participants.</p>
<h2>Pour ouvrir la séance</h2>
{_liste([diaporama(d) for d in reste_decks.values()])}
<h2>Les modules du parcours</h2>
{chr(10).join(blocs)}
<h2>Formats de séance et plan B</h2>
{_liste([plan(p) for p in reste_plans.values()])}
{cartes}
{autres}
<p class="licence">{html.escape(LICENCE)} Reconstruire : <code>.venv/bin/python scripts/construire_kit.py</code>.</p>
"""
    return page_simple("Atelier IA & ESS — kit d'animation", corps, "plan", _lire(THEME / "page.css"), retour="")
