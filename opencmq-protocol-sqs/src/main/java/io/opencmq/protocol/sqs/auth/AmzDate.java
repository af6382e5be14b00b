package io.opencmq.protocol.sqs.auth;

import java.time.LocalDate;
import java.time.Month;
import java.time.Year;

/**
 * Reads the SigV4 timestamp, {@code yyyyMMdd'T'HHmmss'Z'} (ISO 8601 basic, UTC), by hand:
 * a {@code DateTimeFormatter} parse builds a field map and a {@code ZonedDateTime} for every
 * request. Strict: exactly 16 characters, ASCII digits, upper-case {@code T} and {@code Z},
 * year 0001-9999, a real calendar day (no 30 February) and a time 00:00:00-23:59:59 (no
 * 24:00:00, no leap second). The formatter's lenient "smart" resolution used to turn
 * 30 February into 28 February and 24:00:00 into the next midnight; SigV4 clients never send
 * those, and a signature over a date the server would then read differently is refused here.
 */
final class AmzDate {

    /** What {@link #epochSecond} answers for text that is not such a timestamp. */
    static final long INVALID = Long.MIN_VALUE;

    private AmzDate() {
    }

    /** Seconds since 1970-01-01T00:00:00Z, or {@link #INVALID}. */
    static long epochSecond(String text) {
        if (text == null || text.length() != 16 || text.charAt(8) != 'T' || text.charAt(15) != 'Z') {
            return INVALID;
        }
        int year = digits(text, 0, 4);
        int month = digits(text, 4, 2);
        int day = digits(text, 6, 2);
        int hour = digits(text, 9, 2);
        int minute = digits(text, 11, 2);
        int second = digits(text, 13, 2);
        if (year < 1 || month < 1 || month > 12 || day < 1 || hour < 0 || hour > 23 || minute < 0 || minute > 59
                || second < 0 || second > 59) {
            return INVALID; // a negative field had a non-digit
        }
        if (day > Month.of(month).length(Year.isLeap(year))) {
            return INVALID;
        }
        return LocalDate.of(year, month, day).toEpochDay() * 86_400L + hour * 3_600L + minute * 60L + second;
    }

    /** The decimal value of {@code count} ASCII digits at {@code from}, or -1 if one is not a digit. */
    private static int digits(String text, int from, int count) {
        int value = 0;
        for (int i = from; i < from + count; i++) {
            int d = text.charAt(i) - '0';
            if (d < 0 || d > 9) {
                return -1;
            }
            value = value * 10 + d;
        }
        return value;
    }
}
