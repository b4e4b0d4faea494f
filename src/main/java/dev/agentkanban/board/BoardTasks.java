package dev.agentkanban.board;

/** The tasks a board is shown with (api spec 10.3); the task feature provides them. */
public interface BoardTasks {

    /** BoardTask[] of the owner's board as JSON text, after its stale tasks were released (api spec 5.14). */
    String of(String ownerId, String boardId);
}
