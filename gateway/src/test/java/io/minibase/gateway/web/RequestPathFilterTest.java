package io.minibase.gateway.web;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The raw paths the gateway refuses before routing, and ordinary ones it lets through.
 */
class RequestPathFilterTest {

	@ParameterizedTest
	@ValueSource(strings = { "/api/catalog/../actuator/health", "/api/catalog/..", "/..", "/api/./catalog",
			"/api/catalog/.", "/api/catalog/..;/actuator", "/api/catalog;jsessionid=1", "/api/catalog/%2e%2e/x",
			"/api/catalog/%2E%2E/x", "/api/catalog/..%2fx", "/api/catalog/%2F", "/api/files/a%5cb", "/api/files/a%5Cb",
			"/api/files/a%00", "/api/files/a\\b", "/api/catalog/%2e" })
	void suspiciousPathsAreRefused(String path) {
		assertThat(RequestPathFilter.isSuspicious(path)).isTrue();
	}

	@ParameterizedTest
	@ValueSource(strings = { "/", "/api/catalog/products/1", "/api/catalog/products", "/api/files/7/thumbnail",
			"/api/catalog/products/.../x", "/api/catalog/a.b", "/api/catalog/.hidden", "/api/catalog/x..",
			"/api/catalog/%20tea", "/api/catalog/%E8%8C%B6", "/api/catalog/%2", "/api/catalog/%", "/v3/api-docs/order",
			"" })
	void ordinaryPathsPass(String path) {
		assertThat(RequestPathFilter.isSuspicious(path)).isFalse();
	}

}
