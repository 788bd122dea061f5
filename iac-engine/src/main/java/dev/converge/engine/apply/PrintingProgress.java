package dev.converge.engine.apply;

import dev.converge.api.Address;
import java.io.PrintStream;
import java.time.Duration;

/** Prints progress lines in the style of Terraform: {@code accounts: Still creating... [10s elapsed]}. */
public final class PrintingProgress implements Progress {

    private final PrintStream out;

    public PrintingProgress(PrintStream out) {
        this.out = out;
    }

    @Override
    public void started(Address address, Operation operation) {
        print(address + ": " + operation.starting());
    }

    @Override
    public void stillRunning(Address address, Operation operation, Duration elapsed) {
        print(address + ": " + operation.still() + " [" + elapsed.toSeconds() + "s elapsed]");
    }

    @Override
    public void finished(Address address, Operation operation, Duration elapsed, String id, String error) {
        if (error == null) {
            print(address + ": " + operation.done() + " after " + seconds(elapsed)
                    + (id == null || id.isEmpty() ? "" : " [id=" + id + "]"));
        } else {
            print(address + ": failed after " + seconds(elapsed) + ": " + error);
        }
    }

    private static String seconds(Duration elapsed) {
        long millis = elapsed.toMillis();
        return millis < 1000 ? "0s" : (millis / 1000) + "s";
    }

    private void print(String line) {
        synchronized (out) {
            out.println(line);
            out.flush();
        }
    }
}
