package dev.converge.bench.aws;

import java.net.URI;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.sns.SnsClient;
import software.amazon.awssdk.services.sqs.SqsClient;

/**
 * Counts the benchmark's objects in moto directly (not through the proxy), for the duplicate check of
 * {@code bench/throttle-aws/bench.sh}: prints {@code buckets=N queues=N topics=N} for names starting with PREFIX.
 *
 * <p>Usage: {@code MotoCountMain ENDPOINT PREFIX}
 */
public final class MotoCountMain {

    private MotoCountMain() {
    }

    public static void main(String[] args) {
        URI endpoint = URI.create(args[0]);
        String prefix = args[1];
        var credentials = StaticCredentialsProvider.create(AwsBasicCredentials.create("testing", "testing"));
        try (S3Client s3 = S3Client.builder().endpointOverride(endpoint).region(Region.US_EAST_1)
                .credentialsProvider(credentials).forcePathStyle(true).build();
                SqsClient sqs = SqsClient.builder().endpointOverride(endpoint).region(Region.US_EAST_1)
                        .credentialsProvider(credentials).build();
                SnsClient sns = SnsClient.builder().endpointOverride(endpoint).region(Region.US_EAST_1)
                        .credentialsProvider(credentials).build()) {
            long buckets = s3.listBuckets().buckets().stream().filter(b -> b.name().startsWith(prefix)).count();
            long queues = sqs.listQueues(b -> b.queueNamePrefix(prefix).maxResults(1000)).queueUrls().size();
            long topics = sns.listTopicsPaginator().topics().stream()
                    .filter(t -> t.topicArn().substring(t.topicArn().lastIndexOf(':') + 1).startsWith(prefix)).count();
            System.out.println("buckets=" + buckets + " queues=" + queues + " topics=" + topics);
        }
    }
}
