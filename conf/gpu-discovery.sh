#!/usr/bin/env bash
# Spark GPU discovery script: prints the GPU addresses this executor may use.
# Uses nvidia-smi when present; prints no addresses otherwise.
if command -v nvidia-smi >/dev/null 2>&1; then
  ids=$(nvidia-smi --query-gpu=index --format=csv,noheader 2>/dev/null | sed 's/ //g' | paste -sd, -)
else
  ids=""
fi
addrs=$(echo "$ids" | awk -F, '{for(i=1;i<=NF;i++){printf "%s\"%s\"", (i>1?",":""), $i}}')
echo "{\"name\": \"gpu\", \"addresses\": [${addrs}]}"
