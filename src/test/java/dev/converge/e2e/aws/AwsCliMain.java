package dev.converge.e2e.aws;

import dev.converge.engine.Converge;
import dev.converge.providers.aws.AwsProvider;
import java.nio.file.Path;
import java.util.Arrays;

/**
 * The example run as its own process, for the tests that need an environment the test JVM cannot have
 * (no AWS credentials anywhere): {@code AwsCliMain WORKDIR CLI-ARGS...}. Exits with the CLI's code.
 */
public final class AwsCliMain {

    private AwsCliMain() {
    }

    public static void main(String[] args) {
        int code;
        try (AwsProvider provider = new AwsProvider()) {
            code = Converge.builder(new OwnerTaggedServiceStack()).withoutServiceLoader().provider(provider)
                    .workDir(Path.of(args[0])).build().run(Arrays.copyOfRange(args, 1, args.length));
        }
        System.exit(code);
    }
}
