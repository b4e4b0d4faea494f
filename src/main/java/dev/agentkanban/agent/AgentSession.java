package dev.agentkanban.agent;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

/** One run of an agent on a machine; its id is the client-chosen UUID and the JWT {@code sub}. */
@Entity
@Table(name = "agent_sessions")
public class AgentSession extends PanacheEntityBase {

    @Id
    public String id;
    @Column(name = "agent_id")
    public String agentId;
    @Column(name = "machine_id")
    public String machineId;
    public String status;
    @Column(name = "public_key")
    public String publicKey;
    @Column(name = "delegation_proof")
    public String delegationProof;
    @Column(name = "input_tokens")
    public long inputTokens;
    @Column(name = "output_tokens")
    public long outputTokens;
    @Column(name = "cache_read_tokens")
    public long cacheReadTokens;
    @Column(name = "cache_creation_tokens")
    public long cacheCreationTokens;
    @Column(name = "cost_micro_usd")
    public long costMicroUsd;
    @Column(name = "created_at")
    public String createdAt;
    @Column(name = "closed_at")
    public String closedAt;
}
