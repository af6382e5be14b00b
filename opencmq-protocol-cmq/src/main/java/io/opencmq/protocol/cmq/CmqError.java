package io.opencmq.protocol.cmq;

/**
 * One CMQ error as it goes on the wire: {@code code} is what clients switch on (4000, 4440,
 * 7000, ...), {@code module} is the finer CMQ error number shown in the message.
 *
 * @param text the English text after the module number, detail included
 */
public record CmqError(int code, int module, String text) {

    /** The wire message, {@code "(module)text"}, e.g. {@code "(10200)no message"}. */
    public String message() {
        return "(" + module + ")" + text;
    }
}
