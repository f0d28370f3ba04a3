package kz.clinicai.shared.clinic;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

class SourceAddressesTest {

    @Test
    void anEmptyAllowlistAllowsEverySource() {
        assertThat(SourceAddresses.allowed("198.51.100.7", List.of())).isTrue();
    }

    @Test
    void matchesSingleAddressesAndCidrRangesOfBothFamilies() {
        List<String> ranges = List.of("203.0.113.10", "10.0.0.0/8", "2001:db8::/32");

        assertThat(SourceAddresses.allowed("203.0.113.10", ranges)).isTrue();
        assertThat(SourceAddresses.allowed("203.0.113.11", ranges)).isFalse();
        assertThat(SourceAddresses.allowed("10.255.0.1", ranges)).isTrue();
        assertThat(SourceAddresses.allowed("11.0.0.1", ranges)).isFalse();
        assertThat(SourceAddresses.allowed("2001:db8:1::5", ranges)).isTrue();
        assertThat(SourceAddresses.allowed("2001:db9::5", ranges)).isFalse();
    }

    @Test
    void malformedEntriesAndNonLiteralSourcesNeverMatch() {
        assertThat(SourceAddresses.allowed("10.1.1.1", List.of("10.0.0.0/33", "10.0.0.0/x", "localhost"))).isFalse();
        assertThat(SourceAddresses.allowed("localhost", List.of("0.0.0.0/0"))).as("a host name is never resolved")
                .isFalse();
        assertThat(SourceAddresses.allowed("", List.of("0.0.0.0/0"))).isFalse();
        assertThat(SourceAddresses.allowed("192.0.2.1", List.of("0.0.0.0/0"))).as("0.0.0.0/0 is everything").isTrue();
    }
}
