package dev.agentkanban.web;

import io.quarkus.qute.TemplateData;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;

/** Where a paged list is, with the links to the previous and next pages (empty when there is none). */
@TemplateData
public record Paging(int page, long pages, String previous, String next) {

    /** {@code query} is the list's other query parameters, already in {@code name=value&} form. */
    static Paging of(String path, String query, int page, long total, int size) {
        long pages = Math.max(1, (total + size - 1) / size);
        String base = path + "?" + query + "page=";
        return new Paging(page, pages, page > 1 ? base + (page - 1) : "", page < pages ? base + (page + 1) : "");
    }

    static String param(String name, String value) {
        return value == null || value.isEmpty() ? "" : name + "=" + URLEncoder.encode(value, StandardCharsets.UTF_8) + "&";
    }
}
