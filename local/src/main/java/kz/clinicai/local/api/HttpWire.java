package kz.clinicai.local.api;

import java.io.BufferedInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.SocketException;
import java.net.SocketTimeoutException;
import java.net.URI;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.function.Function;
import java.util.regex.Pattern;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A small HTTP/1.1 server (keep-alive, Content-Length and chunked bodies, Expect: 100-continue) on loopback, one
 * virtual thread per connection. It exists because the JDK's built-in server answers a malformed request with an
 * HTML page naming a Java exception ("URISyntaxException thrown") or drops the connection on too many headers,
 * where API Gateway answers JSON: here every refusal is a JSON {@code {"message":...}} with API Gateway's status.
 */
final class HttpWire implements AutoCloseable {

    /** API Gateway's quota on the request line and headers together. */
    static final int MAX_HEAD_BYTES = 10_240;
    static final int MAX_HEADERS = 200;
    /** HTTP API's maximum payload. */
    static final int MAX_BODY_BYTES = 10 * 1024 * 1024;
    private static final int IDLE_TIMEOUT_MILLIS = 60_000;
    /** How much of a refused request is still read (and dropped) so the client gets the refusal, not a reset. */
    static final int MAX_DRAIN_BYTES = 12 * 1024 * 1024;
    private static final int DRAIN_MILLIS = 2_000;
    private static final Pattern TOKEN = Pattern.compile("[!#$%&'*+.^_`|~0-9A-Za-z-]+");
    private static final Logger LOG = LoggerFactory.getLogger(HttpWire.class);

    private final ServerSocket server;
    private final ExecutorService executor = Executors.newVirtualThreadPerTaskExecutor();
    private final Function<WireRequest, HttpResponses> handler;
    private volatile boolean closed;

    private HttpWire(ServerSocket server, Function<WireRequest, HttpResponses> handler) {
        this.server = server;
        this.handler = handler;
    }

    static HttpWire start(int port, Function<WireRequest, HttpResponses> handler) throws IOException {
        ServerSocket socket = new ServerSocket();
        socket.setReuseAddress(true);
        socket.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), port), 128);
        HttpWire wire = new HttpWire(socket, handler);
        Thread.ofVirtual().name("api-accept").start(wire::accept);
        return wire;
    }

    int port() {
        return server.getLocalPort();
    }

    private void accept() {
        while (!closed) {
            try {
                Socket socket = server.accept();
                executor.submit(() -> serve(socket));
            } catch (IOException e) {
                if (!closed) {
                    LOG.warn("accept failed", e);
                }
            } catch (RuntimeException e) {
                // executor shut down while closing
                return;
            }
        }
    }

    /** A request that cannot be served; the connection is closed after the answer. */
    private static final class Refusal extends Exception {
        final HttpResponses response;

        Refusal(int status, String message) {
            super(message, null, false, false);
            this.response = HttpResponses.message(status, message);
        }
    }

    private void serve(Socket socket) {
        try (socket) {
            socket.setSoTimeout(IDLE_TIMEOUT_MILLIS);
            socket.setTcpNoDelay(true);
            InputStream in = new BufferedInputStream(socket.getInputStream());
            OutputStream out = socket.getOutputStream();
            while (!closed) {
                WireRequest request;
                boolean keepAlive;
                try {
                    List<String> head = readHead(in);
                    if (head == null) {
                        return;
                    }
                    request = parse(head, in, out, socket);
                    keepAlive = keepAlive(request);
                } catch (Refusal r) {
                    write(out, r.response, false, false);
                    lingeringClose(socket, in);
                    return;
                }
                HttpResponses response;
                try {
                    response = handler.apply(request);
                } catch (RuntimeException e) {
                    LOG.warn("request {} {} failed", request.method(), request.rawPath(), e);
                    response = HttpResponses.message(500, "Internal Server Error");
                }
                write(out, response, request.method().equals("HEAD"), keepAlive);
                if (!keepAlive) {
                    return;
                }
            }
        } catch (SocketTimeoutException | SocketException e) {
            // idle keep-alive connection or the client went away
        } catch (IOException e) {
            LOG.debug("connection failed", e);
        }
    }

    /**
     * After a refusal the client may still be sending (a 200 KB header, a body): closing with unread bytes makes the
     * kernel answer them with a reset that destroys the refusal before the client reads it (it sees a broken pipe).
     * So the answer is followed by our FIN, and what the client still sends is read and dropped — up to
     * {@link #MAX_DRAIN_BYTES} and {@link #DRAIN_MILLIS} — before the socket closes.
     */
    private static void lingeringClose(Socket socket, InputStream in) {
        try {
            socket.shutdownOutput();
            socket.setSoTimeout(DRAIN_MILLIS);
            byte[] buffer = new byte[16 * 1024];
            long drained = 0;
            for (int n; drained < MAX_DRAIN_BYTES && (n = in.read(buffer)) >= 0; ) {
                drained += n;
            }
        } catch (IOException e) {
            // the client stopped sending, went away or was too slow: close now
        }
    }

    /** Lines up to the blank line; null at a clean end of stream before any byte of a new request. */
    private static List<String> readHead(InputStream in) throws IOException, Refusal {
        List<String> lines = new ArrayList<>();
        ByteArrayOutputStream line = new ByteArrayOutputStream();
        int total = 0;
        while (true) {
            int b = in.read();
            if (b < 0) {
                if (lines.isEmpty() && line.size() == 0) {
                    return null;
                }
                throw new Refusal(400, "Bad Request");
            }
            if (++total > MAX_HEAD_BYTES) {
                throw new Refusal(431, "Request Header Fields Too Large");
            }
            if (b == '\n') {
                String text = line.toString(StandardCharsets.ISO_8859_1);
                if (text.endsWith("\r")) {
                    text = text.substring(0, text.length() - 1);
                }
                line.reset();
                if (text.isEmpty()) {
                    if (lines.isEmpty()) {
                        continue; // a stray CRLF between requests (RFC 9112 2.2)
                    }
                    return lines;
                }
                lines.add(text);
                if (lines.size() > MAX_HEADERS + 1) {
                    throw new Refusal(431, "Request Header Fields Too Large");
                }
            } else {
                line.write(b);
            }
        }
    }

    private static WireRequest parse(List<String> head, InputStream in, OutputStream out, Socket socket)
            throws IOException, Refusal {
        String[] requestLine = head.get(0).split(" ", -1);
        if (requestLine.length != 3 || !TOKEN.matcher(requestLine[0]).matches()
                || !requestLine[2].matches("HTTP/1\\.[01]")) {
            throw new Refusal(400, "Bad Request");
        }
        String target = requestLine[1];
        URI uri;
        try {
            uri = new URI(target);
        } catch (URISyntaxException e) {
            throw new Refusal(400, "Bad Request");
        }
        if (!target.startsWith("/") || uri.getRawFragment() != null) {
            throw new Refusal(400, "Bad Request");
        }
        List<WireRequest.Header> headers = new ArrayList<>();
        for (String line : head.subList(1, head.size())) {
            int colon = line.indexOf(':');
            if (colon <= 0 || !TOKEN.matcher(line.substring(0, colon)).matches()) {
                throw new Refusal(400, "Bad Request"); // also obsolete line folding (starts with a space)
            }
            String value = line.substring(colon + 1).strip();
            if (value.chars().anyMatch(c -> c < 0x20 && c != '\t' || c == 0x7f)) {
                throw new Refusal(400, "Bad Request");
            }
            headers.add(new WireRequest.Header(line.substring(0, colon), value));
        }
        byte[] body = readBody(headers, in, out, requestLine[2]);
        InetSocketAddress remote = (InetSocketAddress) socket.getRemoteSocketAddress();
        return new WireRequest(requestLine[0], uri.getRawPath(), uri.getRawQuery(), requestLine[2],
                List.copyOf(headers), body, remote, socket.getLocalPort());
    }

    private static byte[] readBody(List<WireRequest.Header> headers, InputStream in, OutputStream out, String protocol)
            throws IOException, Refusal {
        List<String> encodings = values(headers, "transfer-encoding");
        List<String> lengths = values(headers, "content-length");
        if (!encodings.isEmpty() && !lengths.isEmpty() || lengths.stream().distinct().count() > 1) {
            throw new Refusal(400, "Bad Request");
        }
        boolean chunked = !encodings.isEmpty();
        if (chunked && !String.join(",", encodings).strip().toLowerCase(Locale.ROOT).equals("chunked")) {
            throw new Refusal(400, "Bad Request");
        }
        long length = 0;
        if (!lengths.isEmpty()) {
            try {
                length = Long.parseLong(lengths.get(0));
            } catch (NumberFormatException e) {
                throw new Refusal(400, "Bad Request");
            }
            if (length < 0) {
                throw new Refusal(400, "Bad Request");
            }
            if (length > MAX_BODY_BYTES) {
                // Read what the client is sending anyway (bounded), so it sees the 413 and not a reset mid-upload.
                if (length <= 4L * MAX_BODY_BYTES) {
                    in.skipNBytes(length);
                }
                throw new Refusal(413, "Request Entity Too Large");
            }
        }
        if ((chunked || length > 0) && values(headers, "expect").stream().anyMatch("100-continue"::equalsIgnoreCase)
                && protocol.equals("HTTP/1.1")) {
            out.write("HTTP/1.1 100 Continue\r\n\r\n".getBytes(StandardCharsets.ISO_8859_1));
            out.flush();
        }
        if (!chunked) {
            byte[] body = in.readNBytes((int) length);
            if (body.length < length) {
                throw new SocketException("client closed before the body was complete");
            }
            return body;
        }
        ByteArrayOutputStream body = new ByteArrayOutputStream();
        while (true) {
            String sizeLine = readLine(in);
            int size;
            try {
                size = Integer.parseInt(sizeLine.split(";", 2)[0].strip(), 16);
            } catch (NumberFormatException e) {
                throw new Refusal(400, "Bad Request");
            }
            if (size < 0) {
                throw new Refusal(400, "Bad Request");
            }
            if (size == 0) {
                while (!readLine(in).isEmpty()) {
                    // trailers are dropped, as API Gateway does
                }
                return body.toByteArray();
            }
            if (body.size() + (long) size > MAX_BODY_BYTES) {
                throw new Refusal(413, "Request Entity Too Large");
            }
            byte[] chunk = in.readNBytes(size);
            if (chunk.length < size) {
                throw new SocketException("client closed inside a chunk");
            }
            body.write(chunk);
            if (!readLine(in).isEmpty()) {
                throw new Refusal(400, "Bad Request");
            }
        }
    }

    private static String readLine(InputStream in) throws IOException, Refusal {
        ByteArrayOutputStream line = new ByteArrayOutputStream();
        while (true) {
            int b = in.read();
            if (b < 0) {
                throw new SocketException("client closed inside a chunked body");
            }
            if (b == '\n') {
                String text = line.toString(StandardCharsets.ISO_8859_1);
                return text.endsWith("\r") ? text.substring(0, text.length() - 1) : text;
            }
            if (line.size() > MAX_HEAD_BYTES) {
                throw new Refusal(400, "Bad Request");
            }
            line.write(b);
        }
    }

    private static List<String> values(List<WireRequest.Header> headers, String name) {
        return headers.stream().filter(h -> h.name().equalsIgnoreCase(name)).map(WireRequest.Header::value).toList();
    }

    private static boolean keepAlive(WireRequest request) {
        String connection = String.join(",", request.headers("connection")).toLowerCase(Locale.ROOT);
        return request.protocol().equals("HTTP/1.1") ? !connection.contains("close") : connection.contains("keep-alive");
    }

    private static void write(OutputStream out, HttpResponses response, boolean head, boolean keepAlive)
            throws IOException {
        StringBuilder text = new StringBuilder("HTTP/1.1 ").append(response.status()).append(' ')
                .append(reason(response.status())).append("\r\n");
        for (Map.Entry<String, List<String>> header : response.headers().entrySet()) {
            String name = header.getKey();
            if (name.equalsIgnoreCase("content-length") || name.equalsIgnoreCase("transfer-encoding")
                    || name.equalsIgnoreCase("connection")) {
                continue; // framing is this server's
            }
            for (String value : header.getValue()) {
                text.append(name).append(": ").append(value.replaceAll("[\r\n]", " ")).append("\r\n");
            }
        }
        boolean bodyless = response.status() == 204 || response.status() == 304 || response.status() < 200;
        if (!bodyless) {
            text.append("Content-Length: ").append(response.body().length).append("\r\n");
        }
        text.append("Date: ").append(java.time.format.DateTimeFormatter.RFC_1123_DATE_TIME
                .format(java.time.ZonedDateTime.now(java.time.ZoneOffset.UTC))).append("\r\n");
        text.append(keepAlive ? "Connection: keep-alive\r\n" : "Connection: close\r\n").append("\r\n");
        out.write(text.toString().getBytes(StandardCharsets.UTF_8));
        if (!bodyless && !head) {
            out.write(response.body());
        }
        out.flush();
    }

    private static String reason(int status) {
        return switch (status) {
            case 200 -> "OK";
            case 201 -> "Created";
            case 202 -> "Accepted";
            case 204 -> "No Content";
            case 304 -> "Not Modified";
            case 400 -> "Bad Request";
            case 401 -> "Unauthorized";
            case 403 -> "Forbidden";
            case 404 -> "Not Found";
            case 405 -> "Method Not Allowed";
            case 409 -> "Conflict";
            case 413 -> "Request Entity Too Large";
            case 415 -> "Unsupported Media Type";
            case 429 -> "Too Many Requests";
            case 431 -> "Request Header Fields Too Large";
            case 500 -> "Internal Server Error";
            case 502 -> "Bad Gateway";
            case 503 -> "Service Unavailable";
            case 504 -> "Gateway Timeout";
            default -> "Status " + status;
        };
    }

    @Override
    public void close() {
        closed = true;
        try {
            server.close();
        } catch (IOException e) {
            LOG.debug("close failed", e);
        }
        executor.shutdownNow();
    }
}
