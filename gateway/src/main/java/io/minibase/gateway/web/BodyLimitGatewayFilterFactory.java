package io.minibase.gateway.web;

import reactor.core.publisher.Mono;

import org.springframework.cloud.gateway.filter.GatewayFilter;
import org.springframework.cloud.gateway.filter.factory.AbstractGatewayFilterFactory;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Component;
import org.springframework.util.unit.DataSize;
import org.springframework.web.server.ResponseStatusException;

/**
 * The route filter {@code BodyLimit}: a request that says its body is larger than the
 * service takes ({@code Content-Length}) is answered 413 problem+json here, before a byte
 * of it is forwarded. Forwarded, the service refused it while the gateway was still
 * sending it, closed the connection, and the reset could reach the gateway before the
 * service's 413 did: the client got a 503 "file is unavailable" (ErrorWalkIT, now and
 * then). A body of unknown length still goes to the service, which keeps its own limit.
 */
@Component
class BodyLimitGatewayFilterFactory extends AbstractGatewayFilterFactory<BodyLimitGatewayFilterFactory.Config> {

	BodyLimitGatewayFilterFactory() {
		super(Config.class);
	}

	@Override
	public String name() {
		return "BodyLimit";
	}

	@Override
	public GatewayFilter apply(Config config) {
		long max = config.getMax().toBytes();
		return (exchange, chain) -> {
			long length = exchange.getRequest().getHeaders().getContentLength();
			if (length > max) {
				return Mono.error(
						new ResponseStatusException(HttpStatus.CONTENT_TOO_LARGE, "The request body is larger than the "
								+ config.getMax().toMegabytes() + " MB this path takes."));
			}
			return chain.filter(exchange);
		};
	}

	/** {@code max}: the largest body the route's service takes. */
	public static class Config {

		private DataSize max = DataSize.ofMegabytes(11);

		public DataSize getMax() {
			return this.max;
		}

		public void setMax(DataSize max) {
			this.max = max;
		}

	}

}
