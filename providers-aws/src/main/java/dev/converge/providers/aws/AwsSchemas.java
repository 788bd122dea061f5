package dev.converge.providers.aws;

import dev.converge.spi.PropertySchema;
import dev.converge.spi.ResourceSchema;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/**
 * The pure schemas of every AWS resource type: properties, which changes force a replacement
 * ({@code forceNew}), defaults and provider-computed outputs. No I/O, so the test kit can build an
 * in-memory cloud from them. Immutable and thread-safe.
 */
public final class AwsSchemas {

    public static final String S3_BUCKET = "aws:S3Bucket";
    public static final String SQS_QUEUE = "aws:SqsQueue";
    public static final String SNS_TOPIC = "aws:SnsTopic";
    public static final String SNS_SUBSCRIPTION = "aws:SnsSubscription";
    public static final String DYNAMODB_TABLE = "aws:DynamoDbTable";
    public static final String IAM_ROLE = "aws:IamRole";
    public static final String IAM_POLICY = "aws:IamPolicy";
    public static final String IAM_ROLE_POLICY_ATTACHMENT = "aws:IamRolePolicyAttachment";
    public static final String LOG_GROUP = "aws:LogGroup";
    public static final String ROUTE53_ZONE = "aws:Route53Zone";
    public static final String ROUTE53_RECORD = "aws:Route53Record";
    public static final String VPC = Ec2Schemas.VPC;
    public static final String SUBNET = Ec2Schemas.SUBNET;
    public static final String SECURITY_GROUP = Ec2Schemas.SECURITY_GROUP;
    public static final String EC2_INSTANCE = Ec2Schemas.INSTANCE;
    public static final String EBS_VOLUME = Ec2Schemas.VOLUME;
    public static final String VOLUME_ATTACHMENT = Ec2Schemas.VOLUME_ATTACHMENT;

    /** Types whose replacement would clash with the old object (a fixed name), so the old goes first. */
    private static final Set<String> DELETE_BEFORE_CREATE = Set.of(S3_BUCKET, SQS_QUEUE, SNS_TOPIC,
            SNS_SUBSCRIPTION, DYNAMODB_TABLE, IAM_ROLE, IAM_POLICY, IAM_ROLE_POLICY_ATTACHMENT, LOG_GROUP, SUBNET,
            SECURITY_GROUP, VOLUME_ATTACHMENT);

    private static final List<ResourceSchema> ALL = Stream.concat(Stream.of(
            s3Bucket(), sqsQueue(), snsTopic(), snsSubscription(), dynamoDbTable(), iamRole(), iamPolicy(),
            iamRolePolicyAttachment(), logGroup(), route53Zone(), route53Record()), Ec2Schemas.all().stream())
            .collect(Collectors.toUnmodifiableList());

    private static final Map<String, ResourceSchema> BY_TYPE = ALL.stream()
            .collect(Collectors.toUnmodifiableMap(ResourceSchema::type, Function.identity()));

    private AwsSchemas() {
    }

    /** Every schema, in a stable order. */
    public static List<ResourceSchema> all() {
        return ALL;
    }

    /** The schema of {@code type}; throws if the AWS provider has no such type. */
    public static ResourceSchema of(String type) {
        ResourceSchema schema = BY_TYPE.get(type);
        if (schema == null) {
            throw new IllegalArgumentException("the aws provider has no type " + type + "; known: "
                    + String.join(", ", BY_TYPE.keySet()));
        }
        return schema;
    }

    /** True if replacing an object of {@code type} must delete the old object before creating the new. */
    public static boolean deleteBeforeCreate(String type) {
        return DELETE_BEFORE_CREATE.contains(type);
    }

    private static PropertySchema name(String key) {
        return PropertySchema.string(key).asRequired().asForceNew();
    }

    private static PropertySchema tags() {
        return PropertySchema.map("tags").describedAs("tags; the converge.* ownership tags are added and hidden");
    }

    static ResourceSchema s3Bucket() {
        return ResourceSchema.builder(S3_BUCKET)
                .property(name("bucket").describedAs("globally unique bucket name"))
                .property(PropertySchema.bool("versioning").defaultValue(false))
                .property(tags())
                .property(PropertySchema.string("encryption").describedAs("AES256 or aws:kms"))
                .property(PropertySchema.string("kmsKeyId"))
                .property(PropertySchema.bool("blockPublicAccess").describedAs("all four public access blocks"))
                .property(PropertySchema.list("lifecycleRules")
                        .describedAs("maps: id, prefix, expirationDays, noncurrentExpirationDays, enabled"))
                .property(PropertySchema.bool("forceDestroy").defaultValue(false)
                        .describedAs("empty the bucket (all versions) before deleting it"))
                .property(PropertySchema.string("arn").asComputed())
                .output("arn")
                .build();
    }

    static ResourceSchema sqsQueue() {
        return ResourceSchema.builder(SQS_QUEUE)
                .property(name("queueName").describedAs("FIFO queue names end in .fifo"))
                .property(PropertySchema.bool("fifo").asForceNew().defaultValue(false))
                .property(PropertySchema.number("visibilityTimeout").asComputed())
                .property(PropertySchema.number("messageRetentionSeconds").asComputed())
                .property(PropertySchema.number("delaySeconds").asComputed())
                .property(PropertySchema.number("receiveWaitTimeSeconds").asComputed())
                .property(PropertySchema.number("maxMessageSize").asComputed())
                .property(PropertySchema.bool("contentBasedDeduplication").asComputed())
                .property(PropertySchema.string("deadLetterTargetArn").describedAs("ARN of the dead-letter queue"))
                .property(PropertySchema.number("maxReceiveCount").describedAs("receives before a message moves"))
                .property(PropertySchema.string("policy").describedAs("queue access policy JSON, such as SNS delivery"))
                .property(tags())
                .property(PropertySchema.string("url").asComputed())
                .property(PropertySchema.string("arn").asComputed())
                .output("url")
                .output("arn")
                .build();
    }

    static ResourceSchema snsTopic() {
        return ResourceSchema.builder(SNS_TOPIC)
                .property(name("topicName"))
                .property(PropertySchema.bool("fifo").asForceNew().defaultValue(false))
                .property(PropertySchema.string("displayName").asComputed())
                .property(tags())
                .property(PropertySchema.string("arn").asComputed())
                .output("arn")
                .build();
    }

    static ResourceSchema snsSubscription() {
        return ResourceSchema.builder(SNS_SUBSCRIPTION)
                .property(name("topicArn"))
                .property(name("protocol").describedAs("sqs, lambda, https, email, ..."))
                .property(name("endpoint").describedAs("queue ARN, URL, address"))
                .property(PropertySchema.bool("rawMessageDelivery").defaultValue(false))
                .property(PropertySchema.string("filterPolicy").describedAs("JSON filter policy"))
                .property(PropertySchema.string("arn").asComputed())
                .output("arn")
                .build();
    }

    static ResourceSchema dynamoDbTable() {
        return ResourceSchema.builder(DYNAMODB_TABLE)
                .property(name("tableName"))
                .property(name("hashKey"))
                .property(PropertySchema.string("hashKeyType").asForceNew().defaultValue("S"))
                .property(PropertySchema.string("rangeKey").asForceNew())
                .property(PropertySchema.string("rangeKeyType").asForceNew())
                .property(PropertySchema.string("billingMode").defaultValue("PAY_PER_REQUEST")
                        .describedAs("PAY_PER_REQUEST or PROVISIONED"))
                .property(PropertySchema.number("readCapacity"))
                .property(PropertySchema.number("writeCapacity"))
                .property(PropertySchema.list("globalSecondaryIndexes")
                        .describedAs("maps: name, hashKey, hashKeyType, rangeKey, rangeKeyType, projection,"
                                + " readCapacity, writeCapacity"))
                .property(PropertySchema.string("ttlAttribute"))
                .property(tags())
                .property(PropertySchema.string("arn").asComputed())
                .output("arn")
                .build();
    }

    static ResourceSchema iamRole() {
        return ResourceSchema.builder(IAM_ROLE)
                .property(name("roleName"))
                .property(PropertySchema.string("assumeRolePolicy").asRequired().describedAs("trust policy JSON"))
                .property(PropertySchema.string("description"))
                .property(PropertySchema.string("path").asForceNew().defaultValue("/"))
                .property(PropertySchema.number("maxSessionDuration").asComputed())
                .property(tags())
                .property(PropertySchema.string("arn").asComputed())
                .property(PropertySchema.string("roleId").asComputed())
                .output("arn")
                .output("roleId")
                .build();
    }

    static ResourceSchema iamPolicy() {
        return ResourceSchema.builder(IAM_POLICY)
                .property(name("policyName"))
                .property(PropertySchema.string("path").asForceNew().defaultValue("/"))
                .property(PropertySchema.string("description").asForceNew())
                .property(PropertySchema.string("document").asRequired().describedAs("policy JSON"))
                .property(tags())
                .property(PropertySchema.string("arn").asComputed())
                .output("arn")
                .build();
    }

    static ResourceSchema iamRolePolicyAttachment() {
        return ResourceSchema.builder(IAM_ROLE_POLICY_ATTACHMENT)
                .property(name("role").describedAs("role name"))
                .property(name("policyArn"))
                .build();
    }

    static ResourceSchema logGroup() {
        return ResourceSchema.builder(LOG_GROUP)
                .property(name("logGroupName"))
                .property(PropertySchema.number("retentionInDays").describedAs("1, 3, 5, 7, 14, 30, ...; none: forever"))
                .property(tags())
                .property(PropertySchema.string("arn").asComputed())
                .output("arn")
                .build();
    }

    static ResourceSchema route53Zone() {
        return ResourceSchema.builder(ROUTE53_ZONE)
                .property(name("zoneName"))
                .property(PropertySchema.string("comment"))
                .property(PropertySchema.bool("forceDestroy").defaultValue(false)
                        .describedAs("delete the zone's records before deleting it"))
                .property(tags())
                .property(PropertySchema.string("zoneId").asComputed())
                .property(PropertySchema.list("nameServers").asComputed())
                .output("zoneId")
                .output("nameServers")
                .build();
    }

    static ResourceSchema route53Record() {
        return ResourceSchema.builder(ROUTE53_RECORD)
                .property(name("zoneId"))
                .property(name("recordName"))
                .property(name("recordType").describedAs("A, AAAA, CNAME, TXT, ..."))
                .property(PropertySchema.number("ttl").defaultValue(300L))
                .property(PropertySchema.list("records").asRequired())
                .property(PropertySchema.string("setIdentifier").asForceNew()
                        .describedAs("distinguishes weighted records of one name and type"))
                .property(PropertySchema.number("weight").describedAs("relative share, 0 to 255"))
                .property(PropertySchema.string("fqdn").asComputed())
                .output("fqdn")
                .build();
    }
}
