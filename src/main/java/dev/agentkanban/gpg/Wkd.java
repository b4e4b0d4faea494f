package dev.agentkanban.gpg;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Locale;

/** The Web Key Directory hash of a mail local part: z-base-32 of its lower-cased SHA-1. */
public final class Wkd {

    private static final String ZBASE32 = "ybndrfg8ejkmcpqxot1uwisza345h769";

    private Wkd() {
    }

    public static String hash(String localPart) {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-1")
                    .digest(localPart.toLowerCase(Locale.ROOT).getBytes(StandardCharsets.UTF_8));
            return zbase32(digest);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-1 is always available", e);
        }
    }

    /** Five bits per character, most significant first; 160 bits give exactly 32 characters. */
    static String zbase32(byte[] data) {
        StringBuilder out = new StringBuilder((data.length * 8 + 4) / 5);
        int buffer = 0;
        int bits = 0;
        for (byte b : data) {
            buffer = (buffer << 8) | (b & 0xff);
            bits += 8;
            while (bits >= 5) {
                out.append(ZBASE32.charAt((buffer >> (bits - 5)) & 31));
                bits -= 5;
            }
        }
        if (bits > 0) {
            out.append(ZBASE32.charAt((buffer << (5 - bits)) & 31));
        }
        return out.toString();
    }
}
