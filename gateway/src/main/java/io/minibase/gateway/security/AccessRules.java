package io.minibase.gateway.security;

import java.util.List;
import java.util.Set;

import reactor.core.publisher.Mono;

import org.springframework.http.HttpMethod;
import org.springframework.http.server.PathContainer;
import org.springframework.http.server.reactive.ServerHttpRequest;
import org.springframework.security.authorization.AuthorizationDecision;
import org.springframework.security.authorization.AuthorizationResult;
import org.springframework.security.authorization.ReactiveAuthorizationManager;
import org.springframework.security.core.Authentication;
import org.springframework.security.web.server.authorization.AuthorizationContext;
import org.springframework.web.util.pattern.PathPattern;
import org.springframework.web.util.pattern.PathPatternParser;

/**
 * Which requests need a token, and which need the ADMIN role (shared/api.md): one table,
 * read top down, the first matching row deciding.
 *
 * <p>
 * The same rules as {@code authorizeExchange().pathMatchers(..)}, but decided in one
 * step: Spring Security's matchers are each a reactive chain, and walking seven of them
 * for every request was a large share of the gateway's CPU on a cached read (JFR,
 * docs/sizing.md). Patterns are matched exactly as those matchers match them (the
 * request's path within the application against a {@link PathPattern}).
 */
final class AccessRules implements ReactiveAuthorizationManager<AuthorizationContext> {

	/** What a request needs. */
	enum Access {

		/** Nothing: public reads, logging in, the API docs; unrouted paths end in 404. */
		PUBLIC,
		/** A valid token that was not revoked. */
		USER,
		/** A valid token that was not revoked, with the ADMIN role. */
		ADMIN

	}

	private static final Mono<AuthorizationResult> GRANTED = Mono.just(new AuthorizationDecision(true));

	private static final Set<HttpMethod> READS = Set.of(HttpMethod.GET, HttpMethod.HEAD);

	private static final List<Rule> RULES = List.of(
			// WeChat's message push: WeChat signs it, file-service checks the signature
			rule(Access.PUBLIC, "/api/wechat/push"), rule(Access.USER, "/api/auth/logout", "/api/auth/logout/**"),
			rule(Access.USER, "/api/users", "/api/users/**"), rule(Access.PUBLIC, "/api/admin/auth/login"),
			rule(Access.ADMIN, "/api/admin", "/api/admin/**"), rule(Access.USER, "/api/orders", "/api/orders/**"),
			rule(Access.USER, "/api/cart", "/api/cart/**"),
			// reading the catalog and the images is public; anything else there is not
			new Rule(READS, Access.PUBLIC, patterns("/api/catalog/**", "/api/files/**")),
			rule(Access.USER, "/api/catalog", "/api/catalog/**", "/api/files", "/api/files/**"));

	private final ReactiveAuthorizationManager<AuthorizationContext> user;

	private final ReactiveAuthorizationManager<AuthorizationContext> admin;

	AccessRules(ReactiveAuthorizationManager<AuthorizationContext> user,
			ReactiveAuthorizationManager<AuthorizationContext> admin) {
		this.user = user;
		this.admin = admin;
	}

	@Override
	public Mono<AuthorizationResult> authorize(Mono<Authentication> authentication, AuthorizationContext context) {
		return switch (accessTo(context.getExchange().getRequest())) {
			case PUBLIC -> GRANTED;
			case USER -> this.user.authorize(authentication, context);
			case ADMIN -> this.admin.authorize(authentication, context);
		};
	}

	static Access accessTo(ServerHttpRequest request) {
		PathContainer path = request.getPath().pathWithinApplication();
		for (Rule rule : RULES) {
			if (rule.matches(request.getMethod(), path)) {
				return rule.access();
			}
		}
		return Access.PUBLIC;
	}

	private static Rule rule(Access access, String... patterns) {
		return new Rule(Set.of(), access, patterns(patterns));
	}

	private static List<PathPattern> patterns(String... patterns) {
		return List.of(patterns).stream().map(PathPatternParser.defaultInstance::parse).toList();
	}

	/** Requests with one of these methods (any when empty) on one of these paths. */
	private record Rule(Set<HttpMethod> methods, Access access, List<PathPattern> patterns) {

		boolean matches(HttpMethod method, PathContainer path) {
			if (!this.methods.isEmpty() && !this.methods.contains(method)) {
				return false;
			}
			for (PathPattern pattern : this.patterns) {
				if (pattern.matches(path)) {
					return true;
				}
			}
			return false;
		}

	}

}
