package io.minibase.testsupport;

import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;

import com.nimbusds.jose.KeySourceException;
import com.nimbusds.jose.jwk.JWK;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.source.JWKSetCacheRefreshEvaluator;
import com.nimbusds.jose.jwk.source.JWKSetRetrievalException;
import com.nimbusds.jose.jwk.source.JWKSetSource;
import com.nimbusds.jose.proc.SecurityContext;

/**
 * auth-service's JWKS as a test changes it (a key published, one retired, auth-service
 * down), in place of the HTTP fetch under a verifier's key cache; counts the fetches.
 */
public final class PublishedKeys implements JWKSetSource<SecurityContext> {

	private final AtomicReference<JWKSet> published = new AtomicReference<>(new JWKSet());

	private final AtomicBoolean down = new AtomicBoolean();

	private final AtomicInteger fetches = new AtomicInteger();

	/** Publishes the public halves of these keys, and only these. */
	public PublishedKeys publish(JWK... keys) {
		this.published.set(new JWKSet(List.of(keys).stream().map(JWK::toPublicJWK).toList()));
		return this;
	}

	/** Whether a fetch fails, as when auth-service cannot be reached. */
	public void down(boolean down) {
		this.down.set(down);
	}

	/** How many times the keys were fetched. */
	public int fetches() {
		return this.fetches.get();
	}

	@Override
	public JWKSet getJWKSet(JWKSetCacheRefreshEvaluator refresh, long currentTime, SecurityContext context)
			throws KeySourceException {
		this.fetches.incrementAndGet();
		if (this.down.get()) {
			throw new JWKSetRetrievalException("auth-service cannot be reached", null);
		}
		return this.published.get();
	}

	@Override
	public void close() {
	}

}
