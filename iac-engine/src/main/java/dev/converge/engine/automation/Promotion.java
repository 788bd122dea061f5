package dev.converge.engine.automation;

import dev.converge.engine.declare.DeclaredResource;
import dev.converge.engine.graph.ResourceGraph;
import dev.converge.spi.Values;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * What {@code promote --from A --to B} checks before it applies B: that A's last release was verified
 * (it succeeded, was not rolled back, and A is not pinned), that B gets the same program (git commit)
 * that A verified, and that every service B would release runs exactly the artifact A verified. Pure.
 */
final class Promotion {

    private Promotion() {
    }

    /**
     * The release of {@code from} to promote, or the reason there is none.
     *
     * @param log the releases of {@code from}, oldest first
     * @param pinned whether a rollback pinned {@code from}
     */
    static Release verified(String from, List<Release> log, boolean pinned) {
        if (log.isEmpty()) {
            throw new PromotionRefused("stack '" + from + "' has no release to promote", "deploy to '" + from
                    + "' first; its verified release is what promote releases");
        }
        Release last = log.get(log.size() - 1);
        if (!last.ok() || ReleaseStats.failed(log).contains(last)) {
            throw new PromotionRefused("the last release of '" + from + "' (serial " + last.serial() + ", "
                    + last.operation() + ") failed or was rolled back: nothing verified to promote",
                    "fix the service and deploy it to '" + from + "' again");
        }
        if (pinned || last.isRollback()) {
            throw new PromotionRefused("stack '" + from + "' runs a rolled-back release (serial " + last.serial()
                    + "), not a verified new one", "roll forward in '" + from + "' (deploy a fix), then promote");
        }
        return last;
    }

    /**
     * Why {@code to}'s program does not release what {@code verified} holds, one line per difference;
     * empty when it does.
     *
     * @param commit the git commit of the program being promoted, empty when unknown
     */
    static List<String> differences(Release verified, String commit, ResourceGraph to) {
        List<String> problems = new ArrayList<>();
        if (!verified.commit().isEmpty() && !commit.isEmpty() && !verified.commit().equals(commit)) {
            problems.add("program: this is commit " + shortly(commit) + ", but the verified release was made from "
                    + shortly(verified.commit()) + " (git checkout " + shortly(verified.commit()) + ")");
        }
        for (DeclaredResource resource : to.declarations().resources().values()) {
            Optional<String> image = image(resource);
            if (image.isEmpty()) {
                continue;
            }
            String address = resource.address().toString();
            Release.Service tested = verified.services().get(address);
            if (tested == null) {
                problems.add(address + ": runs " + image.get() + ", which the verified release does not contain");
            } else if (!tested.image().equals(image.get())) {
                problems.add(address + ": would run " + image.get() + ", but " + tested.image() + " was verified");
            }
        }
        return problems;
    }

    /** The artifact a declared resource releases: a container's or a built image's tag, a strategy template's. */
    private static Optional<String> image(DeclaredResource resource) {
        Map<String, Object> properties = resource.declaration().properties();
        Object image = null;
        if (resource.type().startsWith("deploy:")) {
            image = properties.get("template") instanceof Map<?, ?> template ? template.get("image") : null;
        } else if (resource.type().endsWith(":Container") || resource.type().endsWith(":Image")) {
            image = properties.get("image");
        }
        return image instanceof String text ? Optional.of(text) : Optional.empty();
    }

    private static String shortly(String commit) {
        return commit.length() > 8 ? commit.substring(0, 8) : commit;
    }

    /** A promotion that must not happen, with the fix. */
    static final class PromotionRefused extends RuntimeException {
        private final String fix;

        PromotionRefused(String message, String fix) {
            super(message);
            this.fix = fix;
        }

        String fix() {
            return fix;
        }
    }
}
