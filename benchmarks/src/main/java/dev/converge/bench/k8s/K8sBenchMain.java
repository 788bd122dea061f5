package dev.converge.bench.k8s;

import dev.converge.engine.Converge;
import dev.converge.providers.k8s.KubernetesProvider;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;

/**
 * The Converge side of {@code bench/kubernetes/compare.sh}, one whole process (launched with
 * {@code java -cp}): runs one CLI command on {@link K8sBenchProgram} with the {@code k8s} provider, which
 * connects with {@code KUBECONFIG}; or, with {@code yaml}, writes the same objects as a manifest for kubectl.
 *
 * <pre>java -cp ... dev.converge.bench.k8s.K8sBenchMain N NAMESPACE yaml FILE
 * java -cp ... dev.converge.bench.k8s.K8sBenchMain N NAMESPACE apply|plan|destroy [CLI options]</pre>
 *
 * The working directory holds the state and {@code converge.bench.properties}.
 */
public final class K8sBenchMain {

    private K8sBenchMain() {
    }

    public static void main(String[] args) throws Exception {
        if (args.length < 3) {
            System.err.println("usage: K8sBenchMain N NAMESPACE yaml FILE | apply|plan|destroy [CLI options]");
            System.exit(2);
        }
        K8sBenchProgram program = new K8sBenchProgram(Integer.parseInt(args[0]), args[1]);
        if (args[2].equals("yaml")) {
            Files.writeString(Path.of(args[3]), program.yaml());
            return;
        }
        int code = Converge.builder(program).withoutServiceLoader().provider(new KubernetesProvider()).build()
                .run(Arrays.copyOfRange(args, 2, args.length));
        System.exit(code);
    }
}
