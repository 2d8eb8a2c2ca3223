#!/usr/bin/env bash
# Sert les tableaux de bord (notebooks/dashboards/) avec Voilà, sans code à l'écran, sur ce poste ou sur le
# réseau local de la salle :
#   bash scripts/tableaux_de_bord.sh [adresse IP, par défaut 127.0.0.1] [port, 8866] [--salle N] [--tableaux a,b]
# --salle N (ou ATELIER_SALLE=N) : N noyaux préparés d'avance (préchauffés) pour chaque tableau de bord choisi,
#   afin que N personnes qui ouvrent la page en même temps l'aient en quelques secondes ; par défaut 1. Pour une
#   salle (N ≥ 2), 2 de plus (ATELIER_MARGE) : pour qui arrive en retard ou recharge sa page dans la minute.
# --tableaux a,b (ou ATELIER_TABLEAUX) : les tableaux de bord qui reçoivent ces N noyaux (noms des notebooks sans
#   .ipynb, par exemple recherche_de_metiers,sonde_de_biais) ; les autres en gardent 1. Par défaut : tous.
# Les réglages (gabarit, noyaux préchauffés, arrêt du noyau d'une page fermée, fils de calcul) sont ceux de tous
# les déploiements : share/jupyter/config/atelier.toml, section « tableaux » (lue par share/jupyter/config/voila.py).
set -euo pipefail
cd "$(dirname "$0")/.."
IP=127.0.0.1; PORT=8866; SALLE=${ATELIER_SALLE:-1}; TABLEAUX=${ATELIER_TABLEAUX:-}
POSITION=0
while [ $# -gt 0 ]; do
  case "$1" in
    --salle) SALLE=${2:?"--salle attend un nombre de personnes"}; shift 2 ;;
    --salle=*) SALLE=${1#--salle=}; shift ;;
    --tableaux) TABLEAUX=${2:?"--tableaux attend des noms de tableaux de bord"}; shift 2 ;;
    --tableaux=*) TABLEAUX=${1#--tableaux=}; shift ;;
    -h|--help) sed -n 2,11p "$0"; exit 0 ;;
    *) if [ $POSITION -eq 0 ]; then IP=$1; else PORT=$1; fi; POSITION=$((POSITION + 1)); shift ;;
  esac
done
case "$SALLE" in ''|*[!0-9]*) echo "--salle attend un nombre entier de personnes (reçu : « $SALLE »)" >&2; exit 2 ;; esac
[ "$SALLE" -ge 1 ] || SALLE=1
[ -x .venv/bin/voila ] || bash scripts/installer.sh

# Mémoire d'un noyau de chaque tableau de bord et du serveur Voilà, en Mo : le pic mesuré d'un noyau seul, écrit
# une seule fois dans salle/dimensionnement.toml (avec la taille d'une salle). Plusieurs noyaux d'un même tableau
# partagent bibliothèques et vecteurs : la prévision compte un peu large.
declare -A MO=()
while IFS='=' read -r nom mo; do MO[$nom]=$mo; done < <(.venv/bin/python salle/dimensionnement.py --tableaux)
SERVEUR_MO=${MO[serveur_voila_mo]:?"salle/dimensionnement.toml illisible"}

TOUS=(); for nb in notebooks/dashboards/*.ipynb; do TOUS+=("$(basename "$nb" .ipynb)"); done
CHOISIS=()
if [ -n "$TABLEAUX" ]; then
  IFS=',' read -r -a CHOISIS <<< "$TABLEAUX"
  for t in "${CHOISIS[@]}"; do
    [ -f "notebooks/dashboards/${t%.ipynb}.ipynb" ] || { echo "Tableau de bord inconnu : « $t » (choix : ${TOUS[*]})" >&2; exit 2; }
  done
else
  CHOISIS=("${TOUS[@]}")
fi

# Une salle (N ≥ 2) : une page prise n'est remplacée qu'une minute plus tard (voir plus bas), et Voilà donne à la
# personne suivante le premier noyau de la réserve, même pas encore démarré : sans noyaux en plus, qui arrive en
# retard ou recharge sa page dans cette minute attendrait la fin du délai. Ces noyaux en plus la servent aussitôt.
MARGE=${ATELIER_MARGE:-2}
case "$MARGE" in ''|*[!0-9]*) MARGE=2 ;; esac
[ "$SALLE" -gt 1 ] || MARGE=0
AUTRES=${ATELIER_RESERVE_AUTRES:-1}   # noyaux préparés pour les tableaux de bord non choisis (0 : aucun)
case "$AUTRES" in ''|*[!0-9]*) AUTRES=1 ;; esac
POOLS="{\"default\": {\"pool_size\": $AUTRES}"
TOTAL_MO=$SERVEUR_MO; NOYAUX=0
for t in "${TOUS[@]}"; do
  n=$AUTRES
  for c in "${CHOISIS[@]}"; do [ "${c%.ipynb}" = "$t" ] && n=$((SALLE + MARGE)); done
  POOLS+=", \"$t.ipynb\": {\"pool_size\": $n}"
  NOYAUX=$((NOYAUX + n)); TOTAL_MO=$((TOTAL_MO + n * ${MO[$t]:-${MO[inconnu_mo]}}))   # pas encore mesuré : le plus lourd
done
POOLS+='}'

echo "→ Tableaux de bord (Ctrl+C pour arrêter) :"
for t in "${TOUS[@]}"; do echo "   http://$IP:$PORT/voila/render/$t.ipynb"; done
DISPO_MO=$(awk '/MemAvailable/ {print int($2 / 1024)}' /proc/meminfo 2>/dev/null || echo 0)
echo "→ Salle de $SALLE personne(s) : $NOYAUX noyaux préparés d'avance ($((SALLE + MARGE)) pour ${CHOISIS[*]}, dont $MARGE pour les retards et les pages rechargées ; $AUTRES pour les autres)."
echo "   Mémoire prévue : ≈ $(( (TOTAL_MO + 50) / 100 / 10 )),$(( (TOTAL_MO + 50) / 100 % 10 )) Go (serveur ≈ $SERVEUR_MO Mo + noyaux), mémoire libre sur ce poste : ≈ $(( DISPO_MO / 1024 )) Go."
if [ "$DISPO_MO" -gt 0 ] && [ "$TOTAL_MO" -gt "$DISPO_MO" ]; then
  echo "   Attention : c'est plus que la mémoire libre. Réduisez --salle, ou choisissez les tableaux de bord de la séance avec --tableaux." >&2
fi
echo "   Les noyaux se préparent en arrière-plan (≈ 3 s chacun sur 2 cœurs) ; une page fermée libère le sien en moins de 2 min."
# Un fil de calcul par noyau (réglage « fils » du tableau) : c'est le nombre de personnes qui occupe les cœurs.
export JUPYTER_PATH="$PWD/share/jupyter${JUPYTER_PATH:+:$JUPYTER_PATH}"
export JUPYTER_CONFIG_PATH="$PWD/share/jupyter/config${JUPYTER_CONFIG_PATH:+:$JUPYTER_CONFIG_PATH}"
export ATELIER_DEPLOIEMENT=tableaux
# traitlets juge « dépréciée » une réserve passée en JSON ; c'est pourtant la seule forme que Voilà comprend ici.
export PYTHONWARNINGS="${PYTHONWARNINGS:+$PYTHONWARNINGS,}ignore:--kernel_pools_config:DeprecationWarning"
# Une salle (--salle 2 ou plus) : un noyau pris dans la réserve n'est remplacé qu'une minute plus tard, une fois
# la salle installée ; sinon les remplacements (≈ 2,5 s de processeur chacun) ralentissent les premières
# recherches de tout le monde (mesure : benchmarks/README.md). Seul (share/jupyter/config) : remplacé aussitôt.
DELAI_SALLE=${ATELIER_DELAI_REMPLISSAGE:-60}
REMPLISSAGE=()
[ "$SALLE" -gt 1 ] && REMPLISSAGE=(--VoilaKernelManager.fill_delay="$DELAI_SALLE")
exec .venv/bin/voila notebooks/dashboards --no-browser --Voila.ip="$IP" --port="$PORT" \
  --VoilaKernelManager.kernel_pools_config="$POOLS" "${REMPLISSAGE[@]}"
