package dev.converge.spi.state;

import java.util.List;

/**
 * The write-ahead journal of a stack: records appended during apply, durable when {@code append}
 * returns, replayed on the next load and cleared once folded into the state document.
 */
public interface StateJournal {

    /** Appends one record and makes it durable before returning. */
    void append(byte[] record);

    /** Every complete record in append order; a torn last record is skipped. */
    List<byte[]> readAll();

    /** Removes every record, after they were folded into a written state document. */
    void clear();
}
