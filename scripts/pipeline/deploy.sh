#!/usr/bin/env bash
# Example continuous-deployment pipeline for a Converge program, usable from any CI system:
#   1. plan against pre-production with --detailed-exitcode (nothing to do: stop with 0)
#   2. run the tests and policies (CONVERGE_TESTS, a shell command; default: none)
#   3. apply to pre-production: strategies deploy with verification and roll traffic back on failure
#   4. promote to production exactly what pre-production verified (`promote --from --to`: same commit,
#      same artifacts, or it refuses), again through the strategies with their verification
#   5. if production fails, roll production back to its previous release automatically
#
# Usage: CONVERGE=target/converge scripts/pipeline/deploy.sh   (the launcher `mvn package` writes; or any
#        command that runs the program's CLI, such as "java -cp <classpath> my.infra.Main")
# Settings (environment): CONVERGE (required: the command that runs the program's CLI),
#   PREPROD_STACK (default preprod), PROD_STACK (default prod), CONVERGE_TESTS (default: no tests).
# Exit codes: 0 released (or nothing to release), 1 plan error, 2 tests or policies failed,
#   3 pre-production failed verification (its strategies rolled traffic back to the stable version),
#   4 production failed and was rolled back, 5 production failed and its rollback failed too (page
#   someone), 6 promotion refused (production would not get what pre-production verified; nothing changed).
# State and the release log live in the working directory's .converge/ (or the configured backend):
# on short-lived CI runners keep .converge/ on persistent storage, so promote sees preprod's releases.
set -uo pipefail

: "${CONVERGE:?set CONVERGE to the command that runs the program, e.g. target/converge}"
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

log "promote what $PREPROD verified to $PROD"
releases_before=$(converge releases --stack "$PROD" | wc -l)
if converge promote --from "$PREPROD" --to "$PROD" --auto-approve; then
  log "released to $PROD"
  converge releases --stats --stack "$PROD" >&2 || true
  exit 0
fi
# A refused promotion records no release; a promotion that ran and failed records a failed one.
if [ "$(converge releases --stack "$PROD" | wc -l)" -eq "$releases_before" ]; then
  log "promotion refused: nothing was changed in $PROD"
  exit 6
fi
log "$PROD failed: rolling back to its previous release"
if converge rollback --auto-approve --stack "$PROD"; then
  log "$PROD rolled back (and pinned until the program changes)"
  exit 4
fi
log "$PROD rollback failed: manual action needed"
exit 5
