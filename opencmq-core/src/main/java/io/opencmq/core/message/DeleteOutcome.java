package io.opencmq.core.message;

import io.opencmq.core.error.QueueException;

/** The result of deleting one receipt handle of a batch: {@code error} is null on success. */
public record DeleteOutcome(String receiptHandle, QueueException error) {
    public boolean ok() {
        return error == null;
    }
}
