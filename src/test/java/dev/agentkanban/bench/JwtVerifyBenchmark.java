package dev.agentkanban.bench;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import dev.agentkanban.auth.jwt.Ed25519;
import dev.agentkanban.auth.jwt.ReplayCache;
import dev.agentkanban.auth.jwt.SignedToken;
import dev.agentkanban.support.AgentJwt;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import org.bouncycastle.crypto.params.Ed25519PublicKeyParameters;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;

/**
 * The CPU cost of verifying one agent JWT as the server does, with a warm key cache: parse,
 * key lookup, Ed25519 signature, time claims, replay check. The session row lookup (one indexed
 * SQLite read) is not included; the load benchmarks cover it. Run with bench/jwt.sh.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
public class JwtVerifyBenchmark {

    private static final int TOKENS = 4096;

    private final String[] tokens = new String[TOKENS];
    private final Cache<String, Ed25519PublicKeyParameters> keys = Caffeine.newBuilder().maximumSize(50_000).build();
    private final ReplayCache seen = new ReplayCache(Integer.MAX_VALUE, Integer.MAX_VALUE);
    private String publicKey;
    private int next;

    @Setup
    public void sign() {
        AgentJwt jwt = AgentJwt.generate();
        publicKey = jwt.publicKey();
        String session = UUID.randomUUID().toString();
        for (int i = 0; i < TOKENS; i++) {
            tokens[i] = jwt.token(session, "0123456789abcdef", "http://localhost:8080");
        }
    }

    @Benchmark
    public boolean verify() {
        String token = tokens[next++ & (TOKENS - 1)];
        SignedToken jwt = SignedToken.parse(token);
        Ed25519PublicKeyParameters key = keys.get(publicKey, Ed25519::publicKey);
        boolean valid = jwt != null && "EdDSA".equals(jwt.headerText("alg")) && jwt.signedBy(key)
                && jwt.timely(System.currentTimeMillis() / 1000);
        // Tokens repeat every 4096 calls; a fresh key per call keeps the replay check's cost real.
        seen.firstUse("owner", jwt.claim("sub"), jwt.claim("jti") + ":" + next);
        return valid;
    }
}
