#!/usr/bin/env bash
# Runs the example pipeline (scripts/pipeline/deploy.sh) for Erlbank's accounts service, released
# blue/green on the local Docker engine, from a throw-away git repository holding the release settings:
#   1. the first release (preprod, then promoted to prod)         -> exit 0, prod serves version 1
#   2. a good change (version 2), promoted from preprod to prod  -> exit 0, prod serves version 2
#   3. a change made only to prod's configuration (version 4, never verified in preprod): promote
#      refuses it, naming the artifact                            -> exit 1, prod still serves version 2
#   4. a bad change (version 3 with a log level the service rejects): it fails verification in preprod,
#      whose strategy rolls it back automatically                 -> exit 3, both stacks serve version 2
#   5. a change that passes preprod but fails in prod (each stack's log level is in its own file, prod's
#      has a typo): the strategy keeps prod's traffic on the stable version and the pipeline rolls prod
#      back                                                       -> exit 4, prod still serves version 2
# Each exit code and the version each stack serves are checked; any mismatch fails this script.
# Needs DOCKER_HOST (scripts/docker/start-dockerd.sh) and the built examples module (mvn verify/package).
# The program runs through the examples' launcher, target/converge (README, "Run without Maven"), as a CI
# job would run it: no Maven start-up per command, and a class data sharing archive after the first.
set -euo pipefail
ROOT=$(cd "$(dirname "$0")/../.." && pwd)
: "${DOCKER_HOST:?set DOCKER_HOST: eval \"$(scripts/docker/start-dockerd.sh)\"}"
[ -x "$ROOT/examples/target/converge" ] || { echo "demo: build the examples module first (mvn package)" >&2; exit 1; }
WORK=$(mktemp -d /tmp/converge-pipeline.XXXXXX)
export CONVERGE="env CONVERGE_MAIN_CLASS=dev.converge.examples.deploy.ErlbankReleases $ROOT/examples/target/converge"
export CONVERGE_ERLBANK_SOURCES="$ROOT/examples/src/main/erlbank"
export CONVERGE_TESTS='$CONVERGE validate --stack preprod'
cd "$WORK"
git init -q && git config user.email pipeline@example.com && git config user.name pipeline
printf ".converge/\n*.log\n" > .gitignore

cleanup() {
  for stack in preprod prod; do $CONVERGE destroy --auto-approve --stack "$stack" >/dev/null 2>&1 || true; done
  cd / && rm -rf "$WORK"
}
trap cleanup EXIT

release() { # version, log level: commits the release settings, as a developer's push would
  printf 'CONVERGE_ACCOUNTS_VERSION=%s\nCONVERGE_LOG_LEVEL=%s\n' "$1" "$2" > release.env
  git add -A && git commit -q -m "accounts $1 (log level $2)"
}

pipeline() { # expected exit code
  set +e
  ( set -a; . ./release.env; set +a; "$ROOT/scripts/pipeline/deploy.sh" ) > pipeline.log 2>&1
  local code=$?
  set -e
  grep '^pipeline:' pipeline.log | sed 's/^/  /'
  if [ "$code" -ne "$1" ]; then
    cat pipeline.log >&2
    echo "demo: FAIL: the pipeline exited $code, expected $1" >&2
    exit 1
  fi
  echo "  exit code $code, as expected"
}

serves() { # stack, version: what the stack's router answers
  local url body
  url=$($CONVERGE output accountsUrl --stack "$1" 2>/dev/null | tr -d '"')
  body=$(curl -fsS --max-time 5 "$url")
  if ! grep -qx "version=$2" <<<"$body"; then
    echo "demo: FAIL: $1 at $url should serve version $2, answered:" >&2; echo "$body" >&2; exit 1
  fi
  echo "  $1 serves version $2 at $url"
}

echo "demo: 1. first release"
release 1 info; pipeline 0; serves preprod 1; serves prod 1
echo "demo: 2. good change: version 2"
release 2 info; pipeline 0; serves preprod 2; serves prod 2
echo "demo: 3. a prod-only change is refused by promote"
printf 'accounts.version=4\n' > converge.prod.properties; git add -A; git commit -q -m "prod only: version 4"
( set -a; . ./release.env; set +a; unset CONVERGE_ACCOUNTS_VERSION
  $CONVERGE promote --from preprod --to prod --auto-approve > promote.log 2>&1 ) && { cat promote.log; echo "demo: FAIL: promote accepted an unverified version" >&2; exit 1; }
grep -q "would run erlbank/accounts:4, but erlbank/accounts:2 was verified" promote.log \
  || { cat promote.log >&2; echo "demo: FAIL: promote did not name the unverified artifact" >&2; exit 1; }
echo "  promote refused: $(grep -m1 'would run' promote.log | sed 's/^ *//')"
serves prod 2
git rm -q converge.prod.properties && git commit -q -m "prod follows preprod again"
echo "demo: 4. bad change: version 3 rejects its log level"
release 3 verbose; pipeline 3; serves preprod 2; serves prod 2
echo "demo: 5. a change that passes preprod but fails in prod (a prod-only configuration error)"
printf 'CONVERGE_ACCOUNTS_VERSION=2\n' > release.env
printf 'log.level=warn\n' > converge.preprod.properties; printf 'log.level=verbose\n' > converge.prod.properties
git add -A; git commit -q -m "log level warn (prod: a typo)"
pipeline 4; serves preprod 2; serves prod 2
$CONVERGE releases --stack prod | sed 's/^/  /'
$CONVERGE releases --stats --stack preprod | sed 's/^/  /'
echo "demo: PASS"
