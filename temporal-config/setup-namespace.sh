#!/bin/sh
# One-shot (admin-tools image): the Pulso namespace and its search attributes. Idempotent.
# The attributes let the Temporal UI and `temporal workflow list --query` filter runs by table and trigger,
# for example: PulsoTable = 'dashboard_data' AND PulsoTrigger = 'schedule'.
set -eu
ADDRESS="${TEMPORAL_ADDRESS:-temporal:7233}"
NAMESPACE="${TEMPORAL_NAMESPACE:-pulso}"
RETENTION="${TEMPORAL_RETENTION:-30d}"

attempt=0
until temporal operator cluster health --address "$ADDRESS" >/dev/null 2>&1; do
  attempt=$((attempt + 1))
  [ "$attempt" -ge 30 ] && { echo "Temporal at $ADDRESS is not healthy"; exit 1; }
  sleep 2
done

if temporal operator namespace describe --address "$ADDRESS" --namespace "$NAMESPACE" >/dev/null 2>&1; then
  echo "namespace $NAMESPACE exists"
else
  temporal operator namespace create --address "$ADDRESS" --namespace "$NAMESPACE" --retention "$RETENTION" \
    --description "Pulso ETL refreshes"
fi

existing="$(temporal operator search-attribute list --address "$ADDRESS" --namespace "$NAMESPACE")"
for attribute in PulsoTable PulsoTrigger PulsoMode; do
  if echo "$existing" | grep -qw "$attribute"; then
    echo "search attribute $attribute exists"
  else
    temporal operator search-attribute create --address "$ADDRESS" --namespace "$NAMESPACE" \
      --name "$attribute" --type Keyword
  fi
done
echo "namespace $NAMESPACE ready"
