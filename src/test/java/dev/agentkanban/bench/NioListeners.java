package dev.agentkanban.bench;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.SelectionKey;
import java.nio.channels.Selector;
import java.nio.channels.SocketChannel;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Function;

/**
 * Many stream subscribers read by one thread with a selector, so the client side costs as
 * little as possible and what is measured is the server. Each arrival of a {@code data:} line is
 * timed against the commit time of the event it carries.
 */
final class NioListeners implements AutoCloseable {

    private static final byte[] MARK = "\ndata: {\"id\":\"".getBytes(StandardCharsets.US_ASCII);
    private static final int ID = 12;

    private final Selector selector;
    private final List<SocketChannel> channels = new ArrayList<>();
    private final Function<String, Long> committedAt;
    private final Thread reader;
    final AtomicLong received = new AtomicLong();
    private long[] latencies = new long[1 << 16];
    private int count;
    private volatile boolean open = true;

    NioListeners(String host, int port, String requestPath, String token, int subscribers,
            Function<String, Long> committedAt) throws IOException {
        this.selector = Selector.open();
        this.committedAt = committedAt;
        byte[] request = ("GET " + requestPath + " HTTP/1.1\r\nHost: " + host + "\r\nAuthorization: Bearer " + token
                + "\r\n\r\n").getBytes(StandardCharsets.US_ASCII);
        for (int i = 0; i < subscribers; i++) {
            SocketChannel channel = SocketChannel.open(new InetSocketAddress(host, port));
            channel.write(ByteBuffer.wrap(request));
            readHead(channel);
            channel.configureBlocking(false);
            channel.register(selector, SelectionKey.OP_READ, new byte[0]);
            channels.add(channel);
        }
        reader = new Thread(this::read, "bench-nio-reader");
        reader.setDaemon(true);
        reader.start();
    }

    synchronized long[] drainLatencies() {
        long[] out = Arrays.copyOf(latencies, count);
        count = 0;
        return out;
    }

    private static void readHead(SocketChannel channel) throws IOException {
        ByteBuffer one = ByteBuffer.allocate(1);
        StringBuilder head = new StringBuilder();
        while (!head.toString().endsWith("\r\n\r\n")) {
            one.clear();
            if (channel.read(one) < 0) {
                throw new IOException("closed before the response head");
            }
            head.append((char) one.get(0));
        }
        if (!head.toString().startsWith("HTTP/1.1 200")) {
            throw new IOException("stream refused: " + head);
        }
    }

    private void read() {
        ByteBuffer buffer = ByteBuffer.allocate(256 * 1024);
        try {
            while (open) {
                selector.select(100);
                long now = System.nanoTime();
                for (SelectionKey key : selector.selectedKeys()) {
                    buffer.clear();
                    int n = ((SocketChannel) key.channel()).read(buffer);
                    if (n > 0) {
                        byte[] carry = (byte[]) key.attachment();
                        byte[] text = new byte[carry.length + n];
                        System.arraycopy(carry, 0, text, 0, carry.length);
                        System.arraycopy(buffer.array(), 0, text, carry.length, n);
                        key.attach(scan(text, now));
                    } else if (n < 0) {
                        key.cancel();
                    }
                }
                selector.selectedKeys().clear();
            }
        } catch (IOException e) {
            // closed
        }
    }

    /** Times every complete data line in the text; returns the tail that may hold a partial one. */
    private byte[] scan(byte[] text, long now) {
        int from = 0;
        for (int at = indexOf(text, from); at >= 0 && at + MARK.length + ID <= text.length; at = indexOf(text, from)) {
            Long committed = committedAt.apply(new String(text, at + MARK.length, ID, StandardCharsets.US_ASCII));
            if (committed != null) {
                record(now - committed);
            }
            received.incrementAndGet();
            from = at + MARK.length + ID;
        }
        return Arrays.copyOfRange(text, Math.max(from, text.length - (MARK.length + ID - 1)), text.length);
    }

    private synchronized void record(long nanos) {
        if (count == latencies.length) {
            latencies = Arrays.copyOf(latencies, count * 2);
        }
        latencies[count++] = nanos;
    }

    private static int indexOf(byte[] text, int from) {
        outer:
        for (int i = from; i <= text.length - MARK.length; i++) {
            for (int j = 0; j < MARK.length; j++) {
                if (text[i + j] != MARK[j]) {
                    continue outer;
                }
            }
            return i;
        }
        return -1;
    }

    @Override
    public void close() throws IOException {
        open = false;
        for (SocketChannel channel : channels) {
            channel.close();
        }
        selector.close();
    }
}
