package io.opencmq.protocol.sqs.auth;

import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.HexFormat;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;

/** The derived-key cache: one key per (secret, date, region, service), a fixed number of them. */
class SigningKeyCacheTest {

    private static final String SECRET = "wJalrXUtnFEMI/K7MDENG+bPxRfiCYEXAMPLEKEY";

    @Test
    void eachSecretDayRegionAndServiceHasItsOwnKey() {
        SigningKeyCache cache = new SigningKeyCache(16);
        List<String[]> scopes = List.of(
                new String[] {SECRET, "20250301", "us-east-1", "sqs"},
                new String[] {SECRET, "20250302", "us-east-1", "sqs"},
                new String[] {SECRET, "20250301", "eu-west-1", "sqs"},
                new String[] {"another-secret", "20250301", "us-east-1", "sqs"},
                new String[] {SECRET, "20250301", "us-east-1", "sns"});
        for (String[] s : scopes) {
            cache.put(s[0], s[1], s[2], s[3], SigV4.signingKey(s[0], s[1], s[2], s[3]));
        }
        Set<String> distinct = new HashSet<>();
        for (String[] s : scopes) {
            byte[] cached = cache.get(s[0], s[1], s[2], s[3]);
            assertThat(cached).as(String.join("/", s)).isEqualTo(SigV4.signingKey(s[0], s[1], s[2], s[3]));
            distinct.add(HexFormat.of().formatHex(cached));
        }
        assertThat(distinct).hasSize(scopes.size());
        assertThat(cache.size()).isEqualTo(scopes.size());
        assertThat(cache.get(SECRET, "20250303", "us-east-1", "sqs")).isNull();
        assertThat(cache.get(SECRET + "x", "20250301", "us-east-1", "sqs")).isNull();
    }

    @Test
    void derivesWithoutCachingOnAMiss() {
        SigningKeyCache cache = new SigningKeyCache(4);
        assertThat(cache.getOrDerive(SECRET, "20120215", "us-east-1", "iam"))
                .isEqualTo(HexFormat.of().parseHex("f4780e2d9f65fa895f9c67b32ce1baf0b0d8a43505a000a1a9e090d414db404d"));
        assertThat(cache.size()).isZero();
    }

    @Test
    void holdsAtMostItsCapacityAndKeepsTheNewest() {
        SigningKeyCache cache = new SigningKeyCache(8);
        List<String> regions = new ArrayList<>();
        for (int i = 0; i < 100; i++) {
            String region = "region-" + i;
            regions.add(region);
            cache.put(SECRET, "20250301", region, "sqs", SigV4.signingKey(SECRET, "20250301", region, "sqs"));
            assertThat(cache.size()).isLessThanOrEqualTo(8);
        }
        for (int i = 0; i < 100; i++) {
            assertThat(cache.get(SECRET, "20250301", regions.get(i), "sqs") != null).as(regions.get(i)).isEqualTo(i >= 92);
        }
        // Putting a key that is already there takes no second slot.
        cache.put(SECRET, "20250301", "region-99", "sqs", SigV4.signingKey(SECRET, "20250301", "region-99", "sqs"));
        assertThat(cache.get(SECRET, "20250301", "region-92", "sqs")).isNotNull();
    }

    @Test
    void doesNotCacheRegionsLongerThanAnyRealOne() {
        SigningKeyCache cache = new SigningKeyCache(4);
        String region = "r".repeat(SigningKeyCache.MAX_CACHED_REGION_LENGTH + 1);
        cache.put(SECRET, "20250301", region, "sqs", SigV4.signingKey(SECRET, "20250301", region, "sqs"));
        assertThat(cache.size()).isZero();
    }

    @Test
    void neverShowsTheSecret() {
        SigningKeyCache cache = new SigningKeyCache(2);
        cache.put(SECRET, "20250301", "us-east-1", "sqs", SigV4.signingKey(SECRET, "20250301", "us-east-1", "sqs"));
        assertThat(cache.toString()).doesNotContain(SECRET);
    }
}
