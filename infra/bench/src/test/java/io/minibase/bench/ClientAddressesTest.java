package io.minibase.bench;

import java.util.HashSet;
import java.util.Set;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The bench's clients come from the benchmarking range, each from an address of its own.
 */
class ClientAddressesTest {

	@Test
	void everyClientOfARunHasItsOwnAddressInTheBenchmarkingRange() {
		Set<String> seen = new HashSet<>();
		for (int n = 0; n < ClientAddresses.SIZE; n++) {
			String address = ClientAddresses.of(n);
			assertThat(address).matches("198\\.1[89]\\.\\d{1,3}\\.\\d{1,3}");
			String[] octets = address.split("\\.");
			assertThat(Integer.parseInt(octets[2])).isBetween(0, 255);
			assertThat(Integer.parseInt(octets[3])).isBetween(1, 254);
			seen.add(address);
		}
		assertThat(seen).hasSize(ClientAddresses.SIZE).hasSizeGreaterThan(5_000);
	}

}
