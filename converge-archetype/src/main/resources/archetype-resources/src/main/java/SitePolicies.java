package ${package};

import dev.converge.engine.policy.Policy;
import dev.converge.engine.policy.StarterPolicies;
import java.util.ArrayList;
import java.util.List;

/** The rules every plan of this module must keep; {@link Site#main} runs them on every plan and apply. */
public final class SitePolicies {

    private SitePolicies() {
    }

    /** Converge's starter pack and this module's own rules. */
    public static List<Policy> all() {
        List<Policy> all = new ArrayList<>(StarterPolicies.all());
        all.add(readinessChecked());
        return all;
    }

    /** Apply waits for a service only when it has a check; without one it counts as up once started. */
    public static Policy readinessChecked() {
        return Policy.mandatory("readiness-checked",
                "a process needs .httpCheck(url) or .tcpCheck(host:port), so that apply waits until it serves",
                resource -> resource.type().equals("local:Process")
                        && !resource.has("httpCheck") && !resource.has("tcpCheck"));
    }
}
