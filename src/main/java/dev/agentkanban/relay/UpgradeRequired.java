package dev.agentkanban.relay;

import dev.agentkanban.common.error.ErrorBody;
import io.quarkus.websockets.next.HandshakeRequest;
import io.vertx.core.json.Json;
import io.vertx.ext.web.Router;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Singleton;
import java.util.Map;

/**
 * A plain HTTP request to the relay path (no WebSocket key: nothing to upgrade) is told what the
 * path is for, instead of the "no route" 404 it would otherwise fall through to.
 */
@Singleton
class UpgradeRequired {

    void install(@Observes Router router) {
        router.route(RelaySocket.PATH).handler(ctx -> {
            if (ctx.request().headers().contains(HandshakeRequest.SEC_WEBSOCKET_KEY)) {
                ctx.next();
                return;
            }
            ctx.response().setStatusCode(426).putHeader("Upgrade", "websocket").putHeader("Connection", "Upgrade")
                    .putHeader("Content-Type", "application/json")
                    .end(Json.encode(ErrorBody.of("UPGRADE_REQUIRED",
                            "This is the relay WebSocket: open it with a WebSocket upgrade", Map.of())));
        });
    }
}
