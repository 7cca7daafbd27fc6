#!/bin/sh
# Back-fills DAYS days of the simulated platform into the Prometheus TSDB at DIR, once.
# Used by docker compose's `backfill` service and run as-is by the integration test.
set -eu
dir=$1
days=${2:-35}
marker="$dir/.headroom-backfilled"
if [ -f "$marker" ]; then
  echo "history already back-filled in $dir"
  exit 0
fi
mkdir -p "$dir"
tmp=$(mktemp -d)
# the job/instance labels of the live scrape (provisioning/prometheus/prometheus.yml), so history and present are one series
npx tsx src/demo/cli.ts backfill --days "$days" --step 1m --label job=platform --label instance=simulator:9200 --out "$tmp/history.om"
# Large blocks: with the default 2h blocks promtool re-reads the whole file once per block (420x for 35 days).
promtool tsdb create-blocks-from openmetrics --max-block-duration=1000h "$tmp/history.om" "$dir"
rm -rf "$tmp"
# prom/prometheus runs as nobody: let it own the blocks it will compact.
chown -R 65534:65534 "$dir" 2>/dev/null || true
touch "$marker"
echo "back-filled $days days into $dir"
