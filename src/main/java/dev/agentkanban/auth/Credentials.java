package dev.agentkanban.auth;

import io.vertx.core.http.HttpServerRequest;

/**
 * What authentication reads from a request, whatever carried it: the HTTP API and the MCP endpoint
 * hand over the same Vert.x request, so both resolve a token to an identity the same way.
 */
public interface Credentials {

    String header(String name);

    /** The HTTP method: a browser's cookie may change state only with proof it came from our page. */
    String method();

    /** The {@code token} query parameter (browser streams, the daemon's socket). */
    String queryToken();

    /** {@code http} or {@code https}, as the connection arrived. */
    String scheme();

    static Credentials of(HttpServerRequest request) {
        return new Credentials() {
            @Override
            public String header(String name) {
                return request.getHeader(name);
            }

            @Override
            public String method() {
                return request.method().name();
            }

            @Override
            public String queryToken() {
                return request.getParam("token");
            }

            @Override
            public String scheme() {
                return request.scheme();
            }
        };
    }
}
