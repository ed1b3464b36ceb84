#!/usr/bin/env bash
# Set everything up and run the main job on the embedded default (SQLite in ./chidao-data):
# ingest the bundled example documents, then list their tasks with their standing today.
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/setup.sh
.venv/bin/chidao ingest examples/*.txt examples/*.docx examples/*.pdf --accept
.venv/bin/chidao tasks --format table
echo
echo "Kho dữ liệu: ./chidao-data (SQLite). Thử: .venv/bin/chidao search \"giai phong mat bang\" · .venv/bin/chidao stats"
