package dev.converge.engine.state;

import dev.converge.api.Address;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;

/**
 * Run in a forked JVM by {@link CrossProcessTest}: opens the stack, journals one finished and one
 * unfinished create, prints READY and waits to be killed with SIGKILL.
 */
public final class CrashingHolder {

    private CrashingHolder() {
    }

    public static void main(String[] args) throws InterruptedException {
        LocalStateBackend backend = new LocalStateBackend(Path.of(args[0]));
        StateSession session = StateSession.open(backend, "dev",
                new StateSession.Options("apply", Duration.ZERO, StateFixtures.KEY));
        session.recordUpsert(session.begin(Address.of("db"), JournalOperation.CREATE, "docker:Container", null),
                StateFixtures.withSecret("db"));
        session.begin(Address.of("web"), JournalOperation.CREATE, "docker:Container", null);
        System.out.println("READY " + session.lock().id());
        System.out.flush();
        Thread.sleep(Duration.ofMinutes(5).toMillis());
    }
}
