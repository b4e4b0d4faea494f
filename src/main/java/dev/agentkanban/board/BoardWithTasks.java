package dev.agentkanban.board;

import com.fasterxml.jackson.annotation.JsonRawValue;
import com.fasterxml.jackson.annotation.JsonUnwrapped;
import io.quarkus.runtime.annotations.RegisterForReflection;

/** GET /api/boards/:id (api spec 10.3): the board and its BoardTask[] as SQLite built the JSON. */
@RegisterForReflection
public record BoardWithTasks(@JsonUnwrapped BoardView board, @JsonRawValue String tasks) {
}
