package dev.agentkanban.machine;

import dev.agentkanban.auth.Identity;
import dev.agentkanban.auth.apikey.ApiKey;
import dev.agentkanban.auth.apikey.ApiKeyService;
import dev.agentkanban.common.Ids;
import dev.agentkanban.common.Times;
import dev.agentkanban.common.db.Write;
import dev.agentkanban.common.error.ApiException;
import dev.agentkanban.common.web.JsonColumns;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import java.util.List;

/** The write transactions of machines: registration, heartbeat, stale sweep, deletion. */
@ApplicationScoped
public class MachineWrites {

    @Inject
    ApiKeyService apiKeys;

    @Inject
    HostRecords hosts;

    @Inject
    EntityManager em;

    /** Upsert by (owner, device); the calling key is always (re-)bound to the result. */
    @Write
    public Machine register(Identity caller, String name, String os, String version, List<String> runtimes,
            String deviceId) {
        Machine m = Machine.find("ownerId = ?1 and deviceId = ?2", caller.ownerId(), deviceId).firstResult();
        if (m == null) {
            m = new Machine();
            m.id = Ids.shortId();
            m.ownerId = caller.ownerId();
            m.deviceId = deviceId;
            m.status = "offline";
            m.createdAt = Times.now();
        }
        m.name = name;
        m.os = os;
        m.version = version;
        m.runtimes = JsonColumns.write(runtimes);
        if (!m.isPersistent()) {
            m.persist();
        }
        apiKeys.bind(caller.apiKeyId(), m.id);
        hosts.ensureHost(m.id, m.name, m.ownerId);
        return m;
    }

    /** Checks come first so that a refused heartbeat changes nothing (auth spec 7.3, Java note). */
    @Write
    public Machine heartbeat(Identity caller, String id, String version, List<String> runtimes, String usageInfo) {
        Machine m = Machine.owned(caller.ownerId(), id);
        if (m == null) {
            throw ApiException.notFound("Machine not found");
        }
        ApiKey key = ApiKey.findById(caller.apiKeyId());
        String bound = key == null ? null : ApiKeyService.machineId(key.metadata);
        if (bound != null && !bound.equals(id)) {
            throw ApiException.forbidden("API key is bound to a different machine");
        }
        m.status = "online";
        m.lastHeartbeatAt = Times.now();
        if (version != null && !version.isEmpty()) {
            m.version = version;
        }
        if (runtimes != null) {
            m.runtimes = JsonColumns.write(runtimes);
        }
        if (usageInfo != null) {
            m.usageInfo = usageInfo;
        }
        if (bound == null) {
            apiKeys.bind(caller.apiKeyId(), id);
        }
        return m;
    }

    @Write
    public void markOffline(String cutoff) {
        em.createNativeQuery("UPDATE machines SET status = 'offline' WHERE status = 'online' AND last_heartbeat_at < ?1")
                .setParameter(1, cutoff).executeUpdate();
    }

    /** Sessions on the machine cascade away; the host record takes the session records with it. */
    @Write
    public void delete(String ownerId, String id) {
        Machine m = Machine.owned(ownerId, id);
        if (m == null) {
            throw ApiException.notFound("Machine not found");
        }
        hosts.deleteHost(id);
        m.delete();
    }
}
