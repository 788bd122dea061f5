package dev.converge.providers.aws;

import dev.converge.api.Program;
import dev.converge.api.Ref;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import software.amazon.awssdk.services.ec2.model.Filter;

/**
 * The stack the wire-fault tests apply through a {@code FaultProxy}: S3 buckets, SQS queues and SNS topics,
 * IAM roles, log groups and a Route 53 zone (named objects, whose retried creates adopt what an earlier
 * attempt made), and a VPC with subnets and a security group (found by their tags before a retried create).
 * Version 2 updates, deletes and adds some of each. {@link #counts} counts the stack's objects in moto
 * directly, by name or tag, never through the proxy.
 */
final class WireStack {

    private final String prefix;

    WireStack(String prefix) {
        this.prefix = prefix;
    }

    String stack() {
        return prefix;
    }

    Program version(int version) {
        return stack -> {
            for (int i = 0; i < 5; i++) {
                if (version == 1 ? i < 4 : i != 3) {
                    stack.add(S3Bucket.of("bucket-" + i).bucket(prefix + "-bucket-" + i).versioning(true)
                            .tag("rev", "v" + version));
                }
            }
            IntStream.range(0, 4).forEach(i -> stack.add(SqsQueue.of("queue-" + i).queueName(prefix + "-queue-" + i)
                    .tag("rev", i == 0 ? "v" + version : "v1")));
            IntStream.range(0, version == 1 ? 3 : 2).forEach(i -> stack.add(SnsTopic.of("topic-" + i)
                    .topicName(prefix + "-topic-" + i)));
            IntStream.range(0, 2).forEach(i -> stack.add(IamRole.of("role-" + i).roleName(prefix + "-role-" + i)
                    .assumedBy("ec2.amazonaws.com").description("role " + i + (i == 1 ? " v" + version : ""))));
            IntStream.range(0, 2).forEach(i -> stack.add(LogGroup.of("logs-" + i).logGroupName("/" + prefix + "/" + i)
                    .retentionInDays(i == 1 && version == 2 ? 14 : 7)));
            stack.add(Route53Zone.of("zone").zoneName(prefix + ".wire.test"));
            Ref<Vpc.Outputs> vpc = stack.add(Vpc.of("vpc").cidrBlock("10.40.0.0/16"));
            IntStream.range(0, version == 1 ? 1 : 2).forEach(i -> stack.add(Subnet.of("subnet-" + i).vpc(vpc)
                    .cidrBlock("10.40." + i + ".0/24")));
            stack.add(SecurityGroup.of("group").groupName(prefix + "-group").description("wire faults").vpc(vpc));
        };
    }

    /** What version {@code version} declares, as {@link #counts} counts it. */
    Map<String, Long> expected(int version) {
        Map<String, Long> counts = new TreeMap<>();
        (version == 1 ? List.of(0, 1, 2, 3) : List.of(0, 1, 2, 4)).forEach(i -> counts.put(prefix + "-bucket-" + i, 1L));
        IntStream.range(0, 4).forEach(i -> counts.put("queue " + prefix + "-queue-" + i, 1L));
        IntStream.range(0, version == 1 ? 3 : 2).forEach(i -> counts.put("topic " + prefix + "-topic-" + i, 1L));
        IntStream.range(0, 2).forEach(i -> counts.put("role " + prefix + "-role-" + i, 1L));
        IntStream.range(0, 2).forEach(i -> counts.put("log group /" + prefix + "/" + i, 1L));
        counts.put("zone " + prefix + ".wire.test.", 1L);
        counts.put("vpc", 1L);
        counts.put("subnets", (long) (version == 1 ? 1 : 2));
        counts.put("security group " + prefix + "-group", 1L);
        return counts;
    }

    /** The stack's objects in moto, each name with how often it exists: a duplicate shows as 2. */
    Map<String, Long> counts(AwsClients moto) {
        Map<String, Long> counts = new TreeMap<>();
        moto.s3().listBuckets().buckets().stream().map(b -> b.name()).filter(n -> n.startsWith(prefix + "-"))
                .forEach(name -> counts.merge(name, 1L, Long::sum));
        moto.sqs().listQueues(b -> b.queueNamePrefix(prefix)).queueUrls().forEach(url -> counts.merge("queue "
                + url.substring(url.lastIndexOf('/') + 1), 1L, Long::sum));
        moto.sns().listTopicsPaginator().topics().stream().map(t -> t.topicArn().substring(t.topicArn().lastIndexOf(':')
                + 1)).filter(n -> n.startsWith(prefix)).forEach(n -> counts.merge("topic " + n, 1L, Long::sum));
        moto.iam().listRolesPaginator().roles().stream().map(r -> r.roleName()).filter(n -> n.startsWith(prefix))
                .forEach(n -> counts.merge("role " + n, 1L, Long::sum));
        moto.logs().describeLogGroups(b -> b.logGroupNamePrefix("/" + prefix + "/")).logGroups()
                .forEach(g -> counts.merge("log group " + g.logGroupName(), 1L, Long::sum));
        moto.route53().listHostedZonesPaginator().hostedZones().stream().map(z -> z.name())
                .filter(n -> n.startsWith(prefix + ".")).forEach(n -> counts.merge("zone " + n, 1L, Long::sum));
        Filter mine = Filter.builder().name("tag:converge.stack").values(prefix).build();
        counts.merge("vpc", (long) moto.ec2().describeVpcs(b -> b.filters(mine)).vpcs().size(), Long::sum);
        counts.merge("subnets", (long) moto.ec2().describeSubnets(b -> b.filters(mine)).subnets().size(), Long::sum);
        moto.ec2().describeSecurityGroups(b -> b.filters(mine)).securityGroups()
                .forEach(g -> counts.merge("security group " + g.groupName(), 1L, Long::sum));
        return counts.entrySet().stream().filter(e -> e.getValue() > 0)
                .collect(Collectors.toMap(Map.Entry::getKey, Map.Entry::getValue, (a, b) -> a, TreeMap::new));
    }
}
