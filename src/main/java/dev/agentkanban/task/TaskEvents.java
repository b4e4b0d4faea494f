package dev.agentkanban.task;

import dev.agentkanban.auth.Identity;
import dev.agentkanban.common.db.GroupCommit;
import dev.agentkanban.stream.TaskEvent;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Event;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import java.util.List;

/**
 * Announces new task actions and messages to the live streams, after the write commits and in
 * the order the changes were made (see {@link TaskEvent}). Nothing is announced for a write that
 * rolls back. Fired from the write path's after-commit list, not from CDI's transactional
 * observers: those run in reverse order of registration and know nothing of a write rolled back
 * to its savepoint inside a committed batch.
 */
@ApplicationScoped
class TaskEvents {

    @Inject
    Event<TaskEvent> events;

    @Inject
    GroupCommit commits;

    @Inject
    EntityManager em;

    /** The caller as the views show an actor: name, public key and kind for agents, else null. */
    TaskAction.Actor actor(Identity who) {
        return who.type().isAgent() ? agent(who.agentId()) : null;
    }

    TaskAction.Actor agent(String agentId) {
        List<?> rows = em.createNativeQuery("SELECT name, public_key, kind FROM agents WHERE id = ?1")
                .setParameter(1, agentId)
                .getResultList();
        if (rows.isEmpty()) {
            return null;
        }
        Object[] r = (Object[]) rows.get(0);
        return new TaskAction.Actor((String) r[0], (String) r[1], (String) r[2]);
    }

    void action(String ownerId, String boardId, TaskAction action, TaskAction.Actor actor) {
        publish(new TaskEvent(ownerId, boardId, action.taskId, "note", action.view(actor)));
        publish(new TaskEvent(ownerId, boardId, action.taskId, "board_note", action.boardView(actor)));
    }

    void message(String ownerId, String boardId, Message message) {
        publish(new TaskEvent(ownerId, boardId, message.taskId, "message", message.view()));
    }

    private void publish(TaskEvent event) {
        commits.afterCommit(() -> events.fire(event));
    }
}
