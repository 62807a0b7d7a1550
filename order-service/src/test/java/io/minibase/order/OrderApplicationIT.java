package io.minibase.order;

import io.minibase.testsupport.TestTokens;
import io.minibase.order.ordering.StubbedWeChatPay;
import io.minibase.testsupport.RunningServiceChecks;
import io.minibase.testsupport.UseLocalInfra;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import static org.assertj.core.api.Assertions.assertThat;

@SpringBootTest(webEnvironment = WebEnvironment.DEFINED_PORT)
@UseLocalInfra(database = "orders", redis = true, kafka = true)
class OrderApplicationIT extends RunningServiceChecks {

	/** order-service does not start without a WeChat Pay merchant: the stub's. */
	static final StubbedWeChatPay PAY = new StubbedWeChatPay();

	@DynamicPropertySource
	static void weChatPay(DynamicPropertyRegistry registry) {
		PAY.register(registry);
		// the test key stands in for auth-service's
		registry.add("minibase.tokens.jwk-set-uri", TestTokens::jwksUri);
	}

	@AfterAll
	static void stopWeChatPay() {
		PAY.close();
	}

	@Override
	protected SqlRequest sqlRequest() {
		return new SqlRequest(
				request("/api/orders/987654321").header("Authorization", "Bearer " + TestTokens.token("USER")).GET(),
				"OrderMapper.findOwned");
	}

	/**
	 * springdoc names a schema by its class's simple name: two lists' page types of the
	 * same name would become one schema, and one list would be documented with the
	 * other's items.
	 */
	@Test
	void eachListDocumentsItsOwnItems() throws Exception {
		JsonNode docs = JsonMapper.shared().readTree(get("/v3/api-docs").body());
		assertThat(itemsOf(docs, "/api/orders")).isEqualTo("OrderView");
		assertThat(itemsOf(docs, "/api/admin/orders")).isEqualTo("OrderView");
		assertThat(itemsOf(docs, "/api/admin/after-sales")).isEqualTo("AfterSaleView");
	}

	/** The schema name of the items of the page that {@code GET path} answers. */
	private static String itemsOf(JsonNode docs, String path) {
		JsonNode content = docs.path("paths").path(path).path("get").path("responses").path("200").path("content");
		assertThat(content.isEmpty()).as("GET %s's 200 content", path).isFalse();
		String page = schemaName(content.iterator().next().path("schema").path("$ref").asString());
		return schemaName(docs.path("components")
			.path("schemas")
			.path(page)
			.path("properties")
			.path("items")
			.path("items")
			.path("$ref")
			.asString());
	}

	private static String schemaName(String ref) {
		return ref.substring(ref.lastIndexOf('/') + 1);
	}

}
