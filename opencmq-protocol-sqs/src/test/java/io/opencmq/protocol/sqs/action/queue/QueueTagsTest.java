package io.opencmq.protocol.sqs.action.queue;

import io.opencmq.protocol.sqs.SqsException;
import org.junit.jupiter.api.Test;

import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** Tag keys and values as SQS restricts them: lengths in Unicode characters, the allowed characters, the aws: prefix. */
class QueueTagsTest {

    /** U+1F600, one character and two UTF-16 units. */
    private static final String EMOJI = "\uD83D\uDE00";

    private static String refusal(String key, String value) {
        try {
            QueueTags.toProperties(Map.of(key, value), Map.of());
        } catch (SqsException e) {
            return e.error().code() + ": " + e.error().message();
        }
        return "accepted";
    }

    @Test
    void lengthsCountUnicodeCharactersNotUtf16Units() {
        // 128 letters outside the BMP are 256 UTF-16 units: still a valid key.
        String key = "\uD835\uDC00".repeat(128); // U+1D400 MATHEMATICAL BOLD CAPITAL A
        assertThat(Character.isLetter(key.codePointAt(0))).isTrue();
        assertThat(refusal(key, "v")).isEqualTo("accepted");
        assertThat(refusal(key + "\uD835\uDC00", "v")).startsWith("InvalidParameterValue: Tag keys must be 1 to 128 characters");
        assertThat(refusal("", "v")).startsWith("InvalidParameterValue: Tag keys must be 1 to 128 characters");

        String value = "\uD835\uDC00".repeat(256);
        assertThat(refusal("k", value)).isEqualTo("accepted");
        assertThat(refusal("k", value + "a")).startsWith("InvalidParameterValue: Tag values must be at most 256 characters");
        assertThat(refusal("k", "")).isEqualTo("accepted");
    }

    @Test
    void keysAndValuesHoldLettersDigitsWhitespaceAndSomePunctuation() {
        assertThat(refusal("Team name_1.2:3/4=5+6-7@8", "Équipe cœur ५ 東京 हिन्दी")).isEqualTo("accepted");
        assertThat(refusal("cost\u00A0centre", "a\tb")).as("no-break space, tab").isEqualTo("accepted");

        for (String bad : new String[] {"a*b", "a#", "x,y", "(z)", "q?", "a\u0000", EMOJI, "a;b", "\"q\""}) {
            assertThat(refusal(bad, "v")).as("key %s", bad).startsWith("InvalidParameterValue: Tag key ")
                    .contains("may contain only Unicode letters, digits, whitespace and the characters _ . : / = + - @");
            assertThat(refusal("k", bad)).as("value %s", bad).startsWith("InvalidParameterValue: The value of tag k is invalid");
        }
    }

    @Test
    void theAwsPrefixIsReservedInKeysAndValuesInAnyCase() {
        for (String reserved : new String[] {"aws:team", "AWS:team", "Aws:x", "aws:"}) {
            assertThat(refusal(reserved, "v")).as(reserved).startsWith("InvalidParameterValue: Tag key " + reserved + " is invalid: "
                    + "the prefix aws: is reserved");
            assertThat(refusal("k", reserved)).as(reserved).contains("the prefix aws: is reserved");
        }
        // Elsewhere in the text, or without the colon, it is an ordinary word.
        assertThat(refusal("my:aws:key", "arn:aws:sqs")).isEqualTo("accepted");
        assertThat(refusal("awsome", "aws")).isEqualTo("accepted");
    }
}
