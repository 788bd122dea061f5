package dev.converge.bench;

import dev.converge.engine.Converge;
import java.io.PrintStream;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * The Converge side of {@code bench/terraform/compare.sh}: one whole process that runs one command of the
 * layered synthetic program (width 100, like the generated Terraform configuration) against the durable
 * {@link DirectoryProvider}.
 *
 * <pre>java -cp ... dev.converge.bench.CompareMain DIR N apply|plan [more CLI options]</pre>
 *
 * {@code apply} adds {@code --auto-approve}; {@code plan} adds {@code --detailed-exitcode}, so exit code 0
 * means "no changes". The parallelism is 16 unless given. The exit code is the command's.
 */
public final class CompareMain {

    private CompareMain() {
    }

    public static void main(String[] args) {
        if (args.length < 3 || !(args[2].equals("apply") || args[2].equals("plan"))) {
            System.err.println("usage: CompareMain DIR N apply|plan [--refresh=false ...]");
            System.exit(2);
        }
        Path dir = Path.of(args[0]);
        int size = Integer.parseInt(args[1]);
        List<String> command = new ArrayList<>();
        command.add(args[2]);
        command.add(args[2].equals("apply") ? "--auto-approve" : "--detailed-exitcode");
        List<String> extra = Arrays.asList(args).subList(3, args.length);
        if (extra.stream().noneMatch(option -> option.startsWith("--parallelism"))) {
            command.add("--parallelism=16");
        }
        command.addAll(extra);
        PrintStream out = System.out;
        int code = Converge.builder(new SyntheticProgram(size, SyntheticProgram.Shape.LAYERED, -1))
                .provider(new DirectoryProvider())
                .withoutServiceLoader()
                .workDir(dir)
                .output(out, System.err)
                .build()
                .run(command.toArray(String[]::new));
        System.exit(code);
    }
}
