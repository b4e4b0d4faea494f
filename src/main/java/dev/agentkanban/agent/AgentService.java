package dev.agentkanban.agent;

import com.fasterxml.jackson.annotation.JsonUnwrapped;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.annotation.JsonNaming;
import dev.agentkanban.common.error.ApiException;
import dev.agentkanban.common.web.Body;
import dev.agentkanban.common.web.JsonColumns;
import dev.agentkanban.gpg.GpgKey;
import dev.agentkanban.gpg.GpgService;
import dev.agentkanban.gpg.OpenPgp;
import io.quarkus.runtime.annotations.RegisterForReflection;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;

/** Agents (auth spec 5): reads with their derived activity, and the rules around each write. */
@ApplicationScoped
public class AgentService {

    @Inject
    AgentWrites writes;

    @Inject
    GpgService gpg;

    @Inject
    EntityManager em;

    /** AgentWithActivity (data model 6): the Agent and what it did, derived on each read. */
    @RegisterForReflection
    @JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
    public record Listed(@JsonUnwrapped AgentView agent, String status, String lastActiveAt, long taskCount,
            long inputTokens, long outputTokens, long cacheReadTokens, long cacheCreationTokens, long costMicroUsd,
            String email) {

        static Listed of(Agent a, Activity act) {
            return new Listed(AgentView.of(a), act.online() ? "online" : "offline", act.lastActiveAt(),
                    act.taskCount(), act.inputTokens(), act.outputTokens(), act.cacheReadTokens(),
                    act.cacheCreationTokens(), act.costMicroUsd(),
                    a.username == null ? null : GpgService.agentEmail(a.username));
        }
    }

    /** One agent: the listed fields and its latest task actions. */
    @RegisterForReflection
    public record Detail(@JsonUnwrapped Listed agent, List<Log> logs) {
    }

    /** One of the agent's task actions, with its task's title. */
    @RegisterForReflection
    @JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
    public record Log(String id, String taskId, String actorType, String actorId, String action, String detail,
            String createdAt, String sessionId, String taskTitle) {
    }

    /** Derived activity of one agent (data model 6). */
    private record Activity(boolean online, String lastActiveAt, long taskCount, long inputTokens, long outputTokens,
            long cacheReadTokens, long cacheCreationTokens, long costMicroUsd) {

        static final Activity NONE = new Activity(false, null, 0, 0, 0, 0, 0, 0);
    }

    public List<Listed> list(String ownerId) {
        List<Agent> agents = Agent.list("ownerId = ?1 order by createdAt desc, id", ownerId);
        Map<String, Activity> activity = activity(ownerId, null);
        List<Listed> out = new ArrayList<>(agents.size());
        for (Agent a : agents) {
            out.add(Listed.of(a, activity.getOrDefault(a.id, Activity.NONE)));
        }
        return out;
    }

    public Detail get(String ownerId, String id) {
        Agent a = owned(ownerId, id);
        return new Detail(Listed.of(a, activity(ownerId, id).getOrDefault(id, Activity.NONE)), logs(id));
    }

    /**
     * Validation and the uniqueness pre-check run first, so a refused request costs no key
     * generation; the keys are made before the write lock, the checks repeated under it.
     */
    public AgentView create(String ownerId, JsonNode json) {
        NewAgent req = NewAgent.parse(json);
        AgentWrites.checkFree(ownerId, req.username(), req.runtime(), req.leader());
        OpenPgp.Root root = gpg.prepareRoot(ownerId);
        OpenPgp.Subkey key = OpenPgp.newSubkey();
        return AgentView.of(writes.insert(ownerId, req, key, root));
    }

    /** Only the updatable fields are read; {@code kind}, {@code username} and keys never change. */
    public AgentView patch(String ownerId, String id, JsonNode json) {
        AgentWrites.modifiable(ownerId, id, "Built-in agents cannot be modified");
        Body body = Body.of(json);
        List<Consumer<Agent>> changes = new ArrayList<>();
        if (body.has("name")) {
            String name = body.string("name");
            if (name == null) {
                throw ApiException.badRequest("name must be a string");
            }
            changes.add(a -> a.name = name);
        }
        if (body.has("runtime")) {
            String runtime = body.string("runtime", Body.MAX_SHORT);
            NewAgent.checkRuntime(runtime);
            changes.add(a -> a.runtime = runtime);
        }
        if (body.has("bio")) {
            String bio = body.string("bio");
            changes.add(a -> a.bio = bio);
        }
        if (body.has("soul")) {
            String soul = body.string("soul");
            changes.add(a -> a.soul = soul);
        }
        if (body.has("role")) {
            String role = body.string("role", Body.MAX_SHORT);
            changes.add(a -> a.role = role);
        }
        if (body.has("model")) {
            String model = body.string("model", Body.MAX_SHORT);
            changes.add(a -> a.model = model);
        }
        if (body.has("handoff_to")) {
            String handoff = JsonColumns.write(body.strings("handoff_to"));
            changes.add(a -> a.handoffTo = handoff);
        }
        if (body.has("skills")) {
            String skills = JsonColumns.write(body.strings("skills"));
            changes.add(a -> a.skills = skills);
        }
        return AgentView.of(writes.update(ownerId, id, changes));
    }

    public void delete(String ownerId, String id) {
        writes.delete(ownerId, id);
    }

    /** The owner's whole root secret key, which the daemon imports so the worker can sign commits. */
    public Map<String, Object> gpgKey(String ownerId, String id) {
        Agent a = owned(ownerId, id);
        GpgKey key = GpgKey.ofOwner(ownerId);
        if (key == null) {
            throw ApiException.notFound("GPG key not found");
        }
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("armored_private_key", key.armoredPrivateKey);
        out.put("gpg_subkey_id", a.gpgSubkeyId);
        return out;
    }

    public static Agent owned(String ownerId, String id) {
        Agent a = Agent.owned(ownerId, id);
        if (a == null) {
            throw ApiException.notFound("Agent not found");
        }
        return a;
    }

    /** Activity of the owner's agents (or of one), in one query; sums cover closed sessions too. */
    @SuppressWarnings("unchecked")
    private Map<String, Activity> activity(String ownerId, String onlyId) {
        List<Object[]> rows = em.createNativeQuery("""
                SELECT a.id,
                    EXISTS (SELECT 1 FROM agent_sessions s WHERE s.agent_id = a.id AND s.status = 'active'),
                    (SELECT max(ta.created_at) FROM task_actions ta WHERE ta.actor_id = a.id),
                    (SELECT count(*) FROM tasks t WHERE t.assigned_to = a.id),
                    coalesce(u.input, 0), coalesce(u.output, 0), coalesce(u.cache_read, 0),
                    coalesce(u.cache_creation, 0), coalesce(u.cost, 0)
                FROM agents a
                LEFT JOIN (SELECT agent_id, sum(input_tokens) AS input, sum(output_tokens) AS output,
                        sum(cache_read_tokens) AS cache_read, sum(cache_creation_tokens) AS cache_creation,
                        sum(cost_micro_usd) AS cost
                    FROM agent_sessions
                    WHERE agent_id IN (SELECT id FROM agents WHERE owner_id = ?1)
                    GROUP BY agent_id) u ON u.agent_id = a.id
                WHERE a.owner_id = ?1 AND (?2 IS NULL OR a.id = ?2)""")
                .setParameter(1, ownerId).setParameter(2, onlyId).getResultList();
        Map<String, Activity> out = new HashMap<>();
        for (Object[] r : rows) {
            out.put((String) r[0], new Activity(number(r[1]) == 1, (String) r[2], number(r[3]),
                    number(r[4]), number(r[5]), number(r[6]), number(r[7]), number(r[8])));
        }
        return out;
    }

    /** The agent's latest 100 task actions, each with its task's title. */
    @SuppressWarnings("unchecked")
    private List<Log> logs(String agentId) {
        List<Object[]> rows = em.createNativeQuery("""
                SELECT ta.id, ta.task_id, ta.actor_type, ta.actor_id, ta.action, ta.detail, ta.created_at,
                    ta.session_id, t.title
                FROM task_actions ta JOIN tasks t ON t.id = ta.task_id
                WHERE ta.actor_id = ?1
                ORDER BY ta.created_at DESC, ta.rowid DESC LIMIT 100""")
                .setParameter(1, agentId).getResultList();
        List<Log> out = new ArrayList<>(rows.size());
        for (Object[] r : rows) {
            out.add(new Log((String) r[0], (String) r[1], (String) r[2], (String) r[3], (String) r[4], (String) r[5],
                    (String) r[6], (String) r[7], (String) r[8]));
        }
        return out;
    }

    private static long number(Object value) {
        return value == null ? 0 : ((Number) value).longValue();
    }
}
