package dev.agentkanban.auth.user;

import dev.agentkanban.common.Ids;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.text.Normalizer;
import java.util.Base64;
import java.util.HexFormat;
import org.bouncycastle.crypto.generators.Argon2BytesGenerator;
import org.bouncycastle.crypto.generators.SCrypt;
import org.bouncycastle.crypto.params.Argon2Parameters;

/**
 * Password hashing: Argon2id (OWASP's 19 MiB, 2 passes, 1 lane) in the PHC string format for new
 * hashes; the original's scrypt format ({@code <hex salt>:<hex key>}) is still verified so that
 * imported accounts keep working.
 */
public final class Passwords {

    private static final int MEMORY_KIB = 19 * 1024;
    private static final int ITERATIONS = 2;
    private static final int LANES = 1;
    private static final int HASH_BYTES = 32;
    private static final String PREFIX = "$argon2id$v=19$m=" + MEMORY_KIB + ",t=" + ITERATIONS + ",p=" + LANES + "$";
    private static final Base64.Encoder B64 = Base64.getEncoder().withoutPadding();
    private static final Base64.Decoder B64_DECODE = Base64.getDecoder();
    /** Verified against when no account exists, so a missing user costs the same time as a wrong password. */
    private static final String DECOY = hash(Ids.authId());

    private Passwords() {
    }

    public static String hash(String password) {
        byte[] salt = Ids.bytes(16);
        return PREFIX + B64.encodeToString(salt) + "$" + B64.encodeToString(argon2(password, salt, MEMORY_KIB,
                ITERATIONS, LANES, HASH_BYTES));
    }

    /** Constant-time check; a null {@code stored} burns the same work as a real check and fails. */
    public static boolean verify(String password, String stored) {
        if (stored == null) {
            verify(password, DECOY);
            return false;
        }
        try {
            if (stored.startsWith("$argon2id$")) {
                return verifyArgon2(password, stored);
            }
            int colon = stored.indexOf(':');
            if (colon == 32) {
                return verifyScrypt(password, stored.substring(0, colon), stored.substring(colon + 1));
            }
        } catch (IllegalArgumentException e) {
            return false;
        }
        return false;
    }

    private static boolean verifyArgon2(String password, String stored) {
        String[] parts = stored.split("\\$");
        if (parts.length != 6) {
            return false;
        }
        int memory = 0;
        int iterations = 0;
        int lanes = 0;
        for (String setting : parts[3].split(",")) {
            String[] kv = setting.split("=");
            int value = Integer.parseInt(kv[1]);
            switch (kv[0]) {
                case "m" -> memory = value;
                case "t" -> iterations = value;
                case "p" -> lanes = value;
                default -> {
                    return false;
                }
            }
        }
        byte[] salt = B64_DECODE.decode(parts[4]);
        byte[] expected = B64_DECODE.decode(parts[5]);
        return MessageDigest.isEqual(expected, argon2(password, salt, memory, iterations, lanes, expected.length));
    }

    private static boolean verifyScrypt(String password, String saltHex, String keyHex) {
        byte[] expected = HexFormat.of().parseHex(keyHex);
        byte[] actual = SCrypt.generate(normalized(password), saltHex.getBytes(StandardCharsets.UTF_8), 16384, 16, 1,
                expected.length);
        return MessageDigest.isEqual(expected, actual);
    }

    private static byte[] argon2(String password, byte[] salt, int memory, int iterations, int lanes, int length) {
        Argon2Parameters params = new Argon2Parameters.Builder(Argon2Parameters.ARGON2_id)
                .withVersion(Argon2Parameters.ARGON2_VERSION_13)
                .withMemoryAsKB(memory)
                .withIterations(iterations)
                .withParallelism(lanes)
                .withSalt(salt)
                .build();
        Argon2BytesGenerator generator = new Argon2BytesGenerator();
        generator.init(params);
        byte[] out = new byte[length];
        generator.generateBytes(normalized(password), out);
        return out;
    }

    private static byte[] normalized(String password) {
        return Normalizer.normalize(password, Normalizer.Form.NFKC).getBytes(StandardCharsets.UTF_8);
    }
}
