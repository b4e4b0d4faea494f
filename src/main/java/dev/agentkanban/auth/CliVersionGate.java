package dev.agentkanban.auth;

import dev.agentkanban.common.error.ApiException;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Refuses CLIs older than {@code MIN_CLI_VERSION} with 426 (api spec 13). Requests without the
 * header always pass; the gate is off when no minimum is configured.
 */
@ApplicationScoped
public class CliVersionGate {

    private static final Pattern SEMVER = Pattern.compile(
            "^v?(0|[1-9]\\d*)\\.(0|[1-9]\\d*)\\.(0|[1-9]\\d*)(?:-([0-9A-Za-z.-]+))?(?:\\+[0-9A-Za-z.-]+)?$");

    private final Optional<String> minimum;

    CliVersionGate(AuthConfig config) {
        this.minimum = config.minCliVersion().map(String::trim).filter(s -> !s.isEmpty());
    }

    public void check(String header) {
        if (minimum.isEmpty() || header == null) {
            return;
        }
        String min = minimum.get();
        if (compare(parse(header), parse(min)) < 0) {
            throw new ApiException(426, "CLI_UPGRADE_REQUIRED",
                    "CLI v" + header + " is no longer supported. Minimum required: v" + min
                            + ". Run `ak upgrade` to update.",
                    Map.of("min_version", min));
        }
    }

    private static Matcher parse(String version) {
        Matcher m = SEMVER.matcher(version.trim());
        if (!m.matches()) {
            throw ApiException.badRequest("Invalid Version: " + version);
        }
        return m;
    }

    private static int compare(Matcher a, Matcher b) {
        for (int i = 1; i <= 3; i++) {
            int c = new java.math.BigInteger(a.group(i)).compareTo(new java.math.BigInteger(b.group(i)));
            if (c != 0) {
                return c;
            }
        }
        String pa = a.group(4);
        String pb = b.group(4);
        if (pa == null || pb == null) {
            return pa == null ? (pb == null ? 0 : 1) : -1;
        }
        return comparePrerelease(pa.split("\\."), pb.split("\\."));
    }

    private static int comparePrerelease(String[] a, String[] b) {
        for (int i = 0; i < Math.min(a.length, b.length); i++) {
            boolean na = a[i].matches("\\d+");
            boolean nb = b[i].matches("\\d+");
            int c;
            if (na && nb) {
                c = new java.math.BigInteger(a[i]).compareTo(new java.math.BigInteger(b[i]));
            } else if (na || nb) {
                c = na ? -1 : 1;
            } else {
                c = a[i].compareTo(b[i]);
            }
            if (c != 0) {
                return c;
            }
        }
        return Integer.compare(a.length, b.length);
    }
}
