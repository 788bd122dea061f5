#!/usr/bin/env bash
# Example continuous-deployment pipeline for a Converge program, usable from any CI system:
#   1. plan against pre-production with --detailed-exitcode (nothing to do: stop with 0)
#   2. run the tests and policies (CONVERGE_TESTS, a shell command; default: none)
#   3. apply to pre-production: strategies deploy with verification and roll traffic back on failure
#   4. release the same program revision to production the same way
#   5. if production fails, roll production back to its previous release automatically
#
# Usage: CONVERGE="java -cp <classpath> my.infra.Main" scripts/pipeline/deploy.sh
# Settings (environment): CONVERGE (required: the command that runs the program's CLI),
#   PREPROD_STACK (default preprod), PROD_STACK (default prod), CONVERGE_TESTS (default: no tests).
# Exit codes: 0 released (or nothing to release), 1 plan error, 2 tests or policies failed,
#   3 pre-production failed verification (traffic stayed on the stable version), 4 production failed
#   and was rolled back, 5 production failed and its rollback failed too (page someone).
set -uo pipefail

: "${CONVERGE:?set CONVERGE to the command that runs the program, e.g. java -cp ... my.infra.Main}"
PREPROD="${PREPROD_STACK:-preprod}"
PROD="${PROD_STACK:-prod}"
log() { echo "pipeline: $*" >&2; }
converge() { $CONVERGE "$@"; }

log "plan for $PREPROD"
converge plan --detailed-exitcode --stack "$PREPROD"
case $? in
  0) log "no changes for $PREPROD: nothing to release"; exit 0 ;;
  2) log "changes planned" ;;
  *) log "plan failed"; exit 1 ;;
esac

if [ -n "${CONVERGE_TESTS:-}" ]; then
  log "tests and policies: $CONVERGE_TESTS"
  bash -c "$CONVERGE_TESTS" || { log "tests or policies failed: nothing was deployed"; exit 2; }
fi

log "deploy to $PREPROD (verified by the strategies)"
if ! converge apply --auto-approve --stack "$PREPROD"; then
  log "$PREPROD failed; its strategies kept traffic on the stable version"
  exit 3
fi

log "release to $PROD"
if converge apply --auto-approve --stack "$PROD"; then
  log "released to $PROD"
  converge releases --stats --stack "$PROD" >&2 || true
  exit 0
fi
log "$PROD failed: rolling back to its previous release"
if converge rollback --auto-approve --stack "$PROD"; then
  log "$PROD rolled back (and pinned until the program changes)"
  exit 4
fi
log "$PROD rollback failed: manual action needed"
exit 5
