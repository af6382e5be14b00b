package io.opencmq.bench.http;

import io.netty.buffer.ByteBuf;
import io.netty.channel.ChannelHandlerContext;
import io.netty.handler.codec.ByteToMessageDecoder;
import io.netty.handler.codec.DecoderException;

import java.util.List;

/**
 * Frames HTTP/1.1 responses on a keep-alive connection and hands each one to a
 * {@link ResponseSink} without building header or message objects: the load generator needs
 * only the status and the body. Understands what opencmq and the raw server send (a
 * Content-Length on every response); chunked responses are refused.
 *
 * <p>One per connection; runs on its event loop.
 */
public final class ResponseReader extends ByteToMessageDecoder {
    private static final int MAX_HEADER_BYTES = 64 * 1024;
    private static final byte[] CONTENT_LENGTH = "content-length:".getBytes(java.nio.charset.StandardCharsets.US_ASCII);

    private final ResponseSink sink;

    public ResponseReader(ResponseSink sink) {
        this.sink = sink;
    }

    @Override
    protected void decode(ChannelHandlerContext ctx, ByteBuf in, List<Object> out) {
        while (in.isReadable()) {
            int start = in.readerIndex();
            int end = in.writerIndex();
            int headerEnd = headerEnd(in, start, end);
            if (headerEnd < 0) {
                if (end - start > MAX_HEADER_BYTES) {
                    throw new DecoderException("response header longer than " + MAX_HEADER_BYTES + " bytes");
                }
                return;
            }
            int status = status(in, start);
            int length = contentLength(in, start, headerEnd);
            if (end - headerEnd < length) {
                return;
            }
            in.readerIndex(headerEnd + length);
            sink.onResponse(status, in, headerEnd, length);
        }
    }

    /** Index just after the blank line ending the header, or -1. */
    private static int headerEnd(ByteBuf in, int from, int to) {
        for (int i = from + 3; i < to; i++) {
            if (in.getByte(i) == '\n' && in.getByte(i - 1) == '\r' && in.getByte(i - 2) == '\n' && in.getByte(i - 3) == '\r') {
                return i + 1;
            }
        }
        return -1;
    }

    /** "HTTP/1.1 200 OK": the three digits after the first space. */
    private static int status(ByteBuf in, int start) {
        int i = start;
        while (in.getByte(i) != ' ') {
            i++;
        }
        return (in.getByte(i + 1) - '0') * 100 + (in.getByte(i + 2) - '0') * 10 + (in.getByte(i + 3) - '0');
    }

    private static int contentLength(ByteBuf in, int start, int headerEnd) {
        int line = start;
        while (line < headerEnd) {
            if (startsWithIgnoreCase(in, line, headerEnd)) {
                int i = line + CONTENT_LENGTH.length;
                while (in.getByte(i) == ' ') {
                    i++;
                }
                int value = 0;
                byte b;
                while ((b = in.getByte(i)) >= '0' && b <= '9') {
                    value = value * 10 + (b - '0');
                    i++;
                }
                return value;
            }
            while (line < headerEnd && in.getByte(line) != '\n') {
                line++;
            }
            line++;
        }
        throw new DecoderException("response without Content-Length (chunked responses are not supported)");
    }

    private static boolean startsWithIgnoreCase(ByteBuf in, int at, int limit) {
        if (at + CONTENT_LENGTH.length > limit) {
            return false;
        }
        for (int j = 0; j < CONTENT_LENGTH.length; j++) {
            if (Character.toLowerCase((char) in.getByte(at + j)) != CONTENT_LENGTH[j]) {
                return false;
            }
        }
        return true;
    }
}
