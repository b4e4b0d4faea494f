package dev.agentkanban.board;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

/** A workspace of tasks, owned by one user (data model 3.1). */
@Entity
@Table(name = "boards")
public class Board extends PanacheEntityBase {

    public static final String DEV = "dev";
    public static final String OPS = "ops";
    public static final String PUBLIC = "public";

    @Id
    public String id;
    @Column(name = "owner_id")
    public String ownerId;
    public String name;
    public String description;
    @Column(name = "created_at")
    public String createdAt;
    @Column(name = "updated_at")
    public String updatedAt;
    @Column(name = "task_seq")
    public long taskSeq;
    public String visibility;
    @Column(name = "share_slug")
    public String shareSlug;
    public String type;

    /** The public board with this share slug, or null (api spec 12). */
    public static Board shared(String slug) {
        return find("shareSlug = ?1 and visibility = ?2", slug, PUBLIC).firstResult();
    }

    /** The owner's board with this id, or null: another owner's board is not found. */
    public static Board owned(String ownerId, String id) {
        return id == null ? null : find("id = ?1 and ownerId = ?2", id, ownerId).firstResult();
    }

    public BoardView view() {
        return new BoardView(id, ownerId, name, description, createdAt, updatedAt, taskSeq, visibility, shareSlug,
                type);
    }
}
