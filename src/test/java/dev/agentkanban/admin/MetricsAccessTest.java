package dev.agentkanban.admin;

import static org.assertj.core.api.Assertions.assertThat;

import io.vertx.core.MultiMap;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.core.net.SocketAddress;
import java.lang.reflect.Proxy;
import org.junit.jupiter.api.Test;

/**
 * The metrics access rule for each setting: by default loopback clients without forwarding
 * headers only; with {@code ak.metrics.public=true} every client. (The running server's default
 * is checked over HTTP in {@code ops.MetricsTest}.)
 */
class MetricsAccessTest {

    @Test
    void byDefaultOnlyDirectLoopbackClients() {
        MetricsAccess access = new MetricsAccess(false);
        assertThat(access.allows(request("127.0.0.1", MultiMap.caseInsensitiveMultiMap()))).isTrue();
        assertThat(access.allows(request("::1", MultiMap.caseInsensitiveMultiMap()))).isTrue();
        assertThat(access.allows(request("203.0.113.9", MultiMap.caseInsensitiveMultiMap()))).isFalse();
        assertThat(access.allows(request("127.0.0.1",
                MultiMap.caseInsensitiveMultiMap().add("X-Forwarded-For", "203.0.113.9")))).isFalse();
    }

    @Test
    void publicServesEveryClient() {
        MetricsAccess access = new MetricsAccess(true);
        assertThat(access.allows(request("203.0.113.9", MultiMap.caseInsensitiveMultiMap()))).isTrue();
        assertThat(access.allows(request("127.0.0.1",
                MultiMap.caseInsensitiveMultiMap().add("Forwarded", "for=203.0.113.9")))).isTrue();
    }

    /** A request from {@code ip} with {@code headers}; nothing else of it is read by the rule. */
    private static HttpServerRequest request(String ip, MultiMap headers) {
        SocketAddress remote = SocketAddress.inetSocketAddress(40000, ip);
        return (HttpServerRequest) Proxy.newProxyInstance(MetricsAccessTest.class.getClassLoader(),
                new Class<?>[] {HttpServerRequest.class}, (proxy, method, args) -> switch (method.getName()) {
                    case "remoteAddress" -> remote;
                    case "headers" -> headers;
                    default -> throw new UnsupportedOperationException(method.getName());
                });
    }
}
