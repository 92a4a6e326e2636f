#!/usr/bin/env bash
# Writes the seed corpora under fuzz/corpus/<target>/ from the shared vectors (../shared, or
# $ZEEKWS_SHARED), the repository's .zeek files and a few literals. The corpora are build
# output: never committed (fuzz/.gitignore).
set -euo pipefail
cd "$(dirname "$0")"
shared="${ZEEKWS_SHARED:-../../shared}"
[ -d "$shared/vectors" ] || { echo "error: no $shared/vectors; set ZEEKWS_SHARED=/path/to/shared" >&2; exit 1; }
mkdir -p corpus/{value,message,typed,zeek_script,literal,handshake}
python3 - "$shared/vectors" <<'PY'
import hashlib, json, os, sys
root = sys.argv[1]
def put(target, data):
    name = hashlib.sha1(data).hexdigest()[:16]
    with open(os.path.join("corpus", target, name), "wb") as f:
        f.write(data)
def strings(v):
    if isinstance(v, str):
        if v.lstrip().startswith(("{", "[")):
            yield v
    elif isinstance(v, list):
        for x in v:
            yield from strings(x)
    elif isinstance(v, dict):
        for x in v.values():
            yield from strings(x)
files = [os.path.join(root, f) for f in os.listdir(root) if f.endswith(".json")]
files += [os.path.join(root, "live", f) for f in os.listdir(os.path.join(root, "live")) if f.endswith(".json")]
n = 0
for path in sorted(files):
    with open(path) as f:
        doc = json.load(f)
    for s in strings(doc):
        data = s.encode()
        for target in ("value", "message", "typed"):
            put(target, data)
        if s.startswith("["):
            put("handshake", data)
        n += 1
print(f"{n} JSON seeds from {len(files)} files")
PY
for f in "$shared/vectors/live/app.zeek" ../zeekws-codegen/tests/fixtures/*/*.zeek ../examples/zeek/*.zeek ../tests/compile/tests/ui/zeek/*.zeek ../zeekws-runtime/src/contract/*.zeek; do
  [ -f "$f" ] && cp "$f" "corpus/zeek_script/$(basename "$(dirname "$f")")-$(basename "$f")"
done
i=0
for lit in '10.0.0.1' '[2001:db8::1]' '80/tcp' '10.0.0.0/8' '1.5 secs' '3mins' 'T' '"a\tb"' '+3' '-3' '4.0' '1e-7' \
  '[$a=1, $b="x"]' 'set(1, 2)' 'table(["k"] = 1)' 'vector(1, vector(2))' 'App::RED' '/ab+c/' 'App::ping("hi", 41)'; do
  printf '%s' "$lit" > "corpus/literal/seed$i"; i=$((i + 1))
done
printf 'GET /v1/messages/json HTTP/1.1\r\nHost: 127.0.0.1\r\nUpgrade: websocket\r\nConnection: Upgrade\r\nSec-WebSocket-Key: dGhlIHNhbXBsZSBub25jZQ==\r\nSec-WebSocket-Version: 13\r\n\r\n' > corpus/handshake/upgrade
for t in corpus/*; do echo "$(basename "$t"): $(ls "$t" | wc -l) seeds"; done
