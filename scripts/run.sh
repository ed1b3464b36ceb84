#!/usr/bin/env bash
# Set everything up and run the main job on the embedded default: extract the bundled
# example documents and print their tasks.
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/setup.sh
.venv/bin/chidao extract examples/*.txt examples/*.docx examples/*.pdf --format table
