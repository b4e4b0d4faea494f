package dev.agentkanban.web;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;

/**
 * An agent's face, drawn from its public key: a mirrored 5x5 grid of rounded cells in a hue
 * between cyan and blue, so the same key always looks the same and agents stay distinguishable.
 */
final class Identicon {

    private static final int GRID = 5;

    private Identicon() {
    }

    static String svg(String key, int size) {
        byte[] h = digest(key == null || key.isEmpty() ? "unknown" : key);
        int hue = 170 + ((h[0] & 0xff) << 8 | (h[1] & 0xff)) % 60;
        int saturation = 55 + (h[2] & 0xff) % 30;
        int lightness = 45 + (h[3] & 0xff) % 15;
        String color = "hsl(" + hue + " " + saturation + "% " + lightness + "%)";
        StringBuilder cells = new StringBuilder();
        for (int row = 0; row < GRID; row++) {
            for (int col = 0; col < 3; col++) {
                int bit = row * 3 + col;
                if (((h[4 + bit / 8] >> (bit % 8)) & 1) == 1) {
                    cell(cells, col, row);
                    if (col < 2) {
                        cell(cells, GRID - 1 - col, row);
                    }
                }
            }
        }
        return "<svg class=\"identicon\" width=\"" + size + "\" height=\"" + size + "\" viewBox=\"0 0 7 7\" aria-hidden=\"true\">"
                + "<rect width=\"7\" height=\"7\" rx=\"1.3\" class=\"identicon-bg\"/>"
                + "<g fill=\"" + color + "\">" + cells + "</g></svg>";
    }

    private static void cell(StringBuilder out, int col, int row) {
        out.append("<rect x=\"").append(col + 1.1).append("\" y=\"").append(row + 1.1)
                .append("\" width=\".8\" height=\".8\" rx=\".2\"/>");
    }

    private static byte[] digest(String key) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(key.getBytes(StandardCharsets.UTF_8));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is always available", e);
        }
    }
}
