package dev.converge.providers.local;

import dev.converge.api.Address;
import dev.converge.api.Diagnostic;
import dev.converge.api.ReplacementOrder;
import dev.converge.spi.DiffRequest;
import dev.converge.spi.DiffResponse;
import dev.converge.spi.PropertySchema;
import dev.converge.spi.Provider;
import dev.converge.spi.ResourceSchema;
import dev.converge.spi.SchemaChecks;
import dev.converge.spi.SchemaDiff;
import dev.converge.spi.Values;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * The pure part of the {@code local} provider: resource schemas, validation and diff. No I/O, so the
 * test kit can reuse it for an in-memory host. Stateless and thread-safe.
 *
 * <p>Which changes replace: a file's or directory's {@code path}, and every property of a process
 * (an immutable server). A file's {@code content}, {@code vars} and {@code mode}, and a directory's
 * {@code mode} and {@code recursiveDelete}, are updated in place.
 */
public final class LocalSchemas {

    public static final String FILE = "local:File";
    public static final String DIRECTORY = "local:Directory";
    public static final String PROCESS = "local:Process";

    /** Schema of {@link LocalFile}. */
    public static final ResourceSchema FILE_SCHEMA = ResourceSchema.builder(FILE)
            .property(PropertySchema.string("path").asRequired().asForceNew()
                    .describedAs("file path; relative paths resolve against the working directory"))
            .property(PropertySchema.string("content").defaultValue("")
                    .describedAs("the text to write; a template with ${name} placeholders when vars is set"))
            .property(PropertySchema.map("vars").describedAs("values for the content's ${name} placeholders"))
            .property(PropertySchema.string("mode").defaultValue("0644").describedAs("POSIX permissions"))
            .output("sha256")
            .output("size")
            .build();

    /** Schema of {@link LocalDirectory}. */
    public static final ResourceSchema DIRECTORY_SCHEMA = ResourceSchema.builder(DIRECTORY)
            .property(PropertySchema.string("path").asRequired().asForceNew()
                    .describedAs("directory path; relative paths resolve against the working directory"))
            .property(PropertySchema.string("mode").defaultValue("0755").describedAs("POSIX permissions"))
            .property(PropertySchema.bool("recursiveDelete").defaultValue(false)
                    .describedAs("delete the directory with everything in it; otherwise only when empty"))
            .build();

    /** Schema of {@link LocalProcess}. */
    public static final ResourceSchema PROCESS_SCHEMA = ResourceSchema.builder(PROCESS)
            .property(PropertySchema.list("command").asRequired().asForceNew()
                    .describedAs("the program and its first arguments"))
            .property(PropertySchema.list("args").asForceNew().describedAs("more arguments after the command"))
            .property(PropertySchema.map("env").asForceNew().describedAs("environment variables to add"))
            .property(PropertySchema.string("workingDirectory").asForceNew())
            .property(PropertySchema.string("logDirectory").asForceNew()
                    .describedAs("where <name>.out.log and <name>.err.log go; default .converge/logs"))
            .property(PropertySchema.string("httpCheck").asForceNew()
                    .describedAs("ready when this URL answers 2xx"))
            .property(PropertySchema.string("tcpCheck").asForceNew()
                    .describedAs("ready when host:port accepts connections"))
            .output("pid")
            .output("startTime")
            .output("stdoutLog")
            .output("stderrLog")
            .build();

    public static final List<ResourceSchema> ALL = List.of(FILE_SCHEMA, DIRECTORY_SCHEMA, PROCESS_SCHEMA);

    private LocalSchemas() {
    }

    /**
     * The diff of one local resource. Files and directories are replaced delete-first when the path
     * stays the same (the new object would clash with the old one); processes are always replaced
     * delete-first, since a service usually binds a fixed port.
     */
    public static DiffResponse diff(DiffRequest request) {
        ResourceSchema schema = schemaOf(request.type());
        DiffResponse plain = SchemaDiff.diff(schema, request.priorInputs(), request.desiredInputs());
        DiffResponse response = new DiffResponse(plain.diffs(), replacementOrder(request));
        boolean contentChanges = plain.diffs().stream().anyMatch(d -> d.isUnder("content") || d.isUnder("vars"));
        return FILE.equals(request.type()) && contentChanges
                ? response.withOutputsChanging(java.util.Set.of("sha256", "size")) : response;
    }

    private static ReplacementOrder replacementOrder(DiffRequest request) {
        if (PROCESS.equals(request.type())) {
            return ReplacementOrder.DELETE_BEFORE_CREATE;
        }
        Object before = request.priorInputs().get("path");
        Object after = request.desiredInputs().get("path");
        boolean samePath = before instanceof String b && after instanceof String a
                && Path.of(b).normalize().equals(Path.of(a).normalize());
        return samePath ? ReplacementOrder.DELETE_BEFORE_CREATE : ReplacementOrder.DEFAULT;
    }

    /** Schema checks plus the rules a schema cannot express (modes, templates, checks, commands). */
    public static List<Diagnostic> validate(String type, Address address, Map<String, Object> inputs) {
        ResourceSchema schema = schemaOf(type);
        List<Diagnostic> problems = new ArrayList<>(SchemaChecks.validate(schema, address, inputs));
        Map<String, Object> plain = Values.revealMap(schema.withDefaults(inputs));
        String where = address.toString();
        checkMode(where, plain.get("mode"), problems);
        if (FILE.equals(type)) {
            checkTemplate(where, plain, problems);
        } else if (PROCESS.equals(type)) {
            ProcessChecks.validate(where, plain, problems);
        }
        return problems;
    }

    /** The schema of a {@code local:} type. */
    public static ResourceSchema schemaOf(String type) {
        for (ResourceSchema schema : ALL) {
            if (schema.type().equals(type)) {
                return schema;
            }
        }
        throw new IllegalArgumentException("unknown resource type " + type + "; the local provider has "
                + String.join(", ", Provider.typeNames(ALL)));
    }

    /**
     * The bytes' text a file with these inputs holds: {@code content}, with {@code vars} filled in
     * when {@code vars} is set (without {@code vars}, {@code ${...}} is written as is).
     *
     * @throws IllegalArgumentException if the template needs variables {@code vars} lacks
     */
    public static String renderContent(Map<String, Object> inputs) {
        String content = Values.string(inputs, "content");
        content = content == null ? "" : content;
        Object vars = Values.reveal(inputs.get("vars"));
        if (vars instanceof Map<?, ?> map) {
            return Templates.render(content, Values.normalizeMap(castMap(map)));
        }
        return content;
    }

    @SuppressWarnings("unchecked")
    private static Map<String, ?> castMap(Map<?, ?> map) {
        return (Map<String, ?>) map;
    }

    private static void checkMode(String where, Object mode, List<Diagnostic> problems) {
        if (mode instanceof String text && !FileModes.isValid(text)) {
            problems.add(Diagnostic.error(where, "invalid mode '" + text + "'",
                    "use three or four octal digits such as 0644 or 755"));
        }
    }

    private static void checkTemplate(String where, Map<String, Object> inputs, List<Diagnostic> problems) {
        if (Values.containsUnknown(inputs.get("content")) || Values.containsUnknown(inputs.get("vars"))
                || !(inputs.get("content") instanceof String)) {
            return;
        }
        try {
            renderContent(inputs);
        } catch (IllegalArgumentException e) {
            problems.add(Diagnostic.error(where, "content template cannot be filled: " + e.getMessage(),
                    "add the variables with .var(name, value), or write a literal '${' as '$${'"));
        }
    }
}
