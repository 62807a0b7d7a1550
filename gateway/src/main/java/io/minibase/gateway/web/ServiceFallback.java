package io.minibase.gateway.web;

import io.github.resilience4j.circuitbreaker.CallNotPermittedException;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import reactor.core.publisher.Mono;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.http.HttpStatus;
import org.springframework.web.reactive.function.server.RequestPredicates;
import org.springframework.web.reactive.function.server.RouterFunction;
import org.springframework.web.reactive.function.server.RouterFunctions;
import org.springframework.web.reactive.function.server.ServerRequest;
import org.springframework.web.reactive.function.server.ServerResponse;
import org.springframework.web.server.ResponseStatusException;

import static org.springframework.cloud.gateway.support.ServerWebExchangeUtils.CIRCUITBREAKER_EXECUTION_EXCEPTION_ATTR;

/**
 * Where a route's circuit breaker forwards when its service cannot be reached.
 */
@Configuration(proxyBeanMethods = false)
class ServiceFallback {

	private static final Log logger = LogFactory.getLog(ServiceFallback.class);

	@Bean
	RouterFunction<ServerResponse> serviceFallbackRoute() {
		return RouterFunctions.route(RequestPredicates.path("/fallback/{service}"), ServiceFallback::answer);
	}

	private static Mono<ServerResponse> answer(ServerRequest request) {
		// Only a circuit breaker forward carries the failure; a client asking for this
		// path itself gets the same 404 as for any other unknown path.
		Throwable failure = (Throwable) request.attribute(CIRCUITBREAKER_EXECUTION_EXCEPTION_ATTR).orElse(null);
		if (failure == null) {
			return Mono.error(new ResponseStatusException(HttpStatus.NOT_FOUND));
		}
		String service = request.pathVariable("service");
		if (failure instanceof CallNotPermittedException) {
			// the circuit is open: said once when it opened, not on every refused call
			if (logger.isDebugEnabled()) {
				logger.debug(service + " is unavailable: its circuit is open");
			}
		}
		else {
			// what opens circuits: an operator needs the cause, not only the 503 rate
			logger.warn(service + " is unavailable: " + failure);
		}
		return Problems.unavailable(service, request.exchange());
	}

}
