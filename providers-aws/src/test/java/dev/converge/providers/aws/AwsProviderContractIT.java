package dev.converge.providers.aws;

import dev.converge.spi.Provider;
import dev.converge.testing.ProviderContract;
import dev.converge.testing.ProviderSample;
import dev.converge.testing.RequiredServer;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The provider contract against moto at {@code AWS_ENDPOINT_URL} (start it with
 * {@code eval "$(scripts/aws/start-moto.sh)"}; without it the class skips, or fails under
 * CONVERGE_REQUIRE_SERVERS=1). A policy attachment has
 * no tags, so {@code findOwned} cannot search for it; its role and policies are made here with the SDK.
 */
class AwsProviderContractIT extends ProviderContract {

    /** Skips the class without moto, or fails it under CONVERGE_REQUIRE_SERVERS=1, before {@code @BeforeAll}. */
    @RegisterExtension
    static final RequiredServer SERVER = RequiredServer.MOTO;

    private static final String TRUST = "{\"Version\":\"2012-10-17\",\"Statement\":[{\"Effect\":\"Allow\","
            + "\"Principal\":{\"Service\":\"lambda.amazonaws.com\"},\"Action\":\"sts:AssumeRole\"}]}";
    private static final String POLICY = "{\"Version\":\"2012-10-17\",\"Statement\":[{\"Effect\":\"Allow\","
            + "\"Action\":\"s3:GetObject\",\"Resource\":\"*\"}]}";

    private AwsClients aws;
    private String role;
    private String readPolicy;
    private String otherPolicy;

    @Override
    protected Provider newProvider(String stack) {
        Moto.reset();
        return Moto.provider();
    }

    /** Pointed at a port where nothing listens. */
    @Override
    protected Provider detachedProvider() {
        return new AwsProvider(AwsSettings.from(Map.of("aws.region", "us-east-1", "aws.accessKeyId", "testing",
                "aws.secretAccessKey", "testing", "aws.endpoint", "http://127.0.0.1:9"), Map.of()));
    }

    @BeforeAll
    void makeRoleAndPolicies() {
        aws = Moto.clients();
        role = unique("contract-role");
        aws.iam().createRole(b -> b.roleName(role).assumeRolePolicyDocument(TRUST));
        readPolicy = aws.iam().createPolicy(b -> b.policyName(unique("read")).policyDocument(POLICY)).policy().arn();
        otherPolicy = aws.iam().createPolicy(b -> b.policyName(unique("other")).policyDocument(POLICY)).policy().arn();
    }

    @AfterAll
    void removeRoleAndPolicies() {
        aws.iam().deletePolicy(b -> b.policyArn(readPolicy));
        aws.iam().deletePolicy(b -> b.policyArn(otherPolicy));
        aws.iam().deleteRole(b -> b.roleName(role));
        aws.close();
    }

    @Override
    protected List<ProviderSample> samples() {
        String queue = unique("contract-queue");
        String bucket = unique("contract-bucket");
        return List.of(
                ProviderSample.updatedInPlace("queue", AwsSchemas.SQS_QUEUE,
                        Map.of("queueName", queue, "visibilityTimeout", 30L, "tags", Map.of("team", "payments")),
                        Map.of("queueName", queue, "visibilityTimeout", 60L, "tags", Map.of("team", "ledger"))),
                ProviderSample.updatedInPlace("bucket", AwsSchemas.S3_BUCKET,
                        Map.of("bucket", bucket, "tags", Map.of("team", "payments")),
                        Map.of("bucket", bucket, "versioning", true, "tags", Map.of("team", "ledger"))),
                ProviderSample.replaced("attachment", AwsSchemas.IAM_ROLE_POLICY_ATTACHMENT,
                        Map.of("role", role, "policyArn", readPolicy),
                        Map.of("role", role, "policyArn", otherPolicy)).unsearchable());
    }
}
