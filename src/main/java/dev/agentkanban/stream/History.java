package dev.agentkanban.stream;

import java.util.ArrayList;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Predicate;

/**
 * The recent events in publication order, so a reconnecting client resumes exactly after the
 * last event it saw. Bounded three ways (count, bytes, age); the oldest go first. Not thread-safe:
 * the bus guards it.
 */
final class History {

    private final Frame[] ring;
    private final long maxBytes;
    private final long maxAgeMillis;
    private final Map<Topic, Map<String, Long>> seqById = new EnumMap<>(Topic.class);
    private int head;
    private int size;
    private long bytes;
    private long nextSeq = 1;

    History(int maxEvents, long maxBytes, long maxAgeMillis) {
        this.ring = new Frame[maxEvents];
        this.maxBytes = maxBytes;
        this.maxAgeMillis = maxAgeMillis;
        for (Topic topic : Topic.values()) {
            seqById.put(topic, new HashMap<>());
        }
    }

    Frame add(Frame frame) {
        Frame stored = frame.withSeq(nextSeq++);
        while (size > 0 && (size == ring.length || bytes + stored.size() > maxBytes)) {
            evictOldest();
        }
        ring[(head + size) % ring.length] = stored;
        size++;
        bytes += stored.size();
        seqById.get(stored.topic()).put(stored.id(), stored.seq());
        return stored;
    }

    /**
     * The frames published after the one with this id in this topic that match, oldest first; null
     * when the id is not (or no longer) held.
     */
    List<Frame> after(Topic topic, String id, Predicate<Frame> match) {
        Long seq = seqById.get(topic).get(id);
        if (seq == null) {
            return null;
        }
        long first = ring[head].seq();
        List<Frame> out = new ArrayList<>();
        for (int i = (int) (seq - first) + 1; i < size; i++) {
            Frame frame = ring[(head + i) % ring.length];
            if (match.test(frame)) {
                out.add(frame);
            }
        }
        return out;
    }

    void evictOlderThan(long nowMillis) {
        while (size > 0 && ring[head].at() < nowMillis - maxAgeMillis) {
            evictOldest();
        }
    }

    int size() {
        return size;
    }

    private void evictOldest() {
        Frame oldest = ring[head];
        ring[head] = null;
        head = (head + 1) % ring.length;
        size--;
        bytes -= oldest.size();
        // the id may have been re-published since (same id, later seq): keep that entry
        seqById.get(oldest.topic()).remove(oldest.id(), oldest.seq());
    }
}
