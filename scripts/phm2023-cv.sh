#!/usr/bin/env bash
# Cross-validation of the phm2023 domain by spacecraft with whole fault kinds held out as unknown:
# for each test spacecraft (1, 2, 3) and each held-out kind (bubble, valve), train on the two other
# spacecraft without that kind and evaluate on the third, where that kind is novel (its right answer
# UNKNOWN_ANOMALY). Usage: scripts/phm2023-cv.sh DATA_DIR OUT_DIR  (runs ./hotfire; HOTFIRE=... to override)
set -euo pipefail
data=${1:?DATA_DIR}; out=${2:?OUT_DIR}
here=$(cd "$(dirname "$0")/.." && pwd)
hotfire=${HOTFIRE:-$here/hotfire}
folds=()
for sc in 1 2 3; do
  for hold in bubble valve; do
    f=$out/sc$sc-$hold
    python3 "$here/scripts/phm2023-labels.py" "$data" "$f" --test-spacecraft $sc --hold-out $hold
    $hotfire train "$f" --engine phm2023 --hold-out none > "$f/train.txt"
    $hotfire evaluate "$f" --engine phm2023 --model "$f/learned-model.json" --arm rules,learned,hybrid --out "$f/report" > /dev/null
    folds+=("$f")
  done
done
python3 "$here/scripts/phm2023-score.py" "${folds[@]}"
