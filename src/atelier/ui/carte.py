"""Tableau de bord « Carte des métiers » et petites applications du module 03.

- :class:`CarteApp` (tableau de bord Voilà) : les 13 120 métiers sur la carte livrée, un nom au survol, une
  recherche qui entoure et cadre les métiers trouvés, un filtre par grand domaine, une liste des résultats
  utilisable au clavier ;
- :class:`ExplorateurUMAP` (module 03) : recalculer la carte d'un échantillon avec d'autres réglages ;
- :class:`PlacerMots` (module 03) : poser ses propres mots sur la carte.

Règles communes (voir :mod:`atelier.ui`) : ce que la personne tape n'est jamais interprété comme du HTML
(seulement des ``widgets.Label`` et des champs de saisie), jamais écrit sur le disque, et une erreur ne
montre qu'un message en français.
"""
from __future__ import annotations

import functools
import threading

import ipywidgets as widgets
import numpy as np
import pandas as pd

from atelier import embeddings, cartographie, dessin_carte
from atelier.libelles import sans_accents
from atelier.ui import messages
from atelier.ui.composants import bouton, champ_pour_bouton, etiquette, zone_html
from atelier.ui.saisie import temporiser
from atelier.ui.securite import echapper, protege
from atelier.ui.style import feuille_de_style

try:  # la recherche combinée (sens + fautes de frappe + synonymes) si elle est là
    from atelier import recherche as _search
except ImportError:  # pragma: no cover - ancienne version du paquet
    _search = None

#: Nombre de métiers entourés après une recherche.
K_RESULTATS = 10
#: Nombre de voisins sur la carte décrits en texte autour du métier choisi (pour qui ne voit pas la carte).
K_AUTOUR = 8
MAX_CARACTERES = 200
GRIS = "#C8C8C8"


def _court(texte: str, n: int = 60) -> str:
    texte = str(texte)
    return texte if len(texte) <= n else texte[: n - 1] + "…"


def legende_html(domaine: str | None = None) -> str:
    """La légende (symbole coloré + « A — Agriculture… ») en HTML ; tout est échappé."""
    items = []
    for code, st in dessin_carte.styles_domaines().items():
        couleur = st.couleur if domaine in (None, "", code) else GRIS
        items.append(f"<li><span class='symbole' aria-hidden='true' style='color:{echapper(couleur)}'>"
                     f"{echapper(st.symbole)}</span>{echapper(st.etiquette)}</li>")
    return (f"<div class='atelier-legende'><div>{echapper(messages.CARTE_LEGENDE)}</div>"
            f"<ul>{''.join(items)}</ul></div>")


@functools.lru_cache(maxsize=1)
def _libelles_sans_accents() -> tuple[list[str], pd.DataFrame]:
    df = cartographie.carte()[["code_ogr", "appellation", "grand_domaine"]]
    return [sans_accents(t) for t in df["appellation"]], df


def chercher_simple(requete: str, k: int = K_RESULTATS) -> pd.DataFrame:
    """Recherche de secours, sans modèle : ressemblance des lettres (rapidfuzz), sans casse ni accents.

    Sert quand la recherche combinée (:func:`atelier.recherche.chercher_metiers`) n'est pas disponible.
    """
    from rapidfuzz import fuzz, process

    libelles, df = _libelles_sans_accents()
    trouves = process.extract(sans_accents(requete), libelles, scorer=fuzz.WRatio, limit=k, score_cutoff=60)
    lignes = [i for _, _, i in trouves]
    return df.iloc[lignes].reset_index(drop=True)


_PREPARATION: threading.Thread | None = None


def _preparer() -> None:
    try:
        if _search is not None and hasattr(_search, "chercher_metiers"):
            _search.chercher_metiers("métier", k=1)   # construit l'index et charge le modèle (rien n'est écrit)
        else:
            embeddings.encode("métier")
    except Exception:  # noqa: BLE001 — la recherche de secours prendra le relais
        _libelles_sans_accents()


def preparer_en_fond() -> None:
    """Construit l'index de recherche et charge le modèle **pendant** que la carte s'affiche (fil d'arrière-plan) :
    la page apparaît plus vite, et la première recherche attend seulement la fin de cette préparation."""
    global _PREPARATION
    if _PREPARATION is None:
        _PREPARATION = threading.Thread(target=_preparer, name="atelier-carte-preparation", daemon=True)
        _PREPARATION.start()


def rechercher(requete: str, k: int = K_RESULTATS) -> pd.DataFrame:
    """Les ``k`` métiers qui répondent à ``requete`` (colonnes ``code_ogr``, ``appellation``, ``grand_domaine``) :
    la recherche combinée de l'atelier si elle fonctionne, sinon :func:`chercher_simple`."""
    if _PREPARATION is not None:
        _PREPARATION.join(timeout=120)
    if _search is not None and hasattr(_search, "chercher_metiers"):
        try:
            return _search.chercher_metiers(requete, k=k)
        except Exception:  # noqa: BLE001 — données de recherche absentes : on se rabat sur les lettres
            pass
    return chercher_simple(requete, k)


class CarteApp:
    """Le tableau de bord : ``CarteApp().vue`` est le widget à afficher ; ``chercher(texte)`` le met à jour."""

    def __init__(self, k: int = K_RESULTATS, delai: float = 0.3, hauteur: str = "min(66vh, 600px)") -> None:
        import bqplot as bq

        self.k = k
        self.df = cartographie.carte()
        self.styles = dessin_carte.styles_domaines()
        self.params = cartographie.parametres()
        self._ligne_de_code = pd.Series(np.arange(len(self.df)), index=self.df["code_ogr"].astype(str))
        xy = self.df[["x", "y"]].to_numpy(float)
        marge = 0.03 * (xy.max(axis=0) - xy.min(axis=0))
        self._bornes = (xy.min(axis=0) - marge, xy.max(axis=0) + marge)
        self.xs = bq.LinearScale(min=float(self._bornes[0][0]), max=float(self._bornes[1][0]))
        self.ys = bq.LinearScale(min=float(self._bornes[0][1]), max=float(self._bornes[1][1]))
        echelles = {"x": self.xs, "y": self.ys}

        self.marques: dict[str, object] = {}
        gd = self.df["code_grand_domaine"].to_numpy()
        for code, st in self.styles.items():
            sous = self.df[gd == code]
            ligne = st.marqueur_bqplot in ("crosshair", "plus")   # formes faites de traits : il faut un trait
            self.marques[code] = bq.Scatter(
                x=sous["x"].to_numpy(float), y=sous["y"].to_numpy(float), scales=echelles,
                colors=[st.couleur], marker=st.marqueur_bqplot, default_size=7,
                default_opacities=[0.7], stroke=st.couleur if ligne else None, stroke_width=1.2,
                names=sous["appellation"].astype(str).to_numpy(), display_names=False,
                tooltip=bq.Tooltip(fields=["name"], show_labels=False),
            )
        self.entoures = bq.Scatter(x=np.zeros(0), y=np.zeros(0), scales=echelles, marker="circle", fill=False,
                                   colors=["black"], stroke="black", stroke_width=2, default_size=160,
                                   default_opacities=[1.0], display_names=False)
        self.choisi = bq.Scatter(x=np.zeros(0), y=np.zeros(0), scales=echelles, marker="circle", fill=False,
                                 colors=["black"], stroke="black", stroke_width=3, default_size=700,
                                 names=np.array([], dtype=str), display_names=True,
                                 label_display_vertical_offset=-16.0)
        axes = [bq.Axis(scale=self.xs, label=dessin_carte.AXES[0], tick_values=np.zeros(0), grid_lines="none"),
                bq.Axis(scale=self.ys, label=dessin_carte.AXES[1], orientation="vertical", tick_values=np.zeros(0),
                        grid_lines="none", label_offset="1.2em")]
        self.figure = bq.Figure(
            marks=list(self.marques.values()) + [self.entoures, self.choisi], axes=axes,
            fig_margin={"top": 10, "bottom": 36, "left": 30, "right": 10}, padding_x=0.0, padding_y=0.0,
            layout=widgets.Layout(width="100%", height=hauteur, min_height="300px"),
            animation_duration=0, display_toolbar=False,   # barre d'outils en anglais : remplacée par nos boutons
        )
        self.figure.add_class("atelier-carte-figure")

        # Les commandes
        champ = {"style": {"description_width": "initial"}, "layout": widgets.Layout(width="100%")}
        self.saisie = widgets.Text(placeholder=messages.CARTE_PLACEHOLDER, continuous_update=True,
                                   description=messages.CARTE_RECHERCHE, **champ)
        self.saisie.add_class("atelier-saisie")
        options = [(messages.CARTE_TOUS_DOMAINES, "")] + [(_court(st.etiquette, 70), c)
                                                          for c, st in self.styles.items()]
        self.domaine = widgets.Dropdown(options=options, value="", description=messages.CARTE_DOMAINE, **champ)
        self.domaine.add_class("atelier-domaine")
        self.bouton_vue = bouton(messages.CARTE_VUE_ENSEMBLE, "atelier-vue-ensemble")
        # Zoom par boutons (utilisables au clavier) : un zoom à la souris masquerait les noms au survol.
        self.bouton_plus = bouton(messages.CARTE_ZOOMER, "atelier-zoomer")
        self.bouton_moins = bouton(messages.CARTE_DEZOOMER, "atelier-dezoomer")
        self.boutons_deplacer = []
        for texte, aide, dx, dy in messages.CARTE_DEPLACER:
            b = widgets.Button(description=texte, tooltip=aide, layout=widgets.Layout(width="auto"))
            b.add_class("atelier-deplacer")
            b.on_click(lambda _, dx=dx, dy=dy: self.deplacer(dx, dy))
            self.boutons_deplacer.append(b)
        self.alerte = etiquette("atelier-alerte", vivante=True)  # annoncée par les lecteurs d'écran (gabarit Voilà)
        self.echo = etiquette("atelier-echo")  # texte brut : la saisie n'est jamais interprétée
        self.info = widgets.Label(messages.CARTE_VIDE)
        self.info.add_class("atelier-info")
        self.info.add_class("atelier-vivant")            # « 10 métiers entourés… » est annoncé
        self.resultats = widgets.Select(options=[], rows=8, description=messages.CARTE_RESULTATS, **champ)
        self.resultats.add_class("atelier-resultats-liste")
        self.detail = etiquette("atelier-choisi")
        # Ce que montre la carte autour du métier choisi, écrit en liste (pour qui ne voit pas la carte).
        self.autour = zone_html("atelier-autour")
        self.legende = widgets.HTML(legende_html())
        detail = messages.CARTE_AXES_DETAIL.format(parametres=cartographie.legende_parametres(self.params))
        self.note = widgets.HTML(f"<p class='atelier-note'>{echapper(messages.CARTE_AXES)}</p>"
                                 f"<details class='atelier-note'><summary>{echapper(messages.CARTE_AXES_PLUS)}</summary>"
                                 f"{echapper(detail)}</details>")
        self.description = widgets.HTML(
            f"<details class='atelier-note'><summary>{echapper(messages.CARTE_DESCRIPTION)}</summary><p>"
            + echapper(f"{len(self.df)} métiers, un point chacun, colorés par grand domaine. "
                       f"Où chaque domaine est le plus dense : {dessin_carte.decrire_carte(self.df)}.")
            + "</p></details>")

        for w in (self.saisie, self.domaine, self.resultats):
            w.add_class("atelier-champ")     # l'étiquette (reliée au champ) au-dessus du champ
        boutons = widgets.HBox([self.bouton_plus, self.bouton_moins, self.bouton_vue] + self.boutons_deplacer,
                               layout=widgets.Layout(flex_flow="row wrap", margin="0.4em 0 0 0"))
        commandes = widgets.VBox([self.saisie, self.alerte, self.echo, self.domaine, boutons],
                                 layout=widgets.Layout(min_width="0"))
        commandes.add_class("atelier-zone-commandes")
        liste = widgets.VBox([self.info, self.resultats, self.detail, self.autour],
                             layout=widgets.Layout(min_width="0"))
        liste.add_class("atelier-zone-resultats")
        carte = widgets.VBox([self.figure], layout=widgets.Layout(min_width="0"))
        carte.add_class("atelier-zone-carte")
        corps = widgets.Box([carte, commandes, liste], layout=widgets.Layout(width="100%"))
        corps.add_class("atelier-grille")   # disposition en grille : voir tableaux.css (écran large / téléphone)
        self.vue = widgets.VBox(
            [feuille_de_style(), corps, self.legende, self.note, self.description],
            layout=widgets.Layout(width="100%", max_width="1400px", padding="0.3em"),
        )
        self.vue.add_class("atelier-carte-app")

        self._plus_tard = temporiser(delai)(self.chercher)
        self.saisie.observe(lambda change: self._plus_tard(change["new"]), names="value")
        self.domaine.observe(lambda change: self.filtrer(change["new"]), names="value")
        self.resultats.observe(lambda change: self.montrer(change["new"]), names="value")
        self.bouton_vue.on_click(lambda _: self.vue_ensemble())
        self.bouton_plus.on_click(lambda _: self.zoomer(0.5))
        self.bouton_moins.on_click(lambda _: self.zoomer(2.0))

    # ── actions ──
    def _erreur(self, message: str) -> None:
        self.alerte.value = message

    def chercher(self, texte: str) -> None:
        """Cherche ``texte``, entoure les métiers trouvés et cadre la carte sur le premier."""
        protege(self._erreur)(self._chercher)(texte)

    def filtrer(self, code: str) -> None:
        """Met en couleur un seul grand domaine (``""`` : tous), puis relance la recherche en cours."""
        protege(self._erreur)(self._filtrer)(code)

    def montrer(self, ligne) -> None:
        """Cadre la carte sur un métier (numéro de ligne de la carte) et affiche son nom."""
        protege(self._erreur)(self._montrer)(ligne)

    def vue_ensemble(self) -> None:
        """Toute la carte, sans zoom."""
        self._cadrer(*self._bornes)

    def zoomer(self, facteur: float) -> None:
        """Rapproche (``facteur`` < 1) ou éloigne (> 1) la vue autour de son centre, sans sortir de la carte."""
        bas = np.array([self.xs.min, self.ys.min], float)
        haut = np.array([self.xs.max, self.ys.max], float)
        centre, demi = (bas + haut) / 2, (haut - bas) / 2 * float(facteur)
        etendue = (self._bornes[1] - self._bornes[0]) / 2
        demi = np.clip(demi, etendue * 0.02, etendue)
        centre = np.clip(centre, self._bornes[0] + demi, self._bornes[1] - demi)
        self._cadrer(centre - demi, centre + demi)

    def deplacer(self, dx: float, dy: float) -> None:
        """Déplace la vue d'une fraction de sa largeur (``dx``) ou de sa hauteur (``dy``), sans sortir de la carte."""
        bas = np.array([self.xs.min, self.ys.min], float)
        haut = np.array([self.xs.max, self.ys.max], float)
        pas = (haut - bas) * np.array([dx, dy], float)
        pas = np.clip(pas, self._bornes[0] - bas, self._bornes[1] - haut)
        self._cadrer(bas + pas, haut + pas)

    def _effacer(self) -> None:
        self.entoures.x, self.entoures.y = np.zeros(0), np.zeros(0)
        with self.choisi.hold_sync():
            self.choisi.x, self.choisi.y, self.choisi.names = np.zeros(0), np.zeros(0), np.array([], dtype=str)
        self.resultats.options = []
        self.detail.value = self.autour.value = ""

    def _chercher(self, texte: str) -> None:
        self.alerte.value = ""
        brut = "" if texte is None else str(texte)
        requete = " ".join(brut.split())[:MAX_CARACTERES]
        if not requete:
            self.echo.value = ""
            self._effacer()
            self.info.value = messages.CARTE_VIDE
            return
        if len(" ".join(brut.split())) > MAX_CARACTERES:
            self.alerte.value = messages.RECHERCHE_TRONQUEE.format(n=MAX_CARACTERES)
        self.echo.value = messages.CARTE_ECHO.format(requete=_court(requete, 120))
        if not any(c.isalnum() for c in sans_accents(requete)):
            self.alerte.value = messages.CARTE_PAS_DE_MOT
            self._effacer()
            self.info.value = ""
            return
        code = self.domaine.value
        k = self.k * 6 if code else self.k
        res = rechercher(requete, k)
        if code:
            res = res[res["grand_domaine"] == self.styles[code].nom]
        res = res.head(self.k)
        lignes = [int(self._ligne_de_code[str(c)]) for c in res["code_ogr"] if str(c) in self._ligne_de_code.index]
        if not lignes:
            self._effacer()
            self.info.value = ""
            aucun = messages.CARTE_AUCUN_DOMAINE if code else messages.RECHERCHE_AUCUN
            self.alerte.value = f"{self.alerte.value} {aucun}".strip()
            return
        sous = self.df.iloc[lignes]
        with self.entoures.hold_sync():
            self.entoures.x = sous["x"].to_numpy(float)
            self.entoures.y = sous["y"].to_numpy(float)
        options = [(f"{i}. {_court(r.appellation, 70)}", int(l))
                   for i, (l, r) in enumerate(zip(lignes, sous.itertuples(index=False)), start=1)]
        self.resultats.options = options
        self.resultats.value = lignes[0]          # déclenche montrer()
        self._montrer(lignes[0], voisins=sous[["x", "y"]].to_numpy(float))
        # La phrase « n métiers entourés… » part en dernier : quand elle s'affiche (et qu'un lecteur d'écran
        # l'annonce), la liste, le métier choisi et ses voisins sont déjà là (les messages arrivent dans l'ordre).
        modele = messages.CARTE_TROUVES if len(lignes) > 1 else messages.CARTE_TROUVE_UN
        self.info.value = modele.format(n=len(lignes), titre=sous["appellation"].iloc[0])

    def _montrer(self, ligne, voisins: np.ndarray | None = None) -> None:
        if ligne is None:
            return
        r = self.df.iloc[int(ligne)]
        with self.choisi.hold_sync():
            self.choisi.x, self.choisi.y = np.array([r["x"]], float), np.array([r["y"]], float)
            self.choisi.names = np.array([_court(r["appellation"], 45)])
        self.detail.value = messages.CARTE_CHOISI.format(titre=r["appellation"], domaine=r["domaine_professionnel"],
                                                         grand_domaine=r["grand_domaine"], code=r["code_rome"])
        self.autour.value = self.decrire_autour(int(ligne))
        self._zoomer(np.array([r["x"], r["y"]], float), voisins)

    def decrire_autour(self, ligne: int, n: int = K_AUTOUR) -> str:
        """Les ``n`` points les plus proches du métier ``ligne`` **sur la carte** (distance à l'écran, pas celle du
        modèle), en liste HTML échappée : ce qu'une personne voit autour du point entouré."""
        xy = self.df[["x", "y"]].to_numpy(float)
        d = np.hypot(*(xy - xy[ligne]).T)
        d[ligne] = np.inf
        proches = np.argsort(d, kind="stable")[:n]
        lignes = (messages.CARTE_AUTOUR_LIGNE.format(titre=self.df["appellation"].iat[i],
                                                     grand_domaine=self.df["grand_domaine"].iat[i]) for i in proches)
        items = "".join(f"<li>{echapper(t)}</li>" for t in lignes)
        titre = messages.CARTE_AUTOUR.format(titre=_court(self.df["appellation"].iat[ligne], 70), n=len(proches))
        return f"<div class='atelier-note'><p>{echapper(titre)}</p><ol>{items}</ol></div>"

    def _zoomer(self, centre: np.ndarray, voisins: np.ndarray | None) -> None:
        etendue = self._bornes[1] - self._bornes[0]
        demi = 0.10 * etendue
        if voisins is not None and len(voisins) > 1:
            ecarts = np.abs(voisins - centre)
            proches = ecarts[(ecarts <= 0.25 * etendue).all(axis=1)]
            if len(proches):
                demi = np.maximum(demi, np.minimum(proches.max(axis=0) * 1.25, 0.25 * etendue))
        demi = np.full(2, float(np.max(demi / etendue))) * etendue   # même zoom sur les deux axes
        self._cadrer(centre - demi, centre + demi)

    def _cadrer(self, bas: np.ndarray, haut: np.ndarray) -> None:
        with self.xs.hold_sync():
            self.xs.min, self.xs.max = float(bas[0]), float(haut[0])
        with self.ys.hold_sync():
            self.ys.min, self.ys.max = float(bas[1]), float(haut[1])

    def _filtrer(self, code: str) -> None:
        self.alerte.value = ""
        for c, marque in self.marques.items():
            st = self.styles[c]
            actif = code in ("", None, c)
            couleur = st.couleur if actif else GRIS
            with marque.hold_sync():
                marque.colors = [couleur]
                marque.default_opacities = [0.7 if actif else 0.25]
                if marque.stroke is not None:
                    marque.stroke = couleur
        self.legende.value = legende_html(code or None)
        if self.saisie.value.strip():
            self._chercher(self.saisie.value)
        else:
            self.vue_ensemble()
        if code:
            # Le domaine choisi reste dit, devant le résultat de la recherche relancée (qui ne l'efface plus).
            n = int((self.df["code_grand_domaine"] == code).sum())
            domaine = messages.CARTE_DOMAINE_CHOISI.format(domaine=self.styles[code].nom, n=n)
            self.info.value = f"{domaine} {self.info.value}".strip() if self.saisie.value.strip() else domaine


def application(k: int = K_RESULTATS) -> widgets.VBox:
    """Construit et renvoie la vue du tableau de bord « Carte des métiers » (recherche prête à l'emploi)."""
    app = CarteApp(k=k)
    preparer_en_fond()
    return app.vue


# ── Module 03 : recalculer la carte d'un échantillon ────────────────────────────────────────────────────

class _OutilCarte:
    """Ce que les deux outils de carte de la leçon 03 partagent : des réglages, un bouton, une ligne d'état (où
    s'affiche aussi une erreur, en français, jamais une trace de pile) et une zone où la figure est dessinée,
    suivie de son texte alternatif."""

    def __init__(self, reglages: list, texte_bouton: str, action, calculer: bool) -> None:
        from IPython.display import display

        self._display = display
        self.bouton = widgets.Button(description=texte_bouton, button_style="primary")
        self.etat = widgets.Label("")
        self.sortie = widgets.Output()
        self.vue = widgets.VBox([*reglages, self.bouton, self.etat, self.sortie])
        self._action = action
        self.bouton.on_click(lambda _: self._agir())
        if calculer:
            self._agir()

    def _erreur(self, message: str) -> None:
        self.etat.value = message

    def _agir(self) -> None:
        protege(self._erreur)(self._action)()

    def _dessiner(self, fig, alt: str, lignes: list[str] = ()) -> None:
        """Remplace la figure affichée par ``fig``, suivie de sa description et de ``lignes`` ; libère ``fig``."""
        import matplotlib.pyplot as plt

        self.sortie.clear_output(wait=True)
        with self.sortie:
            self._display(fig)
            print("Description de la figure :", alt)
            for ligne in lignes:
                print(ligne)
        plt.close(fig)


class ExplorateurUMAP(_OutilCarte):
    """Des curseurs (voisins, distance minimale, graine) et un bouton pour recalculer la carte d'un échantillon.

    Le calcul par défaut est fait une fois à la construction ; ensuite, seulement quand on clique (un calcul
    prend 10 à 40 secondes). ``coords`` et ``params`` gardent le dernier résultat.
    """

    def __init__(self, df: pd.DataFrame, vecteurs: np.ndarray, n_neighbors: int = 15, min_dist: float = 0.1,
                 graine: int = 42, calculer: bool = True) -> None:
        self.df, self.vecteurs = df, vecteurs
        self.voisins = widgets.IntSlider(value=n_neighbors, min=2, max=100, step=1,
                                         description=messages.UMAP_VOISINS, continuous_update=False,
                                         style={"description_width": "12em"}, layout=widgets.Layout(width="32em"))
        self.distance = widgets.FloatSlider(value=min_dist, min=0.0, max=0.99, step=0.05, readout_format=".2f",
                                            description=messages.UMAP_DISTANCE, continuous_update=False,
                                            style={"description_width": "12em"}, layout=widgets.Layout(width="32em"))
        self.graine = widgets.BoundedIntText(value=graine, min=0, max=99_999, description=messages.UMAP_GRAINE,
                                             style={"description_width": "12em"}, layout=widgets.Layout(width="20em"))
        self.coords: np.ndarray | None = None
        self.params: dict | None = None
        self.part: float | None = None
        super().__init__([self.voisins, self.distance, self.graine], messages.UMAP_BOUTON, self._calculer, calculer)

    def calculer(self) -> None:
        """Recalcule la carte avec les réglages des curseurs, la dessine et mesure le voisinage préservé."""
        self._agir()

    def _calculer(self) -> None:
        self.bouton.disabled = True
        self.etat.value = messages.UMAP_CALCUL
        try:
            n, d, g = self.voisins.value, self.distance.value, self.graine.value
            coords = cartographie.projeter(self.vecteurs, n_neighbors=n, min_dist=d, graine=g)
            params = cartographie.parametres_projection(n, d, g)
            part = float(np.mean(cartographie.voisinage_preserve(self.vecteurs, coords, k=10)))
            fig, alt = dessin_carte.tracer_carte(self.df, titre="Carte recalculée sur l'échantillon",
                                                 parametres=params, coords=coords, taille=(9, 9.5))
            self._dessiner(fig, alt)
            self.coords, self.params, self.part = coords, params, part
            self.etat.value = (cartographie.legende_parametres(params, len(self.df)) + " — "
                               + messages.UMAP_RESULTAT.format(part=round(100 * part)))
        finally:
            self.bouton.disabled = False


# ── Module 03 : vos mots sur la carte ───────────────────────────────────────────────────────────────────

EXEMPLES_MOTS = "boulangerie, aide à domicile, développeuse web, maraîchage bio, médiation numérique"
#: Au-delà de cette dispersion des voisins (unités de la carte livrée), la position est dite « floue ».
SEUIL_DISPERSION = 1.0


class PlacerMots(_OutilCarte):
    """Une zone de texte et un bouton : vos mots posés sur la carte livrée (voir :func:`atelier.cartographie.placer`).

    Rien de ce qui est tapé n'est écrit sur le disque (vecteurs calculés sans cache).
    """

    def __init__(self, valeur: str = EXEMPLES_MOTS, calculer: bool = True) -> None:
        self.saisie = champ_pour_bouton(widgets.Textarea, value=valeur, rows=2,
                                        layout=widgets.Layout(width="100%", max_width="48em"))
        self.mots: pd.DataFrame | None = None
        super().__init__([widgets.Label(messages.MOTS_ETIQUETTE), self.saisie], messages.MOTS_BOUTON, self._placer,
                         calculer)

    def placer(self) -> None:
        """Place les mots de la zone de texte et redessine la carte."""
        self._agir()

    def _placer(self) -> None:
        self.etat.value = ""
        mots = cartographie.nettoyer_mots(self.saisie.value)
        if not mots:
            self.etat.value = messages.MOTS_VIDE
            return
        morceaux = [m for m in self.saisie.value.replace(";", ",").replace("\n", ",").split(",") if m.strip()]
        if len(morceaux) > cartographie.MAX_MOTS:
            self.etat.value = messages.MOTS_TRONQUES.format(n=cartographie.MAX_MOTS)
        self.mots = cartographie.placer(mots)
        fig, alt = dessin_carte.tracer_carte(cartographie.carte(), titre="Vos mots sur la carte des métiers",
                                             parametres=cartographie.parametres(), mots=self.mots)
        self._dessiner(fig, alt, [messages.MOTS_LIGNE.format(
            texte=r.texte, proche=r.plus_proche, domaine=r.grand_domaine,
            nettete=messages.MOTS_NETTE if r.dispersion <= SEUIL_DISPERSION else messages.MOTS_FLOUE)
            for r in self.mots.itertuples(index=False)])
