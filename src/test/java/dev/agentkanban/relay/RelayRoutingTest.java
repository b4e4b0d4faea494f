package dev.agentkanban.relay;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.agentkanban.support.Machine;
import dev.agentkanban.support.RelayClient;
import dev.agentkanban.support.RelayClient.Closed;
import dev.agentkanban.support.Tenant;
import io.quarkus.test.junit.QuarkusTest;
import java.time.Duration;
import org.junit.jupiter.api.Test;

/**
 * Where relay frames go: a daemon socket per machine (a newer one of the same machine takes
 * over), a browser per agent session, and nothing ever across owners or to a browser that did
 * not ask.
 */
@QuarkusTest
class RelayRoutingTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String PING = "{\"type\":\"ping\"}";
    private static final String PONG = "{\"type\":\"pong\"}";
    private static final Duration QUIET = Duration.ofMillis(700);

    @Test
    void aNewerSocketOfTheSameMachineSupersedesTheOlderButNotThoseOfOtherMachines() {
        Tenant owner = Tenant.create();
        Machine laptop = owner.machine();
        Machine desktop = owner.machine();
        try (RelayClient first = RelayClient.daemon(laptop.key); RelayClient other = RelayClient.daemon(desktop.key)) {
            first.send(PING);
            assertThat(first.next()).isEqualTo(PONG);
            try (RelayClient second = RelayClient.daemon(laptop.key)) {
                assertThat(first.closed()).isEqualTo(new Closed(4000, "superseded"));
                second.send(PING);
                assertThat(second.next()).isEqualTo(PONG);
                other.send(PING);
                assertThat(other.next()).isEqualTo(PONG);
                assertThat(other.isClosed()).isFalse();
            }
        }
    }

    @Test
    void aBrowserLearnsAtOnceAndOnEveryChangeWhetherItsSessionsDaemonIsConnected() {
        Tenant owner = Tenant.create();
        Machine machine = owner.machine();
        Machine otherMachine = owner.machine();
        String session = machine.worker().sessionId;
        try (RelayClient browser = RelayClient.browser(owner.token, session)) {
            assertThat(type(browser.next())).isEqualTo("daemon:disconnected");
            try (RelayClient unrelated = RelayClient.daemon(otherMachine.key)) {
                assertThat(browser.poll(QUIET)).as("another machine's daemon is not this session's").isNull();
            }
            RelayClient daemon = RelayClient.daemon(machine.key);
            assertThat(type(browser.next())).isEqualTo("daemon:connected");
            try (RelayClient newer = RelayClient.daemon(machine.key)) {
                assertThat(daemon.closed().code()).isEqualTo(4000);
                assertThat(browser.poll(QUIET)).as("a takeover is no disconnection").isNull();
                newer.close();
                assertThat(type(browser.next())).isEqualTo("daemon:disconnected");
            }
            daemon.close();
        }
        try (RelayClient daemon = RelayClient.daemon(machine.key);
                RelayClient late = RelayClient.browser(owner.token, session)) {
            assertThat(type(late.next())).isEqualTo("daemon:connected");
        }
    }

    @Test
    void agentFramesReachOnlyTheBrowsersWatchingThatSession() {
        Tenant owner = Tenant.create();
        Machine machine = owner.machine();
        String watched = machine.worker().sessionId;
        String other = machine.worker().sessionId;
        try (RelayClient daemon = RelayClient.daemon(machine.key);
                RelayClient first = RelayClient.browser(owner.token, watched);
                RelayClient second = RelayClient.browser(owner.token, watched);
                RelayClient elsewhere = RelayClient.browser(owner.token, other)) {
            skipPresence(first, second, elsewhere);
            String event = "{\"type\":\"agent:event\",\"sessionId\":\"" + watched
                    + "\",\"event\":{\"type\":\"message\",\"content\":\"hello\"}}";
            String status = "{\"type\":\"agent:status\",\"sessionId\":\"" + watched + "\",\"status\":\"working\"}";
            daemon.send(event).send(status);
            assertThat(first.next()).isEqualTo(event);
            assertThat(first.next()).isEqualTo(status);
            assertThat(second.next()).isEqualTo(event);
            assertThat(second.next()).isEqualTo(status);
            String done = "{\"type\":\"agent:status\",\"sessionId\":\"" + other + "\",\"status\":\"done\"}";
            daemon.send(done);
            assertThat(elsewhere.next()).as("the other session's browser sees only its own").isEqualTo(done);
            assertThat(first.poll(QUIET)).isNull();
        }
    }

    @Test
    void aDaemonCannotSpeakForSessionsOfAnotherMachineOrOwner() {
        Tenant owner = Tenant.create();
        Machine machine = owner.machine();
        Machine otherMachine = owner.machine();
        String mine = machine.worker().sessionId;
        String sibling = otherMachine.worker().sessionId;
        Tenant stranger = Tenant.create();
        Machine strangerMachine = stranger.machine();
        String foreign = strangerMachine.worker().sessionId;
        try (RelayClient daemon = RelayClient.daemon(machine.key);
                RelayClient siblingBrowser = RelayClient.browser(owner.token, sibling);
                RelayClient foreignBrowser = RelayClient.browser(stranger.token, foreign);
                RelayClient myBrowser = RelayClient.browser(owner.token, mine)) {
            skipPresence(siblingBrowser, foreignBrowser, myBrowser);
            for (String session : new String[] {sibling, foreign}) {
                daemon.send("{\"type\":\"agent:status\",\"sessionId\":\"" + session + "\",\"status\":\"done\"}");
                JsonNode error = json(daemon.next());
                assertThat(error.path("type").asText()).isEqualTo("error");
                assertThat(error.path("code").asText()).isEqualTo("UNKNOWN_SESSION");
            }
            String own = "{\"type\":\"agent:status\",\"sessionId\":\"" + mine + "\",\"status\":\"working\"}";
            daemon.send(own);
            assertThat(myBrowser.next()).isEqualTo(own);
            assertThat(siblingBrowser.poll(QUIET)).isNull();
            assertThat(foreignBrowser.poll(QUIET)).isNull();
        }
    }

    @Test
    void historyRequestsGoToTheSessionsDaemonAndTheAnswerOnlyToTheBrowserThatAsked() throws Exception {
        Tenant owner = Tenant.create();
        Machine machine = owner.machine();
        String session = machine.worker().sessionId;
        try (RelayClient daemon = RelayClient.daemon(machine.key);
                RelayClient asker = RelayClient.browser(owner.token, session);
                RelayClient bystander = RelayClient.browser(owner.token, session)) {
            skipPresence(asker, bystander);
            asker.send("{\"type\":\"request:history\"}");
            JsonNode request = json(daemon.next());
            assertThat(request.path("type").asText()).isEqualTo("request:history");
            assertThat(request.path("sessionId").asText()).isEqualTo(session);
            String requestId = request.path("requestId").asText();
            assertThat(requestId).isNotBlank();

            String answer = "{\"type\":\"session:history\",\"messages\":[{\"role\":\"assistant\",\"content\":\"hi\"}],"
                    + "\"requestId\":\"" + requestId + "\"}";
            daemon.send(answer);
            assertThat(asker.next()).isEqualTo(answer);
            daemon.send(answer);
            assertThat(asker.poll(QUIET)).as("an answered request is forgotten").isNull();
            assertThat(bystander.poll(QUIET)).isNull();
        }
    }

    @Test
    void anAnswerFromAnotherMachinesDaemonIsNotRelayed() {
        Tenant owner = Tenant.create();
        Machine machine = owner.machine();
        Machine otherMachine = owner.machine();
        String session = machine.worker().sessionId;
        try (RelayClient daemon = RelayClient.daemon(machine.key);
                RelayClient intruder = RelayClient.daemon(otherMachine.key);
                RelayClient browser = RelayClient.browser(owner.token, session)) {
            skipPresence(browser);
            browser.send("{\"type\":\"request:history\"}");
            String requestId = json(daemon.next()).path("requestId").asText();
            intruder.send("{\"type\":\"session:history\",\"messages\":[\"forged\"],\"requestId\":\"" + requestId + "\"}");
            assertThat(browser.poll(QUIET)).isNull();
            String answer = "{\"type\":\"session:history\",\"messages\":[],\"requestId\":\"" + requestId + "\"}";
            daemon.send(answer);
            assertThat(browser.next()).isEqualTo(answer);
        }
    }

    @Test
    void aHumanMessageReachesTheDaemonOfTheMachineRunningTheSession() {
        Tenant owner = Tenant.create();
        Machine machine = owner.machine();
        Machine otherMachine = owner.machine();
        String session = machine.worker().sessionId;
        try (RelayClient daemon = RelayClient.daemon(machine.key);
                RelayClient other = RelayClient.daemon(otherMachine.key);
                RelayClient browser = RelayClient.browser(owner.token, session)) {
            skipPresence(browser);
            browser.send("{\"type\":\"human:message\",\"sessionId\":\"" + session + "\",\"content\":\"run the tests\"}");
            JsonNode message = json(daemon.next());
            assertThat(message.path("type").asText()).isEqualTo("human:message");
            assertThat(message.path("sessionId").asText()).isEqualTo(session);
            assertThat(message.path("content").asText()).isEqualTo("run the tests");
            browser.send("{\"type\":\"human:message\",\"content\":\"no sessionId: the socket's own\"}");
            assertThat(json(daemon.next()).path("sessionId").asText()).isEqualTo(session);
            assertThat(other.poll(QUIET)).isNull();
        }
    }

    @Test
    void aBrowserMessageForAnotherSessionOrWithoutDaemonGetsAnErrorFrame() {
        Tenant owner = Tenant.create();
        Machine machine = owner.machine();
        String session = machine.worker().sessionId;
        String other = machine.worker().sessionId;
        try (RelayClient browser = RelayClient.browser(owner.token, session)) {
            skipPresence(browser);
            browser.send("{\"type\":\"human:message\",\"sessionId\":\"" + other + "\",\"content\":\"x\"}");
            assertThat(json(browser.next()).path("code").asText()).isEqualTo("WRONG_SESSION");
            browser.send("{\"type\":\"human:message\",\"content\":\"x\"}");
            assertThat(json(browser.next()).path("code").asText()).isEqualTo("DAEMON_OFFLINE");
            browser.send("{\"type\":\"request:history\"}");
            assertThat(json(browser.next()).path("code").asText()).isEqualTo("DAEMON_OFFLINE");
        }
    }

    private static void skipPresence(RelayClient... browsers) {
        for (RelayClient browser : browsers) {
            assertThat(type(browser.next())).startsWith("daemon:");
        }
    }

    private static String type(String frame) {
        return json(frame).path("type").asText();
    }

    private static JsonNode json(String frame) {
        try {
            return JSON.readTree(frame);
        } catch (java.io.IOException e) {
            throw new AssertionError("not JSON: " + frame, e);
        }
    }
}
