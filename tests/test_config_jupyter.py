"""Une seule configuration Jupyter pour tous les déploiements (share/jupyter/config/atelier.toml).

Pour chaque déploiement, on relit ce qu'il charge vraiment : l'environnement que pose son lanceur
(scripts/demarrer.sh, scripts/tableaux_de_bord.sh, binder/start, salle/salle_hub.py, salle/Dockerfile), les fichiers
de configuration trouvés dans son JUPYTER_CONFIG_PATH (chargés comme Jupyter le fait), puis les options de sa ligne
de commande, qui passent avant les fichiers. Ces réglages effectifs sont comparés au tableau. Les contrôles négatifs
font dériver une copie d'un déploiement (ligne de commande, fichier de configuration, chart Kubernetes, lanceur) et
vérifient que l'écart est signalé.
"""
from __future__ import annotations

import os
import re
import shutil
import subprocess
import sys
import tomllib
from pathlib import Path

import pytest
import yaml
from traitlets.config import Config
from traitlets.config.loader import PyFileConfigLoader

from tests.scripts_du_depot import importer

pytestmark = pytest.mark.unitaire

ROOT = Path(__file__).resolve().parents[1]
TABLEAU = ROOT / "share" / "jupyter" / "config" / "atelier.toml"
DEPLOIEMENTS = ("poste", "tableaux", "salle", "binder", "kubernetes")
LANCEURS = {"poste": "scripts/demarrer.sh", "tableaux": "scripts/tableaux_de_bord.sh", "binder": "binder/start",
            "salle": "salle/salle_hub.py", "kubernetes": "salle/Dockerfile"}
FILS = ("OMP_NUM_THREADS", "OPENBLAS_NUM_THREADS", "MKL_NUM_THREADS", "NUMBA_NUM_THREADS")
AJUSTEMENTS = ("ATELIER_FILS", "ATELIER_NOYAU_INACTIF", "ATELIER_TABLEAU_SANS_PAGE", "ATELIER_VERIFICATION",
               "SALLE_NOYAU_INACTIF", "SALLE_FILS", "SALLE_INACTIVITE", "ATELIER_DEPLOIEMENT")
COPIES = ("scripts/demarrer.sh", "scripts/tableaux_de_bord.sh", "binder", "salle/salle_hub.py",
          "salle/jupyterhub_config.py", "salle/Dockerfile", "salle/kubernetes", "share/jupyter")


def attendus(nom: str) -> dict:
    """Le tableau : [commun] puis les écarts du déploiement."""
    donnees = tomllib.loads(TABLEAU.read_text(encoding="utf-8"))
    return {**donnees["commun"], **{k: v for k, v in donnees[nom].items() if k != "pourquoi"}}


# --- l'environnement que pose chaque lanceur ------------------------------------------------------------------
def _env_shell(script: Path, racine: Path) -> dict:
    """Les ``export`` du script, évalués par bash comme au lancement (dossier du dépôt, HOME = dépôt pour Binder)."""
    exports = "\n".join(l for l in script.read_text(encoding="utf-8").splitlines() if l.startswith("export "))
    propre = {k: v for k, v in os.environ.items() if k not in AJUSTEMENTS + FILS
              and not k.startswith("JUPYTER")}
    sortie = subprocess.run(["bash", "-c", f"cd {racine}; HOME={racine}; {exports}\nenv -0"], capture_output=True,
                            env=propre, check=True).stdout.decode()
    return dict(ligne.split("=", 1) for ligne in sortie.split("\0") if "=" in ligne)


def _env_dockerfile(dockerfile: Path, racine: Path) -> dict:
    texte = dockerfile.read_text(encoding="utf-8").replace("\\\n", " ")
    env = {}
    for ligne in texte.splitlines():
        if ligne.startswith("ENV "):
            for paire in ligne[4:].split():
                cle, valeur = paire.split("=", 1)
                env[cle] = valeur.replace("/opt/atelier", str(racine))  # COPY . → /opt/atelier
    return env


def _env_salle(racine: Path) -> dict:
    """Ce que ``salle/salle_hub.py`` de ``racine`` (le dépôt ou une copie modifiée) donne au serveur d'une personne."""
    pytest.importorskip("jupyterhub")
    return importer("salle/salle_hub.py", racine).environnement_serveur({})


def environnement(nom: str, racine: Path = ROOT) -> dict:
    lanceur = racine / LANCEURS[nom]
    if nom == "salle":
        return _env_salle(racine)
    if nom == "kubernetes":
        return _env_dockerfile(lanceur, racine)
    return _env_shell(lanceur, racine)


def _options_ligne_de_commande(nom: str, racine: Path) -> Config:
    """Les options ``--Classe.reglage=valeur`` que le lanceur passe au serveur (elles passent avant les fichiers)."""
    c = Config()
    if nom in ("poste", "tableaux"):
        texte = (racine / LANCEURS[nom]).read_text(encoding="utf-8")
        for classe, reglage, valeur in re.findall(r"--([A-Z]\w*)\.(\w+)=\"?([^\"\s]*)", texte):
            if "$" in valeur:
                continue  # une valeur calculée au lancement (réserve de noyaux, délai de remplissage)
            c[classe][reglage] = int(valeur) if valeur.isdigit() else valeur
    return c


# --- les réglages effectifs --------------------------------------------------------------------------------
def effectifs(nom: str, racine: Path = ROOT) -> dict:
    """Ce que le serveur du déploiement applique vraiment, dans le vocabulaire du tableau."""
    env = environnement(nom, racine)
    fichier = "voila" if nom == "tableaux" else "jupyter_server_config"
    sauve = dict(os.environ)
    try:
        for cle in AJUSTEMENTS + FILS:
            os.environ.pop(cle, None)
        os.environ.update({k: v for k, v in env.items() if k in ("ATELIER_DEPLOIEMENT", "JUPYTER_CONFIG_PATH")
                           or k in AJUSTEMENTS or k in FILS})
        config = Config()
        dossiers = [d for d in env.get("JUPYTER_CONFIG_PATH", "").split(":") if d]
        for dossier in reversed(dossiers):  # le premier dossier du chemin l'emporte, comme dans Jupyter
            if (Path(dossier) / f"{fichier}.py").exists():
                sys.modules.pop("reglages_atelier", None)
                config.merge(PyFileConfigLoader(f"{fichier}.py", path=dossier).load_config())
        config.merge(_options_ligne_de_commande(nom, racine))
        fils = {os.environ.get(v) for v in FILS}
    finally:
        os.environ.clear()
        os.environ.update(sauve)
        sys.modules.pop("reglages_atelier", None)
    mkm = config.MappingKernelManager
    classe = config.VoilaConfiguration.get("multi_kernel_manager_class") if nom == "tableaux" \
        else config.ServerApp.get("kernel_manager_class")
    resultat = {
        "gabarit": config.VoilaConfiguration.get("template"),
        "notebook_sans_onglet_s": mkm.get("cull_idle_timeout"),
        "tableau_sans_page_s": config.NoyauxAtelier.get("tableau_sans_page"),
        "verification_s": mkm.get("cull_interval"),
        "noyaux_connectes_arretes": mkm.get("cull_connected"),
        "gestionnaire": getattr(classe, "__name__", classe),
        "fils": int(fils.pop()) if len(fils) == 1 and None not in fils else sorted(map(str, fils)),
    }
    if nom != "tableaux":
        resultat["reglages_lab"] = (config.LabApp.get("app_settings_dir") == str(racine / "share/jupyter/lab/settings")
                                    and config.LabApp.get("news_url", "") is None)
    return resultat


def ecarts(nom: str, racine: Path = ROOT) -> list[str]:
    """Les différences entre les réglages effectifs d'un déploiement et le tableau."""
    a, e = attendus(nom), effectifs(nom, racine)
    cles = ["gabarit", "notebook_sans_onglet_s", "tableau_sans_page_s", "verification_s", "fils"]
    if nom != "tableaux":
        cles.append("reglages_lab")
    sortie = [f"{nom} : {cle} = {e.get(cle)!r} au lieu de {a[cle]!r} ({LANCEURS[nom]})" for cle in cles
              if e.get(cle) != a[cle]]
    if e["noyaux_connectes_arretes"] is not False:
        sortie.append(f"{nom} : les noyaux d'une page ou d'un onglet ouverts doivent être gardés (cull_connected)")
    if e["gestionnaire"] != "NoyauxAtelier":
        sortie.append(f"{nom} : gestionnaire de noyaux {e['gestionnaire']!r} au lieu de NoyauxAtelier")
    return sortie


def ecarts_hub(racine: Path = ROOT) -> list[str]:
    """L'arrêt des serveurs inactifs : le hub de la salle et le chart Kubernetes, comparés au tableau."""
    sortie = []
    attendu = attendus("salle")["serveur_inactif_s"]
    texte = (racine / "salle" / "jupyterhub_config.py").read_text(encoding="utf-8")
    if "atelier.toml" not in texte or "serveur_inactif_s" not in texte:
        sortie.append("salle/jupyterhub_config.py ne lit plus serveur_inactif_s dans atelier.toml")
    valeurs = yaml.safe_load((racine / "salle" / "kubernetes" / "values.yaml").read_text(encoding="utf-8"))
    if valeurs["cull"]["timeout"] != attendus("kubernetes")["serveur_inactif_s"]:
        sortie.append(f"kubernetes : cull.timeout = {valeurs['cull']['timeout']} au lieu de {attendu}")
    return sortie


# --- le tableau lui-même ------------------------------------------------------------------------------------
def test_chaque_ecart_du_tableau_a_sa_raison():
    donnees = tomllib.loads(TABLEAU.read_text(encoding="utf-8"))
    assert set(donnees) == {"commun", *DEPLOIEMENTS}
    for nom in DEPLOIEMENTS:
        section = {k: v for k, v in donnees[nom].items() if k != "pourquoi"}
        assert set(section) <= set(donnees["commun"]), f"{nom} : réglage inconnu de [commun]"
        pourquoi = donnees[nom].get("pourquoi", {})
        assert set(pourquoi) == set(section), f"{nom} : chaque écart a sa raison, et seulement les écarts"
        assert all(len(raison) > 20 for raison in pourquoi.values())


def test_une_page_fermee_libere_son_noyau_en_moins_de_2_minutes_partout():
    for nom in DEPLOIEMENTS:
        r = attendus(nom)
        assert r["tableau_sans_page_s"] + r["verification_s"] <= 120, nom


# --- chaque déploiement charge le tableau ------------------------------------------------------------------
@pytest.mark.parametrize("nom", DEPLOIEMENTS)
def test_reglages_effectifs_egaux_au_tableau(nom):
    assert ecarts(nom) == []


def test_arret_des_serveurs_inactifs_egal_au_tableau():
    assert ecarts_hub() == []


def reglages_hors_tableau(racine: Path = ROOT) -> list[str]:
    """Ce qui règle encore Jupyter ailleurs que dans share/jupyter/config : anciens fichiers, fils posés par un
    lanceur (la configuration les impose de toute façon, mais deux valeurs écrites se contredisent vite)."""
    sortie = [f"{ancien} existe encore" for ancien in ("voila.json", "salle/utilisateur") if (racine / ancien).exists()]
    for lanceur in LANCEURS.values():
        texte = (racine / lanceur).read_text(encoding="utf-8")
        sortie += [f"{variable} réglé dans {lanceur}" for variable in FILS
                   if f"{variable}=" in texte or f'"{variable}"' in texte]
    if "jupyter_server_config.json" in (racine / "binder" / "postBuild").read_text(encoding="utf-8"):
        sortie.append("binder/postBuild écrit encore sa propre configuration")
    return sortie


def test_un_seul_endroit_pour_les_fils_et_les_reglages():
    assert reglages_hors_tableau() == []


# --- contrôles négatifs : une copie qui dérive est signalée ----------------------------------------------------
@pytest.fixture
def copie(tmp_path):
    for chemin in COPIES:
        source, cible = ROOT / chemin, tmp_path / chemin
        cible.parent.mkdir(parents=True, exist_ok=True)
        if source.is_dir():
            shutil.copytree(source, cible)
        else:
            shutil.copy2(source, cible)
    return tmp_path


def _remplacer(fichier: Path, avant: str, apres: str) -> None:
    texte = fichier.read_text(encoding="utf-8")
    assert avant in texte, avant
    fichier.write_text(texte.replace(avant, apres, 1), encoding="utf-8")


def test_controle_negatif_culling_passe_en_ligne_de_commande(copie):
    assert ecarts("tableaux", copie) == []
    _remplacer(copie / "scripts/tableaux_de_bord.sh", '--port="$PORT" \\',
               '--port="$PORT" --MappingKernelManager.cull_idle_timeout=3600 --NoyauxAtelier.tableau_sans_page=0 \\')
    assert any("tableau_sans_page_s = 0" in e for e in ecarts("tableaux", copie))


def test_controle_negatif_gabarit_change_dans_un_fichier_de_configuration(copie):
    with open(copie / "share/jupyter/config/jupyter_server_config.py", "a", encoding="utf-8") as f:
        f.write('\nc.VoilaConfiguration.template = "lab"\n')
    for nom in ("poste", "salle", "binder", "kubernetes"):
        assert any("gabarit = 'lab'" in e for e in ecarts(nom, copie)), nom


def test_controle_negatif_lanceur_qui_ne_charge_plus_la_configuration(copie):
    _remplacer(copie / "binder/start", 'export JUPYTER_CONFIG_PATH=', 'export AUTRE_CHEMIN=')
    assert len(ecarts("binder", copie)) >= 4   # gabarit, délais, fils, réglages de JupyterLab, gestionnaire


def test_controle_negatif_culling_de_la_salle_et_de_kubernetes(copie, monkeypatch):
    monkeypatch.delenv("SALLE_NOYAU_INACTIF", raising=False)
    _remplacer(copie / "salle/salle_hub.py", 'env["ATELIER_DEPLOIEMENT"] = "salle"',
               'env["ATELIER_DEPLOIEMENT"] = "salle"\n    env["ATELIER_NOYAU_INACTIF"] = "3600"')
    assert any("notebook_sans_onglet_s = 3600" in e for e in ecarts("salle", copie))
    _remplacer(copie / "salle/kubernetes/values.yaml", "timeout: 3600", "timeout: 7200")
    assert any("cull.timeout = 7200" in e for e in ecarts_hub(copie))


def test_controle_negatif_fils_regles_ailleurs(copie):
    assert reglages_hors_tableau(copie) == []
    _remplacer(copie / "salle/Dockerfile", "ATELIER_DEPLOIEMENT=kubernetes", "ATELIER_DEPLOIEMENT=kubernetes \\\n"
               "    OMP_NUM_THREADS=4")
    (copie / "voila.json").write_text("{}")
    assert reglages_hors_tableau(copie) == ["voila.json existe encore", "OMP_NUM_THREADS réglé dans salle/Dockerfile"]
