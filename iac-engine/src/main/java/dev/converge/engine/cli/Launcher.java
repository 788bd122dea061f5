package dev.converge.engine.cli;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.List;
import java.util.zip.ZipEntry;
import java.util.zip.ZipFile;

/**
 * Writes a program's launcher script ({@code target/converge}): a way to run the program's command line
 * that does not pay Maven's start-up, with the class path fixed at build time, the recommended JVM flags,
 * and a class data sharing archive that the first run makes and later runs use (the script's own comment
 * says how). A build runs it at {@code package}, after {@code dependency:build-classpath}:
 *
 * <pre>java dev.converge.engine.cli.Launcher SCRIPT MAIN_CLASS PROGRAM_JAR CLASSPATH_FILE</pre>
 *
 * <p>{@code PROGRAM_JAR} is the program's own jar (a jar rather than {@code target/classes}: an archive
 * can only be made for a class path of jars), {@code CLASSPATH_FILE} the runtime class path of its
 * dependencies as {@code build-classpath} writes it. Runs inside Maven ({@code exec:java}), so it never
 * exits the JVM; bad arguments throw.
 */
public final class Launcher {

    private static final String TEMPLATE = "launcher.sh";

    /** Where provider jars name their providers (dev.converge.spi.Provider, found by ServiceLoader). */
    private static final String SERVICES = "META-INF/services/dev.converge.spi.Provider";

    private Launcher() {
    }

    public static void main(String[] args) throws IOException {
        if (args.length != 4) {
            throw new IllegalArgumentException("usage: Launcher SCRIPT MAIN_CLASS PROGRAM_JAR CLASSPATH_FILE");
        }
        List<Path> classPath = new ArrayList<>();
        classPath.add(Path.of(args[2]));
        for (String entry : Files.readString(Path.of(args[3])).strip().split(java.io.File.pathSeparator)) {
            if (!entry.isEmpty()) {
                classPath.add(Path.of(entry));
            }
        }
        write(Path.of(args[0]), args[1], classPath);
    }

    /** Writes the launcher of {@code mainClass} on {@code classPath} to {@code script}, executable. */
    public static void write(Path script, String mainClass, List<Path> classPath) throws IOException {
        List<String> entries = new ArrayList<>();
        boolean jarsOnly = true;
        for (Path entry : classPath) {
            entries.add(entry.toAbsolutePath().normalize().toString());
            jarsOnly &= !Files.isDirectory(entry);
        }
        String text = template().replace("@MAIN_CLASS@", mainClass)
                .replace("@CLASS_PATH@", shellQuoted(String.join(java.io.File.pathSeparator, entries)))
                .replace("@JARS_ONLY@", Boolean.toString(jarsOnly))
                .replace("@PROVIDERS@", shellQuoted(String.join(",", providers(classPath))));
        Path parent = script.toAbsolutePath().getParent();
        Files.createDirectories(parent);
        Path written = Files.writeString(Files.createTempFile(parent, ".converge", ".tmp"), text);
        Files.setPosixFilePermissions(written, PosixFilePermissions.fromString("rwxr-xr-x"));
        Files.move(written, script, java.nio.file.StandardCopyOption.REPLACE_EXISTING,
                java.nio.file.StandardCopyOption.ATOMIC_MOVE);
    }

    /**
     * The providers the class path's service files name, in class path order (ServiceLoader's): the script
     * passes them to the engine, which then need not open every jar to find them.
     */
    static List<String> providers(List<Path> classPath) throws IOException {
        List<String> providers = new ArrayList<>();
        for (Path entry : classPath) {
            String services = null;
            if (Files.isDirectory(entry)) {
                Path file = entry.resolve(SERVICES);
                services = Files.isRegularFile(file) ? Files.readString(file) : null;
            } else if (Files.isRegularFile(entry)) {
                try (ZipFile jar = new ZipFile(entry.toFile())) {
                    ZipEntry file = jar.getEntry(SERVICES);
                    services = file == null ? null : new String(jar.getInputStream(file).readAllBytes(),
                            StandardCharsets.UTF_8);
                }
            }
            if (services != null) {
                services.lines().map(line -> line.replaceFirst("#.*", "").strip()).filter(line -> !line.isEmpty())
                        .filter(line -> !providers.contains(line)).forEach(providers::add);
            }
        }
        return providers;
    }

    /** {@code text} as one single-quoted shell word. */
    static String shellQuoted(String text) {
        return "'" + text.replace("'", "'\\''") + "'";
    }

    private static String template() {
        try (InputStream in = Launcher.class.getResourceAsStream(TEMPLATE)) {
            if (in == null) {
                throw new IllegalStateException("the engine jar lacks " + TEMPLATE);
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
