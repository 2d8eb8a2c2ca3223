"""Les figures rendues en PNG (en mémoire), avec leur texte alternatif."""
from __future__ import annotations

import base64
import dataclasses
import io
import time

from kit.figures import FIGURES
from kit.reglages import DPI, ErreurSource

@dataclasses.dataclass
class Image:
    nom: str
    png: bytes
    alt: str

    @property
    def src(self) -> str:
        return "data:image/png;base64," + base64.b64encode(self.png).decode("ascii")

    @property
    def largeur_css(self) -> int:
        """Largeur d'affichage en pixels CSS : celle d'une image à 110 points par pouce (la mise en page des
        diapositives), l'image elle-même étant plus fine (:data:`DPI`) pour l'impression."""
        return round(int.from_bytes(self.png[16:20], "big") * 110 / DPI)

    @property
    def format(self) -> str:
        """« paysage » ou « portrait », lu dans l'en-tête PNG (largeur et hauteur, octets 16 à 24)."""
        largeur, hauteur = int.from_bytes(self.png[16:20], "big"), int.from_bytes(self.png[20:24], "big")
        return "paysage" if largeur > 1.15 * hauteur else "portrait"


def calculer_figures(noms: list[str], journal=print) -> dict[str, Image]:
    """Calcule chaque figure demandée une seule fois (PNG en mémoire, texte alternatif non vide)."""
    import matplotlib

    matplotlib.use("Agg")
    import matplotlib.pyplot as plt

    plt.rcParams["font.size"] = 11      # un peu plus grand que dans les notebooks : lu de loin, projeté
    images = {}
    for nom in dict.fromkeys(noms):
        debut = time.perf_counter()
        fig, alt = FIGURES[nom]()
        tampon = io.BytesIO()
        fig.savefig(tampon, format="png", dpi=DPI, bbox_inches="tight", facecolor="white")
        plt.close(fig)
        if not str(alt).strip():
            raise ErreurSource(f"la figure « {nom} » n'a pas de texte alternatif.")
        images[nom] = Image(nom, tampon.getvalue(), " ".join(str(alt).split()))
        journal(f"   figure {nom} : {time.perf_counter() - debut:.1f} s, {len(images[nom].png) // 1024} Ko")
    return images
