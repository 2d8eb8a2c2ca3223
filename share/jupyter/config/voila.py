"""Le serveur Voilà des tableaux de bord (scripts/tableaux_de_bord.sh) : les réglages de atelier.toml.

Chargé parce que ce dossier est dans JUPYTER_CONFIG_PATH ; la section du tableau est celle d'ATELIER_DEPLOIEMENT.
JupyterLab lit aussi ce fichier pour les tableaux de bord qu'il sert : il n'en garde que VoilaConfiguration.
"""
import importlib.util
import sys
from pathlib import Path

if "reglages_atelier" not in sys.modules:
    _spec = importlib.util.spec_from_file_location("reglages_atelier", Path(__file__).with_name("reglages_atelier.py"))
    sys.modules["reglages_atelier"] = importlib.util.module_from_spec(_spec)
    _spec.loader.exec_module(sys.modules["reglages_atelier"])
sys.modules["reglages_atelier"].configurer_voila(get_config())  # noqa: F821 (fourni par Jupyter)
