package dev.agentkanban.support;

import io.restassured.RestAssured;
import java.io.DataInputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.util.Base64;

/**
 * A relay socket spoken by hand over TCP, for what a WebSocket library hides: the literal status
 * line of the upgrade, a client that never reads (its receive buffer kept small), and one that
 * never answers the server's pings.
 */
public final class RawRelaySocket implements AutoCloseable {

    private static final SecureRandom RANDOM = new SecureRandom();

    /** One frame from the server: its opcode and payload. */
    public record Frame(int opcode, byte[] payload) {
        public boolean isClose() {
            return opcode == 8;
        }

        public int closeCode() {
            return ((payload[0] & 0xff) << 8) | (payload[1] & 0xff);
        }

        public String text() {
            return new String(payload, isClose() ? 2 : 0, payload.length - (isClose() ? 2 : 0), StandardCharsets.UTF_8);
        }
    }

    public final String statusLine;
    private final Socket socket;
    private final DataInputStream in;
    private final OutputStream out;

    private RawRelaySocket(Socket socket, String statusLine) throws IOException {
        this.socket = socket;
        this.statusLine = statusLine;
        this.in = new DataInputStream(socket.getInputStream());
        this.out = socket.getOutputStream();
    }

    /** Sends the upgrade for {@code /api/tunnel/ws?query} and reads the answer's head. */
    public static RawRelaySocket open(String query, int receiveBuffer) throws IOException {
        Socket socket = new Socket();
        socket.setReceiveBufferSize(receiveBuffer);
        socket.connect(new InetSocketAddress(RestAssured.baseURI.replaceFirst("^https?://", ""), RestAssured.port),
                10_000);
        socket.setSoTimeout(30_000);
        byte[] nonce = new byte[16];
        RANDOM.nextBytes(nonce);
        String request = "GET /api/tunnel/ws?" + query + " HTTP/1.1\r\n"
                + "Host: localhost:" + RestAssured.port + "\r\n"
                + "Upgrade: websocket\r\nConnection: Upgrade\r\nSec-WebSocket-Version: 13\r\n"
                + "Sec-WebSocket-Key: " + Base64.getEncoder().encodeToString(nonce) + "\r\n\r\n";
        socket.getOutputStream().write(request.getBytes(StandardCharsets.US_ASCII));
        StringBuilder head = new StringBuilder();
        var input = socket.getInputStream();
        while (!head.toString().endsWith("\r\n\r\n")) {
            int b = input.read();
            if (b < 0) {
                throw new EOFException("connection closed in the answer's head: " + head);
            }
            head.append((char) b);
        }
        return new RawRelaySocket(socket, head.substring(0, head.indexOf("\r\n")));
    }

    public void sendText(String text) throws IOException {
        send(1, text.getBytes(StandardCharsets.UTF_8));
    }

    /** An unsolicited pong: a heartbeat that needs no reading (RFC 6455 5.5.3). */
    public void sendPong() throws IOException {
        send(10, new byte[0]);
    }

    /** The next frame the server sent; EOFException when the connection ended. */
    public Frame next() throws IOException {
        int first = in.readUnsignedByte();
        int second = in.readUnsignedByte();
        long length = second & 0x7f;
        if (length == 126) {
            length = in.readUnsignedShort();
        } else if (length == 127) {
            length = in.readLong();
        }
        byte[] payload = new byte[Math.toIntExact(length)];
        in.readFully(payload);
        return new Frame(first & 0x0f, payload);
    }

    /** Reads until the server's close frame, skipping everything else. */
    public Frame closeFrame() throws IOException {
        Frame frame;
        do {
            frame = next();
        } while (!frame.isClose());
        return frame;
    }

    private void send(int opcode, byte[] payload) throws IOException {
        byte[] mask = new byte[4];
        RANDOM.nextBytes(mask);
        int extra = payload.length < 126 ? 0 : payload.length < 65536 ? 2 : 8;
        byte[] frame = new byte[2 + extra + 4 + payload.length];
        frame[0] = (byte) (0x80 | opcode);
        int at = 2;
        if (extra == 0) {
            frame[1] = (byte) (0x80 | payload.length);
        } else if (extra == 2) {
            frame[1] = (byte) (0x80 | 126);
            frame[at++] = (byte) (payload.length >> 8);
            frame[at++] = (byte) payload.length;
        } else {
            frame[1] = (byte) (0x80 | 127);
            for (int shift = 56; shift >= 0; shift -= 8) {
                frame[at++] = (byte) ((long) payload.length >> shift);
            }
        }
        System.arraycopy(mask, 0, frame, at, 4);
        at += 4;
        for (int i = 0; i < payload.length; i++) {
            frame[at + i] = (byte) (payload[i] ^ mask[i % 4]);
        }
        out.write(frame);
        out.flush();
    }

    @Override
    public void close() throws IOException {
        socket.close();
    }
}
