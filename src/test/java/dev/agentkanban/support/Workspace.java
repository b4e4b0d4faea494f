package dev.agentkanban.support;

import io.restassured.specification.RequestSpecification;
import java.util.Map;
import java.util.UUID;

/**
 * A tenant ready for task work: a leader, a worker, a dev board and a repository, all created
 * through the real routes except the agents (see {@link DirectAgents}).
 */
public final class Workspace {

    public final Tenant tenant;
    public final DirectAgents.Agent leader;
    public final DirectAgents.Agent worker;
    public final String boardId;
    public final String repoId;

    private Workspace(Tenant tenant, DirectAgents.Agent leader, DirectAgents.Agent worker, String boardId,
            String repoId) {
        this.tenant = tenant;
        this.leader = leader;
        this.worker = worker;
        this.boardId = boardId;
        this.repoId = repoId;
    }

    public static Workspace create(DirectAgents agents) {
        Tenant tenant = Tenant.create();
        DirectAgents.Agent leader = agents.leader(tenant.userId);
        DirectAgents.Agent worker = agents.worker(tenant.userId);
        String boardId = tenant.asUser().body(Map.of("name", "Board " + UUID.randomUUID(), "type", "dev"))
                .post("/api/boards").then().statusCode(201).extract().path("id");
        String repoId = tenant.asUser()
                .body(Map.of("name", "api", "url", "https://github.com/acme/" + UUID.randomUUID()))
                .post("/api/repositories").then().statusCode(201).extract().path("id");
        return new Workspace(tenant, leader, worker, boardId, repoId);
    }

    /** The body of a valid task for this workspace's board, assigned to its worker, plus {@code extra}. */
    public Map<String, Object> taskBody(String title, Map<String, ?> extra) {
        return TaskBodies.of(title, boardId, repoId, worker.id, extra);
    }

    /** Creates a task as the leader and returns its id. */
    public String task(String title) {
        return task(title, Map.of());
    }

    public String task(String title, Map<String, ?> extra) {
        return leader.request().body(taskBody(title, extra)).post("/api/tasks")
                .then().statusCode(201).extract().path("id");
    }

    public RequestSpecification user() {
        return tenant.asUser();
    }
}
