package dev.agentkanban.auth.user;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

/** A user's login; {@code token} holds only the SHA-256 of the bearer token. */
@Entity
@Table(name = "\"session\"")
public class LoginSession extends PanacheEntityBase {

    @Id
    public String id;
    @Column(name = "expiresAt")
    public String expiresAt;
    @Column(name = "token")
    public String tokenHash;
    @Column(name = "createdAt")
    public String createdAt;
    @Column(name = "updatedAt")
    public String updatedAt;
    @Column(name = "ipAddress")
    public String ipAddress;
    @Column(name = "userAgent")
    public String userAgent;
    @Column(name = "userId")
    public String userId;
}
