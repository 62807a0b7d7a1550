package io.minibase.gateway.security;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;

import io.minibase.gateway.redis.CallersEventLoop;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import reactor.core.publisher.Mono;

import org.springframework.data.redis.core.ReactiveStringRedisTemplate;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.security.authorization.AuthorizationDecision;
import org.springframework.security.authorization.ReactiveAuthorizationManager;
import org.springframework.security.core.Authentication;
import org.springframework.security.oauth2.server.resource.authentication.JwtAuthenticationToken;
import org.springframework.security.web.server.authorization.AuthorizationContext;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.web.server.ResponseStatusException;

/**
 * Tokens revoked before their expiry, as auth-service records them in Redis: the access
 * token itself on logout ({@code auth:denylist:<jti>}), or its whole refresh-token family
 * on logout or refresh-token reuse ({@code auth:refresh-family-revoked:<fid>}), or every
 * token of a user an admin disabled ({@code auth:user-disabled:<sub>}).
 */
class TokenRevocations {

	static final String DENYLIST_PREFIX = "auth:denylist:";

	static final String REVOKED_FAMILY_PREFIX = "auth:refresh-family-revoked:";

	static final String FAMILY_CLAIM = "fid";

	static final String DISABLED_USER_PREFIX = "auth:user-disabled:";

	private static final Log logger = LogFactory.getLog(TokenRevocations.class);

	/**
	 * While Redis is down every protected request fails the same way: one line every so
	 * often says so, instead of one per request (thousands a second under load).
	 */
	private static final Duration WARNING_INTERVAL = Duration.ofSeconds(10);

	private final AtomicLong lastWarning = new AtomicLong(Long.MIN_VALUE);

	private final AtomicLong unwarned = new AtomicLong();

	private final ReactiveStringRedisTemplate redis;

	TokenRevocations(ReactiveStringRedisTemplate redis) {
		this.redis = redis;
	}

	/**
	 * Grants what {@code then} grants, to a verified token that was not revoked; a
	 * revoked token is answered 401 as if it were invalid. Only protected routes ask
	 * (public routes pass a token on to the service unasked), and they fail closed: when
	 * Redis cannot be asked, the request is answered 503 rather than let through, because
	 * a token revoked at logout (a stolen phone, say) must not work again just because
	 * Redis is down.
	 */
	ReactiveAuthorizationManager<AuthorizationContext> notRevokedAnd(
			ReactiveAuthorizationManager<AuthorizationContext> then) {
		return (authentication, context) -> authentication.filter(JwtAuthenticationToken.class::isInstance)
			.filter(Authentication::isAuthenticated)
			.cast(JwtAuthenticationToken.class)
			.flatMap((token) -> requireNotRevoked(token.getToken()).then(then.authorize(Mono.just(token), context)))
			.defaultIfEmpty(new AuthorizationDecision(false));
	}

	private Mono<Void> requireNotRevoked(Jwt jwt) {
		String jti = jwt.getId();
		if (jti == null || jti.isBlank()) {
			// without a jti a token could never be revoked
			return Mono.error(SecurityConfiguration.Unauthenticated.invalidToken());
		}
		List<String> keys = new ArrayList<>(3);
		keys.add(DENYLIST_PREFIX + jti);
		// a user an admin disabled: every token of theirs at once, in the same one call
		keys.add(DISABLED_USER_PREFIX + jwt.getSubject());
		String family = jwt.getClaimAsString(FAMILY_CLAIM);
		if (family != null && !family.isBlank()) {
			keys.add(REVOKED_FAMILY_PREFIX + family);
		}
		return CallersEventLoop.resume(this.redis.countExistingKeys(keys)).onErrorMap((ex) -> {
			warnAtMostEvery(WARNING_INTERVAL, ex);
			return new RevocationCheckUnavailable();
		})
			.flatMap((revoked) -> (revoked > 0) ? Mono.error(SecurityConfiguration.Unauthenticated.invalidToken())
					: Mono.empty());
	}

	private void warnAtMostEvery(Duration interval, Throwable ex) {
		long now = System.nanoTime();
		long last = this.lastWarning.get();
		if ((last == Long.MIN_VALUE || now - last >= interval.toNanos()) && this.lastWarning.compareAndSet(last, now)) {
			long since = this.unwarned.getAndSet(0);
			logger.warn("Could not check whether a token was revoked (answered 503"
					+ ((since > 0) ? "; also " + since + " times since the last warning" : "") + "): " + ex);
		}
		else {
			this.unwarned.incrementAndGet();
		}
	}

	/** Redis did not answer, so no protected request can be let through. */
	static class RevocationCheckUnavailable extends ResponseStatusException {

		RevocationCheckUnavailable() {
			super(HttpStatus.SERVICE_UNAVAILABLE, "The service is unavailable, try again shortly.");
		}

		@Override
		public HttpHeaders getHeaders() {
			HttpHeaders headers = new HttpHeaders();
			headers.set(HttpHeaders.RETRY_AFTER, "5");
			return headers;
		}

	}

}
