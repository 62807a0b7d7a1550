package io.minibase.gateway.web;

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

	@Override
	public Mono<Void> filter(ServerWebExchange exchange, WebFilterChain chain) {
		Problems.rememberOriginalPath(exchange);
		String path = exchange.getRequest().getURI().getRawPath();
		if (path != null && isSuspicious(path)) {
			return Mono.error(new ResponseStatusException(HttpStatus.BAD_REQUEST, "The request path is not allowed."));
		}
		return chain.filter(exchange);
	}

	/**
	 * Whether the raw path holds an encoded dot, slash, backslash or NUL, a backslash, a
	 * {@code ;}, or a {@code .} or {@code ..} segment. One pass over the characters, with
	 * no copy: it runs for every request.
	 */
	static boolean isSuspicious(String path) {
		int segmentStart = 0;
		for (int i = 0; i <= path.length(); i++) {
			char c = (i < path.length()) ? path.charAt(i) : '/';
			if (c == '\\' || c == ';') {
				return true;
			}
			if (c == '%' && isForbiddenEscape(path, i + 1)) {
				return true;
			}
			if (c == '/') {
				if (isDots(path, segmentStart, i)) {
					return true;
				}
				segmentStart = i + 1;
			}
		}
		return false;
	}

	/** Whether {@code path[start, end)} is {@code .} or {@code ..}. */
	private static boolean isDots(String path, int start, int end) {
		int length = end - start;
		return (length == 1 || length == 2) && path.charAt(start) == '.' && path.charAt(end - 1) == '.';
	}

	/** {@code %2e}, {@code %2f}, {@code %5c} or {@code %00}, in either case. */
	private static boolean isForbiddenEscape(String path, int at) {
		if (at + 1 >= path.length()) {
			return false;
		}
		char high = path.charAt(at);
		char low = Character.toLowerCase(path.charAt(at + 1));
		return (high == '2' && (low == 'e' || low == 'f')) || (high == '5' && low == 'c')
				|| (high == '0' && low == '0');
	}

	@Override
	public int getOrder() {
		return Ordered.HIGHEST_PRECEDENCE + 1;
	}

}
