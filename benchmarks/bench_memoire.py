"""Mémoire (pic RSS) des noyaux de l'atelier.

    .venv/bin/python benchmarks/bench_memoire.py                 # étapes de chargement (≈ 20 s)
    .venv/bin/python benchmarks/bench_memoire.py --notebooks     # + chaque leçon et chaque tableau de bord (≈ 10 min)

Étapes : chaque mesure tourne dans un processus neuf (comme un noyau Jupyter neuf).
Notebooks : chaque notebook (``notebooks/0*.ipynb`` et ``notebooks/dashboards/*.ipynb``) est exécuté de haut en bas
dans un noyau neuf (nbclient) ; la mémoire du noyau (RSS, et PSS : les pages partagées comptées une fois) est relevée
toutes les 0,1 s, et celle du noyau avec les processus qu'il lance (PSS : ce que compte un conteneur comme Binder).
Avec ``--premier-usage``, chaque tableau de bord fait aussi le premier geste d'une personne (une recherche, un
« Comparer »…) : une dernière cellule, comptée dans le pic.
Le tableau dit le pic, la cellule où il est atteint, les cellules qui ajoutent le plus et le temps de processeur
du noyau (il ne dépend presque pas de la charge de la machine, contrairement à la durée).
Objectifs (issue 9) : leçon ≤ 500 Mo, tableau de bord ≤ 250 Mo.
"""
from __future__ import annotations

import argparse
import importlib.util
import os
import subprocess
import sys
import threading
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]

ETAPES = {
    "import atelier + intitulés + 10 encodages": """
import time; t=time.perf_counter()
import atelier; from atelier import data, embeddings
m = data.metiers(); embeddings.encode(m['appellation'].head(10).tolist())
print(f'{time.perf_counter()-t:.2f}')""",
    "+ vecteurs livrés des 13 120 intitulés": """
import time; t=time.perf_counter()
from atelier import data, embeddings, vecteurs_livres
m = data.metiers(); v = vecteurs_livres.vecteurs_metiers(); embeddings.encode(m['appellation'].head(10).tolist())
print(f'{time.perf_counter()-t:.2f}')""",
    "+ index de recherche (chercher_metiers prêt)": """
import time; t=time.perf_counter()
from atelier import recherche
recherche.chercher_metiers('infirmiere')
print(f'{time.perf_counter()-t:.2f}')""",
}


#: Le premier geste d'une personne sur chaque tableau de bord (--premier-usage) : exécuté dans le noyau, après la
#: page, par une seconde application (les données et le modèle qu'elle charge sont ceux de la page : ils sont
#: chargés une fois par noyau). Ouvrir la page ne charge souvent pas tout : la sonde de biais, par exemple, ne
#: charge les vecteurs des compétences qu'au premier « Comparer ».
PREMIER_USAGE = {
    "recherche_de_metiers": "from atelier.ui import recherche as _u\n_u.RechercheApp(delai=0).chercher('infirmiere')",
    "carte_des_metiers": "from atelier.ui import carte as _u\n_u.CarteApp(delai=0).chercher('infirmiere')",
    "des_mots_aux_nombres": ("from atelier.ui import mots_nombres as _u\n_a = _u.NombresApp(delai=0)\n"
                             "_a.texte_a.value, _a.texte_b.value = 'infirmière', 'aide-soignant'\n_a.comparer()"),
    "mon_profil_mes_metiers": ("from atelier.ui import profil as _u\n_a = _u.ProfilApp(delai=0)\n"
                               "_a.phrase.value = \"J'aime cuisiner pour les autres et j'ai mon permis B.\"\n_a.voir()"),
    "sonde_de_biais": "from atelier.ui import sonde as _u\n_u.SondeApp().comparer()",
    "recruteur_robot": "from atelier.ui import recruteur as _u\n_u.RecruteurApp().essayer()",
    "chatbot_faq": "from atelier.ui import chatbot as _u\n_u.ChatbotApp(delai=0).envoyer('vous ouvrez à quelle heure ?')",
    "diagnostic_ia": ("from atelier.ui import diagnostic as _u\n_a = _u.DiagnosticApp()\n"
                      "_r = _a.radios['Q01']\n_r.value = _r.options[0][1]\n_a.voir()"),
    "mon_cv_assiste": "from atelier.ui import cv as _u\n_a = _u.CvApp()\n_a.ecrire()\n_a.pari.value = 'clients'\n_a.jouer()",
}


def etapes() -> None:
    for nom, code in ETAPES.items():
        prog = code + "\nimport resource; print(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss // 1024)"
        out = subprocess.run([sys.executable, "-c", prog], capture_output=True, text=True, check=True).stdout.split()
        print(f"{nom:45s} {out[0]:>6s} s   pic {out[1]:>5s} Mo")


def pic_notebook(chemin: Path, delai: int = 1200, en_plus: str | None = None) -> dict:
    """Exécute ``chemin`` dans un noyau neuf ; rend le pic de RSS et de PSS (Mo), la cellule du pic, la durée, les
    cellules qui font le plus monter la mémoire et les erreurs. ``en_plus`` : du code exécuté après la dernière
    cellule, dans le même noyau (le premier geste d'une personne sur un tableau de bord)."""
    import nbformat
    import psutil
    from nbclient import NotebookClient

    nb = nbformat.read(chemin, as_version=4)
    if en_plus:
        nb.cells.append(nbformat.v4.new_code_cell(en_plus))
    client = NotebookClient(nb, timeout=delai, kernel_name="python3", allow_errors=True,
                            resources={"metadata": {"path": str(chemin.parent)}})
    etat = {"rss": 0.0, "pss": 0.0, "pss_total": 0.0, "cellule": None, "en_cours": None, "fin": False}
    hausses: dict[int, float] = {}

    def surveiller(proc: psutil.Process) -> None:
        while not etat["fin"]:
            try:
                info = proc.memory_full_info()
            except psutil.Error:
                return
            rss, pss = info.rss / 2**20, getattr(info, "pss", info.rss) / 2**20
            if rss > etat["rss"]:
                etat["rss"], etat["cellule"] = rss, etat["en_cours"]
            etat["pss"] = max(etat["pss"], pss)
            # avec les processus que le noyau lance (le calcul UMAP à part de la leçon 03) : ce que le conteneur
            # (Binder) compte vraiment
            total = pss
            for enfant in proc.children(recursive=True):
                try:
                    total += getattr(enfant.memory_full_info(), "pss", 0) / 2**20
                except psutil.Error:
                    pass
            etat["pss_total"] = max(etat["pss_total"], total)
            time.sleep(0.1)

    debut = time.perf_counter()
    erreurs = []
    with client.setup_kernel():
        proc = psutil.Process(client.km.provisioner.process.pid)
        veille = threading.Thread(target=surveiller, args=(proc,), daemon=True)
        veille.start()
        time.sleep(0.5)   # le noyau neuf, avant toute cellule : point de départ des hausses
        for i, cellule in enumerate(nb.cells):
            if cellule.cell_type != "code":
                continue
            etat["en_cours"] = i
            avant = etat["rss"]
            client.execute_cell(cellule, i)
            time.sleep(0.15)
            hausses[i] = etat["rss"] - avant
            erreurs += [f"cellule {i} : {o.get('ename')}" for o in cellule.get("outputs", [])
                        if o.get("output_type") == "error"]
        etat["fin"] = True
        veille.join()
        try:   # le temps de processeur du noyau (et des processus qu'il a lancés, une fois finis)
            temps = proc.cpu_times()
            processeur = temps.user + temps.system + temps.children_user + temps.children_system
        except psutil.Error:
            processeur = float("nan")
    grosses = sorted(((h, i) for i, h in hausses.items() if h >= 20), reverse=True)[:3]
    return {"rss": etat["rss"], "pss": etat["pss"], "pss_total": etat["pss_total"], "cellule": etat["cellule"], "duree": time.perf_counter() - debut,
            "processeur": processeur,
            "hausses": [(i, round(h)) for h, i in grosses], "erreurs": erreurs}


def notebooks(motifs: list[str], premier_usage: bool = False) -> None:
    chemins = [c for motif in motifs for c in sorted(ROOT.glob(motif))]
    print(f"charge au départ : {os.getloadavg()[0]:.1f}")
    # pandas 3 charge pyarrow s'il est installé (≈ 30 à 60 Mo de plus par noyau) ; l'installation de l'atelier ne
    # l'installe pas : une mesure faite avec lui ne vaut pas pour une installation neuve.
    pyarrow = importlib.util.find_spec("pyarrow") is not None
    print(f"pyarrow installé : {'oui (mesure plus haute qu’une installation neuve)' if pyarrow else 'non'}")
    print("| notebook | pic RSS | pic PSS | pic PSS avec processus enfants | objectif | cellule du pic "
          "| cellules qui ajoutent le plus (Mo) | durée | processeur du noyau |")
    print("|---|---:|---:|---:|---|---:|---|---:|---:|")
    for chemin in chemins:
        tableau = "dashboards" in chemin.parts
        r = pic_notebook(chemin, en_plus=PREMIER_USAGE.get(chemin.stem) if tableau and premier_usage else None)
        objectif = 250 if tableau else 500
        ok = "atteint" if r["rss"] <= objectif else "**dépassé**"
        hausses = ", ".join(f"{i} : +{h}" for i, h in r["hausses"]) or "—"
        erreurs = f" ; erreurs : {r['erreurs']}" if r["erreurs"] else ""
        print(f"| {chemin.relative_to(ROOT / 'notebooks')} | {r['rss']:.0f} Mo | {r['pss']:.0f} Mo "
              f"| {r['pss_total']:.0f} Mo | ≤ {objectif} Mo, {ok} | {r['cellule']} | {hausses} "
              f"| {r['duree']:.0f} s | {r['processeur']:.0f} s{erreurs} |", flush=True)
    print(f"charge à la fin : {os.getloadavg()[0]:.1f}")


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--notebooks", nargs="*", metavar="MOTIF",
                        help="mesurer aussi des notebooks (par défaut : notebooks/0*.ipynb notebooks/dashboards/*.ipynb)")
    parser.add_argument("--sans-etapes", action="store_true")
    parser.add_argument("--premier-usage", action="store_true",
                        help="tableaux de bord : mesurer aussi le premier geste d'une personne (PREMIER_USAGE), "
                             "une dernière cellule du notebook")
    args = parser.parse_args(argv)
    if not args.sans_etapes:
        etapes()
    if args.notebooks is not None:
        notebooks(args.notebooks or ["notebooks/0*.ipynb", "notebooks/dashboards/*.ipynb"], args.premier_usage)


if __name__ == "__main__":
    main()
