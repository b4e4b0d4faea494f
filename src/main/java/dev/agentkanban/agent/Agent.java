package dev.agentkanban.agent;

import dev.agentkanban.gpg.OpenPgp;
import io.quarkus.hibernate.orm.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

/**
 * A persistent agent identity. {@code privateKey} and {@code mailboxToken} are stored only and
 * never leave the server through an agent view.
 */
@Entity
@Table(name = "agents")
public class Agent extends PanacheEntityBase {

    public static final String LEADER = "leader";
    public static final String WORKER = "worker";

    @Id
    public String id;
    @Column(name = "owner_id")
    public String ownerId;
    public String name;
    public String bio;
    public String soul;
    public String role;
    public String kind;
    /** JSON array text. */
    @Column(name = "handoff_to")
    public String handoffTo;
    public String runtime;
    public String model;
    /** JSON array text. */
    public String skills;
    @Column(name = "public_key")
    public String publicKey;
    @Column(name = "private_key")
    public String privateKey;
    public String fingerprint;
    public int builtin;
    @Column(name = "created_at")
    public String createdAt;
    @Column(name = "updated_at")
    public String updatedAt;
    public String username;
    @Column(name = "gpg_subkey_id")
    public String gpgSubkeyId;
    @Column(name = "mailbox_token")
    public String mailboxToken;

    /** The owner-scoped lookup every agent route uses; another owner's agent is not found. */
    /**
     * A new agent whose identity is the OpenPGP signing subkey: id = key ID, keys and fingerprint
     * from its material. The caller fills in the profile and persists it.
     */
    public static Agent withKey(String ownerId, String username, OpenPgp.Subkey key, String now) {
        Agent a = new Agent();
        a.id = key.keyId();
        a.ownerId = ownerId;
        a.username = username;
        a.publicKey = key.publicKeyText();
        a.privateKey = key.privateJwk();
        a.fingerprint = key.fingerprint();
        a.createdAt = now;
        a.updatedAt = now;
        return a;
    }

    public static Agent owned(String ownerId, String id) {
        return id == null ? null : find("id = ?1 and ownerId = ?2", id, ownerId).firstResult();
    }

    public static Agent byUsername(String username) {
        return find("username", username).firstResult();
    }

    public boolean isLeader() {
        return LEADER.equals(kind);
    }
}
