package dev.agentkanban.machine;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

/** A developer machine running the daemon, one per (owner, device). */
@Entity
@Table(name = "machines")
public class Machine extends PanacheEntityBase {

    @Id
    public String id;
    @Column(name = "owner_id")
    public String ownerId;
    public String name;
    public String status;
    public String os;
    public String version;
    /** JSON array of runtime labels. */
    public String runtimes;
    /** JSON object, or null until a heartbeat carries one. */
    @Column(name = "usage_info")
    public String usageInfo;
    @Column(name = "last_heartbeat_at")
    public String lastHeartbeatAt;
    @Column(name = "created_at")
    public String createdAt;
    @Column(name = "device_id")
    public String deviceId;

    public static Machine owned(String ownerId, String id) {
        return id == null ? null : find("id = ?1 and ownerId = ?2", id, ownerId).firstResult();
    }
}
