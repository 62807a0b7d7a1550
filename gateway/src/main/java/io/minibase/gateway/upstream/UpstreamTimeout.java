package io.minibase.gateway.upstream;

import java.time.Duration;

import org.springframework.beans.factory.annotation.Value;
import org.springframework.cloud.gateway.config.HttpClientCustomizer;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * How long the gateway waits for a service that does not answer, set on the HTTP client's
 * connections rather than on each request.
 *
 * <p>
 * Spring Cloud Gateway's own {@code httpclient.response-timeout} puts a Reactor
 * {@code timeout} around every forwarded request: a timer task on the shared parallel
 * scheduler, scheduled and cancelled from the event loops for every request, about 4% of
 * the gateway's CPU on a cached read (JFR, docs/sizing.md). Reactor Netty's
 * {@code responseTimeout} is a read timeout on the connection, kept by its own event
 * loop, and it starts once the request has been sent, so a slow upload of 10 MiB is not
 * cut short by it while a service that stops answering still is. When it runs out the
 * call fails: a route with a fallback answers 503, the file route 504
 * (ProblemErrorHandler), and the circuit breaker counts it.
 */
@Configuration(proxyBeanMethods = false)
class UpstreamTimeout {

	@Bean
	HttpClientCustomizer responseTimeout(@Value("${gateway.upstream.response-timeout}") Duration timeout) {
		return (client) -> client.responseTimeout(timeout);
	}

}
