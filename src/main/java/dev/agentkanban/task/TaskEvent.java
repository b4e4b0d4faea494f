package dev.agentkanban.task;

/**
 * Something the live streams (api spec 11) show. Fired as a CDI event right after the write
 * transaction that made the change has committed, in the order the changes were made, and never
 * for a change that was rolled back. Observe it with {@code @Observes} (an
 * {@code @Observes(during = TransactionPhase.AFTER_SUCCESS)} observer is notified at the same
 * moment, as no transaction is active any more). Observers run on the thread that committed the
 * write's batch, before the next batch begins: hand the event off, do not block.
 *
 * <p>{@code type} is the SSE event name and {@code payload} its {@code data} object, ready to
 * serialise: {@code note} (a {@link Note}, for the task stream), {@code board_note} (the same
 * action as a {@link BoardNote}, for board and share streams) and {@code message} (a
 * {@link ChatMessage}, for the task stream). The payload's {@code id} is the SSE event id.
 */
public record TaskEvent(String ownerId, String boardId, String taskId, String type, Object payload) {

    public static final String NOTE = "note";
    public static final String BOARD_NOTE = "board_note";
    public static final String MESSAGE = "message";
}
