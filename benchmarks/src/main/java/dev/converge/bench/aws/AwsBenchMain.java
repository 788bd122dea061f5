package dev.converge.bench.aws;

import dev.converge.engine.Converge;
import dev.converge.providers.aws.AwsProvider;

/**
 * Runs the Converge CLI on {@link AwsBenchProgram}, for {@code bench/terraform-aws/bench.sh}, launched
 * with {@code java -cp} so the timed process is the engine itself and not Maven. The AWS provider is
 * registered explicitly and the ServiceLoader scan is skipped: the benchmark's classpath has only this
 * provider anyway, and the program's own start-up is part of what is measured.
 *
 * <p>{@code CONVERGE_BENCH_PROGRAM=throttle} runs {@link ThrottleBenchProgram} (300 objects) instead.
 *
 * <p>Arguments are the CLI's ({@code apply --auto-approve --stack bench --parallelism 16}); settings come
 * from the environment ({@code AWS_ENDPOINT_URL}, {@code AWS_ACCESS_KEY_ID}, ...) or the stack config.
 */
public final class AwsBenchMain {

    private AwsBenchMain() {
    }

    public static void main(String[] args) {
        boolean throttle = "throttle".equals(System.getenv("CONVERGE_BENCH_PROGRAM"));
        int code = Converge.builder(throttle ? new ThrottleBenchProgram() : new AwsBenchProgram()).withoutServiceLoader().provider(new AwsProvider())
                .build().run(args);
        System.exit(code);
    }
}
