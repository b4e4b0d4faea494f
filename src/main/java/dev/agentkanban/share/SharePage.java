package dev.agentkanban.share;

import dev.agentkanban.common.error.ApiException;
import jakarta.enterprise.context.ApplicationScoped;
import dev.agentkanban.common.Times;
import dev.agentkanban.web.BoardPages;
import io.quarkus.qute.Location;
import io.quarkus.qute.Template;
import jakarta.inject.Inject;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The public page of a shared board (api spec 12.3): the board's five columns, server-rendered
 * and kept live from the share stream, with the first one-line {@code <title>} replaced by the
 * board's title and the meta tags link previews read. Anything not shared gets the site's plain
 * index.html, as the spec says.
 */
@ApplicationScoped
public class SharePage {

    static final String SITE = "https://agent-kanban.dev";
    private static final Pattern TITLE = Pattern.compile("<title>.*?</title>");

    private final String index;

    @Inject
    ShareService shares;

    @Location("share.html")
    Template page;

    @Location("columns.html")
    Template columns;

    SharePage() {
        try (InputStream in = SharePage.class.getResourceAsStream("/share/index.html")) {
            if (in == null) {
                throw new IllegalStateException("share/index.html is missing from the build");
            }
            index = new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * The page for a request path under {@code /share}; with {@code part=columns} only the
     * columns, which the page's live view swaps in when the board changes.
     */
    public String render(String path, String part) {
        String slug = slug(path);
        if (slug.isEmpty()) {
            return index;
        }
        ShareService.Shared board;
        Object view;
        String readAt = Times.now();
        try {
            board = shares.find(slug);
            view = shares.view(slug);
        } catch (ApiException notShared) {
            return index;
        }
        if ("columns".equals(part)) {
            return BoardPages.publicColumns(columns.instance(), view).render();
        }
        String html = BoardPages.publicColumns(page.instance(), view).data("slug", slug).data("since", readAt)
                .render();
        return withTags(html, slug, board);
    }

    /** {@code /share/p4q8r2s6t0/} → {@code p4q8r2s6t0}; {@code /share} and {@code /share/} → empty. */
    static String slug(String path) {
        String rest = path.startsWith("/share") ? path.substring("/share".length()) : path;
        if (rest.startsWith("/")) {
            rest = rest.substring(1);
        }
        if (rest.endsWith("/")) {
            rest = rest.substring(0, rest.length() - 1);
        }
        return rest;
    }

    private static String withTags(String html, String slug, ShareService.Shared board) {
        ShareService.Counts c = board.counts();
        String title = escape(board.name()) + " — Agent Kanban";
        String description = board.description() == null || board.description().isEmpty()
                ? escape(c.total() + " tasks: " + c.done() + " done, " + c.inProgress() + " active, " + c.inReview()
                        + " review, " + c.todo() + " todo")
                : escape(board.description());
        String tags = String.join("\n    ", List.of(
                "<title>" + title + "</title>",
                "<meta name=\"description\" content=\"" + description + "\" />",
                "<meta property=\"og:type\" content=\"website\" />",
                "<meta property=\"og:url\" content=\"" + SITE + "/share/" + slug + "\" />",
                "<meta property=\"og:title\" content=\"" + title + "\" />",
                "<meta property=\"og:description\" content=\"" + description + "\" />",
                "<meta property=\"og:site_name\" content=\"Agent Kanban\" />",
                "<meta name=\"twitter:card\" content=\"summary\" />",
                "<meta name=\"twitter:title\" content=\"" + title + "\" />",
                "<meta name=\"twitter:description\" content=\"" + description + "\" />"));
        Matcher title1 = TITLE.matcher(html);
        // inserted literally: a '$' in a board name stays a '$' (the original's regex quirk is not kept)
        return title1.find() ? title1.replaceFirst(Matcher.quoteReplacement(tags)) : html;
    }

    /** HTML escaping as the original does it here: {@code & < > "} only. */
    static String escape(String text) {
        return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace("\"", "&quot;");
    }
}
