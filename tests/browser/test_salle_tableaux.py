"""Deux personnes ouvrent le tableau de bord de recherche en même temps, puis une page est rechargée : chacune
a son noyau préchauffé, le bon résultat, et la mémoire du serveur revient à la réserve (aucun noyau ne fuit).
Puis deux visites sans navigateur (``benchmarks/visite_legere.py``, ce que le banc utilise pour mesurer la part du
serveur) : elles doivent obtenir le même résultat, comme une vraie page.

Le serveur est lancé par ``scripts/tableaux_de_bord.sh --salle 2`` (réglages de share/jupyter/config), comme dans
une salle ; la mesure complète (N = 1, 5, 10) est ``benchmarks/bench_tableaux_salle.py``. Seul le délai de
remplacement d'un noyau pris est raccourci, par la variable prévue pour cela (``ATELIER_DELAI_REMPLISSAGE``, 10 s
au lieu de 60 s), et l'attente « réserve revenue » du banc avec lui (le nombre de noyaux doit tenir ce délai
+ 5 s) : un noyau qui fuit se voit de la même façon, une fois les remplaçants lancés, sans attendre deux minutes
à chaque vérification. Que la visite en retard prenne un noyau de la marge, et non un remplaçant, se vérifie par
l'identifiant de son noyau plutôt que par l'attente d'une minute.
"""
import re
import threading
import time

import pytest

from tests.scripts_du_depot import importer

salle = importer("benchmarks/bench_tableaux_salle.py")

pytestmark = pytest.mark.browser

#: Les noyaux préchauffés du serveur : 2 pour la recherche, aucun pour les autres tableaux de bord.
N = 2
#: Secondes avant que Voilà remplace un noyau pris (``fill_delay`` ; 60 s livrées pour une salle).
DELAI_REMPLISSAGE = 10


def _noyaux(srv) -> set[str]:
    """Les identifiants des noyaux du serveur (``kernel-<id>.json`` de leur ligne de commande)."""
    ids = set()
    for p in srv.psutil.children(recursive=True):
        try:
            ligne = " ".join(p.cmdline())
        except salle.psutil.Error:
            continue
        if "ipykernel" in ligne:
            ids.update(re.findall(r"kernel-([0-9a-f-]+)\.json", ligne))
    return ids


@pytest.fixture(scope="module")
def serveur():
    with pytest.MonkeyPatch.context() as mp:
        # l'attente « réserve revenue » du banc suit le délai de remplacement du serveur
        mp.setattr(salle, "DELAI_SALLE", float(DELAI_REMPLISSAGE))
        with salle.Serveur(salle=N, extra_env={"ATELIER_DELAI_REMPLISSAGE": str(DELAI_REMPLISSAGE)}) as srv:
            assert srv.reserve == N + 2      # N personnes, et 2 noyaux pour les retards et les pages rechargées
            # le délai raccourci est bien celui de Voilà (le script fait exec) : sinon l'attente du retour à la
            # réserve serait plus courte que le remplacement, et un noyau qui fuit pourrait passer inaperçu
            assert f"--VoilaKernelManager.fill_delay={DELAI_REMPLISSAGE}" in srv.psutil.cmdline(), srv.psutil.cmdline()
            srv.attendre_reserve()
            yield srv


def test_un_fil_de_calcul_par_noyau(serveur):
    """Chaque noyau de la réserve calcule sur un seul fil : avec 2, les fils de l'encodeur de 10 noyaux se
    disputaient les cœurs (benchmarks/README.md), même si l'environnement de lancement en demande davantage."""
    noyaux = [p for p in serveur.psutil.children(recursive=True) if "ipykernel" in " ".join(p.cmdline())]
    assert len(noyaux) >= N
    assert {p.environ().get("OMP_NUM_THREADS") for p in noyaux} == {"1"}


def test_deux_pages_a_la_fois_puis_la_memoire_revient(serveur):
    assert serveur.attendre_noyaux(serveur.reserve, 30) is not None
    serveur.attendre_calme()
    avant = salle.memoire(serveur.psutil)
    visites = salle.vague(salle.chromium, serveur.url, N)
    for v in visites:
        assert v["erreurs"] == [] and "premier_resultat" in v, v
    print(f"premier résultat : {[round(v['premier_resultat'], 1) for v in visites]} s ; "
          f"mémoire avant {avant['pss']:.0f} Mo PSS ({avant['noyaux']} noyaux)")
    # les pages fermées, leurs noyaux s'arrêtent et la réserve se remplit à nouveau : autant de noyaux qu'avant
    debut = time.perf_counter()
    assert serveur.attendre_noyaux(serveur.reserve, 120) is not None, "des noyaux restent après la fermeture"
    print(f"retour à la réserve en {time.perf_counter() - debut:.0f} s")


def _dans_un_fil(fonction, *args):
    """Lance ``fonction`` dans un fil à part : l'API synchrone de Playwright refuse un fil où tourne déjà une boucle
    asyncio (celle que laisse le navigateur partagé des autres tests de la suite)."""
    sortie: dict = {}

    def travail():
        try:
            sortie["r"] = fonction(*args)
        except BaseException as exc:  # renvoyée telle quelle au test
            sortie["e"] = exc

    fil = threading.Thread(target=travail)
    fil.start()
    fil.join()
    if "e" in sortie:
        raise sortie["e"]
    return sortie["r"]


def test_recharger_une_page_ne_fuit_pas(serveur):
    r = _dans_un_fil(salle.rechargements, serveur, 5, serveur.reserve)
    print(f"PSS avant {r['avant']['pss']:.0f} Mo ({r['avant']['noyaux']} noyaux), après {r['apres']['pss']:.0f} Mo "
          f"({r['apres']['noyaux']} noyaux), écart {100 * r['ecart']:+.1f} %")
    assert r["erreurs"] == []
    assert r["retour_s"] is not None and r["apres"]["noyaux"] == r["avant"]["noyaux"]
    assert abs(r["ecart"]) <= 0.10


def test_deux_visites_sans_navigateur_obtiennent_le_resultat(serveur):
    """Le client sans navigateur du banc (part du serveur) : deux visites à la fois prennent des noyaux de la réserve
    (laissée pleine par le test précédent) et trouvent le bon intitulé ; une visite de plus a sa page en moins de
    30 s et, témoin, échoue si elle attend un intitulé absent ; puis tous leurs noyaux s'arrêtent."""
    reserve = _noyaux(serveur)           # les noyaux prêts avant la vague : N, et les 2 de la marge
    assert len(reserve) == serveur.reserve, reserve
    visites = _dans_un_fil(salle.visite_legere.vague, serveur.url, salle.NOTEBOOK, salle.REQUETES,
                           ["/voila/static/voila.js"], N)
    for v in visites:
        assert v["erreurs"] == [] and "premier_resultat" in v, v
    print(f"sans navigateur, premier résultat : {[round(v['premier_resultat'], 1) for v in visites]} s")
    # une visite de plus, juste après (un retard, une page rechargée) : elle prend un des 2 noyaux en plus, sans
    # attendre le remplacement (1 min en salle) ; et, témoin, elle ne dit pas « trouvé » sans le bon intitulé
    temoin = _dans_un_fil(salle.visite_legere.vague, serveur.url, salle.NOTEBOOK,
                          [("plonbier", "Astronaute de la marine")], [], 1, 30.0)[0]
    assert "utilisable" in temoin and "premier_resultat" not in temoin, temoin
    assert any(e.startswith("TimeoutError") for e in temoin["erreurs"]), temoin
    # son noyau est l'un de ceux qui étaient prêts avant la vague, pas un remplaçant lancé après (Voilà donne les
    # noyaux de sa réserve dans l'ordre : la 3e visite a celui d'une marge, ou attend un remplaçant sans marge)
    pris = re.findall(r"Using pre-heated kernel: (\S+) for", serveur.texte_journal())
    assert pris and pris[-1] in reserve, (pris[-3:], reserve)
    # pages fermées (POST /voila/api/shutdown/<noyau>) : leurs noyaux s'arrêtent, la réserve se remplit à nouveau
    assert serveur.attendre_noyaux(serveur.reserve, 120) is not None, "des noyaux restent après les visites"
