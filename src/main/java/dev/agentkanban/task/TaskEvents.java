package dev.agentkanban.task;

import dev.agentkanban.agent.AgentDirectory;
import dev.agentkanban.auth.Identity;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Event;
import jakarta.inject.Inject;
import jakarta.transaction.Status;
import jakarta.transaction.Synchronization;
import jakarta.transaction.TransactionSynchronizationRegistry;
import java.util.ArrayList;
import java.util.List;

/**
 * Announces new task actions and messages to the live streams, after the write transaction
 * commits and in the order the changes were made (see {@link TaskEvent}). Nothing is announced
 * for a transaction that rolls back.
 *
 * <p>Events are collected per transaction and fired from one synchronization: CDI's
 * transactional observers would each register their own, and the transaction manager runs those
 * in reverse order, so a task's {@code created} note would reach a stream after its
 * {@code assigned} note.
 */
@ApplicationScoped
class TaskEvents {

    private static final Object PENDING = new Object();

    @Inject
    Event<TaskEvent> events;

    @Inject
    TransactionSynchronizationRegistry transaction;

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

    @SuppressWarnings("unchecked")
    private void publish(TaskEvent event) {
        List<TaskEvent> pending = (List<TaskEvent>) transaction.getResource(PENDING);
        if (pending == null) {
            List<TaskEvent> batch = new ArrayList<>();
            transaction.putResource(PENDING, batch);
            transaction.registerInterposedSynchronization(new Synchronization() {
                @Override
                public void beforeCompletion() {
                }

                @Override
                public void afterCompletion(int status) {
                    if (status == Status.STATUS_COMMITTED) {
                        batch.forEach(events::fire);
                    }
                }
            });
            pending = batch;
        }
        pending.add(event);
    }
}
