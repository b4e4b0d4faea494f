package dev.agentkanban.auth.jwt;

import java.util.Base64;

/** base64url without padding, tolerant of the standard alphabet and of padding on input. */
public final class Base64Url {

    private Base64Url() {
    }

    public static String encode(byte[] bytes) {
        return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
    }

    /** Returns null when the text is not base64 in either alphabet. */
    public static byte[] decode(String text) {
        try {
            String url = text.replace('+', '-').replace('/', '_');
            int end = url.length();
            while (end > 0 && url.charAt(end - 1) == '=') {
                end--;
            }
            return Base64.getUrlDecoder().decode(url.substring(0, end));
        } catch (IllegalArgumentException e) {
            return null;
        }
    }
}
