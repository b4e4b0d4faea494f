package dev.agentkanban.auth.jwt;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import org.bouncycastle.crypto.params.Ed25519PublicKeyParameters;

/**
 * A compact JWS split into its parts, with every check that needs no database: the header, the
 * Ed25519 signature and the time claims. Kept apart from the session lookup so that its cost can
 * be measured on its own (bench/).
 */
public final class SignedToken {

    public static final int MAX_LENGTH = 4096;
    static final long MAX_AGE_SECONDS = 60;
    static final long SKEW_SECONDS = 5;

    private static final ObjectMapper JSON = new ObjectMapper();

    private final JsonNode header;
    private final JsonNode claims;
    private final String token;
    private final int signatureStart;

    private SignedToken(JsonNode header, JsonNode claims, String token, int signatureStart) {
        this.header = header;
        this.claims = claims;
        this.token = token;
        this.signatureStart = signatureStart;
    }

    /** The header of a three-part token, or null when the value is not one. */
    public static JsonNode header(String token) {
        if (token.length() > MAX_LENGTH) {
            return null;
        }
        int first = token.indexOf('.');
        int second = first < 0 ? -1 : token.indexOf('.', first + 1);
        if (second < 0 || token.indexOf('.', second + 1) >= 0) {
            return null;
        }
        return object(token.substring(0, first));
    }

    /** Splits a three-part token whose header and claims are JSON objects; null otherwise. */
    public static SignedToken parse(String token) {
        JsonNode header = header(token);
        if (header == null) {
            return null;
        }
        int first = token.indexOf('.');
        int second = token.indexOf('.', first + 1);
        JsonNode claims = object(token.substring(first + 1, second));
        return claims == null ? null : new SignedToken(header, claims, token, second + 1);
    }

    public String headerText(String field) {
        return text(header, field);
    }

    public String claim(String field) {
        return text(claims, field);
    }

    public JsonNode claimNode(String field) {
        return claims.get(field);
    }

    public boolean signedBy(Ed25519PublicKeyParameters key) {
        byte[] signed = token.substring(0, signatureStart - 1).getBytes(StandardCharsets.US_ASCII);
        return Ed25519.verify(key, signed, Base64Url.decode(token.substring(signatureStart)));
    }

    /**
     * Issued at most 60 s ago and not in the future, not expired, already valid; 5 s of clock
     * tolerance each way so a daemon whose clock runs slightly off still authenticates.
     */
    public boolean timely(long nowSeconds) {
        JsonNode iat = claims.get("iat");
        if (iat == null || !iat.isNumber()) {
            return false;
        }
        long issued = iat.asLong();
        if (nowSeconds - issued > MAX_AGE_SECONDS + SKEW_SECONDS || issued - nowSeconds > SKEW_SECONDS) {
            return false;
        }
        JsonNode exp = claims.get("exp");
        if (exp != null && (!exp.isNumber() || exp.asLong() + SKEW_SECONDS <= nowSeconds)) {
            return false;
        }
        JsonNode nbf = claims.get("nbf");
        return nbf == null || (nbf.isNumber() && nbf.asLong() - SKEW_SECONDS <= nowSeconds);
    }

    private static JsonNode object(String segment) {
        byte[] bytes = Base64Url.decode(segment);
        if (bytes == null) {
            return null;
        }
        try {
            JsonNode node = JSON.readTree(bytes);
            return node != null && node.isObject() ? node : null;
        } catch (IOException e) {
            return null;
        }
    }

    private static String text(JsonNode node, String field) {
        JsonNode value = node.get(field);
        return value != null && value.isTextual() ? value.asText() : null;
    }
}
