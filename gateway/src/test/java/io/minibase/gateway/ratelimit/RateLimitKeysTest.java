package io.minibase.gateway.ratelimit;

import java.net.InetSocketAddress;
import java.time.Instant;
import java.util.List;

import org.junit.jupiter.api.Test;

import org.springframework.mock.http.server.reactive.MockServerHttpRequest;
import org.springframework.mock.web.server.MockServerWebExchange;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.security.oauth2.server.resource.authentication.JwtAuthenticationToken;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Whose bucket a request draws from, with loopback as the trusted proxy (nginx).
 */
class RateLimitKeysTest {

	private final RateLimitKeys keys = new RateLimitKeys("127\\.0\\.0\\.1|0:0:0:0:0:0:0:1");

	@Test
	void aClientConnectingDirectlyIsKnownByItsAddressWhateverItForwards() {
		MockServerWebExchange exchange = exchange(from("198.51.100.9").header("X-Forwarded-For", "203.0.113.7"));

		assertThat(this.keys.addressKeyResolver().resolve(exchange).block()).isEqualTo("address:198.51.100.9");
	}

	@Test
	void behindTheTrustedProxyTheClientIsTheLastAddressItForwards() {
		MockServerWebExchange exchange = exchange(
				from("127.0.0.1").header("X-Forwarded-For", "10.6.6.6, 203.0.113.7, 127.0.0.1"));

		assertThat(this.keys.addressKeyResolver().resolve(exchange).block()).isEqualTo("address:203.0.113.7");
	}

	@Test
	void theTrustedProxyWithoutForwardedForIsTheClient() {
		assertThat(this.keys.addressKeyResolver().resolve(exchange(from("127.0.0.1"))).block())
			.isEqualTo("address:127.0.0.1");
	}

	@Test
	void aUserWithAVerifiedTokenIsKnownByItsIdWhereverItComesFrom() {
		Jwt jwt = Jwt.withTokenValue("t")
			.header("alg", "ES256")
			.subject("42")
			.issuedAt(Instant.now())
			.expiresAt(Instant.now().plusSeconds(60))
			.build();
		MockServerWebExchange exchange = MockServerWebExchange.builder(from("198.51.100.9").build())
			.principal(new JwtAuthenticationToken(jwt, List.of()))
			.build();

		assertThat(this.keys.userOrAddressKeyResolver().resolve(exchange).block()).isEqualTo("user:42");
	}

	@Test
	void anAnonymousRequestIsKnownByItsAddress() {
		assertThat(this.keys.userOrAddressKeyResolver().resolve(exchange(from("198.51.100.9"))).block())
			.isEqualTo("address:198.51.100.9");
	}

	private static MockServerHttpRequest.BaseBuilder<?> from(String address) {
		return MockServerHttpRequest.get("/api/catalog/products").remoteAddress(new InetSocketAddress(address, 4711));
	}

	private static MockServerWebExchange exchange(MockServerHttpRequest.BaseBuilder<?> request) {
		return MockServerWebExchange.from(request);
	}

}
