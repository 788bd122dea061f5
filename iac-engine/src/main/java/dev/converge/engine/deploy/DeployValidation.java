package dev.converge.engine.deploy;

import dev.converge.api.Diagnostic;
import dev.converge.api.deploy.Shadow;
import dev.converge.spi.Provider;
import dev.converge.spi.ResourceSchema;
import dev.converge.spi.SchemaChecks;
import dev.converge.spi.ValidateRequest;
import dev.converge.spi.ValidateResponse;
import dev.converge.spi.Values;
import dev.converge.spi.deploy.TrafficRouter;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;

/** The checks of a strategy's inputs before anything is planned. Stateless. */
final class DeployValidation {

    private DeployValidation() {
    }

    /**
     * The schema checks; a shadow must not write into the stable version's data silently; and the template
     * provider's router may refuse a strategy it cannot carry out (DNS cannot mirror).
     */
    static ValidateResponse validate(ValidateRequest request, ResourceSchema schema,
            Function<String, Optional<Provider>> providers) {
        List<Diagnostic> problems = new ArrayList<>(SchemaChecks.validate(schema, request.address(), request.inputs()));
        Map<String, Object> template = Values.mapOf(request.inputs(), "template");
        if (Shadow.TYPE.equals(request.type()) && !Values.listOf(template, "mounts").isEmpty()
                && !Values.bool(request.inputs(), "sharesDataSafely", false)) {
            problems.add(Diagnostic.error(request.address().toString(),
                    "a shadow would write into the stable version's data (its template mounts volumes)",
                    "give the shadow its own volume or database, or declare its writes safe with"
                            + " .with(\"sharesDataSafely\", true) after checking it cannot corrupt data"));
        }
        refusal(request, providers).ifPresent(problems::add);
        return new ValidateResponse(problems);
    }

    private static Optional<Diagnostic> refusal(ValidateRequest request, Function<String, Optional<Provider>> providers) {
        String type = Values.string(request.inputs(), "instanceType");
        if (type == null) {
            return Optional.empty();
        }
        return providers.apply(type).flatMap(platform -> platform.extension(TrafficRouter.class)
                .flatMap(router -> router.refuses(request.type(), type))
                .map(reason -> Diagnostic.error(request.address().toString(), "the traffic router of provider '"
                        + platform.name() + "' cannot carry out " + request.type() + " for " + type, reason)));
    }
}
