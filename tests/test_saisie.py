"""Le temporisateur des zones de saisie (``atelier.ui.saisie.temporiser``)."""
import asyncio

from atelier.ui.saisie import temporiser


def test_sans_boucle_l_appel_est_immediat():
    appels = []
    f = temporiser(0.3)(appels.append)
    f("a")
    assert appels == ["a"]


def test_dans_une_boucle_seul_le_dernier_appel_part_apres_le_delai():
    appels = []
    f = temporiser(0.05)(appels.append)

    async def taper():
        for lettre in "abc":
            f(lettre)
        assert appels == []              # rien tant que la personne tape
        await asyncio.sleep(0.2)

    asyncio.run(taper())
    assert appels == ["c"]


def test_delai_nul_immediat_meme_dans_une_boucle():
    """Une boucle tourne déjà dans le processus (Playwright, un noyau) : un délai nul ne doit rien différer."""
    appels = []
    f = temporiser(0)(appels.append)

    async def envoyer():
        f("x")
        assert appels == ["x"]

    asyncio.run(envoyer())
