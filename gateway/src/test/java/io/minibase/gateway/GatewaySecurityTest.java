package io.minibase.gateway;

import java.text.ParseException;
import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import java.util.List;
import java.util.Map;

import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;
import org.springframework.boot.webtestclient.autoconfigure.AutoConfigureWebTestClient;
import org.springframework.data.redis.core.ReactiveStringRedisTemplate;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.test.web.reactive.server.EntityExchangeResult;
import org.springframework.test.web.reactive.server.WebTestClient;
import org.springframework.test.web.reactive.server.WebTestClient.ResponseSpec;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Bearer tokens at the gateway, in front of stand-in services and an auth-service stub
 * that serves the JWKS; revocations are read from the machine's Redis.
 */
@SpringBootTest(webEnvironment = WebEnvironment.RANDOM_PORT,
		// keys rotated in here sign at once, without auth-service's publish-ahead: looked
		// up the moment they are seen (the min refresh itself: KeyRotationTest and
		// common-tokens' AuthServiceKeysTest)
		properties = { "management.server.port=0", "GATEWAY_LOGIN_RATE_PER_SECOND=1", "GATEWAY_LOGIN_RATE_BURST=2",
				"gateway.token.keys-min-refresh=0s" })
@AutoConfigureWebTestClient
class GatewaySecurityTest {

	private static final TestTokens tokens = TestTokens.generate("test-key-1");

	private static final StubService auth = StubService.startOnFreePort();

	private static final StubService services = StubService.startOnFreePort();

	@Autowired
	private WebTestClient client;

	@Autowired
	private ReactiveStringRedisTemplate redis;

	@DynamicPropertySource
	static void stubs(DynamicPropertyRegistry registry) {
		StubService.routeTo(registry, auth, services);
	}

	@BeforeEach
	void servicesAreUp() {
		StubService.upWithJwks(auth, services, tokens);
	}

	@AfterAll
	static void stopStubs() {
		auth.stop();
		services.stop();
	}

	@Test
	void aProtectedRouteWithoutATokenAnswers401Problem() {
		expectUnauthorized(this.client.get().uri("/api/orders").exchange(), "/api/orders");
		expectUnauthorized(this.client.post().uri("/api/auth/logout").exchange(), "/api/auth/logout");
		expectUnauthorized(this.client.get().uri("/api/users/me").exchange(), "/api/users/me");
		expectUnauthorized(this.client.post().uri("/api/files").exchange(), "/api/files");
		expectUnauthorized(this.client.post().uri("/api/admin/catalog/products").exchange(),
				"/api/admin/catalog/products");
		assertThat(services.received()).isEmpty();
	}

	@Test
	void aValidTokenReachesTheServiceWithItsAuthorizationHeaderAndNoForgedIdentity() {
		String token = tokens.user("42");

		this.client.get()
			.uri("/api/orders?size=5")
			.header(HttpHeaders.AUTHORIZATION, "Bearer " + token)
			.header("X-User-Id", "1")
			.header("X-User-Roles", "ADMIN")
			.header("X-Authenticated-User", "1")
			.header("X-Forwarded-User", "admin")
			.exchange()
			.expectStatus()
			.isOk();

		assertThat(services.received()).singleElement().satisfies((request) -> {
			assertThat(request.uri()).isEqualTo("/api/orders?size=5");
			assertThat(request.header(HttpHeaders.AUTHORIZATION)).isEqualTo("Bearer " + token);
			assertThat(request.headers()).doesNotContainKeys("X-User-Id", "X-User-Roles", "X-Authenticated-User",
					"X-Forwarded-User");
		});
	}

	@Test
	void aTokenSignedByAKeyRotatedInIsAccepted() {
		ordersWith(tokens.user("42")).expectStatus().isOk();
		TestTokens rotated = TestTokens.generate("test-key-2");
		auth.answer(
				new StubService.Answer(200, "application/jwk-set+json", TestTokens.jwks(tokens, rotated), Map.of()));

		ordersWith(rotated.user("42")).expectStatus().isOk();
		ordersWith(tokens.user("42")).expectStatus().isOk();
		// the keys are cached: fetched again for the new kid, not for every request
		assertThat(auth.received()).hasSizeLessThanOrEqualTo(2);
	}

	@Test
	void aTokenSignedByAnEs256KeyFromBeforeRs256IsStillAccepted() {
		TestTokens earlier = TestTokens.generateEs256("test-key-es256");
		auth.answer(
				new StubService.Answer(200, "application/jwk-set+json", TestTokens.jwks(tokens, earlier), Map.of()));

		ordersWith(earlier.user("42")).expectStatus().isOk();
		ordersWith(tokens.user("42")).expectStatus().isOk();
	}

	@Test
	void aTokenSignedWithTheRightKeyButAnAlgorithmNotPinnedIsRefused() {
		expectRefused(tokens.userSignedWith(JWSAlgorithm.RS512, "42"));
		expectRefused(tokens.userSignedWith(JWSAlgorithm.PS256, "42"));
	}

	@Test
	void anExpiredTokenIsRefused() {
		Instant longAgo = Instant.now().minus(Duration.ofHours(1));
		String token = tokens.user("42",
				(claims) -> claims.issueTime(Date.from(longAgo))
					.notBeforeTime(Date.from(longAgo))
					.expirationTime(Date.from(longAgo.plus(Duration.ofMinutes(15)))));

		expectRefused(token);
	}

	@Test
	void aTokenWithoutSignatureIsRefused() {
		expectRefused(tokens.unsigned("42"));
	}

	@Test
	void aTokenSignedByAnotherKeyIsRefused() {
		expectRefused(TestTokens.generate("test-key-1").user("42"));
		expectRefused(TestTokens.generate("unknown-key").user("42"));
	}

	@Test
	void aTokenForAnotherAudienceIsRefused() {
		expectRefused(tokens.user("42", (claims) -> claims.audience("someone-else")));
	}

	@Test
	void aTokenFromAnotherIssuerIsRefused() {
		expectRefused(tokens.user("42", (claims) -> claims.issuer("https://evil.example")));
	}

	@Test
	void aTokenRevokedAtLogoutIsRefusedOnTheNextRequest() {
		String token = tokens.user("42");
		ordersWith(token).expectStatus().isOk();

		this.redis.opsForValue().set("auth:denylist:" + claims(token).getJWTID(), "1", Duration.ofMinutes(1)).block();

		expectRefused(token);
	}

	@Test
	void aTokenOfARevokedRefreshFamilyIsRefused() {
		String token = tokens.user("42");
		String family = (String) claims(token).getClaim("fid");

		this.redis.opsForValue().set("auth:refresh-family-revoked:" + family, "1", Duration.ofMinutes(1)).block();

		expectRefused(token);
	}

	@ParameterizedTest
	@ValueSource(strings = { "/api/admin/users", "/api/admin/dead-letters/order",
			"/api/admin/dead-letters/catalog/catalog.stock.v1/replay" })
	void theConsolesAdminCallsNeedAnAdminsToken(String path) {
		expectUnauthorized(this.client.post().uri(path).exchange(), path);
		expectProblem(this.client.post()
			.uri(path)
			.header(HttpHeaders.AUTHORIZATION, "Bearer " + tokens.user("42"))
			.exchange(), 403, "Forbidden", path);
		assertThat(services.received()).isEmpty();
		this.client.post()
			.uri(path)
			.header(HttpHeaders.AUTHORIZATION, "Bearer " + tokens.admin("1"))
			.exchange()
			.expectStatus()
			.isOk();
		// auth-service's users and dead letters, the others' dead letters: each to its
		// service
		assertThat(java.util.stream.Stream.concat(auth.received().stream(), services.received().stream())
			.map(StubService.Received::uri)).contains(path);
	}

	@Test
	void everyTokenOfAUserAnAdminDisabledIsRefusedAtOnce() {
		String first = tokens.user("43");
		String second = tokens.user("43");
		ordersWith(first).expectStatus().isOk();

		this.redis.opsForValue().set("auth:user-disabled:43", "1").block();
		try {
			expectRefused(first);
			expectRefused(second);
			ordersWith(tokens.user("44")).expectStatus().isOk();
		}
		finally {
			this.redis.delete("auth:user-disabled:43").block();
		}
	}

	@Test
	void aUserWhoIsNotAnAdminIsForbiddenTheAdminApi() {
		ResponseSpec response = this.client.post()
			.uri("/api/admin/catalog/products")
			.header(HttpHeaders.AUTHORIZATION, "Bearer " + tokens.user("42"))
			.contentType(MediaType.APPLICATION_JSON)
			.bodyValue("{\"name\":\"Tea\"}")
			.exchange();

		expectProblem(response, 403, "Forbidden", "/api/admin/catalog/products");
		assertThat(services.received()).isEmpty();
	}

	@Test
	void anAdminReachesTheAdminApi() {
		services.answer(new StubService.Answer(201, "application/json", "{\"id\":\"7\"}", Map.of()));

		this.client.post()
			.uri("/api/admin/catalog/products")
			.header(HttpHeaders.AUTHORIZATION, "Bearer " + tokens.admin("1"))
			.contentType(MediaType.APPLICATION_JSON)
			.bodyValue("{\"name\":\"Tea\"}")
			.exchange()
			.expectStatus()
			.isCreated();

		assertThat(services.received()).singleElement()
			.satisfies((request) -> assertThat(request.uri()).isEqualTo("/api/admin/catalog/products"));
	}

	@Test
	void anAdminsRefundReachesOrderServiceAndABuyersIsRefused() {
		services.answer(new StubService.Answer(202, "application/json", "{\"refundId\":\"RF1\"}", Map.of()));

		this.client.post()
			.uri("/api/admin/orders/7/refund")
			.header(HttpHeaders.AUTHORIZATION, "Bearer " + tokens.admin("1"))
			.contentType(MediaType.APPLICATION_JSON)
			.bodyValue("{\"reason\":\"damaged\"}")
			.exchange()
			.expectStatus()
			.isAccepted();
		expectProblem(this.client.post()
			.uri("/api/admin/orders/7/refund")
			.header(HttpHeaders.AUTHORIZATION, "Bearer " + tokens.user("2"))
			.contentType(MediaType.APPLICATION_JSON)
			.bodyValue("{\"reason\":\"mine\"}")
			.exchange(), 403, "Forbidden", "/api/admin/orders/7/refund");

		assertThat(services.received()).singleElement()
			.satisfies((request) -> assertThat(request.uri()).isEqualTo("/api/admin/orders/7/refund"));
	}

	@Test
	void aUsersAddressesReachOrderServiceAndTheRestOfUsersAuthService() {
		services.answer(new StubService.Answer(200, "application/json", "[]", Map.of()));
		auth.answer(new StubService.Answer(200, "application/json", "{\"id\":\"2\"}", Map.of()));

		for (String path : List.of("/api/users/me/addresses", "/api/users/me/addresses/3", "/api/users/me")) {
			this.client.get()
				.uri(path)
				.header(HttpHeaders.AUTHORIZATION, "Bearer " + tokens.user("2"))
				.exchange()
				.expectStatus()
				.isOk();
		}
		this.client.get().uri("/api/users/me/addresses").exchange().expectStatus().isUnauthorized();

		assertThat(services.received()).extracting(StubService.Received::uri)
			.containsExactly("/api/users/me/addresses", "/api/users/me/addresses/3");
		assertThat(auth.received()).extracting(StubService.Received::uri)
			.contains("/api/users/me")
			.noneMatch((uri) -> uri.startsWith("/api/users/me/addresses"));
	}

	@Test
	void theCartReachesOrderServiceWithAToken() {
		services.answer(new StubService.Answer(200, "application/json", "{\"items\":[],\"totalFen\":0}", Map.of()));
		this.client.get()
			.uri("/api/cart")
			.header(HttpHeaders.AUTHORIZATION, "Bearer " + tokens.user("2"))
			.exchange()
			.expectStatus()
			.isOk();
		this.client.put()
			.uri("/api/cart/items/7")
			.header(HttpHeaders.AUTHORIZATION, "Bearer " + tokens.user("2"))
			.header(HttpHeaders.CONTENT_TYPE, "application/json")
			.bodyValue("{\"quantity\":1}")
			.exchange()
			.expectStatus()
			.isOk();
		this.client.get().uri("/api/cart").exchange().expectStatus().isUnauthorized();
		assertThat(services.received()).extracting(StubService.Received::uri)
			.containsExactly("/api/cart", "/api/cart/items/7");
	}

	@Test
	void publicRoutesNeedNoToken() {
		this.client.get().uri("/api/catalog/products").exchange().expectStatus().isOk();
		this.client.get().uri("/api/files/abc").exchange().expectStatus().isOk();
		this.client.get().uri("/v3/api-docs/order").exchange().expectStatus().isOk();
		this.client.get().uri("/swagger-ui/index.html").exchange().expectStatus().isOk();

		assertThat(services.received()).extracting(StubService.Received::uri)
			.containsExactly("/api/catalog/products", "/api/files/abc", "/v3/api-docs");
	}

	@Test
	void aFileIsReadWithoutATokenOrWithOneThatReachesFileServiceForItsPrivateFiles() {
		String token = tokens.user("42");
		String id = "Qm9yaW5nLWJ1dC1yYW5kb2";

		this.client.get().uri("/api/files/" + id).exchange().expectStatus().isOk();
		this.client.get()
			.uri("/api/files/" + id + "?w=128")
			.header(HttpHeaders.AUTHORIZATION, "Bearer " + token)
			.header(HttpHeaders.RANGE, "bytes=0-9")
			.exchange()
			.expectStatus()
			.isOk();
		this.client.get()
			.uri("/api/files/" + id)
			.header(HttpHeaders.AUTHORIZATION, "Bearer not-a-token")
			.exchange()
			.expectStatus()
			.isUnauthorized();

		assertThat(services.received()).hasSize(2);
		assertThat(services.received().get(0).header(HttpHeaders.AUTHORIZATION)).isNull();
		assertThat(services.received().get(1)).satisfies((request) -> {
			assertThat(request.uri()).isEqualTo("/api/files/" + id + "?w=128");
			assertThat(request.header(HttpHeaders.AUTHORIZATION)).isEqualTo("Bearer " + token);
			assertThat(request.header(HttpHeaders.RANGE)).isEqualTo("bytes=0-9");
		});
	}

	@Test
	void weChatPushesNeedNoTokenAndNoAddressBucketLimitsThem() {
		for (int i = 0; i < 60; i++) {
			this.client.post()
				.uri("/api/wechat/push?signature=s&timestamp=1&nonce=" + i)
				.contentType(MediaType.APPLICATION_JSON)
				.bodyValue("{\"Encrypt\":\"" + i + "\"}")
				.exchange()
				.expectStatus()
				.isOk();
		}
		this.client.get()
			.uri("/api/wechat/push?signature=s&timestamp=1&nonce=2&echostr=e")
			.exchange()
			.expectStatus()
			.isOk();
		assertThat(services.received()).hasSize(61)
			.allSatisfy((request) -> assertThat(request.uri()).startsWith("/api/wechat/push?"));
		this.client.delete().uri("/api/wechat/push").exchange().expectStatus().isNotFound();
	}

	@Test
	void weChatPayNotifiesNeedNoTokenAndNoAddressBucketLimitsThem() {
		// more than the per-address burst (40) from one address: WeChat Pay sends every
		// merchant's notifies from a few addresses
		for (int i = 0; i < 60; i++) {
			this.client.post()
				.uri("/api/payments/wechat/notify")
				.contentType(MediaType.APPLICATION_JSON)
				.bodyValue("{\"id\":\"" + i + "\"}")
				.exchange()
				.expectStatus()
				.isOk();
		}
		assertThat(services.received()).hasSize(60)
			.allSatisfy((request) -> assertThat(request.uri()).isEqualTo("/api/payments/wechat/notify"));
		// only POST is routed
		this.client.get().uri("/api/payments/wechat/notify").exchange().expectStatus().isNotFound();
	}

	@Test
	void loggingInTooOftenFromOneAddressAnswers429ProblemWithRetryAfter() {
		auth.answer(new StubService.Answer(200, "application/json", "{\"accessToken\":\"x\"}", Map.of()));
		EntityExchangeResult<String> limited = null;
		for (int i = 0; i < 10 && limited == null; i++) {
			EntityExchangeResult<String> result = this.client.post()
				.uri("/api/auth/wechat/login")
				.contentType(MediaType.APPLICATION_JSON)
				.bodyValue("{\"code\":\"mock-alice-" + i + "\"}")
				.exchange()
				.expectBody(String.class)
				.returnResult();
			if (result.getStatus().value() == 429) {
				limited = result;
			}
			else {
				assertThat(result.getStatus().value()).isEqualTo(200);
			}
		}

		assertThat(limited).as("a 429 within 10 logins with a burst of 2").isNotNull();
		HttpHeaders headers = limited.getResponseHeaders();
		assertThat(headers.getFirst(HttpHeaders.RETRY_AFTER)).isEqualTo("1");
		assertThat(headers.getFirst("X-RateLimit-Remaining")).isEqualTo("0");
		assertThat(headers.getContentType()).isEqualTo(MediaType.APPLICATION_PROBLEM_JSON);
		assertThat(limited.getResponseBody()).contains("\"status\":429", "\"title\":\"Too Many Requests\"",
				"\"instance\":\"/api/auth/wechat/login\"", "\"traceId\":\"" + headers.getFirst("X-Trace-Id") + "\"");
		assertThat(auth.received().size()).isLessThan(10);
	}

	private ResponseSpec ordersWith(String token) {
		return this.client.get().uri("/api/orders").header(HttpHeaders.AUTHORIZATION, "Bearer " + token).exchange();
	}

	private void expectRefused(String token) {
		ResponseSpec response = ordersWith(token);
		response.expectHeader().valueEquals(HttpHeaders.WWW_AUTHENTICATE, "Bearer error=\"invalid_token\"");
		expectProblem(response, 401, "Unauthorized", "/api/orders");
	}

	private static void expectUnauthorized(ResponseSpec response, String path) {
		response.expectHeader().valueEquals(HttpHeaders.WWW_AUTHENTICATE, "Bearer");
		expectProblem(response, 401, "Unauthorized", path);
	}

	private static void expectProblem(ResponseSpec response, int status, String title, String path) {
		ProblemAssertions.expectProblem(response, status, title, path, (detail) -> {
		});
	}

	private static JWTClaimsSet claims(String token) {
		try {
			return SignedJWT.parse(token).getJWTClaimsSet();
		}
		catch (ParseException ex) {
			throw new IllegalStateException(ex);
		}
	}

}
