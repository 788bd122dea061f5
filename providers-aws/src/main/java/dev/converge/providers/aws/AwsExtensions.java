package dev.converge.providers.aws;

import dev.converge.spi.deploy.TrafficRouter;
import java.util.List;
import java.util.Optional;
import java.util.function.Supplier;

/**
 * What the AWS provider offers beyond the core operations: the resource handlers it serves, and a
 * Route 53 {@link TrafficRouter} for deployment strategies. Kept apart so the provider class depends on
 * one entry point instead of every handler and capability.
 */
final class AwsExtensions {

    private AwsExtensions() {
    }

    /** One handler per resource type, sharing {@code aws}'s clients. */
    static List<Handler> handlers(AwsClients aws) {
        return List.of(new S3BucketHandler(aws), new SqsQueueHandler(aws), new SnsTopicHandler(aws),
                new SnsSubscriptionHandler(aws), new DynamoDbTableHandler(aws), new IamRoleHandler(aws),
                new IamPolicyHandler(aws), new IamRolePolicyAttachmentHandler(aws), new LogGroupHandler(aws),
                new Route53ZoneHandler(aws), new Route53RecordHandler(aws), new VpcHandler(aws), new SubnetHandler(aws),
                new SecurityGroupHandler(aws), new Ec2InstanceHandler(aws), new EbsVolumeHandler(aws),
                new VolumeAttachmentHandler(aws));
    }

    /** The capability of {@code type}, if the provider offers it; clients are fetched on first use. */
    static <T> Optional<T> find(Class<T> type, Supplier<AwsClients> aws) {
        if (type == TrafficRouter.class) {
            return Optional.of(type.cast(new Route53Router(aws)));
        }
        return Optional.empty();
    }
}
