#!/usr/bin/env bash
# The GPU check, on the lent GPU machine, in the project's root, after scripts/device/prepare.sh here:
#   carry [".device", "dist", ".work/device"], command: bash scripts/device/gpu-check.sh
# Unpacks node, node_modules and the Vulkan loader (.device/unpack.sh), then the int8 encoder and UCI
# News; runs `al-label doctor`, `npm run bench:gpu` (encode 1,000,000 headlines, dense, one loop round on
# 100,000 rows; its own budget 300 s, killed at 330 s) and a short webgpu smoke test; logs and JSON go to
# $OUT (doctor.*, bench-gpu.*, smoke.*). About 7 minutes; give the run a timeout_s of 480.
source .device/unpack.sh
set -uo pipefail
OUT=${OUT:-/tmp/al-label-gpu-out}; mkdir -p "$OUT"
inputs=/tmp/al-label-inputs; mkdir -p "$inputs"
xz -dc .work/device/inputs.tar.xz | tar -C "$inputs" -xf -
{ nvidia-smi; timeout -k 5 60 node bin/al-label.js doctor; } 2>&1 | tee "$OUT/doctor.log"
timeout -k 5 60 node bin/al-label.js doctor --json > "$OUT/doctor.json" 2>>"$OUT/doctor.log"
timeout -k 5 330 node scripts/bench-gpu.mjs --datasets "$inputs/datasets" --encoder "$inputs/encoder" --loop-rows 100000 --budget-s 300 --json-out "$OUT/bench-gpu.json" 2>&1 | tee "$OUT/bench-gpu.log"
echo "bench-gpu exit ${PIPESTATUS[0]}" | tee -a "$OUT/bench-gpu.log"
timeout -k 5 45 node scripts/device/webgpu-smoke.mjs "$inputs/datasets" "$OUT/smoke.json" 2>&1 | tee "$OUT/smoke.log"
echo "smoke exit ${PIPESTATUS[0]}" | tee -a "$OUT/smoke.log"
