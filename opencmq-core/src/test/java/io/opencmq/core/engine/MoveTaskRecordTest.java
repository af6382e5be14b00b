package io.opencmq.core.engine;

import io.opencmq.core.queue.MessageMoveTask.Status;
import org.junit.jupiter.api.Test;

import java.io.UncheckedIOException;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class MoveTaskRecordTest {

    @Test
    void roundTripsEveryField() {
        MoveTaskRecord full = new MoveTaskRecord(42, "h-1", "dlq", "elsewhere", 7, Status.FAILED, 100, 37,
                1_700_000_000_123L, 555, "destination queue x does not exist \u00e9");
        assertThat(full.key()).isEqualTo("move-task/0000000000000000042");
        assertThat(MoveTaskRecord.decode(full.key(), full.encode())).isEqualTo(full);

        MoveTaskRecord bare = new MoveTaskRecord(1, "h-2", "dlq", null, null, Status.RUNNING, 0, 0, 5, 1, null);
        assertThat(MoveTaskRecord.decode(bare.key(), bare.encode())).isEqualTo(bare);
        for (Status s : Status.values()) {
            MoveTaskRecord r = bare.withStatus(s, null);
            assertThat(MoveTaskRecord.decode(r.key(), r.encode()).status()).isEqualTo(s);
        }
    }

    @Test
    void keysSortByOrdinal() {
        assertThat(MoveTaskRecord.key(9)).isLessThan(MoveTaskRecord.key(10));
        assertThat(MoveTaskRecord.key(99_999)).isLessThan(MoveTaskRecord.key(100_000));
    }

    @Test
    void rejectsAnUnknownVersionAndATruncatedRecord() {
        MoveTaskRecord r = new MoveTaskRecord(3, "h", "dlq", null, null, Status.COMPLETED, 1, 1, 5, 9, null);
        byte[] raw = r.encode();
        byte[] future = raw.clone();
        future[0] = 9;
        assertThatThrownBy(() -> MoveTaskRecord.decode(r.key(), future)).isInstanceOf(IllegalStateException.class);
        byte[] cut = java.util.Arrays.copyOf(raw, raw.length - 5);
        assertThatThrownBy(() -> MoveTaskRecord.decode(r.key(), cut)).isInstanceOf(UncheckedIOException.class);
    }
}
