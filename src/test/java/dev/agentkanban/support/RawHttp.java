package dev.agentkanban.support;

import io.restassured.RestAssured;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;

/**
 * HTTP/1.1 over a bare socket, sending exactly the bytes given: request targets, header values and
 * bodies that ordinary clients refuse to send (malformed percent-escapes, control characters, lying
 * lengths). One request per connection; the answer must be complete within the timeout.
 */
public final class RawHttp {

    private static final int TIMEOUT_MS = 20_000;

    private RawHttp() {
    }

    /** A response as read off the wire; {@code status} is -1 when the server closed without answering. */
    public record Answer(int status, Map<String, String> headers, String body) {

        public String header(String name) {
            return headers.get(name.toLowerCase(Locale.ROOT));
        }

        @Override
        public String toString() {
            return status + " " + headers + " " + (body.length() > 300 ? body.substring(0, 300) + "…" : body);
        }
    }

    /** Sends {@code method target} with the given header lines (each {@code "Name: value"}) and body. */
    public static Answer send(String method, String target, Map<String, String> headers, byte[] body)
            throws IOException {
        return send(null, method, target, headers, body);
    }

    /**
     * The same from a given local address ({@code 127.0.0.x}: every loopback address reaches the
     * server), so that tests can be several clients.
     */
    public static Answer send(String from, String method, String target, Map<String, String> headers, byte[] body)
            throws IOException {
        ByteArrayOutputStream request = new ByteArrayOutputStream();
        write(request, method + " " + target + " HTTP/1.1\r\nHost: localhost:" + RestAssured.port + "\r\n");
        boolean hasLength = false;
        for (Map.Entry<String, String> h : headers.entrySet()) {
            hasLength |= h.getKey().equalsIgnoreCase("Content-Length");
            write(request, h.getKey() + ": " + h.getValue() + "\r\n");
        }
        if (body != null && !hasLength) {
            write(request, "Content-Length: " + body.length + "\r\n");
        }
        write(request, "Connection: close\r\n\r\n");
        if (body != null) {
            request.write(body);
        }
        try (Socket socket = new Socket()) {
            if (from != null) {
                socket.bind(new InetSocketAddress(from, 0));
            }
            socket.connect(new InetSocketAddress(from == null ? "localhost" : "127.0.0.1", RestAssured.port), 5_000);
            socket.setSoTimeout(TIMEOUT_MS);
            try {
                socket.getOutputStream().write(request.toByteArray());
                socket.getOutputStream().flush();
            } catch (IOException refusedMidway) {
                // the server may answer (414, 413) and close before the rest is sent: read that answer
                return read(socket.getInputStream());
            }
            return read(socket.getInputStream());
        }
    }

    public static Answer get(String target, Map<String, String> headers) throws IOException {
        return send("GET", target, headers, null);
    }

    /** A JSON POST from a given local address. */
    public static Answer postJson(String from, String target, Map<String, String> headers, String json)
            throws IOException {
        Map<String, String> all = new LinkedHashMap<>(headers);
        all.put("Content-Type", "application/json");
        return send(from, "POST", target, all, json.getBytes(StandardCharsets.UTF_8));
    }

    /** Reads one answer; an event stream counts as answered once its head is in (it never ends). */
    private static Answer read(InputStream in) throws IOException {
        ByteArrayOutputStream headBytes = new ByteArrayOutputStream();
        int state = 0;
        while (state < 4) {
            int b = in.read();
            if (b < 0) {
                return new Answer(-1, Map.of(), headBytes.toString(StandardCharsets.ISO_8859_1));
            }
            headBytes.write(b);
            state = (b == '\r' && (state == 0 || state == 2)) || (b == '\n' && (state == 1 || state == 3)) ? state + 1
                    : b == '\r' ? 1 : 0;
        }
        String[] lines = headBytes.toString(StandardCharsets.ISO_8859_1).trim().split("\r\n");
        int status = Integer.parseInt(lines[0].split(" ")[1]);
        Map<String, String> headers = new LinkedHashMap<>();
        for (int i = 1; i < lines.length; i++) {
            int colon = lines[i].indexOf(':');
            headers.put(lines[i].substring(0, colon).trim().toLowerCase(Locale.ROOT),
                    lines[i].substring(colon + 1).trim());
        }
        String type = headers.getOrDefault("content-type", "");
        if (type.startsWith("text/event-stream")) {
            return new Answer(status, headers, "");
        }
        byte[] body;
        String length = headers.get("content-length");
        if (length != null) {
            body = in.readNBytes(Integer.parseInt(length));
        } else {
            byte[] rest = in.readAllBytes();
            body = "chunked".equalsIgnoreCase(headers.get("transfer-encoding")) ? dechunk(rest) : rest;
        }
        return new Answer(status, headers, new String(body, StandardCharsets.UTF_8));
    }

    private static byte[] dechunk(byte[] data) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        int i = 0;
        while (i < data.length) {
            int lineEnd = indexOfCrlf(data, i);
            if (lineEnd < 0) {
                break;
            }
            String sizeText = new String(data, i, lineEnd - i, StandardCharsets.US_ASCII).split(";")[0].trim();
            int size = Integer.parseInt(sizeText, 16);
            if (size == 0) {
                break;
            }
            int start = lineEnd + 2;
            out.write(data, start, Math.min(size, data.length - start));
            i = start + size + 2;
        }
        return out.toByteArray();
    }

    private static int indexOfCrlf(byte[] data, int from) {
        for (int i = from; i + 1 < data.length; i++) {
            if (data[i] == '\r' && data[i + 1] == '\n') {
                return i;
            }
        }
        return -1;
    }

    private static void write(ByteArrayOutputStream out, String text) {
        out.writeBytes(text.getBytes(StandardCharsets.ISO_8859_1));
    }
}
