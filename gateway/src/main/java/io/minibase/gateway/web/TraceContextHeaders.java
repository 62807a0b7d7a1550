package io.minibase.gateway.web;

import io.micrometer.tracing.Span;
import io.micrometer.tracing.propagation.Propagator;

import org.springframework.cloud.gateway.filter.headers.HttpHeadersFilter;
import org.springframework.http.HttpHeaders;
import org.springframework.stereotype.Component;
import org.springframework.web.server.ServerWebExchange;

/**
 * Carries the trace on to the service: the forwarded request gets the W3C
 * {@code traceparent} of the gateway's server span, so the service's span is its child
 * and an operator follows one request from the gateway through every service in Jaeger.
 *
 * <p>
 * In place of Spring Cloud Gateway's own observation of the forwarded call
 * ({@code spring.cloud.gateway.server.webflux.observability.enabled=false}), which would
 * time every request a second time and open a second span for it: with both, the two
 * observations, their timers and spans were about 5% of the gateway's CPU on a cached
 * read (JFR, docs/sizing.md), and the service's own server span already says how long it
 * took.
 */
@Component
class TraceContextHeaders implements HttpHeadersFilter {

	private final Propagator propagator;

	TraceContextHeaders(Propagator propagator) {
		this.propagator = propagator;
	}

	@Override
	public HttpHeaders filter(HttpHeaders input, ServerWebExchange exchange) {
		Span span = ExchangeTraceIds.serverSpan(exchange).orElse(null);
		if (span == null) {
			return input;
		}
		HttpHeaders headers = HttpHeaders.copyOf(input);
		this.propagator.inject(span.context(), headers, HttpHeaders::set);
		return headers;
	}

	@Override
	public boolean supports(Type type) {
		return type == Type.REQUEST;
	}

}
