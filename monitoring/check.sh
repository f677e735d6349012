#!/usr/bin/env bash
# Validates the monitoring configuration with the real tools: promtool (Debian package `prometheus`) and amtool
# (`prometheus-alertmanager`). Called by .ci/run; runs alone too: monitoring/check.sh
set -euo pipefail
cd "$(dirname "$0")"

# The full check opens every file the config references; the api key file only exists inside the Prometheus
# container, so a copy of the config points it at a temporary one.
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
cp -r prometheus/. "$tmp/"
printf 'ci-placeholder-key' > "$tmp/api-key"
sed -i "s#/run/pulso/api-key#$tmp/api-key#" "$tmp/prometheus.yml"
promtool check config --syntax-only prometheus/prometheus.yml
promtool check config "$tmp/prometheus.yml"

promtool check rules prometheus/rules/*.yml
promtool test rules prometheus/tests/*.yml

if command -v amtool >/dev/null; then
  amtool check-config alertmanager/alertmanager.yml
else
  echo "amtool not installed: alertmanager.yml not checked" >&2
fi

# The Grafana dashboard's queries are checked against a real scrape by app's MonitoringMetricNamesTest (mvn verify).
echo "monitoring config is valid"
