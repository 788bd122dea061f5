package dev.converge.providers.k8s;

import dev.converge.api.Diagnostic;
import dev.converge.api.ReplacementOrder;
import dev.converge.spi.DiffResponse;
import dev.converge.spi.PropertyDiff;
import dev.converge.spi.SchemaChecks;
import dev.converge.spi.SchemaDiff;
import dev.converge.spi.ValidateRequest;
import dev.converge.spi.Values;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

/** The provider's pure validation and diff rules. */
final class Checks {

    private static final Pattern DNS_SUBDOMAIN = Pattern.compile("[a-z0-9]([-a-z0-9.]{0,251}[a-z0-9])?");
    private static final List<String> MANIFEST_IDENTITY = List.of("manifest.apiVersion", "manifest.kind",
            "manifest.metadata.name", "manifest.metadata.namespace", "plural", "clusterScoped");

    private Checks() {
    }

    static List<Diagnostic> validate(ValidateRequest request) {
        String where = request.address().toString();
        TypeSpec spec = Kinds.spec(request.type()).orElse(null);
        if (spec == null) {
            return List.of(Diagnostic.error(where, "unknown resource type " + request.type(),
                    "the k8s provider has " + String.join(", ", dev.converge.spi.Provider.typeNames(Kinds.schemas()))));
        }
        List<Diagnostic> problems = new ArrayList<>(SchemaChecks.validate(spec.schema(), request.address(),
                request.inputs()));
        Object name = request.inputs().get("name");
        if (spec.isManifest()) {
            Map<String, Object> manifest = Values.mapOf(request.inputs(), "manifest");
            for (String field : List.of("apiVersion", "kind")) {
                if (manifest.get(field) == null) {
                    problems.add(Diagnostic.error(where, "the manifest has no '" + field + "'",
                            "every Kubernetes object needs apiVersion and kind"));
                }
            }
            name = Trees.get(manifest, List.of("metadata", "name"));
            if (name == null) {
                problems.add(Diagnostic.error(where, "the manifest has no metadata.name",
                        "Converge needs a fixed name to find the object again (generateName is not supported)"));
            }
        }
        if (name instanceof String text && !DNS_SUBDOMAIN.matcher(text).matches()) {
            problems.add(Diagnostic.error(where, "invalid Kubernetes name '" + text + "'",
                    "use lower-case letters, digits, '-' and '.', starting and ending with a letter or digit"));
        }
        return problems;
    }

    /**
     * The schema diff; for manifests a change of kind, name, namespace or scope replaces the object.
     * A replacement that keeps name and namespace must delete the old object first (names clash): also
     * when the engine forces it ({@code immutable()}, {@code replaceOnChanges}, {@code --replace}) on a
     * change the provider could make in place.
     */
    static DiffResponse diff(TypeSpec spec, Map<String, Object> prior, Map<String, Object> desired) {
        DiffResponse base = SchemaDiff.diff(spec.schema(), prior, desired);
        List<PropertyDiff> diffs = new ArrayList<>();
        boolean movesIdentity = false;
        for (PropertyDiff diff : base.diffs()) {
            boolean identity = spec.isManifest() ? MANIFEST_IDENTITY.stream().anyMatch(diff::isUnder)
                    || diff.path().equals("manifest.metadata") || diff.path().equals("manifest")
                    : diff.isUnder("name") || diff.isUnder("namespace");
            PropertyDiff marked = spec.isManifest() && identity ? diff.withForcesReplacement(true) : diff;
            movesIdentity |= identity;
            diffs.add(marked);
        }
        ReplacementOrder order = movesIdentity ? ReplacementOrder.DEFAULT : ReplacementOrder.DELETE_BEFORE_CREATE;
        return new DiffResponse(diffs, order);
    }
}
