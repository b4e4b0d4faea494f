package dev.agentkanban.repo;

import dev.agentkanban.common.Ids;
import dev.agentkanban.common.Times;
import dev.agentkanban.common.db.Constraints;
import dev.agentkanban.common.db.Write;
import dev.agentkanban.common.error.ApiException;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** Repositories of one owner (api spec 10.6); another owner's repository is not found. */
@ApplicationScoped
public class RepoService {

    @Inject
    EntityManager em;

    @Write
    public Repository create(String ownerId, String name, String url) {
        String normalised = GitUrls.normalise(url);
        if (Repository.count("ownerId = ?1 and url = ?2", ownerId, normalised) > 0) {
            throw taken(normalised);
        }
        Repository repo = new Repository();
        repo.id = Ids.shortId();
        repo.ownerId = ownerId;
        repo.name = name;
        repo.url = normalised;
        repo.createdAt = Times.now();
        repo.persist();
        try {
            em.flush();
        } catch (PersistenceException e) {
            if (Constraints.isUnique(e, "repositories.owner_id, repositories.url")) {
                throw taken(normalised);
            }
            throw e;
        }
        return repo;
    }

    /** Newest first, each with the number of tasks that use it; {@code url} is normalised before matching. */
    public List<Map<String, Object>> list(String ownerId, String url) {
        boolean filtered = url != null && !url.isEmpty();
        var query = em.createNativeQuery("SELECT r.id, r.owner_id, r.name, r.url, r.created_at,"
                        + " (SELECT COUNT(*) FROM tasks t WHERE t.repository_id = r.id)"
                        + " FROM repositories r WHERE r.owner_id = ?1" + (filtered ? " AND r.url = ?2" : "")
                        + " ORDER BY r.created_at DESC, r.rowid DESC")
                .setParameter(1, ownerId);
        if (filtered) {
            query.setParameter(2, GitUrls.normalise(url));
        }
        List<Map<String, Object>> out = new ArrayList<>();
        for (Object row : query.getResultList()) {
            Object[] r = (Object[]) row;
            Repository repo = new Repository();
            repo.id = (String) r[0];
            repo.ownerId = (String) r[1];
            repo.name = (String) r[2];
            repo.url = (String) r[3];
            repo.createdAt = (String) r[4];
            out.add(repo.view(((Number) r[5]).longValue()));
        }
        return out;
    }

    public Repository get(String ownerId, String id) {
        Repository repo = id == null ? null
                : Repository.<Repository>find("id = ?1 and ownerId = ?2", id, ownerId).firstResult();
        if (repo == null) {
            throw ApiException.notFound("Repository not found");
        }
        return repo;
    }

    /** Deletes the repository; tasks that used it keep going without one (foreign key SET NULL). */
    @Write
    public void delete(String ownerId, String id) {
        get(ownerId, id).delete();
    }

    private static ApiException taken(String url) {
        return ApiException.conflict("REPOSITORY_EXISTS", "Repository " + url + " is already registered");
    }
}
