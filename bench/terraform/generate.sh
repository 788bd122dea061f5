#!/usr/bin/env bash
# Prints a Terraform configuration of N terraform_data resources in the layered DAG of
# SyntheticProgram.Shape.LAYERED (width 100): resource i >= 100 references resource i - 100 of the
# layer before through its computed id, as the Converge program references its parent's arn.
# Usage: bench/terraform/generate.sh N > main.tf
set -euo pipefail
n=${1:?usage: generate.sh N}
awk -v n="$n" 'BEGIN {
  for (i = 0; i < n; i++) {
    if (i < 100) {
      printf "resource \"terraform_data\" \"r%d\" {\n  input = { value = \"value-%d\" }\n}\n", i, i
    } else {
      printf "resource \"terraform_data\" \"r%d\" {\n  input = { value = \"value-%d\", ref = terraform_data.r%d.id }\n}\n", i, i, i - 100
    }
  }
}'
