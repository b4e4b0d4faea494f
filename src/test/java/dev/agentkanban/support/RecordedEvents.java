package dev.agentkanban.support;

import dev.agentkanban.board.BoardCreated;
import dev.agentkanban.task.TaskEvent;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.enterprise.event.TransactionPhase;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * Observes what the features announce, the way their real consumers will: board creation
 * synchronously (the agents feature seeds built-ins), task events only after a successful commit
 * (the live streams).
 */
@ApplicationScoped
public class RecordedEvents {

    private final List<String> boardOwners = new CopyOnWriteArrayList<>();
    private final List<TaskEvent> taskEvents = new CopyOnWriteArrayList<>();

    void boardCreated(@Observes BoardCreated created) {
        boardOwners.add(created.ownerId());
    }

    void taskEvent(@Observes(during = TransactionPhase.AFTER_SUCCESS) TaskEvent event) {
        taskEvents.add(event);
    }

    /** Read through methods: the test holds a client proxy, whose fields are not the bean's. */
    public List<String> boardOwners() {
        return List.copyOf(boardOwners);
    }

    /** The events of these tasks, in the order they were announced. */
    public List<TaskEvent> forTasks(java.util.Collection<String> taskIds) {
        return taskEvents.stream().filter(e -> taskIds.contains(e.taskId())).toList();
    }

    public List<TaskEvent> forTask(String taskId) {
        return taskEvents.stream().filter(e -> e.taskId().equals(taskId)).toList();
    }
}
