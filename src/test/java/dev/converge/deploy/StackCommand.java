package dev.converge.deploy;

import dev.converge.api.Program;
import dev.converge.engine.Converge;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Map;

/**
 * One CLI command on one stack, run in-process the way {@code main} runs it (providers found by
 * ServiceLoader, configured from the stack's properties file in {@code workDir}), with no input and its
 * output captured and echoed for the test log.
 *
 * @param exitCode what the CLI returned
 * @param out standard output
 * @param err standard error
 */
public record StackCommand(int exitCode, String out, String err) {

    public static StackCommand run(Program program, Path workDir, String stack, String... args) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        String[] all = new String[args.length + 2];
        System.arraycopy(args, 0, all, 0, args.length);
        all[args.length] = "--stack";
        all[args.length + 1] = stack;
        int code = Converge.builder(program).workDir(workDir).environment(Map.of())
                .input(new ByteArrayInputStream(new byte[0]))
                .output(new PrintStream(out, true, StandardCharsets.UTF_8), new PrintStream(err, true, StandardCharsets.UTF_8))
                .build().run(all);
        StackCommand run = new StackCommand(code, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
        System.out.println("$ converge " + String.join(" ", all) + " -> " + code + "\n" + out + err);
        return run;
    }
}
