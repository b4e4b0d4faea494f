package dev.agentkanban.stream;

import dev.agentkanban.task.TaskEvent;

/**
 * What a stream follows. Task streams carry {@code note} and {@code message} events of one task,
 * board and share streams carry {@code board_note} events of one board. An action is fired once for
 * each topic with the same id, so ids are unique only within a topic.
 */
enum Topic {
    TASK,
    BOARD;

    static Topic of(String eventType) {
        return switch (eventType) {
            case TaskEvent.NOTE, TaskEvent.MESSAGE -> TASK;
            case TaskEvent.BOARD_NOTE -> BOARD;
            default -> throw new IllegalArgumentException("no stream shows " + eventType + " events");
        };
    }
}
