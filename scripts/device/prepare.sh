#!/usr/bin/env bash
# Prepares a GPU check, here, from the project's root (no GPU needed):
#   bash scripts/device/prepare.sh [encoder-dir] [datasets-dir]
# defaults: models/all-MiniLM-L6-v2 (npm run fetch:encoder) and $AL_LABEL_DATASETS, else ../shared/datasets. It builds dist/, packs .device/
# (../shared/gpu/pack-device.sh, skipped when .device is newer than package-lock.json; REPACK=1 forces
# it), writes .work/device/inputs.tar.xz (the encoder as int8, see pack-encoder.mjs, and UCI News),
# and prints the carry list and what travels. Then, on the GPU machine: bash scripts/device/gpu-check.sh
set -euo pipefail
root=$(git rev-parse --show-toplevel); cd "$root"
encoder=${1:-models/all-MiniLM-L6-v2}
datasets=${2:-${AL_LABEL_DATASETS:-../shared/datasets}}
uci="$datasets/uci-news-aggregator/uci_news_5publishers.csv"
[ -f "$encoder/model.safetensors" ] || { echo "no $encoder/model.safetensors (give the encoder folder as the first argument)" >&2; exit 66; }
[ -f "$uci" ] || { echo "no $uci (give the datasets folder as the second argument)" >&2; exit 66; }
npm run build >/dev/null
pack="$root/../shared/gpu/pack-device.sh"
if [ -n "${REPACK:-}" ] || [ ! -f .device/nm.tar.xz ] || [ package-lock.json -nt .device/nm.tar.xz ]; then
  [ -f "$pack" ] || pack=/work/shared/gpu/pack-device.sh   # a worktree's ../shared is elsewhere
  if [ -f .git ]; then
    # a git worktree: .git is a file, so pack-device.sh's .git/info/exclude line needs the common dir
    tmp=$(mktemp -d); cp "$(dirname "$pack")/unpack-device.sh" "$tmp/"
    sed 's#grep -qx .*info/exclude$#ex="$(git rev-parse --git-common-dir)/info/exclude"; grep -qx "/.device/" "$ex" 2>/dev/null || echo "/.device/" >> "$ex"#' "$pack" > "$tmp/pack-device.sh"
    pack="$tmp/pack-device.sh"
  fi
  bash "$pack"
fi
stage=$(mktemp -d); trap 'rm -rf "$stage"' EXIT
node scripts/device/pack-encoder.mjs "$encoder" "$stage/encoder"
mkdir -p "$stage/datasets/uci-news-aggregator" .work/device
cp "$uci" "$stage/datasets/uci-news-aggregator/"
tar -C "$stage" -cf - encoder datasets | xz -T2 -6 > .work/device/inputs.tar.xz
tree=$(git ls-files -co --exclude-standard -z | xargs -0 cat 2>/dev/null | wc -c)
carried=$(du -cb .device dist .work/device | tail -1 | cut -f1)
total=$(( (tree + carried) / 1048576 ))
du -sh .device dist .work/device
echo "working tree ~$((tree / 1048576)) MiB; with the carried paths ~${total} MiB (limit 64 MiB)"
[ "$total" -lt 64 ] || echo "warning: over 64 MiB: re-pack with DEVICE_SKIP=\"onnxruntime-node onnxruntime-common @tensorflow/tfjs-node-gpu google-protobuf\" REPACK=1" >&2
[ "$total" -lt 64 ] || echo "or move encoders/minilm-l6-static/model.safetensors out of the tree for the run (the check does not use it)" >&2
echo 'carry: [".device", "dist", ".work/device"]   command: bash scripts/device/gpu-check.sh   timeout_s: 480'
