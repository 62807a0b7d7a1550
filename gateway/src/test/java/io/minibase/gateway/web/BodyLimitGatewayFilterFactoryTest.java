package io.minibase.gateway.web;

import java.util.concurrent.atomic.AtomicBoolean;

import org.junit.jupiter.api.Test;
import reactor.core.publisher.Mono;
import reactor.test.StepVerifier;

import org.springframework.cloud.gateway.filter.GatewayFilter;
import org.springframework.cloud.gateway.filter.GatewayFilterChain;
import org.springframework.mock.http.server.reactive.MockServerHttpRequest;
import org.springframework.mock.web.server.MockServerWebExchange;
import org.springframework.util.unit.DataSize;
import org.springframework.web.server.ResponseStatusException;

import static org.assertj.core.api.Assertions.assertThat;

/** An upload that says it is too large is refused before any of it is forwarded. */
class BodyLimitGatewayFilterFactoryTest {

	private final GatewayFilter limit = limitOf(DataSize.ofMegabytes(11));

	@Test
	void aBodyOverTheLimitIs413AndNeverForwarded() {
		AtomicBoolean forwarded = new AtomicBoolean();

		StepVerifier.create(this.limit.filter(upload(12 * 1024 * 1024), forwardedTo(forwarded)))
			.expectErrorSatisfies((ex) -> assertThat(ex).isInstanceOfSatisfying(ResponseStatusException.class,
					(refused) -> assertThat(refused.getStatusCode().value()).isEqualTo(413)))
			.verify();
		assertThat(forwarded).isFalse();
	}

	@Test
	void aBodyUpToTheLimitOrOfUnknownLengthIsForwarded() {
		for (long length : new long[] { DataSize.ofMegabytes(11).toBytes(), 1024, -1 }) {
			AtomicBoolean forwarded = new AtomicBoolean();
			StepVerifier.create(this.limit.filter(upload(length), forwardedTo(forwarded))).verifyComplete();
			assertThat(forwarded).as("Content-Length %d", length).isTrue();
		}
	}

	private static GatewayFilter limitOf(DataSize max) {
		BodyLimitGatewayFilterFactory.Config config = new BodyLimitGatewayFilterFactory.Config();
		config.setMax(max);
		return new BodyLimitGatewayFilterFactory().apply(config);
	}

	private static MockServerWebExchange upload(long length) {
		MockServerHttpRequest.BodyBuilder request = MockServerHttpRequest.post("/api/files");
		if (length >= 0) {
			request.contentLength(length);
		}
		return MockServerWebExchange.from(request.build());
	}

	private static GatewayFilterChain forwardedTo(AtomicBoolean forwarded) {
		return (exchange) -> {
			forwarded.set(true);
			return Mono.empty();
		};
	}

}
