#!/usr/bin/env bash
# Runs every fuzz target for SECONDS (default 60) with cargo-fuzz on the nightly toolchain,
# seeding the corpora first (fuzz/seed.sh), and prints each target's executions.
#   cargo install cargo-fuzz    # once
#   fuzz/run.sh 300
# A crash stops the run and leaves its input under fuzz/artifacts/<target>/.
set -euo pipefail
cd "$(dirname "$0")"
seconds="${1:-60}"
[ -d corpus ] || ./seed.sh
for t in value message typed zeek_script literal handshake; do
  log="$(mktemp)"
  cargo +nightly fuzz run "$t" "corpus/$t" -- -max_total_time="$seconds" -print_final_stats=1 2>"$log" || {
    tail -40 "$log"; echo "fuzz target $t FAILED (input under fuzz/artifacts/$t/)" >&2; exit 1; }
  runs=$(grep -o 'stat::number_of_executed_units: *[0-9]*' "$log" | grep -o '[0-9]*$' || echo '?')
  echo "$t: $runs executions in ${seconds}s, no failure"
  rm -f "$log"
done
