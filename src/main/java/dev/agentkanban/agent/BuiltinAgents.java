package dev.agentkanban.agent;

import dev.agentkanban.board.BoardCreated;
import dev.agentkanban.common.Times;
import dev.agentkanban.common.db.Write;
import dev.agentkanban.common.web.JsonColumns;
import dev.agentkanban.gpg.GpgService;
import dev.agentkanban.gpg.OpenPgp;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.jboss.logging.Logger;

/**
 * The agents every owner gets with their first board (auth spec 5.7). The daemon finds the
 * quality goalkeeper by {@code builtin} and {@code role} and assigns repository setup tasks to it.
 */
@ApplicationScoped
public class BuiltinAgents {

    private static final Logger LOG = Logger.getLogger(BuiltinAgents.class);

    record Template(String name, String role, String runtime, String model, List<String> handoffTo,
            List<String> skills, String bio, String soul) {
    }

    static final List<Template> TEMPLATES = List.of(new Template(
            "Quality Goalkeeper", NewAgent.RESERVED_ROLE, "claude", "claude-opus-4-6", List.of("enduser"),
            List.of("trailofbits/skills@differential-review", "obra/superpowers@verification-before-completion"),
            "Guards the quality bar of the project: tests, checks and hooks that keep regressions out.",
            """
            You own the quality bar of this project.
            Set up and maintain the checks that run before code lands: formatting, linting, type checks, tests.
            Prefer fast, deterministic gates that every contributor runs locally.
            Review changes for what could break, and verify claims with evidence before calling work done.
            Hand finished work to the end user with a short summary of what was checked."""));

    @Inject
    GpgService gpg;

    /** Runs inside the board's write transaction, so a board and its owner's built-ins commit together. */
    @Write
    void onBoardCreated(@Observes BoardCreated event) {
        seedMissing(event.ownerId());
    }

    /** Seeds every template whose role the owner has no built-in agent for yet. */
    @Write
    public void seed(String ownerId) {
        seedMissing(ownerId);
    }

    private void seedMissing(String ownerId) {
        for (Template t : TEMPLATES) {
            if (Agent.count("ownerId = ?1 and builtin = 1 and role = ?2", ownerId, t.role()) > 0) {
                continue;
            }
            String username = t.role() + "-" + suffix(ownerId);
            if (Agent.count("username", username) > 0) {
                LOG.warnf("Built-in username %s is taken; owner %s gets no %s", username, ownerId, t.name());
                continue;
            }
            insert(ownerId, t, username);
        }
    }

    private void insert(String ownerId, Template t, String username) {
        OpenPgp.Subkey key = OpenPgp.newSubkey();
        gpg.addAgent(ownerId, username, key, null);
        String now = Times.now();
        Agent a = Agent.withKey(ownerId, username, key, now);
        a.name = t.name();
        a.bio = t.bio();
        a.soul = t.soul();
        a.role = t.role();
        a.kind = Agent.WORKER;
        a.handoffTo = JsonColumns.write(t.handoffTo());
        a.runtime = t.runtime();
        a.model = t.model();
        a.skills = JsonColumns.write(t.skills());
        a.builtin = 1;
        a.persist();
    }

    /** h = (31·h + byte) mod 2³² over the owner id's UTF-8, then the first 6 base-36 digits of h. */
    static String suffix(String ownerId) {
        long h = 0;
        for (byte b : ownerId.getBytes(StandardCharsets.UTF_8)) {
            h = (31 * h + (b & 0xff)) & 0xffffffffL;
        }
        String base36 = Long.toString(h, 36);
        return base36.length() > 6 ? base36.substring(0, 6) : base36;
    }
}
