"""Le mini-modèle génératif de l'atelier, calculé avec numpy : un *transformer* « décodeur seul », comme les
grands *chatbots*, en ≈ 1 million de paramètres.

Ses poids (float16, ``datasets/mini_modele_cv.npz``, fiche ``datasets/mini_modele_cv.md``) sont appris par
``scripts/entrainer_mini_modele.py`` (PyTorch, chez la personne qui maintient l'atelier). Ici, rien que numpy et
Python : ni torch ni ``tokenizers`` dans le noyau (``tests/test_generation.py`` le vérifie).

Le texte est d'abord coupé en mots (``atelier.modele_ngrammes.decouper_mots``), puis chaque mot, précédé de la
marque « ▁ » (début de mot), en **morceaux** (*tokens*) par les fusions *BPE* apprises sur le corpus : un mot
fréquent est un seul morceau (« ▁clients »), un mot plus rare en fait plusieurs (« ▁pu », « ér », « icul »,
« trice »).
Le réseau lit au plus :data:`LONGUEUR_MAX` morceaux et donne, pour le suivant, une probabilité à chacun des
≈ 2 000 morceaux du vocabulaire.
"""
from __future__ import annotations

import functools
import json
import zipfile

import numpy as np

from atelier import data
from atelier.erreurs import DonneesIndisponibles
from atelier.modele_ngrammes import decouper_mots, recoller

#: Le fichier des poids, dans ``datasets/``.
FICHIER = "mini_modele_cv.npz"
#: Morceaux lus à la fois (le contexte du modèle).
LONGUEUR_MAX = 48
#: La marque de début de mot, et les deux morceaux spéciaux : fin de texte (qui sert aussi de début) et inconnu.
DEBUT_MOT, FIN_TEXTE, INCONNU = "▁", "<fin>", "<inconnu>"
#: La commande qui reconstruit les poids.
COMMANDE = ("flock /tmp/atelier_lourd.lock env OMP_NUM_THREADS=2 .venv/bin/python "
            "scripts/entrainer_mini_modele.py")


class Decoupeur:
    """Le découpage BPE en Python pur : le vocabulaire (un morceau par numéro) et les fusions, par ordre de
    priorité. Donne les mêmes morceaux que la bibliothèque ``tokenizers`` qui les a appris (vérifié à
    l'entraînement sur tous les mots du corpus)."""

    def __init__(self, vocabulaire: list[str], fusions: list[str]) -> None:
        self.vocabulaire = list(vocabulaire)
        self.numeros = {m: i for i, m in enumerate(self.vocabulaire)}
        self.rangs = {tuple(f.split(" ")): r for r, f in enumerate(fusions)}
        self.fin, self.inconnu = self.numeros[FIN_TEXTE], self.numeros[INCONNU]
        #: Pour chaque morceau : commence-t-il un mot ?
        self.debuts = np.array([m.startswith(DEBUT_MOT) for m in self.vocabulaire])

    def morceaux_mot(self, mot: str) -> list[int]:
        """Les numéros des morceaux d'un mot (sans cache : ce qu'une personne tape n'est pas gardé)."""
        symboles = list(DEBUT_MOT + mot)
        while len(symboles) > 1:
            paires = [(self.rangs.get((a, b), len(self.rangs)), i)
                      for i, (a, b) in enumerate(zip(symboles, symboles[1:]))]
            rang, _ = min(paires)
            if rang == len(self.rangs):
                break
            a, b = next((symboles[i], symboles[i + 1]) for r, i in paires if r == rang)
            fusionnes, i = [], 0
            while i < len(symboles):
                if i + 1 < len(symboles) and symboles[i] == a and symboles[i + 1] == b:
                    fusionnes.append(a + b)
                    i += 2
                else:
                    fusionnes.append(symboles[i])
                    i += 1
            symboles = fusionnes
        return [self.numeros.get(s, self.inconnu) for s in symboles]

    def encoder(self, texte: str) -> list[int]:
        """Les numéros des morceaux d'un texte."""
        return [i for mot in decouper_mots(texte) for i in self.morceaux_mot(mot)]

    def mots(self, numeros: list[int]) -> list[str]:
        """Les mots que forment des morceaux (les morceaux spéciaux sont ignorés)."""
        mots: list[str] = []
        for i in numeros:
            m = self.vocabulaire[i]
            if i in (self.fin, self.inconnu):
                continue
            if m.startswith(DEBUT_MOT) or not mots:
                mots.append(m.removeprefix(DEBUT_MOT))
            else:
                mots[-1] += m
        return mots

    def decoder(self, numeros: list[int]) -> str:
        """Le texte que forment des morceaux."""
        return recoller(self.mots(numeros))


def _normaliser_couche(x: np.ndarray, poids: np.ndarray, biais: np.ndarray) -> np.ndarray:
    centre = x - x.mean(axis=-1, keepdims=True)
    return centre / np.sqrt((centre * centre).mean(axis=-1, keepdims=True) + np.float32(1e-5)) * poids + biais


def _gelu(x: np.ndarray) -> np.ndarray:
    """GELU, forme tanh (celle de l'entraînement) : numpy seul, sans scipy."""
    return np.float32(0.5) * x * (np.float32(1.0) + np.tanh(np.float32(0.7978845608028654)
                                                            * (x + np.float32(0.044715) * x * x * x)))


class Etat:
    """Ce que le réseau a déjà lu : pour chaque couche, les clés et valeurs de l'attention (on ne recalcule pas
    le début du texte à chaque nouveau morceau), et les morceaux lus."""

    def __init__(self, couches: int) -> None:
        self.cles: list[np.ndarray | None] = [None] * couches
        self.valeurs: list[np.ndarray | None] = [None] * couches
        self.numeros: list[int] = []

    def copie(self) -> Etat:
        autre = Etat(len(self.cles))
        autre.cles, autre.valeurs, autre.numeros = list(self.cles), list(self.valeurs), list(self.numeros)
        return autre


class MiniTransformeur:
    """Le réseau : :meth:`lire` des morceaux (rend les probabilités du suivant), en gardant un :class:`Etat`."""

    def __init__(self, tableaux: dict[str, np.ndarray], meta: dict) -> None:
        self.meta = meta
        self.decoupeur = Decoupeur([str(m) for m in tableaux["vocabulaire"]], [str(f) for f in tableaux["fusions"]])
        self.w = {k: np.asarray(v, dtype=np.float32) for k, v in tableaux.items()
                  if k not in ("vocabulaire", "fusions", "meta")}
        self.couches, self.tetes = int(meta["couches"]), int(meta["tetes"])
        self.dimension = int(meta["dimension"])
        self.longueur_max = int(meta["longueur_max"])
        attendu = len(self.decoupeur.vocabulaire), self.dimension
        if self.w["mots"].shape != attendu:
            raise ValueError(f"table des morceaux {self.w['mots'].shape}, attendu {attendu}")

    @property
    def parametres(self) -> int:
        """Le nombre de paramètres appris (la table des morceaux sert aussi à la sortie : comptée une fois)."""
        return int(sum(v.size for v in self.w.values()))

    def lire(self, etat: Etat, numeros: list[int]) -> np.ndarray:
        """Lit des morceaux après ceux de ``etat`` (mis à jour) ; rend les probabilités du morceau suivant. Au-delà
        de :data:`LONGUEUR_MAX` morceaux, le réseau ne garde que la fin du texte (il relit les 3/4 derniers)."""
        if not numeros:
            raise ValueError("aucun morceau à lire")
        if len(etat.numeros) + len(numeros) > self.longueur_max:
            garde = (etat.numeros + list(numeros))[-(self.longueur_max * 3 // 4):]
            etat.__init__(self.couches)
            numeros = garde
        w, d, h = self.w, self.dimension, self.tetes
        dh, debut, n = d // h, len(etat.numeros), len(numeros)
        x = w["mots"][numeros] + w["positions"][debut:debut + n]
        masque = np.triu(np.full((n, debut + n), -np.inf, dtype=np.float32), k=debut + 1)
        echelle = np.float32(1.0 / np.sqrt(dh))
        for i in range(self.couches):
            p = f"{i}."
            qkv = (_normaliser_couche(x, w[p + "ln1.poids"], w[p + "ln1.biais"]) @ w[p + "qkv.poids"]
                   + w[p + "qkv.biais"])
            q, k, v = (qkv[:, j * d:(j + 1) * d].reshape(n, h, dh).transpose(1, 0, 2) for j in range(3))
            if etat.cles[i] is not None:
                k, v = np.concatenate([etat.cles[i], k], axis=1), np.concatenate([etat.valeurs[i], v], axis=1)
            etat.cles[i], etat.valeurs[i] = k, v
            scores = q @ k.transpose(0, 2, 1) * echelle + masque
            scores = np.exp(scores - scores.max(axis=-1, keepdims=True))
            scores /= scores.sum(axis=-1, keepdims=True)
            a = (scores @ v).transpose(1, 0, 2).reshape(n, d)
            x = x + a @ w[p + "proj.poids"] + w[p + "proj.biais"]
            m = _gelu(_normaliser_couche(x, w[p + "ln2.poids"], w[p + "ln2.biais"]) @ w[p + "mlp1.poids"]
                      + w[p + "mlp1.biais"])
            x = x + m @ w[p + "mlp2.poids"] + w[p + "mlp2.biais"]
        etat.numeros += list(numeros)
        logits = _normaliser_couche(x[-1], w["ln_f.poids"], w["ln_f.biais"]) @ w["mots"].T
        proba = np.exp(logits - logits.max())
        return proba / proba.sum()

    def debut(self, texte: str) -> tuple[Etat, np.ndarray]:
        """L'état après la marque de début et le texte, et les probabilités du morceau suivant."""
        etat = Etat(self.couches)
        numeros = [self.decoupeur.fin] + self.decoupeur.encoder(texte)
        return etat, self.lire(etat, numeros[-(self.longueur_max * 3 // 4):])


def _abime(raison: str) -> DonneesIndisponibles:
    return DonneesIndisponibles(
        f"le fichier du mini-modèle « datasets/{FICHIER} » {raison}. Remettez la version du dépôt (git checkout "
        f"datasets/{FICHIER}) ou reconstruisez-le, à la racine du dépôt, avec : {COMMANDE}")


def lire_poids(chemin=None) -> tuple[dict[str, np.ndarray], dict]:
    """Les tableaux et la description (``meta``) du fichier des poids, ou une erreur claire en français."""
    chemin = data.chemin(FICHIER) if chemin is None else chemin
    if not chemin.is_file():
        raise _abime("est introuvable")
    try:
        with np.load(chemin, allow_pickle=False) as npz:
            tableaux = {k: npz[k] for k in npz.files}
        meta = json.loads(str(tableaux["meta"]))
    except (OSError, ValueError, KeyError, EOFError, zipfile.BadZipFile, json.JSONDecodeError) as exc:
        raise _abime(f"est illisible ({type(exc).__name__})") from None
    return tableaux, meta


@functools.lru_cache(maxsize=1)
def modele() -> MiniTransformeur:
    """Le mini-modèle, chargé une fois par noyau (≈ 4 Mo en float32)."""
    tableaux, meta = lire_poids()
    try:
        return MiniTransformeur(tableaux, meta)
    except (KeyError, ValueError, TypeError) as exc:
        raise _abime(f"est abîmé ({type(exc).__name__} : {exc})") from None
