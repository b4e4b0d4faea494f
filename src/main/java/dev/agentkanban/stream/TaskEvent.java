package dev.agentkanban.stream;

/**
 * Something the live streams (api spec 11) show, fired as a CDI event inside the write
 * transaction that made the change. Receivers observe it with
 * {@code @Observes(during = TransactionPhase.AFTER_SUCCESS)} so nothing is pushed for a change
 * that was rolled back.
 *
 * <p>{@code type} is the SSE event name and {@code payload} its {@code data} object, ready to
 * serialise: {@code note} (a TaskAction, for the task stream), {@code board_note} (the same
 * action as a BoardAction, for board and share streams) and {@code message} (a Message, for the
 * task stream). The payload's {@code id} is the SSE event id.
 */
public record TaskEvent(String ownerId, String boardId, String taskId, String type, Object payload) {
}
