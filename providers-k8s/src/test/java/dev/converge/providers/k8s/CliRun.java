package dev.converge.providers.k8s;

import dev.converge.api.Program;
import dev.converge.engine.Converge;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * One command of the real command line, run in-process as {@code main} runs it: the {@code k8s}
 * provider is found by ServiceLoader and configured from {@code converge.<stack>.properties} in the
 * working directory, and connects with {@code KUBECONFIG}.
 *
 * @param exitCode what the command line returned
 * @param out standard output
 * @param err standard error
 */
record CliRun(int exitCode, String out, String err) {

    String all() {
        return out + err;
    }

    /** Runs {@code args} (with {@code --stack stack} added) for {@code program} in {@code workDir}. */
    static CliRun of(Program program, Path workDir, String stack, String... args) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        List<String> withStack = new ArrayList<>(List.of(args));
        withStack.addAll(List.of("--stack", stack));
        int code = Converge.builder(program).workDir(workDir).environment(Map.of())
                .input(new ByteArrayInputStream(new byte[0]))
                .output(new PrintStream(out, true, StandardCharsets.UTF_8),
                        new PrintStream(err, true, StandardCharsets.UTF_8))
                .build().run(withStack.toArray(String[]::new));
        return new CliRun(code, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
    }
}
