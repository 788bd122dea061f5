package dev.converge.reliability;

import dev.converge.api.Output;
import dev.converge.engine.Converge;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Forked by {@link BuilderEnvironmentKeyTest}: runs one CLI command of a program that exports a secret,
 * with the builder's {@code environment(...)} given as {@code NAME=VALUE} arguments, in a process whose
 * own environment may hold a secrets key the builder's leaves out.
 *
 * <p>Usage: {@code EnvironmentMain WORKDIR [NAME=VALUE...] -- CLI-ARGS...}
 */
public final class EnvironmentMain {

    private EnvironmentMain() {
    }

    public static void main(String[] args) {
        int separator = Arrays.asList(args).indexOf("--");
        Map<String, String> environment = new HashMap<>();
        for (String pair : List.of(args).subList(1, separator)) {
            environment.put(pair.substring(0, pair.indexOf('=')), pair.substring(pair.indexOf('=') + 1));
        }
        int code = Converge.builder(stack -> stack.export("token", Output.secret("environment-canary")))
                .workDir(Path.of(args[0])).withoutServiceLoader().environment(environment).build()
                .run(Arrays.copyOfRange(args, separator + 1, args.length));
        System.exit(code);
    }
}
