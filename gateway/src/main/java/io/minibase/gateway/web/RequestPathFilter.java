package io.minibase.gateway.web;

import java.util.List;
import java.util.Locale;

import reactor.core.publisher.Mono;

import org.springframework.core.Ordered;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Component;
import org.springframework.web.server.ResponseStatusException;
import org.springframework.web.server.ServerWebExchange;
import org.springframework.web.server.WebFilter;
import org.springframework.web.server.WebFilterChain;

/**
 * Refuses paths that a service would normalize into something the gateway did not route,
 * such as {@code /api/catalog/..;/actuator/health}.
 * <p>
 * The gateway matches routes on the raw path and forwards it as it is, while Tomcat
 * decodes {@code %2e}, drops {@code ;...} path parameters and resolves {@code ..}.
 * Without this check such a path would reach the actuator or any other endpoint of a
 * service that is not part of the public API.
 */
@Component
class RequestPathFilter implements WebFilter, Ordered {

	private static final List<String> FORBIDDEN = List.of("%2e", "%2f", "%5c", "%00", "\\", ";");

	@Override
	public Mono<Void> filter(ServerWebExchange exchange, WebFilterChain chain) {
		Problems.rememberOriginalPath(exchange);
		String path = exchange.getRequest().getURI().getRawPath();
		if (path != null && isSuspicious(path)) {
			return Mono.error(new ResponseStatusException(HttpStatus.BAD_REQUEST, "The request path is not allowed."));
		}
		return chain.filter(exchange);
	}

	private static boolean isSuspicious(String path) {
		String lower = path.toLowerCase(Locale.ROOT);
		for (String forbidden : FORBIDDEN) {
			if (lower.contains(forbidden)) {
				return true;
			}
		}
		for (String segment : lower.split("/", -1)) {
			if (segment.equals(".") || segment.equals("..")) {
				return true;
			}
		}
		return false;
	}

	@Override
	public int getOrder() {
		return Ordered.HIGHEST_PRECEDENCE + 1;
	}

}
