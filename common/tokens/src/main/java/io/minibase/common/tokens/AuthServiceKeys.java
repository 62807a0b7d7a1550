package io.minibase.common.tokens;

import java.io.Closeable;
import java.io.IOException;
import java.net.MalformedURLException;
import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.util.List;

import com.nimbusds.jose.KeySourceException;
import com.nimbusds.jose.jwk.JWK;
import com.nimbusds.jose.jwk.JWKSelector;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.source.JWKSetBasedJWKSource;
import com.nimbusds.jose.jwk.source.JWKSetCacheRefreshEvaluator;
import com.nimbusds.jose.jwk.source.JWKSetSource;
import com.nimbusds.jose.jwk.source.JWKSource;
import com.nimbusds.jose.jwk.source.JWKSourceBuilder;
import com.nimbusds.jose.jwk.source.RateLimitReachedException;
import com.nimbusds.jose.jwk.source.URLBasedJWKSetSource;
import com.nimbusds.jose.proc.SecurityContext;
import com.nimbusds.jose.util.DefaultResourceRetriever;

/**
 * auth-service's public keys, as the gateway and every service verify access tokens with
 * them, so that a key rotation (ADR 15) reaches them without a restart: its JWKS, kept
 * for {@code maxAge} and fetched again ahead of that; fetched at once for a key id not
 * among the kept ones, with at most two fetches in all per {@code minRefresh} (a key id
 * still not found then is unknown: 401, so made-up key ids cannot make a verifier hammer
 * auth-service); while auth-service cannot be reached, the keys of the last fetch that
 * worked, for {@link #OUTAGE_TOLERANCE}.
 * <p>
 * The caching, refresh-ahead, rate limit and outage tolerance are Nimbus's own
 * ({@link JWKSourceBuilder}), not code of ours. Two things are added on top, in
 * {@link #get}: the time is read from a {@link Clock} (Nimbus's own top,
 * {@link JWKSetBasedJWKSource}, reads {@code System.currentTimeMillis()}, so a test could
 * not move it), and a refetch refused by the rate limit is "no such key" rather than an
 * error (which the verifiers answer 503, as when auth-service is down). Spring Security's
 * {@code NimbusJwtDecoder.withJwkSetUri} builds the same chain without the rate limit,
 * the outage tolerance or a clock, and its reactive twin keeps keys until a token names
 * an unknown key id (never dropping a retired one, refetching for every made-up key id).
 */
public final class AuthServiceKeys implements JWKSource<SecurityContext>, Closeable {

	/**
	 * How long the last keys that auth-service published keep verifying while it cannot
	 * be reached: far longer than any access token lives (15 minutes), so every token
	 * signed before the outage verifies until it expires.
	 */
	public static final Duration OUTAGE_TOLERANCE = Duration.ofHours(1);

	/** How long a fetch may take to connect; auth-service is on the same network. */
	static final Duration CONNECT_TIMEOUT = Duration.ofMillis(500);

	/**
	 * How long a fetch may take to answer: a request whose token needs the keys waits for
	 * them (then the last keys serve, or the request is a 503).
	 */
	static final Duration READ_TIMEOUT = Duration.ofSeconds(3);

	/** The most a JWKS may weigh; auth-service's holds two or three keys. */
	private static final int SIZE_LIMIT = 50 * 1024;

	private final JWKSetSource<SecurityContext> source;

	private final Clock clock;

	private AuthServiceKeys(JWKSetSource<SecurityContext> source, Clock clock) {
		this.source = source;
		this.clock = clock;
	}

	/**
	 * The keys fetched from auth-service's JWKS.
	 * @param maxAge how long fetched keys are kept (a retired key stops verifying within
	 * it)
	 * @param minRefresh the time within which at most two fetches are made, however many
	 * key ids the kept keys do not hold are seen; shorter than {@code maxAge}, zero for
	 * no limit
	 */
	public static AuthServiceKeys fetchedFrom(URI jwkSetUri, Duration maxAge, Duration minRefresh, Clock clock) {
		try {
			return publishedBy(
					new URLBasedJWKSetSource<>(jwkSetUri.toURL(), new DefaultResourceRetriever(
							(int) CONNECT_TIMEOUT.toMillis(), (int) READ_TIMEOUT.toMillis(), SIZE_LIMIT)),
					maxAge, minRefresh, clock);
		}
		catch (MalformedURLException ex) {
			throw new IllegalArgumentException("Not a URL for auth-service's JWKS: " + jwkSetUri, ex);
		}
	}

	/** The same over any source of the published keys (a test's). */
	public static AuthServiceKeys publishedBy(JWKSetSource<SecurityContext> published, Duration maxAge,
			Duration minRefresh, Clock clock) {
		JWKSourceBuilder<SecurityContext> builder = JWKSourceBuilder.create(published)
			.cache(maxAge.toMillis(), READ_TIMEOUT.plus(CONNECT_TIMEOUT).toMillis())
			// fetched again in the background in the last tenth of the max age (at most
			// Nimbus's default 30 s), so a request seldom waits for a fetch
			.refreshAheadCache(Math.min(maxAge.toMillis() / 10, JWKSourceBuilder.DEFAULT_REFRESH_AHEAD_TIME), false)
			.outageTolerant(OUTAGE_TOLERANCE.toMillis());
		builder = minRefresh.isZero() ? builder.rateLimited(false) : builder.rateLimited(minRefresh.toMillis());
		// without a failover, the builder's source is this one, which only reads the
		// chain below it at System.currentTimeMillis()
		JWKSetBasedJWKSource<SecurityContext> built = (JWKSetBasedJWKSource<SecurityContext>) builder.build();
		return new AuthServiceKeys(built.getJWKSetSource(), clock);
	}

	/**
	 * The keys the selector (a token's header) asks for: from the kept JWKS, or from one
	 * fetched at once when it holds none (Nimbus's {@link JWKSetBasedJWKSource} at the
	 * clock's time).
	 */
	@Override
	public List<JWK> get(JWKSelector selector, SecurityContext context) throws KeySourceException {
		long now = this.clock.millis();
		JWKSet kept = this.source.getJWKSet(JWKSetCacheRefreshEvaluator.noRefresh(), now, context);
		List<JWK> found = selector.select(kept);
		if (!found.isEmpty()) {
			return found;
		}
		try {
			return selector
				.select(this.source.getJWKSet(JWKSetCacheRefreshEvaluator.referenceComparison(kept), now, context));
		}
		catch (RateLimitReachedException ex) {
			return List.of();
		}
	}

	/** Stops the background refresh. */
	@Override
	public void close() throws IOException {
		this.source.close();
	}

}
