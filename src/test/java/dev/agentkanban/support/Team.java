package dev.agentkanban.support;

import java.util.Map;
import java.util.UUID;

/**
 * A tenant set up the way the {@code ak} client sets one up, every step through the real routes
 * with the client's exact requests: a registered machine (the daemon), a leader identity created
 * with the machine key and its session, a worker created by the leader ({@code ak create agent})
 * with a session opened by the daemon, and a dev board and repository created by the leader.
 */
public final class Team {

    public final Tenant tenant;
    public final Machine machine;
    public final Agent leader;
    public final Agent worker;
    public final String boardId;
    public final String repoId;
    public final String repoUrl;

    private Team(Tenant tenant, Machine machine, Agent leader, Agent worker, String boardId, String repoId,
            String repoUrl) {
        this.tenant = tenant;
        this.machine = machine;
        this.leader = leader;
        this.worker = worker;
        this.boardId = boardId;
        this.repoId = repoId;
        this.repoUrl = repoUrl;
    }

    /**
     * One team per test class, created on first use (after the application has started, which a
     * static initialiser would run before): {@code static final Team.PerClass TEAM = new Team.PerClass();}
     */
    public static final class PerClass {
        private Team team;

        public synchronized Team get() {
            if (team == null) {
                team = create();
            }
            return team;
        }
    }

    public static Team create() {
        Tenant tenant = Tenant.create();
        Machine machine = tenant.machine();
        Agent leader = machine.leader("claude");
        String boardId = leader.cli().post("/api/boards", Map.of("name", "Board " + UUID.randomUUID(), "type", "dev"))
                .expect(201).text("id");
        String repoUrl = "https://github.com/acme/" + UUID.randomUUID();
        String repoId = leader.cli().post("/api/repositories", Map.of("name", "api", "url", repoUrl))
                .expect(201).text("id");
        return new Team(tenant, machine, leader, newWorker(machine, leader), boardId, repoId, repoUrl);
    }

    /** A further worker: {@code ak create agent --username …} by the leader, then a daemon session. */
    public Agent newWorker() {
        return newWorker(machine, leader);
    }

    private static Agent newWorker(Machine machine, Agent leader) {
        String username = Machine.uniqueUsername();
        String id = leader.cli()
                .post("/api/agents", Map.of("name", username, "username", username, "runtime", "claude"))
                .expect(201).text("id");
        return machine.session(id);
    }

    /** The body of {@code ak create task --board … --repo … --assign-to <worker>} plus {@code extra}. */
    public Map<String, Object> taskBody(String title, Map<String, ?> extra) {
        return TaskBodies.of(title, boardId, repoId, worker.id, extra);
    }

    /** A todo task created by the leader for the worker; its id. */
    public String task(String title) {
        return task(title, Map.of());
    }

    public String task(String title, Map<String, ?> extra) {
        return leader.cli().post("/api/tasks", taskBody(title, extra)).expect(201).text("id");
    }
}
