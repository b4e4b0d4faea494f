package dev.agentkanban.relay;

import io.quarkus.websockets.next.CloseReason;
import java.nio.charset.StandardCharsets;

/** A socket that may not stay open: closed right after its upgrade with this code and reason. */
final class Refusal extends RuntimeException {

    /** A close frame's reason holds at most 123 bytes. */
    private static final int MAX_REASON = 123;

    private final int code;

    Refusal(int code, String reason) {
        super(reason, null, false, false);
        this.code = code;
    }

    CloseReason toReason() {
        String reason = getMessage();
        while (reason.getBytes(StandardCharsets.UTF_8).length > MAX_REASON) {
            reason = reason.substring(0, reason.length() - 1);
        }
        return new CloseReason(code, reason);
    }
}
