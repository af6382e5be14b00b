package io.opencmq.protocol.cmq.action;

import io.opencmq.protocol.cmq.CmqError;
import io.opencmq.protocol.cmq.json.FieldWriter;

import java.util.concurrent.CompletableFuture;

/**
 * What an action answers: a code and message (0 and "" on success) and its own fields. Most
 * errors travel as exceptions; a reply carries an error only when the body has fields too, as
 * BatchDeleteMessage's errorList.
 */
public record CmqReply(int code, String message, FieldWriter fields) {

    public static CmqReply ok(FieldWriter fields) {
        return new CmqReply(0, "", fields);
    }

    public static CmqReply ok() {
        return ok(FieldWriter.NONE);
    }

    public static CmqReply error(CmqError error, FieldWriter fields) {
        return new CmqReply(error.code(), error.message(), fields);
    }

    public static CompletableFuture<CmqReply> done(FieldWriter fields) {
        return CompletableFuture.completedFuture(ok(fields));
    }
}
