"""Une salle entière ouvre le même tableau de bord Voilà en même temps : temps de réponse et mémoire du serveur.

    .venv/bin/python benchmarks/bench_tableaux_salle.py --n 1 5 10          # ≈ 15 minutes sur 2 cœurs
    .venv/bin/python benchmarks/bench_tableaux_salle.py --n 10 --clients legers --rechargements 0

Pour chaque N : démarre le serveur des tableaux de bord comme ``scripts/tableaux_de_bord.sh --salle N`` (réglages
de ``share/jupyter/config`` : noyaux préchauffés, arrêt des noyaux abandonnés), attend que la réserve de noyaux
soit pleine, puis ouvre N pages « Recherche de métiers » à la fois dans Chromium (sans écran), chacune dans son
fil ; chaque page tape une requête avec une faute de frappe. Mesures : temps jusqu'à la page utilisable (zone de
recherche visible) et jusqu'au premier résultat (p50 / p95), mémoire du serveur au plus haut (Voilà + tous ses
noyaux, RSS et PSS : PSS compte une seule fois les pages partagées, comme les vecteurs projetés en mémoire), puis,
les pages fermées, la mémoire 60 s après, et le temps d'une personne qui arrive juste après la vague. Enfin, une
page est rechargée 20 fois : la mémoire doit revenir à ±10 % de son niveau d'avant.

Deux sortes de clients (``--clients``) : ``navigateurs``, N Chromium sur cette machine, qui dessinent aussi leur page
sur les 2 cœurs du serveur (dans une salle, chaque navigateur est sur le poste d'une personne) ; ``legers``, N
clients sans navigateur (``visite_legere.py``) qui font au serveur les mêmes demandes que la page (page, fichiers,
websocket du noyau, état des widgets, frappe, fermeture) : la part du serveur seule.

Tout reste sur 127.0.0.1. Ce module sert aussi au test tests/browser/test_salle_tableaux.py.
"""
from __future__ import annotations

import argparse
import contextlib
import os
import re
import shutil
import socket
import statistics
import subprocess
import sys
import tempfile
import threading
import time
import urllib.request
from pathlib import Path

import psutil

import visite_legere

ROOT = Path(__file__).resolve().parents[1]
CHROMIUM = os.environ.get("ATELIER_CHROMIUM", "/usr/bin/chromium")
CHROMIUM_ARGS = ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update",
                 "--disable-sync", "--no-first-run", "--disable-quic"]
NOTEBOOK = "recherche_de_metiers.ipynb"
#: Les zones du tableau de bord, par les classes CSS que visite_legere cherche aussi dans l'état des widgets.
SAISIE = f".{visite_legere.CLASSE_SAISIE} input"
RESULTATS = f".{visite_legere.CLASSE_RESULTATS}"
#: Requêtes avec une faute de frappe, et l'intitulé qui doit apparaître dans les résultats.
REQUETES = [("infirmiere", "Infirmier / Infirmière"), ("plonbier", "Plombier"), ("boulenger", "Boulanger"),
            ("aide soignente", "Aide-soignant"), ("dévelopeur web", "Développeur / Développeuse web")]


#: Secondes avant que Voilà remplace un noyau pris dans la réserve : ``fill_delay`` des réglages du serveur
#: (share/jupyter/config/voila.py) pour une personne seule, celui que ``scripts/tableaux_de_bord.sh`` donne à une
#: salle (``--salle`` 2 ou plus).
def _delai_seul() -> float:
    from traitlets.config.loader import PyFileConfigLoader

    sauve = dict(os.environ)
    try:
        os.environ["ATELIER_DEPLOIEMENT"] = "tableaux"
        config = PyFileConfigLoader("voila.py", path=str(ROOT / "share" / "jupyter" / "config")).load_config()
    finally:
        os.environ.clear()
        os.environ.update(sauve)
    return float(config.VoilaKernelManager.get("fill_delay", 1))


DELAI_SEUL = _delai_seul()
DELAI_SALLE = float(re.search(r"DELAI_SALLE=\$\{ATELIER_DELAI_REMPLISSAGE:-(\d+)\}",
                              (ROOT / "scripts" / "tableaux_de_bord.sh").read_text(encoding="utf-8")).group(1))


def _port_libre() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def centile(valeurs: list[float], q: float) -> float:
    """Centile ``q`` (0–100) par interpolation linéaire (comme numpy), sans numpy."""
    v = sorted(valeurs)
    if not v:
        return float("nan")
    pos = (len(v) - 1) * q / 100
    bas = int(pos)
    haut = min(bas + 1, len(v) - 1)
    return v[bas] + (v[haut] - v[bas]) * (pos - bas)


def memoire(proc: psutil.Process) -> dict:
    """Mémoire du serveur et de tous ses descendants (noyaux) : RSS et PSS en Mo, nombre de noyaux."""
    procs = [proc]
    with contextlib.suppress(psutil.Error):
        procs += proc.children(recursive=True)
    rss = pss = 0
    noyaux = 0
    for p in procs:
        try:
            info = p.memory_full_info()
            rss += info.rss
            pss += getattr(info, "pss", info.rss)
            if "ipykernel" in " ".join(p.cmdline()):
                noyaux += 1
        except psutil.Error:
            continue
    return {"rss": rss / 2**20, "pss": pss / 2**20, "noyaux": noyaux}


def _cpu_machine() -> float:
    """Secondes de processeur consommées par toute la machine depuis son démarrage (tous les cœurs)."""
    c = psutil.cpu_times()
    return c.user + c.system + getattr(c, "nice", 0.0)


def _cpu_arbre(proc: psutil.Process) -> dict[int, float]:
    """Secondes de processeur du serveur et de chacun de ses noyaux, par numéro de processus."""
    releve = {}
    for p in [proc, *proc.children(recursive=True)]:
        with contextlib.suppress(psutil.Error):
            t = p.cpu_times()
            releve[p.pid] = t.user + t.system
    return releve


class Serveur:
    """Le serveur des tableaux de bord, lancé par ``scripts/tableaux_de_bord.sh`` (mêmes réglages)."""

    def __init__(self, salle: int, tableaux: str = NOTEBOOK.removesuffix(".ipynb"), extra_env: dict | None = None):
        self.port = _port_libre()
        self.url = f"http://127.0.0.1:{self.port}"
        self.salle = salle
        self.journal = tempfile.NamedTemporaryFile("w+", prefix="voila-salle-", suffix=".log", delete=False)
        # les autres tableaux de bord sans noyau préparé : seule la page mesurée occupe la machine
        env = {**os.environ, "PYTHONUNBUFFERED": "1", "ATELIER_RESERVE_AUTRES": "0", **(extra_env or {})}
        self.cmd = ["bash", str(ROOT / "scripts" / "tableaux_de_bord.sh"), "127.0.0.1", str(self.port),
                    "--salle", str(salle), "--tableaux", tableaux]
        self.proc = subprocess.Popen(self.cmd, cwd=ROOT, stdout=self.journal, stderr=subprocess.STDOUT, env=env,
                                     start_new_session=True)
        self.psutil = psutil.Process(self.proc.pid)

    def texte_journal(self) -> str:
        self.journal.flush()
        return Path(self.journal.name).read_text(encoding="utf-8", errors="replace")

    @property
    def reserve(self) -> int:
        """Taille de la réserve du tableau de bord mesuré, telle que le script l'annonce : ``--salle N``, plus les
        noyaux pour les retards et les pages rechargées quand N ≥ 2 (``ATELIER_MARGE``)."""
        m = re.search(r"noyaux préparés d'avance \((\d+) pour ", self.texte_journal())
        if m is None:
            raise RuntimeError("le script n'a pas annoncé sa réserve :\n" + self.texte_journal()[-3000:])
        return int(m.group(1))

    def attendre_reserve(self, nombre: int | None = None, delai: float = 240.0) -> float:
        """Attend que ``nombre`` noyaux préchauffés (par défaut : toute la réserve) soient prêts (le journal de Voilà
        le dit) ; rend la durée."""
        nombre = self.reserve if nombre is None else nombre
        debut = time.perf_counter()
        motif = re.compile(r"Kernel pool of (\S+) is filled with (\d+) kernel")
        while time.perf_counter() - debut < delai:
            if self.proc.poll() is not None:
                raise RuntimeError("le serveur s'est arrêté :\n" + self.texte_journal()[-3000:])
            if sum(int(m.group(2)) for m in motif.finditer(self.texte_journal())) >= nombre:
                return time.perf_counter() - debut
            time.sleep(0.5)
        raise TimeoutError(f"réserve de {nombre} noyaux non prête en {delai:.0f} s :\n" + self.texte_journal()[-3000:])

    def attendre_noyaux(self, nombre: int, delai: float, au_moins: bool = False) -> float | None:
        """Attend qu'il y ait exactement ``nombre`` noyaux (``au_moins`` : ``nombre`` ou plus), et que ce nombre tienne
        plus longtemps que le délai de remplissage de la réserve (les noyaux des pages fermées arrêtés, la réserve
        remplie à nouveau) ; rend la durée jusqu'au début de ce calme, ou None si le délai passe."""
        debut = time.perf_counter()
        stable_depuis = None
        remplissage = DELAI_SALLE if self.salle > 1 else DELAI_SEUL
        while time.perf_counter() - debut < delai + remplissage + 5:
            compte = memoire(self.psutil)["noyaux"]
            if compte == nombre or (au_moins and compte > nombre):
                stable_depuis = stable_depuis or time.perf_counter()
                if time.perf_counter() - stable_depuis >= remplissage + 5:
                    return stable_depuis - debut
            else:
                stable_depuis = None
            time.sleep(0.5)
        return None

    def attendre_calme(self, seuil_cpu: float = 20.0, delai: float = 90.0) -> None:
        """Attend que le serveur et ses noyaux n'utilisent presque plus le processeur (réserve remplie)."""
        debut = time.perf_counter()
        while time.perf_counter() - debut < delai:
            procs = [self.psutil] + self.psutil.children(recursive=True)
            total = 0.0
            for p in procs:
                with contextlib.suppress(psutil.Error):
                    p.cpu_percent(None)
            time.sleep(1.0)
            for p in procs:
                with contextlib.suppress(psutil.Error):
                    total += p.cpu_percent(None)
            if total < seuil_cpu:
                return

    def arreter(self) -> None:
        with contextlib.suppress(ProcessLookupError):
            os.killpg(self.proc.pid, 15)
        try:
            self.proc.wait(timeout=20)
        except subprocess.TimeoutExpired:
            with contextlib.suppress(ProcessLookupError):
                os.killpg(self.proc.pid, 9)
            self.proc.wait()
        self.journal.close()
        Path(self.journal.name).unlink(missing_ok=True)

    def __enter__(self):
        try:
            for _ in range(240):
                try:
                    urllib.request.urlopen(self.url + "/voila/tree", timeout=1)
                    break
                except OSError:
                    if self.proc.poll() is not None:
                        raise RuntimeError("le serveur s'est arrêté :\n" + self.texte_journal()[-3000:])
                    time.sleep(0.25)
            else:
                raise TimeoutError("le serveur n'a pas répondu en 60 s")
        except BaseException:
            self.arreter()
            raise
        return self

    def __exit__(self, *exc):
        self.arreter()


def visite(navigateur, url: str, requete: str, attendu: str, depart: threading.Barrier | None = None,
           fermer: bool = True, delai_ms: int = 120_000) -> dict:
    """Une personne : ouvre la page, attend la zone de recherche, tape sa requête (avec une faute), attend le
    bon résultat. Rend les durées (s) depuis l'ouverture et les éventuelles erreurs."""
    contexte = navigateur.new_context(viewport={"width": 1280, "height": 720})
    page = contexte.new_page()
    erreurs: list[str] = []
    page.on("pageerror", lambda exc: erreurs.append(str(exc)))
    page.on("dialog", lambda d: (erreurs.append("dialogue : " + d.message), d.dismiss()))
    if depart is not None:
        depart.wait()
    debut = time.perf_counter()
    resultat = {"page": page, "contexte": contexte, "erreurs": erreurs}
    try:
        page.goto(f"{url}/voila/render/{NOTEBOOK}", wait_until="domcontentloaded", timeout=delai_ms)
        page.wait_for_selector(SAISIE, timeout=delai_ms)
        resultat["utilisable"] = time.perf_counter() - debut
        page.locator(SAISIE).press_sequentially(requete, delay=20)
        tape = time.perf_counter()
        page.wait_for_function(
            "([sel, txt]) => document.querySelector(sel) && document.querySelector(sel).innerText.includes(txt)",
            arg=[RESULTATS, attendu], timeout=delai_ms)
        resultat["premier_resultat"] = time.perf_counter() - debut
        resultat["apres_frappe"] = time.perf_counter() - tape
        texte = page.inner_text("body")
        if "Traceback" in texte or "Error:" in texte:
            erreurs.append("trace Python visible")
    except Exception as exc:  # noqa: BLE001 — une visite ratée est une mesure, pas un plantage du banc
        erreurs.append(f"{type(exc).__name__}: {str(exc)[:200]}")
    if fermer:
        fermer_page(page, contexte)
    return resultat


def fermer_page(page, contexte) -> None:
    """Ferme l'onglet comme une personne : le navigateur prévient la page (``beforeunload``), et Voilà arrête
    son noyau ; puis ferme le contexte."""
    with contextlib.suppress(Exception):
        page.close(run_before_unload=True)
        time.sleep(0.5)
    contexte.close()


def vague(navigateur_factory, url: str, n: int) -> list[dict]:
    """N personnes à la fois, chacune dans son fil avec son propre Chromium (Playwright n'est pas partageable
    entre fils)."""
    depart = threading.Barrier(n)
    resultats: list[dict | None] = [None] * n

    def personne(i: int) -> None:
        with navigateur_factory() as nav:
            requete, attendu = REQUETES[i % len(REQUETES)]
            r = visite(nav, url, requete, attendu, depart=depart)
            r.pop("page", None), r.pop("contexte", None)
            resultats[i] = r

    fils = [threading.Thread(target=personne, args=(i,)) for i in range(n)]
    for f in fils:
        f.start()
    for f in fils:
        f.join()
    return [r or {"erreurs": ["fil sans résultat"]} for r in resultats]


def vague_mixte(url: str, n: int, fichiers: list[str]) -> tuple[dict, list[dict]]:
    """Une salle de ``n`` personnes arrivées au même instant, dont **une** a son navigateur (Chromium) sur cette
    machine ; les ``n - 1`` autres sont des clients sans navigateur (leurs navigateurs seraient sur leurs postes).
    Le temps de la personne au navigateur est un vrai temps de bout en bout (page dessinée comprise), avec le
    serveur occupé par toute la salle."""
    depart = threading.Barrier(2)
    sortie: dict = {}

    def personne() -> None:
        with chromium() as nav:
            r = visite(nav, url, *REQUETES[0], depart=depart)
            r.pop("page", None), r.pop("contexte", None)
            sortie["navigateur"] = r

    fil = threading.Thread(target=personne)
    fil.start()
    if n > 1:
        legers = visite_legere.vague(url, NOTEBOOK, REQUETES[1:] + REQUETES[:1], fichiers, n - 1,
                                     top_depart=depart.wait)
    else:
        depart.wait()
        legers = []
    fil.join()
    return sortie.get("navigateur", {"erreurs": ["fil sans résultat"]}), legers


def mesurer_mixte(n: int, fichiers: list[str], repetitions: int) -> dict:
    """``repetitions`` vagues mixtes (``vague_mixte``) sur un serveur préchauffé pour ``n`` personnes, la réserve
    pleine et le serveur au calme avant chacune."""
    navigateurs, legers = [], []
    with Serveur(salle=n) as serveur:
        serveur.attendre_reserve()
        for i in range(repetitions):
            # une page dont le noyau n'a pas été arrêté (fermeture trop lente) ne retire rien à la réserve
            if serveur.attendre_noyaux(serveur.reserve, 180, au_moins=True) is None:
                raise TimeoutError("la réserve ne s'est pas remplie à nouveau")
            serveur.attendre_calme()
            nav, autres = vague_mixte(serveur.url, n, fichiers)
            navigateurs.append(nav)
            legers += autres
            print(f"    vague mixte {i + 1} : navigateur {nav.get('premier_resultat', float('nan')):.1f} s ; "
                  f"{memoire(serveur.psutil)['noyaux']} noyaux juste après", flush=True)
    return {"n": n, "navigateurs": navigateurs, "legers": legers,
            "erreurs": [e for v in navigateurs + legers for e in v["erreurs"]]}


def fichiers_d_une_page(url: str) -> list[str]:
    """Les fichiers (scripts, styles, extensions) qu'une première visite de la page fait télécharger à Chromium,
    relevés sur un serveur déjà lancé (la visite prend un noyau de sa réserve, puis le rend en se fermant)."""
    fichiers: list[str] = []
    with chromium() as nav:
        contexte = nav.new_context()
        page = contexte.new_page()
        page.on("requestfinished", lambda r: fichiers.append(r.url) if r.method == "GET" else None)
        page.goto(f"{url}/voila/render/{NOTEBOOK}", wait_until="domcontentloaded", timeout=120_000)
        page.wait_for_selector(SAISIE, timeout=120_000)
        page.wait_for_load_state("networkidle")
        fermer_page(page, contexte)
    garder = [f.removeprefix(url) for f in fichiers if f.startswith(url)]
    return [f for f in dict.fromkeys(garder) if f.startswith("/voila/") and not f.startswith("/voila/render/")]


@contextlib.contextmanager
def chromium():
    from playwright.sync_api import sync_playwright

    with sync_playwright() as p:
        nav = p.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS, headless=True)
        try:
            yield nav
        finally:
            nav.close()


def rechargements(serveur: Serveur, nombre: int, reserve: int) -> dict:
    """Une page ouverte puis rechargée ``nombre`` fois ; la mémoire (PSS) avant, après le retour au calme."""
    serveur.attendre_noyaux(reserve, 60)
    serveur.attendre_calme()
    avant = memoire(serveur.psutil)
    durees = []
    with chromium() as nav:
        r = visite(nav, serveur.url, *REQUETES[0], fermer=False)
        page, contexte = r["page"], r["contexte"]
        erreurs = list(r["erreurs"])
        for i in range(nombre):
            debut = time.perf_counter()
            try:
                page.reload(wait_until="domcontentloaded", timeout=120_000)
                page.wait_for_selector(SAISIE, timeout=120_000)
                durees.append(time.perf_counter() - debut)
            except Exception as exc:  # noqa: BLE001
                erreurs.append(f"rechargement {i + 1} : {type(exc).__name__}")
        pendant = memoire(serveur.psutil)
        fermer_page(page, contexte)
    retour = serveur.attendre_noyaux(reserve, 120)
    serveur.attendre_calme()
    apres = memoire(serveur.psutil)
    return {"avant": avant, "pendant": pendant, "apres": apres, "retour_s": retour, "erreurs": erreurs,
            "rechargement_p50": centile(durees, 50), "ecart": apres["pss"] / avant["pss"] - 1}


def mesurer(n: int, attente_apres: float = 60.0, fichiers: list[str] | None = None) -> dict:
    """Une vague de ``n`` pages sur un serveur neuf préchauffé pour ``n`` personnes : dans Chromium, ou, si
    ``fichiers`` est donné, par des clients sans navigateur (``visite_legere``) qui téléchargent ces fichiers."""
    with Serveur(salle=n) as serveur:
        duree_reserve = serveur.attendre_reserve()
        serveur_reserve = serveur.reserve
        serveur.attendre_calme()
        base = memoire(serveur.psutil)
        pic = dict(base)
        fin = threading.Event()

        vu: dict[int, float] = {}   # dernier temps processeur vu de chaque processus du serveur

        def surveiller() -> None:
            while not fin.is_set():
                vu.update(_cpu_arbre(serveur.psutil))
                m = memoire(serveur.psutil)
                for cle in ("rss", "pss", "noyaux"):
                    pic[cle] = max(pic[cle], m[cle])
                time.sleep(0.3)

        veille = threading.Thread(target=surveiller)
        cpu_serveur_avant = _cpu_arbre(serveur.psutil)
        cpu_machine_avant = _cpu_machine()
        veille.start()
        try:
            if fichiers is None:
                visites = vague(chromium, serveur.url, n)
            else:
                visites = visite_legere.vague(serveur.url, NOTEBOOK, REQUETES, fichiers, n)
        finally:
            fin.set()
            veille.join()
        vu.update(_cpu_arbre(serveur.psutil))
        cpu_serveur = sum(v - cpu_serveur_avant.get(pid, 0.0) for pid, v in vu.items())
        cpu_voila = vu.get(serveur.proc.pid, 0.0) - cpu_serveur_avant.get(serveur.proc.pid, 0.0)
        cpu_machine = _cpu_machine() - cpu_machine_avant
        fermees = time.perf_counter()
        apres: dict = {}
        releve = threading.Timer(attente_apres, lambda: apres.update(memoire(serveur.psutil)))
        releve.start()   # la mémoire exactement ``attente_apres`` secondes après la fermeture des pages
        # une personne en retard, juste après la vague (sans navigateur) : prend-elle un noyau prêt, ou attend-elle
        # le remplacement d'un noyau pris (fill_delay) ?
        retard = visite_legere.vague(serveur.url, NOTEBOOK, REQUETES, fichiers or [], 1, 150.0)[0]
        # noyaux revenus : la réserve pleine à nouveau (les remplacements partent ``fill_delay`` après la prise)
        debut_attente = time.perf_counter() - fermees
        retour = serveur.attendre_noyaux(serveur.reserve, max(attente_apres, 150.0))
        retour = None if retour is None else retour + debut_attente
        releve.join()
    return {"n": n, "reserve_s": duree_reserve, "reserve": serveur_reserve, "retard": retard, "base": base,
            "pic": pic, "apres": apres, "retour_s": retour,
            "utilisable": [v["utilisable"] for v in visites if "utilisable" in v],
            "premier": [v["premier_resultat"] for v in visites if "premier_resultat" in v],
            "apres_frappe": [v["apres_frappe"] for v in visites if "apres_frappe" in v],
            "cpu_serveur": cpu_serveur, "cpu_voila": cpu_voila, "cpu_autres": max(cpu_machine - cpu_serveur, 0.0),
            "erreurs": [e for v in visites for e in v["erreurs"]]}


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--n", type=int, nargs="+", default=[1, 5, 10])
    parser.add_argument("--rechargements", type=int, default=20)
    parser.add_argument("--attente", type=float, default=60.0, help="secondes d'attente après la fermeture")
    parser.add_argument("--mixte", type=int, default=0, metavar="R",
                        help="en plus : R vagues de N personnes dont une seule a son Chromium sur cette machine "
                             "(les autres sans navigateur) : le temps de bout en bout d'une personne dans la salle")
    parser.add_argument("--clients", nargs="*", choices=["navigateurs", "legers"], default=["navigateurs", "legers"],
                        help="navigateurs : N Chromium sur cette machine (leur dessin de la page compris) ; legers : "
                             "N clients sans navigateur (visite_legere.py), la part du serveur seule")
    args = parser.parse_args(argv)
    if not Path(CHROMIUM).exists() or shutil.which("bash") is None:
        print(f"Chromium introuvable ({CHROMIUM})", file=sys.stderr)
        return 2
    print(f"charge de la machine au départ : {os.getloadavg()[0]:.2f} (2 cœurs)")
    fichiers = None
    if "legers" in args.clients or args.mixte:
        with Serveur(salle=1) as serveur:
            serveur.attendre_reserve()
            fichiers = fichiers_d_une_page(serveur.url)
        print(f"une première visite fait télécharger {len(fichiers)} fichiers (relevé par Chromium)")
    if args.clients:
        print("| clients | N | réserve prête | page utilisable p50 / p95 | premier résultat p50 / p95 | mémoire avant "
              "(PSS / RSS) | au plus haut (PSS / RSS) | 60 s après fermeture (PSS) | noyaux revenus à la réserve "
              "| erreurs |")
        print("|---|---|---:|---:|---:|---:|---:|---:|---:|---|")
    for clients in args.clients:
        for n in args.n:
            r = mesurer(n, args.attente, fichiers if clients == "legers" else None)
            u, p = r["utilisable"], r["premier"]
            retour = "non" if r["retour_s"] is None else f"en {r['retour_s']:.0f} s"
            print(f"| {clients} | {n} | {r['reserve_s']:.0f} s | {centile(u, 50):.1f} / {centile(u, 95):.1f} s "
                  f"| {centile(p, 50):.1f} / {centile(p, 95):.1f} s "
                  f"| {r['base']['pss']:.0f} / {r['base']['rss']:.0f} Mo ({r['base']['noyaux']} noyaux) "
                  f"| {r['pic']['pss']:.0f} / {r['pic']['rss']:.0f} Mo ({r['pic']['noyaux']} noyaux) "
                  f"| {r['apres']['pss']:.0f} Mo ({r['apres']['noyaux']} noyaux) | {retour} "
                  f"| {len(r['erreurs'])} {'; '.join(r['erreurs'][:3])} |", flush=True)
            f = r["apres_frappe"]
            print(f"    {clients}, N = {n} : de la fin de la frappe au résultat p50 / p95 {centile(f, 50):.1f} / "
                  f"{centile(f, 95):.1f} s ; processeur pendant la vague : serveur et noyaux {r['cpu_serveur']:.1f} s (dont Voilà "
                  f"{r['cpu_voila']:.1f} s), "
                  f"clients et reste de la machine {r['cpu_autres']:.0f} s (sur 2 cœurs) ; réserve de {r['reserve']} "
                  f"noyaux ; une personne en retard juste après : premier résultat "
                  f"{r['retard'].get('premier_resultat', float('nan')):.1f} s {r['retard']['erreurs'] or ''}", flush=True)
    for n in args.n if args.mixte else []:
        r = mesurer_mixte(n, fichiers, args.mixte)
        u = [v["utilisable"] for v in r["navigateurs"] if "utilisable" in v]
        p = [v["premier_resultat"] for v in r["navigateurs"] if "premier_resultat" in v]
        pl = [v["premier_resultat"] for v in r["legers"] if "premier_resultat" in v]
        print(f"mixte, N = {n}, {args.mixte} vagues : la personne au navigateur (Chromium), page utilisable "
              f"p50 / max {centile(u, 50):.1f} / {max(u, default=float('nan')):.1f} s, premier résultat p50 / max "
              f"{centile(p, 50):.1f} / {max(p, default=float('nan')):.1f} s ; les {n - 1} autres (sans navigateur), "
              f"premier résultat p50 / p95 {centile(pl, 50):.1f} / {centile(pl, 95):.1f} s ; "
              f"erreurs : {len(r['erreurs'])} {'; '.join(r['erreurs'][:3])}", flush=True)
    if args.rechargements:
        with Serveur(salle=1) as serveur:
            serveur.attendre_reserve()
            r = rechargements(serveur, args.rechargements, serveur.reserve)
        print(f"\n{args.rechargements} rechargements d'une page : PSS avant {r['avant']['pss']:.0f} Mo "
              f"({r['avant']['noyaux']} noyaux), pendant {r['pendant']['pss']:.0f} Mo ({r['pendant']['noyaux']} "
              f"noyaux), après {r['apres']['pss']:.0f} Mo ({r['apres']['noyaux']} noyaux) : écart "
              f"{100 * r['ecart']:+.1f} % ; rechargement p50 {r['rechargement_p50']:.1f} s ; "
              f"erreurs : {r['erreurs'] or 'aucune'}")
    print(f"charge de la machine à la fin : {os.getloadavg()[0]:.2f}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
