package dev.converge.providers.aws;

import dev.converge.api.Declaration;
import dev.converge.api.ResourceArgs;
import java.util.Map;

/**
 * A customer-managed IAM policy ({@code aws:IamPolicy}); the policy name defaults to the resource
 * name. Document changes create a new default policy version in place.
 */
public final class IamPolicy extends ResourceArgs<IamPolicy, IamPolicy.Outputs> {

    /** The policy: its ARN ({@code id} and {@code arn}) and name. */
    public record Outputs(String id, String arn, String policyName, Map<String, String> tags) {
    }

    private IamPolicy(Declaration declaration) {
        super(declaration);
    }

    public static IamPolicy of(String name) {
        return new IamPolicy(Declaration.of(AwsSchemas.IAM_POLICY, name)).policyName(name);
    }

    public IamPolicy policyName(Object name) {
        return with("policyName", name);
    }

    /** The policy document as JSON (plain or an output, such as one built from a bucket's ARN). */
    public IamPolicy document(Object json) {
        return with("document", json);
    }

    public IamPolicy description(Object text) {
        return with("description", text);
    }

    public IamPolicy path(String path) {
        return with("path", path);
    }

    public IamPolicy tag(String key, Object value) {
        return withEntry("tags", key, value);
    }

    @Override
    protected IamPolicy wrap(Declaration next) {
        return new IamPolicy(next);
    }

    @Override
    public Outputs outputs(Map<String, Object> values) {
        return new Outputs(Out.str(values, "id"), Out.str(values, "arn"), Out.str(values, "policyName"),
                Out.tags(values));
    }
}
