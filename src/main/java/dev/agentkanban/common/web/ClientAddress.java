package dev.agentkanban.common.web;

import io.vertx.core.http.HttpServerRequest;
import jakarta.enterprise.context.ApplicationScoped;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * The address a request came from, for rate limits and the session record. {@code X-Forwarded-For}
 * is believed only on connections from a configured proxy ({@code AK_TRUSTED_PROXIES}); anyone
 * else could write any address into it. The client is then the right-most entry that is not one of
 * those proxies: entries further left were written by the client and may be made up.
 */
@ApplicationScoped
public class ClientAddress {

    private static final Pattern IPV4 = Pattern.compile("^\\d{1,3}(\\.\\d{1,3}){3}$");
    private static final Pattern IPV6 = Pattern.compile("^[0-9A-Fa-f:.]{2,45}$");

    private final Set<String> trustedProxies;

    ClientAddress(@ConfigProperty(name = "ak.trusted-proxies") Optional<List<String>> trustedProxies) {
        this.trustedProxies = trustedProxies.orElse(List.of()).stream()
                .map(String::trim)
                .filter(a -> !a.isEmpty())
                .map(ClientAddress::normalize)
                .collect(Collectors.toUnmodifiableSet());
    }

    public String of(HttpServerRequest request) {
        String peer = request.remoteAddress() == null ? "unknown" : normalize(request.remoteAddress().hostAddress());
        if (!trustedProxies.contains(peer)) {
            return peer;
        }
        List<String> hops = request.headers().getAll("X-Forwarded-For").stream()
                .flatMap(line -> java.util.Arrays.stream(line.split(",")))
                .map(String::trim)
                .filter(hop -> !hop.isEmpty())
                .toList();
        for (int i = hops.size() - 1; i >= 0; i--) {
            String hop = normalize(hops.get(i));
            if (!trustedProxies.contains(hop)) {
                return hop;
            }
        }
        return peer;
    }

    /**
     * One spelling per IP address ({@code ::1} and {@code 0:0:0:0:0:0:0:1} alike); anything else as
     * given. Only literals reach {@link InetAddress#getByName}, so no name is ever looked up.
     */
    private static String normalize(String address) {
        String bare = address.startsWith("[") && address.endsWith("]") ? address.substring(1, address.length() - 1)
                : address;
        boolean literal = IPV4.matcher(bare).matches() || (bare.indexOf(':') >= 0 && IPV6.matcher(bare).matches());
        if (!literal) {
            return bare;
        }
        try {
            return InetAddress.getByName(bare).getHostAddress();
        } catch (UnknownHostException e) {
            return bare;
        }
    }
}
