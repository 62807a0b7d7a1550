package io.minibase.gateway.security;

import java.util.List;
import java.util.Locale;

import reactor.core.publisher.Mono;

import org.springframework.core.Ordered;
import org.springframework.http.server.reactive.ServerHttpRequest;
import org.springframework.stereotype.Component;
import org.springframework.web.server.ServerWebExchange;
import org.springframework.web.server.WebFilter;
import org.springframework.web.server.WebFilterChain;

/**
 * Drops headers by which a client could pose as a user before anything is routed. The
 * services learn who calls only from the verified bearer token, never from such a header,
 * but a service (or a later filter) that trusted one must never see a forged value.
 */
@Component
class IdentityHeadersFilter implements WebFilter, Ordered {

	private static final List<String> PREFIXES = List.of("x-user-", "x-authenticated-", "x-forwarded-user",
			"x-remote-user", "x-auth-user");

	@Override
	public Mono<Void> filter(ServerWebExchange exchange, WebFilterChain chain) {
		ServerHttpRequest request = exchange.getRequest();
		if (request.getHeaders().headerNames().stream().noneMatch(IdentityHeadersFilter::isIdentity)) {
			return chain.filter(exchange);
		}
		ServerHttpRequest stripped = request.mutate()
			.headers((headers) -> headers.headerNames()
				.stream()
				.filter(IdentityHeadersFilter::isIdentity)
				.toList()
				.forEach(headers::remove))
			.build();
		return chain.filter(exchange.mutate().request(stripped).build());
	}

	private static boolean isIdentity(String name) {
		String lower = name.toLowerCase(Locale.ROOT);
		return PREFIXES.stream().anyMatch(lower::startsWith);
	}

	@Override
	public int getOrder() {
		// after the trace id and the path guard, before security and routing
		return Ordered.HIGHEST_PRECEDENCE + 2;
	}

}
