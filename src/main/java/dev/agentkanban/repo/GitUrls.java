package dev.agentkanban.repo;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Repository URL rules of api spec 10.6. */
final class GitUrls {

    private static final Pattern SSH = Pattern.compile("^git@([^:]+):(.+?)(?:\\.git)?$");
    private static final Pattern HTTP = Pattern.compile("^https?://[^/]+/(.+)$");

    private GitUrls() {
    }

    /** {@code git@host:path[.git]} becomes {@code https://host/path}; otherwise one trailing {@code .git} goes. */
    static String normalise(String url) {
        Matcher ssh = SSH.matcher(url);
        if (ssh.matches()) {
            return "https://" + ssh.group(1) + "/" + ssh.group(2);
        }
        return stripGit(url);
    }

    /** {@code org/repo} of {@code http(s)://host/org/repo[.git]}; deeper paths and a trailing slash stay. */
    static String fullName(String url) {
        Matcher http = HTTP.matcher(url);
        return http.matches() ? stripGit(http.group(1)) : null;
    }

    private static String stripGit(String text) {
        return text.endsWith(".git") ? text.substring(0, text.length() - 4) : text;
    }
}
