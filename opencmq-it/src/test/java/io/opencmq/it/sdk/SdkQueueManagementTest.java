package io.opencmq.it.sdk;

import com.qcloud.cmq.Account;
import com.qcloud.cmq.Queue;
import com.qcloud.cmq.QueueMeta;
import io.opencmq.it.support.ClientFlavor;
import io.opencmq.it.support.QueueNames;
import io.opencmq.it.support.Sdk;
import io.opencmq.it.support.ServerExtension;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Queue management through the official SDK 1.0.7, unchanged: createQueue with a QueueMeta,
 * getQueueAttributes (every field the SDK parses), setQueueAttributes, listQueue paging and
 * search, deleteQueue. Runs once per {@link ClientFlavor}.
 */
class SdkQueueManagementTest {

    @RegisterExtension
    static final ServerExtension server = new ServerExtension();

    static QueueMeta meta(int heap, int wait, int visibility, int maxSize, int retention, int rewind) {
        QueueMeta meta = new QueueMeta();
        meta.maxMsgHeapNum = heap;
        meta.pollingWaitSeconds = wait;
        meta.visibilityTimeout = visibility;
        meta.maxMsgSize = maxSize;
        meta.msgRetentionSeconds = retention;
        meta.rewindSeconds = rewind;
        return meta;
    }

    static long nowSeconds() {
        return System.currentTimeMillis() / 1000;
    }

    @ParameterizedTest
    @EnumSource(ClientFlavor.class)
    void createdQueueReportsItsSettingsAndEmptyCounters(ClientFlavor flavor) throws Exception {
        Account account = flavor.account(server.get());
        String name = QueueNames.unique("mgmt-create");
        long before = nowSeconds();

        account.createQueue(name, meta(2_000_000, 3, 45, 4096, 7200, 600));
        QueueMeta got = account.getQueue(name).getQueueAttributes();

        assertThat(got.maxMsgHeapNum).isEqualTo(2_000_000);
        assertThat(got.pollingWaitSeconds).isEqualTo(3);
        assertThat(got.visibilityTimeout).isEqualTo(45);
        assertThat(got.maxMsgSize).isEqualTo(4096);
        assertThat(got.msgRetentionSeconds).isEqualTo(7200);
        assertThat(got.rewindSeconds).isEqualTo(600);
        assertThat((long) got.createTime).as("createTime in Unix seconds").isBetween(before - 5, nowSeconds() + 5);
        assertThat(got.lastModifyTime).isGreaterThanOrEqualTo(got.createTime);
        assertThat(got.activeMsgNum).isZero();
        assertThat(got.inactiveMsgNum).isZero();
        assertThat(got.delayMsgNum).isZero();
        assertThat(got.rewindmsgNum).isZero();
        assertThat(got.minMsgTime).isZero();
    }

    @ParameterizedTest
    @EnumSource(ClientFlavor.class)
    void countersFollowSendDelayReceiveAndDelete(ClientFlavor flavor) throws Exception {
        Account account = flavor.account(server.get());
        String name = QueueNames.unique("mgmt-counters");
        account.createQueue(name, meta(1_000_000, 0, 60, 65536, 7200, 600));
        Queue queue = account.getQueue(name);
        long before = nowSeconds();

        queue.sendMessage("ready-1");
        queue.sendMessage("ready-2");
        queue.sendMessage("delayed", 600);
        QueueMeta afterSend = queue.getQueueAttributes();
        assertThat(afterSend.activeMsgNum).isEqualTo(2);
        assertThat(afterSend.delayMsgNum).isEqualTo(1);
        assertThat(afterSend.inactiveMsgNum).isZero();
        assertThat((long) afterSend.minMsgTime).as("minMsgTime in Unix seconds").isBetween(before - 5, nowSeconds() + 5);

        String handle = queue.receiveMessage(0).receiptHandle;
        QueueMeta afterReceive = queue.getQueueAttributes();
        assertThat(afterReceive.activeMsgNum).isEqualTo(1);
        assertThat(afterReceive.inactiveMsgNum).isEqualTo(1);

        queue.deleteMessage(handle);
        QueueMeta afterDelete = queue.getQueueAttributes();
        assertThat(afterDelete.activeMsgNum).isEqualTo(1);
        assertThat(afterDelete.inactiveMsgNum).isZero();
        assertThat(afterDelete.rewindmsgNum).as("a deleted message stays rewindable while rewindSeconds > 0").isEqualTo(1);
    }

    @ParameterizedTest
    @EnumSource(ClientFlavor.class)
    void setQueueAttributesChangesEverySetting(ClientFlavor flavor) throws Exception {
        Account account = flavor.account(server.get());
        String name = QueueNames.unique("mgmt-set");
        account.createQueue(name, meta(1_000_000, 0, 30, 65536, 345600, 0));
        Queue queue = account.getQueue(name);
        int createdAt = queue.getQueueAttributes().createTime;

        queue.setQueueAttributes(meta(3_000_000, 7, 120, 2048, 3600, 1800));
        QueueMeta got = queue.getQueueAttributes();

        assertThat(got.maxMsgHeapNum).isEqualTo(3_000_000);
        assertThat(got.pollingWaitSeconds).isEqualTo(7);
        assertThat(got.visibilityTimeout).isEqualTo(120);
        assertThat(got.maxMsgSize).isEqualTo(2048);
        assertThat(got.msgRetentionSeconds).isEqualTo(3600);
        assertThat(got.rewindSeconds).isEqualTo(1800);
        assertThat(got.createTime).isEqualTo(createdAt);
        assertThat(got.lastModifyTime).isGreaterThanOrEqualTo(createdAt);
    }

    @ParameterizedTest
    @EnumSource(ClientFlavor.class)
    void outOfRangeSettingsAreRejected(ClientFlavor flavor) throws Exception {
        Account account = flavor.account(server.get());
        String name = QueueNames.unique("mgmt-range");

        assertThat(Sdk.errorCode(() -> account.createQueue(name, meta(1_000_000, 31, 30, 65536, 3600, 0))))
                .as("pollingWaitSeconds 31").isEqualTo(4000);
        assertThat(Sdk.errorCode(() -> account.createQueue(name, meta(1_000_000, 0, 43_201, 65536, 3600, 0))))
                .as("visibilityTimeout 43201").isEqualTo(4000);
        assertThat(Sdk.errorCode(() -> account.createQueue(name, meta(1_000_000, 0, 30, 1023, 3600, 0))))
                .as("maxMsgSize 1023").isEqualTo(4000);
        assertThat(Sdk.errorCode(() -> account.createQueue(name, meta(1_000_000, 0, 30, 65536, 59, 0))))
                .as("msgRetentionSeconds 59").isEqualTo(4000);
        assertThat(Sdk.errorCode(() -> account.createQueue(name, meta(999_999, 0, 30, 65536, 3600, 0))))
                .as("maxMsgHeapNum below the floor").isEqualTo(4000);
        assertThat(Sdk.errorCode(() -> account.createQueue("9starts-with-digit", meta(1_000_000, 0, 30, 65536, 3600, 0))))
                .as("queue name must start with a letter").isEqualTo(4000);
        assertThat(Sdk.errorCode(() -> account.getQueue(name).getQueueAttributes()))
                .as("nothing was created by the rejected calls").isEqualTo(4440);
    }

    @ParameterizedTest
    @EnumSource(ClientFlavor.class)
    void listQueueSearchesAndPages(ClientFlavor flavor) throws Exception {
        Account account = flavor.account(server.get());
        String prefix = QueueNames.unique("mgmt-list");
        List<String> created = List.of(prefix + "-a", prefix + "-b", prefix + "-c");
        for (String name : created) {
            account.createQueue(name, new QueueMeta());
        }

        List<String> firstPage = new ArrayList<>();
        int total = account.listQueue(prefix, 0, 2, firstPage);
        List<String> secondPage = new ArrayList<>();
        int totalAgain = account.listQueue(prefix, 2, 2, secondPage);

        assertThat(total).as("totalCount counts all matches, not the page").isEqualTo(3);
        assertThat(totalAgain).isEqualTo(3);
        assertThat(firstPage).hasSize(2);
        assertThat(secondPage).hasSize(1);
        Set<String> union = new HashSet<>(firstPage);
        union.addAll(secondPage);
        assertThat(union).containsExactlyInAnyOrderElementsOf(created);

        List<String> caseInsensitive = new ArrayList<>();
        assertThat(account.listQueue(prefix.toUpperCase(), 0, 20, caseInsensitive)).isEqualTo(3);
        List<String> none = new ArrayList<>();
        assertThat(account.listQueue(prefix + "-zzz", 0, 20, none)).isZero();
        assertThat(none).isEmpty();
    }

    @ParameterizedTest
    @EnumSource(ClientFlavor.class)
    void deletedQueueIsGone(ClientFlavor flavor) throws Exception {
        Account account = flavor.account(server.get());
        String name = QueueNames.unique("mgmt-delete");
        account.createQueue(name, new QueueMeta());
        account.getQueue(name).sendMessage("doomed");

        account.deleteQueue(name);

        assertThat(Sdk.errorCode(() -> account.getQueue(name).getQueueAttributes())).isEqualTo(4440);
        assertThat(Sdk.errorCode(() -> account.getQueue(name).sendMessage("x"))).isEqualTo(4440);
        assertThat(Sdk.errorCode(() -> account.deleteQueue(name))).isEqualTo(4440);
        List<String> listed = new ArrayList<>();
        assertThat(account.listQueue(name, 0, 20, listed)).isZero();
    }

    @ParameterizedTest
    @EnumSource(ClientFlavor.class)
    void queueNamesAreUniqueIgnoringCase(ClientFlavor flavor) throws Exception {
        Account account = flavor.account(server.get());
        String name = QueueNames.unique("mgmt-dup");
        account.createQueue(name, new QueueMeta());

        int code = Sdk.errorCode(() -> account.createQueue(name.toUpperCase(), new QueueMeta()));

        // The CMQ error table is malformed for this row (4000 or 4460); either is a faithful reading.
        assertThat(code).isIn(4000, 4460);
    }
}
