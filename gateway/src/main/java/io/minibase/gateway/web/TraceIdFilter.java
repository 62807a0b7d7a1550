package io.minibase.gateway.web;

import reactor.core.publisher.Mono;

import org.springframework.core.Ordered;
import org.springframework.stereotype.Component;
import org.springframework.web.server.ServerWebExchange;
import org.springframework.web.server.WebFilter;
import org.springframework.web.server.WebFilterChain;

/**
 * Puts the trace id on every response, routed or not, success or problem.
 */
@Component
class TraceIdFilter implements WebFilter, Ordered {

	@Override
	public Mono<Void> filter(ServerWebExchange exchange, WebFilterChain chain) {
		String traceId = ExchangeTraceIds.of(exchange);
		// Set at commit time so it replaces any X-Trace-Id a service sent back.
		exchange.getResponse().beforeCommit(() -> {
			exchange.getResponse().getHeaders().set(ExchangeTraceIds.HEADER, traceId);
			return Mono.empty();
		});
		return chain.filter(exchange);
	}

	@Override
	public int getOrder() {
		return Ordered.HIGHEST_PRECEDENCE;
	}

}
