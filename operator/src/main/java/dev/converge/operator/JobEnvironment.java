package dev.converge.operator;

/**
 * The environment variables through which the controller tells a Job's runner what to do: one contract,
 * written by the controller's Job template and read by {@code dev.converge.operator.runner.StackJob}.
 */
public final class JobEnvironment {

    /** A {@link JobResult.Mode} name. */
    public static final String MODE = "CONVERGE_JOB_MODE";
    /** The Converge stack name. */
    public static final String STACK = "CONVERGE_JOB_STACK";
    /** The Program class. */
    public static final String PROGRAM = "CONVERGE_JOB_PROGRAM";
    /** The program's arguments, a JSON array of strings. */
    public static final String ARGS = "CONVERGE_JOB_ARGS";
    /** The Stack's namespace, where its state lives (from the downward API). */
    public static final String NAMESPACE = "CONVERGE_JOB_NAMESPACE";
    /** The Stack's {@code config}, a JSON object of strings. */
    public static final String CONFIG = "CONVERGE_JOB_CONFIG";
    /** The approved plan's fingerprint (mode APPLY_APPROVED). */
    public static final String APPROVED = "CONVERGE_JOB_APPROVED";
    /** Where the result goes; {@code /dev/termination-log} by default. */
    public static final String RESULT_FILE = "CONVERGE_JOB_RESULT_FILE";
    /** Prefix of the variables made from the referenced ConfigMaps' keys ({@code envFrom}). */
    public static final String CONFIG_PREFIX = "CONVERGE_CFG_";
    /** Prefix of the variables made from the referenced Secrets' keys ({@code envFrom}). */
    public static final String SECRET_PREFIX = "CONVERGE_SECRET_";

    private JobEnvironment() {
    }
}
