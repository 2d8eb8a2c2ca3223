"""JupyterHub pour une salle : connexion par code de salle + prénom, une copie des notebooks par personne,
un plafond de mémoire par personne, et la page à projeter avec l'adresse à taper.

Chargé par ``salle/jupyterhub_config.py`` (voir salle/README.md). Tout tourne sous un seul compte Unix :
les personnes sont séparées par l'authentification du hub et par leur dossier, pas par les droits Unix.
"""
from __future__ import annotations

import asyncio
import contextlib
import hashlib
import hmac
import json
import os
import secrets
import shutil
import signal
import socket
import threading
import unicodedata
from pathlib import Path

import psutil
from jupyterhub.auth import Authenticator
from jupyterhub.handlers import BaseHandler
from jupyterhub.spawner import SimpleLocalProcessSpawner
from tornado import web
from traitlets import Integer, Unicode, default

RACINE = Path(__file__).resolve().parents[1]

MESSAGE_CODE = ("Code de salle incorrect. Recopiez le code affiché au tableau par la personne qui anime "
                "(six chiffres), puis réessayez.")
MESSAGE_PRENOM = ("Ce prénom ne convient pas : utilisez de 1 à 30 lettres ou chiffres, avec des tirets "
                  "si besoin (par exemple « marie » ou « marie-l »).")
MESSAGE_MOT_DE_PASSE = ("Choisissez un mot de passe personnel d'au moins 4 caractères : il vous servira à "
                        "retrouver vos notebooks si vous vous reconnectez.")
MESSAGE_PRIS = ("Ce prénom est déjà utilisé dans la salle avec un autre mot de passe. Si c'est le vôtre, "
                "vérifiez votre mot de passe ; sinon, ajoutez l'initiale de votre nom (par exemple « marie-l »).")
MESSAGE_ADMIN = "Identifiants de l'animateur incorrects."


def normaliser_prenom(texte: object) -> str | None:
    """Le nom d'utilisateur tiré d'un prénom tapé : minuscules, espaces en tirets ; None s'il ne convient pas."""
    s = unicodedata.normalize("NFC", str(texte or "")).strip().lower()
    s = "-".join(s.replace("_", " ").split())
    if not 1 <= len(s) <= 30 or s.startswith("-") or s.endswith("-"):
        return None
    if not all(ch.isalnum() or ch == "-" for ch in s):
        return None
    return s


def _empreinte(mot_de_passe: str, sel: bytes) -> str:
    return hashlib.pbkdf2_hmac("sha256", mot_de_passe.encode(), sel, 100_000).hex()


class CodeDeSalleAuthenticator(Authenticator):
    """Code de la salle (commun) + prénom choisi + mot de passe personnel choisi à la première connexion.

    L'animateur (``admin_users``) se connecte avec son nom et son secret, sans code de salle.
    Seule une empreinte salée du mot de passe est gardée (fichier ``fichier_mots_de_passe``).
    """

    code_salle = Unicode("", config=True, help="Code commun de la salle (obligatoire).")
    secret_animateur = Unicode("", config=True, help="Mot de passe du compte de l'animateur (obligatoire).")
    fichier_mots_de_passe = Unicode(config=True, help="Fichier JSON des empreintes des mots de passe.")

    @default("allow_all")
    def _tous(self):
        return True

    @default("fichier_mots_de_passe")
    def _fichier(self):
        return str(RACINE / "salle" / "donnees" / "mots_de_passe.json")

    _verrou = threading.Lock()

    def _lire(self) -> dict:
        try:
            return json.loads(Path(self.fichier_mots_de_passe).read_text())
        except FileNotFoundError:
            return {}

    def _ecrire(self, empreintes: dict) -> None:
        chemin = Path(self.fichier_mots_de_passe)
        chemin.parent.mkdir(parents=True, exist_ok=True)
        provisoire = chemin.with_suffix(".tmp")
        provisoire.write_text(json.dumps(empreintes))
        provisoire.chmod(0o600)
        provisoire.replace(chemin)

    async def authenticate(self, handler, data):
        if not self.code_salle or not self.secret_animateur:
            raise web.HTTPError(500, "Le hub de la salle n'a pas de code ou de secret d'animateur configuré.")
        nom = normaliser_prenom(data.get("username", ""))
        mot_de_passe = data.get("password", "") or ""
        if nom is not None and nom in self.admin_users:
            if hmac.compare_digest(mot_de_passe.encode(), self.secret_animateur.encode()):
                return nom
            raise web.HTTPError(403, MESSAGE_ADMIN)
        code = "".join(str(data.get("code", "")).split())
        if not hmac.compare_digest(code.encode(), self.code_salle.encode()):
            raise web.HTTPError(403, MESSAGE_CODE)
        if nom is None:
            raise web.HTTPError(403, MESSAGE_PRENOM)
        if len(mot_de_passe) < 4:
            raise web.HTTPError(403, MESSAGE_MOT_DE_PASSE)
        with self._verrou:
            empreintes = self._lire()
            connu = empreintes.get(nom)
            if connu is None:
                sel = secrets.token_bytes(16)
                empreintes[nom] = sel.hex() + "$" + _empreinte(mot_de_passe, sel)
                self._ecrire(empreintes)
                return nom
        sel_hex, attendu = connu.split("$", 1)
        if hmac.compare_digest(_empreinte(mot_de_passe, bytes.fromhex(sel_hex)), attendu):
            return nom
        raise web.HTTPError(403, MESSAGE_PRIS)

    def normalize_username(self, username):
        return normaliser_prenom(username) or super().normalize_username(username)

    def delete_user(self, user):
        """L'animateur supprime une personne dans la page d'administration : son prénom redevient libre."""
        super().delete_user(user)
        with self._verrou:
            empreintes = self._lire()
            if empreintes.pop(user.name, None) is not None:
                self._ecrire(empreintes)

    def get_handlers(self, app):
        return super().get_handlers(app) + [(r"/salle", PageSalleHandler)]


def adresses_reseau() -> list[str]:
    """Les adresses IPv4 de la machine sur le réseau local (la route par défaut d'abord), sans 127.x."""
    trouvees: list[str] = []
    try:  # aucune donnée n'est envoyée : connect() sur UDP choisit seulement l'interface de sortie
        with socket.socket(socket.AF_INET, socket.SOCK_DGRAM) as s:
            s.connect(("10.254.254.254", 1))
            trouvees.append(s.getsockname()[0])
    except OSError:
        pass
    for nom, adresses in sorted(psutil.net_if_addrs().items()):
        if nom.startswith(("docker", "veth", "br-", "virbr", "lo")):
            continue
        trouvees += [a.address for a in adresses if a.family == socket.AF_INET]
    return [a for i, a in enumerate(trouvees) if not a.startswith("127.") and a not in trouvees[:i]]


class PageSalleHandler(BaseHandler):
    """/hub/salle : la page à projeter (adresse à taper ; le code de la salle seulement pour l'animateur)."""

    async def get(self):
        user = self.current_user
        animateur = bool(user and user.admin)
        port = int(os.environ.get("SALLE_PORT", "8000"))
        adresses = [f"http://{a}:{port}" if port != 80 else f"http://{a}" for a in adresses_reseau()]
        html = await self.render_template(
            "salle.html", adresses=adresses or [f"http://127.0.0.1:{port}"], sans_reseau=not adresses,
            code=self.authenticator.code_salle if animateur else None, animateur=animateur,
            plafond=os.environ.get("SALLE_MEMOIRE", "aucun").replace(".", ",").replace("G", " Go").replace("M", " Mo"),
            mode_plafond=getattr(self.spawner_class, "mode_plafond", lambda: "Kubernetes")())
        self.finish(html)


#: Fichiers des mainteneurs, lus par le paquet dans le dépôt, pas par la personne : pas dans sa copie.
FICHIERS_MAINTENANCE = ("parcours.toml",)


def copier_notebooks(source: Path, copie: Path) -> None:
    """La copie des notebooks d'une personne. Chaque fichier y est daté du moment de la copie (le jour où elle les
    reçoit), pas de la date où le dépôt a été installé sur la machine ; sans les fichiers des mainteneurs."""
    shutil.copytree(source, copie, copy_function=shutil.copy,  # shutil.copy : contenu et droits, pas les dates
                    ignore=shutil.ignore_patterns(".ipynb_checkpoints", "__pycache__", *FICHIERS_MAINTENANCE))


def _octets(valeur) -> int:
    return int(valeur or 0)


class SpawnerSalle(SimpleLocalProcessSpawner):
    """Un serveur JupyterLab par personne, sous le même compte Unix, dans son propre dossier, avec sa copie des
    notebooks (copiée au premier démarrage, jamais écrasée) et un plafond de mémoire (voir ``mode_plafond``)."""

    dossier_apprenants = Unicode(config=True, help="Dossier où chaque personne a son sous-dossier.")
    dossier_notebooks = Unicode(str(RACINE / "notebooks"), config=True, help="Notebooks copiés pour chacun.")
    intervalle_activite = Integer(60, config=True, help="Secondes entre deux signes de vie envoyés au hub.")

    @default("dossier_apprenants")
    def _apprenants(self):
        return str(RACINE / "salle" / "donnees" / "apprenants")

    @default("home_dir")
    def _default_home_dir(self):
        return str(Path(self.dossier_apprenants) / self.user.name)

    @default("notebook_dir")
    def _racine_serveur(self):
        return self.home_dir

    # --- le plafond de mémoire -------------------------------------------------------------------------------
    @staticmethod
    def _cgroup_memoire() -> Path | None:
        """Le groupe de contrôle (cgroup) mémoire de ce processus, s'il est modifiable (root, cgroup v1 ou v2)."""
        try:
            lignes = Path("/proc/self/cgroup").read_text().splitlines()
        except OSError:
            return None
        for ligne in lignes:
            _, controleurs, chemin = ligne.split(":", 2)
            if "memory" in controleurs.split(","):  # cgroup v1
                base = Path("/sys/fs/cgroup/memory") / chemin.lstrip("/")
                if (base / "memory.limit_in_bytes").exists() and os.access(base, os.W_OK):
                    return base
        for ligne in lignes:
            if ligne.startswith("0::"):  # cgroup v2 : le contrôleur mémoire doit être délégué aux sous-groupes
                base = Path("/sys/fs/cgroup") / ligne[3:].lstrip("/")
                try:
                    actifs = (base / "cgroup.subtree_control").read_text().split()
                except OSError:
                    return None
                if "memory" in actifs and os.access(base, os.W_OK):
                    return base
        return None

    @classmethod
    def mode_plafond(cls) -> str:
        """« systemd » (systemd-run --scope), « cgroup » (écrit directement) ou « surveillance » (le hub tue le
        plus gros noyau de la personne qui dépasse, à chaque vérification)."""
        forcer = os.environ.get("SALLE_MODE_PLAFOND", "")
        if forcer in ("systemd", "cgroup", "surveillance"):
            return forcer
        try:
            systemd = Path("/proc/1/comm").read_text().strip() == "systemd"
        except OSError:
            systemd = False
        if systemd and shutil.which("systemd-run") and os.geteuid() == 0:
            return "systemd"
        return "cgroup" if cls._cgroup_memoire() is not None else "surveillance"

    _groupe: Path | None = None

    def _preparer_dossier(self) -> None:
        maison = Path(self.home_dir)
        copie = maison / "notebooks"
        if not copie.exists():  # première connexion : une copie à soi ; ensuite on n'y touche plus
            maison.mkdir(parents=True, exist_ok=True)
            copier_notebooks(Path(self.dossier_notebooks), copie)

    def make_preexec_fn(self, name):
        preparer = super().make_preexec_fn(name)
        groupe = self._groupe

        def preexec():
            preparer()
            if groupe is not None:  # le serveur et tous ses noyaux vivront dans ce groupe
                (groupe / "cgroup.procs").write_text(str(os.getpid()))

        return preexec

    async def start(self):
        self._preparer_dossier()
        plafond = _octets(self.mem_limit)
        mode = self.mode_plafond() if plafond else "aucun"
        self._groupe = None
        commande_origine = self.cmd
        if mode == "systemd":
            self.cmd = ["systemd-run", "--scope", "--quiet", "--collect", "-p", f"MemoryMax={plafond}",
                        "-p", "MemorySwapMax=0", f"--unit=salle-{secrets.token_hex(4)}", "--"] + list(self.cmd)
        elif mode == "cgroup":
            base = self._cgroup_memoire()
            groupe = base / self._nom_groupe()
            groupe.mkdir(exist_ok=True)
            if (groupe / "memory.limit_in_bytes").exists():  # v1
                (groupe / "memory.limit_in_bytes").write_text(str(plafond))
                if (groupe / "memory.memsw.limit_in_bytes").exists():
                    try:
                        (groupe / "memory.memsw.limit_in_bytes").write_text(str(plafond))
                    except OSError:
                        pass
            else:  # v2
                (groupe / "memory.max").write_text(str(plafond))
                if (groupe / "memory.swap.max").exists():
                    (groupe / "memory.swap.max").write_text("0")
            self._groupe = groupe
        self.log.info("Serveur de %s : plafond mémoire %d Mo (mode %s)", self.user.name, plafond >> 20, mode)
        try:
            return await super().start()
        finally:
            self.cmd = commande_origine

    def _processus(self) -> list[psutil.Process]:
        try:
            serveur = psutil.Process(self.pid)
            return [serveur] + serveur.children(recursive=True)
        except (psutil.Error, TypeError, ValueError):
            return []

    async def poll(self):
        statut = await super().poll()
        plafond = _octets(self.mem_limit)
        if statut is None and plafond and self._groupe is None and self.mode_plafond() == "surveillance":
            processus = self._processus()
            tailles = {}
            for p in processus:
                try:
                    tailles[p] = p.memory_info().rss
                except psutil.Error:
                    pass
            if sum(tailles.values()) > plafond and len(tailles) > 1:
                noyau = max((p for p in tailles if p.pid != self.pid), key=tailles.get)
                self.log.warning("%s dépasse son plafond mémoire (%d Mo) : arrêt de son plus gros noyau (%d Mo)",
                                 self.user.name, sum(tailles.values()) >> 20, tailles[noyau] >> 20)
                try:
                    noyau.send_signal(signal.SIGKILL)
                except psutil.Error:
                    pass
        return statut

    def _nom_groupe(self) -> str:
        """Un groupe par personne et par hub (deux hubs sur la même machine ne partagent pas de groupe)."""
        hub = hashlib.sha256(self.dossier_apprenants.encode()).hexdigest()[:8]
        return f"salle-{hub}-{self.user.id}"

    async def stop(self, now=False):
        await super().stop(now=now)
        base = self._cgroup_memoire()
        groupe = base / self._nom_groupe() if base is not None else None
        for _ in range(50):  # les noyaux s'arrêtent juste après le serveur : on attend qu'ils soient partis
            if groupe is None or not groupe.exists():
                break
            try:
                for pid in (groupe / "cgroup.procs").read_text().split():
                    with contextlib.suppress(ProcessLookupError):
                        os.kill(int(pid), signal.SIGKILL)  # un noyau orphelin de ce serveur arrêté
                groupe.rmdir()
            except OSError:
                await asyncio.sleep(0.2)

    def user_env(self, env):
        return environnement_serveur(super().user_env(env), self.intervalle_activite)


def environnement_serveur(env: dict, intervalle_activite: int = 60) -> dict:
    """L'environnement du serveur d'une personne : les réglages Jupyter communs à tous les déploiements
    (share/jupyter/config, section « salle » de atelier.toml), le gabarit Voilà, les signes de vie envoyés au hub."""
    env = dict(env)
    chemins = [str(RACINE / "share" / "jupyter")] + [p for p in env.get("JUPYTER_PATH", "").split(":") if p]
    env["JUPYTER_PATH"] = ":".join(chemins)
    env["JUPYTER_CONFIG_PATH"] = str(RACINE / "share" / "jupyter" / "config")
    env["ATELIER_DEPLOIEMENT"] = "salle"
    env["JUPYTERHUB_ACTIVITY_INTERVAL"] = str(intervalle_activite)
    # Les réglages de la salle (salle/README.md) ajustent ceux du tableau, s'ils sont donnés.
    for salle, atelier in (("SALLE_NOYAU_INACTIF", "ATELIER_NOYAU_INACTIF"), ("SALLE_FILS", "ATELIER_FILS"),
                           ("SALLE_TABLEAU_SANS_PAGE", "ATELIER_TABLEAU_SANS_PAGE")):
        if os.environ.get(salle, "").strip():
            env[atelier] = os.environ[salle]
    return env
