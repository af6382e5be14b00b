package io.opencmq.store;

import io.opencmq.core.spi.MessageStore;
import io.opencmq.core.store.MemoryMessageStore;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The RocksDB store behaves exactly like the in-heap reference store, across reopens: the same
 * scenario run against both reads back the same transcript.
 */
class StoreContractTest {

    @TempDir
    Path dir;

    @Test
    void rocksStoreReadsBackWhatTheMemoryStoreDoes() {
        List<String> expected = StoreScenario.run(new MemoryMessageStore(), store -> store);

        MessageStore rocks = RocksMessageStore.open(dir, StoreOptions.defaults());
        List<String> actual;
        try {
            actual = StoreScenario.run(rocks, store -> {
                store.close();
                return RocksMessageStore.open(dir, StoreOptions.defaults());
            });
        } finally {
            rocks.close();
        }

        assertThat(actual).containsExactlyElementsOf(expected);
    }

    @Test
    void theScenarioReadsWhatItWrote() {
        // Guards the comparison above against a scenario that reads nothing worth comparing.
        List<String> transcript = StoreScenario.run(new MemoryMessageStore(), store -> store);

        assertThat(transcript).contains(
                "node nextQueueId = 5",
                "metas = {1=meta-1, 3=meta-3-v2, 9223372036854775807=meta-9223372036854775807}",
                "queue 1 first=10 last=60 delays=3",
                "extents = {1=QueueExtent[firstSeq=10, lastSeq=60, lastEnqueueTimeMillis=7, delayCount=3], "
                        + "3=QueueExtent[firstSeq=200, lastSeq=218, lastEnqueueTimeMillis=1218, delayCount=2], "
                        + "9223372036854775807=QueueExtent[firstSeq=0, lastSeq=9223372036854775807, "
                        + "lastEnqueueTimeMillis=-9223372036854774809, delayCount=0]}",
                "queue 2 first=-1 last=-1 delays=0",
                "delays after (100,1) max 2: [100/3, 200/2]",
                "scan max 5 skipping odd: [10@1010/2010:body 1/10 [], 12@1012/2012:body 1/12, 14@1014/2014:body 1/14, "
                        + "16@1016/2016:body 1/16 [], 18@1018/2018:body 1/18] next=19");
        assertThat(String.join("\n", transcript)).contains("13@1013/2013:body 1/13 [attrs 13]");
    }
}
