"""Une visite du tableau de bord « Recherche de métiers » sans navigateur : ce que le serveur reçoit d'une personne.

Dans une vraie salle, chaque navigateur tourne sur le poste de la personne ; ici, sur une seule machine de 2 cœurs,
10 Chromium prennent à eux seuls l'essentiel du processeur (``benchmarks/README.md``). Pour mesurer la part du
**serveur** quand N personnes arrivent à la fois, ce client fait, par le réseau, exactement ce que fait la page :

1. il demande la page (``/voila/render/…``), qui donne le noyau préchauffé (``kernelId``) ;
2. il télécharge les mêmes fichiers que Chromium (scripts, feuilles de style, extensions), 6 à la fois comme un
   navigateur, sans cache : c'est une première visite ;
3. il ouvre la websocket du noyau, demande l'état de tous les widgets (``jupyter.widget.control`` /
   ``request_states``, comme ipywidgets 8) : la page est alors « utilisable » ;
4. il tape la requête lettre par lettre (une mise à jour de la zone de saisie toutes les 20 ms, comme
   ``continuous_update``) et attend que la zone de résultats contienne le bon intitulé ;
5. il ferme la page comme le navigateur (``POST /voila/api/shutdown/<noyau>``).

Tout tourne dans une seule boucle asyncio : N clients coûtent peu de processeur, et presque tout le travail
mesuré est celui du serveur (Voilà et les noyaux). Ce qu'il ne fait pas : dessiner la page (le travail du
navigateur, sur le poste de chacun) ; ``bench_tableaux_salle.py`` le mesure à part, avec Chromium.
"""
from __future__ import annotations

import asyncio
import datetime
import json
import re
import time
import uuid

from jupyter_server.services.kernels.connection.base import deserialize_binary_message
from tornado.httpclient import AsyncHTTPClient, HTTPRequest
from tornado.websocket import websocket_connect

CONFIG = re.compile(r'<script id="jupyter-config-data" type="application/json">(.*?)</script>', re.S)
CLASSE_SAISIE = "atelier-saisie"
CLASSE_RESULTATS = "atelier-resultats-zone"


def _message(session: str, canal: str, type_: str, contenu: dict, meta: dict | None = None) -> str:
    entete = {"msg_id": uuid.uuid4().hex, "username": "salle", "session": session, "msg_type": type_,
              "version": "5.3", "date": datetime.datetime.now(datetime.timezone.utc).isoformat()}
    return json.dumps({"header": entete, "parent_header": {}, "metadata": meta or {}, "content": contenu,
                       "channel": canal, "buffers": []})


def _lire(brut: str | bytes) -> dict:
    return deserialize_binary_message(brut) if isinstance(brut, bytes) else json.loads(brut)


async def _attendre(ws, condition, delai: float) -> dict:
    """Lit les messages du noyau jusqu'au premier qui remplit ``condition``."""
    fin = time.perf_counter() + delai
    while True:
        reste = fin - time.perf_counter()
        if reste <= 0:
            raise TimeoutError("le noyau n'a pas répondu à temps")
        brut = await asyncio.wait_for(ws.read_message(), reste)
        if brut is None:
            raise ConnectionError("websocket fermée par le serveur")
        msg = _lire(brut)
        if condition(msg):
            return msg


def _modele(etats: dict, classe: str) -> str:
    for ident, modele in etats.items():
        if classe in modele.get("state", {}).get("_dom_classes", ()):
            return ident
    raise LookupError(f"aucun widget de classe {classe}")


async def _page(client, adresse: str, delai: float, resultat: dict, essais: int = 2) -> str:
    """Demande la page et rend l'identifiant de son noyau (``kernelId`` de ``jupyter-config-data``).

    Une page sans ce bloc n'est pas une page de tableau de bord (page d'erreur de Voilà, réponse coupée) : au lieu
    d'un ``AttributeError`` sur ``None``, on redemande la page une fois (la durée compte depuis la première
    demande ; ``resultat["reprises"]`` le note), puis on échoue avec le code HTTP et le début de la réponse."""
    for essai in range(1, essais + 1):
        page = await client.fetch(adresse, request_timeout=delai, raise_error=False)
        corps = (page.body or b"").decode("utf-8", errors="replace")
        trouve = CONFIG.search(corps) if page.code == 200 else None
        if trouve is not None:
            return json.loads(trouve.group(1))["kernelId"]
        if essai < essais:
            resultat["reprises"] = resultat.get("reprises", 0) + 1
            await asyncio.sleep(1)
    extrait = " ".join(re.sub(r"<[^>]+>", " ", corps).split())[:160]
    raise RuntimeError(f"page sans noyau après {essais} demandes (HTTP {page.code}, {len(corps)} caractères) : "
                       f"« {extrait} »")


async def visite(url: str, notebook: str, requete: str, attendu: str, fichiers: list[str],
                 depart: asyncio.Event | None = None, delai: float = 120.0) -> dict:
    """Une personne, sans navigateur. Rend les durées (s) depuis la demande de la page, et les erreurs."""
    client = AsyncHTTPClient(force_instance=True, max_clients=6)
    resultat: dict = {"erreurs": []}
    if depart is not None:
        await depart.wait()
    debut = time.perf_counter()
    noyau = None
    try:
        noyau = await _page(client, f"{url}/voila/render/{notebook}", delai, resultat)
        await asyncio.gather(*(client.fetch(url + f, request_timeout=delai) for f in fichiers))
        session = uuid.uuid4().hex
        ws = await websocket_connect(url.replace("http", "ws", 1) + f"/api/kernels/{noyau}/channels"
                                     f"?session_id={session}", max_message_size=64 * 2**20)
        try:
            controle = uuid.uuid4().hex
            await ws.write_message(_message(session, "shell", "kernel_info_request", {}))
            await ws.write_message(_message(session, "shell", "comm_open", {
                "comm_id": controle, "target_name": "jupyter.widget.control", "data": {}}, {"version": "1.0.0"}))
            await ws.write_message(_message(session, "shell", "comm_msg", {
                "comm_id": controle, "data": {"method": "request_states"}}))
            etats = (await _attendre(ws, lambda m: m["header"]["msg_type"] == "comm_msg"
                                     and m["content"].get("comm_id") == controle, delai))["content"]["data"]["states"]
            saisie, zone = _modele(etats, CLASSE_SAISIE), _modele(etats, CLASSE_RESULTATS)
            resultat["utilisable"] = time.perf_counter() - debut
            for i in range(1, len(requete) + 1):
                await ws.write_message(_message(session, "shell", "comm_msg", {
                    "comm_id": saisie, "data": {"method": "update", "state": {"value": requete[:i]},
                                                "buffer_paths": []}}))
                await asyncio.sleep(0.02)
            tape = time.perf_counter()

            def trouve(m: dict) -> bool:
                c = m["content"]
                return (m["header"]["msg_type"] == "comm_msg" and c.get("comm_id") == zone
                        and attendu in str(c.get("data", {}).get("state", {}).get("value", "")))

            await _attendre(ws, trouve, delai)
            resultat["premier_resultat"] = time.perf_counter() - debut
            resultat["apres_frappe"] = time.perf_counter() - tape
        finally:
            ws.close()
    except Exception as exc:  # noqa: BLE001 — une visite ratée est une mesure, pas un plantage du banc
        resultat["erreurs"].append(f"{type(exc).__name__}: {str(exc)[:200]}")
    finally:
        if noyau is not None:   # la page se ferme : comme le navigateur (beforeunload), Voilà arrête le noyau
            try:
                await client.fetch(HTTPRequest(f"{url}/voila/api/shutdown/{noyau}", method="POST", body=b""))
            except Exception as exc:  # noqa: BLE001
                resultat["erreurs"].append(f"arrêt du noyau : {type(exc).__name__}")
        client.close()
    return resultat


def vague(url: str, notebook: str, requetes: list[tuple[str, str]], fichiers: list[str], n: int,
          delai: float = 120.0, top_depart=None) -> list[dict]:
    """N visites sans navigateur, lancées au même instant dans une seule boucle asyncio. ``top_depart`` (facultatif)
    est appelé juste avant le départ : par exemple ``threading.Barrier.wait``, pour partir avec un navigateur."""
    async def tout() -> list[dict]:
        depart = asyncio.Event()
        taches = [asyncio.create_task(visite(url, notebook, *requetes[i % len(requetes)], fichiers, depart, delai))
                  for i in range(n)]
        await asyncio.sleep(0.1)
        if top_depart is not None:
            top_depart()
        depart.set()
        return await asyncio.gather(*taches)

    return asyncio.run(tout())
