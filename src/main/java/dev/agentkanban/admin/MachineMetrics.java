package dev.agentkanban.admin;

import jakarta.enterprise.context.ApplicationScoped;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Request statistics per machine over the last five minutes (api spec 15), in fixed memory: one
 * bucket per second in a ring, so a busy daemon costs the same as an idle one. They feed the
 * admin machine overview only; {@code /q/metrics} has requests per route template instead, since
 * a label per machine would grow without bound.
 */
@ApplicationScoped
public class MachineMetrics {

    static final int WINDOW_SECONDS = 300;
    private static final int MAX_MACHINES = 10_000;

    private final Map<String, Window> windows = new ConcurrentHashMap<>();

    public void record(String machineId, int status, long latencyMs) {
        long second = System.currentTimeMillis() / 1000;
        Window window = windows.get(machineId);
        if (window == null) {
            if (windows.size() >= MAX_MACHINES) {
                evictIdle(second);
                if (windows.size() >= MAX_MACHINES) {
                    return;
                }
            }
            window = windows.computeIfAbsent(machineId, id -> new Window());
        }
        window.add(second, status >= 400, latencyMs);
    }

    /** The aggregate for one machine, or null when it made no request in the window. */
    public Map<String, Object> snapshot(String machineId) {
        Window window = windows.get(machineId);
        if (window == null) {
            return null;
        }
        long[] totals = window.totals(System.currentTimeMillis() / 1000);
        long count = totals[0];
        if (count == 0) {
            return null;
        }
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("machine_id", machineId);
        m.put("qps", Math.round(count / (double) WINDOW_SECONDS * 100) / 100.0);
        m.put("error_rate", Math.round(totals[1] / (double) count * 1000) / 10.0);
        m.put("avg_latency_ms", Math.round(totals[2] / (double) count));
        m.put("total_requests", count);
        return m;
    }

    private void evictIdle(long now) {
        windows.entrySet().removeIf(e -> e.getValue().idleSince(now));
    }

    private static final class Window {
        private final long[] second = new long[WINDOW_SECONDS];
        private final long[] count = new long[WINDOW_SECONDS];
        private final long[] errors = new long[WINDOW_SECONDS];
        private final long[] latency = new long[WINDOW_SECONDS];
        private long last;

        synchronized void add(long now, boolean error, long latencyMs) {
            int i = (int) (now % WINDOW_SECONDS);
            if (second[i] != now) {
                second[i] = now;
                count[i] = 0;
                errors[i] = 0;
                latency[i] = 0;
            }
            count[i]++;
            errors[i] += error ? 1 : 0;
            latency[i] += latencyMs;
            last = now;
        }

        synchronized long[] totals(long now) {
            long[] t = new long[3];
            for (int i = 0; i < WINDOW_SECONDS; i++) {
                if (now - second[i] < WINDOW_SECONDS) {
                    t[0] += count[i];
                    t[1] += errors[i];
                    t[2] += latency[i];
                }
            }
            return t;
        }

        synchronized boolean idleSince(long now) {
            return now - last >= WINDOW_SECONDS;
        }
    }
}
