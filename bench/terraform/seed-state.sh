#!/usr/bin/env bash
# Prints the terraform.tfstate that a complete `terraform apply` of `generate.sh N` leaves (same
# attributes, types and dependencies; deterministic ids instead of random UUIDs), so that the no-change
# plan at 10,000 can be timed without waiting the ~53 minutes of Terraform's own first apply.
# Usage: bench/terraform/seed-state.sh N > terraform.tfstate
set -euo pipefail
n=${1:?usage: seed-state.sh N}
awk -v n="$n" '
function id(i) { return sprintf("%08x-0000-4000-8000-%012x", i, i) }
BEGIN {
  printf "{\n\"version\": 4,\n\"terraform_version\": \"1.11.4\",\n\"serial\": %d,\n", n + 1
  printf "\"lineage\": \"00000000-0000-4000-8000-00000000beef\",\n\"outputs\": {},\n\"resources\": [\n"
  for (i = 0; i < n; i++) {
    if (i < 100) {
      value = sprintf("{\"value\": \"value-%d\"}", i)
      type = "[\"object\", {\"value\": \"string\"}]"
      deps = ""
    } else {
      value = sprintf("{\"ref\": \"%s\", \"value\": \"value-%d\"}", id(i - 100), i)
      type = "[\"object\", {\"ref\": \"string\", \"value\": \"string\"}]"
      deps = sprintf(", \"dependencies\": [\"terraform_data.r%d\"]", i - 100)
    }
    printf "{\"mode\": \"managed\", \"type\": \"terraform_data\", \"name\": \"r%d\", ", i
    printf "\"provider\": \"provider[\\\"terraform.io/builtin/terraform\\\"]\", \"instances\": [{\"schema_version\": 0, "
    printf "\"attributes\": {\"id\": \"%s\", \"input\": {\"value\": %s, \"type\": %s}, ", id(i), value, type
    printf "\"output\": {\"value\": %s, \"type\": %s}, \"triggers_replace\": null}, ", value, type
    printf "\"sensitive_attributes\": []%s}]}%s\n", deps, (i < n - 1 ? "," : "")
  }
  printf "],\n\"check_results\": null\n}\n"
}'
