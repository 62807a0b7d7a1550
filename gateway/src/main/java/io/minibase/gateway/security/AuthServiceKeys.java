package io.minibase.gateway.security;

import java.net.URI;
import java.text.ParseException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Function;

import com.nimbusds.jose.jwk.JWK;
import com.nimbusds.jose.jwk.JWKMatcher;
import com.nimbusds.jose.jwk.JWKSelector;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jwt.SignedJWT;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

import org.springframework.web.reactive.function.client.WebClient;

/**
 * auth-service's public keys, as the gateway verifies tokens with them: its JWKS, kept
 * for {@code gateway.token.keys-max-age} and then fetched again, and fetched at once for
 * a key id not among them, at most once per {@code keys-min-refresh}.
 *
 * <p>
 * Nimbus's reactive source kept the keys until a token named a key id it did not know: a
 * key auth-service retired (ADR 15) stayed trusted here until the next rotation, and
 * every token with a made-up key id made the gateway fetch the JWKS again. A fetch that
 * fails keeps the keys of the last one that worked, so tokens keep being verified while
 * auth-service restarts.
 */
final class AuthServiceKeys implements Function<SignedJWT, Flux<JWK>> {

	/**
	 * How long a fetch may take: WebClient has no response timeout of its own, and a
	 * request whose token needs the keys waits for them (a hung auth-service would hold
	 * it forever; on timeout the last keys serve, or the request is a 503).
	 */
	private static final Duration FETCH_TIMEOUT = Duration.ofSeconds(3);

	private final Mono<JWKSet> fetch;

	private final Duration maxAge;

	private final Duration minRefresh;

	private final Clock clock;

	private final AtomicReference<Keys> current = new AtomicReference<>();

	AuthServiceKeys(WebClient http, URI jwkSetUri, Duration maxAge, Duration minRefresh, Clock clock) {
		this.fetch = http.get()
			.uri(jwkSetUri)
			.retrieve()
			.bodyToMono(String.class)
			.timeout(FETCH_TIMEOUT)
			.map(AuthServiceKeys::parse);
		this.maxAge = maxAge;
		this.minRefresh = minRefresh;
		this.clock = clock;
	}

	@Override
	public Flux<JWK> apply(SignedJWT jwt) {
		JWKSelector selector = new JWKSelector(JWKMatcher.forJWSHeader(jwt.getHeader()));
		Keys keys = fresh(this.clock.instant());
		return keys.set().flatMapMany((set) -> {
			List<JWK> found = selector.select(set);
			if (!found.isEmpty()) {
				return Flux.fromIterable(found);
			}
			Keys again = refetched(keys, this.minRefresh);
			return (again == keys) ? Flux.empty() : again.set().flatMapIterable(selector::select);
		});
	}

	/** The keys, fetched again when they are older than the max age. */
	private Keys fresh(Instant now) {
		Keys keys = this.current.get();
		return (keys == null || keys.fetchedAt().plus(this.maxAge).isBefore(now)) ? refetched(keys, Duration.ZERO)
				: keys;
	}

	/**
	 * A new fetch in place of {@code keys}, unless they were fetched within
	 * {@code notWithin} (then {@code keys}), or another request replaced them first (then
	 * those).
	 */
	private Keys refetched(Keys keys, Duration notWithin) {
		Instant now = this.clock.instant();
		if (keys != null && keys.fetchedAt().plus(notWithin).isAfter(now)) {
			return keys;
		}
		Mono<JWKSet> previous = (keys != null) ? keys.set() : Mono.empty();
		Mono<JWKSet> set = this.fetch
			.onErrorResume((ex) -> previous.onErrorResume((none) -> Mono.empty()).switchIfEmpty(Mono.error(ex)))
			// the set is kept until replaced; a failure is not kept (the next request
			// asks)
			.cacheInvalidateIf((kept) -> false);
		Keys fetched = new Keys(set, now);
		return this.current.compareAndSet(keys, fetched) ? fetched : this.current.get();
	}

	private static JWKSet parse(String body) {
		try {
			return JWKSet.parse(body);
		}
		catch (ParseException ex) {
			throw new IllegalStateException("auth-service's JWKS does not parse: " + ex.getMessage(), ex);
		}
	}

	/** One fetch of the keys, shared by every request until the next. */
	private record Keys(Mono<JWKSet> set, Instant fetchedAt) {
	}

}
