package dev.agentkanban.auth.apikey;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

/** A machine credential; {@code key} holds only the SHA-256 of the plaintext {@code ak_…} key. */
@Entity
@Table(name = "apikey")
public class ApiKey extends PanacheEntityBase {

    @Id
    public String id;
    @Column(name = "configId")
    public String configId;
    public String name;
    public String start;
    @Column(name = "referenceId")
    public String ownerId;
    public String prefix;
    @Column(name = "\"key\"")
    public String keyHash;
    public Integer enabled;
    @Column(name = "rateLimitEnabled")
    public Integer rateLimitEnabled;
    @Column(name = "rateLimitTimeWindow")
    public Integer rateLimitTimeWindow;
    @Column(name = "rateLimitMax")
    public Integer rateLimitMax;
    @Column(name = "requestCount")
    public Integer requestCount;
    public Integer remaining;
    @Column(name = "lastRequest")
    public String lastRequest;
    @Column(name = "expiresAt")
    public String expiresAt;
    @Column(name = "createdAt")
    public String createdAt;
    @Column(name = "updatedAt")
    public String updatedAt;
    /** {@code {"machineId":"…"}} once bound; written only by the server. */
    public String metadata;
}
