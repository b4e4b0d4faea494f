package dev.agentkanban.auth.user;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

/** A person with an e-mail login; their id is the owner id of everything they own. */
@Entity
@Table(name = "\"user\"")
public class User extends PanacheEntityBase {

    @Id
    public String id;
    public String name;
    public String email;
    @Column(name = "emailVerified")
    public int emailVerified;
    public String image;
    @Column(name = "createdAt")
    public String createdAt;
    @Column(name = "updatedAt")
    public String updatedAt;
    public String role;
    public Integer banned;
    @Column(name = "banReason")
    public String banReason;
    @Column(name = "banExpires")
    public String banExpires;

    public boolean isAdmin() {
        return "admin".equals(role);
    }

    public boolean isBanned() {
        return banned != null && banned != 0;
    }
}
