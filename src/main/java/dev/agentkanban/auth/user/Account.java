package dev.agentkanban.auth.user;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

/** A way to sign in; for e-mail + password ({@code credential}) it holds the password hash. */
@Entity
@Table(name = "account")
public class Account extends PanacheEntityBase {

    public static final String CREDENTIAL = "credential";

    @Id
    public String id;
    @Column(name = "accountId")
    public String accountId;
    @Column(name = "providerId")
    public String providerId;
    @Column(name = "userId")
    public String userId;
    public String password;
    @Column(name = "createdAt")
    public String createdAt;
    @Column(name = "updatedAt")
    public String updatedAt;
}
