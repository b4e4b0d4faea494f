package dev.agentkanban.task;

import dev.agentkanban.agent.AgentDirectory;
import dev.agentkanban.auth.Identity;
import dev.agentkanban.common.db.GroupCommit;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Event;
import jakarta.inject.Inject;

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
    AgentDirectory agents;

    /** The caller as the views show an actor: name, public key and kind for agents, else null. */
    TaskAction.Actor actor(Identity who) {
        return who.type().isAgent() ? agent(who.agentId()) : null;
    }

    private TaskAction.Actor agent(String agentId) {
        AgentDirectory.Card card = agents.card(agentId);
        return card == null ? null : new TaskAction.Actor(card.name(), card.publicKey(), card.kind());
    }

    void action(String ownerId, String boardId, TaskAction action, TaskAction.Actor actor) {
        publish(new TaskEvent(ownerId, boardId, action.taskId, TaskEvent.NOTE, action.view(actor)));
        publish(new TaskEvent(ownerId, boardId, action.taskId, TaskEvent.BOARD_NOTE, action.boardView(actor)));
    }

    void message(String ownerId, String boardId, Message message) {
        publish(new TaskEvent(ownerId, boardId, message.taskId, TaskEvent.MESSAGE, message.view()));
    }

    private void publish(TaskEvent event) {
        commits.afterCommit(() -> events.fire(event));
    }
}
