"""Serveur de chaque personne de la salle (chargé via JUPYTER_CONFIG_PATH par salle_hub.SpawnerSalle)."""
import os
from pathlib import Path

c = get_config()  # noqa: F821
RACINE = Path(__file__).resolve().parents[2]
# Les réglages JupyterLab de l'atelier (share/jupyter/lab/settings/overrides.json, comme scripts/demarrer.sh) :
# interface en français, ni actualités ni recherche de mises à jour (rien ne sort de la salle), et le noyau d'un
# notebook arrêté quand on ferme son onglet.
if (RACINE / "share/jupyter/lab/settings/overrides.json").exists():
    c.LabApp.app_settings_dir = str(RACINE / "share/jupyter/lab/settings")
c.LabApp.news_url = None
c.LabApp.check_for_updates_class = "jupyterlab.NeverCheckForUpdate"
# Filet de sécurité (onglet perdu, tableau de bord Voilà) : un noyau sans onglet connecté et inactif est arrêté.
c.MappingKernelManager.cull_idle_timeout = int(os.environ.get("SALLE_NOYAU_INACTIF", "900"))
c.MappingKernelManager.cull_interval = max(5, min(60, c.MappingKernelManager.cull_idle_timeout // 2))
c.MappingKernelManager.cull_connected = False
# Les tableaux de bord Voilà (/user/<prénom>/voila/render/notebooks/dashboards/...) avec le gabarit sans CDN.
c.VoilaConfiguration.template = "atelier"
if os.geteuid() == 0:
    c.ServerApp.allow_root = True
