package io.opencmq.server;

import java.io.BufferedInputStream;
import java.io.ByteArrayOutputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.SocketException;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A plain socket that speaks just enough HTTP/1.1 for tests that need control over the bytes
 * on the wire: pipelining, partial requests, oversized bodies, silence. Reads answers framed
 * by Content-Length, which is all the server sends.
 */
final class RawHttpConnection implements AutoCloseable {
    private static final int READ_TIMEOUT_MILLIS = 20_000;

    private final Socket socket;
    private final InputStream in;
    private final OutputStream out;

    RawHttpConnection(int port) throws IOException {
        socket = new Socket();
        socket.connect(new InetSocketAddress("127.0.0.1", port), 5_000);
        socket.setSoTimeout(READ_TIMEOUT_MILLIS);
        in = new BufferedInputStream(socket.getInputStream());
        out = socket.getOutputStream();
    }

    void send(String text) throws IOException {
        send(text.getBytes(StandardCharsets.UTF_8));
    }

    void send(byte[] bytes) throws IOException {
        out.write(bytes);
        out.flush();
    }

    /** Sends a GET with keep-alive (the HTTP/1.1 default). */
    void get(String path) throws IOException {
        send("GET " + path + " HTTP/1.1\r\nHost: 127.0.0.1\r\n\r\n");
    }

    /** Reads one response. */
    Reply read() throws IOException {
        String statusLine = readLine();
        String[] parts = statusLine.split(" ", 3);
        int status = Integer.parseInt(parts[1]);
        Map<String, String> headers = new HashMap<>();
        for (String line = readLine(); !line.isEmpty(); line = readLine()) {
            int colon = line.indexOf(':');
            headers.put(line.substring(0, colon).trim().toLowerCase(Locale.ROOT), line.substring(colon + 1).trim());
        }
        int length = Integer.parseInt(headers.getOrDefault("content-length", "0"));
        byte[] body = in.readNBytes(length);
        if (body.length < length) {
            throw new EOFException("body cut short: " + body.length + " of " + length + " bytes");
        }
        return new Reply(status, headers, new String(body, StandardCharsets.UTF_8));
    }

    /**
     * Waits up to {@code max} for the server to close the connection, discarding anything it
     * still sends. True if it closed (end of stream or reset), false if it was still open.
     */
    boolean closedByServerWithin(Duration max) throws IOException {
        socket.setSoTimeout((int) max.toMillis());
        try {
            while (in.read() >= 0) {
                // discard
            }
            return true;
        } catch (SocketTimeoutException e) {
            return false;
        } catch (SocketException e) {
            return true;
        } finally {
            socket.setSoTimeout(READ_TIMEOUT_MILLIS);
        }
    }

    private String readLine() throws IOException {
        ByteArrayOutputStream line = new ByteArrayOutputStream();
        int b;
        while ((b = in.read()) != '\n') {
            if (b < 0) {
                throw new EOFException("connection closed by the server");
            }
            if (b != '\r') {
                line.write(b);
            }
        }
        return line.toString(StandardCharsets.UTF_8);
    }

    @Override
    public void close() throws IOException {
        socket.close();
    }

    record Reply(int status, Map<String, String> headers, String body) {
        private static final Pattern CMQ_CODE = Pattern.compile("\"code\"\\s*:\\s*(-?\\d+)");

        /** The CMQ "code" field of a JSON body, or -1 if it has none. */
        int cmqCode() {
            Matcher m = CMQ_CODE.matcher(body);
            return m.find() ? Integer.parseInt(m.group(1)) : -1;
        }
    }
}
