package dev.agentkanban.support;

import java.util.HashMap;
import java.util.Map;

/** The body of a valid dev-board task, as both test workspaces create them. */
final class TaskBodies {

    private TaskBodies() {
    }

    static Map<String, Object> of(String title, String boardId, String repoId, String workerId,
            Map<String, ?> extra) {
        Map<String, Object> body = new HashMap<>();
        body.put("title", title);
        body.put("board_id", boardId);
        body.put("repository_id", repoId);
        body.put("assigned_to", workerId);
        body.putAll(extra);
        return body;
    }
}
