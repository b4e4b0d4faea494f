package dev.agentkanban.gpg;

import dev.agentkanban.auth.user.User;
import dev.agentkanban.common.Ids;
import dev.agentkanban.common.Times;
import dev.agentkanban.common.db.Write;
import dev.agentkanban.common.error.ApiException;
import jakarta.enterprise.context.ApplicationScoped;

/**
 * Keeps each owner's root key (auth spec 8.1). Adding an agent rewrites the whole ring, so it
 * runs only inside a write transaction, where writes are serialized: two agents created at once
 * for one owner can never lose each other's subkey.
 */
@ApplicationScoped
public class GpgService {

    public static final String MAIL_DOMAIN = "mails.agent-kanban.dev";

    public static String agentEmail(String username) {
        return username + "@" + MAIL_DOMAIN;
    }

    /**
     * A root key made ahead of the write for an owner that has none yet, so the slow first key
     * generation does not hold the write lock; null when the owner already has one.
     */
    public OpenPgp.Root prepareRoot(String ownerId) {
        return GpgKey.ofOwner(ownerId) != null ? null : OpenPgp.newRoot(ownerEmail(ownerId));
    }

    /** Adds the agent's user id and signing subkey to the owner's root, creating the root if needed. */
    @Write
    public void addAgent(String ownerId, String username, OpenPgp.Subkey subkey, OpenPgp.Root prepared) {
        GpgKey row = GpgKey.ofOwner(ownerId);
        String now = Times.now();
        OpenPgp.Root root;
        if (row == null) {
            root = prepared != null ? prepared : OpenPgp.newRoot(ownerEmail(ownerId));
            row = new GpgKey();
            row.id = Ids.shortId();
            row.ownerId = ownerId;
            row.createdAt = now;
        } else {
            root = OpenPgp.parse(row.armoredPrivateKey);
        }
        root = OpenPgp.addAgent(root, agentEmail(username), subkey);
        row.armoredPrivateKey = root.armoredSecret();
        row.armoredPublicKey = root.armoredPublic();
        row.fingerprint = root.fingerprint();
        row.updatedAt = now;
        if (!row.isPersistent()) {
            row.persist();
        }
    }

    private static String ownerEmail(String ownerId) {
        User owner = User.findById(ownerId);
        if (owner == null || owner.email == null) {
            throw new ApiException(500, "INTERNAL_ERROR", "Owner email not found — cannot create GPG root key");
        }
        return owner.email;
    }
}
