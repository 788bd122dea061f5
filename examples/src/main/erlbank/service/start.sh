#!/bin/sh
# Starts an Erlbank service: records the start in the shared data/log volume, then serves HTTP.
set -e
mkdir -p /data
echo "$(date -u +%Y-%m-%dT%H:%M:%SZ) started $SERVICE_NAME node=$NODE_NAME log_level=$LOG_LEVEL" >> "/data/$SERVICE_NAME.log"
# In a Kubernetes pod this script is process 1, which ignores SIGTERM unless it handles it: pass it on to
# httpd, so a deleted pod stops at once instead of after its grace period (Docker's --init does the same).
httpd -f -v -p 8080 -h /www &
trap 'kill -TERM $!; wait $!; exit 0' TERM INT
wait $!
