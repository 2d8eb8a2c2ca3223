"""Applique le tableau des réglages Jupyter de l'atelier (atelier.toml, dans ce dossier) à une configuration.

Chargé par jupyter_server_config.py (JupyterLab, et les tableaux de bord qu'il sert) et par voila.py (le serveur
Voilà des tableaux de bord), de ce même dossier : chaque déploiement met ce dossier dans JUPYTER_CONFIG_PATH et
nomme sa section du tableau dans ATELIER_DEPLOIEMENT (poste, tableaux, salle, binder, kubernetes).

Variables pour ajuster un réglage sans toucher au tableau (essais, tests) : ATELIER_FILS,
ATELIER_NOYAU_INACTIF (notebook_sans_onglet_s), ATELIER_TABLEAU_SANS_PAGE, ATELIER_VERIFICATION.
"""
from __future__ import annotations

import os
import time
import tomllib
from pathlib import Path

from jupyter_server.services.kernels.kernelmanager import AsyncMappingKernelManager
from traitlets import Integer

DOSSIER = Path(__file__).resolve().parent
TABLEAU = DOSSIER / "atelier.toml"
SHARE = DOSSIER.parent  # share/jupyter : gabarit Voilà et réglages de JupyterLab
DEPLOIEMENTS = ("poste", "tableaux", "salle", "binder", "kubernetes")
VARIABLES_FILS = ("OMP_NUM_THREADS", "OPENBLAS_NUM_THREADS", "MKL_NUM_THREADS", "NUMBA_NUM_THREADS")
AJUSTEMENTS = {"fils": "ATELIER_FILS", "notebook_sans_onglet_s": "ATELIER_NOYAU_INACTIF",
               "tableau_sans_page_s": "ATELIER_TABLEAU_SANS_PAGE", "verification_s": "ATELIER_VERIFICATION"}


def deploiement() -> str:
    nom = os.environ.get("ATELIER_DEPLOIEMENT", "poste")
    if nom not in DEPLOIEMENTS:
        raise ValueError(f"ATELIER_DEPLOIEMENT={nom!r} : attendu l'un de {', '.join(DEPLOIEMENTS)} ({TABLEAU})")
    return nom


def lire(nom: str | None = None, tableau: Path = TABLEAU, ajuster: bool = True) -> dict:
    """Les réglages d'un déploiement : [commun], puis ses écarts ; ajustés par les variables ATELIER_* si
    ``ajuster``."""
    donnees = tomllib.loads(Path(tableau).read_text(encoding="utf-8"))
    nom = nom or deploiement()
    ecarts = {k: v for k, v in donnees.get(nom, {}).items() if k != "pourquoi"}
    reglages = {**donnees["commun"], **ecarts}
    if ajuster:
        for cle, variable in AJUSTEMENTS.items():
            if os.environ.get(variable, "").strip():
                reglages[cle] = int(os.environ[variable])
    return reglages


class NoyauxAtelier(AsyncMappingKernelManager):
    """Le gestionnaire de noyaux de JupyterLab et du serveur Voilà de l'atelier.

    Il ajoute une règle à l'arrêt des noyaux inactifs de jupyter_server (``cull_idle_timeout``, qui reste la règle
    des notebooks) : un noyau de **tableau de bord** (démarré par Voilà) est arrêté quand aucune page n'y est
    connectée depuis ``tableau_sans_page`` secondes, comptées à partir du moment où la vérification le voit sans
    page. Un noyau de la réserve préchauffée de Voilà n'est jamais vu ici (Voilà l'écarte) ; un noyau qu'une page
    vient de prendre a donc tout ce délai pour ouvrir sa connexion, même si son dernier calcul est ancien.
    """

    tableau_sans_page = Integer(0, config=True,
                                help="Secondes sans page connectée avant l'arrêt d'un noyau de tableau de bord "
                                     "(0 : la règle des notebooks, cull_idle_timeout).")

    def __init__(self, **kwargs):
        super().__init__(**kwargs)
        self._tableaux: set[str] = set()
        self._sans_page_depuis: dict[str, float] = {}

    async def start_kernel(self, *args, **kwargs):
        kernel_id = await super().start_kernel(*args, **kwargs)
        if "VOILA_PREHEAT" in (kwargs.get("env") or {}):  # Voilà le met dans l'environnement de ses noyaux
            self._tableaux.add(kernel_id)
        return kernel_id

    async def shutdown_kernel(self, kernel_id, *args, **kwargs):
        self._tableaux.discard(kernel_id)
        self._sans_page_depuis.pop(kernel_id, None)
        return await super().shutdown_kernel(kernel_id, *args, **kwargs)

    async def cull_kernel_if_idle(self, kernel_id):
        if kernel_id not in self._tableaux or self.tableau_sans_page <= 0:
            return await super().cull_kernel_if_idle(kernel_id)
        noyau = self._kernels.get(kernel_id)
        if noyau is None:
            return
        if getattr(noyau, "execution_state", None) == "dead":
            return await super().cull_kernel_if_idle(kernel_id)
        if self._kernel_connections.get(kernel_id, 0) > 0 or (
                not self.cull_busy and getattr(noyau, "execution_state", None) == "busy"):
            self._sans_page_depuis.pop(kernel_id, None)
            return
        depuis = self._sans_page_depuis.setdefault(kernel_id, time.monotonic())
        if time.monotonic() - depuis >= self.tableau_sans_page:
            self.log.info("Noyau de tableau de bord %s sans page connectée depuis %d s : arrêt.",
                          kernel_id, time.monotonic() - depuis)
            await self.shutdown_kernel(kernel_id)


def _noyaux(c, r: dict) -> None:
    c.MappingKernelManager.cull_idle_timeout = r["notebook_sans_onglet_s"]
    # la vérification passe au moins deux fois par délai, même quand un essai raccourcit les délais
    c.MappingKernelManager.cull_interval = max(1, min(r["verification_s"], r["notebook_sans_onglet_s"] // 2,
                                                      r["tableau_sans_page_s"] // 2 or r["verification_s"]))
    c.MappingKernelManager.cull_connected = False   # un onglet ouvert garde son noyau
    c.MappingKernelManager.cull_busy = False        # un calcul en cours n'est pas interrompu
    c.NoyauxAtelier.tableau_sans_page = r["tableau_sans_page_s"]
    # Les noyaux héritent de l'environnement du serveur : un réglage ici vaut pour tous ses noyaux.
    for variable in VARIABLES_FILS:
        os.environ[variable] = str(r["fils"])


def _voila_commun(c, r: dict) -> None:
    c.VoilaConfiguration.template = r["gabarit"]
    c.VoilaConfiguration.show_tracebacks = False
    c.VoilaConfiguration.extension_denylist = ["jupyterlab-jupytext", "jupyterlab_pygments"]


def configurer_serveur(c, nom: str | None = None) -> dict:
    """JupyterLab (et jupyterhub-singleuser) : noyaux, réglages de l'interface, Voilà servi par JupyterLab."""
    r = lire(nom)
    c.ServerApp.kernel_manager_class = NoyauxAtelier
    _noyaux(c, r)
    _voila_commun(c, r)
    if r["reglages_lab"]:
        c.LabApp.app_settings_dir = str(SHARE / "lab" / "settings")
        c.LabApp.news_url = None
        c.LabApp.check_for_updates_class = "jupyterlab.NeverCheckForUpdate"
    if hasattr(os, "geteuid") and os.geteuid() == 0:
        c.ServerApp.allow_root = True
    return r


def configurer_voila(c, nom: str | None = None) -> dict:
    """Le serveur Voilà autonome (scripts/tableaux_de_bord.sh) : noyaux préchauffés, mêmes règles d'arrêt."""
    r = lire(nom)
    c.VoilaConfiguration.multi_kernel_manager_class = NoyauxAtelier
    _noyaux(c, r)
    _voila_commun(c, r)
    c.VoilaConfiguration.preheat_kernel = True
    c.VoilaConfiguration.default_pool_size = 1
    # Seul sur son poste : un noyau pris dans la réserve est remplacé aussitôt (une salle passe
    # --VoilaKernelManager.fill_delay, voir scripts/tableaux_de_bord.sh).
    c.VoilaKernelManager.fill_delay = 1
    # La page ferme son noyau par un POST sans jeton XSRF (beforeunload) : Voilà ne sert que des tableaux de bord.
    c.Voila.tornado_settings = {"disable_check_xsrf": True}
    return r
