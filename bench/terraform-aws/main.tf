# The side-by-side benchmark's Terraform half: 20 versioned, tagged S3 buckets and 20 SQS queues
# against a moto server (see README.md and bench.sh). The Converge half is
# examples/src/main/java/dev/converge/examples/aws/AwsBenchStack.java, with the same objects.

terraform {
  required_providers {
    aws = {
      source  = "hashicorp/aws"
      version = "5.100.0"
    }
  }
}

variable "endpoint" {
  description = "moto's URL, such as http://127.0.0.1:5005"
  type        = string
}

variable "revision" {
  description = "the value of the 'revision' tag on bucket 0; change it for the one-change apply"
  type        = string
  default     = "1"
}

variable "prefix" {
  type    = string
  default = "tfbench"
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
    sts = var.endpoint
    iam = var.endpoint
  }
}

resource "aws_s3_bucket" "bucket" {
  count  = 20
  bucket = "${var.prefix}-bucket-${count.index}"
  tags = {
    team     = "bench"
    index    = tostring(count.index)
    revision = count.index == 0 ? var.revision : "1"
  }
}

resource "aws_s3_bucket_versioning" "bucket" {
  count  = 20
  bucket = aws_s3_bucket.bucket[count.index].id
  versioning_configuration {
    status = "Enabled"
  }
}

resource "aws_sqs_queue" "queue" {
  count = 20
  name  = "${var.prefix}-queue-${count.index}"
  tags = {
    team  = "bench"
    index = tostring(count.index)
  }
}
