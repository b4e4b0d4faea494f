package dev.agentkanban.task;

import dev.agentkanban.board.BoardTasks;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

@ApplicationScoped
class TasksOfBoard implements BoardTasks {

    @Inject
    StaleTasks staleTasks;

    @Inject
    TaskReads reads;

    @Override
    public String of(String ownerId, String boardId) {
        if (staleTasks.any(ownerId, boardId)) {
            staleTasks.sweep(ownerId, boardId);
        }
        return reads.boardTasks(boardId);
    }
}
