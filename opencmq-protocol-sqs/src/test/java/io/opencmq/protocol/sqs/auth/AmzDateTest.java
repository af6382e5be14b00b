package io.opencmq.protocol.sqs.auth;

import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.Random;

import static org.assertj.core.api.Assertions.assertThat;

/** The hand-written X-Amz-Date reader against the formatter it replaced. */
class AmzDateTest {

    private static final DateTimeFormatter OLD = DateTimeFormatter.ofPattern("yyyyMMdd'T'HHmmss'Z'").withZone(ZoneOffset.UTC);

    @Test
    void readsValidTimestamps() {
        assertThat(AmzDate.epochSecond("20250301T120000Z")).isEqualTo(Instant.parse("2025-03-01T12:00:00Z").getEpochSecond());
        assertThat(AmzDate.epochSecond("19700101T000000Z")).isZero();
        assertThat(AmzDate.epochSecond("19691231T235959Z")).isEqualTo(-1);
        assertThat(AmzDate.epochSecond("20240229T235959Z")).isEqualTo(Instant.parse("2024-02-29T23:59:59Z").getEpochSecond());
        assertThat(AmzDate.epochSecond("00010101T000000Z")).isEqualTo(Instant.parse("0001-01-01T00:00:00Z").getEpochSecond());
        assertThat(AmzDate.epochSecond("99991231T235959Z")).isEqualTo(Instant.parse("9999-12-31T23:59:59Z").getEpochSecond());
    }

    @Test
    void refusesAnythingElse() {
        for (String bad : new String[] {"", "20250301T120000", "20250301T120000Z ", " 20250301T120000Z", "20250301t120000Z",
                "20250301T120000z", "20250301 120000Z", "2025-03-01T12:00:00Z", "20250301T12000Z", "020250301T120000Z",
                "+2025030T120000Z", "00000301T120000Z", "20251301T120000Z", "20250001T120000Z", "20250300T120000Z",
                "20250332T120000Z", "20250229T120000Z", "20250431T120000Z", "20250301T240000Z", "20250301T126000Z",
                "20250301T120060Z", "2025O301T120000Z", "２0250301T120000Z", "2025030-1T12000Z", "20250301T-10000Z"}) {
            assertThat(AmzDate.epochSecond(bad)).as(bad).isEqualTo(AmzDate.INVALID);
        }
        assertThat(AmzDate.epochSecond(null)).isEqualTo(AmzDate.INVALID);
    }

    /**
     * Random valid timestamps, and the same with one character changed: wherever the old
     * formatter refused, this refuses; wherever it accepted, this gives the same instant, except
     * for what it "smartly" resolved (day 29-31 beyond the month's end, 24:00:00), now refused.
     */
    @Test
    void agreesWithTheFormatterItReplaced() {
        Random random = new Random(20251122);
        String alphabet = "0123456789TZtz -+:/9";
        long lo = Instant.parse("1900-01-01T00:00:00Z").getEpochSecond();
        long hi = Instant.parse("2200-01-01T00:00:00Z").getEpochSecond();
        int refusedWhereOldResolved = 0;
        for (int i = 0; i < 20_000; i++) {
            String text = OLD.format(Instant.ofEpochSecond(lo + (long) (random.nextDouble() * (hi - lo))));
            if (i % 2 == 1) {
                char[] chars = text.toCharArray();
                chars[random.nextInt(chars.length)] = alphabet.charAt(random.nextInt(alphabet.length()));
                text = new String(chars);
            }
            Long old;
            try {
                old = ZonedDateTime.parse(text, OLD).toEpochSecond();
            } catch (DateTimeParseException e) {
                old = null;
            }
            long now = AmzDate.epochSecond(text);
            if (old == null) {
                assertThat(now).as(text).isEqualTo(AmzDate.INVALID);
            } else if (now == AmzDate.INVALID) {
                int day = Integer.parseInt(text.substring(6, 8));
                assertThat(day >= 29 || text.startsWith("24", 9)).as(text).isTrue();
                refusedWhereOldResolved++;
            } else {
                assertThat(now).as(text).isEqualTo(old);
            }
        }
        assertThat(refusedWhereOldResolved).isLessThan(200);
    }
}
