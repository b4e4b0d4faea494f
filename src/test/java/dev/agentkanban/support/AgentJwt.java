package dev.agentkanban.support;

import dev.agentkanban.auth.jwt.Base64Url;
import dev.agentkanban.auth.jwt.Ed25519;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.util.UUID;
import org.bouncycastle.crypto.params.Ed25519PrivateKeyParameters;

/**
 * Signs agent JWTs exactly as the {@code ak} CLI does (client protocol 4): header
 * {@code {"alg":"EdDSA","typ":"agent+jwt"}}, claims sub/aid/jti/aud/iat/exp, Ed25519 with the
 * session key, a fresh jti per request.
 */
public final class AgentJwt {

    public static final String HEADER = "{\"alg\":\"EdDSA\",\"typ\":\"agent+jwt\"}";
    private static final SecureRandom RANDOM = new SecureRandom();

    private final Ed25519PrivateKeyParameters key;

    public AgentJwt(Ed25519PrivateKeyParameters key) {
        this.key = key;
    }

    public static AgentJwt generate() {
        return new AgentJwt(new Ed25519PrivateKeyParameters(RANDOM));
    }

    /** The session public key as the client sends it: raw 32 bytes, base64url without padding. */
    public String publicKey() {
        return Base64Url.encode(key.generatePublicKey().getEncoded());
    }

    /** Base64url of the 32-byte seed: the JWK {@code d}. */
    public String privateSeed() {
        return Base64Url.encode(key.getEncoded());
    }

    public String token(String sessionId, String agentId, String audience) {
        long now = System.currentTimeMillis() / 1000;
        return sign(HEADER, claims(sessionId, agentId, UUID.randomUUID().toString(), audience, now, now + 60));
    }

    public static String claims(String sub, String aid, String jti, String aud, long iat, long exp) {
        StringBuilder json = new StringBuilder("{");
        append(json, "sub", sub);
        append(json, "aid", aid);
        append(json, "jti", jti);
        append(json, "aud", aud);
        json.append("\"iat\":").append(iat).append(",\"exp\":").append(exp).append('}');
        return json.toString();
    }

    /** Signs any header and claims text, for building malformed or hostile tokens in tests. */
    public String sign(String header, String claims) {
        String input = encode(header) + "." + encode(claims);
        byte[] signature = Ed25519.sign(key, input.getBytes(StandardCharsets.US_ASCII));
        return input + "." + Base64Url.encode(signature);
    }

    public static String encode(String json) {
        return Base64Url.encode(json.getBytes(StandardCharsets.UTF_8));
    }

    private static void append(StringBuilder json, String name, String value) {
        if (value != null) {
            json.append('"').append(name).append("\":\"").append(value).append("\",");
        }
    }
}
