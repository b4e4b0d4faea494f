package dev.agentkanban.gpg;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.startsWith;

import dev.agentkanban.auth.jwt.Base64Url;
import dev.agentkanban.auth.jwt.Ed25519;
import dev.agentkanban.support.Agent;
import dev.agentkanban.support.Machine;
import dev.agentkanban.support.Tenant;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import java.io.ByteArrayInputStream;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.bouncycastle.bcpg.EdSecretBCPGKey;
import org.bouncycastle.bcpg.PublicKeyAlgorithmTags;
import org.bouncycastle.bcpg.sig.KeyFlags;
import org.bouncycastle.openpgp.PGPPublicKey;
import org.bouncycastle.openpgp.PGPPublicKeyRing;
import org.bouncycastle.openpgp.PGPSecretKeyRing;
import org.bouncycastle.openpgp.PGPSignature;
import org.bouncycastle.openpgp.PGPUtil;
import org.bouncycastle.openpgp.operator.bc.BcKeyFingerprintCalculator;
import org.bouncycastle.openpgp.operator.bc.BcPGPContentVerifierBuilderProvider;
import org.bouncycastle.util.encoders.Hex;
import org.junit.jupiter.api.Test;

/** The OpenPGP identity of agents (auth spec 8): checked with BouncyCastle, not with our own code. */
@QuarkusTest
class GpgTest {

    @Test
    void eachAgentIsASigningSubkeyBoundToTheOwnersRoot() throws Exception {
        Tenant t = Tenant.create();
        Machine m = t.machine();
        Agent first = m.worker();
        Agent second = m.leader("codex");
        JsonPath agent = t.asUser().get("/api/agents/" + first.id).then().extract().jsonPath();
        String armored = m.request().get("/api/agents/" + first.id + "/gpg-key").then().statusCode(200)
                .extract().path("armored_private_key");

        PGPSecretKeyRing secret = new PGPSecretKeyRing(decode(armored), new BcKeyFingerprintCalculator());
        PGPPublicKey root = secret.getPublicKey();
        assertThat(root.getVersion()).isEqualTo(4);
        assertThat(root.getAlgorithm()).isEqualTo(PublicKeyAlgorithmTags.EDDSA_LEGACY);
        List<String> userIds = new ArrayList<>();
        root.getUserIDs().forEachRemaining(userIds::add);
        assertThat(userIds).containsExactly("Agent Kanban <" + t.email + ">",
                "Agent Kanban <" + agent.getString("username") + "@mails.agent-kanban.dev>",
                "Agent Kanban <" + t.asUser().get("/api/agents/" + second.id).then().extract().path("username")
                        + "@mails.agent-kanban.dev>");
        for (String id : userIds) {
            PGPSignature certification = root.getSignaturesForID(id).next();
            certification.init(new BcPGPContentVerifierBuilderProvider(), root);
            assertThat(certification.verifyCertification(id, root)).as(id).isTrue();
        }

        List<PGPPublicKey> subkeys = new ArrayList<>();
        secret.getPublicKeys().forEachRemaining(k -> {
            if (!k.isMasterKey()) {
                subkeys.add(k);
            }
        });
        assertThat(subkeys).hasSize(3);
        assertThat(subkeys.get(0).getAlgorithm()).isEqualTo(PublicKeyAlgorithmTags.ECDH);
        PGPPublicKey sub = subkeys.get(1);
        assertThat(String.format("%016x", sub.getKeyID())).isEqualTo(first.id);
        assertThat(String.format("%016x", subkeys.get(2).getKeyID())).isEqualTo(second.id);
        assertThat(Hex.toHexString(sub.getFingerprint())).isEqualTo(agent.getString("fingerprint"));
        assertThat(agent.getString("gpg_subkey_id")).isEqualTo(first.id.toUpperCase());

        PGPSignature binding = sub.getSignaturesOfType(PGPSignature.SUBKEY_BINDING).next();
        binding.init(new BcPGPContentVerifierBuilderProvider(), root);
        assertThat(binding.verifyCertification(root, sub)).isTrue();
        assertThat(binding.getHashedSubPackets().getKeyFlags()).isEqualTo(KeyFlags.SIGN_DATA);
        PGPSignature back = binding.getHashedSubPackets().getEmbeddedSignatures().get(0);
        back.init(new BcPGPContentVerifierBuilderProvider(), sub);
        assertThat(back.verifyCertification(root, sub)).isTrue();

        // The subkey's secret is the agent key that signed the delegation proof.
        byte[] seed = ((EdSecretBCPGKey) secret.getSecretKey(sub.getKeyID()).extractPrivateKey(null)
                .getPrivateKeyDataPacket()).getX().toByteArray();
        byte[] padded = new byte[32];
        System.arraycopy(seed, Math.max(0, seed.length - 32), padded, Math.max(0, 32 - seed.length),
                Math.min(32, seed.length));
        String publicKey = Base64Url.encode(
                new org.bouncycastle.crypto.params.Ed25519PrivateKeyParameters(padded, 0).generatePublicKey()
                        .getEncoded());
        assertThat(publicKey).isEqualTo(agent.getString("public_key"));
        assertThat(Ed25519.verify(Ed25519.publicKey(publicKey),
                first.jwt.publicKey().getBytes(StandardCharsets.UTF_8), Base64Url.decode(first.delegationProof)))
                .isTrue();
    }

    @Test
    void agentsCreatedConcurrentlyForOneOwnerAllKeepTheirSubkey() throws Exception {
        Tenant t = Tenant.create();
        Machine m = t.machine();
        ExecutorService pool = Executors.newFixedThreadPool(10);
        try {
            List<Future<String>> created = new ArrayList<>();
            for (int i = 0; i < 10; i++) {
                created.add(pool.submit(() -> m.request().body(java.util.Map.of("username", Machine.uniqueUsername(),
                        "runtime", "claude")).post("/api/agents").then().statusCode(201).extract().<String>path("id")));
            }
            List<String> ids = new ArrayList<>();
            for (Future<String> id : created) {
                ids.add(id.get());
            }
            String armored = m.request().get("/api/agents/" + ids.get(0) + "/gpg-key").then().statusCode(200)
                    .extract().path("armored_private_key");
            PGPSecretKeyRing ring = new PGPSecretKeyRing(decode(armored), new BcKeyFingerprintCalculator());
            for (String id : ids) {
                assertThat(ring.getSecretKey(new java.math.BigInteger(id, 16).longValue())).as(id).isNotNull();
            }
        } finally {
            pool.shutdownNow();
        }
    }

    @Test
    void thePublicKeyIsServedByUsernameAndByWkd() throws Exception {
        Tenant t = Tenant.create();
        Agent worker = t.machine().worker();
        String username = t.asUser().get("/api/agents/" + worker.id).then().extract().path("username");

        String armored = given().get("/agents/" + username + ".gpg").then().statusCode(200)
                .contentType(startsWith("application/pgp-keys"))
                .header("Cache-Control", "public, max-age=3600")
                .body(startsWith("-----BEGIN PGP PUBLIC KEY BLOCK-----"))
                .extract().asString();
        PGPPublicKeyRing ring = new PGPPublicKeyRing(decode(armored), new BcKeyFingerprintCalculator());
        assertThat(ring.getPublicKey(new java.math.BigInteger(worker.id, 16).longValue())).isNotNull();
        assertThat(armored).doesNotContain("PRIVATE");
        given().header("Accept", "text/html").get("/agents/" + username + ".gpg").then().statusCode(200)
                .contentType(startsWith("text/plain"));

        given().queryParam("l", username).get("/.well-known/openpgpkey/hu/" + Wkd.hash(username)).then()
                .statusCode(200)
                .contentType(startsWith("application/pgp-keys"))
                .body(equalTo(armored));
        given().queryParam("l", username).get("/.well-known/openpgpkey/hu/" + Wkd.hash("other")).then()
                .statusCode(404).body("error.message", equalTo("Hash mismatch"));
        given().get("/.well-known/openpgpkey/hu/" + Wkd.hash(username)).then()
                .statusCode(400).body("error.message", equalTo("Missing l= query parameter"));
        given().queryParam("l", "nobody-here").get("/.well-known/openpgpkey/hu/" + Wkd.hash("nobody-here")).then()
                .statusCode(404).body("error.message", equalTo("Agent not found"));
        given().get("/agents/nobody-here.gpg").then().statusCode(404)
                .body("error.message", equalTo("Agent not found"));
        given().get("/agents/" + username.toUpperCase() + ".gpg").then().statusCode(404);
        given().get("/.well-known/openpgpkey/policy").then().statusCode(200)
                .contentType(startsWith("text/plain")).body(equalTo(""));
        // Public routes ignore credentials, even broken ones.
        given().header("Authorization", "Bearer nonsense").get("/agents/" + username + ".gpg").then()
                .statusCode(200);
    }

    @Test
    void theOwnerFetchesTheirOwnPublicKey() {
        Tenant t = Tenant.create();
        t.asUser().get("/api/gpg/public-key").then().statusCode(404)
                .body("error.message", equalTo("GPG key not found"));
        Agent worker = t.machine().worker();
        String armored = t.asUser().get("/api/gpg/public-key").then().statusCode(200)
                .body("armored_public_key", startsWith("-----BEGIN PGP PUBLIC KEY BLOCK-----"))
                .extract().path("armored_public_key");
        String username = t.asUser().get("/api/agents/" + worker.id).then().extract().path("username");
        assertThat(armored).isEqualTo(given().get("/agents/" + username + ".gpg").asString());
        worker.request().get("/api/gpg/public-key").then().statusCode(403)
                .body("error.message", equalTo("user required"));
    }

    @Test
    void wkdHashIsZBase32OfTheLowerCasedSha1() {
        // The example of the Web Key Directory draft: Joe.Doe@Example.ORG.
        assertThat(Wkd.hash("Joe.Doe")).isEqualTo("iy9q119eutrkn8s1mk4r39qejnbu3n5q");
    }

    private static InputStream decode(String armored) throws Exception {
        return PGPUtil.getDecoderStream(new ByteArrayInputStream(armored.getBytes(StandardCharsets.US_ASCII)));
    }
}
