package dev.agentkanban.board;

import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.annotation.JsonNaming;
import io.quarkus.runtime.annotations.RegisterForReflection;

/** The Board object of api spec 3.1, in its field order: the board routes and the public share view answer it. */
@RegisterForReflection
@JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
public record BoardView(String id, String ownerId, String name, String description, String createdAt,
        String updatedAt, long taskSeq, String visibility, String shareSlug, String type) {
}
