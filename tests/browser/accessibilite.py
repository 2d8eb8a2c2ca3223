"""Outils d'accessibilité partagés par les tests dans Chromium : l'audit axe-core, la mise en page à l'étroit.

axe-core (Deque Systems, MPL-2.0) est installé par npm (version épinglée dans ``package.json`` et
``package-lock.json``) et injecté depuis ``node_modules`` : aucun CDN, aucune requête hors de la machine.

:func:`auditer` fait passer les règles WCAG 2.0/2.1/2.2 A et AA et les bonnes pratiques d'axe sur la page ; il
échoue sur toute violation **grave** (*serious*) ou **critique** (*critical*) et écrit les autres dans la
sortie du test. Chaque audit est aussi ajouté à ``test-artifacts/axe.jsonl`` (une ligne par page auditée),
d'où vient le tableau des violations de ``slides/README.md``.
"""
from __future__ import annotations

import json
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
AXE = ROOT / "node_modules" / "axe-core" / "axe.min.js"
ARTEFACTS = ROOT / "test-artifacts"
ETIQUETTES = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22aa", "best-practice"]
GRAVES = ("serious", "critical")

_LANCER = """async ([etiquettes, exclure]) => {
  const contexte = exclure.length ? {include: [document], exclude: exclure.map(s => [s])} : document;
  const r = await axe.run(contexte, {runOnly: {type: 'tag', values: etiquettes}, resultTypes: ['violations']});
  return r.violations.map(v => ({id: v.id, impact: v.impact, aide: v.help, n: v.nodes.length,
    cibles: v.nodes.slice(0, 4).map(n => n.target.join(' ') + ' — ' + (n.failureSummary || '').split('\\n').slice(1, 2).join(''))}));
}"""


def texte_present(page, selecteur: str, morceau: str, delai_ms: int = 90_000) -> None:
    """Attend qu'un élément ``selecteur`` contienne ``morceau`` (espaces insécables lus comme des espaces)."""
    page.wait_for_function("""([sel, txt]) => Array.from(document.querySelectorAll(sel)).some(e =>
        e.textContent.replace(/[\\u00a0\\u202f]/g, ' ').includes(txt))""", arg=[selecteur, morceau], timeout=delai_ms)


def texte_de(page, selecteur: str) -> str:
    """Le texte du premier élément ``selecteur`` ("" s'il n'y en a pas), tel que :func:`texte_change` le compare."""
    return page.evaluate("(sel) => { const e = document.querySelector(sel); return e ? e.textContent : ''; }",
                         selecteur)


def texte_change(page, selecteur: str, avant: str, morceau: str = "", delai_ms: int = 90_000) -> None:
    """Attend que le texte du premier élément ``selecteur`` ne soit plus ``avant`` et contienne ``morceau``.

    À employer sur ce que le noyau met à jour **en dernier** après une action : attendre un texte qu'il affichait
    déjà avant l'action passerait tout de suite, sur l'ancien résultat."""
    page.wait_for_function("""([sel, avant, txt]) => { const e = document.querySelector(sel);
        return !!e && e.textContent !== avant && e.textContent.replace(/[\\u00a0\\u202f]/g, ' ').includes(txt); }""",
                           arg=[selecteur, avant, morceau], timeout=delai_ms)


def injecter_axe(page) -> None:
    """Charge axe-core dans la page (depuis ``node_modules``), une seule fois par document."""
    if not AXE.is_file():
        pytest.fail(f"axe-core est introuvable ({AXE}) : lancez « npm ci » (ou bash scripts/installer.sh --tests).")
    if not page.evaluate("typeof window.axe !== 'undefined'"):
        page.add_script_tag(path=str(AXE))


def auditer(page, nom: str, exclure: tuple[str, ...] = ()) -> list[dict]:
    """Audite la page telle qu'elle est ; échoue sur une violation grave ou critique, liste les autres.

    ``nom`` désigne la page dans la sortie et dans ``test-artifacts/axe.jsonl`` ; ``exclure`` : des sélecteurs
    CSS à laisser de côté (à justifier à l'appel).
    """
    injecter_axe(page)
    violations = page.evaluate(_LANCER, [ETIQUETTES, list(exclure)])
    ARTEFACTS.mkdir(exist_ok=True)
    with open(ARTEFACTS / "axe.jsonl", "a", encoding="utf-8") as f:
        f.write(json.dumps({"page": nom, "violations": violations}, ensure_ascii=False) + "\n")
    graves = [v for v in violations if v["impact"] in GRAVES]
    for v in violations:
        marque = "GRAVE" if v in graves else "à voir"
        print(f"[axe {nom}] {marque} {v['impact']} {v['id']} ×{v['n']} : {v['aide']}")
        for c in v["cibles"]:
            print(f"    {c}")
    if not violations:
        print(f"[axe {nom}] aucune violation")
    assert not graves, (f"{nom} : {len(graves)} violation(s) graves ou critiques : "
                        + "; ".join(f"{v['id']} ({v['impact']}, ×{v['n']}) {v['cibles']}" for v in graves))
    return violations


def sans_defilement_horizontal(page) -> tuple[int, int]:
    """Rien ne dépasse sur le côté : ni la page ni aucune zone qui défile (Voilà fait défiler un conteneur
    intérieur, pas le document) ne défile horizontalement. Rend (largeur du contenu, largeur de la fenêtre)."""
    largeurs = page.evaluate("""() => { const e = document.scrollingElement;
        return [e.scrollWidth, e.clientWidth]; }""")
    assert largeurs[0] <= largeurs[1] + 1, f"la page défile sur le côté : contenu {largeurs[0]} px, fenêtre {largeurs[1]} px"
    zones = page.evaluate("""() => Array.from(document.querySelectorAll('body *')).filter(e => {
        const s = getComputedStyle(e);
        return ['auto', 'scroll'].includes(s.overflowX) && e.clientWidth > 0 && e.scrollWidth > e.clientWidth + 1
               && !['TEXTAREA', 'SELECT', 'INPUT'].includes(e.tagName);
      }).map(e => `${e.tagName}.${String(e.className).slice(0, 60)} : ${e.scrollWidth} px pour ${e.clientWidth} px`)""")
    assert not zones, f"des zones défilent sur le côté : {zones}"
    return tuple(largeurs)


def dans_la_fenetre(page, selecteur: str) -> None:
    """L'élément ``selecteur`` est visible, tient en largeur dans la fenêtre, et aucun de ses conteneurs ne le
    coupe (un conteneur en ``overflow: hidden`` plus étroit que lui)."""
    element = page.locator(selecteur).first
    assert element.is_visible(), f"{selecteur} n'est pas visible"
    boite = element.bounding_box()
    largeur = page.evaluate("document.scrollingElement.clientWidth")
    assert boite and boite["width"] > 0 and boite["height"] > 0, f"{selecteur} n'a pas de taille"
    assert boite["x"] >= -1 and boite["x"] + boite["width"] <= largeur + 1, (
        f"{selecteur} sort de la fenêtre : x = {boite['x']:.0f}, largeur {boite['width']:.0f}, fenêtre {largeur}")
    coupe = element.evaluate("""e => { const r = e.getBoundingClientRect();
        for (let a = e.parentElement; a; a = a.parentElement) {
          if (getComputedStyle(a).overflowX === 'visible') continue;
          const c = a.getBoundingClientRect();
          if (r.left < c.left - 1 || r.right > c.right + 1)
            return `${a.tagName}.${String(a.className).slice(0, 60)} (${Math.round(c.left)}–${Math.round(c.right)} px) `
                   + `coupe l'élément (${Math.round(r.left)}–${Math.round(r.right)} px)`;
        }
        return ''; }""")
    assert not coupe, f"{selecteur} : {coupe}"


# ── Clavier ──────────────────────────────────────────────────────────────────────────────────────────────

_FOCUS = """(sel) => {
  const e = document.activeElement;
  if (!e || e === document.body || e === document.documentElement) return {cle: 'body', dedans: false, visible: false};
  window.__atelierIds = window.__atelierIds || new WeakMap();
  if (!window.__atelierIds.has(e)) window.__atelierIds.set(e, window.__atelierN = (window.__atelierN || 0) + 1);
  const s = getComputedStyle(e);
  const contour = s.outlineStyle !== 'none' && parseFloat(s.outlineWidth) >= 2;
  return {cle: e.tagName + ':' + window.__atelierIds.get(e) + ':' + (e.name || '') + ':' + (e.textContent || e.value || '').slice(0, 30),
          dedans: !!(sel && e.closest(sel)), visible: contour || s.boxShadow !== 'none'};
}"""


def focus(page, selecteur: str | None = None) -> dict:
    """L'élément qui a le focus : une clé qui l'identifie, s'il est dans ``selecteur``, si son focus se voit."""
    return page.evaluate(_FOCUS, selecteur)


def tabuler_jusqu_a(page, selecteur: str, max_tab: int = 80, arriere: bool = False) -> int:
    """Appuie sur Tab (ou Maj+Tab) jusqu'à ce que le focus soit dans ``selecteur`` ; rend le nombre d'appuis.

    Vérifie au passage que le focus se voit sur chaque élément traversé (contour ou ombre)."""
    for i in range(1, max_tab + 1):
        page.keyboard.press("Shift+Tab" if arriere else "Tab")
        f = focus(page, selecteur)
        if f["cle"] != "body":
            assert f["visible"], f"le focus ne se voit pas sur {f['cle']}"
        if f["dedans"]:
            return i
    raise AssertionError(f"{selecteur} n'est pas atteint en {max_tab} appuis sur Tab")


def sans_piege(page, max_tab: int = 250) -> int:
    """Le focus ne reste coincé nulle part : en appuyant sur Tab, on revient à l'élément de départ."""
    depart = focus(page)["cle"]
    vus = []
    for i in range(1, max_tab + 1):
        page.keyboard.press("Tab")
        cle = focus(page)["cle"]
        if cle == depart:
            return i
        vus.append(cle)
    raise AssertionError(f"le focus ne revient pas au départ en {max_tab} appuis ; derniers : {vus[-5:]}")
