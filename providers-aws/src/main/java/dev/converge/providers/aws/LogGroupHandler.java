package dev.converge.providers.aws;

import dev.converge.spi.CreateRequest;
import dev.converge.spi.CreateResponse;
import dev.converge.spi.ProviderException;
import dev.converge.spi.UpdateRequest;
import dev.converge.spi.UpdateResponse;
import dev.converge.spi.Values;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;
import software.amazon.awssdk.services.cloudwatchlogs.CloudWatchLogsClient;
import software.amazon.awssdk.services.cloudwatchlogs.model.LogGroup;

/** {@code aws:LogGroup}: a CloudWatch Logs group with its retention. The id is the group name. */
final class LogGroupHandler extends Handler {

    LogGroupHandler(AwsClients aws) {
        super(aws, AwsSchemas.of(AwsSchemas.LOG_GROUP));
    }

    private CloudWatchLogsClient logs() {
        return aws.logs();
    }

    /** A retried create carries on with the group its earlier attempt made (its tags are part of the create). */
    @Override
    public boolean idempotentCreate() {
        return true;
    }

    /** Throws the "already exists" failure unless the group is the one an earlier attempt of this create made. */
    private void requireMadeEarlier(CreateRequest request, String name, RuntimeException exists) {
        String arn = find(name).map(LogGroupHandler::arn).orElseThrow(() -> exists);
        if (!Adoption.madeByThisCreate(request, tagsOf(arn), false)) {
            throw ProviderException.fatal(what("create", name) + " failed: a log group of that name already exists;"
                    + " choose another name, or adopt it with `import " + request.address() + " " + name + "`", exists);
        }
    }

    @Override
    public CreateResponse create(CreateRequest request) {
        Map<String, Object> inputs = request.inputs();
        String name = Values.string(inputs, "logGroupName");
        AwsErrors.run(what("create", name), () -> {
            try {
                logs().createLogGroup(b -> b.logGroupName(name).tags(Props.tagsWithOwner(inputs, request.owner())));
            } catch (software.amazon.awssdk.services.cloudwatchlogs.model.ResourceAlreadyExistsException e) {
                requireMadeEarlier(request, name, e);
            }
            if (inputs.get("retentionInDays") != null) {
                logs().putRetentionPolicy(b -> b.logGroupName(name)
                        .retentionInDays((int) Values.number(inputs, "retentionInDays", 0)));
            }
        });
        LogGroup group = find(name).orElseThrow();
        return new CreateResponse(name, outputs(inputs, Map.of("arn", arn(group))));
    }

    @Override
    public UpdateResponse update(UpdateRequest request) {
        String name = request.id();
        Map<String, Object> desired = request.desiredInputs();
        String arn = Values.string(request.priorOutputs(), "arn");
        AwsErrors.run(what("update", name), () -> {
            if (request.diffs().stream().anyMatch(d -> d.property().equals("retentionInDays"))) {
                if (desired.get("retentionInDays") == null) {
                    logs().deleteRetentionPolicy(b -> b.logGroupName(name));
                } else {
                    logs().putRetentionPolicy(b -> b.logGroupName(name)
                            .retentionInDays((int) Values.number(desired, "retentionInDays", 0)));
                }
            }
            if (request.diffs().stream().anyMatch(d -> d.property().equals("tags"))) {
                Props.TagChange change = Props.tagChange(tagsOf(arn), Props.userTags(desired));
                if (!change.remove().isEmpty()) {
                    logs().untagResource(b -> b.resourceArn(arn).tagKeys(change.remove()));
                }
                if (!change.set().isEmpty()) {
                    logs().tagResource(b -> b.resourceArn(arn).tags(change.set()));
                }
            }
        });
        return new UpdateResponse(outputs(desired, Map.of("arn", arn)));
    }

    private Optional<LogGroup> find(String name) {
        return AwsErrors.call(what("read", name), () -> logs().describeLogGroups(b -> b.logGroupNamePrefix(name))
                .logGroups().stream().filter(g -> g.logGroupName().equals(name)).findFirst());
    }

    /** The ARN without the ":*" suffix that DescribeLogGroups appends; tag calls need that form. */
    private static String arn(LogGroup group) {
        String arn = group.arn();
        return arn != null && arn.endsWith(":*") ? arn.substring(0, arn.length() - 2) : arn;
    }

    @Override
    Optional<Map<String, Object>> observe(String name, Map<String, Object> prior) {
        return find(name).map(group -> {
            Map<String, Object> all = new LinkedHashMap<>();
            all.put("logGroupName", name);
            Props.putIfPresent(all, "retentionInDays", group.retentionInDays());
            String arn = arn(group);
            all.put("tags", Props.visibleTags(AwsErrors.call(what("read tags of", name), () -> tagsOf(arn))));
            all.put("arn", arn);
            return all;
        });
    }

    @Override
    boolean remove(String name, Map<String, Object> outputs) {
        return AwsErrors.deleteIfPresent(what("delete", name), () -> logs().deleteLogGroup(b -> b.logGroupName(name)));
    }

    @Override
    List<String> listIds(String stack) {
        return AwsErrors.call("list log groups", () -> logs().describeLogGroupsPaginator(b -> { })
                .logGroups().stream().map(LogGroup::logGroupName).collect(Collectors.toList()));
    }

    @Override
    Map<String, String> tagsOf(String nameOrArn) {
        String arn = nameOrArn.startsWith("arn:") ? nameOrArn : find(nameOrArn).map(LogGroupHandler::arn).orElseThrow();
        return logs().listTagsForResource(b -> b.resourceArn(arn)).tags();
    }
}
