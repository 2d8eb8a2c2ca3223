"""Mesure de charge du JupyterHub de la salle (salle/) : N personnes arrivent en même temps.

    .venv/bin/python benchmarks/bench_salle.py --n 2 5 10

Pour chaque N : démarre le hub sur 127.0.0.1 (ports libres, dossier temporaire), puis N personnes, chacune dans son
fil : connexion par le formulaire (code de salle, prénom, mot de passe), jeton d'API, démarrage de son serveur par
l'API REST du hub, ouverture du notebook 01 (session + noyau, comme JupyterLab), exécution de toutes ses cellules
par le websocket du noyau, quelques recherches (``atelier.recherche.chercher_metiers``, ce qu'appelle le tableau de bord de
recherche), puis ouverture du tableau de bord Voilà de recherche par le hub. Mesures : temps jusqu'au serveur prêt
et jusqu'au premier résultat d'un noyau, latences p50/p95 d'une cellule et d'une recherche (aller-retour websocket
compris), échecs, mémoire de chaque personne (serveur + noyaux, RSS et PSS) et de la machine.

Ce module sert aussi au test tests/test_salle.py (Hub, Apprenant, Noyau).
"""
from __future__ import annotations

import argparse
import contextlib
import json
import os
import secrets
import signal
import socket
import statistics
import subprocess
import sys
import tempfile
import threading
import time
import uuid
from concurrent.futures import ThreadPoolExecutor
from datetime import datetime, timezone
from pathlib import Path

import psutil
import requests
import websocket

RACINE = Path(__file__).resolve().parents[1]
VENV = Path(sys.executable).parent
NOTEBOOK_01 = RACINE / "notebooks" / "01_des_mots_aux_nombres.ipynb"
RECHERCHES = ["aide soignante", "nounou", "developpeur web", "chaufeur de bus", "accompagnement social"]
TABLEAU_RECHERCHE = "notebooks/dashboards/recherche_de_metiers.ipynb"


def port_libre() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


class Hub:
    """Le hub de la salle lancé comme en vrai (salle/jupyterhub_config.py), mais sur 127.0.0.1 et des ports libres."""

    def __init__(self, dossier: Path, **reglages: str) -> None:
        self.dossier = Path(dossier)
        self.code = f"{secrets.randbelow(10**6):06d}"
        self.secret = secrets.token_urlsafe(12)
        self.port = port_libre()
        self.url = f"http://127.0.0.1:{self.port}"
        self.journal = self.dossier / "hub.log"
        self.env = dict(os.environ, SALLE_IP="127.0.0.1", SALLE_PORT=str(self.port),
                        SALLE_PORT_HUB=str(port_libre()), SALLE_PORT_API_PROXY=str(port_libre()),
                        SALLE_DONNEES=str(self.dossier / "donnees"), SALLE_CODE=self.code,
                        SALLE_SECRET_ANIMATEUR=self.secret, HF_HUB_OFFLINE="1", **reglages)
        self.proc: subprocess.Popen | None = None

    def demarrer(self, delai: float = 90) -> "Hub":
        self.dossier.mkdir(parents=True, exist_ok=True)
        (self.dossier / "donnees").mkdir(exist_ok=True)
        self.proc = subprocess.Popen(
            [str(VENV / "jupyterhub"), "-f", str(RACINE / "salle" / "jupyterhub_config.py")],
            cwd=self.dossier / "donnees", env=self.env, stdout=open(self.journal, "wb"), stderr=subprocess.STDOUT,
            start_new_session=True)
        fin = time.monotonic() + delai
        while time.monotonic() < fin:
            if self.proc.poll() is not None:
                raise RuntimeError(f"le hub s'est arrêté au démarrage :\n{self.journal.read_text()[-3000:]}")
            with contextlib.suppress(requests.RequestException):
                if requests.get(f"{self.url}/hub/api/", timeout=2).status_code == 200:
                    return self
            time.sleep(0.3)
        raise RuntimeError(f"le hub n'a pas répondu en {delai} s :\n{self.journal.read_text()[-3000:]}")

    def arreter(self) -> None:
        """Ctrl+C comme en salle : le hub arrête les serveurs (cleanup_servers) puis s'arrête."""
        if self.proc is None or self.proc.poll() is not None:
            return
        self.proc.send_signal(signal.SIGINT)
        try:
            self.proc.wait(timeout=60)
        except subprocess.TimeoutExpired:
            os.killpg(self.proc.pid, signal.SIGKILL)
            self.proc.wait()

    def serveurs(self) -> dict[str, psutil.Process]:
        """Le processus du serveur de chaque personne (jupyterhub-singleuser lancé par ce hub)."""
        trouves = {}
        for p in psutil.process_iter(["cmdline"]):
            try:
                cmd = p.info["cmdline"] or []
                if any(c.endswith("jupyterhub-singleuser") for c in cmd[:2]):
                    env = p.environ()
                    if env.get("HOME", "").startswith(self.env["SALLE_DONNEES"] + os.sep):
                        trouves[env["JUPYTERHUB_USER"]] = p
            except (psutil.Error, KeyError):
                continue
        return trouves

    def __enter__(self) -> "Hub":
        return self.demarrer()

    def __exit__(self, *exc) -> None:
        self.arreter()


class Apprenant:
    """Une personne de la salle : un navigateur (cookies) puis un jeton d'API, comme le fait JupyterLab."""

    def __init__(self, hub: Hub, prenom: str, mot_de_passe: str = "soleil") -> None:
        self.hub, self.nom, self.mot_de_passe = hub, prenom, mot_de_passe
        self.http = requests.Session()
        self.jeton: str | None = None

    def connecter(self, code: str | None = None) -> requests.Response:
        """Remplit le formulaire de connexion ; renvoie la réponse (302 si accepté, 403 et le message sinon)."""
        url = f"{self.hub.url}/hub/login"
        self.http.get(url, timeout=30)
        donnees = {"_xsrf": self.http.cookies.get("_xsrf", ""), "code": self.hub.code if code is None else code,
                   "username": self.nom, "password": self.mot_de_passe}
        reponse = self.http.post(url, data=donnees, allow_redirects=False, timeout=60)
        if reponse.status_code == 302:
            xsrf = {"X-XSRFToken": self.http.cookies.get("_xsrf", "")}
            moi = self.http.get(f"{self.hub.url}/hub/api/user", headers=xsrf, timeout=30)
            moi.raise_for_status()
            self.nom = moi.json()["name"]  # le prénom tapé devient un nom d'utilisateur (minuscules, tirets)
            r = self.http.post(f"{self.hub.url}/hub/api/users/{self.nom}/tokens", json={"note": "mesure"},
                               headers=xsrf, timeout=30)
            r.raise_for_status()
            self.jeton = r.json()["token"]
        return reponse

    @property
    def entetes(self) -> dict:
        return {"Authorization": f"token {self.jeton}"}

    def api(self, methode: str, chemin: str, **kw) -> requests.Response:
        return requests.request(methode, f"{self.hub.url}{chemin}", headers=self.entetes, timeout=60, **kw)

    def demarrer_serveur(self, delai: float = 300) -> float:
        """Démarre son serveur par l'API du hub ; renvoie le temps jusqu'au serveur prêt (il répond)."""
        t0 = time.perf_counter()
        r = self.api("POST", f"/hub/api/users/{self.nom}/server")
        if r.status_code not in (201, 202, 400):  # 400 : déjà lancé
            raise RuntimeError(f"démarrage refusé : {r.status_code} {r.text[:200]}")
        fin = time.monotonic() + delai
        while time.monotonic() < fin:
            etat = self.api("GET", f"/hub/api/users/{self.nom}").json()
            serveur = etat.get("servers", {}).get("", {})
            if serveur.get("ready"):
                if self.api("GET", f"/user/{self.nom}/api/status").status_code == 200:
                    return time.perf_counter() - t0
            time.sleep(0.25)
        raise RuntimeError(f"serveur de {self.nom} pas prêt en {delai} s")

    def ouvrir_notebook(self, chemin: str = "notebooks/01_des_mots_aux_nombres.ipynb") -> "Noyau":
        """Une session de notebook (comme JupyterLab qui ouvre le fichier) et le websocket de son noyau."""
        r = self.api("POST", f"/user/{self.nom}/api/sessions",
                     json={"path": chemin, "type": "notebook", "name": Path(chemin).name,
                           "kernel": {"name": "python3"}})
        r.raise_for_status()
        noyau = Noyau(self, r.json()["kernel"]["id"])
        noyau.session_api = r.json()["id"]
        return noyau

    def fermer_notebook(self, noyau: "Noyau") -> None:
        """Ferme l'onglet : le websocket, puis la session et son noyau (ce que fait JupyterLab, kernelShutdown)."""
        noyau.fermer()
        self.api("DELETE", f"/user/{self.nom}/api/sessions/{noyau.session_api}")

    def noyaux(self) -> list[dict]:
        return self.api("GET", f"/user/{self.nom}/api/kernels").json()


class Noyau:
    """Le websocket d'un noyau distant : exécute du code et attend sa réponse (protocole de messagerie Jupyter)."""

    def __init__(self, apprenant: Apprenant, kernel_id: str) -> None:
        self.id, self.session = kernel_id, uuid.uuid4().hex
        ws_url = apprenant.hub.url.replace("http", "ws", 1)
        self.ws = websocket.create_connection(
            f"{ws_url}/user/{apprenant.nom}/api/kernels/{kernel_id}/channels?session_id={self.session}",
            header=[f"Authorization: token {apprenant.jeton}"], timeout=300)

    @staticmethod
    def _lire(trame) -> dict:
        if isinstance(trame, bytes):  # message avec des tampons binaires : l'en-tête JSON est la 1re partie
            n = int.from_bytes(trame[:4], "big")
            positions = [int.from_bytes(trame[4 + 4 * i:8 + 4 * i], "big") for i in range(n)] + [len(trame)]
            return json.loads(trame[positions[0]:positions[1]])
        return json.loads(trame)

    def executer(self, code: str, delai: float = 600) -> tuple[float, str | None, str]:
        """Exécute ``code`` ; renvoie (durée aller-retour en s, erreur ou None, texte affiché)."""
        msg_id = uuid.uuid4().hex
        self.ws.send(json.dumps({
            "header": {"msg_id": msg_id, "username": "mesure", "session": self.session,
                       "msg_type": "execute_request", "version": "5.3",
                       "date": datetime.now(timezone.utc).isoformat()},
            "parent_header": {}, "metadata": {}, "channel": "shell", "buffers": [],
            "content": {"code": code, "silent": False, "store_history": True, "user_expressions": {},
                        "allow_stdin": False, "stop_on_error": True}}))
        t0 = time.perf_counter()
        erreur, texte, reponse, repos = None, [], False, False
        while not (reponse and repos):
            reste = delai - (time.perf_counter() - t0)
            if reste <= 0:
                return time.perf_counter() - t0, "délai dépassé", "".join(texte)
            self.ws.settimeout(reste)
            try:
                m = self._lire(self.ws.recv())
            except websocket.WebSocketTimeoutException:
                continue
            except websocket.WebSocketException as e:
                return time.perf_counter() - t0, f"connexion perdue : {e}", "".join(texte)
            genre, contenu = m["msg_type"], m["content"]
            if genre == "status" and contenu.get("execution_state") in ("restarting", "dead"):
                return time.perf_counter() - t0, "noyau arrêté (mémoire dépassée ?)", "".join(texte)
            if m.get("parent_header", {}).get("msg_id") != msg_id:
                continue
            if genre == "stream":
                texte.append(contenu["text"])
            elif genre in ("execute_result", "display_data"):
                texte.append(contenu.get("data", {}).get("text/plain", ""))
            elif genre == "error":
                erreur = f"{contenu['ename']}: {contenu['evalue']}"
            elif genre == "execute_reply":
                reponse = True
                if contenu.get("status") == "error" and erreur is None:
                    erreur = f"{contenu.get('ename')}: {contenu.get('evalue')}"
            elif genre == "status" and contenu["execution_state"] == "idle":
                repos = True
        return time.perf_counter() - t0, erreur, "".join(texte)

    def fermer(self) -> None:
        with contextlib.suppress(Exception):
            self.ws.close()


def cellules_de_code(notebook: Path = NOTEBOOK_01) -> list[str]:
    nb = json.loads(notebook.read_text())
    return ["".join(c["source"]) for c in nb["cells"] if c["cell_type"] == "code"]


def memoire_arbre(processus: psutil.Process, pss: bool = False) -> int:
    """RSS (ou PSS) du serveur d'une personne et de tous ses descendants (noyaux), en octets."""
    total = 0
    for p in [processus] + processus.children(recursive=True):
        with contextlib.suppress(psutil.Error):
            total += p.memory_full_info().pss if pss else p.memory_info().rss
    return total


def centile(valeurs: list[float], q: float) -> float | None:
    if not valeurs:
        return None
    if len(valeurs) == 1:
        return valeurs[0]
    return statistics.quantiles(valeurs, n=100, method="inclusive")[q - 1]


def parcours(hub: Hub, i: int, recherches: int, notebooks: list[str], tableau: bool) -> dict:
    """Ce que fait une personne ; les échecs sont comptés, pas levés."""
    moi = Apprenant(hub, f"personne-{i:02d}")
    res = {"nom": moi.nom, "echecs": [], "cellules": [], "recherches": []}
    try:
        t0 = time.perf_counter()
        if moi.connecter().status_code != 302:
            raise RuntimeError("connexion refusée")
        res["connexion_s"] = time.perf_counter() - t0
        res["serveur_pret_s"] = moi.demarrer_serveur()
        noyau = moi.ouvrir_notebook(f"notebooks/{(notebooks or [NOTEBOOK_01.name])[0]}")
        duree, erreur, _ = noyau.executer("1 + 1")
        res["premier_resultat_s"] = time.perf_counter() - t0
        for k, nom in enumerate(notebooks):
            if k:  # la leçon suivante : on ferme l'onglet de la précédente, comme en séance
                moi.fermer_notebook(noyau)
                noyau = moi.ouvrir_notebook(f"notebooks/{nom}")
            t_nb = time.perf_counter()
            for code in cellules_de_code(RACINE / "notebooks" / nom):
                duree, erreur, _ = noyau.executer(code)
                res["cellules"].append(duree)
                if erreur:
                    res["echecs"].append(f"{nom} : {erreur}")
            res.setdefault("notebooks_s", {})[nom] = time.perf_counter() - t_nb
        duree, erreur, _ = noyau.executer("from atelier import recherche; recherche.index(); None")
        res["index_recherche_s"] = duree
        for k in range(recherches):
            requete = RECHERCHES[k % len(RECHERCHES)]
            duree, erreur, texte = noyau.executer(f"print(recherche.chercher_metiers({requete!r}, k=8).iloc[0, 0])")
            res["recherches"].append(duree)
            if erreur or not texte.strip():
                res["echecs"].append(f"recherche : {erreur or 'aucun résultat'}")
        if tableau:
            t1 = time.perf_counter()
            r = moi.http.get(f"{hub.url}/user/{moi.nom}/voila/render/{TABLEAU_RECHERCHE}", timeout=300)
            res["tableau_s"] = time.perf_counter() - t1
            if r.status_code != 200 or "Traceback" in r.text:
                res["echecs"].append(f"tableau de bord : HTTP {r.status_code}")
        res["noyau"] = noyau
    except Exception as e:  # noqa: BLE001  (une personne qui échoue est une mesure, pas un arrêt)
        res["echecs"].append(f"{type(e).__name__}: {e}")
    return res


def mesurer(n: int, recherches: int = 5, notebooks: tuple[str, ...] = (NOTEBOOK_01.name,), tableau: bool = True,
            memoire: str = "1.5G") -> dict:
    base = psutil.virtual_memory()
    base_utilisee = base.total - base.available
    charge = os.getloadavg()
    with tempfile.TemporaryDirectory(prefix="bench_salle_") as dossier:
        hub = Hub(Path(dossier), SALLE_MEMOIRE=memoire, SALLE_INACTIVITE="3600")
        pic = {"machine": 0, "personnes": {}}
        arret = threading.Event()

        def echantillonner():
            while not arret.is_set():
                vm = psutil.virtual_memory()
                pic["machine"] = max(pic["machine"], vm.total - vm.available - base_utilisee)
                for nom, p in hub.serveurs().items():
                    with contextlib.suppress(psutil.Error):
                        pic["personnes"][nom] = max(pic["personnes"].get(nom, 0), memoire_arbre(p))
                arret.wait(1.0)

        with hub:
            echantillonneur = threading.Thread(target=echantillonner, daemon=True)
            echantillonneur.start()
            t0 = time.perf_counter()
            with ThreadPoolExecutor(n) as pool:
                resultats = list(pool.map(lambda i: parcours(hub, i, recherches, list(notebooks), tableau), range(n)))
            duree_totale = time.perf_counter() - t0
            serveurs = hub.serveurs()
            rss = {nom: memoire_arbre(p) for nom, p in serveurs.items()}
            pss = {nom: memoire_arbre(p, pss=True) for nom, p in serveurs.items()}
            seul = [p.memory_full_info().pss for p in serveurs.values()]
            noyaux = [k.memory_full_info().pss for p in serveurs.values() for k in p.children(recursive=True)]
            arret.set()
            echantillonneur.join()
            modes = sorted({ligne.rsplit("(mode ", 1)[1].rstrip(")\n") for ligne in hub.journal.read_text().splitlines()
                            if "plafond mémoire" in ligne and "(mode " in ligne})
            for r in resultats:
                if "noyau" in r:
                    r.pop("noyau").fermer()
    cellules = [d for r in resultats for d in r["cellules"]]
    requetes = [d for r in resultats for d in r["recherches"]]
    mo = 2**20
    return {
        "n": n, "charge_avant": [round(x, 2) for x in charge], "charge_apres": [round(x, 2) for x in os.getloadavg()],
        "duree_totale_s": round(duree_totale, 1),
        "echecs": sum(len(r["echecs"]) for r in resultats),
        "detail_echecs": [e for r in resultats for e in r["echecs"]][:10],
        "serveur_pret_s_p50": centile([r["serveur_pret_s"] for r in resultats if "serveur_pret_s" in r], 50),
        "serveur_pret_s_max": max((r["serveur_pret_s"] for r in resultats if "serveur_pret_s" in r), default=None),
        "premier_resultat_s_max": max((r.get("premier_resultat_s", 0) for r in resultats), default=None),
        "cellule_ms_p50": centile(cellules, 50) and centile(cellules, 50) * 1000,
        "cellule_ms_p95": centile(cellules, 95) and centile(cellules, 95) * 1000,
        "notebook_01_s_max": max((sum(r["cellules"]) for r in resultats), default=None),
        "notebooks_s_max": {nom: round(max(r.get("notebooks_s", {}).get(nom, 0) for r in resultats), 1)
                            for nom in notebooks},
        "recherche_ms_p50": centile(requetes, 50) and centile(requetes, 50) * 1000,
        "recherche_ms_p95": centile(requetes, 95) and centile(requetes, 95) * 1000,
        "tableau_s_p50": centile([r["tableau_s"] for r in resultats if "tableau_s" in r], 50),
        "rss_par_personne_mo": round(statistics.mean(rss.values()) / mo) if rss else None,
        "pss_par_personne_mo": round(statistics.mean(pss.values()) / mo) if pss else None,
        "pic_rss_par_personne_mo": round(max(pic["personnes"].values(), default=0) / mo),
        "pic_machine_mo": round(pic["machine"] / mo),
        "pss_serveur_seul_mo": round(statistics.mean(seul) / mo) if seul else None,
        "pss_noyaux_mo": sorted(round(x / mo) for x in noyaux),
        "serveurs_mesures": len(rss), "mode_plafond": modes, "plafond": memoire,
    }


def capacite(mo_par_personne: float, ram_go: int) -> int:
    """Personnes qui tiennent en mémoire : (RAM − socle pour le système et le hub) / mémoire par personne, le socle
    étant celui de la règle de la salle (salle/dimensionnement.toml)."""
    import tomllib

    source = tomllib.loads((RACINE / "salle" / "dimensionnement.toml").read_text(encoding="utf-8"))
    socle = source["memoire"]["socle_mo"]
    return int((ram_go * 1024 - socle) // mo_par_personne)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--n", type=int, nargs="+", default=[2, 5, 10], help="nombres de personnes")
    parser.add_argument("--recherches", type=int, default=5)
    parser.add_argument("--notebooks", nargs="*", default=[NOTEBOOK_01.name],
                        help="leçons exécutées l'une après l'autre (onglet fermé entre deux) ; "
                             "aucune : recherches seules")
    parser.add_argument("--sans-tableau", action="store_true", help="sans ouvrir le tableau de bord Voilà")
    parser.add_argument("--sortie", type=Path, help="fichier JSON des résultats")
    args = parser.parse_args()
    tous = []
    for n in args.n:
        r = mesurer(n, args.recherches, tuple(args.notebooks), not args.sans_tableau)
        tous.append(r)
        print(json.dumps(r, ensure_ascii=False), flush=True)
    if args.sortie:
        args.sortie.write_text(json.dumps(tous, ensure_ascii=False, indent=1))
    print("\n| N | serveur prêt p50 / max | leçons exécutées (max) | cellule p50 / p95 | recherche p50 / p95 "
          "| tableau de bord p50 | échecs | RSS / PSS par personne | pic machine | charge avant |")
    print("|---:|---:|---:|---:|---:|---:|---:|---:|---:|---|")
    for r in tous:
        f = lambda v, d=0: "—" if v is None else f"{v:.{d}f}".replace(".", ",")  # noqa: E731
        print(f"| {r['n']} | {f(r['serveur_pret_s_p50'], 1)} s / {f(r['serveur_pret_s_max'], 1)} s "
              f"| {f(r['notebook_01_s_max'], 1)} s | {f(r['cellule_ms_p50'])} / {f(r['cellule_ms_p95'])} ms "
              f"| {f(r['recherche_ms_p50'])} / {f(r['recherche_ms_p95'])} ms | {f(r['tableau_s_p50'], 1)} s "
              f"| {r['echecs']} | {r['rss_par_personne_mo']} / {r['pss_par_personne_mo']} Mo "
              f"| {r['pic_machine_mo']} Mo | {r['charge_avant'][0]} |")
    dernier = tous[-1]
    if dernier["pss_par_personne_mo"]:
        par_personne = max(dernier["pss_par_personne_mo"], dernier["pic_machine_mo"] / dernier["n"])
        print(f"\nCapacité mémoire mesurée (≈ {par_personne:.0f} Mo par personne, socle de "
              "salle/dimensionnement.toml) : "
              f"8 Go → {capacite(par_personne, 8)} personnes, 16 Go → {capacite(par_personne, 16)} personnes")


if __name__ == "__main__":
    main()
