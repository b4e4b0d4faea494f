package dev.agentkanban.task;

import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.annotation.JsonNaming;
import io.quarkus.runtime.annotations.RegisterForReflection;

/**
 * The TaskAction object of api spec 3.4, called a note by the API: one entry of a task's log,
 * with its agent actor resolved (null fields when the actor is not an agent). Task reads, the
 * live streams and their resume reads all answer this one shape.
 */
@RegisterForReflection
@JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
public record Note(String id, String taskId, String actorType, String actorId, String action, String detail,
        String createdAt, String sessionId, String actorName, String actorPublicKey) {
}
