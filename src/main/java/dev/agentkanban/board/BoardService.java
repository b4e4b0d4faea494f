package dev.agentkanban.board;

import dev.agentkanban.common.Ids;
import dev.agentkanban.common.Times;
import dev.agentkanban.common.db.Constraints;
import dev.agentkanban.common.db.Write;
import dev.agentkanban.common.error.ApiException;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Event;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceException;
import java.util.List;

/** Boards of one owner (api spec 10.1-10.5); another owner's board is not found. */
@ApplicationScoped
public class BoardService {

    @Inject
    EntityManager em;

    @Inject
    Event<BoardCreated> created;

    @Inject
    BoardTasks tasks;

    /**
     * Inserts the board, then lets the agents feature seed the owner's built-in agents in the same
     * transaction, so a board never exists without them.
     */
    @Write
    public Board create(String ownerId, String name, String type, String description) {
        requireFreeName(ownerId, name, null);
        String now = Times.now();
        Board board = new Board();
        board.id = Ids.shortId();
        board.ownerId = ownerId;
        board.name = name;
        board.description = description == null || description.isEmpty() ? null : description;
        board.createdAt = now;
        board.updatedAt = now;
        board.taskSeq = 0;
        board.visibility = "private";
        board.type = type;
        board.persist();
        flush(name);
        created.fire(new BoardCreated(ownerId));
        return board;
    }

    /** Newest first; boards created in the same millisecond in reverse insertion order. */
    @SuppressWarnings("unchecked")
    public List<Board> list(String ownerId) {
        return em.createNativeQuery("SELECT * FROM boards WHERE owner_id = ?1 ORDER BY created_at DESC, rowid DESC",
                        Board.class)
                .setParameter(1, ownerId)
                .getResultList();
    }

    /** The owner's first board, where a task without {@code board_id} goes (api spec 5.1); null without one. */
    public Board oldest(String ownerId) {
        List<?> boards = em.createNativeQuery(
                        "SELECT * FROM boards WHERE owner_id = ?1 ORDER BY created_at, rowid LIMIT 1", Board.class)
                .setParameter(1, ownerId)
                .getResultList();
        return boards.isEmpty() ? null : (Board) boards.get(0);
    }

    /**
     * The board's next task number. It joins the caller's write, so the increment and the task's
     * insert commit together and numbers have no gaps.
     */
    @Write
    public long takeTaskSeq(String boardId) {
        return ((Number) em.createNativeQuery("UPDATE boards SET task_seq = task_seq + 1 WHERE id = ?1 RETURNING task_seq")
                .setParameter(1, boardId)
                .getSingleResult()).longValue();
    }

    public Board byName(String ownerId, String name) {
        Board board = Board.find("ownerId = ?1 and name = ?2", ownerId, name).firstResult();
        if (board == null) {
            throw notFound();
        }
        return board;
    }

    public Board get(String ownerId, String id) {
        Board board = Board.owned(ownerId, id);
        if (board == null) {
            throw notFound();
        }
        return board;
    }

    /** The board with its tasks (api spec 10.3). */
    public BoardWithTasks withTasks(String ownerId, String id) {
        return new BoardWithTasks(get(ownerId, id).view(), tasks.of(ownerId, id));
    }

    /**
     * Writes the present fields (api spec 10.4). A board made public for the first time gets a
     * share slug, which it keeps from then on.
     */
    @Write
    public Board patch(String ownerId, String id, Change change) {
        Board board = get(ownerId, id);
        if (change.isEmpty()) {
            return board;
        }
        if (change.name() != null) {
            requireFreeName(ownerId, change.name(), id);
            board.name = change.name();
        }
        if (change.descriptionPresent()) {
            board.description = change.description() == null || change.description().isEmpty()
                    ? null : change.description();
        }
        if (change.visibility() != null) {
            board.visibility = change.visibility();
            if (Board.PUBLIC.equals(change.visibility()) && board.shareSlug == null) {
                board.shareSlug = Ids.shareSlug();
            }
        }
        board.updatedAt = Times.now();
        flush(board.name);
        return board;
    }

    /** Deletes the board; its tasks and their actions, messages and edges cascade. */
    @Write
    public void delete(String ownerId, String id) {
        Board board = get(ownerId, id);
        board.delete();
    }

    /** The fields a PATCH carries; null means absent, except description, which may be cleared. */
    public record Change(String name, boolean descriptionPresent, String description, String visibility) {

        boolean isEmpty() {
            return name == null && !descriptionPresent && visibility == null;
        }
    }

    private void requireFreeName(String ownerId, String name, String exceptId) {
        Board other = Board.find("ownerId = ?1 and name = ?2", ownerId, name).firstResult();
        if (other != null && !other.id.equals(exceptId)) {
            throw taken(name);
        }
    }

    /** The unique index is the backstop for the pre-check; its violation gets the same answer. */
    private void flush(String name) {
        try {
            em.flush();
        } catch (PersistenceException e) {
            if (Constraints.isUnique(e, "boards.owner_id, boards.name")) {
                throw taken(name);
            }
            throw e;
        }
    }

    private static ApiException taken(String name) {
        return ApiException.conflict("BOARD_NAME_TAKEN", "Board \"" + name + "\" already exists");
    }

    static ApiException notFound() {
        return ApiException.notFound("Board not found");
    }
}
