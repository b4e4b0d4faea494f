package dev.agentkanban.web;

import io.quarkus.qute.RawString;
import io.quarkus.qute.TemplateData;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Tokens and cost per day of the last days, summed over the sessions started that day, drawn as
 * two small server-side SVG bar charts (no chart script to download), plus the numbers as a table.
 */
@TemplateData
public final class UsageChart {

    private static final int WIDTH = 380;
    private static final int HEIGHT = 120;
    private static final int BASE = 100;

    public final List<Day> days;

    private UsageChart(List<Day> days) {
        this.days = days;
    }

    @TemplateData
    public record Day(String date, long tokens, long costMicroUsd) {

        public String cost() {
            return Fmt.money(costMicroUsd);
        }

        public String tokenText() {
            return Fmt.tokens(tokens);
        }
    }

    static UsageChart of(List<Map<String, Object>> sessions, int count) {
        LocalDate today = LocalDate.now(ZoneOffset.UTC);
        Map<String, long[]> sums = new LinkedHashMap<>();
        for (int i = count - 1; i >= 0; i--) {
            sums.put(today.minusDays(i).toString(), new long[2]);
        }
        for (Map<String, Object> s : sessions) {
            long[] day = sums.get(Fmt.day(s.get("created_at")));
            if (day != null) {
                day[0] += Fmt.number(s.get("input_tokens")) + Fmt.number(s.get("output_tokens"))
                        + Fmt.number(s.get("cache_read_tokens")) + Fmt.number(s.get("cache_creation_tokens"));
                day[1] += Fmt.number(s.get("cost_micro_usd"));
            }
        }
        List<Day> days = new ArrayList<>();
        sums.forEach((date, v) -> days.add(new Day(date, v[0], v[1])));
        return new UsageChart(days);
    }

    public RawString tokensSvg() {
        return bars("Tokens per day", "bar-t", days.stream().mapToLong(Day::tokens).toArray(), Fmt::tokens);
    }

    public RawString costSvg() {
        return bars("Cost per day", "bar-c", days.stream().mapToLong(Day::costMicroUsd).toArray(), Fmt::money);
    }

    private RawString bars(String title, String css, long[] values, java.util.function.Function<Object, String> label) {
        long max = 0;
        for (long v : values) {
            max = Math.max(max, v);
        }
        double step = (double) WIDTH / values.length;
        StringBuilder svg = new StringBuilder()
                .append("<svg class=\"chart\" viewBox=\"0 0 ").append(WIDTH).append(' ').append(HEIGHT)
                .append("\" role=\"img\" aria-label=\"").append(title).append(", last ").append(values.length)
                .append(" days, highest ").append(label.apply(max)).append("\"><title>").append(title)
                .append("</title><line class=\"axis\" x1=\"0\" x2=\"").append(WIDTH).append("\" y1=\"").append(BASE)
                .append("\" y2=\"").append(BASE).append("\"/>");
        for (int i = 0; i < values.length; i++) {
            double h = values[i] == 0 ? 0 : Math.max(2, 86.0 * values[i] / max); // max > 0 here
            svg.append(String.format(Locale.ROOT, "<rect class=\"%s\" x=\"%.1f\" y=\"%.1f\" width=\"%.1f\" height=\"%.1f\" rx=\"2\"/>",
                    css, i * step + step * 0.18, BASE - h, step * 0.64, h));
        }
        svg.append("<text x=\"0\" y=\"10\">").append(label.apply(max)).append("</text>")
                .append("<text x=\"0\" y=\"116\">").append(days.get(0).date().substring(5)).append("</text>")
                .append("<text x=\"").append(WIDTH).append("\" y=\"116\" text-anchor=\"end\">")
                .append(days.get(days.size() - 1).date().substring(5)).append("</text></svg>");
        return new RawString(svg.toString());
    }
}
