package dev.agentkanban.task;

import com.fasterxml.jackson.annotation.JsonUnwrapped;
import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.annotation.JsonNaming;
import io.quarkus.runtime.annotations.RegisterForReflection;

/** The BoardAction object of the board and share streams: the {@link Note} plus the acting agent's kind. */
@RegisterForReflection
@JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
public record BoardNote(@JsonUnwrapped Note note, String agentKind) {
}
