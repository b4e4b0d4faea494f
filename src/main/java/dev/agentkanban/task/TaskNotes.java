package dev.agentkanban.task;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.annotation.JsonNaming;
import dev.agentkanban.auth.Identity;
import dev.agentkanban.common.Ids;
import dev.agentkanban.common.Times;
import dev.agentkanban.common.db.Write;
import dev.agentkanban.common.error.ApiException;
import dev.agentkanban.common.web.Body;
import io.quarkus.runtime.annotations.RegisterForReflection;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;

/** Comments in a task's log and the task chat (api spec 5.13). */
@ApplicationScoped
public class TaskNotes {

    @Inject
    EntityManager em;

    @Inject
    TaskEvents events;

    /** A {@code commented} action; counts as activity for stale detection, leaves {@code updated_at} alone. */
    @Write
    public AddedNote addNote(Identity who, String taskId, JsonNode json) {
        String boardId = Tasks.boardOf(em, who.ownerId(), taskId);
        String detail = Body.of(json).string("detail");
        if (detail == null || detail.isEmpty()) {
            throw ApiException.badRequest("detail is required");
        }
        TaskAction note = TaskAction.by(who, taskId, TaskAction.COMMENTED, detail, Times.now());
        note.insert(em);
        events.action(who.ownerId(), boardId, note, events.actor(who));
        return new AddedNote(note.id, note.taskId, note.actorType, note.actorId, null, null, note.action, note.detail,
                note.sessionId, note.createdAt);
    }

    /** The answer to adding a note: it names the actor fields without resolving them, in its own field order. */
    @RegisterForReflection
    @JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
    public record AddedNote(String id, String taskId, String actorType, String actorId, String actorName,
            String actorPublicKey, String action, String detail, String sessionId, String createdAt) {
    }

    /**
     * A chat message. The sender is whoever the body names (the original does not tie it to the
     * caller); without a {@code sender_id}, the caller's agent id or owner id.
     */
    @Write
    public Message addMessage(Identity who, String taskId, JsonNode json) {
        String boardId = Tasks.boardOf(em, who.ownerId(), taskId);
        Body body = Body.of(json);
        String senderType = body.string("sender_type", Body.MAX_SHORT);
        String content = body.string("content");
        if (senderType == null || senderType.isEmpty() || content == null || content.isEmpty()) {
            throw ApiException.badRequest("sender_type and content are required");
        }
        if (!"user".equals(senderType) && !"agent".equals(senderType)) {
            throw ApiException.badRequest("sender_type must be 'user' or 'agent'");
        }
        String senderId = body.string("sender_id", Body.MAX_SHORT);
        if (senderId == null || senderId.isEmpty()) {
            senderId = "agent".equals(senderType) ? who.agentId() : who.ownerId();
        }
        if (senderId == null || senderId.isEmpty()) {
            throw ApiException.badRequest("sender_id is required");
        }
        Message message = new Message();
        message.id = Ids.longId();
        message.taskId = taskId;
        message.senderType = senderType;
        message.senderId = senderId;
        message.content = content;
        message.createdAt = Times.now();
        message.persist();
        events.message(who.ownerId(), boardId, message);
        return message;
    }
}
