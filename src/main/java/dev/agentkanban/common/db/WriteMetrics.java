package dev.agentkanban.common.db;

import io.micrometer.core.instrument.DistributionSummary;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import io.micrometer.core.instrument.binder.MeterBinder;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.concurrent.TimeUnit;

/**
 * The write path's meters, fed by whatever runs the writes: {@code ak_write_queue_wait_seconds}
 * (from asking to write until the write runs), {@code ak_write_batch_size} (writes per commit) and
 * {@code ak_db_commit_seconds} (the SQLite commit, its sync included).
 */
@ApplicationScoped
public class WriteMetrics implements MeterBinder {

    private Timer queueWait;
    private DistributionSummary batchSize;
    private Timer commit;

    @Override
    public void bindTo(MeterRegistry registry) {
        queueWait = Timer.builder("ak.write.queue.wait")
                .description("Time a write waited for its turn at the database").register(registry);
        batchSize = DistributionSummary.builder("ak.write.batch.size")
                .description("Writes committed together in one transaction").register(registry);
        commit = Timer.builder("ak.db.commit")
                .description("SQLite commit time, sync included").register(registry);
    }

    void waited(long nanos) {
        if (queueWait != null) {
            queueWait.record(nanos, TimeUnit.NANOSECONDS);
        }
    }

    void committed(int writes, long commitNanos) {
        if (batchSize != null) {
            batchSize.record(writes);
            commit.record(commitNanos, TimeUnit.NANOSECONDS);
        }
    }
}
