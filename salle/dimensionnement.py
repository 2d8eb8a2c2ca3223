"""La taille d'une salle, calculée depuis ``salle/dimensionnement.toml`` (la règle et ses chiffres, écrits une fois).

    .venv/bin/python salle/dimensionnement.py                  # la règle appliquée à chaque leçon (texte)
    .venv/bin/python salle/dimensionnement.py --readme         # réécrit la section de salle/README.md
    .venv/bin/python salle/dimensionnement.py --verifier       # code 1 si salle/README.md, plan_b.md ou
                                                               # kubernetes/values.yaml ne suivent plus
    .venv/bin/python salle/dimensionnement.py --tableaux       # « nom=Mo » pour scripts/tableaux_de_bord.sh

La règle (à la manière de « Resource estimation » de The Littlest JupyterHub) :
``mémoire = socle + personnes × (serveur + leçon + tableau de bord) + marge`` et
``cœurs = socle_coeurs + personnes × coeurs_par_personne`` ; ses chiffres et leur origine : le fichier ``.toml``.
"""
from __future__ import annotations

import argparse
import math
import re
import sys
import textwrap
import tomllib
from dataclasses import dataclass
from pathlib import Path

RACINE = Path(__file__).resolve().parents[1]
SOURCE = RACINE / "salle" / "dimensionnement.toml"
README = RACINE / "salle" / "README.md"
PLAN_B = RACINE / "slides" / "plans" / "plan_b.md"
VALEURS_K8S = RACINE / "salle" / "kubernetes" / "values.yaml"
MACHINES_GO = (8, 16, 32)
GROUPE = 30
DEBUT = ("<!-- Section écrite par `.venv/bin/python salle/dimensionnement.py --readme` depuis "
         "salle/dimensionnement.toml : modifiez le .toml, pas ce texte (tests/test_salle_dimensionnement.py). -->")
FIN = "<!-- Fin de la section écrite depuis salle/dimensionnement.toml. -->"


def lire(chemin: Path = SOURCE) -> dict:
    return tomllib.loads(chemin.read_text(encoding="utf-8"))


class MesureManquante(ValueError):
    """Une leçon ou un tableau de bord du parcours n'a pas encore sa mesure dans la source."""


@dataclass(frozen=True)
class Lecon:
    """Une leçon du parcours et ce qu'elle demande à la machine, par personne."""

    fichier: str
    numero: str
    titre: str
    pic_mo: int
    processeur_s: float
    tableau: str | None        # le tableau de bord de la leçon (notebooks/parcours.toml), s'il y en a un
    tableau_titre: str
    tableau_mo: int
    duree: int = 0             # la durée de la séance, en minutes (notebooks/parcours.toml)
    note: str = ""             # ce que le pic compte de particulier (écrit sous le tableau du README)


def lecons(source: dict) -> list[Lecon]:
    """Les leçons dans l'ordre du parcours, avec le tableau de bord que le registre leur associe (s'il y en a
    plusieurs : le plus lourd)."""
    from atelier import registre

    modules = registre.parcours()
    manquent = [m.fichier for m in modules if m.fichier not in source["lecons"]] + [
        f"dashboards/{t}" for m in modules for t, _ in m.tableaux_de_bord if t not in source["tableaux"]]
    if manquent:
        raise MesureManquante(
            f"salle/dimensionnement.toml n'a pas de mesure pour {', '.join(manquent)} : mesurez (.venv/bin/python "
            "benchmarks/bench_memoire.py --sans-etapes --premier-usage --notebooks notebooks/<…>.ipynb), écrivez "
            "le pic dans le fichier, puis .venv/bin/python salle/dimensionnement.py --readme")
    sortie = []
    for module in modules:
        mesure = source["lecons"][module.fichier]
        tableaux = sorted(module.tableaux_de_bord, key=lambda t: -source["tableaux"][t[0]])
        tableau, titre = tableaux[0] if tableaux else (None, "")
        sortie.append(Lecon(module.fichier, module.numero, module.titre, int(mesure["pic_mo"]),
                            float(mesure["processeur_s"]), tableau, titre,
                            int(source["tableaux"][tableau]) if tableau else 0, module.duree,
                            mesure.get("note", "")))
    return sortie


def par_personne_mo(source: dict, lecon: Lecon) -> float:
    """La part d'une personne, marge comprise : (serveur + leçon + tableau de bord) × (1 + marge)."""
    m = source["memoire"]
    return (m["serveur_mo"] + lecon.pic_mo + lecon.tableau_mo) * (1 + m["marge_pourcent"] / 100)


def memoire_mo(source: dict, personnes: int, lecon: Lecon) -> float:
    """mémoire = socle + personnes × (serveur + leçon + tableau de bord) + marge."""
    return source["memoire"]["socle_mo"] + personnes * par_personne_mo(source, lecon)


def personnes_max(source: dict, memoire_go: float, lecon: Lecon) -> int:
    """Combien de personnes tiennent sur une machine de ``memoire_go`` Go pour cette leçon."""
    return max(0, math.floor((memoire_go * 1024 - source["memoire"]["socle_mo"]) / par_personne_mo(source, lecon)))


def coeurs(source: dict, personnes: int) -> float:
    """cœurs = socle_coeurs + personnes × coeurs_par_personne."""
    p = source["processeur"]
    return p["socle_coeurs"] + personnes * p["coeurs_par_personne"]


def la_plus_lourde(source: dict) -> Lecon:
    """La leçon dont la part par personne est la plus grande (à égalité : la première du parcours)."""
    return max(lecons(source), key=lambda l: par_personne_mo(source, l))


def memoire_kubernetes_mo(source: dict) -> tuple[int, int]:
    """La mémoire d'un serveur de personne sous Kubernetes (``singleuser.memory`` de salle/kubernetes/values.yaml),
    en Mo : la garantie est la part d'une personne pour la leçon la plus lourde (on ne sait pas d'avance quelle
    leçon le groupe suivra), arrondie aux 50 Mo au-dessus ; la limite est le plafond par personne."""
    garantie = math.ceil(par_personne_mo(source, la_plus_lourde(source)) / 50) * 50
    return garantie, int(source["memoire"]["plafond_personne_mo"])


def ecarts_kubernetes(source: dict, valeurs: str) -> list[str]:
    """Ce qui ne suit plus la source dans salle/kubernetes/values.yaml : garantie et limite de mémoire."""
    garantie, limite = memoire_kubernetes_mo(source)
    trouve = re.search(r"^\s*memory:\s*\n\s*guarantee:\s*(\S+)\s*\n\s*limit:\s*(\S+)", valeurs, re.M)
    attendu = (f"{garantie}M", f"{limite}M")
    if trouve is None or trouve.groups() != attendu:
        vu = "absentes" if trouve is None else " / ".join(trouve.groups())
        return [f"salle/kubernetes/values.yaml : mémoire garantie / limite {vu}, la règle donne "
                f"{attendu[0]} / {attendu[1]} (salle/dimensionnement.py)"]
    return []


# ── Les textes ────────────────────────────────────────────────────────────────────────────────────────────

def _nombre(x: float, decimales: int = 0) -> str:
    """1 536 ; 0,25 (espace fine insécable pour les milliers, virgule décimale)."""
    texte = f"{x:,.{decimales}f}".replace(",", "\u202f").replace(".", ",")
    return texte


def _go(mo: float) -> str:
    """Des Mo en Go, arrondis au dixième supérieur : « 1,6 Go »."""
    return f"{_nombre(math.ceil(mo / 1024 * 10) / 10, 1)} Go"


def texte_readme(source: dict) -> str:
    """La section « Combien de personnes pour quelle machine » de salle/README.md."""
    m, p = source["memoire"], source["processeur"]
    liste = lecons(source)
    lourde = la_plus_lourde(source)
    lignes = [
        "## Combien de personnes pour quelle machine",
        "",
        DEBUT,
        "",
        "La règle, à la manière de « Resource estimation » de The Littlest JupyterHub :",
        "",
        "- **mémoire = socle + personnes × (serveur + leçon + tableau de bord) + marge** ;",
        f"- **cœurs = {_nombre(p['socle_coeurs'])} + personnes × {_nombre(p['coeurs_par_personne'], 2)}**.",
        "",
        "| donnée | valeur |",
        "|---|---:|",
        f"| socle : le système, le hub et son proxy | {_nombre(m['socle_mo'])} Mo |",
        f"| serveur : le JupyterLab d'une personne, sans ses noyaux | {_nombre(m['serveur_mo'])} Mo |",
        "| leçon : le pic du noyau de la leçon du jour (tout le groupe suit la même) | tableau ci-dessous |",
        "| tableau de bord : le pic d'un noyau du tableau de bord de la leçon (ouvert à côté) | tableau ci-dessous |",
        f"| marge : en plus de la part des personnes | {m['marge_pourcent']} % |",
        f"| processeur : le système et le hub, puis chaque personne | {_nombre(p['socle_coeurs'])} cœur, "
        f"puis {_nombre(p['coeurs_par_personne'], 2)} cœur |",
        "",
        f"Les pics ont été mesurés le {source['mesure']['date']} ({source['mesure']['machine']}), un notebook à la "
        "fois dans un noyau neuf, du haut en bas : `.venv/bin/python benchmarks/bench_memoire.py --sans-etapes "
        "--premier-usage --notebooks notebooks/<notebook>.ipynb` (un tableau de bord : la page ouverte, puis le "
        "premier geste d'une personne, une recherche ou un « Comparer »). Ce sont des pics d'un noyau seul. "
        "Dans une salle, les "
        "bibliothèques et les vecteurs livrés sont partagés par tous les noyaux de la machine : la règle compte "
        "donc un peu large. La colonne « processeur » donne le temps de calcul du noyau pour toute la leçon "
        f"({_nombre(min(l.processeur_s for l in liste))} à {_nombre(max(l.processeur_s for l in liste))} s), "
        f"pour une séance de {min(l.duree for l in liste)} à {max(l.duree for l in liste)} min : une personne "
        "calcule bien moins longtemps qu'elle ne lit.",
        "",
        "| leçon | pic du noyau | processeur | tableau de bord (pic) | par personne, marge comprise "
        + "".join(f"| sur {go} Go " for go in MACHINES_GO) + f"| {GROUPE} personnes |",
        "|---|---:|---:|---|---:" + "|---:" * len(MACHINES_GO) + "|---:|",
    ]
    for l in liste:
        tableau = f"{l.tableau_titre} ({_nombre(l.tableau_mo)} Mo)" if l.tableau else "—"
        lignes.append(
            f"| {l.numero} {l.titre} | {_nombre(l.pic_mo)} Mo | {_nombre(l.processeur_s)} s | {tableau} "
            f"| {_nombre(par_personne_mo(source, l))} Mo "
            + "".join(f"| {personnes_max(source, go, l)} " for go in MACHINES_GO)
            + f"| {_go(memoire_mo(source, GROUPE, l))} |")
    v = source.get("verification")
    if v:
        l = next(x for x in liste if x.fichier == v["lecon"])
        lignes += ["", f"La règle confrontée à un vrai hub (`benchmarks/bench_salle.py`, {v['personnes']} personnes "
                   f"sur la leçon {l.numero} et son tableau de bord) : {_nombre(v['rss_par_personne_mo'])} Mo par "
                   f"personne en RSS, {_nombre(v['pss_par_personne_mo'])} Mo en PSS (pages partagées comptées une "
                   f"fois), et la machine a pris {_nombre(v['hausse_machine_mo'])} Mo pour tout le groupe ; la règle "
                   f"en prévoit {_nombre(par_personne_mo(source, l))} par personne : elle compte large."]
    lignes += [""] + [f"Leçon {l.numero} : {l.note}" for l in liste if l.note] + [
        "",
        f"**En résumé**, pour pouvoir faire toutes les leçons (la plus lourde : {lourde.numero} "
        f"{lourde.titre}) : comptez **{_nombre(par_personne_mo(source, lourde))} Mo par personne** plus "
        f"{_go(m['socle_mo'])} : **{personnes_max(source, 8, lourde)} personnes sur 8 Go, "
        f"{personnes_max(source, 16, lourde)} sur 16 Go** ; {GROUPE} personnes demandent "
        f"{_go(memoire_mo(source, GROUPE, lourde))} et {_nombre(coeurs(source, GROUPE), 1)} cœurs. Le plafond par "
        f"personne (`SALLE_MEMOIRE`, {_go(m['plafond_personne_mo'])}) reste au-dessus de cette part.",
        "",
        FIN,
    ]
    return "\n".join(_plier(l) for l in lignes) + "\n"


def _plier(ligne: str, largeur: int = 116) -> str:
    """Une ligne de texte coupée comme le reste du README (les tableaux, titres et commentaires restent entiers)."""
    if ligne.startswith(("|", "#", "<!--")) or len(ligne) <= largeur:
        return ligne
    retrait = "  " if ligne.startswith("- ") else ""
    protege = re.sub(r" ([:;])", "\u00a0\\1", ligne)     # jamais de ligne qui commence par « : » ou « ; »
    plie = textwrap.fill(protege, largeur, subsequent_indent=retrait, break_long_words=False, break_on_hyphens=False)
    return re.sub("\u00a0([:;])", r" \1", plie)


def phrases_plan_b(source: dict) -> list[str]:
    """Les phrases de chiffres de slides/plans/plan_b.md (salle, puis tableaux de bord sur un portable)."""
    m = source["memoire"]
    lourde = la_plus_lourde(source)
    tableaux = {k: v for k, v in source["tableaux"].items() if k != "serveur_voila_mo"}
    return [
        f"Comptez environ {_nombre(par_personne_mo(source, lourde))} Mo de mémoire par personne, plus "
        f"{_go(m['socle_mo'])} : une machine de 8 Go reçoit {personnes_max(source, 8, lourde)} personnes, une de "
        f"16 Go {personnes_max(source, 16, lourde)} personnes (la règle et les mesures : `salle/README.md`).",
        f"environ {_nombre(min(tableaux.values()))} à {_nombre(max(tableaux.values()))} Mo par page",
    ]


def normaliser(texte: str) -> str:
    """Les blancs (espaces fines comprises) ramenés à une espace : un texte replié à la main se compare."""
    return " ".join(texte.split())


def section_readme(texte: str) -> str | None:
    """La section écrite dans le texte du README, titre compris (ou None si ses marques manquent)."""
    motif = re.compile(r"## Combien de personnes pour quelle machine\n\n" + re.escape(DEBUT) + r".*?" + re.escape(FIN)
                       + r"\n", re.S)
    trouve = motif.search(texte)
    return trouve.group(0) if trouve else None


#: Un chiffre de mémoire par personne ou de personnes par machine, écrit à la main hors de la section.
CHIFFRE_HORS_SECTION = re.compile(r"\d[\d\u202f ,.]*\s*[MG]o (?:de mémoire )?par personne"
                                  r"|\d+ personnes? sur \d+ Go")


def ecarts(source: dict, readme: str, plan_b: str) -> list[str]:
    """Ce qui ne suit plus la source : la section du README, un chiffre par personne écrit ailleurs dans le README,
    les phrases du plan B. Liste vide : tout suit."""
    try:
        lecons(source)
    except MesureManquante as erreur:
        return [str(erreur)]
    problemes = []
    section = section_readme(readme)
    if section is None:
        problemes.append("salle/README.md : la section « Combien de personnes pour quelle machine » et ses marques "
                         "manquent")
    elif section != texte_readme(source):
        problemes.append("salle/README.md : la section ne suit plus salle/dimensionnement.toml "
                         "(.venv/bin/python salle/dimensionnement.py --readme)")
    hors = readme.replace(section, "") if section else readme
    problemes += [f"salle/README.md : « {c.group(0)} » écrit hors de la section" for c in
                  CHIFFRE_HORS_SECTION.finditer(hors)]
    plan = normaliser(plan_b)
    problemes += [f"slides/plans/plan_b.md : « {p} » manque (chiffres à reprendre de salle/dimensionnement.toml)"
                  for p in phrases_plan_b(source) if normaliser(p) not in plan]
    autres = CHIFFRE_HORS_SECTION.findall(plan.replace(normaliser(phrases_plan_b(source)[0]), ""))
    problemes += [f"slides/plans/plan_b.md : « {c} » écrit à la main" for c in autres]
    return problemes


def ecrire_readme(source: dict, chemin: Path = README) -> bool:
    """Réécrit la section du README (entre son titre et la marque de fin). Renvoie True si le fichier a changé."""
    texte = chemin.read_text(encoding="utf-8")
    ancienne = section_readme(texte)
    if ancienne is None:   # première fois : de son titre jusqu'au titre suivant
        motif = re.compile(r"## Combien de personnes pour quelle machine\n.*?(?=\n## )", re.S)
        if not motif.search(texte):
            raise SystemExit("salle/README.md : titre « ## Combien de personnes pour quelle machine » introuvable")
        nouveau = motif.sub(lambda _: texte_readme(source).rstrip("\n") + "\n", texte, count=1)
    else:
        nouveau = texte.replace(ancienne, texte_readme(source))
    if nouveau != texte:
        chemin.write_text(nouveau, encoding="utf-8")
    return nouveau != texte


def lignes_tableaux(source: dict) -> str:
    """« nom=Mo » par ligne : chaque tableau de bord, le serveur Voilà, et ``inconnu_mo`` (le plus lourd des
    tableaux mesurés), que scripts/tableaux_de_bord.sh compte pour un tableau de bord pas encore mesuré."""
    mesures = {nom: int(mo) for nom, mo in source["tableaux"].items()}
    inconnu = max(mo for nom, mo in mesures.items() if nom != "serveur_voila_mo")
    return "".join(f"{nom}={mo}\n" for nom, mo in {**mesures, "inconnu_mo": inconnu}.items())


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    action = parser.add_mutually_exclusive_group()
    action.add_argument("--readme", action="store_true", help="réécrire la section de salle/README.md")
    action.add_argument("--verifier", action="store_true",
                        help="code 1 si le README, le plan B ou values.yaml ne suivent plus")
    action.add_argument("--tableaux", action="store_true", help="« nom=Mo » pour scripts/tableaux_de_bord.sh")
    args = parser.parse_args(argv)
    source = lire()
    try:
        return _agir(args, source)
    except MesureManquante as erreur:
        print(erreur, file=sys.stderr)
        return 1


def _agir(args: argparse.Namespace, source: dict) -> int:
    if args.tableaux:
        sys.stdout.write(lignes_tableaux(source))
    elif args.readme:
        print("salle/README.md " + ("réécrit" if ecrire_readme(source) else "déjà à jour"))
    elif args.verifier:
        problemes = ecarts(source, README.read_text(encoding="utf-8"), PLAN_B.read_text(encoding="utf-8"))
        problemes += ecarts_kubernetes(source, VALEURS_K8S.read_text(encoding="utf-8"))
        for p in problemes:
            print(p, file=sys.stderr)
        return 1 if problemes else 0
    else:
        sys.stdout.write(texte_readme(source))
    return 0


if __name__ == "__main__":
    sys.exit(main())
