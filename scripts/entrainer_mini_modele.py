"""Entraîne le mini-modèle génératif de l'atelier (module 09) et écrit ``datasets/mini_modele_cv.npz``.

Un tout petit *transformer* « décodeur seul » (la même architecture que les grands *chatbots*, en ≈ 1 million de
paramètres), appris sur le corpus de ``atelier.modele_ngrammes`` (ROME 4.0 : définitions des fiches, libellés de
compétences, intitulés de métiers ; Licence Ouverte), découpé en morceaux de mots (*BPE*, vocabulaire appris ici
avec la bibliothèque ``tokenizers``). PyTorch (CPU) ne sert qu'ici : dans un noyau de leçon, le modèle tourne avec
numpy seul (``atelier.mini_transformeur``).

Commande (3 500 pas, ≈ 6 min sur 2 cœurs ; graine fixe) :

    flock /tmp/atelier_lourd.lock env OMP_NUM_THREADS=2 .venv/bin/python scripts/entrainer_mini_modele.py

Options : ``--pas`` (nombre de pas, 3 500 par défaut), ``--minutes`` (arrêt de sûreté, 10 par défaut : s'il
coupe l'entraînement, la fiche ``meta`` le dit), ``--sortie`` (autre fichier, pour un essai). Le même processeur
et la même commande redonnent les mêmes poids ; un autre processeur donne des poids un peu différents (arrondis du
calcul), d'où des figures vérifiées avec une tolérance.
"""
from __future__ import annotations

import argparse
import json
import math
import platform
import time
from collections import Counter
from datetime import datetime, timezone
from pathlib import Path

import numpy as np

from atelier import mini_transformeur as mt
from atelier import modele_ngrammes as mn

RACINE = Path(__file__).resolve().parents[1]

GRAINE = 20
TAILLE_VOCABULAIRE = 2000
DIMENSION, COUCHES, TETES, LARGEUR_MLP = 128, 4, 4, 512
LONGUEUR = mt.LONGUEUR_MAX          # morceaux vus à la fois
LOT = 32
PAS = 3500
TAUX_MAX, TAUX_MIN, ECHAUFFEMENT = 3e-3, 1e-4, 40


def apprendre_decoupage(mots: list[str]) -> tuple[list[str], list[str]]:
    """Vocabulaire et fusions BPE appris sur les mots d'entraînement (chaque mot préfixé de « ▁ »)."""
    from tokenizers import Tokenizer, models, pre_tokenizers, trainers

    tok = Tokenizer(models.BPE(unk_token=mt.INCONNU))
    tok.pre_tokenizer = pre_tokenizers.WhitespaceSplit()
    entraineur = trainers.BpeTrainer(vocab_size=TAILLE_VOCABULAIRE, min_frequency=2, show_progress=False,
                                     special_tokens=[mt.FIN_TEXTE, mt.INCONNU])
    comptes = Counter(mots)
    tok.train_from_iterator((" ".join([mt.DEBUT_MOT + m] * n) for m, n in sorted(comptes.items())),
                            trainer=entraineur)
    modele = json.loads(tok.to_str())["model"]
    vocab = sorted(modele["vocab"], key=modele["vocab"].get)
    assert [modele["vocab"][m] for m in vocab] == list(range(len(vocab)))
    fusions = [f if isinstance(f, str) else " ".join(f) for f in modele["merges"]]
    # Le découpage en Python pur du noyau donne les mêmes morceaux que tokenizers, sur tous les mots du corpus.
    decoupeur = mt.Decoupeur(vocab, fusions)
    for m in sorted(comptes):
        attendu = tok.encode(mt.DEBUT_MOT + m).ids
        assert decoupeur.morceaux_mot(m) == attendu, (m, decoupeur.morceaux_mot(m), attendu)
    return vocab, fusions


def suites(decoupeur: mt.Decoupeur, phrases: list[str]) -> list[list[int]]:
    """Chaque phrase en morceaux, précédée de la marque de fin de texte (qui sert aussi de début)."""
    return [[decoupeur.fin] + decoupeur.encoder(p) for p in phrases]


def construire_reseau(torch, taille_vocab: int):
    nn = torch.nn

    class Bloc(nn.Module):
        def __init__(self):
            super().__init__()
            self.ln1, self.ln2 = nn.LayerNorm(DIMENSION), nn.LayerNorm(DIMENSION)
            self.qkv = nn.Linear(DIMENSION, 3 * DIMENSION)
            self.proj = nn.Linear(DIMENSION, DIMENSION)
            self.mlp1, self.mlp2 = nn.Linear(DIMENSION, LARGEUR_MLP), nn.Linear(LARGEUR_MLP, DIMENSION)

        def forward(self, x):
            n, t, d = x.shape
            q, k, v = self.qkv(self.ln1(x)).split(DIMENSION, dim=2)
            q, k, v = (z.view(n, t, TETES, d // TETES).transpose(1, 2) for z in (q, k, v))
            a = torch.nn.functional.scaled_dot_product_attention(q, k, v, is_causal=True)
            x = x + self.proj(a.transpose(1, 2).reshape(n, t, d))
            return x + self.mlp2(torch.nn.functional.gelu(self.mlp1(self.ln2(x)), approximate="tanh"))

    class Reseau(nn.Module):
        def __init__(self):
            super().__init__()
            self.mots = nn.Embedding(taille_vocab, DIMENSION)
            self.positions = nn.Embedding(LONGUEUR, DIMENSION)
            self.blocs = nn.ModuleList(Bloc() for _ in range(COUCHES))
            self.ln_f = nn.LayerNorm(DIMENSION)
            for p in self.parameters():
                if p.dim() == 2:
                    nn.init.normal_(p, std=0.02)

        def forward(self, ids):
            x = self.mots(ids) + self.positions(torch.arange(ids.shape[1]))
            for b in self.blocs:
                x = b(x)
            return self.ln_f(x) @ self.mots.weight.T      # sortie liée à la table des morceaux

    return Reseau()


def noms_numpy(couches: int) -> dict[str, str]:
    """Nom PyTorch → nom lu par ``atelier.mini_transformeur``."""
    noms = {"mots.weight": "mots", "positions.weight": "positions", "ln_f.weight": "ln_f.poids",
            "ln_f.bias": "ln_f.biais"}
    for i in range(couches):
        for nom in ("ln1", "ln2", "qkv", "proj", "mlp1", "mlp2"):
            noms[f"blocs.{i}.{nom}.weight"] = f"{i}.{nom}.poids"
            noms[f"blocs.{i}.{nom}.bias"] = f"{i}.{nom}.biais"
    return noms


def poids_numpy(reseau) -> dict[str, np.ndarray]:
    """Les poids sous les noms que lit ``atelier.mini_transformeur`` (matrices des couches linéaires au format
    entrée × sortie, pour ``x @ poids``)."""
    sortie = {}
    for nom, valeur in reseau.state_dict().items():
        v = valeur.detach().numpy()
        lineaire = nom.endswith(".weight") and v.ndim == 2 and nom.startswith("blocs.")
        sortie[noms_numpy(COUCHES)[nom]] = v.T if lineaire else v
    return sortie


def perplexite_ngrammes(phrases: list[str]) -> float:
    """Perplexité par mot (fin de phrase comprise) du modèle n-grammes sur les phrases mises à l'écart."""
    lm = mn.modele()
    total, n = 0.0, 0
    for p in phrases:
        mots = [mn.DEBUT_NLTK] * (mn.ORDRE - 1) + mn.decouper_mots(p) + [mn.FIN_NLTK]
        for i in range(mn.ORDRE - 1, len(mots)):
            total -= lm.logscore(mots[i], mots[i - mn.ORDRE + 1:i])
            n += 1
    return float(2 ** (total / n))


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--pas", type=int, default=PAS)
    parser.add_argument("--minutes", type=float, default=10.0)
    parser.add_argument("--sortie", type=Path, default=RACINE / "datasets" / mt.FICHIER)
    parser.add_argument("--sans-ngrammes", action="store_true", help="ne mesure pas la perplexité des n-grammes")
    args = parser.parse_args()

    import torch

    torch.manual_seed(GRAINE)
    torch.use_deterministic_algorithms(True)
    rng = np.random.default_rng(GRAINE)

    entrainement, ecart = mn.phrases("entrainement"), mn.phrases("ecart")
    mots = [m for p in entrainement for m in mn.decouper_mots(p)]
    vocab, fusions = apprendre_decoupage(mots)
    decoupeur = mt.Decoupeur(vocab, fusions)
    flot = np.concatenate([np.array(s, dtype=np.int64) for s in suites(decoupeur, entrainement)])
    print(f"corpus : {len(entrainement)} phrases, {len(mots)} mots, {len(flot)} morceaux ; "
          f"vocabulaire {len(vocab)}", flush=True)

    reseau = construire_reseau(torch, len(vocab))
    n_parametres = sum(p.numel() for p in reseau.parameters())
    print(f"paramètres : {n_parametres}", flush=True)
    optimiseur = torch.optim.AdamW(reseau.parameters(), lr=TAUX_MAX, weight_decay=0.01, betas=(0.9, 0.95))

    duree_max = args.minutes * 60
    debut = time.perf_counter()
    pas, pertes = 0, []
    reseau.train()
    while True:
        ecoule = time.perf_counter() - debut
        if pas >= args.pas or ecoule >= duree_max:
            break
        progres = pas / args.pas                           # taux : échauffement, puis cosinus
        taux = TAUX_MAX * min(1.0, (pas + 1) / ECHAUFFEMENT)
        taux = TAUX_MIN + (taux - TAUX_MIN) * 0.5 * (1 + math.cos(math.pi * progres))
        for g in optimiseur.param_groups:
            g["lr"] = taux
        departs = rng.integers(0, len(flot) - LONGUEUR - 1, size=LOT)
        lot = torch.from_numpy(np.stack([flot[d:d + LONGUEUR + 1] for d in departs]))
        sorties = reseau(lot[:, :-1])
        perte = torch.nn.functional.cross_entropy(sorties.reshape(-1, len(vocab)), lot[:, 1:].reshape(-1))
        optimiseur.zero_grad(set_to_none=True)
        perte.backward()
        torch.nn.utils.clip_grad_norm_(reseau.parameters(), 1.0)
        optimiseur.step()
        pertes.append(float(perte.detach()))
        pas += 1
        if pas % 50 == 0:
            print(f"pas {pas} ({ecoule:.0f} s) : perte {np.mean(pertes[-50:]):.3f}", flush=True)
    duree = time.perf_counter() - debut

    # Mesure sur les 5 % mis à l'écart, chaque phrase seule, comme le noyau la verra.
    reseau.eval()
    nll, n_morceaux, n_mots = 0.0, 0, 0
    with torch.no_grad():
        for p, s in zip(ecart, suites(decoupeur, ecart)):
            s = (s + [decoupeur.fin])[:LONGUEUR + 1]
            ids = torch.tensor([s])
            logp = torch.log_softmax(reseau(ids[:, :-1]), dim=-1)[0]
            nll -= float(logp[torch.arange(len(s) - 1), ids[0, 1:]].sum())
            n_morceaux += len(s) - 1
            n_mots += len(mn.decouper_mots(p)) + 1
    perte_ecart = nll / n_morceaux
    perplexite_mots = math.exp(nll / n_mots)
    print(f"écart : perte {perte_ecart:.3f} par morceau, perplexité {math.exp(perte_ecart):.1f} par morceau, "
          f"{perplexite_mots:.1f} par mot", flush=True)

    meta = {
        "modele": "transformer décodeur seul (GPT), numpy : atelier.mini_transformeur",
        "parametres": int(n_parametres), "dimension": DIMENSION, "couches": COUCHES, "tetes": TETES,
        "largeur_mlp": LARGEUR_MLP, "longueur_max": LONGUEUR, "taille_vocabulaire": len(vocab),
        "gelu": "tanh", "graine": GRAINE, "lot": LOT, "pas": pas, "taux_max": TAUX_MAX,
        "duree_entrainement_s": round(duree, 1), "pas_demandes": args.pas,
        "coupe_par_la_duree": pas < args.pas,
        "perte_entrainement_fin": round(float(np.mean(pertes[-50:])), 4),
        "perte_ecart_par_morceau": round(perte_ecart, 4),
        "perplexite_ecart_par_morceau": round(math.exp(perte_ecart), 2),
        "perplexite_ecart_par_mot": round(perplexite_mots, 2),
        "phrases_entrainement": len(entrainement), "phrases_ecart": len(ecart),
        "mots_entrainement": len(mots), "morceaux_entrainement": int(len(flot)),
        "torch": torch.__version__, "numpy": np.__version__, "processeur": platform.processor() or platform.machine(),
        "fils": torch.get_num_threads(), "date": datetime.now(timezone.utc).strftime("%Y-%m-%d"),
        "commande": "flock /tmp/atelier_lourd.lock env OMP_NUM_THREADS=2 .venv/bin/python "
                    "scripts/entrainer_mini_modele.py",
    }
    if not args.sans_ngrammes:
        meta["perplexite_ecart_par_mot_ngrammes"] = round(perplexite_ngrammes(ecart), 2)
        print(f"n-grammes : perplexité {meta['perplexite_ecart_par_mot_ngrammes']} par mot", flush=True)
    tableaux = {k: v.astype(np.float16) for k, v in poids_numpy(reseau).items()}
    args.sortie.parent.mkdir(parents=True, exist_ok=True)
    np.savez_compressed(args.sortie, vocabulaire=np.array(vocab), fusions=np.array(fusions),
                        meta=np.array(json.dumps(meta, ensure_ascii=False)), **tableaux)
    print(json.dumps(meta, ensure_ascii=False, indent=1))
    print(f"écrit : {args.sortie} ({args.sortie.stat().st_size} octets)")


if __name__ == "__main__":
    main()
