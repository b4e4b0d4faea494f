package dev.agentkanban.stream;

import java.nio.charset.StandardCharsets;

/**
 * One server-sent event, encoded once and shared by every subscriber it goes to.
 *
 * @param seq position in the bus history (0 for frames that never enter it)
 * @param id the SSE id (null for comments)
 * @param key the task or board id the event belongs to
 * @param at wall-clock millis when it was published
 */
record Frame(long seq, Topic topic, String ownerId, String key, String id, byte[] bytes, long at) {

    static final Frame KEEP_ALIVE = new Frame(0, null, null, null, null,
            ": keep-alive\n\n".getBytes(StandardCharsets.US_ASCII), 0);

    /** The wire form of api spec 11: three lines and a blank line; the JSON is compact, one line. */
    static byte[] encode(String id, String event, String json) {
        return ("id: " + id + "\nevent: " + event + "\ndata: " + json + "\n\n").getBytes(StandardCharsets.UTF_8);
    }

    static Frame unsequenced(String id, byte[] bytes) {
        return new Frame(0, null, null, null, id, bytes, 0);
    }

    Frame withSeq(long seq) {
        return new Frame(seq, topic, ownerId, key, id, bytes, at);
    }

    int size() {
        return bytes.length;
    }
}
