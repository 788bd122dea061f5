package dev.converge.testing.wire;

import java.io.ByteArrayOutputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Just enough HTTP/1.1 for a proxy that must know where one message ends (RFC 9112): a message head (start
 * line and header lines, kept as sent), and bodies framed by {@code Content-Length}, {@code chunked}
 * transfer coding, or the end of the connection. Bodies are copied as they come, so streamed answers
 * (watches, logs) pass through unbuffered.
 */
final class Http1 {

    private static final int MAX_LINE = 64 * 1024;
    private static final int MAX_HEADERS = 200;

    /** A start line and its header lines, in order. */
    record Head(String startLine, List<String> headerLines) {

        /** The first value of {@code name}, case-insensitively; null if absent. */
        String header(String name) {
            for (String line : headerLines) {
                int colon = line.indexOf(':');
                if (colon > 0 && line.substring(0, colon).trim().equalsIgnoreCase(name)) {
                    return line.substring(colon + 1).trim();
                }
            }
            return null;
        }

        /** This head without the header {@code name}. */
        Head without(String name) {
            List<String> kept = new ArrayList<>();
            for (String line : headerLines) {
                int colon = line.indexOf(':');
                if (colon <= 0 || !line.substring(0, colon).trim().equalsIgnoreCase(name)) {
                    kept.add(line);
                }
            }
            return new Head(startLine, kept);
        }

        String method() {
            return startLine.substring(0, Math.max(0, startLine.indexOf(' ')));
        }

        /** The status of a response head. */
        int status() {
            String[] parts = startLine.split(" ", 3);
            return parts.length > 1 ? Integer.parseInt(parts[1]) : 0;
        }

        boolean wantsClose() {
            String connection = header("Connection");
            return connection != null && connection.toLowerCase(Locale.ROOT).contains("close")
                    || startLine.endsWith("HTTP/1.0") || startLine.startsWith("HTTP/1.0");
        }

        boolean chunked() {
            String coding = header("Transfer-Encoding");
            return coding != null && coding.toLowerCase(Locale.ROOT).contains("chunked");
        }

        /** The declared length, or -1 when there is none. */
        long contentLength() {
            String length = header("Content-Length");
            return length == null ? -1 : Long.parseLong(length);
        }

        byte[] bytes() {
            StringBuilder text = new StringBuilder(startLine).append("\r\n");
            headerLines.forEach(line -> text.append(line).append("\r\n"));
            return text.append("\r\n").toString().getBytes(StandardCharsets.ISO_8859_1);
        }
    }

    private Http1() {
    }

    /** The next head; null when the connection ended cleanly before it. */
    static Head readHead(InputStream in) throws IOException {
        String start = readLine(in, true);
        while (start != null && start.isEmpty()) {
            start = readLine(in, true); // stray CRLF between messages
        }
        if (start == null) {
            return null;
        }
        List<String> headers = new ArrayList<>();
        for (String line = readLine(in, false); !line.isEmpty(); line = readLine(in, false)) {
            if (headers.size() == MAX_HEADERS) {
                throw new IOException("more than " + MAX_HEADERS + " header lines");
            }
            headers.add(line);
        }
        return new Head(start, headers);
    }

    /** A request body, whole: requests are small, and a fault must be chosen before anything is forwarded. */
    static byte[] readRequestBody(Head head, InputStream in) throws IOException {
        ByteArrayOutputStream body = new ByteArrayOutputStream();
        if (head.chunked()) {
            copyChunked(in, body);
        } else if (head.contentLength() > 0) {
            copyExactly(in, body, head.contentLength());
        }
        return body.toByteArray();
    }

    /**
     * Copies a response body from {@code in} to {@code out}; returns true when the body ended with the
     * connection, which must then be closed.
     */
    static boolean copyResponseBody(String requestMethod, Head response, InputStream in, OutputStream out)
            throws IOException {
        int status = response.status();
        if (requestMethod.equals("HEAD") || status / 100 == 1 || status == 204 || status == 304) {
            return false;
        }
        if (response.chunked()) {
            copyChunked(in, out);
            return false;
        }
        if (response.contentLength() >= 0) {
            copyExactly(in, out, response.contentLength());
            return false;
        }
        in.transferTo(out);
        out.flush();
        return true;
    }

    private static void copyChunked(InputStream in, OutputStream out) throws IOException {
        while (true) {
            String sizeLine = readLine(in, false);
            out.write((sizeLine + "\r\n").getBytes(StandardCharsets.ISO_8859_1));
            int semicolon = sizeLine.indexOf(';');
            long size = Long.parseLong((semicolon < 0 ? sizeLine : sizeLine.substring(0, semicolon)).trim(), 16);
            if (size == 0) {
                for (String trailer = readLine(in, false); !trailer.isEmpty(); trailer = readLine(in, false)) {
                    out.write((trailer + "\r\n").getBytes(StandardCharsets.ISO_8859_1));
                }
                out.write("\r\n".getBytes(StandardCharsets.ISO_8859_1));
                out.flush();
                return;
            }
            copyExactly(in, out, size);
            readLine(in, false); // the CRLF after the chunk's data
            out.write("\r\n".getBytes(StandardCharsets.ISO_8859_1));
            out.flush();
        }
    }

    private static void copyExactly(InputStream in, OutputStream out, long length) throws IOException {
        byte[] buffer = new byte[16 * 1024];
        long left = length;
        while (left > 0) {
            int read = in.read(buffer, 0, (int) Math.min(buffer.length, left));
            if (read < 0) {
                throw new EOFException("the body ended " + left + " bytes early");
            }
            out.write(buffer, 0, read);
            left -= read;
        }
        out.flush();
    }

    /** One line without its CRLF; null at a clean end of stream if {@code endAllowed}. */
    private static String readLine(InputStream in, boolean endAllowed) throws IOException {
        ByteArrayOutputStream line = new ByteArrayOutputStream();
        int previous = -1;
        while (true) {
            int next = in.read();
            if (next < 0) {
                if (endAllowed && line.size() == 0) {
                    return null;
                }
                throw new EOFException("the connection ended inside a message");
            }
            if (next == '\n') {
                byte[] bytes = line.toByteArray();
                int length = previous == '\r' ? bytes.length - 1 : bytes.length;
                return new String(bytes, 0, length, StandardCharsets.ISO_8859_1);
            }
            if (line.size() == MAX_LINE) {
                throw new IOException("a line longer than " + MAX_LINE + " bytes");
            }
            line.write(next);
            previous = next;
        }
    }
}
