package dev.converge.providers.aws;

import dev.converge.api.Address;
import dev.converge.api.Diagnostic;
import dev.converge.spi.SchemaChecks;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Pure checks of AWS rules that would otherwise fail only at apply time: bucket names, FIFO queue and
 * topic names, retention values. Unknown values (known only after apply) are not checked.
 */
public final class AwsValidation {

    private static final Pattern BUCKET = Pattern.compile("[a-z0-9][a-z0-9.-]{1,61}[a-z0-9]");
    private static final Set<Long> RETENTION_DAYS = Set.of(1L, 3L, 5L, 7L, 14L, 30L, 60L, 90L, 120L, 150L, 180L,
            365L, 400L, 545L, 731L, 1096L, 1827L, 2192L, 2557L, 2922L, 3288L, 3653L);

    private AwsValidation() {
    }

    /** Schema checks plus the AWS rules for {@code type}. */
    public static List<Diagnostic> validate(String type, Address address, Map<String, Object> inputs) {
        List<Diagnostic> problems = new ArrayList<>(SchemaChecks.validate(AwsSchemas.of(type), address, inputs));
        String where = address.toString();
        switch (type) {
            case AwsSchemas.S3_BUCKET -> {
                if (inputs.get("bucket") instanceof String name && (!BUCKET.matcher(name).matches()
                        || name.contains(".."))) {
                    problems.add(Diagnostic.error(where, "invalid bucket name '" + name + "'",
                            "use 3 to 63 lower-case letters, digits, dots and hyphens, starting and ending with a"
                                    + " letter or digit"));
                }
            }
            case AwsSchemas.SQS_QUEUE -> fifoName(problems, where, inputs, "queueName");
            case AwsSchemas.SNS_TOPIC -> fifoName(problems, where, inputs, "topicName");
            case AwsSchemas.LOG_GROUP -> {
                if (inputs.get("retentionInDays") instanceof Number days
                        && !RETENTION_DAYS.contains(days.longValue())) {
                    problems.add(Diagnostic.error(where, "retentionInDays " + days + " is not allowed",
                            "CloudWatch Logs accepts " + new java.util.TreeSet<>(RETENTION_DAYS)));
                }
            }
            default -> {
                // the schema checks are all there is
            }
        }
        return problems;
    }

    private static void fifoName(List<Diagnostic> problems, String where, Map<String, Object> inputs, String key) {
        if (inputs.get(key) instanceof String name && inputs.get("fifo") instanceof Boolean fifo
                && fifo != name.endsWith(".fifo")) {
            problems.add(Diagnostic.error(where, fifo ? "a FIFO name must end in .fifo: '" + name + "'"
                    : "'" + name + "' ends in .fifo but fifo is false", "set fifo(true) and a name ending in .fifo,"
                    + " or neither"));
        }
    }
}
