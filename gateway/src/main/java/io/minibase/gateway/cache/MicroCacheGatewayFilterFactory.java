package io.minibase.gateway.cache;

import java.util.List;

import reactor.core.publisher.Mono;

import org.springframework.cloud.gateway.filter.GatewayFilter;
import org.springframework.cloud.gateway.filter.factory.AbstractGatewayFilterFactory;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpMethod;
import org.springframework.http.HttpStatus;
import org.springframework.http.HttpStatusCode;
import org.springframework.http.server.reactive.ServerHttpRequest;
import org.springframework.http.server.reactive.ServerHttpResponse;
import org.springframework.stereotype.Component;

/**
 * The route filter {@code MicroCache} (after the route's rate limit, before its circuit
 * breaker): answers a public read from {@link MicroCache} when it holds it, marks a miss
 * for {@link MicroCacheCapture} to keep on the way out, and empties the cache when a
 * write to the route's admin paths succeeds.
 */
@Component
class MicroCacheGatewayFilterFactory extends AbstractGatewayFilterFactory<Object> {

	/** The exchange attribute holding a miss's key, for {@link MicroCacheCapture}. */
	static final String MISS_KEY = MicroCacheGatewayFilterFactory.class.getName() + ".missKey";

	/** RFC 9211: what the cache did with the request. */
	static final String CACHE_STATUS = "Cache-Status";

	static final String CACHE_NAME = "minibase-gateway";

	private static final String READS = "/api/catalog/";

	private static final String WRITES = "/api/admin/catalog/";

	private final MicroCache cache;

	MicroCacheGatewayFilterFactory(MicroCache cache) {
		super(Object.class);
		this.cache = cache;
	}

	@Override
	public String name() {
		return "MicroCache";
	}

	@Override
	public GatewayFilter apply(Object config) {
		return (exchange, chain) -> {
			ServerHttpRequest request = exchange.getRequest();
			String path = request.getPath().value();
			if (HttpMethod.GET.equals(request.getMethod()) && path.startsWith(READS)) {
				if (wantsTheOrigin(request.getHeaders())) {
					exchange.getResponse().getHeaders().set(CACHE_STATUS, CACHE_NAME + "; fwd=request");
					return chain.filter(exchange);
				}
				String key = key(request);
				MicroCache.Stored stored = this.cache.lookup(key);
				if (stored != null) {
					return serve(exchange.getResponse(), request.getHeaders(), stored);
				}
				exchange.getAttributes().put(MISS_KEY, key);
				return chain.filter(exchange);
			}
			if (!HttpMethod.GET.equals(request.getMethod()) && !HttpMethod.HEAD.equals(request.getMethod())
					&& path.startsWith(WRITES)) {
				ServerHttpResponse response = exchange.getResponse();
				// before the answer leaves: whoever reads after it sees the write
				response.beforeCommit(() -> {
					HttpStatusCode status = response.getStatusCode();
					if (status == null || status.is2xxSuccessful()) {
						this.cache.invalidateAll();
					}
					return Mono.empty();
				});
			}
			return chain.filter(exchange);
		};
	}

	/** The path and query as sent: the same read by anyone is the same answer. */
	static String key(ServerHttpRequest request) {
		String query = request.getURI().getRawQuery();
		return (query != null) ? request.getPath().value() + '?' + query : request.getPath().value();
	}

	/**
	 * {@code Cache-Control: no-cache} / {@code max-age=0} or {@code Pragma: no-cache}.
	 */
	static boolean wantsTheOrigin(HttpHeaders headers) {
		for (String directive : headers.getValuesAsList(HttpHeaders.CACHE_CONTROL)) {
			String value = directive.trim();
			if (value.equalsIgnoreCase("no-cache") || value.equalsIgnoreCase("no-store")
					|| value.equalsIgnoreCase("max-age=0")) {
				return true;
			}
		}
		return headers.getValuesAsList(HttpHeaders.PRAGMA).stream().anyMatch("no-cache"::equalsIgnoreCase);
	}

	private static Mono<Void> serve(ServerHttpResponse response, HttpHeaders request, MicroCache.Stored stored) {
		HttpHeaders headers = response.getHeaders();
		headers.putAll(stored.headers());
		headers.set(HttpHeaders.AGE, Long.toString(stored.ageSeconds()));
		headers.set(CACHE_STATUS, CACHE_NAME + "; hit");
		if (matches(request.getIfNoneMatch(), stored.headers().getETag())) {
			response.setStatusCode(HttpStatus.NOT_MODIFIED);
			headers.remove(HttpHeaders.CONTENT_TYPE);
			return response.setComplete();
		}
		response.setStatusCode(HttpStatus.OK);
		headers.setContentLength(stored.body().length);
		return response.writeWith(Mono.just(response.bufferFactory().wrap(stored.body())));
	}

	/** RFC 9110 If-None-Match: weak comparison, {@code *} matches any. */
	static boolean matches(List<String> ifNoneMatch, String etag) {
		if (etag == null || ifNoneMatch.isEmpty()) {
			return false;
		}
		String opaque = etag.startsWith("W/") ? etag.substring(2) : etag;
		for (String candidate : ifNoneMatch) {
			String value = candidate.trim();
			if (value.equals("*") || (value.startsWith("W/") ? value.substring(2) : value).equals(opaque)) {
				return true;
			}
		}
		return false;
	}

}
