package io.opencmq.core.engine;

import io.opencmq.core.queue.DeadLetterPolicy;
import io.opencmq.core.queue.QueueConfig;
import org.junit.jupiter.api.Test;

import java.io.ByteArrayOutputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

class QueueMetaTest {

    @Test
    void roundTripsEveryField() {
        QueueConfig config = new QueueConfig(5_000_000, 3, 60, 4096, 7200, 600,
                new DeadLetterPolicy("dlq", 0, 5, 0), 12, Map.of("tag:a", "b", "RedriveAllowPolicy", "{}"));
        QueueMeta meta = new QueueMeta(7, "Orders", 1000, 2000, 42, config);
        assertThat(QueueMeta.decode(7, meta.encode())).isEqualTo(meta);
    }

    @Test
    void readsVersionOneRecords() throws IOException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (DataOutputStream out = new DataOutputStream(bytes)) {
            out.writeByte(1);
            out.writeUTF("old");
            out.writeLong(1000);
            out.writeLong(2000);
            out.writeLong(9);
            out.writeLong(10_000_000);
            out.writeInt(0);
            out.writeInt(30);
            out.writeInt(65_536);
            out.writeInt(345_600);
            out.writeInt(0);
            out.writeByte(0);
        }
        QueueMeta meta = QueueMeta.decode(3, bytes.toByteArray());
        assertThat(meta.name()).isEqualTo("old");
        assertThat(meta.seqFloor()).isEqualTo(9);
        assertThat(meta.config()).isEqualTo(new QueueConfig(10_000_000, 0, 30, 65_536, 345_600, 0, null));
    }
}
