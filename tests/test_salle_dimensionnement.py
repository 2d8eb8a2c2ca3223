"""La taille d'une salle vient d'un seul endroit : salle/dimensionnement.toml (la règle et ses chiffres mesurés).

Ce test échoue quand salle/README.md, slides/plans/plan_b.md ou scripts/tableaux_de_bord.sh disent autre chose
que ce fichier, quand un chiffre par personne est écrit à la main ailleurs dans le README, ou quand une leçon ou un
tableau de bord n'a pas sa mesure. Chaque contrôle a son contrôle négatif (un texte faux qu'il doit refuser).
"""
from __future__ import annotations

import re
import subprocess
import sys
from pathlib import Path

import pytest

from tests.scripts_du_depot import importer

RACINE = Path(__file__).resolve().parents[1]
dim = importer("salle/dimensionnement.py")

pytestmark = pytest.mark.unitaire

SCRIPT = RACINE / "scripts" / "tableaux_de_bord.sh"


@pytest.fixture(scope="module")
def source() -> dict:
    return dim.lire()


@pytest.fixture(scope="module")
def readme() -> str:
    return dim.README.read_text(encoding="utf-8")


@pytest.fixture(scope="module")
def plan_b() -> str:
    return dim.PLAN_B.read_text(encoding="utf-8")


# ── la source est complète ──

def test_chaque_lecon_et_chaque_tableau_de_bord_a_sa_mesure(source):
    lecons = {p.stem for p in (RACINE / "notebooks").glob("0*.ipynb")}
    tableaux = {p.stem for p in (RACINE / "notebooks" / "dashboards").glob("*.ipynb")}
    assert set(source["lecons"]) == lecons
    assert set(source["tableaux"]) - {"serveur_voila_mo"} == tableaux
    assert all(m["pic_mo"] > 0 for m in source["lecons"].values())
    assert all(mo > 0 for mo in source["tableaux"].values())


def test_la_regle(source):
    """mémoire = socle + personnes × (serveur + leçon + tableau de bord) + marge, sur un exemple fait à la main."""
    faux = {"memoire": {"socle_mo": 1000, "serveur_mo": 100, "marge_pourcent": 10, "plafond_personne_mo": 1536},
            "processeur": {"socle_coeurs": 1.0, "coeurs_par_personne": 0.25}}
    lecon = dim.Lecon("x", "01", "X", pic_mo=300, processeur_s=10, tableau="t", tableau_titre="T", tableau_mo=100)
    assert dim.par_personne_mo(faux, lecon) == pytest.approx(550)          # (100 + 300 + 100) × 1,1
    assert dim.memoire_mo(faux, 10, lecon) == pytest.approx(1000 + 5500)
    assert dim.personnes_max(faux, 8, lecon) == (8 * 1024 - 1000) // 550    # 13
    assert dim.coeurs(faux, 30) == pytest.approx(8.5)


def test_le_plafond_par_personne_suit_la_source(source):
    """SALLE_MEMOIRE par défaut (hub et lanceur) = le plafond de la source, au-dessus de la leçon la plus lourde."""
    plafond = source["memoire"]["plafond_personne_mo"]
    assert plafond >= dim.par_personne_mo(source, dim.la_plus_lourde(source))
    attendu = f"{plafond / 1024:g}G"
    assert f'env("SALLE_MEMOIRE", "{attendu}")' in (RACINE / "salle" / "jupyterhub_config.py").read_text()
    assert f"SALLE_MEMOIRE=${{SALLE_MEMOIRE:-{attendu}}}" in (RACINE / "salle" / "demarrer_salle.sh").read_text()


# ── le README et le plan B suivent la source ──

def test_le_readme_et_le_plan_b_suivent_la_source(source, readme, plan_b):
    assert dim.ecarts(source, readme, plan_b) == []


def test_controle_negatif_un_chiffre_change_dans_la_section(source, readme, plan_b):
    section = dim.section_readme(readme)
    ligne = next(l for l in section.splitlines() if l.startswith("| 02 "))
    faux = readme.replace(ligne, re.sub(r"\| (\d+) \|", lambda m: f"| {int(m.group(1)) + 1} |", ligne, count=1))
    assert faux != readme
    assert any("ne suit plus" in e for e in dim.ecarts(source, faux, plan_b))


def test_controle_negatif_la_source_change(source, readme, plan_b):
    autre = {**source, "lecons": {**source["lecons"],
                                  "02_recherche_tolerante": {"pic_mo": 1140, "processeur_s": 1}}}
    assert any("ne suit plus" in e for e in dim.ecarts(autre, readme, plan_b))


def test_kubernetes_suit_la_regle_et_controle_negatif(source):
    """La mémoire d'un serveur de personne sous Kubernetes : garantie = part de la leçon la plus lourde (arrondie
    aux 50 Mo au-dessus), limite = plafond par personne ; un values.yaml aux anciens chiffres est signalé."""
    valeurs = dim.VALEURS_K8S.read_text(encoding="utf-8")
    garantie, limite = dim.memoire_kubernetes_mo(source)
    assert garantie >= dim.par_personne_mo(source, dim.la_plus_lourde(source)) and garantie % 50 == 0
    assert limite == source["memoire"]["plafond_personne_mo"] >= garantie
    assert dim.ecarts_kubernetes(source, valeurs) == []
    ancien = valeurs.replace(f"guarantee: {garantie}M", "guarantee: 800M")
    assert ancien != valeurs and "800M" in dim.ecarts_kubernetes(source, ancien)[0]
    assert dim.ecarts_kubernetes(source, "singleuser: {}\n") != []


@pytest.mark.parametrize("ancien", ["monte à 1,14 Go par personne", "comptez 5 personnes sur 8 Go, 13 sur 16 Go",
                                    "compter 0,7 à 0,9 Go par personne"])
def test_controle_negatif_un_ancien_chiffre_hors_de_la_section(source, readme, plan_b, ancien):
    faux = readme.replace("## Réglages", f"Le module 02 {ancien}.\n\n## Réglages", 1)
    assert faux != readme
    assert any("hors de la section" in e for e in dim.ecarts(source, faux, plan_b))


def test_controle_negatif_le_plan_b_garde_un_ancien_chiffre(source, readme, plan_b):
    phrase = dim.normaliser(dim.phrases_plan_b(source)[0])
    texte = dim.normaliser(plan_b)
    assert phrase in texte
    faux = texte.replace(phrase, "Comptez environ 0,9 Go de mémoire par personne, plus 1,5 Go : une machine de 8 Go "
                                 "reçoit 7 personnes.")
    assert len(dim.ecarts(source, readme, faux)) >= 2     # la phrase manque, et un chiffre écrit à la main


def test_le_readme_n_a_plus_les_chiffres_perimes(readme, plan_b):
    for perime in ("1,14 Go", "1 140 Mo", "5 personnes sur 8 Go, 13 sur 16 Go", "0,7 à 0,9 Go"):
        assert perime not in readme and perime not in plan_b


# ── scripts/tableaux_de_bord.sh lit la source ──

def memoire_du_script(texte: str) -> dict[str, int]:
    """Le tableau MO que le script construit, évalué par bash (ses lignes ``declare -A MO`` et ``MO[$nom]=…``)."""
    lignes = [l for l in texte.splitlines() if l.startswith("declare -A MO") or "MO[$nom]=" in l]
    assert lignes, "scripts/tableaux_de_bord.sh ne construit plus son tableau MO"
    sortie = subprocess.run(["bash", "-c", "\n".join(lignes) + '\nfor k in "${!MO[@]}"; do echo "$k=${MO[$k]}"; done'],
                            cwd=RACINE, capture_output=True, text=True, check=True).stdout
    return {k: int(v) for k, v in (l.split("=") for l in sortie.split())}


def test_le_script_des_tableaux_de_bord_lit_la_source(source):
    lu = memoire_du_script(SCRIPT.read_text(encoding="utf-8"))
    assert lu.pop("inconnu_mo") == max(v for k, v in source["tableaux"].items() if k != "serveur_voila_mo")
    assert lu == source["tableaux"]


def test_controle_negatif_un_script_aux_chiffres_recopies(source):
    ancien = "declare -A MO=([carte_des_metiers]=150 [chatbot_faq]=130 [recherche_de_metiers]=165)"
    assert memoire_du_script(ancien) != source["tableaux"]


def test_la_ligne_de_commande(source):
    sortie = subprocess.run([sys.executable, str(RACINE / "salle" / "dimensionnement.py"), "--tableaux"],
                            capture_output=True, text=True, check=True).stdout
    lu = dict(l.split("=") for l in sortie.split())
    lu.pop("inconnu_mo")
    assert lu == {k: str(v) for k, v in source["tableaux"].items()}
    verifier = subprocess.run([sys.executable, str(RACINE / "salle" / "dimensionnement.py"), "--verifier"],
                              capture_output=True, text=True)
    assert verifier.returncode == 0, verifier.stderr
