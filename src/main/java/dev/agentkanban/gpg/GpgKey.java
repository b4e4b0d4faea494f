package dev.agentkanban.gpg;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

/** An owner's OpenPGP root key with every agent subkey, stored armored (secret and public). */
@Entity
@Table(name = "gpg_keys")
public class GpgKey extends PanacheEntityBase {

    @Id
    public String id;
    @Column(name = "owner_id")
    public String ownerId;
    @Column(name = "armored_private_key")
    public String armoredPrivateKey;
    @Column(name = "armored_public_key")
    public String armoredPublicKey;
    public String fingerprint;
    @Column(name = "created_at")
    public String createdAt;
    @Column(name = "updated_at")
    public String updatedAt;

    public static GpgKey ofOwner(String ownerId) {
        return find("ownerId", ownerId).firstResult();
    }
}
