package dev.agentkanban.board;

import dev.agentkanban.common.db.Jdbc;
import io.agroal.api.AgroalDataSource;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * The board checks of the live streams, on the pool ({@link Jdbc#list}): a stream's request stays
 * open for hours and must not keep a connection.
 */
@ApplicationScoped
public class BoardChecks {

    private static final int SLUGS_PER_QUERY = 500;

    private final AgroalDataSource db;

    BoardChecks(AgroalDataSource db) {
        this.db = db;
    }

    public record Shared(String id, String ownerId) {
    }

    public boolean owns(String ownerId, String boardId) {
        return !Jdbc.list(db, "SELECT id FROM boards WHERE id = ? AND owner_id = ?", rs -> rs.getString(1), boardId,
                ownerId).isEmpty();
    }

    /** The id and owner of the public board with this share slug (api spec 12). */
    public Optional<Shared> shared(String slug) {
        return Jdbc.list(db, "SELECT id, owner_id FROM boards WHERE share_slug = ? AND visibility = 'public'",
                rs -> new Shared(rs.getString(1), rs.getString(2)), slug).stream().findFirst();
    }

    /** Which of these slugs still belong to a public board. */
    public Set<String> stillShared(Collection<String> slugs) {
        Set<String> out = new HashSet<>();
        List<String> all = new ArrayList<>(slugs);
        for (int from = 0; from < all.size(); from += SLUGS_PER_QUERY) {
            List<String> part = all.subList(from, Math.min(all.size(), from + SLUGS_PER_QUERY));
            String marks = String.join(",", Collections.nCopies(part.size(), "?"));
            out.addAll(Jdbc.list(db, "SELECT share_slug FROM boards WHERE visibility = 'public' AND share_slug IN ("
                    + marks + ")", rs -> rs.getString(1), part.toArray()));
        }
        return out;
    }
}
