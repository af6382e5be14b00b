package io.opencmq.protocol.cmq;

import io.opencmq.core.error.ErrorReason;
import io.opencmq.core.error.QueueException;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class CmqErrorsTest {

    @Test
    void everyCoreReasonHasAnErrorCodeAndAModuleMessage() {
        for (ErrorReason reason : ErrorReason.values()) {
            CmqError e = CmqErrors.of(reason, "detail");
            assertThat(e.code()).as(reason.name()).isBetween(4000, 6999);
            assertThat(e.message()).as(reason.name()).matches("\\(\\d{5}\\).+: detail");
        }
    }

    @Test
    void codesFollowTencentsTable() {
        assertCode(ErrorReason.QUEUE_ALREADY_EXISTS, 4460, 10210);
        assertCode(ErrorReason.QUEUE_NOT_FOUND, 4440, 10100);
        assertCode(ErrorReason.RECEIPT_HANDLE_INVALID, 4430, 10260);
        assertCode(ErrorReason.RECEIPT_HANDLE_STALE, 4430, 10260);
        assertCode(ErrorReason.QUEUE_FULL, 4410, 10240);
        assertCode(ErrorReason.MESSAGE_TOO_LARGE, 4400, 10230);
        assertCode(ErrorReason.BATCH_TOO_LARGE, 4470, 10300);
        assertCode(ErrorReason.REWIND_NOT_ENABLED, 6050, 10670);
        assertCode(ErrorReason.REWIND_TIME_INVALID, 4000, 10680);
        assertCode(ErrorReason.REWIND_EXCEEDS_RETENTION, 4000, 10700);
        assertCode(ErrorReason.DEAD_LETTER_QUEUE_NOT_FOUND, 4000, 10730);
        assertCode(ErrorReason.EMPTY_MESSAGE_BODY, 4000, 10120);
        assertCode(ErrorReason.QUEUE_LIMIT_REACHED, 4450, 10220);
        assertCode(ErrorReason.INVALID_QUEUE_NAME, 4000, 10020);
        assertCode(ErrorReason.PARAMETER_OUT_OF_RANGE, 4000, 10350);
        assertCode(ErrorReason.BATCH_SIZE_OUT_OF_RANGE, 4000, 10370);
        assertCode(ErrorReason.UNAVAILABLE, 6000, 10050);
        assertCode(ErrorReason.INTERNAL, 6000, 10050);
    }

    @Test
    void topicCodesFollowTencentsTable() {
        assertCode(ErrorReason.INVALID_TOPIC_NAME, 4000, 10590);
        assertCode(ErrorReason.TOPIC_NOT_FOUND, 4440, 10600);
        assertCode(ErrorReason.TOPIC_ALREADY_EXISTS, 4460, 10550);
        assertCode(ErrorReason.TOPIC_LIMIT_REACHED, 4450, 10610);
        assertCode(ErrorReason.TOPIC_HAS_SUBSCRIPTIONS, 4000, 10540);
        assertCode(ErrorReason.TOPIC_HAS_NO_SUBSCRIPTION, 6030, 10650);
        assertCode(ErrorReason.NO_MATCHING_SUBSCRIPTION, 6030, 10730);
        assertCode(ErrorReason.SUBSCRIPTION_ALREADY_EXISTS, 4490, 10470);
        assertCode(ErrorReason.SUBSCRIPTION_LIMIT_REACHED, 4500, 10480);
        assertCode(ErrorReason.INVALID_SUBSCRIPTION_NAME, 4000, 10580);
        assertCode(ErrorReason.INVALID_ENDPOINT, 4000, 10500);
        assertCode(ErrorReason.ENDPOINT_HAS_BLANK, 4510, 10570);
        assertCode(ErrorReason.QUEUE_SUBSCRIPTION_NEEDS_SIMPLIFIED, 4000, 10640);
        assertCode(ErrorReason.INVALID_TAGS, 4000, 10720);
        assertCode(ErrorReason.INVALID_BINDING_KEYS, 4000, 10680);
        assertCode(ErrorReason.MISSING_BINDING_KEY, 4000, 10710);
        assertCode(ErrorReason.INVALID_ROUTING_KEY, 4000, 10700);
    }

    @Test
    void subscriptionWireNamesHaveTheirOwnModules() {
        assertThat(CmqErrors.undefinedProtocol("ftp").error()).isEqualTo(
                new CmqError(4000, 10510, "undefined protocol ftp (queue, http or https)"));
        assertThat(CmqErrors.undefinedNotifyStrategy("x").error().module()).isEqualTo(10520);
        assertThat(CmqErrors.undefinedContentFormat("x").error().module()).isEqualTo(10530);
        assertThat(CmqErrors.tooManyFilterTags(5).error().module()).isEqualTo(10490);
        assertThat(CmqErrors.tooManyBindingKeys(5).error().module()).isEqualTo(10680);
        assertThat(CmqErrors.tooManyMsgTags(5).error().module()).isEqualTo(10720);
        assertThat(CmqErrors.undefinedProtocol("p".repeat(1000)).error().message()).hasSizeLessThan(200);
    }

    @Test
    void messagesKeepTencentsWordingAndAddTheDetail() {
        CmqError e = CmqErrors.of(new QueueException(ErrorReason.QUEUE_NOT_FOUND, "queue q does not exist"));
        assertThat(e.message()).isEqualTo("(10100)queue is not existed, or deleted: queue q does not exist");
        assertThat(CmqErrors.of(ErrorReason.INTERNAL, null).message()).isEqualTo("(10050)server internal error");
        assertThat(CmqErrors.noMessage().message()).isEqualTo("(10200)no message");
        assertThat(CmqErrors.noMessage().code()).isEqualTo(7000);
    }

    @Test
    void clientTextIsTruncatedInMessages() {
        String longName = "X".repeat(10_000);
        assertThat(CmqErrors.actionNotExisted(longName).error().message()).hasSizeLessThan(200);
    }

    private static void assertCode(ErrorReason reason, int code, int module) {
        CmqError e = CmqErrors.of(reason, null);
        assertThat(e.code()).as(reason.name()).isEqualTo(code);
        assertThat(e.module()).as(reason.name()).isEqualTo(module);
    }
}
