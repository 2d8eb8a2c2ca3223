"""Configuration du JupyterHub de la salle (lancé par salle/demarrer_salle.sh ; tout se règle par variables
d'environnement, voir salle/README.md)."""
import os
import sys
import tomllib
from pathlib import Path

SALLE = Path(__file__).resolve().parent
sys.path.insert(0, str(SALLE))
from salle_hub import CodeDeSalleAuthenticator, SpawnerSalle  # noqa: E402

c = get_config()  # noqa: F821  (fourni par JupyterHub)
env = os.environ.get
DONNEES = Path(env("SALLE_DONNEES", str(SALLE / "donnees")))
DONNEES.mkdir(parents=True, exist_ok=True)
ADMIN = env("SALLE_ADMIN", "animateur")
# Serveur arrêté après ce délai sans activité : serveur_inactif_s des réglages communs (share/jupyter/config).
REGLAGES = tomllib.loads((SALLE.parent / "share" / "jupyter" / "config" / "atelier.toml").read_text(encoding="utf-8"))
INACTIVITE = int(env("SALLE_INACTIVITE", "") or {**REGLAGES["commun"], **REGLAGES["salle"]}["serveur_inactif_s"])
ACTIVITE = int(env("SALLE_ACTIVITE", "60"))              # signes de vie (proxy et serveurs), en secondes

# Réseau : la salle tape http://<adresse de cette machine>:8000 ; le hub et l'API du proxy restent locaux.
c.JupyterHub.ip = env("SALLE_IP", "0.0.0.0")
c.JupyterHub.port = int(env("SALLE_PORT", "8000"))
c.JupyterHub.hub_ip = "127.0.0.1"
c.JupyterHub.hub_port = int(env("SALLE_PORT_HUB", "8081"))
c.ConfigurableHTTPProxy.api_url = f"http://127.0.0.1:{env('SALLE_PORT_API_PROXY', '8001')}"
c.ConfigurableHTTPProxy.command = [str(SALLE / "node_modules" / ".bin" / "configurable-http-proxy")]
c.ConfigurableHTTPProxy.pid_file = str(DONNEES / "proxy.pid")
c.JupyterHub.db_url = f"sqlite:///{DONNEES / 'jupyterhub.sqlite'}"
c.JupyterHub.cookie_secret_file = str(DONNEES / "jupyterhub_cookie_secret")
c.JupyterHub.template_paths = [str(SALLE / "gabarits")]
c.JupyterHub.last_activity_interval = ACTIVITE
c.JupyterHub.shutdown_on_logout = True          # « Se déconnecter » arrête le serveur ; les fichiers restent
c.JupyterHub.cleanup_servers = True             # arrêter le hub arrête les serveurs ; les fichiers restent

# Connexion : code de la salle + prénom + mot de passe personnel ; l'animateur avec son secret.
c.JupyterHub.authenticator_class = CodeDeSalleAuthenticator
c.CodeDeSalleAuthenticator.code_salle = env("SALLE_CODE", "")
c.CodeDeSalleAuthenticator.secret_animateur = env("SALLE_SECRET_ANIMATEUR", "")
c.CodeDeSalleAuthenticator.fichier_mots_de_passe = str(DONNEES / "mots_de_passe.json")
c.Authenticator.admin_users = {ADMIN}

# Un serveur JupyterLab par personne, dans DONNEES/apprenants/<prénom>, avec sa copie des notebooks.
c.JupyterHub.spawner_class = SpawnerSalle
c.SpawnerSalle.dossier_apprenants = str(DONNEES / "apprenants")
c.SpawnerSalle.intervalle_activite = ACTIVITE
c.Spawner.cmd = [str(Path(sys.executable).with_name("jupyterhub-singleuser"))]
c.Spawner.default_url = "/lab/tree/notebooks/00_demarrer.ipynb"
c.Spawner.mem_limit = env("SALLE_MEMOIRE", "1.5G")
c.Spawner.start_timeout = 180                   # une salle qui se connecte d'un coup sur une petite machine
c.Spawner.http_timeout = 180
c.Spawner.poll_interval = int(env("SALLE_VERIFICATION", "15"))  # aussi le rythme de la surveillance mémoire
c.Spawner.env_keep = ["PATH", "LANG", "LC_ALL", "ATELIER_CACHE_DIR", "ATELIER_DATA_DIR", "ATELIER_PERTURBATION",
                      "HF_HUB_OFFLINE", "SALLE_MODE_PLAFOND"]

# Arrêt des serveurs inactifs : le service jupyterhub-idle-culler.
c.JupyterHub.services = [{
    "name": "arret-inactifs",
    "command": [sys.executable, "-m", "jupyterhub_idle_culler", f"--timeout={INACTIVITE}",
                f"--cull-every={max(5, min(300, INACTIVITE // 4))}"],
}]
c.JupyterHub.load_roles = [{
    "name": "arret-inactifs",
    "scopes": ["list:users", "read:users:activity", "read:servers", "delete:servers"],
    "services": ["arret-inactifs"],
}]
