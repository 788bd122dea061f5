package dev.converge.engine;

import dev.converge.api.Program;
import dev.converge.spi.Provider;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Map;

/** Runs the CLI in-process and captures what it prints. */
final class CliHarness {

    /** The outcome of one command. */
    record Run(int exitCode, String out, String err) {
        String all() {
            return out + err;
        }
    }

    private final Path dir;
    private final Provider[] providers;
    private Map<String, String> environment = Map.of();

    CliHarness(Path dir, Provider... providers) {
        this.dir = dir;
        this.providers = providers;
    }

    CliHarness environment(Map<String, String> env) {
        this.environment = env;
        return this;
    }

    Run run(Program program, String... args) {
        return runWithInput(program, "", args);
    }

    Run runWithInput(Program program, String stdin, String... args) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        Converge.Builder builder = Converge.builder(program).workDir(dir).withoutServiceLoader()
                .output(new PrintStream(out, true, StandardCharsets.UTF_8), new PrintStream(err, true, StandardCharsets.UTF_8))
                .input(new ByteArrayInputStream(stdin.getBytes(StandardCharsets.UTF_8)))
                .environment(environment);
        for (Provider provider : providers) {
            builder.provider(provider);
        }
        int code = builder.build().run(args);
        return new Run(code, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
    }
}
