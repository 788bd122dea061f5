package dev.converge.providers.aws;

import dev.converge.api.Declaration;
import dev.converge.api.ResourceArgs;
import java.util.Map;

/** A CloudWatch Logs group ({@code aws:LogGroup}); the group name defaults to the resource name. */
public final class LogGroup extends ResourceArgs<LogGroup, LogGroup.Outputs> {

    /** The group: its name ({@code id} and {@code logGroupName}) and ARN. */
    public record Outputs(String id, String logGroupName, String arn, Long retentionInDays) {
    }

    private LogGroup(Declaration declaration) {
        super(declaration);
    }

    public static LogGroup of(String name) {
        return new LogGroup(Declaration.of(AwsSchemas.LOG_GROUP, name)).logGroupName(name);
    }

    /** The group name, such as {@code /app/orders} (a resource name cannot contain a slash). */
    public LogGroup logGroupName(Object name) {
        return with("logGroupName", name);
    }

    /** Days to keep events: 1, 3, 5, 7, 14, 30, 60, 90, ...; unset keeps them forever. */
    public LogGroup retentionInDays(long days) {
        return with("retentionInDays", days);
    }

    public LogGroup tag(String key, Object value) {
        return withEntry("tags", key, value);
    }

    @Override
    protected LogGroup wrap(Declaration next) {
        return new LogGroup(next);
    }

    @Override
    public Outputs outputs(Map<String, Object> values) {
        return new Outputs(Out.str(values, "id"), Out.str(values, "logGroupName"), Out.str(values, "arn"),
                Out.num(values, "retentionInDays"));
    }
}
