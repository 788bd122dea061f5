package dev.converge.operator.controller;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** At most {@code capacity} runs at once; stacks in line are handed back in the order they came. */
class RunSlotsTest {

    @Test
    void aFullHouseQueuesStacksAndHandsThemBackInOrder() {
        RunSlots slots = new RunSlots(2);
        assertThat(slots.tryAcquire("a", "a-run-1")).isTrue();
        assertThat(slots.tryAcquire("b", "b-run-1")).isTrue();
        assertThat(slots.tryAcquire("c", "c-run-1")).isFalse();
        assertThat(slots.tryAcquire("d", "d-run-1")).isFalse();
        assertThat(slots.inUse()).isEqualTo(2);

        assertThat(slots.release("a")).as("one slot free: the first in line").containsExactly("c");
        assertThat(slots.tryAcquire("c", "c-run-1")).isTrue();
        assertThat(slots.release("b")).containsExactly("d");
        assertThat(slots.release("c")).as("d was handed back but has not taken its slot yet").containsExactly("d");
    }

    @Test
    void aStackHoldsOneSlotForTheJobItTookItFor() {
        RunSlots slots = new RunSlots(1);
        assertThat(slots.tryAcquire("a", "a-run-1")).isTrue();
        assertThat(slots.tryAcquire("a", "a-run-2")).as("already held").isTrue();
        assertThat(slots.holder("a")).contains("a-run-1");
        assertThat(slots.inUse()).isEqualTo(1);
        assertThat(slots.holder("b")).isEmpty();
    }

    @Test
    void aRunFoundInFlightAfterALeaderChangeKeepsItsSlotEvenBeyondCapacity() {
        RunSlots slots = new RunSlots(1);
        assertThat(slots.tryAcquire("a", "a-run-1")).isTrue();
        assertThat(slots.tryAcquire("b", "b-run-1")).isFalse();
        slots.adopt("b", "b-run-7");
        assertThat(slots.inUse()).isEqualTo(2);
        assertThat(slots.holder("b")).contains("b-run-7");
        assertThat(slots.release("a")).as("b is no longer in line, and still over capacity").isEmpty();
        assertThat(slots.tryAcquire("c", "c-run-1")).isFalse();
        assertThat(slots.release("b")).containsExactly("c");
    }
}
