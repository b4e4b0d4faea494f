package dev.agentkanban.repo;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.util.LinkedHashMap;
import java.util.Map;

/** A git repository registered by an owner (data model 3.6); {@code url} is stored normalised. */
@Entity
@Table(name = "repositories")
public class Repository extends PanacheEntityBase {

    @Id
    public String id;
    @Column(name = "owner_id")
    public String ownerId;
    public String name;
    public String url;
    @Column(name = "created_at")
    public String createdAt;

    /** The Repository object of api spec 3.6 without {@code task_count}. */
    public Map<String, Object> view() {
        return view(null);
    }

    /** With {@code task_count} before {@code full_name} when given (the list shape). */
    public Map<String, Object> view(Long taskCount) {
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("id", id);
        out.put("owner_id", ownerId);
        out.put("name", name);
        out.put("url", url);
        out.put("created_at", createdAt);
        if (taskCount != null) {
            out.put("task_count", taskCount);
        }
        out.put("full_name", GitUrls.fullName(url));
        return out;
    }
}
