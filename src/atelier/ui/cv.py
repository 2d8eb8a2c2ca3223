"""Tableau de bord « Mon CV assisté » (module 09) : des phrases simples → des lignes de CV marquées, le métier visé,
la note du robot recruteur, et un jeu « deviner le mot suivant ».

La personne écrit quelques phrases sur ce qu'elle a fait et choisit un métier (une liste de métiers courants, ou
un nom ou un code ROME tapé). La page montre :

- les lignes trouvées par recherche (:func:`atelier.cv_automatique.cv_par_recherche`) et celles écrites par le
  petit modèle (:func:`atelier.cv_automatique.cv_par_generation`), chacune marquée « appuyé sur ce que vous avez
  écrit » ou « inventé : à vérifier ou à supprimer » avec sa raison en une phrase
  (:func:`atelier.cv_automatique.verifier_provenance`) ;
- les compétences essentielles du métier que le CV vérifié couvre et celles qui manquent
  (:func:`atelier.cv_automatique.couverture`) ;
- la note du robot recruteur du module 06 pour trois versions : ses phrases telles quelles, le CV par recherche, le
  CV écrit par le modèle (:func:`atelier.cv_experience.scores_recruteur`) ;
- un jeu : deviner le mot suivant, puis voir les mots les plus probables à l'« audace » (température) choisie ;
- une carte : ce qu'il ne faut jamais coller dans un chatbot en ligne.

Rien de ce qui est tapé n'est écrit sur le disque ni journalisé : tout passe par la mémoire du noyau. Tout texte
tapé ou produit est affiché en texte brut (:func:`atelier.ui.composants.etiquette`) ou échappé
(:func:`atelier.ui.securite.echapper`). Une saisie vide, trop longue, du code, une autre langue, un métier inconnu
ou un modèle absent donnent un message en français ; la page continue de marcher.
"""
from __future__ import annotations

import re
import unicodedata

import ipywidgets as widgets
import numpy as np
import pandas as pd

from atelier import cv_automatique, data
from atelier.erreurs import AtelierErreur, EntreeInvalide
from atelier.nombres import nombre_fr, points
from atelier.ui import messages
from atelier.ui.composants import bouton, champ_pour_bouton, etiquette, zone_html
from atelier.ui.securite import echapper, protege
from atelier.ui.style import feuille_de_style

#: Les métiers proposés dans la liste (codes ROME) : ceux des personas du module 09 et d'autres métiers courants
#: au guichet d'un espace public numérique.
METIERS_COURANTS = ("K1303", "K1302", "K1304", "K2204", "D1505", "D1507", "D1214", "G1602", "G1803", "G1703",
                    "N1103", "N4105", "A1203", "I1604", "F1608", "M1607", "K1204", "K2111", "E1112")
METIER_DEFAUT = "K1303"
#: Le jeu : tant de mots montrés, parmi tant de mots les plus probables (l'audace redistribue les chances entre eux).
MOTS_MONTRES, MOTS_LUS = 8, 30
TEMPERATURE_MIN, TEMPERATURE_MAX, TEMPERATURE_DEFAUT = 0.2, 2.0, 1.0
#: Longueur d'un début de phrase ou d'un mot deviné (au-delà, coupé).
MAX_DEBUT, MAX_PARI = 200, 40
#: Les trois versions notées par le robot recruteur.
VERSIONS_NOTEES = ("simple", "recherche", "generation")


# --------------------------------------------------------------------------------------------- le métier visé

def _sans_accents(texte: str) -> str:
    texte = unicodedata.normalize("NFKD", str(texte).lower())
    return " ".join("".join(c for c in texte if not unicodedata.combining(c)).replace("/", " ").split())


def _intitules() -> pd.Series:
    return data.fiches().set_index("code_rome")["intitule"]


def libelle_metier(code: str) -> str:
    """« Garde d'enfant (K1303) »."""
    return f"{_intitules()[code]} ({code})"


def options_metiers() -> list[str]:
    """Les métiers de la liste, par ordre alphabétique."""
    return sorted((libelle_metier(c) for c in METIERS_COURANTS), key=_sans_accents)


def trouver_metier(texte) -> tuple[str, str]:
    """Le code ROME d'un métier choisi ou tapé, et une remarque (vide, ou « plusieurs métiers correspondent »).

    Accepte une ligne de la liste (« Garde d'enfant (K1303) »), un code ROME (« k1303 ») ou un nom de métier tapé,
    sans souci des accents ni des majuscules (« serveur », « garde d enfant »). Lève :class:`EntreeInvalide` avec
    un message en français pour un texte vide ou un métier introuvable."""
    brut = " ".join(str(texte or "").split())[:MAX_DEBUT]
    if not brut:
        raise EntreeInvalide(messages.CV_METIER_VIDE)
    intitules = _intitules()
    code = re.search(r"\b([A-Na-n]\d{4})\b", brut)
    if code and code.group(1).upper() in intitules.index:
        return code.group(1).upper(), ""
    cherche = _sans_accents(brut)
    normaux = intitules.map(_sans_accents)
    exacts = normaux.index[normaux == cherche].tolist()
    if exacts:
        return exacts[0], ""
    if len(cherche) >= 3:
        mots = cherche.split()
        contient = sorted(c for c, n in normaux.items() if all(m in n for m in mots))
        if contient:
            favoris = [c for c in METIERS_COURANTS if c in contient]
            choisi = favoris[0] if favoris else contient[0]
            remarque = "" if len(contient) == 1 else messages.CV_METIER_PLUSIEURS.format(
                texte=brut, metier=libelle_metier(choisi))
            return choisi, remarque
    raise EntreeInvalide(messages.CV_METIER_INCONNU.format(texte=brut[:60]))


# --------------------------------------------------------------------------------------------- les rendus HTML

def _ligne_html(ligne: str, appuyee: bool, raison: str) -> str:
    classe = "cv-appuyee" if appuyee else "cv-inventee"
    signe = "✓" if appuyee else "⚠"
    marque = cv_automatique.APPUYE if appuyee else cv_automatique.INVENTE
    return (f"<li class='cv-ligne {classe}'><span class='cv-ligne-texte'>{echapper(ligne)}</span><br>"
            f"<span class='cv-marque'>{signe} {echapper(marque)}</span><br>"
            f"<span class='cv-raison'>{echapper(raison)}</span></li>")


def rendre_lignes(verification: pd.DataFrame, recherche: pd.DataFrame) -> str:
    """Les lignes du CV, par recherche puis par génération, chacune avec sa marque et sa raison (tout échappé).
    ``verification`` : :func:`atelier.cv_automatique.verifier_provenance` des lignes des deux sortes."""
    source = dict(zip(recherche["ligne"], recherche["phrase_source"]))
    parties = []
    for methode, titre, aide in (("recherche", messages.CV_TITRE_RECHERCHE, messages.CV_AIDE_RECHERCHE),
                                 ("generation", messages.CV_TITRE_GENERATION, messages.CV_AIDE_GENERATION)):
        lignes = verification[verification["methode"] == methode]
        if lignes.empty:
            continue
        items = []
        for r in lignes.itertuples(index=False):
            raison = r.explication
            if methode == "recherche" and source.get(r.ligne, r.phrase_proche) != r.phrase_proche:
                raison = messages.CV_VIENT_DE.format(phrase=source[r.ligne]) + " " + raison
            items.append(_ligne_html(r.ligne, bool(r.appuyee), raison))
        parties.append(f"<h3>{echapper(titre)}</h3><p class='cv-note'>{echapper(aide)}</p>"
                       f"<ul class='cv-liste-{methode}'>{''.join(items)}</ul>")
    regle = (f"<details class='cv-regle'><summary>Comment la machine décide ?</summary>"
             f"<p>{echapper(messages.CV_REGLE)}</p></details>")
    return "<div class='cv-lignes-contenu'>" + "".join(parties) + regle + "</div>"


def rendre_couverture(table: pd.DataFrame, code: str) -> str:
    """Les compétences essentielles du métier : couvertes, puis manquantes (échappé)."""
    couvertes = table.loc[table["couverte"], "competence"].tolist()
    manquantes = table.loc[~table["couverte"], "competence"].tolist()

    def liste(elements, signe):
        if not elements:
            return f"<ul><li>{echapper(messages.CV_AUCUNE)}</li></ul>"
        return "<ul>" + "".join(f"<li>{signe} {echapper(e)}</li>" for e in elements) + "</ul>"

    return (f"<h2>{echapper(messages.CV_COUVERTURE_TITRE.format(metier=libelle_metier(code)))}</h2>"
            f"<p class='cv-couverture-phrase'>"
            f"{echapper(messages.CV_COUVERTURE.format(n=len(couvertes), total=len(table)))}</p>"
            f"<h3>{echapper(messages.CV_COUVERTES)}</h3>{liste(couvertes, '✓')}"
            f"<h3>{echapper(messages.CV_MANQUANTES)}</h3>{liste(manquantes, '○')}")


def rendre_robot(scores: dict[str, float], n_inventees: int, n_generees: int) -> str:
    """La note du robot recruteur pour chaque version, en mots (notes entières sur 100, écarts à 1 décimale)."""
    items = []
    for v in VERSIONS_NOTEES:
        if v not in scores:
            continue
        texte = messages.CV_ROBOT_NOTE.format(version=messages.CV_ROBOT_VERSIONS[v], score=nombre_fr(scores[v], 0))
        if v != "simple":
            texte += messages.CV_ROBOT_ECART.format(ecart=points(scores[v] - scores["simple"], 1, plus=True))
        items.append(f"<li class='cv-robot-{v}'>{echapper(texte)}</li>")
    lecture = messages.CV_ROBOT_LECTURE.format(n_inventees=n_inventees, n=n_generees) if n_generees else ""
    return (f"<h2>{echapper(messages.CV_ROBOT_TITRE)}</h2><ul>{''.join(items)}</ul>"
            + (f"<p class='cv-note'>{echapper(lecture)}</p>" if lecture else ""))


def rendre_jamais() -> str:
    """La carte « Ce qu'il ne faut jamais coller dans un chatbot en ligne »."""
    items = "".join(f"<li>{echapper(x)}</li>" for x in messages.CV_JAMAIS)
    return (f"<h2>{echapper(messages.CV_JAMAIS_TITRE)}</h2><ul>{items}</ul>"
            f"<p>{echapper(messages.CV_JAMAIS_POURQUOI)}</p>")


# --------------------------------------------------------------------------------------------- le jeu

def _normal_mot(mot: str) -> str:
    return unicodedata.normalize("NFC", str(mot).strip().lower().strip(" .,;:!?«»\"'"))


def chances(table: pd.DataFrame, temperature: float) -> pd.DataFrame:
    """Les chances de chaque mot de ``table`` (colonnes ``mot``, ``probabilite`` : les mots les plus probables) à
    l'audace ``temperature`` : p^(1/T), divisées par le total de tous les mots. Les mots hors de ``table`` (leur
    part : 1 − la somme) sont comptés comme s'ils avaient chacun la probabilité du dernier mot de ``table`` : exact
    à T = 1 (les probabilités du modèle), une approximation sinon. Colonnes ``mot``, ``chance``, du plus au moins
    probable (ex aequo : ordre alphabétique) ; ``table.attrs["autres"]`` : la chance des autres mots."""
    t = float(temperature)
    p = np.clip(table["probabilite"].to_numpy(dtype=float), 1e-12, None)
    reste = max(0.0, 1.0 - float(p.sum()))
    plus_petit = float(p.min()) if len(p) else 1.0
    poids = np.exp(np.log(p) / t)
    poids_reste = reste * plus_petit ** (1.0 / t - 1.0) if reste > 0 else 0.0
    total = float(poids.sum()) + poids_reste
    out = pd.DataFrame({"mot": table["mot"].astype(str).to_numpy(), "chance": poids / total})
    out = out.sort_values(["chance", "mot"], ascending=[False, True], kind="mergesort").reset_index(drop=True)
    out.attrs["autres"] = poids_reste / total
    return out


def pourcent(x: float) -> str:
    """0,257 → « 26 % » ; moins de 1 % → « moins de 1 % »."""
    return "moins de 1 %" if x < 0.005 else f"{nombre_fr(100 * x, 0)} %"


def rendre_mots(table: pd.DataFrame, temperature: float) -> str:
    items = []
    for r in table.head(MOTS_MONTRES).itertuples(index=False):
        mot = messages.CV_FIN_DE_PHRASE if r.mot == _fin() else r.mot
        largeur = max(0.2, 12 * float(r.chance))
        items.append(f"<li>{echapper(mot)} : {echapper(pourcent(r.chance))}"
                     f"<span class='cv-barre' style='width:{largeur:.1f}em' aria-hidden='true'></span></li>")
    titre = messages.CV_JEU_MOTS.format(temperature=nombre_fr(temperature, 1))
    autres = messages.CV_JEU_AUTRES.format(chance=pourcent(table.attrs.get("autres", 0.0)))
    return f"<p class='cv-note'>{echapper(titre)}</p><ol>{''.join(items)}</ol><p>{echapper(autres)}</p>"


def _fin() -> str:
    try:
        from atelier import generation
        return generation.FIN
    except Exception:  # noqa: BLE001 — le module absent est dit ailleurs
        return ""


# --------------------------------------------------------------------------------------------- l'application

class CvApp:
    """L'application : ``CvApp().vue`` est le widget à afficher ; ``ecrire()`` fait le CV, ``jouer()`` le jeu.

    ``generateur`` (facultatif) remplace ``atelier.generation.generer`` pour écrire les lignes (les tests en
    donnent un faux, rapide) ; ``mots_suivants`` remplace ``atelier.generation.mots_suivants`` dans le jeu."""

    def __init__(self, generateur=None, mots_suivants=None) -> None:
        self._generateur = generateur
        self._mots_suivants = mots_suivants
        self._graine = 0
        style = {"description_width": "initial"}
        self.phrases = champ_pour_bouton(widgets.Textarea, "cv-phrases", value=messages.CV_PHRASES_EXEMPLE,
                                         description=messages.CV_PHRASES, rows=5, style=style,
                                         layout=widgets.Layout(width="100%", max_width="44em"))
        self.metier = champ_pour_bouton(widgets.Combobox, "cv-metier", options=options_metiers(),
                                        value=libelle_metier(METIER_DEFAUT), ensure_option=False,
                                        placeholder=messages.CV_METIER_AIDE, description=messages.CV_METIER,
                                        style=style, layout=widgets.Layout(width="100%", max_width="36em"))
        self.bouton = bouton(messages.CV_BOUTON, "cv-ecrire", principal=True)
        self.etat = etiquette("cv-etat")
        self.alerte = etiquette("cv-alerte", vivante=True)
        self.metier_note = etiquette("cv-metier-note")
        self.lecture = etiquette("cv-lecture", vivante=True)
        self.lignes = zone_html("cv-lignes-zone")
        self.couverture = zone_html("cv-couverture-zone")
        self.robot = zone_html("cv-robot-zone")
        # le jeu
        self.debut = champ_pour_bouton(widgets.Text, "cv-jeu-debut", value=messages.CV_JEU_DEBUT_DEFAUT,
                                       description=messages.CV_JEU_DEBUT, style=style,
                                       layout=widgets.Layout(width="100%", max_width="30em"))
        self.pari = champ_pour_bouton(widgets.Text, "cv-jeu-pari", description=messages.CV_JEU_PARI,
                                      placeholder=messages.CV_JEU_PARI_AIDE, style=style,
                                      layout=widgets.Layout(width="100%", max_width="22em"))
        self.temperature = widgets.FloatSlider(value=TEMPERATURE_DEFAUT, min=TEMPERATURE_MIN, max=TEMPERATURE_MAX,
                                               step=0.1, readout_format=".1f", description=messages.CV_JEU_TEMPERATURE,
                                               style=style, continuous_update=False,
                                               layout=widgets.Layout(width="100%", max_width="30em"))
        self.temperature.add_class("cv-jeu-temperature")
        self.voir = bouton(messages.CV_JEU_VOIR, "cv-jeu-voir", principal=True)
        self.suite_bouton = bouton(messages.CV_JEU_ECRIRE, "cv-jeu-ecrire")
        self.jeu_alerte = etiquette("cv-jeu-alerte", vivante=True)
        self.jeu_retour = etiquette("cv-jeu-retour", vivante=True)
        self.jeu_mots = zone_html("cv-jeu-mots")
        self.jeu_suite = etiquette("cv-jeu-suite", vivante=True)
        jamais = zone_html("cv-jamais-zone")
        jamais.value = rendre_jamais()

        def note(texte):
            return widgets.HTML(f"<p class='cv-note'>{echapper(texte)}</p>")

        cv = widgets.VBox([widgets.HTML(f"<h2>{echapper('Mon CV')}</h2>"), note(messages.CV_AIDE), self.phrases,
                           self.metier, self.bouton, self.etat, self.alerte, self.metier_note, self.lecture,
                           self.lignes, self.couverture, self.robot])
        jeu = widgets.VBox([widgets.HTML(f"<h2>{echapper(messages.CV_JEU_TITRE)}</h2>"), note(messages.CV_JEU_AIDE),
                            self.debut, self.pari, self.temperature, note(messages.CV_JEU_TEMPERATURE_AIDE),
                            widgets.HBox([self.voir, self.suite_bouton], layout=widgets.Layout(flex_flow="row wrap")),
                            self.jeu_alerte, self.jeu_retour, self.jeu_mots, self.jeu_suite,
                            note(messages.CV_JEU_ECHELLE)])
        self.vue = widgets.VBox([feuille_de_style(), cv, jeu, jamais],
                                layout=widgets.Layout(width="100%", max_width="60em", padding="0.5em"))
        self.vue.add_class("cv-page")
        self.bouton.on_click(lambda _: self.ecrire())
        self.voir.on_click(lambda _: self.jouer())
        self.suite_bouton.on_click(lambda _: self.ecrire_suite())
        for w in (self.phrases, self.metier):
            w.observe(lambda _: self._effacer(), names="value")
        for w in (self.debut, self.pari, self.temperature):
            w.observe(lambda _: self._effacer_jeu(), names="value")
        self.dernier: dict | None = None

    # ------------------------------------------------------------------------------------------- le CV

    def _effacer(self) -> None:
        for w in (self.etat, self.alerte, self.metier_note, self.lecture):
            w.value = ""
        for w in (self.lignes, self.couverture, self.robot):
            w.value = ""

    def _erreur(self, message: str) -> None:
        self._effacer()
        self.alerte.value = message

    def ecrire(self) -> None:
        protege(self._erreur)(self._ecrire)()

    def _generateur_defaut(self):
        if self._generateur is not None:
            return self._generateur
        from atelier import generation          # chargé au premier usage seulement
        return generation.generer

    def _ecrire(self) -> None:
        self._effacer()
        try:
            phrases = cv_automatique.nettoyer_phrases(self.phrases.value)
        except EntreeInvalide as exc:
            self._erreur(messages.CV_SAISIE.format(detail=str(exc)))
            return
        try:
            code, remarque = trouver_metier(self.metier.value)
        except EntreeInvalide as exc:
            self._erreur(str(exc))
            return
        self.etat.value = messages.CV_CALCUL
        recherche = cv_automatique.cv_par_recherche(phrases)
        premieres = recherche.drop_duplicates("phrase_source")["ligne"].tolist()
        absent = ""
        try:
            generees = cv_automatique.cv_par_generation(phrases, code, graine=0, generateur=self._generateur_defaut(),
                                                        trouvees=premieres)
        except EntreeInvalide:
            raise
        except (AtelierErreur, ImportError, OSError, ValueError, KeyError) as exc:
            # poids absents ou abîmés : les lignes par recherche restent, la page le dit
            absent = messages.CV_MODELE_ABSENT.format(detail=str(exc)[:200] or "fichier illisible")
            generees = pd.DataFrame(columns=cv_automatique.COLONNES_LIGNES)
        toutes = pd.concat([recherche, generees], ignore_index=True).drop_duplicates("ligne")
        verification = cv_automatique.verifier_provenance(toutes, phrases)
        gen = verification[verification["methode"] == "generation"]
        appuyees = verification[verification["appuyee"]]
        couverture = cv_automatique.couverture(appuyees["ligne"].tolist(), code)
        from atelier import cv_experience          # le robot recruteur du module 06
        textes = {"simple": "\n".join(phrases), "recherche": "\n".join(recherche["ligne"])}
        if len(gen):
            textes["generation"] = "\n".join(gen["ligne"])
        notes = cv_experience.scores_recruteur(list(textes.values()), code)
        scores = dict(zip(textes, (float(x) for x in notes)))
        self.etat.value = ""
        self.alerte.value = absent
        self.metier_note.value = remarque
        self.lignes.value = rendre_lignes(verification, recherche)
        self.couverture.value = rendre_couverture(couverture, code)
        self.robot.value = rendre_robot(scores, int((~gen["appuyee"]).sum()), len(gen))
        # l'annonce part en dernier : quand elle arrive, tout le reste est affiché
        self.lecture.value = messages.CV_LECTURE.format(n_lignes=len(verification),
                                                        n_appuyees=int(verification["appuyee"].sum()),
                                                        n_inventees=int((~verification["appuyee"]).sum()))
        self.dernier = {"code": code, "verification": verification, "couverture": couverture, "scores": scores}

    # ------------------------------------------------------------------------------------------- le jeu

    def _effacer_jeu(self) -> None:
        for w in (self.jeu_alerte, self.jeu_retour, self.jeu_suite):
            w.value = ""
        self.jeu_mots.value = ""

    def _erreur_jeu(self, message: str) -> None:
        self._effacer_jeu()
        self.jeu_alerte.value = message

    def _debut(self) -> str:
        return " ".join(str(self.debut.value or "").split())[-MAX_DEBUT:]

    def jouer(self) -> None:
        protege(self._erreur_jeu)(self._jouer)()

    def _jouer(self) -> None:
        self._effacer_jeu()
        pari = _normal_mot(self.pari.value)[:MAX_PARI]
        if not pari:
            self.jeu_alerte.value = messages.CV_JEU_SANS_PARI
            return
        temperature = float(self.temperature.value)
        if self._mots_suivants is None:
            from atelier import generation
            suivants = generation.mots_suivants
        else:
            suivants = self._mots_suivants
        try:
            table = suivants(self._debut(), k=MOTS_LUS)
        except EntreeInvalide as exc:
            self._erreur_jeu(messages.CV_JEU_SAISIE.format(detail=str(exc)))
            return
        table = chances(table, temperature)
        normaux = [_normal_mot(m) for m in table["mot"]]
        if pari in normaux:
            i = normaux.index(pari)
            retour = messages.CV_JEU_TROUVE.format(mot=pari, rang=i + 1, chance=pourcent(table["chance"][i]))
        else:
            retour = messages.CV_JEU_ABSENT.format(mot=pari, n=len(table))
        self.jeu_mots.value = rendre_mots(table, temperature)
        self.jeu_retour.value = retour
        self.dernier_jeu = table

    def ecrire_suite(self) -> None:
        protege(self._erreur_jeu)(self._ecrire_suite)()

    def _ecrire_suite(self) -> None:
        self.jeu_alerte.value = ""
        temperature = float(self.temperature.value)
        generer = self._generateur_defaut()
        self._graine += 1
        try:
            texte = generer(self._debut(), n_mots=12, temperature=temperature, graine=self._graine)
        except EntreeInvalide as exc:
            self._erreur_jeu(messages.CV_JEU_SAISIE.format(detail=str(exc)))
            return
        self.jeu_suite.value = messages.CV_JEU_SUITE.format(temperature=nombre_fr(temperature, 1), texte=texte)


def application() -> widgets.VBox:
    """Construit et renvoie la vue du tableau de bord."""
    return CvApp().vue
