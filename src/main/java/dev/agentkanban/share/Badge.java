package dev.agentkanban.share;

import java.math.BigDecimal;

/** The two-segment status badge of a shared board, byte for byte as api spec 12.2 draws it. */
final class Badge {

    private Badge() {
    }

    static String svg(String boardName, long todo, long active, long review, long done) {
        String label = escape(boardName);
        String value = escape(todo + " todo · " + active + " active · " + review + " review · " + done + " done");
        double labelWidth = Math.max(label.length() * 7 + 16, 60);
        double valueWidth = value.length() * 6.5 + 16;
        String total = number(labelWidth + valueWidth);
        String lw = number(labelWidth);
        String vw = number(valueWidth);
        String labelX = number(labelWidth / 2);
        String valueX = number(labelWidth + valueWidth / 2);
        return "<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"" + total + "\" height=\"20\">\n"
                + "  <linearGradient id=\"s\" x2=\"0\" y2=\"100%\">\n"
                + "    <stop offset=\"0\" stop-color=\"#bbb\" stop-opacity=\".1\"/>\n"
                + "    <stop offset=\"1\" stop-opacity=\".1\"/>\n"
                + "  </linearGradient>\n"
                + "  <clipPath id=\"r\">\n"
                + "    <rect width=\"" + total + "\" height=\"20\" rx=\"3\" fill=\"#fff\"/>\n"
                + "  </clipPath>\n"
                + "  <g clip-path=\"url(#r)\">\n"
                + "    <rect width=\"" + lw + "\" height=\"20\" fill=\"#1e293b\"/>\n"
                + "    <rect x=\"" + lw + "\" width=\"" + vw + "\" height=\"20\" fill=\"#0891b2\"/>\n"
                + "    <rect width=\"" + total + "\" height=\"20\" fill=\"url(#s)\"/>\n"
                + "  </g>\n"
                + "  <g fill=\"#fff\" text-anchor=\"middle\" font-family=\"DejaVu Sans,Verdana,Geneva,sans-serif\" font-size=\"11\">\n"
                + "    <text x=\"" + labelX + "\" y=\"15\" fill=\"#010101\" fill-opacity=\".3\">" + label + "</text>\n"
                + "    <text x=\"" + labelX + "\" y=\"14\">" + label + "</text>\n"
                + "    <text x=\"" + valueX + "\" y=\"15\" fill=\"#010101\" fill-opacity=\".3\">" + value + "</text>\n"
                + "    <text x=\"" + valueX + "\" y=\"14\">" + value + "</text>\n"
                + "  </g>\n"
                + "</svg>";
    }

    /** XML escaping of the five special characters, ampersand first. */
    static String escape(String text) {
        return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace("\"", "&quot;")
                .replace("'", "&apos;");
    }

    /**
     * A number as JavaScript prints it. Widths here are multiples of 0.25, exact in binary, so
     * the shortest form is the plain decimal without a trailing {@code .0}.
     */
    static String number(double value) {
        return BigDecimal.valueOf(value).stripTrailingZeros().toPlainString();
    }
}
