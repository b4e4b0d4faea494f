package dev.agentkanban.auth;

import io.smallrye.config.ConfigMapping;
import java.util.List;
import java.util.Optional;

/**
 * Who may sign in and how callers are checked ({@code ak.auth.*}). Three of its keys are read
 * under the names the README table gives them ({@code AK_PUBLIC_URL}, {@code AK_ADMIN_EMAILS},
 * {@code MIN_CLI_VERSION}), through the aliases in application.properties.
 */
@ConfigMapping(prefix = "ak.auth")
public interface AuthConfig {

    /** The base URLs agent JWTs must name in {@code aud}; unset derives it from each request. */
    Optional<List<String>> publicUrl();

    /** E-mails that become admins when they sign up. */
    Optional<List<String>> adminEmails();

    /** The key of the signed {@code <token>.<hmac>} login-token form of a migrated web UI. */
    Optional<String> secret();

    /** {@code ak} CLIs older than this semver get 426; unset turns the gate off. */
    Optional<String> minCliVersion();
}
