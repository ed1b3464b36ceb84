#!/usr/bin/env bash
# Set everything up and run the main job on the embedded default (SQLite in ./chidao-data):
# ingest the bundled example documents, list their tasks with their standing today, then
# start the web application and say where it is and how to log in.
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/setup.sh
.venv/bin/chidao ingest examples/*.txt examples/*.docx examples/*.pdf --accept
.venv/bin/chidao tasks --format table

# the administrator's account: made once, its password kept beside the data
data="${CHIDAO_DATA_DIR:-chidao-data}"
secret="$data/admin-password.txt"
if [ ! -s "$secret" ]; then
  mkdir -p "$data"
  umask 077
  .venv/bin/python -c "import secrets; print(secrets.token_urlsafe(12))" > "$secret"
  .venv/bin/chidao user add admin --role admin --password "$(cat "$secret")"
fi

host="${CHIDAO_HOST:-127.0.0.1}"
port="${CHIDAO_PORT:-8000}"
echo
echo "Ứng dụng web: http://$host:$port"
echo "Đăng nhập: admin / $(cat "$secret")   (mật khẩu lưu trong $secret)"
echo "Dòng lệnh: .venv/bin/chidao search \"giai phong mat bang\" · .venv/bin/chidao stats"
exec .venv/bin/chidao serve --host "$host" --port "$port"
