package dev.agentkanban.task;

import com.fasterxml.jackson.annotation.JsonUnwrapped;
import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.annotation.JsonNaming;
import io.quarkus.runtime.annotations.RegisterForReflection;
import java.util.List;

/** The TaskDetail object of api spec 5.3: the row, its joins and its whole log. */
@RegisterForReflection
@JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
public record TaskDetail(@JsonUnwrapped TaskRow task, String agentName, String agentPublicKey,
        String agentFingerprint, String repositoryName, int subtaskCount, String activeSessionId, boolean blocked,
        List<Note> notes, Integer durationMinutes, List<String> dependsOn) {
}
