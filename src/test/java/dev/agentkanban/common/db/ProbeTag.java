package dev.agentkanban.common.db;

import jakarta.enterprise.context.RequestScoped;

/**
 * A request-scoped value set from a header, to show whose request context a write runs in. Read
 * and written through methods: callers hold a client proxy, whose fields are not the bean's.
 */
@RequestScoped
public class ProbeTag {

    private String value;

    public String get() {
        return value;
    }

    public void set(String value) {
        this.value = value;
    }
}
