package dev.agentkanban.machine;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.annotation.JsonNaming;
import dev.agentkanban.common.web.JsonColumns;
import io.quarkus.runtime.annotations.RegisterForReflection;

/** The Machine object of auth spec 7.1, in its field order, JSON columns parsed; the admin overview shows it too. */
@RegisterForReflection
@JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
public record MachineView(String id, String ownerId, String name, String status, String os, String version,
        JsonNode runtimes, JsonNode usageInfo, String lastHeartbeatAt, String createdAt, String deviceId) {

    static MachineView of(Machine m) {
        return new MachineView(m.id, m.ownerId, m.name, m.status, m.os, m.version, JsonColumns.read(m.runtimes),
                JsonColumns.read(m.usageInfo), m.lastHeartbeatAt, m.createdAt, m.deviceId);
    }
}
