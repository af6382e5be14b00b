package io.opencmq.core.time;

/**
 * The only source of wall time in the core. Commands take their time from here once, at the
 * edge, so that tests can drive visibility timeouts, delays, retention and rewind with a
 * {@link ManualClock} instead of sleeping.
 */
public interface Clock {
    /** Milliseconds since the Unix epoch. */
    long millis();

    Clock SYSTEM = System::currentTimeMillis;
}
