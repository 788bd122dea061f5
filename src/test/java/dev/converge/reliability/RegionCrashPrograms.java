package dev.converge.reliability;

import dev.converge.api.Address;
import dev.converge.api.GenericResource;
import dev.converge.api.Program;
import dev.converge.api.ProviderConfig;
import dev.converge.api.ProviderRef;
import dev.converge.api.Ref;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Two versions of a program of {@code cloud:Box}es in three configurations of the cloud provider (the default
 * one and the regions {@code eu} and {@code us}), so that applying them in turn moves objects between regions:
 * <ul>
 *   <li>v1 creates net and app (default), db and old (eu), cache (us);</li>
 *   <li>v2 moves db from eu to us (create before delete), moves cache from us to eu (delete before create),
 *       updates app (new value, db's and cache's new arns), deletes old in eu and creates extra in us.</li>
 * </ul>
 */
final class RegionCrashPrograms {

    static final int VERSIONS = 2;
    /** How {@link CrashMain} is told to run these programs: {@code regions:V}. */
    static final String PREFIX = "regions:";

    private RegionCrashPrograms() {
    }

    static Program version(int version) {
        return stack -> {
            if (version == 0) {
                return;
            }
            Map<String, ProviderRef> regions = Map.of("eu", stack.provider(ProviderConfig.of(DurableCloud.NAME, "eu")),
                    "us", stack.provider(ProviderConfig.of(DurableCloud.NAME, "us")));
            Map<Address, String> placement = placement(version);
            Ref<Map<String, Object>> net = stack.add(box("net", placement, regions).set("value", "net"));
            Ref<Map<String, Object>> db = stack.add(box("db", placement, regions).set("key", "db-k1")
                    .set("ref", net.output("arn")));
            Ref<Map<String, Object>> cache = stack.add(box("cache", placement, regions).set("value", "cache")
                    .deleteBeforeReplace());
            stack.add(box("app", placement, regions).set("value", "app-v" + version).set("ref", db.output("arn"))
                    .set("ref2", cache.output("arn")));
            if (version < 2) {
                stack.add(box("old", placement, regions).set("value", "to be deleted in v2"));
            } else {
                stack.add(box("extra", placement, regions).set("ref", cache.output("arn")));
            }
            stack.export("appArn", db.output("arn"));
        };
    }

    /** The configuration of each box version {@code version} declares: empty for the default one. */
    static Map<Address, String> placement(int version) {
        Map<Address, String> placement = new LinkedHashMap<>();
        if (version == 0) {
            return placement;
        }
        placement.put(Address.of("net"), "");
        placement.put(Address.of("db"), version >= 2 ? "us" : "eu");
        placement.put(Address.of("cache"), version >= 2 ? "eu" : "us");
        placement.put(Address.of("app"), "");
        placement.put(version < 2 ? Address.of("old") : Address.of("extra"), version < 2 ? "eu" : "us");
        return placement;
    }

    private static GenericResource box(String name, Map<Address, String> placement, Map<String, ProviderRef> regions) {
        GenericResource box = GenericResource.of(DurableCloud.BOX, name);
        String region = placement.get(Address.of(name));
        return region.isEmpty() ? box : box.provider(regions.get(region));
    }
}
