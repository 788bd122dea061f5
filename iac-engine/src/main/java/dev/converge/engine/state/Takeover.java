package dev.converge.engine.state;

import dev.converge.spi.state.LockInfo;

/**
 * The lock of a dead holder that a run took over when it opened the stack: whose it was and why it
 * was safe. The caller reports it (the CLI prints {@link #describe()}); the holder's unfinished steps
 * are in the journal and are resolved by the usual recovery.
 *
 * @param stack the stack
 * @param previous the lock that was taken over
 * @param reason why its holder counts as dead, such as {@code its process 42 on vm is no longer running}
 */
public record Takeover(String stack, LockInfo previous, String reason) {

    /** One line: {@code Took over the lock of stack 'dev' from root@vm (pid 42, apply since T, lock ID): REASON.} */
    public String describe() {
        return "Took over the lock of stack '" + stack + "' from " + previous.user() + "@" + previous.host() + " (pid "
                + previous.pid() + ", " + previous.operation() + " since " + previous.acquiredAt() + ", lock "
                + previous.id() + "): " + reason + ".";
    }
}
