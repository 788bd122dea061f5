#!/bin/sh
# Starts an Erlbank service: records the start in the shared data/log volume, then serves HTTP.
set -e
mkdir -p /data
echo "$(date -u +%Y-%m-%dT%H:%M:%SZ) started $SERVICE_NAME node=$NODE_NAME log_level=$LOG_LEVEL" >> "/data/$SERVICE_NAME.log"
exec httpd -f -v -p 8080 -h /www
