#!/bin/sh
# Regenerates the notebooks in this folder from the shipped data sets: for each one, `leadscore train`
# learns a card, writes it here as <name>.card.json and writes <name>.ipynb, the report on the card's
# test leads (the notebook's Python cell reloads the card next to it).
#
#   notebooks-export/regenerate.sh                      # builds leadscore (release) first
#   LEADSCORE=path/to/leadscore notebooks-export/regenerate.sh
#
# Runs from any folder; the cards carry their creation time, so every run changes them a little.
set -eu

root=$(cd "$(dirname "$0")/.." && pwd)
cd "$root"
if [ -z "${LEADSCORE:-}" ]; then
    swift build -c release --product leadscore
    LEADSCORE="$(swift build -c release --show-bin-path)/leadscore"
fi

out=notebooks-export
shoppers=datasets/online-shoppers/online_shoppers_intention.csv
shopper_roles="--role OperatingSystems=categorical --role Browser=categorical --role Region=categorical --role TrafficType=categorical"

train() {
    name=$1
    shift
    echo "== $name"
    "$LEADSCORE" train "$@" --out "$out/$name.card.json" --report "$out/$name.ipynb"
}

train synthetic datasets/synthetic/leads.csv --target converted
# shellcheck disable=SC2086 # the roles are separate words
train online-shoppers "$shoppers" --target Revenue $shopper_roles
# shellcheck disable=SC2086
train online-shoppers-without-pagevalues "$shoppers" --target Revenue $shopper_roles --exclude PageValues
