package dev.agentkanban.auth;

import dev.agentkanban.auth.jwt.Base64Url;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;

/** How bearer secrets (login tokens, API keys) are stored: SHA-256, base64url without padding. */
public final class Hashes {

    private Hashes() {
    }

    public static String sha256(String secret) {
        try {
            MessageDigest digest = MessageDigest.getInstance("SHA-256");
            return Base64Url.encode(digest.digest(secret.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is always available", e);
        }
    }
}
