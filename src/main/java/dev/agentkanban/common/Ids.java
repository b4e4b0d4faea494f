package dev.agentkanban.common;

import java.security.SecureRandom;

/** Random identifiers in the formats the clients expect (see the data model, ids). */
public final class Ids {

    private static final String BASE36 = "0123456789abcdefghijklmnopqrstuvwxyz";
    private static final String ALNUM = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789";
    private static final String LETTERS = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz";
    private static final ThreadLocal<SecureRandom> RANDOM = ThreadLocal.withInitial(SecureRandom::new);

    private Ids() {
    }

    /** Boards, repositories, machines, GPG keys. */
    public static String shortId() {
        return random(BASE36, 8);
    }

    /** Tasks, task actions, messages. */
    public static String longId() {
        return random(BASE36, 12);
    }

    public static String shareSlug() {
        return random(BASE36, 10);
    }

    /** Users, login sessions, API key rows, and the login session token itself. */
    public static String authId() {
        return random(ALNUM, 32);
    }

    public static String letters(int length) {
        return random(LETTERS, length);
    }

    public static byte[] bytes(int length) {
        byte[] out = new byte[length];
        RANDOM.get().nextBytes(out);
        return out;
    }

    private static String random(String alphabet, int length) {
        SecureRandom random = RANDOM.get();
        char[] out = new char[length];
        for (int i = 0; i < length; i++) {
            out[i] = alphabet.charAt(random.nextInt(alphabet.length()));
        }
        return new String(out);
    }
}
