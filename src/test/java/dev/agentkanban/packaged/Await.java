package dev.agentkanban.packaged;

import java.time.Duration;
import java.util.function.Predicate;
import java.util.function.Supplier;

/** Bounded polling: the daemon works on its own clock, so tests wait for what it does, never for a fixed time. */
final class Await {

    private Await() {
    }

    /** Polls {@code probe} every 200 ms until {@code done} holds; fails with the last value and {@code context}. */
    static <T> T until(String what, Duration wait, Supplier<T> probe, Predicate<T> done, Supplier<String> context) {
        long deadline = System.nanoTime() + wait.toNanos();
        T last = probe.get();
        while (!done.test(last)) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("not within " + wait + ": " + what + "\nlast seen: " + last
                        + "\n" + context.get());
            }
            try {
                Thread.sleep(200);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new AssertionError(e);
            }
            last = probe.get();
        }
        return last;
    }
}
