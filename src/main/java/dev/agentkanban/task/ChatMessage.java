package dev.agentkanban.task;

import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.annotation.JsonNaming;
import io.quarkus.runtime.annotations.RegisterForReflection;

/** The Message object of api spec 3.5: one line of a task's human-agent chat. */
@RegisterForReflection
@JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
public record ChatMessage(String id, String taskId, String senderType, String senderId, String content,
        String createdAt) {
}
