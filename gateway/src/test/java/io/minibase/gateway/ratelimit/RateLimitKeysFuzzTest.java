package io.minibase.gateway.ratelimit;

import java.net.InetSocketAddress;
import java.util.ArrayList;
import java.util.List;

import com.code_intelligence.jazzer.api.FuzzedDataProvider;
import com.code_intelligence.jazzer.junit.FuzzTest;

import org.springframework.mock.http.server.reactive.MockServerHttpRequest;
import org.springframework.mock.web.server.MockServerWebExchange;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Whatever {@code X-Forwarded-For} says, the bucket is the connecting peer's unless the
 * peer is the trusted proxy, and then one of the addresses forwarded: a client can never
 * make the gateway fail, nor pick a bucket the proxy did not put in the header.
 */
class RateLimitKeysFuzzTest {

	private final RateLimitKeys keys = new RateLimitKeys("127\\.0\\.0\\.1|0:0:0:0:0:0:0:1");

	@FuzzTest
	void theBucketIsThePeerOrAForwardedAddress(FuzzedDataProvider data) {
		boolean trusted = data.consumeBoolean();
		String peer = trusted ? "127.0.0.1" : "198.51.100.9";
		MockServerHttpRequest.BaseBuilder<?> request = MockServerHttpRequest.get("/api/catalog/products")
			.remoteAddress(new InetSocketAddress(peer, 40000));
		List<String> values = new ArrayList<>();
		int headers = data.consumeInt(0, 3);
		for (int i = 0; i < headers; i++) {
			String value = data.consumeString(200);
			values.add(value);
			request.header("X-Forwarded-For", value);
		}

		String client = this.keys.clientAddress(MockServerWebExchange.from(request));

		if (!trusted) {
			assertThat(client).isEqualTo(peer);
		}
		else if (!client.equals(peer)) {
			List<String> hops = new ArrayList<>();
			MockServerWebExchange.from(request)
				.getRequest()
				.getHeaders()
				.getValuesAsList("X-Forwarded-For")
				.forEach((hop) -> hops.add(hop.trim()));
			assertThat(hops).as("forwarded %s", values).contains(client);
		}
	}

}
