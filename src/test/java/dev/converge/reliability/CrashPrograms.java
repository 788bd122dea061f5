package dev.converge.reliability;

import dev.converge.api.Address;
import dev.converge.api.GenericResource;
import dev.converge.api.Program;
import dev.converge.api.Ref;
import dev.converge.providers.local.LocalFile;
import dev.converge.providers.local.LocalProcess;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

/**
 * Three versions of one program of {@code cloud:Box}es with dependencies, so that applying them in
 * turn exercises every kind of change:
 * <ul>
 *   <li>v1 creates net, db, cache, app, worker, lb and old (7 boxes, dependency depth 4);</li>
 *   <li>v2 replaces db create-before-delete (new key), updates app (new value, db's new arn),
 *       deletes old and creates extra;</li>
 *   <li>v3 updates net, replaces lb delete-before-create (new slot), deletes worker and creates
 *       extra2.</li>
 * </ul>
 * Optionally the same versions also manage local files and a local process ({@link LocalSetup}).
 */
final class CrashPrograms {

    static final int VERSIONS = 3;

    private CrashPrograms() {
    }

    /**
     * Local resources added to every version: a process (replaced delete-first when v2 changes its
     * environment) and files (updated in v2, one moved to another path in v3, one added in v2), all
     * under {@code files}; {@code marker} is put in the process environment to find leaked processes.
     */
    record LocalSetup(Path files, String marker) {

        /** Parses {@link #toArgument()}, or returns null for an argument that is not one. */
        static LocalSetup parse(String argument) {
            if (!argument.startsWith("local=")) {
                return null;
            }
            String[] parts = argument.substring("local=".length()).split(",", 2);
            return new LocalSetup(Path.of(parts[0]), parts[1]);
        }

        String toArgument() {
            return "local=" + files + "," + marker;
        }
    }

    static Program version(int version) {
        return version(version, null);
    }

    static Program version(int version, LocalSetup local) {
        if (version < 0 || version > VERSIONS) {
            throw new IllegalArgumentException("no program version " + version);
        }
        return stack -> {
            if (version == 0) {
                return; // the empty program: nothing declared
            }
            if (local != null) {
                addLocal(stack, version, local);
            }
            Ref<Map<String, Object>> net = stack.add(box("net").set("value", version >= 3 ? "net-v3" : "net-v1"));
            Ref<Map<String, Object>> db = stack.add(box("db").set("key", version >= 2 ? "db-k2" : "db-k1")
                    .set("ref", net.output("arn")));
            Ref<Map<String, Object>> cache = stack.add(box("cache").set("ref", net.output("arn")));
            Ref<Map<String, Object>> app = stack.add(box("app").set("value", version >= 2 ? "app-v2" : "app-v1")
                    .set("ref", db.output("arn")).set("ref2", cache.output("arn")));
            if (version < 3) {
                stack.add(box("worker").set("ref", app.output("arn")));
            }
            Ref<Map<String, Object>> lb = stack.add(box("lb").set("slot", version >= 3 ? "slot-2" : "slot-1")
                    .set("ref", app.output("arn")));
            if (version < 2) {
                stack.add(box("old").set("value", "to be deleted in v2"));
            }
            if (version >= 2) {
                stack.add(box("extra").set("ref", cache.output("arn")));
            }
            if (version >= 3) {
                stack.add(box("extra2").set("ref", lb.output("arn")));
            }
            stack.export("lbArn", lb.output("arn"));
        };
    }

    private static void addLocal(dev.converge.api.Stack stack, int version, LocalSetup local) {
        stack.add(LocalProcess.of("svc").command("sleep", "600").env("RELIABILITY_RUN", local.marker())
                .env("V", version >= 2 ? "2" : "1"));
        stack.add(LocalFile.of("conf").path(local.files().resolve(version >= 3 ? "conf-b.txt" : "conf-a.txt")
                .toString()).content("conf of version " + version));
        if (version >= 2) {
            stack.add(LocalFile.of("notes").path(local.files().resolve("notes.txt").toString())
                    .content("notes of version " + version));
        }
    }

    /** The addresses version {@code version} declares. */
    static List<Address> addresses(int version) {
        List<String> names = switch (version) {
            case 0 -> List.of();
            case 1 -> List.of("net", "db", "cache", "app", "worker", "lb", "old");
            case 2 -> List.of("net", "db", "cache", "app", "worker", "lb", "extra");
            case 3 -> List.of("net", "db", "cache", "app", "lb", "extra", "extra2");
            default -> throw new IllegalArgumentException("no program version " + version);
        };
        return names.stream().map(Address::parse).toList();
    }

    private static GenericResource box(String name) {
        return GenericResource.of(DurableCloud.BOX, name);
    }
}
