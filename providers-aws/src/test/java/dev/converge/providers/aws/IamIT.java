package dev.converge.providers.aws;

import static org.assertj.core.api.Assertions.assertThat;

import dev.converge.spi.CreateResponse;
import dev.converge.spi.FindOwnedRequest;
import dev.converge.spi.ImportRequest;
import dev.converge.spi.Ownership;
import dev.converge.spi.ReadResponse;
import dev.converge.testing.RequiredServer;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** aws:IamRole, aws:IamPolicy and aws:IamRolePolicyAttachment against moto. */
class IamIT {

    /** Skips the class without moto, or fails it under CONVERGE_REQUIRE_SERVERS=1, before {@code @BeforeAll}. */
    @RegisterExtension
    static final RequiredServer MOTO = RequiredServer.MOTO;

    private static final String TRUST = "{\"Version\":\"2012-10-17\",\"Statement\":[{\"Effect\":\"Allow\","
            + "\"Principal\":{\"Service\":\"lambda.amazonaws.com\"},\"Action\":\"sts:AssumeRole\"}]}";
    private static final String TRUST_REFORMATTED = "{ \"Statement\": [ { \"Action\": \"sts:AssumeRole\","
            + " \"Principal\": { \"Service\": \"lambda.amazonaws.com\" }, \"Effect\": \"Allow\" } ],"
            + " \"Version\": \"2012-10-17\" }";
    private static final String READ_ONLY = "{\"Version\":\"2012-10-17\",\"Statement\":[{\"Effect\":\"Allow\","
            + "\"Action\":\"s3:GetObject\",\"Resource\":\"*\"}]}";
    private static final String READ_WRITE = "{\"Version\":\"2012-10-17\",\"Statement\":[{\"Effect\":\"Allow\","
            + "\"Action\":[\"s3:GetObject\",\"s3:PutObject\"],\"Resource\":\"*\"}]}";

    private static AwsProvider provider;
    private static AwsClients aws;

    @BeforeAll
    static void start() {
        Moto.reset();
        provider = Moto.provider();
        aws = Moto.clients();
    }

    @AfterAll
    static void stop() {
        Moto.close(provider, aws);
    }

    @Test
    void roleLifecycle() {
        String t = AwsSchemas.IAM_ROLE;
        Map<String, Object> inputs = Map.of("roleName", "it-app", "assumeRolePolicy", TRUST, "tags", Map.of("a", "1"));
        CreateResponse role = provider.create(Moto.create(t, "app", inputs));
        assertThat(role.outputs().get("arn").toString()).endsWith(":role/it-app");
        Map<String, Object> prior = Moto.create(t, "app", inputs).inputs();
        ReadResponse read = provider.read(Moto.read(t, "app", "it-app", prior, role.outputs()));
        assertThat(Moto.diff(provider, t, read.inputs(), inputs).diffs()).isEmpty();
        assertThat(Moto.diff(provider, t, prior, Map.of("roleName", "it-app", "assumeRolePolicy", TRUST_REFORMATTED,
                "tags", Map.of("a", "1"))).hasChanges()).as("JSON compared as JSON").isFalse();

        Map<String, Object> desired = Map.of("roleName", "it-app", "assumeRolePolicy", TRUST,
                "description", "the app", "tags", Map.of("b", "2"));
        var update = Moto.update(provider, t, "app", "it-app", read.inputs(), role.outputs(), desired);
        provider.update(update);
        ReadResponse after = provider.read(Moto.read(t, "app", "it-app", update.desiredInputs(), Map.of()));
        assertThat(Moto.diff(provider, t, after.inputs(), desired).diffs()).isEmpty();

        assertThat(Moto.diff(provider, t, prior, Map.of("roleName", "it-other", "assumeRolePolicy", TRUST))
                .requiresReplacement()).isTrue();
        assertThat(provider.importResource(new ImportRequest(Moto.address("app"), t, "it-app",
                new Ownership(Moto.STACK, Moto.address("app")))).inputs()).containsEntry("roleName", "it-app");
        assertThat(provider.findOwned(new FindOwnedRequest(Moto.STACK, Set.of(t))).objects())
                .anyMatch(o -> o.id().equals("it-app"));
        assertThat(provider.delete(Moto.delete(t, "app", "it-app", Map.of())).alreadyGone()).isFalse();
        assertThat(provider.read(Moto.read(t, "app", "it-app", prior, Map.of())).exists()).isFalse();
    }

    @Test
    void policyVersionsAttachmentAndDrift() {
        String p = AwsSchemas.IAM_POLICY;
        String a = AwsSchemas.IAM_ROLE_POLICY_ATTACHMENT;
        provider.create(Moto.create(AwsSchemas.IAM_ROLE, "r", Map.of("roleName", "it-worker", "assumeRolePolicy", TRUST)));
        Map<String, Object> inputs = Map.of("policyName", "it-read", "document", READ_ONLY);
        CreateResponse policy = provider.create(Moto.create(p, "pol", inputs));
        String arn = policy.id();
        assertThat(arn).endsWith(":policy/it-read");
        Map<String, Object> prior = Moto.create(p, "pol", inputs).inputs();

        Map<String, Object> attach = Map.of("role", "it-worker", "policyArn", arn);
        CreateResponse attachment = provider.create(Moto.create(a, "att", attach));
        assertThat(attachment.id()).isEqualTo("it-worker|" + arn);
        assertThat(provider.read(Moto.read(a, "att", attachment.id(), attach, Map.of())).exists()).isTrue();

        for (int i = 0; i < 6; i++) {
            String document = i % 2 == 0 ? READ_WRITE : READ_ONLY;
            Map<String, Object> current = provider.read(Moto.read(p, "pol", arn, prior, Map.of())).inputs();
            provider.update(Moto.update(provider, p, "pol", arn, current, policy.outputs(),
                    Map.of("policyName", "it-read", "document", document)));
        }
        ReadResponse read = provider.read(Moto.read(p, "pol", arn, prior, Map.of()));
        assertThat(Props.sameJson((String) read.inputs().get("document"), READ_ONLY)).as("last of six versions").isTrue();
        assertThat(aws.iam().listPolicyVersions(b -> b.policyArn(arn)).versions()).hasSizeLessThanOrEqualTo(5);

        aws.iam().detachRolePolicy(b -> b.roleName("it-worker").policyArn(arn));
        assertThat(provider.read(Moto.read(a, "att", attachment.id(), attach, Map.of())).exists())
                .as("detached out of band").isFalse();
        assertThat(provider.delete(Moto.delete(a, "att", attachment.id(), Map.of())).alreadyGone()).isTrue();

        provider.create(Moto.create(a, "att", attach));
        assertThat(provider.delete(Moto.delete(p, "pol", arn, Map.of())).alreadyGone())
                .as("deleting an attached policy detaches it first").isFalse();
        assertThat(provider.read(Moto.read(p, "pol", arn, prior, Map.of())).exists()).isFalse();
    }
}
