package io.minibase.gateway.ratelimit;

import java.net.InetSocketAddress;
import java.util.List;
import java.util.regex.Pattern;

import reactor.core.publisher.Mono;

import org.springframework.beans.factory.annotation.Value;
import org.springframework.cloud.gateway.filter.ratelimit.KeyResolver;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.Primary;
import org.springframework.security.oauth2.server.resource.authentication.JwtAuthenticationToken;
import org.springframework.web.server.ServerWebExchange;

/**
 * Whose token bucket a request draws from. The buckets themselves are Spring Cloud
 * Gateway's {@code RedisRateLimiter}, configured per route in application.yml.
 */
@Configuration(proxyBeanMethods = false)
class RateLimitKeys {

	private static final String X_FORWARDED_FOR = "X-Forwarded-For";

	private final Pattern trustedProxies;

	RateLimitKeys(@Value("${spring.cloud.gateway.server.webflux.trusted-proxies}") String trustedProxies) {
		this.trustedProxies = Pattern.compile(trustedProxies);
	}

	/** The user ({@code sub} of the verified token) if there is one, else the address. */
	@Bean
	@Primary
	KeyResolver userOrAddressKeyResolver() {
		return (exchange) -> exchange.getPrincipal()
			.filter(JwtAuthenticationToken.class::isInstance)
			.map((principal) -> "user:" + principal.getName())
			.switchIfEmpty(Mono.fromSupplier(() -> "address:" + clientAddress(exchange)));
	}

	/** Always the address: for login and refresh, which come before any token. */
	@Bean
	KeyResolver addressKeyResolver() {
		return (exchange) -> Mono.fromSupplier(() -> "address:" + clientAddress(exchange));
	}

	/**
	 * The address of the client, by the same rule the gateway forwards
	 * {@code X-Forwarded-For} with: the header counts only when the connection comes from
	 * a trusted proxy ({@code spring.cloud.gateway.server.webflux.trusted-proxies}), and
	 * then its last address that is not itself a trusted proxy is the client. A client
	 * connecting directly cannot pick its own bucket by sending the header.
	 */
	String clientAddress(ServerWebExchange exchange) {
		InetSocketAddress remote = exchange.getRequest().getRemoteAddress();
		if (remote == null) {
			return "unknown";
		}
		String peer = (remote.getAddress() != null) ? remote.getAddress().getHostAddress() : remote.getHostString();
		if (!isTrusted(peer)) {
			return peer;
		}
		List<String> forwarded = exchange.getRequest().getHeaders().getValuesAsList(X_FORWARDED_FOR);
		String client = peer;
		for (int i = forwarded.size() - 1; i >= 0; i--) {
			String hop = forwarded.get(i).trim();
			if (hop.isEmpty()) {
				continue;
			}
			client = hop;
			if (!isTrusted(hop)) {
				break;
			}
		}
		return client;
	}

	private boolean isTrusted(String address) {
		return this.trustedProxies.matcher(address).matches();
	}

}
