package io.opencmq.it.topic;

import io.opencmq.it.support.Reply;
import io.opencmq.it.support.TestServer;
import io.opencmq.it.topic.PushReceiver.Answer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * BACKOFF_RETRY in real time: after a failed push CMQ waits 19-29 s before the next attempt,
 * and a message waiting for its retry does not hold up the subscription's later messages.
 * (The whole test waits one backoff interval, about 25 s; the drop after three retries is
 * left to the engine's tests, which run on a manual clock.)
 */
class BackoffRetryTest {

    @TempDir
    Path dataDir;

    @Test
    void theRetryComesNineteenToTwentyNineSecondsLaterWhileLaterMessagesFlow() {
        try (TestServer server = TestServer.start(dataDir);
             PushReceiver receiver = new PushReceiver((push, self) ->
                     push.bodyText().equals("first") && self.attempts(push.messageId()) == 1 ? Answer.status(503) : Answer.ok())) {
            RawTopics topics = new RawTopics(server.raw());
            String topic = topics.createTopicOk("backoff", RawTopics.TAGS);
            topics.subscribeHttpOk(topic, "patient", receiver.url("/patient"), "BACKOFF_RETRY", "SIMPLIFIED");

            String first = topics.publishOk(topic, "first");
            await().atMost(Duration.ofSeconds(10)).until(() -> receiver.attempts(first) == 1);
            String second = topics.publishOk(topic, "second");

            await("the later message, while the first waits for its retry").atMost(Duration.ofSeconds(5))
                    .until(() -> receiver.accepted().stream().anyMatch(p -> p.messageId().equals(second)));
            assertThat(receiver.attempts(first)).isEqualTo(1);
            Reply attrs = topics.subscriptionAttributes(topic, "patient").assertOk();
            assertThat(attrs.number("msgCount")).as("the first is still owed").isEqualTo(1);
            assertThat(attrs.text("lastError")).contains("503");

            await("the retry").atMost(Duration.ofSeconds(40)).until(() -> receiver.attempts(first) == 2);
            List<Double> at = PushReceiver.secondsSinceFirst(receiver.pushesOf(first));
            assertThat(at.get(1)).as("seconds between the attempts").isBetween(18.0, 31.0);
            assertThat(receiver.accepted()).hasSize(2);
        }
    }
}
