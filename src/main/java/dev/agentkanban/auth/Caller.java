package dev.agentkanban.auth;

import dev.agentkanban.common.error.ApiException;
import jakarta.enterprise.context.RequestScoped;

/** The identity of the current request, set once by {@link AuthFilter}. */
@RequestScoped
public class Caller {

    private Identity identity;

    void set(Identity identity) {
        this.identity = identity;
    }

    public Identity get() {
        if (identity == null) {
            throw ApiException.unauthorized("Missing token");
        }
        return identity;
    }

    /** The identity, or empty on public routes and before authentication. */
    public java.util.Optional<Identity> find() {
        return java.util.Optional.ofNullable(identity);
    }

    public String ownerId() {
        return get().ownerId();
    }
}
