package dev.agentkanban.share;

import com.fasterxml.jackson.annotation.JsonUnwrapped;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.annotation.JsonNaming;
import dev.agentkanban.board.Board;
import dev.agentkanban.board.BoardView;
import dev.agentkanban.common.error.ApiException;
import dev.agentkanban.common.web.JsonColumns;
import io.quarkus.runtime.annotations.RegisterForReflection;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import java.util.ArrayList;
import java.util.List;

/**
 * Public boards (api spec 12): a board is shared when its visibility is exactly {@code public}
 * and it has a slug. Only what 12.1 lists leaves the server; everything else stays private.
 */
@ApplicationScoped
public class ShareService {

    /** Status rank, then (todo only) priority rank and newest created, else newest updated: api spec 7.3. */
    private static final String BOARD_ORDER = """
            ORDER BY CASE t.status WHEN 'todo' THEN 0 WHEN 'in_progress' THEN 1 WHEN 'in_review' THEN 2
                                   WHEN 'done' THEN 3 ELSE 4 END,
                     CASE WHEN t.status = 'todo' THEN CASE t.priority WHEN 'urgent' THEN 0 WHEN 'high' THEN 1
                                                      WHEN 'low' THEN 3 ELSE 2 END ELSE 0 END,
                     CASE WHEN t.status = 'todo' THEN t.created_at END DESC,
                     CASE WHEN t.status <> 'todo' THEN t.updated_at END DESC""";

    @Inject
    EntityManager em;


    /** Task counts of a shared board; the sums are null when it has no tasks (api spec 12.3). */
    public record Counts(long total, Long todo, Long inProgress, Long inReview, Long done) {
    }

    public record Shared(BoardView board, Counts counts) {

        public String id() {
            return board.id();
        }

        public String name() {
            return board.name();
        }

        public String description() {
            return board.description();
        }
    }

    /** GET /api/share/:slug (api spec 12.1): the Board and its tasks as PublicTask[]. */
    @RegisterForReflection
    public record SharedBoard(@JsonUnwrapped BoardView board, List<PublicTask> tasks) {
    }

    /** What the public sees of a task (api spec 12.1); nothing else about it leaves the server. */
    @RegisterForReflection
    @JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
    public record PublicTask(String id, long seq, String title, String status, String priority, JsonNode labels,
            String repositoryName, String agentName, String agentPublicKey, String scheduledAt, String createdAt,
            String updatedAt) {
    }

    /** The board with this slug if it is public; 404 {@code Board not found} otherwise. */
    public Shared find(String slug) {
        Board board = Board.shared(slug);
        if (board == null) {
            throw ApiException.notFound("Board not found");
        }
        return new Shared(board.view(), counts(board.id));
    }

    public SharedBoard view(String slug) {
        Shared shared = find(slug);
        return new SharedBoard(shared.board(), publicTasks(shared.id()));
    }

    private List<PublicTask> publicTasks(String boardId) {
        @SuppressWarnings("unchecked")
        List<Object[]> rows = em.createNativeQuery("""
                SELECT t.id, t.seq, t.title, t.status, t.priority, t.labels, r.name, g.name, g.public_key,
                       t.scheduled_at, t.created_at, t.updated_at
                FROM tasks t
                LEFT JOIN repositories r ON r.id = t.repository_id
                LEFT JOIN agents g ON g.id = t.assigned_to
                WHERE t.board_id = ?1
                """ + BOARD_ORDER)
                .setParameter(1, boardId)
                .getResultList();
        List<PublicTask> tasks = new ArrayList<>(rows.size());
        for (Object[] r : rows) {
            tasks.add(new PublicTask((String) r[0], number(r[1]), (String) r[2], (String) r[3], (String) r[4],
                    JsonColumns.read((String) r[5]), (String) r[6], (String) r[7], (String) r[8], (String) r[9],
                    (String) r[10], (String) r[11]));
        }
        return tasks;
    }

    private Counts counts(String boardId) {
        Object[] r = (Object[]) em.createNativeQuery("""
                SELECT count(*), sum(status = 'todo'), sum(status = 'in_progress'), sum(status = 'in_review'),
                       sum(status = 'done')
                FROM tasks WHERE board_id = ?1""")
                .setParameter(1, boardId)
                .getSingleResult();
        return new Counts(number(r[0]), nullable(r[1]), nullable(r[2]), nullable(r[3]), nullable(r[4]));
    }

    private static long number(Object value) {
        return ((Number) value).longValue();
    }

    private static Long nullable(Object value) {
        return value == null ? null : number(value);
    }
}
