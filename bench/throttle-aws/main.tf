# The throttling benchmark's Terraform half (see bench.sh): 100 tagged S3 buckets, 100 tagged SQS queues and
# 100 tagged SNS topics, through the benchmark's token-bucket proxy in front of moto. The Converge half is
# benchmarks/src/main/java/dev/converge/bench/aws/ThrottleBenchProgram.java, with the same objects.

terraform {
  required_providers {
    aws = {
      source  = "hashicorp/aws"
      version = "5.100.0"
    }
  }
}

variable "endpoint" {
  description = "the proxy's URL, such as http://127.0.0.1:40123"
  type        = string
}

variable "prefix" {
  type    = string
  default = "tfthr"
}

provider "aws" {
  region                      = "us-east-1"
  access_key                  = "testing"
  secret_key                  = "testing"
  skip_credentials_validation = true
  skip_metadata_api_check     = true
  skip_requesting_account_id  = true
  skip_region_validation      = true
  s3_use_path_style           = true

  endpoints {
    s3  = var.endpoint
    sqs = var.endpoint
    sns = var.endpoint
    sts = var.endpoint
    iam = var.endpoint
  }
}

resource "aws_s3_bucket" "bucket" {
  count  = 100
  bucket = "${var.prefix}-bucket-${count.index}"
  tags   = { team = "bench" }
}

resource "aws_sqs_queue" "queue" {
  count = 100
  name  = "${var.prefix}-queue-${count.index}"
  tags  = { team = "bench" }
}

resource "aws_sns_topic" "topic" {
  count = 100
  name  = "${var.prefix}-topic-${count.index}"
  tags  = { team = "bench" }
}
