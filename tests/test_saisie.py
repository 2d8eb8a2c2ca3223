"""Le temporisateur des zones de saisie (``atelier.ui.saisie.temporiser``).

Chaque cas tourne dans un fil à part : dans la suite complète, Playwright laisse une boucle asyncio active dans le
fil principal, et le cas « sans boucle » n'y serait plus vrai.
"""
import asyncio
import threading

from atelier.ui.saisie import temporiser


def _dans_un_fil(fn):
    erreurs = []

    def cible():
        try:
            fn()
        except BaseException as e:  # remonté au test ci-dessous
            erreurs.append(e)

    fil = threading.Thread(target=cible)
    fil.start()
    fil.join(timeout=10)
    if erreurs:
        raise erreurs[0]


def test_sans_boucle_l_appel_est_immediat():
    appels = []

    def cas():
        temporiser(0.3)(appels.append)("a")

    _dans_un_fil(cas)
    assert appels == ["a"]


def test_dans_une_boucle_seul_le_dernier_appel_part_apres_le_delai():
    appels = []
    f = temporiser(0.05)(appels.append)

    async def taper():
        for lettre in "abc":
            f(lettre)
        assert appels == []              # rien tant que la personne tape
        await asyncio.sleep(0.2)

    _dans_un_fil(lambda: asyncio.run(taper()))
    assert appels == ["c"]


def test_delai_nul_immediat_meme_dans_une_boucle():
    """Une boucle tourne déjà (Playwright, un noyau) : un délai nul ne doit rien différer."""
    appels = []
    f = temporiser(0)(appels.append)

    async def envoyer():
        f("x")
        assert appels == ["x"]

    _dans_un_fil(lambda: asyncio.run(envoyer()))
    assert appels == ["x"]
