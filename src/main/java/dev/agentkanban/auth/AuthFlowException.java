package dev.agentkanban.auth;

/**
 * An error of the {@code /api/auth/*} endpoints, which answer flat {@code {"message","code"}}
 * bodies like the auth library the clients were written against.
 */
public class AuthFlowException extends RuntimeException {

    private final int status;
    private final String code;

    public AuthFlowException(int status, String code, String message) {
        super(message, null, false, false);
        this.status = status;
        this.code = code;
    }

    public int status() {
        return status;
    }

    public String code() {
        return code;
    }

    public static AuthFlowException validation(String message) {
        return new AuthFlowException(400, "VALIDATION_ERROR", message);
    }

    public static AuthFlowException unauthorized() {
        return new AuthFlowException(401, "UNAUTHORIZED", "Unauthorized");
    }

    public static AuthFlowException unauthorizedSession() {
        return new AuthFlowException(401, "UNAUTHORIZED_SESSION", "Unauthorized or invalid session");
    }
}
