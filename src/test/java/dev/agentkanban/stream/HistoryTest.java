package dev.agentkanban.stream;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The resume history on its own: order, topics and its three bounds. */
class HistoryTest {

    private static Frame frame(Topic topic, String key, String id, int size, long at) {
        return new Frame(0, topic, "owner", key, id, "x".repeat(size).getBytes(StandardCharsets.US_ASCII), at);
    }

    private static List<String> ids(List<Frame> frames) {
        return frames.stream().map(Frame::id).toList();
    }

    @Test
    void returnsWhatCameAfterAnIdInItsTopicOnly() {
        History history = new History(100, 1 << 20, 600_000);
        history.add(frame(Topic.TASK, "t1", "a", 10, 0));
        history.add(frame(Topic.BOARD, "b1", "a", 10, 0));
        history.add(frame(Topic.TASK, "t2", "b", 10, 0));
        history.add(frame(Topic.TASK, "t1", "c", 10, 0));
        history.add(frame(Topic.BOARD, "b1", "c", 10, 0));

        assertThat(ids(history.after(Topic.TASK, "a", f -> f.topic() == Topic.TASK && f.key().equals("t1"))))
                .containsExactly("c");
        // the board twin of "a" comes after the task note "a" but is not replayed to a board stream resuming at "a"
        assertThat(ids(history.after(Topic.BOARD, "a", f -> f.topic() == Topic.BOARD))).containsExactly("c");
        assertThat(history.after(Topic.TASK, "zzz", f -> true)).isNull();
        assertThat(history.after(Topic.TASK, "c", f -> f.topic() == Topic.TASK)).isEmpty();
    }

    @Test
    void dropsTheOldestBeyondTheEventCount() {
        History history = new History(3, 1 << 20, 600_000);
        for (String id : List.of("a", "b", "c", "d", "e")) {
            history.add(frame(Topic.TASK, "t", id, 10, 0));
        }
        assertThat(history.size()).isEqualTo(3);
        assertThat(history.after(Topic.TASK, "b", f -> true)).isNull();
        assertThat(ids(history.after(Topic.TASK, "c", f -> true))).containsExactly("d", "e");
    }

    @Test
    void dropsTheOldestBeyondTheByteBudget() {
        History history = new History(100, 250, 600_000);
        for (String id : List.of("a", "b", "c")) {
            history.add(frame(Topic.TASK, "t", id, 100, 0));
        }
        assertThat(history.size()).isEqualTo(2);
        assertThat(history.after(Topic.TASK, "a", f -> true)).isNull();
        assertThat(ids(history.after(Topic.TASK, "b", f -> true))).containsExactly("c");
    }

    @Test
    void dropsWhatIsOlderThanTheMaximumAge() {
        History history = new History(100, 1 << 20, 1000);
        history.add(frame(Topic.TASK, "t", "old", 10, 0));
        history.add(frame(Topic.TASK, "t", "new", 10, 5000));
        history.evictOlderThan(5500);
        assertThat(history.size()).isEqualTo(1);
        assertThat(history.after(Topic.TASK, "old", f -> true)).isNull();
        assertThat(history.after(Topic.TASK, "new", f -> true)).isEmpty();
    }

    @Test
    void wrapsAroundTheRingWithoutLosingOrder() {
        History history = new History(4, 1 << 20, 600_000);
        for (int i = 0; i < 11; i++) {
            history.add(frame(Topic.TASK, "t", "e" + i, 10, 0));
        }
        assertThat(ids(history.after(Topic.TASK, "e7", f -> true))).containsExactly("e8", "e9", "e10");
    }
}
